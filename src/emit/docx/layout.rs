//! The built-in Word layout: a plan as the header table and the 教学过程 table schools use,
//! and a handout or parent letter as an A4 sheet with its writing space. The package's other
//! parts (styles with 宋体/黑体 and the Chinese language set, A4 page, page numbers) are here too.

use std::fmt::Write as _;

use super::fields::{self, Facts};
use super::wml::{self, Cell, Flow, HEI, Row, SONG, Style};
use crate::emit::ooxml::{Package, escape};
use crate::model::{Document, HandoutAudience, Kind, Objectives, Semester};
use crate::plan::{Block, Plan, Section};

/// A4 portrait, 2 cm side margins: the width text and tables get, in twips.
const TEXT_WIDTH: u32 = 11906 - 2 * 1134;
/// 小四 (12 pt) body; tables in 五号 (10.5 pt).
const BODY: u32 = 24;
const CELL: u32 = 21;
/// Writing lines 7.5 mm apart at 12 pt, 9.5 mm at 14 pt (as the print view).
const LINE_12: u32 = 425;
const LINE_14: u32 = 539;

/// Labels that differ between a lesson, a class meeting and a training session.
struct Labels {
    title: &'static str,
    objectives: &'static str,
    preparation: &'static str,
    teacher: &'static str,
    students: &'static str,
    lead: &'static str,
}

fn labels(kind: Kind) -> Labels {
    match kind {
        Kind::ClassMeeting => Labels {
            title: "班会主题",
            objectives: "活动目标",
            preparation: "活动准备",
            teacher: "教师活动",
            students: "学生活动",
            lead: "执教",
        },
        Kind::Training => Labels {
            title: "专题",
            objectives: "培训目标",
            preparation: "培训准备",
            teacher: "培训者活动",
            students: "学员活动",
            lead: "主讲",
        },
        _ => Labels {
            title: "课题",
            objectives: "教学目标",
            preparation: "教学准备",
            teacher: "教师活动",
            students: "学生活动",
            lead: "执教",
        },
    }
}

/// A plan (lesson, class meeting, training session) in the built-in layout.
pub fn plan(facts: &Facts) -> std::io::Result<Vec<u8>> {
    let doc = facts.doc;
    let plan = facts.plan;
    let l = labels(doc.kind);
    let mut body = String::new();
    title(
        &mut body,
        &doc.title,
        &format!("{}设计", kind_word(doc.kind)),
    );
    // The header table: label | value | label | value.
    let half = TEXT_WIDTH / 2;
    let widths = [1500, half - 1500, 1500, TEXT_WIDTH - half - 1500];
    let wide = widths[1] + widths[2] + widths[3];
    let mut used: Vec<&str> = Vec::new();
    let mut rows = vec![pair_row(&[(l.title, &doc.title)], true)];
    match doc.kind {
        Kind::Training => {
            rows.push(pair_row(
                &[("培训对象", &facts.audiences), ("学时", &facts.hours())],
                false,
            ));
            rows.push(pair_row(&[("形式", &facts.form()), (l.lead, "")], false));
        }
        Kind::ClassMeeting => {
            rows.push(pair_row(
                &[
                    ("授课年级/班级", &facts.grades()),
                    (
                        "学期",
                        doc.details.semester.map(Semester::name).unwrap_or(""),
                    ),
                ],
                false,
            ));
            rows.push(pair_row(
                &[("时长", &facts.duration()), ("形式", &facts.form())],
                false,
            ));
            rows.push(pair_row(&[(l.lead, ""), ("日期", &facts.date())], false));
        }
        _ => {
            rows.push(pair_row(
                &[
                    ("授课年级/班级", &facts.grades()),
                    ("课时/时长", &lesson_time(doc)),
                ],
                false,
            ));
            rows.push(pair_row(&[("课型", &facts.form()), (l.lead, "")], false));
        }
    }
    if doc.kind != Kind::ClassMeeting {
        rows.push(pair_row(
            &[
                ("日期", &facts.date()),
                ("学校", facts.school.unwrap_or("")),
            ],
            false,
        ));
    }
    // 教学目标: the front matter's three domains, else the section.
    let mut objectives = String::new();
    match &doc.details.objectives {
        Some(o @ Objectives::Domains { .. }) => {
            for (name, text) in o.domains().into_iter().flatten() {
                let mut content = String::new();
                wml::run(&mut content, &format!("{name}目标："), bold());
                wml::run(&mut content, text.unwrap_or(""), Style::default());
                wml::para(&mut objectives, "", &content);
            }
        }
        Some(Objectives::List { items }) => {
            for (i, item) in items.iter().enumerate() {
                wml::text_para(
                    &mut objectives,
                    "",
                    &format!("{}. {item}", i + 1),
                    Style::default(),
                );
            }
        }
        None => {
            if let Some(s) = facts.section(fields::OBJECTIVES) {
                used.push(&s.title);
                section_blocks(&mut objectives, s, &cell_flow(wide));
            }
        }
    }
    rows.push(section_row(l.objectives, objectives, wide));
    for (label, titles, always) in [
        ("教学重难点", fields::KEY_POINTS, doc.kind != Kind::Training),
        (
            l.preparation,
            fields::PREPARATION,
            doc.kind != Kind::Training,
        ),
    ] {
        let mut xml = String::new();
        if let Some(s) = facts.section(titles) {
            used.push(&s.title);
            section_blocks(&mut xml, s, &cell_flow(wide));
        } else if !always {
            continue;
        }
        rows.push(section_row(label, xml, wide));
    }
    wml::table(&mut body, &widths, &rows);
    // What comes before the first section, then the sections before the process.
    let flow = page_flow(LINE_12, 0);
    let intro: Vec<Block> = plan
        .intro
        .iter()
        .filter(|b| !is_title(b, &doc.title))
        .cloned()
        .collect();
    if !intro.is_empty() {
        spacer(&mut body);
        wml::blocks(&mut body, &intro, &flow);
    }
    let reflection = facts.section(fields::REFLECTION).map(|s| s.title.as_str());
    let process = plan.process();
    for section in &plan.sections {
        if process.is_some_and(|p| std::ptr::eq(p, section)) {
            process_table(&mut body, section, &l);
            continue;
        }
        if used.contains(&section.title.as_str()) || Some(section.title.as_str()) == reflection {
            continue;
        }
        heading(&mut body, &section.title);
        section_blocks(&mut body, section, &flow);
    }
    // 教学反思 last: the author's, or ruled lines to write on after class.
    if doc.kind != Kind::Training || reflection.is_some() {
        heading(&mut body, reflection.unwrap_or("教学反思"));
        match facts.section(fields::REFLECTION) {
            Some(s) => section_blocks(&mut body, s, &flow),
            None => {
                for _ in 0..5 {
                    wml::writing_line(&mut body, &flow);
                }
            }
        }
    }
    package(&body, &doc.title, BODY)
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::ClassMeeting => "主题班会",
        Kind::Training => "培训专题",
        _ => "教学",
    }
}

/// `1课时（40分钟）`.
fn lesson_time(doc: &Document) -> String {
    match doc.details.duration {
        Some(m) => format!("1课时（{m}分钟）"),
        None => "1课时".into(),
    }
}

fn bold() -> Style {
    Style {
        bold: true,
        ..Style::default()
    }
}

fn is_title(block: &Block, title: &str) -> bool {
    matches!(block, Block::Heading { level: 1, runs } if crate::plan::text(runs).trim() == title)
}

/// The document's title, centred in 黑体 小二, with a small line above saying what it is.
fn title(out: &mut String, title: &str, what: &str) {
    wml::text_para(
        out,
        r#"<w:spacing w:after="0"/><w:jc w:val="center"/>"#,
        what,
        Style {
            hei: true,
            size: Some(21),
            ..Style::default()
        },
    );
    wml::text_para(out, r#"<w:pStyle w:val="Title"/>"#, title, Style::default());
}

fn heading(out: &mut String, text: &str) {
    let mut content = String::new();
    wml::run(&mut content, text, Style::default());
    wml::para(out, r#"<w:pStyle w:val="Heading2"/>"#, &content);
}

fn spacer(out: &mut String) {
    wml::para(out, r#"<w:spacing w:after="0"/>"#, "");
}

fn page_flow(line: u32, indent_chars: u32) -> Flow {
    Flow {
        width: TEXT_WIDTH,
        line,
        indent_chars,
    }
}

fn cell_flow(width: u32) -> Flow {
    Flow {
        width: width.saturating_sub(170),
        line: LINE_12,
        indent_chars: 0,
    }
}

/// Blocks laid out for a table cell: every paragraph in the small `Cell` style.
fn cell_xml(blocks: &[Block], width: u32) -> String {
    let mut xml = String::new();
    wml::blocks(&mut xml, blocks, &cell_flow(width));
    in_cell_style(&xml)
}

fn in_cell_style(xml: &str) -> String {
    with_style(xml, "Cell")
}

/// Puts every paragraph of `xml` in the paragraph style `id` (first in its properties, as
/// Word wants).
fn with_style(xml: &str, id: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:p>") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "<w:p>".len()..];
        if let Some(after) = rest.strip_prefix("<w:pPr>") {
            let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{id}"/>"#);
            rest = after;
        } else {
            let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{id}"/></w:pPr>"#);
        }
    }
    out.push_str(rest);
    out
}

fn label_cell(text: &str) -> Cell {
    let mut xml = String::new();
    wml::text_para(&mut xml, r#"<w:jc w:val="center"/>"#, text, bold());
    Cell::new(in_cell_style(&xml)).shaded()
}

fn text_cell(text: &str) -> Cell {
    let mut xml = String::new();
    wml::text_para(&mut xml, "", text, Style::default());
    Cell::new(in_cell_style(&xml))
}

/// A header row of one or two label/value pairs; one pair spans the row.
fn pair_row(pairs: &[(&str, &str)], strong: bool) -> Row {
    let mut cells = Vec::new();
    for (label, value) in pairs {
        cells.push(label_cell(label));
        let cell = if strong {
            let mut xml = String::new();
            wml::text_para(&mut xml, "", value, bold());
            Cell::new(in_cell_style(&xml))
        } else {
            text_cell(value)
        };
        cells.push(if pairs.len() == 1 { cell.span(3) } else { cell });
    }
    Row {
        cells,
        cant_split: true,
        height: Some(454),
        ..Row::default()
    }
}

fn section_row(label: &str, xml: String, _wide: u32) -> Row {
    Row {
        cells: vec![label_cell(label), Cell::new(in_cell_style(&xml)).span(3)],
        height: Some(454),
        ..Row::default()
    }
}

/// A section's blocks, then its steps (outside the process they stay text with headings).
fn section_blocks(out: &mut String, section: &Section, flow: &Flow) {
    wml::blocks(out, &section.blocks, flow);
    for step in &section.steps {
        let mut content = String::new();
        wml::run(&mut content, &step.title, bold());
        wml::para(out, "<w:keepNext/>", &content);
        for part in &step.parts {
            wml::blocks(out, &part.blocks, flow);
        }
    }
}

/// 教学过程: 环节 | 时间 | 教师活动 | 学生活动 | 设计意图, one row per step; its header row
/// repeats on each page and no row splits. A step that marks no roles fills one 教学活动 cell
/// across the teacher's and students' columns.
fn process_table(out: &mut String, section: &Section, l: &Labels) {
    heading(out, &section.title);
    wml::blocks(out, &section.blocks, &page_flow(LINE_12, 0));
    let widths = [1450, 800, 2700, 2350, TEXT_WIDTH - 1450 - 800 - 2700 - 2350];
    let mut rows = vec![Row {
        cells: ["环节", "时间", l.teacher, l.students, "设计意图"]
            .iter()
            .map(|t| label_cell(t))
            .collect(),
        header: true,
        cant_split: true,
        height: None,
    }];
    for step in &section.steps {
        let [teacher, students, intent] = fields::step_cells(step);
        let mut name = String::new();
        wml::text_para(&mut name, "", &step.name, bold());
        let mut cells = vec![
            Cell::new(in_cell_style(&name)),
            text_cell(&step.minutes.map(|m| format!("{m}分钟")).unwrap_or_default()),
        ];
        if step.has_roles() {
            cells.push(Cell::new(cell_xml(&teacher, widths[2])));
            cells.push(Cell::new(cell_xml(&students, widths[3])));
        } else {
            cells.push(Cell::new(cell_xml(&teacher, widths[2] + widths[3])).span(2));
        }
        cells.push(Cell::new(cell_xml(&intent, widths[4])));
        rows.push(Row {
            cells,
            cant_split: true,
            ..Row::default()
        });
    }
    if section.steps.is_empty() {
        return;
    }
    wml::table(out, &widths, &rows);
    spacer(out);
}

/// A handout or a parent letter: an A4 sheet with the print view's writing space.
pub fn handout(
    doc: &Document,
    kit: Option<&Document>,
    plan: &Plan,
    hotline: &str,
) -> std::io::Result<Vec<u8>> {
    let letter = doc.details.handout_audience == Some(HandoutAudience::Parents);
    let grades = kit
        .map(|k| &k.details.grades)
        .unwrap_or(&doc.details.grades);
    let young = doc.stage() == Some(crate::catalog::Stage::Kindergarten)
        || grades
            .iter()
            .any(|g| ["一年级", "二年级", "三年级"].contains(&g.as_str()));
    let (size, line) = if young && !letter {
        (28, LINE_14)
    } else {
        (BODY, LINE_12)
    };
    let mut body = String::new();
    let what = match (kit, letter) {
        (Some(k), true) => format!("《{}》家长信", k.title),
        (Some(k), false) => format!("《{}》学习单", k.title),
        (None, true) => "家长信".into(),
        (None, false) => "学习单".into(),
    };
    title(&mut body, &doc.title, &what);
    let all: Vec<Block> = plan
        .intro
        .iter()
        .cloned()
        .chain(plan.sections.iter().flat_map(|s| {
            // The numbered `## 一、…` sections of a sheet are read as one process: no heading.
            let synthetic = s.title == crate::plan::NUMBERED_PROCESS && s.blocks.is_empty();
            (!synthetic)
                .then(|| Block::Heading {
                    level: 2,
                    runs: vec![crate::plan::Run::plain(s.title.clone())],
                })
                .into_iter()
                .chain(s.blocks.iter().cloned())
                .chain(s.steps.iter().flat_map(|st| {
                    std::iter::once(Block::Heading {
                        level: 2,
                        runs: vec![crate::plan::Run::plain(st.title.clone())],
                    })
                    .chain(st.parts.iter().flat_map(|p| p.blocks.iter().cloned()))
                }))
        }))
        .filter(|b| !is_title(b, &doc.title))
        .collect();
    if !letter && !asks_name(&all) {
        wml::text_para(
            &mut body,
            r#"<w:spacing w:after="120"/><w:jc w:val="center"/>"#,
            "班级：__________　　姓名：__________　　日期：__________",
            Style::default(),
        );
    }
    // A letter's signature: the short paragraphs before the cut line (or the end).
    let cut = all
        .iter()
        .position(|b| matches!(b, Block::Paragraph(r) if crate::plan::text(r).trim_start().starts_with('✂')))
        .unwrap_or(all.len());
    let mut sign_from = cut;
    while letter
        && sign_from > 0
        && matches!(&all[sign_from - 1], Block::Paragraph(r) if short_line(&crate::plan::text(r)))
    {
        sign_from -= 1;
    }
    let flow = page_flow(line, if letter { 200 } else { 0 });
    for (i, block) in all.iter().enumerate() {
        let mut xml = String::new();
        let salutation = matches!(block, Block::Paragraph(r) if i == 0 && crate::plan::text(r).trim_end().ends_with(['：', ':']));
        let here = if salutation || i >= cut {
            Flow {
                indent_chars: 0,
                ..flow
            }
        } else {
            flow
        };
        if i >= sign_from && i < cut {
            if let Block::Paragraph(r) = block {
                let mut content = String::new();
                wml::runs(&mut content, r, Style::default());
                wml::para(&mut xml, r#"<w:jc w:val="right"/>"#, &content);
            }
        } else {
            wml::block(&mut xml, block, &here);
        }
        if i >= cut {
            // The reply slip stays on one page.
            xml = with_style(&xml, "Slip");
        }
        body.push_str(&xml);
        if letter && i + 1 == cut && !hotline.is_empty() {
            wml::text_para(
                &mut body,
                r#"<w:jc w:val="right"/>"#,
                hotline,
                Style {
                    size: Some(21),
                    ..Style::default()
                },
            );
        }
    }
    package(&body, &doc.title, size)
}

/// A signature line: `班主任`, `十月`, `2026年9月`.
fn short_line(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 12 && !text.ends_with(['！', '!', '。', '：'])
}

/// Whether the sheet's first paragraph already asks for a name (`姓名：____`).
fn asks_name(blocks: &[Block]) -> bool {
    blocks.iter().take(2).any(|b| {
        let t = b.text();
        (t.contains("姓名") || t.contains("名字")) && t.contains("__")
    })
}

/// The whole package around a body.
fn package(body: &str, title: &str, size: u32) -> std::io::Result<Vec<u8>> {
    let mut document = String::with_capacity(body.len() + 1024);
    document.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    ));
    document.push_str(body);
    let _ = write!(
        document,
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1247" w:right="1134" w:bottom="1247" w:left="1134" w:header="851" w:footer="680" w:gutter="0"/><w:cols w:space="425"/></w:sectPr></w:body></w:document>"#
    );
    let mut p = Package::new();
    p.add("[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
    p.add("_rels/.rels", ROOT_RELS.as_bytes())?;
    p.add("docProps/core.xml", core(title).as_bytes())?;
    p.add("word/document.xml", document.as_bytes())?;
    p.add("word/_rels/document.xml.rels", DOC_RELS.as_bytes())?;
    p.add("word/styles.xml", styles(size).as_bytes())?;
    p.add("word/settings.xml", SETTINGS.as_bytes())?;
    p.add("word/fontTable.xml", FONT_TABLE.as_bytes())?;
    p.add("word/footer1.xml", FOOTER.as_bytes())?;
    p.finish()
}

fn core(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:language>zh-CN</dc:language><dc:creator>yuxin</dc:creator></cp:coreProperties>"#,
        escape(title)
    )
}

fn styles(size: u32) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{SONG}<w:kern w:val="2"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="312" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>{HEI}<w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>{HEI}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="288" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="{CELL}"/><w:szCs w:val="{CELL}"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Slip"><w:name w:val="Reply Slip"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#;

/// 宋体 and 黑体 with their English names, the GB2312 charset and their panose, so Word, WPS
/// and LibreOffice find them (or their closest Chinese substitute) under either name.
const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="Consolas"><w:panose1 w:val="020B0609020204030204"/><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>"#;

/// `第 N 页` centred at the foot of each page.
const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>"#;
