//! The built-in Word layout: a plan as the header table and the 教学过程 table schools use,
//! and a handout or parent letter as an A4 sheet with its writing space. Handouts and letters:
//! [`super::sheet`]; the package around: [`super::parts`].

use std::fmt::Write as _;

use super::fields::{self, Facts};
use super::parts::package;
use super::wml::{self, Cell, Flow, Row, Style};
use crate::model::{Document, Kind, Objectives, Semester};
use crate::plan::{Block, Section};

/// A4 portrait, 2 cm side margins: the width text and tables get, in twips.
const TEXT_WIDTH: u32 = 11906 - 2 * 1134;
/// 小四 (12 pt) body; tables in 五号 (10.5 pt).
pub(super) const BODY: u32 = 24;
/// Writing lines 7.5 mm apart at 12 pt, 9.5 mm at 14 pt (as the print view).
pub(super) const LINE_12: u32 = 425;
pub(super) const LINE_14: u32 = 539;

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

pub(super) fn is_title(block: &Block, title: &str) -> bool {
    matches!(block, Block::Heading { level: 1, runs } if crate::plan::text(runs).trim() == title)
}

/// The document's title, centred in 黑体 小二, with a small line above saying what it is.
pub(super) fn title(out: &mut String, title: &str, what: &str) {
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

pub(super) fn page_flow(line: u32, indent_chars: u32) -> Flow {
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
pub(super) fn with_style(xml: &str, id: &str) -> String {
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

/// A header cell kept on the page of the row below it (`keepNext` on its paragraph): a header
/// row alone at the foot of a page, its rows on the next, read as a table that lost its body.
fn header_cell(text: &str) -> Cell {
    let mut xml = String::new();
    wml::text_para(
        &mut xml,
        r#"<w:keepNext/><w:jc w:val="center"/>"#,
        text,
        bold(),
    );
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
            .map(|t| header_cell(t))
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_header_cell_stays_with_the_row_below() {
        let cell = super::header_cell("环节");
        let mut out = String::new();
        super::wml::table(
            &mut out,
            &[1000],
            &[super::Row {
                cells: vec![cell],
                header: true,
                ..super::Row::default()
            }],
        );
        assert!(
            out.contains(r#"<w:pStyle w:val="Cell"/><w:keepNext/><w:jc w:val="center"/>"#),
            "{out}"
        );
    }
}
