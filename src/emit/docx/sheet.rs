//! A handout or a parent letter as an A4 sheet with the print view's writing space: ruled
//! lines, answer boxes, check boxes, and a letter's reply slip after its ✂ cut line.

use super::layout::{BODY, LINE_12, LINE_14, is_title, page_flow, title, with_style};
use super::parts::package;
use super::wml::{self, Flow, Style};
use crate::model::{Document, HandoutAudience};
use crate::plan::{Block, Plan};

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
