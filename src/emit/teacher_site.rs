//! The teacher resource site: a page per document, and index pages by stage, stage × track,
//! topic, lesson form, training and parent school.

use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use std::sync::Arc;

use super::view::{DocumentView, Summary};
use super::view_object::lazy;
use super::{Context, Emitter, Output};
use crate::catalog::{Named, Stage, Track};
use crate::diag::Diagnostic;
use crate::load::path::CONTENT_PREFIX;
use crate::model::{Curriculum, Document, Kind, Neighbours, Place, Ref};
use crate::urls::root_prefix;

pub struct TeacherSite;

/// A generated index page.
#[derive(Debug, Serialize)]
pub(super) struct Section {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) intro: Option<String>,
    /// Sub-navigation: related index pages with counts.
    pub(super) links: Vec<Link>,
    pub(super) groups: Vec<Arc<Group>>,
    pub(super) breadcrumbs: Vec<super::view::Crumb>,
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

impl Emitter for TeacherSite {
    fn name(&self) -> &'static str {
        "teacher-site"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        // Each section is made right before its page and dropped after: at 10,000 lessons all
        // the sections' lists together (every document listed in four or five) are 60 MB.
        let section_urls = super::teacher_changes::section_urls(cx.model);
        let docs: Vec<usize> = (0..cx.model.documents.len())
            .filter(|&i| !section_urls.contains(&cx.model.documents[i].url))
            .collect();
        let neighbours = cx.model.neighbours();
        let mut results: Vec<Result<Option<Output>, Diagnostic>> = docs
            .par_iter()
            .map(|&i| cx.keep(document_page(cx, i, neighbours[i])))
            .collect();
        results.extend(
            section_makers(cx)
                .par_iter()
                .map(|make| cx.keep(section_page(cx, make())))
                .collect::<Vec<_>>(),
        );
        results.push(home_page(cx).map(Some));
        results.push(not_found_page(cx).map(Some));
        super::gather_kept(results)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        Some(super::teacher_changes::emit(cx, change))
    }
}

/// Renders `template` for the page at `url` into `path`, with the site-wide context added.
pub(super) fn page(
    cx: &Context,
    template: &str,
    path: &str,
    url: &str,
    local: Value,
) -> Result<Output, Diagnostic> {
    render(cx, template, path, url, root_prefix(url), local)
}

/// The 404 page is served at any depth, so it links from the configured base URL.
pub(super) fn not_found_page(cx: &Context) -> Result<Output, Diagnostic> {
    let root = cx.model.config.base_url.clone();
    render(
        cx,
        "404.html",
        "404.html",
        "404.html",
        root,
        context! { title => "页面不存在" },
    )
}

fn render(
    cx: &Context,
    template: &str,
    path: &str,
    url: &str,
    root: String,
    local: Value,
) -> Result<Output, Diagnostic> {
    let tmpl = cx
        .env
        .get_template(template)
        .map_err(|e| cx.theme.error(&e))?;
    let site = cx.site.get_or_init(|| site_context(cx.model)).clone();
    let all = super::view_object::page_vars(site, root, url, &local);
    crate::stats::template();
    // Sized once for a typical page instead of grown by doubling as the page is written
    // (`render` sizes its buffer from the template's own length, far less than a page):
    // 1.5 % fewer instructions in a build.
    let mut html = Vec::with_capacity(32 * 1024);
    (tmpl.render_captured_to(all, &mut html)).map_err(|e| cx.theme.error(&e))?;
    Ok(Output::new(path, html))
}

fn site_context(model: &Curriculum) -> Value {
    let stages: Vec<Ref> = Stage::ALL
        .iter()
        .map(|s| Ref {
            id: s.id().into(),
            name: model.catalog.stage(*s).name.clone(),
        })
        .collect();
    let c = &model.config;
    context! {
        title => c.title.clone(), description => c.description.clone(), language => c.language.clone(),
        base_url => c.base_url.clone(), hotlines => ser(&c.hotlines), stages => ser(stages),
        parents_url => format!("{CONTENT_PREFIX}/"),
    }
}

pub(super) fn document_page(
    cx: &Context,
    index: usize,
    around: Neighbours,
) -> Result<Output, Diagnostic> {
    let doc = &cx.model.documents[index];
    let mut view = DocumentView::new(cx.model, index, &cx.rendered[index], around, &cx.summaries);
    let content = Value::from_safe_string(std::mem::take(&mut view.content));
    let training = crate::training::view::syllabus_of(cx.model, index);
    let local = context! { title => doc.title.clone(), doc => lazy(Arc::new(view)), content, training => ser(training) };
    page(
        cx,
        "document.html",
        &format!("{}index.html", doc.url),
        &doc.url,
        local,
    )
}

pub(super) fn section_page(cx: &Context, section: Section) -> Result<Output, Diagnostic> {
    let intro = section.intro.clone().map(Value::from_safe_string);
    let path = format!("{}index.html", section.url);
    let url = section.url.clone();
    let local =
        context! { title => section.title.clone(), section => lazy(Arc::new(section)), intro };
    page(cx, "section.html", &path, &url, local)
}

pub(super) fn home_page(cx: &Context) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let stages: Vec<Value> = Stage::ALL
        .iter()
        .map(|&stage| {
            let info = model.catalog.stage(stage);
            let tracks: Vec<Link> = Track::ALL
                .iter()
                .map(|&t| Link {
                    title: t.name().into(),
                    url: format!("{}/{}/", stage.id(), t.id()),
                    count: model.in_track(stage, t).count(),
                })
                .collect();
            let topics: Vec<Ref> = model
                .catalog
                .topics_for(stage, Track::Developmental)
                .map(|t| Ref { id: t.id.clone(), name: t.name.clone() })
                .collect();
            context! { id => stage.id(), name => info.name.clone(), count => model.in_stage(stage).count(), tracks => ser(tracks), topics => ser(topics) }
        })
        .collect();
    let local = context! {
        title => model.config.title.clone(),
        stages,
        training => ser(summaries(model, model.training())),
        forms => ser(form_links(model)),
        remedial => ser(topic_links(model, Track::Remedial)),
        parents_count => model.content().count() + count_kind(model, Kind::Microcourse),
        schools => ser(cx.schools.iter().map(|s| Link { title: s.name.clone(), url: s.path.clone(), count: s.events.len() }).collect::<Vec<_>>()),
    };
    page(cx, "home.html", "index.html", "", local)
}

/// Any serialisable value for a template.
pub(super) fn ser<T: Serialize>(value: T) -> Value {
    Value::from(Serde(value))
}

pub(super) fn summaries<'a>(
    model: &'a Curriculum,
    docs: impl Iterator<Item = &'a Document>,
) -> Vec<Summary> {
    model
        .sorted(docs)
        .into_iter()
        .map(|d| Summary::new(d, &model.catalog))
        .collect()
}

/// Documents for a list, in list order, each as its shared summary.
fn listed<'m>(cx: &Context<'m>, docs: impl Iterator<Item = &'m Document>) -> Vec<Arc<Summary>> {
    (cx.model.sorted(docs).into_iter())
        .map(|d| cx.summaries.of(cx.model, d))
        .collect()
}

fn count_kind(model: &Curriculum, kind: Kind) -> usize {
    model.listed().filter(|d| d.kind == kind).count()
}

fn form_links(model: &Curriculum) -> Vec<Link> {
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

fn topic_links(model: &Curriculum, track: Track) -> Vec<Link> {
    model
        .catalog
        .topics
        .iter()
        .filter(|t| t.track == track)
        .map(|t| Link {
            title: t.name.clone(),
            url: format!("topics/{}/", t.id),
            count: model.with_topic(&t.id).count(),
        })
        .collect()
}

fn crumbs(extra: &[(&str, String)]) -> Vec<super::view::Crumb> {
    std::iter::once(("首页", String::new()))
        .chain(extra.iter().map(|(t, u)| (*t, u.clone())))
        .map(|(title, url)| super::view::Crumb {
            title: title.into(),
            url,
        })
        .collect()
}

/// Every generated index page except the home page.
pub(super) fn sections(cx: &Context) -> Vec<Section> {
    section_makers(cx).iter().map(|make| make()).collect()
}

/// Makes one section when called.
type SectionMaker<'a> = Box<dyn Fn() -> Section + Send + Sync + 'a>;

/// Every section of the teacher site, in order, each made only when its maker is called (so
/// that they need not all be held at once).
fn section_makers<'a>(cx: &'a Context<'a>) -> Vec<SectionMaker<'a>> {
    let model = cx.model;
    let mut out: Vec<SectionMaker<'a>> = Vec::new();
    for stage in Stage::ALL {
        out.push(Box::new(move || stage_section(cx, stage)));
        for track in Track::ALL {
            out.push(Box::new(move || track_section(cx, stage, track)));
        }
    }
    for topic in &model.catalog.topics {
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
        breadcrumbs: crumbs(&[]),
    }));
    out.push(Box::new(move || parents_section(cx)));
    out
}

fn stage_section(cx: &Context, stage: Stage) -> Section {
    let model = cx.model;
    let name = model.catalog.stage(stage).name.clone();
    let groups = Track::ALL
        .iter()
        .map(|&t| Group {
            title: format!("{}教育", t.name()),
            url: Some(format!("{}/{}/", stage.id(), t.id())),
            items: listed(cx, model.in_track(stage, t)),
        })
        .map(Arc::new)
        .collect();
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
        groups,
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
        breadcrumbs: crumbs(&[("全部主题", "topics/".into())]),
    }
}

fn form_section(cx: &Context, form: &crate::catalog::Entry) -> Section {
    let model = cx.model;
    let groups = Stage::ALL
        .iter()
        .map(|&s| Group {
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
    for stage in Stage::ALL {
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
        breadcrumbs: crumbs(&[]),
    }
}
