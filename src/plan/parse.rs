//! A body's top-level headings and blocks (see `events`) into a [`Plan`]: sections, steps and
//! the parts of each step.

use super::events::{Builder, Top};
use super::{Block, Part, Plan, Role, Run, Section, Step};

/// The title of the process that a training session's numbered `##` sections make.
pub const NUMBERED_PROCESS: &str = "专题过程";

pub fn parse(body: &str, first_line: usize) -> Plan {
    let tops = Builder::new(body, first_line).run();
    assemble(tops)
}

/// `一、热身（5分钟）` → 5; full-width or ASCII brackets, spaces allowed.
pub fn step_minutes(title: &str) -> Option<u32> {
    split_minutes(title).1
}

/// The title without its trailing length, and the length in minutes (read loosely: `约8分钟`
/// and `半小时` count too; the `minutes-sum` lint asks for the conventional form).
fn split_minutes(title: &str) -> (&str, Option<u32>) {
    let (written, rest) = super::minutes::read(title);
    match written.minutes() {
        Some(n) => (rest, Some(n)),
        None => (title.trim_end(), None),
    }
}

/// `一、…` to `十、…`: a numbered section of a training session.
pub fn is_numbered(title: &str) -> bool {
    let mut chars = title.chars();
    let mut digits = 0;
    for c in chars.by_ref() {
        if "一二三四五六七八九十".contains(c) {
            digits += 1;
        } else {
            return digits > 0 && c == '、';
        }
    }
    false
}

fn assemble(tops: Vec<Top>) -> Plan {
    let has_process = tops
        .iter()
        .any(|t| matches!(t, Top::Heading { level: 2, title, .. } if super::is_process(title)));
    let mut plan = Plan::default();
    // Whether the current `##` section is the process, so its `###` headings are steps; a
    // training session's numbered `##` sections are steps of one synthetic process section.
    let mut in_process = false;
    for top in tops {
        match top {
            Top::Heading {
                level: 2,
                title,
                classes,
                line,
            } => {
                if !has_process && is_numbered(&title) {
                    if !in_process {
                        plan.sections.push(Section {
                            title: NUMBERED_PROCESS.into(),
                            line,
                            ..Section::default()
                        });
                        in_process = true;
                    }
                    let section = plan.sections.last_mut().expect("just pushed");
                    section.steps.push(step(title, classes, line));
                    continue;
                }
                in_process = super::is_process(&title);
                plan.sections.push(Section {
                    title,
                    line,
                    classes,
                    ..Section::default()
                });
            }
            Top::Heading {
                level: 3,
                title,
                classes,
                line,
            } if in_process && has_process => {
                let section = plan.sections.last_mut().expect("in a section");
                section.steps.push(step(title, classes, line));
            }
            Top::Heading { level, title, .. } => {
                push_block(
                    &mut plan,
                    Block::Heading {
                        level,
                        runs: vec![Run::plain(title)],
                    },
                );
            }
            Top::Block(block) => push_block(&mut plan, block),
        }
    }
    plan
}

fn step(title: String, classes: Vec<String>, line: usize) -> Step {
    let (name, minutes) = split_minutes(&title);
    Step {
        name: name.to_string(),
        minutes,
        title,
        line,
        classes,
        parts: Vec::new(),
    }
}

/// Adds a block where the plan stands: the open step (under its role), the open section, or
/// the intro.
fn push_block(plan: &mut Plan, block: Block) {
    let Some(section) = plan.sections.last_mut() else {
        plan.intro.push(block);
        return;
    };
    let Some(step) = section.steps.last_mut() else {
        section.blocks.push(block);
        return;
    };
    let (role, block) = match block {
        Block::Paragraph(runs) => match take_label(runs) {
            (Some(role), runs) if runs.iter().all(|r| r.text.trim().is_empty()) => {
                step.parts.push(Part {
                    role,
                    blocks: Vec::new(),
                });
                return;
            }
            (Some(role), runs) => (Some(role), Block::Paragraph(runs)),
            (None, runs) => (None, Block::Paragraph(runs)),
        },
        block => (None, block),
    };
    match (role, step.parts.last_mut()) {
        (None, Some(part)) => part.blocks.push(block),
        (None, None) => step.parts.push(Part {
            role: Role::Activity,
            blocks: vec![block],
        }),
        (Some(role), _) => step.parts.push(Part {
            role,
            blocks: vec![block],
        }),
    }
}

/// A paragraph that opens with a bold role label (`**设计意图**：…`, `**教师活动：**…`):
/// the role, and the paragraph without its label and colon.
fn take_label(mut runs: Vec<Run>) -> (Option<Role>, Vec<Run>) {
    let Some(first) = runs.first() else {
        return (None, runs);
    };
    if !first.strong {
        return (None, runs);
    }
    let label = first.text.trim().trim_end_matches(['：', ':']).trim_end();
    let Some(role) = Role::LABELS
        .iter()
        .find(|(name, _)| *name == label)
        .map(|(_, role)| *role)
    else {
        return (None, runs);
    };
    runs.remove(0);
    if let Some(next) = runs.first_mut() {
        let rest = next.text.trim_start().trim_start_matches(['：', ':']);
        next.text = rest.trim_start().to_string();
    }
    runs.retain(|r| !r.text.is_empty());
    (Some(role), runs)
}
