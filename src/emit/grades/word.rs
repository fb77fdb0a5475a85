//! The 教学进度表 as a Word file: a title, and per semester a table (周次, 课题, 主题/侧重点,
//! 课型, 主题班会, 教案与课件) whose titles link to the pages on the site. A4 portrait, 宋体,
//! so a school can edit it in Word or WPS and print it.

use std::fmt::Write as _;

use super::schedule::{Row, Schedule};
use crate::emit::ooxml::{Package, escape};

/// Column widths in twentieths of a point; together the text width of A4 with 2 cm margins.
const WIDTHS: [u32; 6] = [1050, 2650, 1500, 1150, 2088, 1200];
const HEADERS: [&str; 6] = [
    "周次",
    "课题",
    "主题/侧重点",
    "课型",
    "主题班会",
    "教案与课件",
];

/// Hyperlink relationships, collected while the body is written.
#[derive(Default)]
struct Links(Vec<String>);

impl Links {
    /// The relationship id of a link to `target`.
    fn id(&mut self, target: &str) -> String {
        let at = match self.0.iter().position(|t| t == target) {
            Some(at) => at,
            None => {
                self.0.push(target.to_string());
                self.0.len() - 1
            }
        };
        format!("rL{}", at + 1)
    }
}

/// The .docx of `schedule`; `base` is put before each site-relative URL (the site's
/// `base_url`, so the links work from a file saved anywhere).
pub fn docx(schedule: &Schedule, title: &str, base: &str) -> std::io::Result<Vec<u8>> {
    let mut links = Links::default();
    let mut body = String::new();
    paragraph(&mut body, title, 32, true, "center");
    paragraph(
        &mut body,
        &format!(
            "学段：{}　　学校：____________　　任课教师：__________　　学年：________",
            schedule.stage
        ),
        21,
        false,
        "left",
    );
    for term in &schedule.terms {
        paragraph(&mut body, term.name, 24, true, "left");
        if term.rows.is_empty() {
            paragraph(&mut body, "本学期还没有排课。", 21, false, "left");
            continue;
        }
        table(&mut body, &term.rows, base, &mut links);
    }
    let rels: String = (links.0.iter().enumerate())
        .map(|(i, t)| {
            format!(
                r#"<Relationship Id="rL{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
                i + 1,
                escape(t)
            )
        })
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let mut p = Package::new();
    p.add("[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
    p.add("_rels/.rels", ROOT_RELS.as_bytes())?;
    p.add(
        "docProps/core.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:language>zh-CN</dc:language><dc:creator>yuxin</dc:creator></cp:coreProperties>"#,
            escape(title)
        )
        .as_bytes(),
    )?;
    p.add("word/document.xml", document.as_bytes())?;
    p.add(
        "word/_rels/document.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{rels}</Relationships>"#
        )
        .as_bytes(),
    )?;
    p.add("word/styles.xml", STYLES.as_bytes())?;
    p.finish()
}

fn paragraph(out: &mut String, text: &str, size: u32, bold: bool, align: &str) {
    let b = if bold { "<w:b/><w:bCs/>" } else { "" };
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:spacing w:before="120" w:after="120"/><w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    );
}

fn table(out: &mut String, rows: &[Row], base: &str, links: &mut Links) {
    let total: u32 = WIDTHS.iter().sum();
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
    );
    for w in WIDTHS {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    // The header row repeats on every page the table runs onto.
    out.push_str(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>"#);
    for (h, w) in HEADERS.iter().zip(WIDTHS) {
        cell(out, w, &[vec![Piece::Bold(h)]]);
    }
    out.push_str("</w:tr>");
    for r in rows {
        let url = |u: &str| format!("{base}{u}");
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        let text = |t: Option<&str>| vec![vec![Piece::Text(t.unwrap_or("").to_string())]];
        cell(out, WIDTHS[0], &text(Some(&r.week_text)));
        let plan = links.id(&url(&r.url));
        cell(out, WIDTHS[1], &[vec![Piece::Link(r.title.clone(), plan)]]);
        cell(out, WIDTHS[2], &text(r.emphasis.as_deref()));
        cell(out, WIDTHS[3], &text(r.form.as_deref()));
        // One paragraph a kit.
        let kits: Vec<Vec<Piece>> = (r.kits.iter())
            .map(|k| vec![Piece::Link(k.title.clone(), links.id(&url(&k.url)))])
            .collect();
        cell(out, WIDTHS[4], &kits);
        // `Word · 课件` on one line.
        let mut files = Vec::new();
        for (label, target) in [("Word", &r.docx), ("课件", &r.deck)] {
            if let Some(target) = target {
                if !files.is_empty() {
                    files.push(Piece::Text(" · ".into()));
                }
                files.push(Piece::Link(label.into(), links.id(&url(target))));
            }
        }
        cell(out, WIDTHS[5], &[files]);
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

enum Piece<'a> {
    Text(String),
    Bold(&'a str),
    /// Text and the relationship id of its link.
    Link(String, String),
}

/// One cell of paragraphs of pieces (a cell must hold at least one paragraph).
fn cell(out: &mut String, width: u32, paragraphs: &[Vec<Piece>]) {
    let _ = write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
    );
    if paragraphs.is_empty() {
        out.push_str("<w:p/>");
    }
    for pieces in paragraphs {
        out.push_str("<w:p><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/></w:pPr>");
        for p in pieces {
            piece(out, p);
        }
        out.push_str("</w:p>");
    }
    out.push_str("</w:tc>");
}

fn piece(out: &mut String, p: &Piece) {
    match p {
        Piece::Text(t) => run(out, t, ""),
        Piece::Bold(t) => run(out, t, "<w:b/><w:bCs/>"),
        Piece::Link(t, id) => {
            let _ = write!(out, r#"<w:hyperlink r:id="{id}">"#);
            run(out, t, r#"<w:color w:val="0B5D57"/><w:u w:val="single"/>"#);
            out.push_str("</w:hyperlink>");
        }
    }
}

fn run(out: &mut String, text: &str, props: &str) {
    let _ = write!(
        out,
        r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    );
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

/// 宋体 10.5 pt (五号) with the East Asian slot and language set, so no reader shows boxes.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#;
