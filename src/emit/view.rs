//! What templates see: plain serialisable views of the model, built once per page.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::model::{
    Curriculum, Document, HandoutAudience, Kind, Neighbours, Objectives, Place, Ref, format_hours,
};
use crate::render::markdown::{Heading, Rendered};

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
    pub form: Option<Ref>,
    pub grades: Vec<String>,
    pub duration: Option<u32>,
    pub minutes: Option<u32>,
    pub hours: Option<f64>,
    /// `1.5`, `2` (no trailing `.0`).
    pub hours_text: Option<String>,
    pub audiences: Vec<Ref>,
    pub semester: Option<&'static str>,
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
            form: d.form.clone(),
            grades: d.grades.clone(),
            duration: d.duration,
            minutes: d.minutes,
            hours: d.hours,
            hours_text: d.hours.map(format_hours),
            audiences: d.audiences.clone(),
            semester: d.semester.map(|s| s.name()),
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

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// A document's own page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: Summary,
    /// The body's HTML; templates get it as `content` (marked safe), not inside `doc`.
    #[serde(skip)]
    pub content: String,
    pub toc: Vec<Heading>,
    pub reading_minutes: usize,
    pub objectives: Option<Objectives>,
    pub tags: Vec<String>,
    pub video: Option<String>,
    pub extra: serde_json::Value,
    pub parts: Vec<Arc<Summary>>,
    pub bundle: Option<Arc<Summary>>,
    pub prev: Option<Arc<Summary>>,
    pub next: Option<Arc<Summary>>,
    pub breadcrumbs: Vec<Crumb>,
    pub source: String,
    /// The "打印/下载" box, for kits and handouts.
    pub print: Option<super::print::PrintLinks>,
    /// The "课堂用" box: Word 教案, slide deck and .pptx, for plans.
    pub classroom: Option<super::classroom::ClassroomLinks>,
}

impl DocumentView {
    pub fn new(
        model: &Curriculum,
        index: usize,
        rendered: &Rendered,
        around: Neighbours,
        summaries: &Summaries,
    ) -> DocumentView {
        let doc = &model.documents[index];
        let summary = |i: usize| summaries.get(model, i);
        let bundle = match doc.bundle {
            crate::model::Bundle::Part { index } => Some(index),
            _ => None,
        };
        DocumentView {
            summary: Summary::new(doc, &model.catalog),
            content: rendered.html.clone(),
            toc: rendered
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .cloned()
                .collect(),
            reading_minutes: rendered.reading_minutes(),
            objectives: doc.details.objectives.clone(),
            tags: doc.tags.clone(),
            video: doc.details.video.clone(),
            extra: doc.extra.clone(),
            parts: (model.parts_of(doc).into_iter())
                .map(|d| summaries.of(model, d))
                .collect(),
            bundle: bundle.map(summary),
            prev: around.prev.map(summary),
            next: around.next.map(summary),
            breadcrumbs: breadcrumbs(model, doc, bundle.map(|i| &model.documents[i])),
            source: crate::diag::display_path(&doc.source),
            print: super::print::links(model, index),
            classroom: super::classroom::links(doc),
        }
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

fn breadcrumbs(model: &Curriculum, doc: &Document, bundle: Option<&Document>) -> Vec<Crumb> {
    let crumb = |title: &str, url: String| Crumb {
        title: title.to_string(),
        url,
    };
    let mut crumbs = vec![crumb("首页", String::new())];
    match doc.place {
        Place::Curriculum { stage, track } => {
            crumbs.push(crumb(
                &model.catalog.stage(stage).name,
                format!("{}/", stage.id()),
            ));
            crumbs.push(crumb(
                track.name(),
                format!("{}/{}/", stage.id(), track.id()),
            ));
            if let Some(topic) = &doc.topic {
                crumbs.push(crumb(&topic.name, format!("topics/{}/", topic.id)));
            }
        }
        Place::Training => crumbs.push(crumb("教师培训", "training/".into())),
        Place::Content => crumbs.push(crumb(
            "家长学校",
            format!("{}/", crate::load::path::CONTENT_PREFIX),
        )),
    }
    if let Some(b) = bundle {
        crumbs.push(crumb(&b.title, b.url.clone()));
    }
    crumbs
}
