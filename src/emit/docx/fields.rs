//! What a Word 教案 says about a plan, for the built-in layout and a school's template alike:
//! its header fields, the sections that go into the header, and each step's parts as text.

use crate::model::{Document, Kind, Objectives};
use crate::plan::{Block, Plan, Role, Section, Step, blocks_text};

/// Section titles that fill a header field, the first found wins.
pub const OBJECTIVES: &[&str] = &["教学目标", "活动目标", "培训目标", "目标"];
pub const KEY_POINTS: &[&str] = &[
    "教学重难点",
    "重难点",
    "教学重点与难点",
    "重点与难点",
    "重点难点",
    "活动重难点",
];
pub const PREPARATION: &[&str] = &["教学准备", "活动准备", "课前准备", "培训准备", "准备"];
pub const BOARD: &[&str] = &["板书设计", "板书"];
pub const REFLECTION: &[&str] = &["教学反思", "活动反思", "课后反思", "反思"];

/// One plan being written: its document, its body and what surrounds it.
pub struct Facts<'a> {
    pub doc: &'a Document,
    pub plan: &'a Plan,
    /// The school, when the project has exactly one.
    pub school: Option<&'a str>,
    /// For a training session: its module's audiences when it names none.
    pub audiences: String,
}

impl Facts<'_> {
    pub fn grades(&self) -> String {
        self.doc.details.grades.join("、")
    }

    /// `40分钟` for a lesson or class meeting; a training session counts 学时.
    pub fn duration(&self) -> String {
        if self.doc.kind == Kind::Training {
            return self.hours();
        }
        self.doc
            .details
            .duration
            .map(|m| format!("{m}分钟"))
            .unwrap_or_default()
    }

    pub fn hours(&self) -> String {
        self.doc
            .details
            .hours
            .map(|h| format!("{h}学时"))
            .unwrap_or_default()
    }

    pub fn form(&self) -> String {
        self.doc
            .details
            .form
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default()
    }

    pub fn date(&self) -> String {
        self.doc
            .date
            .map(|d| format!("{}年{}月{}日", d.year, d.month, d.day))
            .unwrap_or_default()
    }

    /// The first section with one of `titles`.
    pub fn section(&self, titles: &[&str]) -> Option<&Section> {
        self.plan.section(titles)
    }

    /// The text of a section's blocks (and of its steps, if any).
    pub fn section_text(&self, titles: &[&str]) -> String {
        self.section(titles).map(section_text).unwrap_or_default()
    }

    /// One domain's objective (`认知`, `情感`, `行为`), or the list's items for `认知` when
    /// the objectives are a plain list, so nothing is lost.
    pub fn objective(&self, domain: &str) -> String {
        match &self.doc.details.objectives {
            Some(o @ Objectives::Domains { .. }) => o
                .domains()
                .into_iter()
                .flatten()
                .find(|(name, _)| *name == domain)
                .and_then(|(_, text)| text.map(str::to_string))
                .unwrap_or_default(),
            Some(Objectives::List { items }) if domain == "认知" => items
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{}. {t}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
            _ if domain == "认知" => self.section_text(OBJECTIVES),
            _ => String::new(),
        }
    }
}

/// A section's text, with its steps' titles and text.
pub fn section_text(section: &Section) -> String {
    let mut parts = vec![blocks_text_marked(&section.blocks)];
    for step in &section.steps {
        parts.push(step.title.clone());
        parts.push(blocks_text_marked(
            &step
                .parts
                .iter()
                .flat_map(|p| p.blocks.clone())
                .collect::<Vec<_>>(),
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

/// Blocks as text, list items with their marks (`1.`, `•`, `☐`).
pub fn blocks_text_marked(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::List { start, items } => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let mark = match (item.checked, start) {
                        (Some(true), _) => "☑ ".to_string(),
                        (Some(false), _) => "☐ ".to_string(),
                        (None, Some(n)) => format!("{}. ", n + i as u64),
                        (None, None) => "• ".to_string(),
                    };
                    format!("{mark}{}", blocks_text_marked(&item.blocks))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::WritingLine => "__________".into(),
            other => blocks_text(std::slice::from_ref(other)),
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A step's parts as the cells of a process row: (教师活动, 学生活动, 设计意图). A step that
/// marks no roles is all 教学活动; text before the first label goes with the teacher's part.
pub fn step_cells(step: &Step) -> [Vec<Block>; 3] {
    let collect = |roles: &[Role]| -> Vec<Block> {
        step.parts
            .iter()
            .filter(|p| roles.contains(&p.role))
            .flat_map(|p| p.blocks.iter().cloned())
            .collect()
    };
    [
        collect(&[Role::Activity, Role::Teacher]),
        collect(&[Role::Students]),
        collect(&[Role::Intent]),
    ]
}
