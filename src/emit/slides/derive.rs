//! A plan's deck: which slides it has and what is on them. The HTML deck and the .pptx are
//! both drawn from this, so they always hold the same slides.
//!
//! By default the deck is derived from the plan (see `docs/authoring.md`, 课件): a title
//! slide, one slide per step with what the class should see (its questions and prompts, the
//! 学生活动 part, lists, tables, images), and for remedial and life-education topics a closing
//! slide saying whom to ask for help. The teacher's narration and the 设计意图 go to the
//! speaker notes. A `## 课件` section written by the author replaces the step slides.

use crate::plan::{Block, Item, Plan, Role, Run, Section, Step, blocks_text, step_minutes, text};

use super::deck::{Deck, Slide, SlideKind};
use super::fit;

/// What the derivation needs to know about the document besides its body.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub title: String,
    /// `认知生命 · 一年级 · 情境设计 · 40分钟`.
    pub subtitle: String,
    /// Title-slide notes: the summary and objectives.
    pub notes: String,
    /// Close with whom to ask for help (remedial and life-education topics).
    pub help: bool,
    /// `(name, number, 24-hour)` of the configured hotlines.
    pub hotlines: Vec<(String, String, bool)>,
    /// Whom the class can ask for help, for its stage; empty for the usual school list.
    pub people: Vec<String>,
}

/// Whom pupils at school can ask for help.
pub const SCHOOL_PEOPLE: [&str; 3] = [
    "班主任和任课老师",
    "学校心理辅导室的心理老师",
    "爸爸妈妈或家里信任的大人",
];

/// The title of the section that sets the slides by hand.
pub const AUTHORED: &str = "课件";

pub fn derive(plan: &Plan, facts: &Facts) -> Deck {
    let mut slides = Vec::new();
    let authored = plan.section(&[AUTHORED]);
    let has = |c: &str| authored.is_some_and(|s| s.classes.iter().any(|x| x == c));
    if !has("no-title") {
        let mut s = Slide::new(SlideKind::Title, &facts.title, 0);
        s.subtitle = facts.subtitle.clone();
        s.notes = facts.notes.clone();
        slides.push(s);
    }
    let body = match authored {
        Some(section) => authored_slides(section),
        None => plan
            .steps()
            .into_iter()
            .filter(|s| !s.has_class("no-slide"))
            .map(step_slide)
            .collect(),
    };
    for (i, slide) in body.into_iter().enumerate() {
        for mut part in fit::split(slide) {
            part.group = i + 1;
            slides.push(part);
        }
    }
    if facts.help && !has("no-help") {
        let group = slides.len() + 1;
        slides.extend(fit::split(help_slide(facts, group)));
    }
    Deck {
        title: facts.title.clone(),
        slides,
    }
}

/// A step's slide: its name, what the class sees, and the rest as notes.
pub fn step_slide(step: &Step) -> Slide {
    let mut slide = Slide::new(SlideKind::Content, step.name.trim(), 0);
    slide.minutes = step.minutes;
    let mut notes = Vec::new();
    if let Some(m) = step.minutes {
        notes.push(format!("本环节 {m} 分钟。"));
    }
    for part in &step.parts {
        match part.role {
            Role::Intent => notes.push(format!("设计意图：{}", blocks_text(&part.blocks))),
            Role::Students => slide.blocks.extend(part.blocks.iter().filter_map(shown)),
            Role::Activity | Role::Teacher => {
                let label = if part.role == Role::Teacher {
                    "教师活动："
                } else {
                    ""
                };
                let mut said = Vec::new();
                for block in &part.blocks {
                    match block {
                        Block::Paragraph(runs) => {
                            said.push(text(runs));
                            push_items(&mut slide.blocks, super::shown::items(runs));
                        }
                        // What is on the slide is not repeated in the notes.
                        other => match shown(other) {
                            Some(b) => slide.blocks.push(b),
                            None => said.push(other.text()),
                        },
                    }
                }
                let said: Vec<String> = said.into_iter().filter(|s| !s.is_empty()).collect();
                if !said.is_empty() {
                    notes.push(format!("{label}{}", said.join("\n")));
                }
            }
        }
    }
    slide.notes = notes.join("\n");
    slide
}

/// A block as the class sees it, or `None` for what stays off the screen (answer boxes,
/// quizzes, writing lines, rules).
fn shown(block: &Block) -> Option<Block> {
    match block {
        Block::Code { .. } | Block::WritingLine | Block::Rule => None,
        other => Some(other.clone()),
    }
}

/// Adds items as one bullet list, joined to a list of items just before it.
fn push_items(blocks: &mut Vec<Block>, found: Vec<Vec<Run>>) {
    if found.is_empty() {
        return;
    }
    let items = found.into_iter().map(|runs| Item {
        checked: None,
        blocks: vec![Block::Paragraph(runs)],
    });
    if let Some(Block::List {
        start: None,
        items: last,
    }) = blocks.last_mut()
        && last.iter().all(|i| i.checked.is_none())
    {
        let known: Vec<String> = last.iter().map(|i| blocks_text(&i.blocks)).collect();
        last.extend(items.filter(|i| !known.contains(&blocks_text(&i.blocks))));
        return;
    }
    blocks.push(Block::List {
        start: None,
        items: items.collect(),
    });
}

/// The slides of a `## 课件` section: each `###` heading or `---` rule starts one. A paragraph
/// opening with `备注：` (or bold `**备注**：`) and all after it on that slide are notes.
pub fn authored_slides(section: &Section) -> Vec<Slide> {
    let mut slides: Vec<Slide> = Vec::new();
    let mut in_notes = false;
    for block in &section.blocks {
        match block {
            Block::Heading { level: 3, runs } => {
                let title = text(runs);
                let minutes = step_minutes(&title);
                let name = match minutes {
                    Some(_) => strip_minutes(&title),
                    None => title.trim().to_string(),
                };
                let mut s = Slide::new(SlideKind::Content, name, 0);
                s.minutes = minutes;
                slides.push(s);
                in_notes = false;
            }
            Block::Rule => {
                slides.push(Slide::new(SlideKind::Content, "", 0));
                in_notes = false;
            }
            other => {
                if slides.is_empty() {
                    slides.push(Slide::new(SlideKind::Content, "", 0));
                }
                let slide = slides.last_mut().expect("just pushed");
                if let Block::Paragraph(runs) = other
                    && let Some(rest) = notes_label(&text(runs))
                {
                    in_notes = true;
                    add_note(&mut slide.notes, &rest);
                } else if in_notes {
                    add_note(&mut slide.notes, &other.text());
                } else {
                    slide.blocks.push(other.clone());
                }
            }
        }
    }
    slides.retain(|s| !s.title.is_empty() || !s.blocks.is_empty());
    slides
}

fn add_note(notes: &mut String, line: &str) {
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(line.trim());
}

/// `备注：…` → `…`.
fn notes_label(text: &str) -> Option<String> {
    let t = text.trim_start();
    ["备注：", "备注:", "讲稿：", "讲稿:"]
        .iter()
        .find_map(|l| t.strip_prefix(l))
        .map(|r| r.trim().to_string())
}

fn strip_minutes(title: &str) -> String {
    let t = title.trim_end();
    t.rfind(['（', '('])
        .map(|i| t[..i].trim_end().to_string())
        .unwrap_or_else(|| t.to_string())
}

/// 需要帮助时，可以找谁: the people at school and at home, and the configured hotlines.
fn help_slide(facts: &Facts, group: usize) -> Slide {
    let mut s = Slide::new(SlideKind::Help, "遇到困难，可以找谁帮忙", group);
    let item = |runs: Vec<Run>| Item {
        checked: None,
        blocks: vec![Block::Paragraph(runs)],
    };
    let people: Vec<String> = if facts.people.is_empty() {
        SCHOOL_PEOPLE.iter().map(|p| p.to_string()).collect()
    } else {
        facts.people.clone()
    };
    s.blocks.push(Block::List {
        start: None,
        items: people
            .into_iter()
            .map(|p| item(vec![Run::plain(p)]))
            .collect(),
    });
    if !facts.hotlines.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![Run::plain("心理援助热线：")]));
        s.blocks.push(Block::List {
            start: None,
            items: facts
                .hotlines
                .iter()
                .map(|(name, number, all_day)| {
                    let mut runs = vec![
                        Run::plain(format!("{name}  ")),
                        Run {
                            text: number.clone(),
                            strong: true,
                            ..Run::default()
                        },
                    ];
                    if *all_day {
                        runs.push(Run::plain("（24小时）"));
                    }
                    item(runs)
                })
                .collect(),
        });
    }
    s.notes = "提醒学生：求助是勇敢的表现。心里难受、遇到危险或发现同学有危险时，马上告诉身边的老师或家长；也可以拨打热线。".into();
    s
}
