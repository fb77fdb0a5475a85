//! WordprocessingML written by hand: paragraphs, runs and tables, and a plan's [`Block`]s laid
//! out as them. Every piece of author text goes through [`escape`]; nothing else is text.

use std::fmt::Write as _;

use crate::emit::ooxml::escape;
use crate::plan::{Block, Item, Run};

/// Table text: 五号 (10.5 pt), in half-points.
pub const CELL: u32 = 21;

/// The body face: 宋体 (SimSun), with the East Asian slot set so no reader falls back to boxes.
pub const SONG: &str = r#"<w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/>"#;
/// The heading face: 黑体 (SimHei).
pub const HEI: &str = r#"<w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体" w:cs="黑体"/>"#;

/// How blocks are set where they go: a table cell or the page, at which size.
#[derive(Debug, Clone, Copy)]
pub struct Flow {
    /// Width available, in twentieths of a point (for tables and boxes inside).
    pub width: u32,
    /// Distance between ruled writing lines, in twentieths of a point.
    pub line: u32,
    /// First-line indent of body paragraphs (a letter's), in hundredths of a character.
    pub indent_chars: u32,
}

/// Style of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub hei: bool,
    /// Half-points; `None` keeps the paragraph's.
    pub size: Option<u32>,
}

/// A run of text: `\n` becomes a line break, `\t` a tab.
pub fn run(out: &mut String, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    let mut props = String::new();
    if style.hei {
        props.push_str(HEI);
    } else if style.code {
        props.push_str(r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="宋体"/>"#);
    }
    if style.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if style.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    if let Some(size) = style.size {
        let _ = write!(props, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#);
    }
    if !props.is_empty() {
        let _ = write!(out, "<w:rPr>{props}</w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
            }
        }
    }
    out.push_str("</w:r>");
}

/// Styled runs of Markdown.
pub fn runs(out: &mut String, runs: &[Run], base: Style) {
    for r in runs {
        let style = Style {
            bold: base.bold || r.strong,
            italic: base.italic || r.emphasis,
            code: r.code,
            ..base
        };
        run(out, &r.text, style);
    }
}

/// A paragraph with raw `<w:pPr>` content and raw run XML.
pub fn para(out: &mut String, ppr: &str, content: &str) {
    if ppr.is_empty() {
        let _ = write!(out, "<w:p>{content}</w:p>");
    } else {
        let _ = write!(out, "<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>");
    }
}

/// A paragraph of plain text in one style.
pub fn text_para(out: &mut String, ppr: &str, text: &str, style: Style) {
    let mut content = String::new();
    run(&mut content, text, style);
    para(out, ppr, &content);
}

/// One cell of a [`table`].
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Grid columns it spans.
    pub span: u32,
    /// Its paragraphs and tables; an empty cell gets an empty paragraph.
    pub xml: String,
    /// A label cell: lightly shaded.
    pub shaded: bool,
    /// Vertical merge: `Some(true)` starts one, `Some(false)` continues it.
    pub vmerge: Option<bool>,
}

impl Cell {
    pub fn new(xml: String) -> Cell {
        Cell {
            span: 1,
            xml,
            ..Cell::default()
        }
    }

    pub fn span(mut self, span: u32) -> Cell {
        self.span = span;
        self
    }

    pub fn shaded(mut self) -> Cell {
        self.shaded = true;
        self
    }
}

/// A row of a [`table`].
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Repeats at the top of each page.
    pub header: bool,
    /// Never split across pages.
    pub cant_split: bool,
    /// Exact height in twentieths of a point.
    pub height: Option<u32>,
}

/// A table with single black borders, columns of `widths` (twips).
pub fn table(out: &mut String, widths: &[u32], rows: &[Row]) {
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#,
        borders(
            "single",
            6,
            &["top", "left", "bottom", "right", "insideH", "insideV"]
        )
    );
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    for row in rows {
        out.push_str("<w:tr>");
        let mut trpr = String::new();
        // A repeated header row is one line and never splits; marked `cantSplit` as well, it
        // made LibreOffice drop every row after it when it fell at the foot of a page (the
        // 教学过程 of a 25-minute 大班 plan vanished from its PDF).
        if row.cant_split && !row.header {
            trpr.push_str("<w:cantSplit/>");
        }
        if let Some(h) = row.height {
            let _ = write!(trpr, r#"<w:trHeight w:val="{h}" w:hRule="atLeast"/>"#);
        }
        if row.header {
            trpr.push_str("<w:tblHeader/>");
        }
        if !trpr.is_empty() {
            let _ = write!(out, "<w:trPr>{trpr}</w:trPr>");
        }
        let mut col = 0usize;
        for cell in &row.cells {
            let span = cell.span.max(1) as usize;
            let width: u32 = widths.iter().skip(col).take(span).sum();
            col += span;
            let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
            if span > 1 {
                let _ = write!(out, r#"<w:gridSpan w:val="{span}"/>"#);
            }
            match cell.vmerge {
                Some(true) => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Some(false) => out.push_str("<w:vMerge/>"),
                None => {}
            }
            if cell.shaded {
                out.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:vAlign w:val="center"/>"#);
            }
            out.push_str("</w:tcPr>");
            out.push_str(&cell.xml);
            // A cell ends with a paragraph, also after a nested table.
            if cell.xml.is_empty() || cell.xml.ends_with("</w:tbl>") {
                out.push_str("<w:p/>");
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// `<w:top …/><w:left …/>…` for a border element.
pub fn borders(kind: &str, size: u32, sides: &[&str]) -> String {
    sides
        .iter()
        .map(|s| format!(r#"<w:{s} w:val="{kind}" w:sz="{size}" w:space="0" w:color="000000"/>"#))
        .collect()
}

/// A ruled writing line: an empty paragraph of exactly `line` height with a bottom border.
pub fn writing_line(out: &mut String, flow: &Flow) {
    para(
        out,
        &format!(
            r#"<w:keepNext/><w:pBdr>{}</w:pBdr><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
            // `between` too: readers draw one bottom border under a run of paragraphs that
            // share their borders, and the lines between them only with it.
            borders("single", 4, &["bottom", "between"]),
            flow.line
        ),
        "",
    );
}

/// Lays out blocks as paragraphs and tables.
pub fn blocks(out: &mut String, blocks: &[Block], flow: &Flow) {
    for block in blocks {
        self::block(out, block, flow);
    }
}

fn body_ppr(flow: &Flow) -> String {
    if flow.indent_chars > 0 {
        // Both forms: Word and WPS use the characters, LibreOffice the twips (12 pt text).
        format!(
            r#"<w:ind w:firstLine="{}" w:firstLineChars="{}"/>"#,
            flow.indent_chars * 240 / 100,
            flow.indent_chars
        )
    } else {
        String::new()
    }
}

pub fn block(out: &mut String, block: &Block, flow: &Flow) {
    let base = Style::default();
    match block {
        Block::Paragraph(rs) => {
            let text = crate::plan::text(rs);
            if let Some(rest) = text.trim_start().strip_prefix('✂') {
                cut_line(out, rest.trim());
                return;
            }
            let mut content = String::new();
            runs(&mut content, rs, base);
            para(out, &body_ppr(flow), &content);
        }
        Block::Heading { runs: rs, .. } => {
            let mut content = String::new();
            runs(
                &mut content,
                rs,
                Style {
                    bold: true,
                    hei: true,
                    ..base
                },
            );
            para(out, r#"<w:keepNext/><w:spacing w:before="120"/>"#, &content);
        }
        Block::List { start, items } => list(out, *start, items, flow, 0),
        Block::Quote(inner) => {
            let mut nested = String::new();
            blocks(&mut nested, inner, flow);
            // Indented, with a rule on the left: the same quote in every reader.
            let ppr = format!(
                r#"<w:pBdr>{}</w:pBdr><w:ind w:left="240"/>"#,
                borders("single", 12, &["left"]).replace("w:space=\"0\"", "w:space=\"8\"")
            );
            out.push_str(&add_ppr(&nested, &ppr));
        }
        Block::Table { head, rows } => md_table(out, head, rows, flow),
        Block::Code { info, text } => code(out, info, text, flow),
        Block::Image { alt, src } => {
            let label = if alt.is_empty() { src.as_str() } else { alt };
            text_para(
                out,
                r#"<w:jc w:val="center"/>"#,
                &format!("〔图：{label}〕"),
                Style {
                    italic: true,
                    ..base
                },
            );
        }
        Block::WritingLine => writing_line(out, flow),
        Block::Rule => para(
            out,
            &format!("<w:pBdr>{}</w:pBdr>", borders("single", 4, &["bottom"])),
            "",
        ),
    }
}

/// Gives the paragraphs of `xml` that have no properties of their own the properties `ppr`
/// (the others keep theirs: Word refuses a property twice or out of order).
fn add_ppr(xml: &str, ppr: &str) -> String {
    xml.replace("<w:p><w:r>", &format!("<w:p><w:pPr>{ppr}</w:pPr><w:r>"))
        .replace("<w:p></w:p>", &format!("<w:p><w:pPr>{ppr}</w:pPr></w:p>"))
}

/// A dashed cut line across the page with its words in the middle (the reply slip's ✂).
fn cut_line(out: &mut String, words: &str) {
    let text = if words.is_empty() {
        "✂".to_string()
    } else {
        format!("✂ {words}")
    };
    text_para(
        out,
        &format!(
            r#"<w:keepNext/><w:pBdr>{}</w:pBdr><w:spacing w:before="360" w:after="240"/><w:jc w:val="center"/>"#,
            borders("dashed", 8, &["top"]).replace("w:space=\"0\"", "w:space=\"4\"")
        ),
        &text,
        Style {
            size: Some(18),
            ..Style::default()
        },
    );
}

fn list(out: &mut String, start: Option<u64>, items: &[Item], flow: &Flow, depth: u32) {
    let left = 420 * (depth.min(6) + 1);
    for (i, item) in items.iter().enumerate() {
        let marker = match (item.checked, start) {
            (Some(true), _) => "☑".to_string(),
            (Some(false), _) => "☐".to_string(),
            (None, Some(n)) => format!("{}.", n + i as u64),
            (None, None) => "•".to_string(),
        };
        let ppr = format!(r#"<w:ind w:left="{left}" w:hanging="420"/>"#);
        let mut first = true;
        for block in &item.blocks {
            match block {
                Block::Paragraph(rs) if first => {
                    let mut content = String::new();
                    run(&mut content, &format!("{marker}\t"), Style::default());
                    runs(&mut content, rs, Style::default());
                    para(
                        out,
                        &format!(r#"<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>{ppr}"#),
                        &content,
                    );
                }
                Block::List { start, items } => list(out, *start, items, flow, depth + 1),
                other => {
                    let mut nested = String::new();
                    self::block(&mut nested, other, flow);
                    if first {
                        let mut content = String::new();
                        run(&mut content, &marker, Style::default());
                        para(out, &ppr, &content);
                    }
                    out.push_str(&add_ppr(&nested, &format!(r#"<w:ind w:left="{left}"/>"#)));
                }
            }
            first = false;
        }
        if item.blocks.is_empty() {
            text_para(out, &ppr, &marker, Style::default());
        }
    }
}

fn md_table(out: &mut String, head: &[Vec<Run>], rows: &[Vec<Vec<Run>>], flow: &Flow) {
    let columns = head
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let width = flow.width.saturating_sub(200).max(1000);
    let widths = vec![width / columns as u32; columns];
    let cell = |rs: &[Run], bold: bool| {
        let mut content = String::new();
        runs(
            &mut content,
            rs,
            Style {
                bold,
                ..Style::default()
            },
        );
        let mut xml = String::new();
        para(&mut xml, "", &content);
        Cell::new(xml)
    };
    let mut all = Vec::new();
    if !head.is_empty() {
        all.push(Row {
            cells: head.iter().map(|c| cell(c, true).shaded()).collect(),
            header: true,
            cant_split: true,
            height: None,
        });
    }
    for r in rows {
        let mut cells: Vec<Cell> = r.iter().map(|c| cell(c, false)).collect();
        cells.resize_with(columns, || Cell::new(String::new()));
        all.push(Row {
            cells,
            cant_split: true,
            ..Row::default()
        });
    }
    table(out, &widths, &all);
    // Two tables in a row would merge in Word: a paragraph keeps them apart.
    para(out, r#"<w:spacing w:after="0"/>"#, "");
}

/// `answer N`: a box of N writing lines (the prompt inside it first); `quiz`: its questions
/// as text; any other code: its lines in a monospace face.
fn code(out: &mut String, info: &str, text: &str, flow: &Flow) {
    let mut words = info.split_whitespace();
    if words.next() == Some("answer") {
        let lines: u32 = words
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3)
            .clamp(1, 40);
        let inner = Flow {
            width: flow.width.saturating_sub(400),
            ..*flow
        };
        let mut xml = String::new();
        let prompt = text.trim();
        if !prompt.is_empty() {
            text_para(&mut xml, "", prompt, Style::default());
        }
        for _ in 0..lines {
            writing_line(&mut xml, &inner);
        }
        // A box never splits across pages: one row that cannot split.
        table(
            out,
            &[flow.width.saturating_sub(200).max(1000)],
            &[Row {
                cells: vec![Cell::new(xml)],
                cant_split: true,
                ..Row::default()
            }],
        );
        para(out, r#"<w:spacing w:after="0"/>"#, "");
        return;
    }
    let style = Style {
        code: info != "quiz",
        ..Style::default()
    };
    for line in text.trim_end().split('\n') {
        text_para(out, r#"<w:spacing w:after="0"/>"#, line, style);
    }
}

#[cfg(test)]
#[path = "wml_tests.rs"]
mod tests;
