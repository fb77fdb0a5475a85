//! The teacher site's index pages ("sections"): by stage, stage × track, topic, lesson form,
//! and the parent school, each a list of groups of document cards.

use std::sync::Arc;

use super::section::{Group, Link, Part, Section, crumbs, listed};
use crate::catalog::{Named, Stage, Track};
use crate::emit::Context;
use crate::load::path::CONTENT_PREFIX;
use crate::model::{Curriculum, Document, Kind, Place};

pub(super) fn count_kind(model: &Curriculum, kind: Kind) -> usize {
    model.listed().filter(|d| d.kind == kind).count()
}

pub(super) fn form_links(model: &Curriculum) -> Vec<Link> {
    model
        .catalog
        .forms
        .iter()
        .map(|f| Link {
            title: f.name.clone(),
            url: format!("forms/{}/", f.id),
            count: model.with_form(&f.id).count(),
        })
        .collect()
}

pub(super) fn topic_links(model: &Curriculum, track: Track) -> Vec<Link> {
    model
        .catalog
        .topics
        .iter()
        .filter(|t| t.track == track && model.in_scope(t))
        .map(|t| Link {
            title: t.name.clone(),
            url: format!("topics/{}/", t.id),
            count: model.with_topic(&t.id).count(),
        })
        .collect()
}

/// Every generated index page except the home page.
pub(super) fn sections(cx: &Context) -> Vec<Section> {
    section_makers(cx).iter().map(|make| make()).collect()
}

/// Makes one section when called.
pub(super) type SectionMaker<'a> = Box<dyn Fn() -> Section + Send + Sync + 'a>;

/// Every section of the teacher site, in order, each made only when its maker is called (so
/// that they need not all be held at once).
pub(super) fn section_makers<'a>(cx: &'a Context<'a>) -> Vec<SectionMaker<'a>> {
    let model = cx.model;
    let mut out: Vec<SectionMaker<'a>> = Vec::new();
    for stage in model.config.served_stages() {
        out.push(Box::new(move || stage_section(cx, stage)));
        for track in Track::ALL {
            out.push(Box::new(move || track_section(cx, stage, track)));
        }
    }
    for topic in model.catalog.topics.iter().filter(|t| model.in_scope(t)) {
        out.push(Box::new(move || topic_section(cx, topic)));
    }
    out.push(Box::new(move || Section {
        title: "全部主题".into(),
        url: "topics/".into(),
        intro: None,
        links: topic_links(model, Track::Developmental)
            .into_iter()
            .chain(topic_links(model, Track::Remedial))
            .collect(),
        groups: Vec::new(),
        parts: Vec::new(),
        breadcrumbs: crumbs(&[]),
    }));
    for form in &model.catalog.forms {
        out.push(Box::new(move || form_section(cx, form)));
    }
    out.push(Box::new(move || Section {
        title: "课型".into(),
        url: "forms/".into(),
        intro: None,
        links: form_links(model),
        groups: Vec::new(),
        parts: Vec::new(),
        breadcrumbs: crumbs(&[]),
    }));
    out.push(Box::new(move || parents_section(cx)));
    out.push(Box::new(move || super::meetings::section(cx)));
    out
}

/// A stage's page: its 教案 by track, then its 主题班会 by semester and its 家长微课, each under
/// its own heading.
fn stage_section(cx: &Context, stage: Stage) -> Section {
    let model = cx.model;
    let name = model.catalog.stage(stage).name.clone();
    let lessons = Track::ALL
        .iter()
        .map(|&t| Group {
            title: format!("{}教育", t.name()),
            url: Some(format!("{}/{}/", stage.id(), t.id())),
            items: listed(
                cx,
                (model.in_track(stage, t))
                    .filter(|d| !matches!(d.kind, Kind::ClassMeeting | Kind::Microcourse)),
            ),
        })
        .map(Arc::new)
        .collect();
    let of_kind = |k: Kind| model.in_stage(stage).filter(move |d| d.kind == k);
    let mut parts = vec![Arc::new(Part::new("lessons", "教案", None, lessons))];
    let kits = super::meetings::by_semester(cx, of_kind(Kind::ClassMeeting));
    if !kits.is_empty() {
        let url = format!("{}#{}", super::meetings::URL, stage.id());
        parts.push(Arc::new(Part::new(
            "class-meetings",
            Kind::ClassMeeting.name(),
            Some(url),
            kits,
        )));
    }
    let courses = listed(cx, of_kind(Kind::Microcourse));
    if !courses.is_empty() {
        let group = Arc::new(Group {
            title: String::new(),
            url: None,
            items: courses,
        });
        parts.push(Arc::new(Part::new(
            "microcourses",
            Kind::Microcourse.name(),
            None,
            vec![group],
        )));
    }
    let links = model
        .catalog
        .topics_for(stage, Track::Developmental)
        .map(|t| Link {
            title: t.name.clone(),
            url: format!("topics/{}/", t.id),
            count: model
                .in_stage(stage)
                .filter(|d| d.topic.as_ref().is_some_and(|x| x.id == t.id))
                .count(),
        })
        .collect();
    Section {
        title: name,
        url: format!("{}/", stage.id()),
        intro: None,
        links,
        groups: Vec::new(),
        parts,
        breadcrumbs: crumbs(&[]),
    }
}

fn track_section(cx: &Context, stage: Stage, track: Track) -> Section {
    let model = cx.model;
    let stage_name = model.catalog.stage(stage).name.clone();
    let docs: Vec<&Document> = model.in_track(stage, track).collect();
    let mut groups: Vec<Arc<Group>> = model
        .catalog
        .topics_for(stage, track)
        .map(|t| Group {
            title: t.name.clone(),
            url: Some(format!("topics/{}/", t.id)),
            items: listed(
                cx,
                docs.iter()
                    .copied()
                    .filter(|d| d.topic.as_ref().is_some_and(|x| x.id == t.id)),
            ),
        })
        .filter(|g| !g.items.is_empty() || track == Track::Developmental)
        .map(Arc::new)
        .collect();
    let untopiced = listed(cx, docs.iter().copied().filter(|d| d.topic.is_none()));
    if !untopiced.is_empty() {
        groups.push(Arc::new(Group {
            title: "其他".into(),
            url: None,
            items: untopiced,
        }));
    }
    Section {
        title: format!("{stage_name} · {}教育", track.name()),
        url: format!("{}/{}/", stage.id(), track.id()),
        intro: None,
        links: Vec::new(),
        groups,
        parts: Vec::new(),
        breadcrumbs: crumbs(&[(stage_name.as_str(), format!("{}/", stage.id()))]),
    }
}

fn topic_section(cx: &Context, topic: &crate::catalog::Topic) -> Section {
    let model = cx.model;
    let groups = Kind::ALL
        .iter()
        .map(|&k| Group {
            title: k.name().into(),
            url: None,
            items: listed(cx, model.with_topic(&topic.id).filter(|d| d.kind == k)),
        })
        .filter(|g| !g.items.is_empty())
        .map(Arc::new)
        .collect();
    Section {
        title: topic.name.clone(),
        url: format!("topics/{}/", topic.id),
        intro: Some(format!("<p>{}教育主题</p>", topic.track.name())),
        links: Vec::new(),
        groups,
        parts: Vec::new(),
        breadcrumbs: crumbs(&[("全部主题", "topics/".into())]),
    }
}

fn form_section(cx: &Context, form: &crate::catalog::Entry) -> Section {
    let model = cx.model;
    let groups = model
        .config
        .served_stages()
        .into_iter()
        .map(|s| Group {
            title: model.catalog.stage(s).name.clone(),
            url: Some(format!("{}/", s.id())),
            items: listed(
                cx,
                model.with_form(&form.id).filter(|d| d.stage() == Some(s)),
            ),
        })
        .filter(|g| !g.items.is_empty())
        .map(Arc::new)
        .collect();
    Section {
        title: form.name().to_string(),
        url: format!("forms/{}/", form.id),
        intro: None,
        links: Vec::new(),
        groups,
        parts: Vec::new(),
        breadcrumbs: crumbs(&[("课型", "forms/".into())]),
    }
}

/// The parent school's pages and micro-courses; `content/index.md`, when there is one, is the
/// introduction at the top.
fn parents_section(cx: &Context) -> Section {
    let model = cx.model;
    let url = format!("{CONTENT_PREFIX}/");
    let intro = model
        .documents
        .iter()
        .position(|d| d.url == url)
        .map(|i| cx.rendered[i].html.clone());
    let pages = listed(cx, model.content().filter(|d| d.url != url));
    let mut groups = vec![Arc::new(Group {
        title: "家长学校".into(),
        url: None,
        items: pages,
    })];
    for stage in model.config.served_stages() {
        let items = listed(
            cx,
            model
                .in_stage(stage)
                .filter(|d| d.kind == Kind::Microcourse),
        );
        if !items.is_empty() {
            groups.push(Arc::new(Group {
                title: format!("{}家长微课", model.catalog.stage(stage).name),
                url: None,
                items,
            }));
        }
    }
    let title = model
        .documents
        .iter()
        .find(|d| d.url == url && d.place == Place::Content)
        .map_or_else(|| "家长学校".to_string(), |d| d.title.clone());
    Section {
        title,
        url,
        intro,
        links: Vec::new(),
        groups,
        parts: Vec::new(),
        breadcrumbs: crumbs(&[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::lazy::tests::assert_same;

    #[test]
    fn section_objects_show_templates_what_serde_shows() {
        let model = crate::load::fixture::test_model(&[
            (
                "curricula/junior/developmental/a.md",
                "---\ntitle: 甲\nsummary: 概要\ntopic: adolescence\nduration: 45\n---\n",
            ),
            ("content/c.md", "---\ntitle: 丙\n---\n正文\n"),
        ]);
        let summaries = crate::emit::summary::Summaries::default();
        let items = (0..model.documents.len())
            .map(|i| summaries.get(&model, i))
            .collect();
        assert_same(Section {
            title: "节".into(),
            url: "x/".into(),
            intro: Some("<p>引言</p>".into()),
            links: vec![Link {
                title: "链接".into(),
                url: "y/".into(),
                count: 2,
            }],
            groups: vec![Arc::new(Group {
                title: "组".into(),
                url: None,
                items,
            })],
            parts: vec![Arc::new(Part::new(
                "p",
                "部分",
                Some("z/".into()),
                Vec::new(),
            ))],
            breadcrumbs: Vec::new(),
        });
    }
}
