//! The views handed to templates as minijinja objects (shared by the emitters that make pages): a field becomes a
//! template value only when a template reads it. Serialising every view into maps of values
//! for each page, looking keys up in those maps and dropping them again was a third of the
//! time spent in templates (a 10,000-lesson site lists every lesson on four index pages).
//!
//! Templates see exactly what the views' `Serialize` gives them: the same keys in the same
//! order and the same values, `none` included. The tests below hold the two together.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, Value};

use super::page::ser;
use super::summary::Summary;
use super::view::DocumentView;
use crate::model::Ref;

/// A view with named fields, shown to templates as a map.
pub trait Fields: std::fmt::Debug + Send + Sync + 'static {
    /// Every key, in the order serialising the view gives them.
    const KEYS: &'static [&'static str];
    fn field(&self, key: &str) -> Option<Value>;
}

/// Puts a [`Fields`] view in a template value without copying it into a map.
#[derive(Debug)]
pub struct Lazy<T>(pub Arc<T>);

impl<T: Fields> Object for Lazy<T> {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.field(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.0.field(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(T::KEYS)
    }
}

/// `view` as a template value.
pub fn lazy<T: Fields>(view: Arc<T>) -> Value {
    Value::from_object(Lazy(view))
}

/// A list of shared views as a template list.
pub fn lazy_list<T: Fields>(views: &[Arc<T>]) -> Value {
    views.iter().map(|v| lazy(v.clone())).collect()
}

pub(super) fn opt<T>(value: &Option<T>, to: impl FnOnce(&T) -> Value) -> Value {
    value.as_ref().map_or(Value::from(()), to)
}

pub(super) fn text(s: &str) -> Value {
    Value::from(s)
}

impl Fields for Ref {
    const KEYS: &'static [&'static str] = &["id", "name"];

    fn field(&self, key: &str) -> Option<Value> {
        Some(match key {
            "id" => text(&self.id),
            "name" => text(&self.name),
            _ => return None,
        })
    }
}

fn reference(r: &Option<Ref>) -> Value {
    opt(r, |r| lazy(Arc::new(r.clone())))
}

impl Fields for Summary {
    const KEYS: &'static [&'static str] = &[
        "title",
        "url",
        "kind",
        "kind_name",
        "summary",
        "stage",
        "track",
        "topic",
        "parent_topic",
        "form",
        "grades",
        "duration",
        "minutes",
        "hours",
        "hours_text",
        "audiences",
        "semester",
        "week",
        "for_parents",
        "date",
    ];

    /// A summary is shared by every list that shows its document (four or five cards) and
    /// its neighbours' links: its fields become template values once, on the first read.
    fn field(&self, key: &str) -> Option<Value> {
        let at = Self::KEYS.iter().position(|k| *k == key)?;
        let values = (self.values).get_or_init(|| {
            Self::KEYS
                .iter()
                .map(|k| self.make(k).unwrap_or_default())
                .collect()
        });
        values.get(at).cloned()
    }
}

impl Summary {
    fn make(&self, key: &str) -> Option<Value> {
        Some(match key {
            "audiences" => (self.audiences.iter())
                .map(|r| lazy(Arc::new(r.clone())))
                .collect(),
            "date" => opt(&self.date, |d| text(d)),
            "duration" => opt(&self.duration, |&d| Value::from(d)),
            "for_parents" => Value::from(self.for_parents),
            "form" => reference(&self.form),
            "grades" => self.grades.iter().map(|g| text(g)).collect(),
            "hours" => opt(&self.hours, |&h| Value::from(h)),
            "hours_text" => opt(&self.hours_text, |h| text(h)),
            "kind" => ser(self.kind),
            "kind_name" => Value::from(self.kind_name),
            "minutes" => opt(&self.minutes, |&m| Value::from(m)),
            "semester" => opt(&self.semester, |&s| Value::from(s)),
            "week" => opt(&self.week, |&w| Value::from(w)),
            "stage" => reference(&self.stage),
            "summary" => opt(&self.summary, |s| text(s)),
            "title" => text(&self.title),
            "topic" => reference(&self.topic),
            "parent_topic" => opt(&self.parent_topic, |t| text(t)),
            "track" => reference(&self.track),
            "url" => text(&self.url),
            _ => return None,
        })
    }
}

impl Fields for DocumentView {
    const KEYS: &'static [&'static str] = &[
        "audiences",
        "breadcrumbs",
        "bundle",
        "classroom",
        "date",
        "duration",
        "extra",
        "for_parents",
        "form",
        "grades",
        "hours",
        "hours_text",
        "kind",
        "kind_name",
        "minutes",
        "next",
        "objectives",
        "parent_topic",
        "parts",
        "prev",
        "print",
        "reading_minutes",
        "semester",
        "source",
        "stage",
        "summary",
        "tags",
        "title",
        "toc",
        "topic",
        "track",
        "url",
        "video",
        "week",
    ];

    fn field(&self, key: &str) -> Option<Value> {
        Some(match key {
            "breadcrumbs" => ser(&self.breadcrumbs),
            "bundle" => opt(&self.bundle, |b| lazy(b.clone())),
            "extra" => ser(&self.extra),
            "next" => opt(&self.next, |n| lazy(n.clone())),
            "objectives" => ser(&self.objectives),
            "parts" => lazy_list(&self.parts),
            "prev" => opt(&self.prev, |p| lazy(p.clone())),
            "print" => ser(&self.print),
            "classroom" => ser(&self.classroom),
            "reading_minutes" => Value::from(self.reading_minutes),
            "source" => text(&self.source),
            "tags" => self.tags.iter().map(|t| text(t)).collect(),
            "toc" => ser(&self.toc),
            "video" => opt(&self.video, |v| text(v)),
            other => return self.summary.field(other),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde::Serialize;

    /// The object and the serialised view, both written out whole by minijinja and
    /// iterated as `items`: any key or value that differs shows.
    pub(crate) fn assert_same<T: Fields + Serialize>(view: T) {
        let env = minijinja::Environment::new();
        let template = "{{ v }}|{% for k, x in v|items %}{{ k }}={{ x }};{% endfor %}";
        let serialised = env
            .render_str(template, minijinja::context! { v => ser(&view) })
            .unwrap();
        let object = env
            .render_str(template, minijinja::context! { v => lazy(Arc::new(view)) })
            .unwrap();
        assert_eq!(object, serialised);
    }

    #[test]
    fn keys_are_unique() {
        for keys in [Summary::KEYS, DocumentView::KEYS, Ref::KEYS] {
            let unique: std::collections::HashSet<_> = keys.iter().collect();
            assert_eq!(unique.len(), keys.len(), "{keys:?}");
        }
    }

    #[test]
    fn objects_show_templates_what_serde_shows() {
        let model = crate::load::fixture::test_model(&[
            (
                "curricula/junior/developmental/a.md",
                "---\ntitle: 甲\nsummary: 概要\ntopic: adolescence\nform: 团体辅导\nduration: 45\ngrades: [七年级]\nsemester: first\nweek: 3\ntags: [甲乙, 丙丁]\nobjectives:\n  - 认知：一\ndate: 2024-03-01\nextra:\n  k: [1, {a: b}]\n---\n\n## 一\n\n## 二\n",
            ),
            (
                "curricula/junior/developmental/b.md",
                "---\ntitle: 乙\ntopic: adolescence\n---\n正文\n",
            ),
            ("content/c.md", "---\ntitle: 丙\n---\n正文\n"),
            (
                "curricula/junior/developmental/k/index.md",
                "---\ntitle: 班会\nkind: class-meeting\n---\n正文\n",
            ),
            (
                "curricula/junior/developmental/k/h.md",
                "---\ntitle: 学习单\nkind: handout\n---\n正文\n",
            ),
        ]);
        let around = model.neighbours();
        let summaries = crate::emit::summary::Summaries::default();
        let mut views = Vec::new();
        for (i, doc) in model.documents.iter().enumerate() {
            assert_same(Summary::new(doc, &model.catalog));
            let rendered = crate::render::markdown::Rendered::default();
            views.push(DocumentView::new(
                &model, i, &rendered, around[i], &summaries,
            ));
        }
        // Every kind of field is compared: links to other documents included.
        assert!(views.iter().any(|v| v.bundle.is_some()));
        assert!(views.iter().any(|v| !v.parts.is_empty()));
        assert!(views.iter().any(|v| v.prev.is_some() && v.next.is_none()));
        assert!(views.iter().any(|v| v.objectives.is_some()));
        assert!(views.iter().any(|v| v.print.is_some()));
        for view in views {
            assert_same(view);
        }
        assert_same(Ref {
            id: "i".into(),
            name: "n".into(),
        });
    }
}
