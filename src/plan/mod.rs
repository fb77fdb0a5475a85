//! The structure of a plan (教案, 班会方案, 培训专题), read from its Markdown body: its `##`
//! sections, and the steps (环节) of its process with their minutes and their parts: what the
//! teacher does, what the students do, and the 设计意图.
//!
//! The Word 教案 and the slide decks are made from this, not from HTML: a table cell or a slide
//! needs to know which paragraph is the teacher's and which is a question for the class. It
//! knows nothing of any output format. Every block an author wrote lands somewhere in a
//! [`Plan`]: nothing is dropped (raw HTML keeps its text).

mod events;
pub mod minutes;
mod parse;
#[cfg(test)]
mod tests;

pub use parse::{NUMBERED_PROCESS, step_minutes};

/// A plan's body, section by section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// What comes before the first `##` heading.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

/// A `##` section. In the process section (`## 教学过程` or `## 活动过程`) the `###`
/// headings are [`Step`]s; in any other section they stay blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// The heading's text, without `{#id .class}` attributes.
    pub title: String,
    /// 1-based line of the heading in the file.
    pub line: usize,
    /// Classes from the heading's attributes (`## 课件 {.no-slides}`).
    pub classes: Vec<String>,
    /// The blocks before the first step (all of them outside the process section).
    pub blocks: Vec<Block>,
    pub steps: Vec<Step>,
}

/// One 环节 of the process.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    /// The heading's text as written: `一、热身：铃声变变变（5分钟）`.
    pub title: String,
    /// The title without its minutes: `一、热身：铃声变变变`.
    pub name: String,
    pub minutes: Option<u32>,
    /// 1-based line of the heading in the file.
    pub line: usize,
    /// Classes from the heading's attributes: `### 三、… （10分钟） {.no-slide}`.
    pub classes: Vec<String>,
    /// The step's blocks in the order written, each with whose part it is.
    pub parts: Vec<Part>,
}

/// A run of blocks that belong to one role within a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub role: Role,
    pub blocks: Vec<Block>,
}

/// Whose a part of a step is. A paragraph that starts with a bold label (`**教师活动**：`,
/// `**学生活动**：`, `**设计意图**：`) starts a part of that role; it runs until the next label.
/// What comes before any label is [`Role::Activity`]: the step as one 教学活动.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Activity,
    Teacher,
    Students,
    Intent,
}

impl Role {
    /// The labels that start a part, longest first so `教师活动` wins over `教师`.
    pub const LABELS: [(&'static str, Role); 6] = [
        ("教师活动", Role::Teacher),
        ("学生活动", Role::Students),
        ("设计意图", Role::Intent),
        ("设计意图说明", Role::Intent),
        ("教师", Role::Teacher),
        ("学生", Role::Students),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Activity => "教学活动",
            Role::Teacher => "教师活动",
            Role::Students => "学生活动",
            Role::Intent => "设计意图",
        }
    }
}

/// A block of Markdown, reduced to what a document or slide writer can lay out.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Run>),
    /// A heading inside a section (`###` outside the process, `####` and below in a step).
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<u64>,
        items: Vec<Item>,
    },
    Quote(Vec<Block>),
    Table {
        head: Vec<Vec<Run>>,
        rows: Vec<Vec<Vec<Run>>>,
    },
    /// A fenced or indented code block: `answer 4` boxes and `quiz` blocks keep their info.
    Code {
        info: String,
        text: String,
    },
    /// An image alone in its paragraph. An image inside text becomes its alt text.
    Image {
        src: String,
        alt: String,
    },
    /// A line of ten or more underscores alone: one ruled writing line.
    WritingLine,
    Rule,
}

/// One item of a list; `checked` is `Some` for a task-list item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A stretch of text with one style. `text` may hold `\n`: a hard line break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// The text of runs, styles dropped.
pub fn text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

impl Block {
    /// The block's text, styles and structure dropped (list items and table cells on lines
    /// of their own).
    pub fn text(&self) -> String {
        match self {
            Block::Paragraph(runs) | Block::Heading { runs, .. } => text(runs),
            Block::List { items, .. } => items
                .iter()
                .map(|i| blocks_text(&i.blocks))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote(blocks) => blocks_text(blocks),
            Block::Table { head, rows } => std::iter::once(head)
                .chain(rows)
                .map(|row| row.iter().map(|c| text(c)).collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code { text, .. } => text.trim_end().to_string(),
            Block::Image { alt, .. } => alt.clone(),
            Block::WritingLine | Block::Rule => String::new(),
        }
    }
}

/// The text of blocks, one per line.
pub fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Step {
    /// The blocks of one role, in order.
    pub fn blocks(&self, role: Role) -> impl Iterator<Item = &Block> {
        self.parts
            .iter()
            .filter(move |p| p.role == role)
            .flat_map(|p| &p.blocks)
    }

    /// Whether the author marked any part as the teacher's or the students'.
    pub fn has_roles(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p.role, Role::Teacher | Role::Students))
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }
}

impl Plan {
    /// Reads a plan from a document's body; `first_line` is the file line where it starts.
    pub fn parse(body: &str, first_line: usize) -> Plan {
        parse::parse(body, first_line)
    }

    /// The first section whose title is one of `titles` (`## 教学准备`, `## 板书设计`…).
    pub fn section(&self, titles: &[&str]) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| titles.iter().any(|t| s.title == *t))
    }

    /// The steps of the process. A plan without a `## 教学过程`/`## 活动过程` section (a
    /// training session) takes its numbered `##` sections (`## 一、…`) as steps.
    pub fn steps(&self) -> Vec<&Step> {
        if let Some(process) = self.process() {
            return process.steps.iter().collect();
        }
        Vec::new()
    }

    /// The process section, when there is one.
    pub fn process(&self) -> Option<&Section> {
        self.sections.iter().find(|s| is_process(&s.title))
    }

    /// Sections other than the process and the ones named in `skip`, in order.
    pub fn other_sections<'a>(&'a self, skip: &'a [&str]) -> impl Iterator<Item = &'a Section> {
        self.sections
            .iter()
            .filter(move |s| !is_process(&s.title) && !skip.contains(&s.title.as_str()))
    }
}

/// `教学过程`, `活动过程` (and `教学环节`, `班会过程`, `活动流程`…) hold a plan's steps; a
/// training session's `## 一、…` sections are read as a process too (see [`parse`]).
pub fn is_process(title: &str) -> bool {
    let title = title.trim();
    let named = ["过程", "环节", "流程"].iter().any(|w| title.contains(w))
        && !["反思", "评价", "说明"].iter().any(|w| title.contains(w));
    (named && !parse::is_numbered(title)) || title == parse::NUMBERED_PROCESS
}
