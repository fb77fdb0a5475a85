//! A document as a card in a list ([`Summary`]), and every document's summary made once per
//! build and shared ([`Summaries`]): the views every emitter that lists documents reads.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::model::{Curriculum, Document, HandoutAudience, Kind, Ref, format_hours};

/// A document in a list: enough to show a card.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub title: String,
    /// From the site root; templates put `root` in front.
    pub url: String,
    pub kind: Kind,
    pub kind_name: &'static str,
    pub summary: Option<String>,
    pub stage: Option<Ref>,
    pub track: Option<Ref>,
    pub topic: Option<Ref>,
    /// The topic's name for parents (catalog `parent_name`), shown on the school microsites.
    pub parent_topic: Option<String>,
    pub form: Option<Ref>,
    pub grades: Vec<String>,
    pub duration: Option<u32>,
    pub minutes: Option<u32>,
    pub hours: Option<f64>,
    /// `1.5`, `2` (no trailing `.0`).
    pub hours_text: Option<String>,
    pub audiences: Vec<Ref>,
    pub semester: Option<&'static str>,
    /// Teaching week (`week:`, 1–30).
    pub week: Option<u32>,
    pub for_parents: bool,
    pub date: Option<String>,
    /// Its fields as template values, made on the first read (see `view_object`).
    #[serde(skip)]
    pub values: OnceLock<Vec<minijinja::Value>>,
}

impl Summary {
    pub fn new(doc: &Document, catalog: &Catalog) -> Summary {
        let d = &doc.details;
        Summary {
            title: doc.title.clone(),
            url: doc.url.clone(),
            kind: doc.kind,
            kind_name: kind_name(doc),
            summary: doc.summary.clone(),
            stage: doc.stage_ref(catalog),
            track: doc.track_ref(),
            topic: doc.topic.clone(),
            parent_topic: (doc.topic.as_ref())
                .and_then(|t| catalog.topic_by_id(&t.id))
                .map(|t| t.parent_name().to_string()),
            form: d.form.clone(),
            grades: d.grades.clone(),
            duration: d.duration,
            minutes: d.minutes,
            hours: d.hours,
            hours_text: d.hours.map(format_hours),
            audiences: d.audiences.clone(),
            semester: d.semester.map(|s| s.name()),
            week: d.week,
            for_parents: d.handout_audience == Some(HandoutAudience::Parents),
            date: doc.date.map(|d| d.to_string()),
            values: OnceLock::new(),
        }
    }
}

/// A handout for parents is a letter; a training document inside a module is a session.
fn kind_name(doc: &Document) -> &'static str {
    match (doc.kind, &doc.details.handout_audience, &doc.bundle) {
        (Kind::Handout, Some(HandoutAudience::Parents), _) => "家长信",
        (Kind::Training, _, crate::model::Bundle::Part { .. }) => "培训专题",
        (Kind::Training, _, _) => "培训模块",
        (kind, _, _) => kind.name(),
    }
}

/// Each document's [`Summary`], made the first time a page needs it and shared after: a
/// lesson is listed on four or five index pages and linked from its neighbours' pages.
#[derive(Default)]
pub struct Summaries {
    slots: OnceLock<Vec<OnceLock<Arc<Summary>>>>,
}

impl Summaries {
    /// The summary of `model.documents[index]`.
    pub fn get(&self, model: &Curriculum, index: usize) -> Arc<Summary> {
        let slots = (self.slots).get_or_init(|| {
            (0..model.documents.len())
                .map(|_| OnceLock::new())
                .collect()
        });
        let make = || Arc::new(Summary::new(&model.documents[index], &model.catalog));
        match slots.get(index) {
            Some(slot) => slot.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// The summary of `doc`, one of `model.documents`.
    pub fn of(&self, model: &Curriculum, doc: &Document) -> Arc<Summary> {
        match index_of(&model.documents, doc) {
            Some(i) => self.get(model, i),
            None => Arc::new(Summary::new(doc, &model.catalog)),
        }
    }
}

/// The index of `item` in `items` when it is one of them (compared by address, not value).
fn index_of<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).checked_sub(items.as_ptr() as usize)?;
    let index = offset / size;
    (offset % size == 0 && index < items.len()).then_some(index)
}
