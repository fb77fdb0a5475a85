//! The in-memory curriculum: every document, placed and typed, plus the catalog and config it
//! was read with. Renderers only read it; nothing in here knows about HTML.

mod document;
mod grades;

pub use document::{
    Bundle, DEFAULT_PERIOD, Date, Details, Document, HandoutAudience, Kind, Objectives, Place, Ref,
    Semester, format_hours,
};

pub use grades::{Term, in_year};

use std::collections::HashMap;
use std::path::PathBuf;

use crate::catalog::{Catalog, Stage, Track};
use crate::config::Config;

/// Indices of a document's previous and next documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Neighbours {
    pub prev: Option<usize>,
    pub next: Option<usize>,
}

/// A non-Markdown file (image, PDF, audio) copied to the site beside the pages that use it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    pub source: PathBuf,
    pub url: String,
}

pub struct Curriculum {
    pub config: Config,
    pub catalog: Catalog,
    /// Sorted by URL; indices are stable for the life of the model.
    pub documents: Vec<Document>,
}

impl Curriculum {
    /// Documents in list order: weight, then title, then URL.
    pub fn sorted<'a>(&'a self, docs: impl Iterator<Item = &'a Document>) -> Vec<&'a Document> {
        let mut docs: Vec<&Document> = docs.collect();
        docs.sort_by(|a, b| (a.weight, &a.title, &a.url).cmp(&(b.weight, &b.title, &b.url)));
        docs
    }

    /// Top-level documents of a section: not the parts of a bundle (they show on its page).
    pub fn listed(&self) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .filter(|d| !matches!(d.bundle, Bundle::Part { .. }))
    }

    /// Whether `topic` belongs to a stage the project serves (`stages:` in yuxin.yaml).
    pub fn in_scope(&self, topic: &crate::catalog::Topic) -> bool {
        self.config
            .served_stages()
            .into_iter()
            .any(|s| topic.applies_to(s))
    }

    pub fn in_stage(&self, stage: Stage) -> impl Iterator<Item = &Document> {
        self.listed().filter(move |d| d.stage() == Some(stage))
    }

    pub fn in_track(&self, stage: Stage, track: Track) -> impl Iterator<Item = &Document> {
        self.listed()
            .filter(move |d| d.place == Place::Curriculum { stage, track })
    }

    pub fn with_topic<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = &'a Document> {
        self.listed()
            .filter(move |d| d.topic.as_ref().is_some_and(|t| t.id == topic))
    }

    pub fn with_form<'a>(&'a self, form: &'a str) -> impl Iterator<Item = &'a Document> {
        self.listed().filter(move |d| {
            d.details.form.as_ref().is_some_and(|f| f.id == form)
                && matches!(d.kind, Kind::Lesson | Kind::ClassMeeting)
        })
    }

    pub fn training(&self) -> impl Iterator<Item = &Document> {
        self.listed().filter(|d| d.place == Place::Training)
    }

    pub fn content(&self) -> impl Iterator<Item = &Document> {
        self.listed().filter(|d| d.place == Place::Content)
    }

    /// Prev/next of every document, by index: among the parts of the same bundle, else among
    /// documents of the same section and topic (pages apart from other kinds). Computed once
    /// for the whole site, so it stays linear in the number of documents.
    pub fn neighbours(&self) -> Vec<Neighbours> {
        type Key<'a> = (Option<usize>, Place, Option<&'a str>, bool);
        let mut groups: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, d) in self.documents.iter().enumerate() {
            let key = match d.bundle {
                Bundle::Part { index } => (Some(index), d.place, None, false),
                _ => (
                    None,
                    d.place,
                    d.topic.as_ref().map(|t| t.id.as_str()),
                    d.kind == Kind::Page,
                ),
            };
            groups.entry(key).or_default().push(i);
        }
        let mut out = vec![Neighbours::default(); self.documents.len()];
        for mut members in groups.into_values() {
            members.sort_by(|&a, &b| {
                let (a, b) = (&self.documents[a], &self.documents[b]);
                (a.weight, &a.title, &a.url).cmp(&(b.weight, &b.title, &b.url))
            });
            for (pos, &i) in members.iter().enumerate() {
                out[i] = Neighbours {
                    prev: pos.checked_sub(1).map(|p| members[p]),
                    next: members.get(pos + 1).copied(),
                };
            }
        }
        out
    }

    pub fn parts_of(&self, doc: &Document) -> Vec<&Document> {
        match &doc.bundle {
            Bundle::Index { parts } => self.sorted(parts.iter().map(|&i| &self.documents[i])),
            _ => Vec::new(),
        }
    }
}
