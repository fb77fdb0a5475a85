//! What an index page of the teacher site holds: parts and groups of document cards, links to
//! related pages, breadcrumbs; as template values. The pages themselves are made in
//! `sections.rs` and, for the 主题班会 index, `meetings.rs`.

use std::sync::Arc;

use minijinja::value::Value;
use serde::Serialize;

use crate::emit::Context;
use crate::emit::lazy::{Fields, lazy_list, opt, text};
use crate::emit::page::ser;
use crate::emit::summary::Summary;
use crate::emit::view::Crumb;
use crate::model::Document;

/// A generated index page.
#[derive(Debug, Serialize)]
pub(super) struct Section {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) intro: Option<String>,
    /// Sub-navigation: related index pages with counts.
    pub(super) links: Vec<Link>,
    pub(super) groups: Vec<Arc<Group>>,
    /// Headed parts after the groups, each with groups of its own: a stage's 教案, 主题班会 and
    /// 家长微课; the 主题班会 index's stages.
    pub(super) parts: Vec<Arc<Part>>,
    pub(super) breadcrumbs: Vec<Crumb>,
}

/// A headed part of an index page (`id` is its anchor), holding groups of cards.
#[derive(Debug, Serialize)]
pub(super) struct Part {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) url: Option<String>,
    /// Documents in all its groups.
    pub(super) count: usize,
    pub(super) groups: Vec<Arc<Group>>,
}

impl Part {
    pub(super) fn new(id: &str, title: &str, url: Option<String>, groups: Vec<Arc<Group>>) -> Part {
        Part {
            id: id.into(),
            title: title.into(),
            url,
            count: groups.iter().map(|g| g.items.len()).sum(),
            groups,
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Link {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Debug, Serialize)]
pub(super) struct Group {
    pub(super) title: String,
    pub(super) url: Option<String>,
    pub(super) items: Vec<Arc<Summary>>,
}

impl Fields for Section {
    const KEYS: &'static [&'static str] = &[
        "title",
        "url",
        "intro",
        "links",
        "groups",
        "parts",
        "breadcrumbs",
    ];

    fn field(&self, key: &str) -> Option<Value> {
        Some(match key {
            "breadcrumbs" => ser(&self.breadcrumbs),
            "groups" => lazy_list(&self.groups),
            "parts" => lazy_list(&self.parts),
            "intro" => opt(&self.intro, |i| text(i)),
            "links" => ser(&self.links),
            "title" => text(&self.title),
            "url" => text(&self.url),
            _ => return None,
        })
    }
}

impl Fields for Part {
    const KEYS: &'static [&'static str] = &["id", "title", "url", "count", "groups"];

    fn field(&self, key: &str) -> Option<Value> {
        Some(match key {
            "count" => Value::from(self.count),
            "groups" => lazy_list(&self.groups),
            "id" => text(&self.id),
            "title" => text(&self.title),
            "url" => opt(&self.url, |u| text(u)),
            _ => return None,
        })
    }
}

impl Fields for Group {
    const KEYS: &'static [&'static str] = &["title", "url", "items"];

    fn field(&self, key: &str) -> Option<Value> {
        Some(match key {
            "items" => lazy_list(&self.items),
            "title" => text(&self.title),
            "url" => opt(&self.url, |u| text(u)),
            _ => return None,
        })
    }
}

/// Documents for a list, in list order, each as its shared summary.
pub(super) fn listed<'m>(
    cx: &Context<'m>,
    docs: impl Iterator<Item = &'m Document>,
) -> Vec<Arc<Summary>> {
    (cx.model.sorted(docs).into_iter())
        .map(|d| cx.summaries.of(cx.model, d))
        .collect()
}

/// The breadcrumbs of an index page: the home page, then `extra` (title, URL).
pub(super) fn crumbs(extra: &[(&str, String)]) -> Vec<Crumb> {
    std::iter::once(("首页", String::new()))
        .chain(extra.iter().map(|(t, u)| (*t, u.clone())))
        .map(|(title, url)| Crumb {
            title: title.into(),
            url,
        })
        .collect()
}
