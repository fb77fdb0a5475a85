//! A deck as the writers see it: slides with their title, blocks, speaker notes and the
//! minutes of their step. Made by `derive` (and split by `fit`), drawn by `html` and `pptx`.

use crate::plan::Block;

/// The deck of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub title: String,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    /// The opening slide: the title and a line of facts.
    Title,
    Content,
    /// 需要帮助时: whom to ask and the hotlines.
    Help,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub kind: SlideKind,
    pub title: String,
    /// Under the title on the title slide: topic, grades, form, minutes.
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// Speaker notes, one paragraph a line.
    pub notes: String,
    /// The minutes of the step this slide belongs to (for the presenter's countdown).
    pub minutes: Option<u32>,
    /// Slides of the same step share this number; the countdown restarts when it changes.
    pub group: usize,
}

impl Slide {
    pub fn new(kind: SlideKind, title: impl Into<String>, group: usize) -> Slide {
        Slide {
            kind,
            title: title.into(),
            subtitle: String::new(),
            blocks: Vec::new(),
            notes: String::new(),
            minutes: None,
            group,
        }
    }
}
