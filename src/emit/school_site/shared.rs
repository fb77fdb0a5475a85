//! What schools with the same stages have in common, made once per stage set instead of once
//! per school: the pages they carry (each page's values but the school's own, with its body's
//! links settled), and the files that are the same on each of their microsites: the parent
//! theme's static files, the pages' attachments and (added by the set's first school) the
//! search index.

use std::collections::HashSet;

use minijinja::value::Serde;
use minijinja::{Value, context};

use super::LISTEN;
use crate::catalog::Stage;
use crate::diag::{Diagnostic, Span};
use crate::emit::summary::Summary;
use crate::emit::view::DocumentView;
use crate::emit::{Context, Output};
use crate::model::{Asset, Document, Kind, Neighbours};
use crate::school::School;

/// One stage set's pages and files.
pub struct Shared {
    /// Indices of the documents its schools carry, in the model's order.
    pub docs: Vec<usize>,
    /// Each carried document's page values but the school's (`docs`' order).
    pub pages: Vec<Value>,
    /// Files the same on every microsite of the set, paths relative to a microsite's root.
    pub files: Vec<Output>,
    /// The `content/` pages as cards (the course and search pages list them).
    pub content: Vec<Summary>,
}

/// The stage set of a school: the key of its [`Shared`]. Sorted, so the order a school lists
/// its stages in (which orders its course lists) does not split a set.
pub fn stage_set(school: &School) -> Vec<Stage> {
    let mut stages = school.stages.clone();
    stages.sort();
    stages.dedup();
    stages
}

impl Shared {
    /// The pages and files of `school`'s stage set, without the search index.
    pub fn new(cx: &Context, school: &School, all: &[Neighbours]) -> Result<Shared, Diagnostic> {
        let model = cx.model;
        let docs: Vec<usize> = (0..model.documents.len())
            .filter(|&i| school.carries(&model.documents[i]))
            .collect();
        let carried: HashSet<usize> = docs.iter().copied().collect();
        let dirs: Vec<&std::path::Path> = docs
            .iter()
            .filter_map(|&i| model.documents[i].source.parent())
            .collect();
        let assets: Vec<&Asset> = cx
            .assets
            .iter()
            .filter(|a| dirs.iter().any(|dir| a.source.starts_with(dir)))
            .collect();
        let urls: HashSet<&str> = docs
            .iter()
            .map(|&i| model.documents[i].url.as_str())
            .chain(assets.iter().map(|a| a.url.as_str()))
            .collect();
        let keep = |n: Option<usize>| n.filter(|i| carried.contains(i));
        let pages = docs
            .iter()
            .map(|&i| {
                let around = Neighbours {
                    prev: keep(all[i].prev),
                    next: keep(all[i].next),
                };
                page(cx, i, around, &urls)
            })
            .collect();
        let mut files = Vec::new();
        for (path, bytes) in cx.theme.static_files()? {
            if let Some(name) = path.strip_prefix("parents/") {
                files.push(Output::new(format!("static/{name}"), bytes));
            }
        }
        for asset in assets {
            let bytes = std::fs::read(cx.root.join(&asset.source)).map_err(|e| {
                Diagnostic::error(
                    "io",
                    &asset.source,
                    Span::file_start(),
                    format!("无法读取文件：{e}"),
                )
            })?;
            files.push(Output::new(asset.url.clone(), bytes));
        }
        let content = crate::emit::page::summaries(model, model.content());
        Ok(Shared {
            docs,
            pages,
            files,
            content,
        })
    }
}

/// A carried document's page values, but the school's: `carried` holds the URLs of the pages
/// and files on the microsite, whose links stay; others lead to the teacher site.
fn page(cx: &Context, i: usize, around: Neighbours, carried: &HashSet<&str>) -> Value {
    let model = cx.model;
    let doc = &model.documents[i];
    let view = DocumentView::new(model, i, &cx.rendered[i], around, &cx.summaries);
    let fallback = model.config.base_url.as_str();
    let html = crate::emit::relink::rewrite(
        &view.content,
        &doc.url,
        |target| carried.contains(target),
        fallback,
    );
    let nav = if doc.url == LISTEN {
        "listen"
    } else if doc.kind == Kind::Microcourse {
        "courses"
    } else {
        ""
    };
    let description = doc.summary.clone().unwrap_or_else(|| doc.title.clone());
    let og_type = if doc.kind == Kind::Microcourse {
        "article"
    } else {
        "website"
    };
    context! {
        title => doc.title.clone(), description, nav, og_type,
        doc => Serde(&view), content => Value::from_safe_string(html), video => video(doc),
        prev => Serde(&view.prev), next => Serde(&view.next),
    }
}

fn video(doc: &Document) -> Value {
    let Some(video) = &doc.details.video else {
        return Value::from(());
    };
    if let Some(rest) = video
        .strip_prefix("https://")
        .or_else(|| video.strip_prefix("http://"))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("").to_string();
        return context! { link => video.clone(), host };
    }
    let local = crate::emit::relink::resolve(&doc.url, video).unwrap_or_default();
    context! { local }
}
