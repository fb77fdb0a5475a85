//! The in-memory curriculum: every document, placed and typed, plus the catalog and config it
//! was read with. Renderers only read it; nothing in here knows about HTML.

mod document;

pub use document::{
    Bundle, Date, Details, Document, HandoutAudience, Kind, Objectives, Place, Ref, Semester,
};

use crate::catalog::{Catalog, Stage, Track};
use crate::config::Config;

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

    pub fn parts_of(&self, doc: &Document) -> Vec<&Document> {
        match &doc.bundle {
            Bundle::Index { parts } => self.sorted(parts.iter().map(|&i| &self.documents[i])),
            _ => Vec::new(),
        }
    }
}
