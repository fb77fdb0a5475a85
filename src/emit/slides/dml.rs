//! DrawingML text for the .pptx: runs with their Latin and East Asian fonts, paragraphs, and
//! the paragraphs of a plan's blocks (lists with their bullets and numbers, quotes, tables as
//! lines).

use std::fmt::Write;

use crate::emit::ooxml::escape;
use crate::plan::{Block, Run};

/// The typeface set on every run: Latin and East Asian.
pub const FONT: &str = "微软雅黑";

pub const BODY_SZ: u32 = 2400;

/// Run properties: size, style, colour and both fonts.
pub fn rpr(tag: &str, run: &Run, sz: u32, color: Option<&str>) -> String {
    let mut s = format!("<a:{tag} lang=\"zh-CN\" altLang=\"en-US\" sz=\"{sz}\"");
    if run.strong {
        s.push_str(" b=\"1\"");
    }
    if run.emphasis {
        s.push_str(" i=\"1\"");
    }
    s.push_str(" dirty=\"0\">");
    let color = color.or(run.strong.then_some("8A1C12"));
    if let Some(c) = color {
        let _ = write!(s, "<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>");
    }
    let _ = write!(
        s,
        "<a:latin typeface=\"{FONT}\"/><a:ea typeface=\"{FONT}\"/><a:cs typeface=\"{FONT}\"/></a:{tag}>"
    );
    s
}

/// One paragraph: its properties (`<a:pPr …>`), its runs, and the end properties.
pub fn para(ppr: &str, runs: &[Run], sz: u32, color: Option<&str>) -> String {
    let mut s = format!("<a:p>{ppr}");
    for run in runs {
        // A hard line break inside a run is a <a:br/>.
        for (i, piece) in run.text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(s, "<a:br>{}</a:br>", rpr("rPr", run, sz, color));
            }
            if !piece.is_empty() {
                let _ = write!(
                    s,
                    "<a:r>{}<a:t>{}</a:t></a:r>",
                    rpr("rPr", run, sz, color),
                    escape(piece)
                );
            }
        }
    }
    let _ = write!(s, "{}</a:p>", rpr("endParaRPr", &Run::default(), sz, color));
    s
}

pub const PLAIN: &str = "<a:pPr marL=\"0\" indent=\"0\"><a:spcAft><a:spcPts val=\"600\"/></a:spcAft><a:buNone/></a:pPr>";

/// The paragraphs of a block that goes in a text box.
pub fn paragraphs(block: &Block, out: &mut String, depth: i64) {
    let indent = 457_200 * depth;
    match block {
        Block::Paragraph(runs) => {
            out.push_str(&para(&with_indent(PLAIN, indent), runs, BODY_SZ, None))
        }
        Block::Heading { runs, .. } => {
            let runs: Vec<Run> = runs
                .iter()
                .map(|r| Run {
                    strong: true,
                    ..r.clone()
                })
                .collect();
            out.push_str(&para(PLAIN, &runs, 2800, Some("0D4536")));
        }
        Block::List { start, items } => {
            for item in items {
                let marl = indent + 571_500;
                let bullet = match start {
                    Some(n) => format!("<a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\" startAt=\"{n}\"/>"),
                    None => "<a:buClr><a:srgbClr val=\"1B6B57\"/></a:buClr><a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>".into(),
                };
                let ppr = format!(
                    "<a:pPr marL=\"{marl}\" indent=\"-457200\"><a:spcAft><a:spcPts val=\"400\"/></a:spcAft>{bullet}</a:pPr>"
                );
                let mut first = true;
                for b in &item.blocks {
                    match b {
                        Block::Paragraph(runs) if first => {
                            let mut runs = runs.clone();
                            match item.checked {
                                Some(true) => runs.insert(0, Run::plain("☑ ")),
                                Some(false) => runs.insert(0, Run::plain("☐ ")),
                                None => {}
                            }
                            out.push_str(&para(&ppr, &runs, BODY_SZ, None));
                        }
                        other => paragraphs(other, out, depth + 1),
                    }
                    first = false;
                }
            }
        }
        Block::Quote(blocks) => {
            for b in blocks {
                match b {
                    Block::Paragraph(runs) => out.push_str(&para(
                        &with_indent(PLAIN, indent + 304_800),
                        runs,
                        BODY_SZ,
                        Some("0D4536"),
                    )),
                    other => paragraphs(other, out, depth + 1),
                }
            }
        }
        Block::Code { text, .. } => {
            out.push_str(&para(PLAIN, &[Run::plain(text.trim_end())], 2000, None))
        }
        Block::Image { alt, .. } => out.push_str(&para(
            PLAIN,
            &[Run::plain(format!("［图片：{alt}］"))],
            BODY_SZ,
            Some("555555"),
        )),
        Block::Table { .. } | Block::WritingLine | Block::Rule => {}
    }
}

pub fn with_indent(ppr: &str, indent: i64) -> String {
    ppr.replacen("marL=\"0\"", &format!("marL=\"{indent}\""), 1)
}
