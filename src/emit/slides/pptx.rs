//! The editable .pptx: the same slides as the HTML deck, each text a real text box with its
//! Latin and East Asian fonts set on every run, and speaker notes on every slide. The master,
//! layouts and themes are text files of the theme (`slides/pptx/*.xml`); the rest of the
//! package is the few parts ECMA-376 asks for.

use std::fmt::Write;

use crate::emit::ooxml::{Package, SharedParts, escape};
use crate::plan::{Block, Run};

use super::deck::{Deck, Slide, SlideKind};
pub use super::dml::FONT;
use super::dml::{BODY_SZ, para, paragraphs};
use super::fit;
use super::parts::{DECL, GRP, NS, content_types, presentation, rels};

/// The theme's parts, as text.
pub struct Master<'a> {
    pub theme: &'a str,
    pub notes_theme: &'a str,
    pub master: &'a str,
    pub title_layout: &'a str,
    pub content_layout: &'a str,
    pub notes_master: &'a str,
}

const SLIDE_W: i64 = 12_192_000;
const LEFT: i64 = 685_800;
const WIDTH: i64 = SLIDE_W - 2 * LEFT;
const TOP: i64 = 1_450_000;
/// One line of 24 pt body text with its spacing, in EMU (0.42 in).
const LINE: f32 = 384_048.0;

/// An image to place on a slide: PNG, JPEG or GIF, with its size in pixels.
pub struct Picture {
    pub bytes: Vec<u8>,
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

impl Master<'_> {
    /// The parts every deck of this theme has alike, compressed once (see [`pptx_with`]).
    pub fn shared(&self) -> std::io::Result<SharedParts> {
        let props = format!("{DECL}<p:presentationPr {NS}/>");
        let view = format!(
            "{DECL}<p:viewPr {NS}><p:normalViewPr/><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        );
        let tables = format!(
            "{DECL}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
        );
        let root_rels = rels(&[
            ("rId1", "officeDocument", "ppt/presentation.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            ("rId3", "extended-properties", "docProps/app.xml"),
        ]);
        let master_rels = rels(&[
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            ("rId2", "slideLayout", "../slideLayouts/slideLayout2.xml"),
            ("rId3", "theme", "../theme/theme1.xml"),
        ]);
        let layout_rels = rels(&[("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]);
        let notes_rels = rels(&[("rId1", "theme", "../theme/theme2.xml")]);
        SharedParts::new(&[
            ("_rels/.rels", root_rels.as_bytes()),
            ("ppt/presProps.xml", props.as_bytes()),
            ("ppt/viewProps.xml", view.as_bytes()),
            ("ppt/tableStyles.xml", tables.as_bytes()),
            ("ppt/theme/theme1.xml", self.theme.as_bytes()),
            ("ppt/theme/theme2.xml", self.notes_theme.as_bytes()),
            ("ppt/slideMasters/slideMaster1.xml", self.master.as_bytes()),
            (
                "ppt/slideMasters/_rels/slideMaster1.xml.rels",
                master_rels.as_bytes(),
            ),
            (
                "ppt/slideLayouts/slideLayout1.xml",
                self.title_layout.as_bytes(),
            ),
            (
                "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
                layout_rels.as_bytes(),
            ),
            (
                "ppt/slideLayouts/slideLayout2.xml",
                self.content_layout.as_bytes(),
            ),
            (
                "ppt/slideLayouts/_rels/slideLayout2.xml.rels",
                layout_rels.as_bytes(),
            ),
            (
                "ppt/notesMasters/notesMaster1.xml",
                self.notes_master.as_bytes(),
            ),
            (
                "ppt/notesMasters/_rels/notesMaster1.xml.rels",
                notes_rels.as_bytes(),
            ),
        ])
    }
}

/// The .pptx of a deck. `image` gives the picture of an image's `src`, or `None` when it
/// cannot be placed (the slide then shows its description).
pub fn pptx(
    deck: &Deck,
    master: &Master,
    image: &dyn Fn(&str) -> Option<Picture>,
) -> std::io::Result<Vec<u8>> {
    pptx_with(deck, &master.shared()?, image)
}

/// [`pptx`] with the theme's parts already compressed by [`Master::shared`]: a build makes
/// them once for all its decks.
pub fn pptx_with(
    deck: &Deck,
    shared: &SharedParts,
    image: &dyn Fn(&str) -> Option<Picture>,
) -> std::io::Result<Vec<u8>> {
    let n = deck.slides.len();
    let mut p = Package::new();
    p.add("[Content_Types].xml", content_types(n).as_bytes())?;
    p.add_shared(shared)?;
    p.add("docProps/core.xml", format!("{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>yuxin</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>", escape(&deck.title)).as_bytes())?;
    p.add("docProps/app.xml", format!("{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>yuxin</Application><Slides>{n}</Slides><Notes>{n}</Notes></Properties>").as_bytes())?;
    p.add("ppt/presentation.xml", presentation(n).as_bytes())?;
    let mut pres_rels = vec![
        (
            "rId1".to_string(),
            "slideMaster".to_string(),
            "slideMasters/slideMaster1.xml".to_string(),
        ),
        (
            "rId2".into(),
            "notesMaster".into(),
            "notesMasters/notesMaster1.xml".into(),
        ),
        ("rId3".into(), "theme".into(), "theme/theme1.xml".into()),
        ("rId4".into(), "presProps".into(), "presProps.xml".into()),
        ("rId5".into(), "viewProps".into(), "viewProps.xml".into()),
        (
            "rId6".into(),
            "tableStyles".into(),
            "tableStyles.xml".into(),
        ),
    ];
    for i in 1..=n {
        pres_rels.push((
            format!("rId{}", i + 10),
            "slide".into(),
            format!("slides/slide{i}.xml"),
        ));
    }
    let refs: Vec<(&str, &str, &str)> = pres_rels
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    p.add("ppt/_rels/presentation.xml.rels", rels(&refs).as_bytes())?;
    let mut media = 0;
    for (i, slide) in deck.slides.iter().enumerate() {
        let k = i + 1;
        let layout = if slide.kind == SlideKind::Title { 1 } else { 2 };
        let mut pictures = Vec::new();
        p.add(
            &format!("ppt/slides/slide{k}.xml"),
            slide_xml(slide, image, &mut pictures).as_bytes(),
        )?;
        let layout_target = format!("../slideLayouts/slideLayout{layout}.xml");
        let notes_target = format!("../notesSlides/notesSlide{k}.xml");
        let mut slide_rels: Vec<(String, &str, String)> = vec![
            ("rId1".into(), "slideLayout", layout_target),
            ("rId2".into(), "notesSlide", notes_target),
        ];
        for (j, picture) in pictures.into_iter().enumerate() {
            media += 1;
            let name = format!("image{media}.{}", picture.ext);
            p.add(&format!("ppt/media/{name}"), &picture.bytes)?;
            slide_rels.push((format!("rId{}", j + 3), "image", format!("../media/{name}")));
        }
        let refs: Vec<(&str, &str, &str)> = slide_rels
            .iter()
            .map(|(a, b, c)| (a.as_str(), *b, c.as_str()))
            .collect();
        p.add(
            &format!("ppt/slides/_rels/slide{k}.xml.rels"),
            rels(&refs).as_bytes(),
        )?;
        p.add(
            &format!("ppt/notesSlides/notesSlide{k}.xml"),
            notes_xml(&slide.notes).as_bytes(),
        )?;
        p.add(
            &format!("ppt/notesSlides/_rels/notesSlide{k}.xml.rels"),
            rels(&[
                ("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
                ("rId2", "slide", &format!("../slides/slide{k}.xml")),
            ])
            .as_bytes(),
        )?;
    }
    p.finish()
}

fn text_box(id: usize, y: i64, h: i64, inner: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"文本框 {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"{LEFT}\" y=\"{y}\"/><a:ext cx=\"{WIDTH}\" cy=\"{h}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>\
<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" rIns=\"0\"><a:noAutofit/></a:bodyPr><a:lstStyle/>{inner}</p:txBody></p:sp>"
    )
}

fn placeholder(id: usize, ph: &str, inner: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"标题 {id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/>\
<p:txBody><a:bodyPr><a:noAutofit/></a:bodyPr><a:lstStyle/>{inner}</p:txBody></p:sp>"
    )
}

fn table(id: usize, y: i64, head: &[Vec<Run>], rows: &[Vec<Vec<Run>>]) -> (String, i64) {
    let cols = head.len().max(1);
    let widths = fit::columns(head, rows);
    let col_ws: Vec<i64> = widths.iter().map(|w| (WIDTH as f32 * w) as i64).collect();
    let mut grid = String::new();
    for w in &col_ws {
        let _ = write!(grid, "<a:gridCol w=\"{w}\"/>");
    }
    let mut body = String::new();
    let mut total = 0i64;
    for (r, row) in std::iter::once(head.to_vec())
        .chain(rows.iter().cloned())
        .enumerate()
    {
        let lines = fit::row_lines(&row, &widths) * 48.0 / 42.0;
        let h = (lines * 350_000.0) as i64 + 120_000;
        total += h;
        let _ = write!(body, "<a:tr h=\"{h}\">");
        for c in 0..cols {
            let cell = row.get(c).cloned().unwrap_or_default();
            let cell: Vec<Run> = if r == 0 {
                cell.into_iter()
                    .map(|x| Run { strong: true, ..x })
                    .collect()
            } else {
                cell
            };
            let color = (r == 0).then_some("0D4536");
            let fill = if r == 0 { "DCECE6" } else { "FFFFFF" };
            let ln = |side: &str| {
                format!(
                    "<a:{side} w=\"28575\"><a:solidFill><a:srgbClr val=\"5B8C7F\"/></a:solidFill></a:{side}>"
                )
            };
            let _ = write!(
                body,
                "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{}</a:txBody><a:tcPr marL=\"91440\" marR=\"91440\" marT=\"45720\" marB=\"45720\">{}{}{}{}<a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></a:tcPr></a:tc>",
                para("<a:pPr><a:buNone/></a:pPr>", &cell, 2200, color),
                ln("lnL"),
                ln("lnR"),
                ln("lnT"),
                ln("lnB")
            );
        }
        body.push_str("</a:tr>");
    }
    let xml = format!(
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"表格 {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x=\"{LEFT}\" y=\"{y}\"/><a:ext cx=\"{}\" cy=\"{total}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\">\
<a:tbl><a:tblPr firstRow=\"1\"/><a:tblGrid>{grid}</a:tblGrid>{body}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>",
        col_ws.iter().sum::<i64>()
    );
    (xml, total)
}

/// A slide's XML; the pictures it places are pushed to `pictures`, the first as `rId3`.
fn slide_xml(
    slide: &Slide,
    image: &dyn Fn(&str) -> Option<Picture>,
    pictures: &mut Vec<Picture>,
) -> String {
    let mut shapes = String::new();
    let title_run = Run::plain(slide.title.clone());
    match slide.kind {
        SlideKind::Title => {
            shapes.push_str(&placeholder(
                2,
                "<p:ph type=\"ctrTitle\"/>",
                &para(
                    "<a:pPr algn=\"ctr\"/>",
                    &[Run {
                        strong: true,
                        ..title_run
                    }],
                    4800,
                    Some("0D4536"),
                ),
            ));
            let sub = Run::plain(slide.subtitle.clone());
            shapes.push_str(&placeholder(
                3,
                "<p:ph type=\"subTitle\" idx=\"1\"/>",
                &para("<a:pPr algn=\"ctr\"/>", &[sub], BODY_SZ, Some("222222")),
            ));
        }
        _ => {
            let color = if slide.kind == SlideKind::Help {
                "7A3D00"
            } else {
                "0D4536"
            };
            if !slide.title.is_empty() {
                shapes.push_str(&placeholder(
                    2,
                    "<p:ph type=\"title\"/>",
                    &para(
                        "<a:pPr/>",
                        &[Run {
                            strong: true,
                            ..title_run
                        }],
                        3600,
                        Some(color),
                    ),
                ));
            }
            let mut id = 3;
            let mut y = TOP;
            let mut pending = String::new();
            let mut pending_lines = 0.0f32;
            let flush = |shapes: &mut String,
                         pending: &mut String,
                         lines: &mut f32,
                         y: &mut i64,
                         id: &mut usize| {
                if pending.is_empty() {
                    return;
                }
                let h = (*lines * LINE) as i64 + 100_000;
                shapes.push_str(&text_box(*id, *y, h, pending));
                *y += h;
                *id += 1;
                pending.clear();
                *lines = 0.0;
            };
            for block in &slide.blocks {
                if let Block::Image { src, alt } = block
                    && let Some(picture) = image(src)
                {
                    flush(
                        &mut shapes,
                        &mut pending,
                        &mut pending_lines,
                        &mut y,
                        &mut id,
                    );
                    let rid = format!("rId{}", pictures.len() + 3);
                    let (xml, h) = pic(id, y, &rid, alt, &picture);
                    shapes.push_str(&xml);
                    pictures.push(picture);
                    y += h;
                    id += 1;
                    if !alt.trim().is_empty() {
                        let caption = para(
                            "<a:pPr algn=\"ctr\"><a:buNone/></a:pPr>",
                            &[Run::plain(alt.clone())],
                            1800,
                            Some("333333"),
                        );
                        shapes.push_str(&text_box(id, y, 380_000, &caption));
                        y += 380_000;
                        id += 1;
                    }
                } else if let Block::Table { head, rows } = block {
                    flush(
                        &mut shapes,
                        &mut pending,
                        &mut pending_lines,
                        &mut y,
                        &mut id,
                    );
                    let (xml, h) = table(id, y, head, rows);
                    shapes.push_str(&xml);
                    y += h + 150_000;
                    id += 1;
                } else {
                    paragraphs(block, &mut pending, 0);
                    pending_lines += fit::cost(block);
                }
            }
            flush(
                &mut shapes,
                &mut pending,
                &mut pending_lines,
                &mut y,
                &mut id,
            );
        }
    }
    format!(
        "{DECL}<p:sld {NS}><p:cSld><p:spTree>{GRP}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
}

/// A picture centred on the slide, as large as the lines an image takes allow.
fn pic(id: usize, y: i64, rid: &str, alt: &str, p: &Picture) -> (String, i64) {
    let max_h = (fit::IMAGE_LINES * LINE) as i64 - 380_000;
    let (w, h) = (i64::from(p.width.max(1)), i64::from(p.height.max(1)));
    let (mut cx, mut cy) = (WIDTH, WIDTH * h / w);
    if cy > max_h {
        (cx, cy) = (max_h * w / h, max_h);
    }
    let x = LEFT + (WIDTH - cx) / 2;
    let xml = format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"图片 {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
<p:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
<p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        escape(alt)
    );
    (xml, cy)
}

fn notes_xml(notes: &str) -> String {
    let mut paras = String::new();
    for line in notes.lines().filter(|l| !l.trim().is_empty()) {
        paras.push_str(&para("", &[Run::plain(line)], 1400, None));
    }
    if paras.is_empty() {
        paras.push_str(&para("", &[], 1400, None));
    }
    format!(
        "{DECL}<p:notes {NS}><p:cSld><p:spTree>{GRP}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"幻灯片图像 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"备注占位符 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>\
<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}
