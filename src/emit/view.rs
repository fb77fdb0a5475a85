//! What a document's own page shows templates: [`DocumentView`], a plain serialisable view of
//! the model built once per page (its cards are [`Summary`]s, see `summary`).

use std::sync::Arc;

use serde::Serialize;

use super::summary::{Summaries, Summary};
use crate::model::{Curriculum, Document, Neighbours, Objectives, Place};
use crate::render::markdown::{Heading, Rendered};

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
