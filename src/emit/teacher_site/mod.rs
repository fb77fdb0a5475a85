//! The teacher resource site: a page per document (here: [`document_page`], the page a lesson
//! gets), the home and 404 pages, the index pages by stage, stage × track, topic, lesson
//! form, training and parent school ([`sections`]), the 主题班会 index ([`meetings`]) and the
//! search page with its index ([`search`]). [`changes`] makes only the pages a change
//! reaches, for `yuxin serve`.

mod changes;
mod meetings;
mod search;
mod section;
mod sections;
mod vars;

use std::sync::Arc;

use minijinja::{Value, context};
use rayon::prelude::*;

use crate::catalog::Track;
use crate::diag::Diagnostic;
use crate::emit::lazy::lazy;
use crate::emit::page::{page, render, ser, summaries};
use crate::emit::view::DocumentView;
use crate::emit::{Change, Context, Emitter, Output, gather_kept};
use crate::model::{Kind, Neighbours, Ref};
use section::{Link, Section};
use sections::{count_kind, form_links, section_makers, topic_links};

pub struct TeacherSite;

impl Emitter for TeacherSite {
    fn name(&self) -> &'static str {
        "teacher-site"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        // Each section is made right before its page and dropped after: at 10,000 lessons all
        // the sections' lists together (every document listed in four or five) are 60 MB.
        let section_urls = changes::section_urls(cx.model);
        let docs: Vec<usize> = (0..cx.model.documents.len())
            .filter(|&i| !section_urls.contains(&cx.model.documents[i].url))
            .collect();
        let neighbours = cx.model.neighbours();
        // The search index is made on its own thread while the pages are rendered: Pagefind
        // reads one page at a time. `yuxin serve` makes none (see `Sink::writes_site`).
        let (mut results, index): (Vec<Result<Option<Output>, Diagnostic>>, _) = rayon::join(
            || {
                (docs.par_iter())
                    .map(|&i| cx.keep(document_page(cx, i, neighbours[i])))
                    .collect()
            },
            || match cx.sink {
                Some(sink) if sink.writes_site() => search::index(cx, &section_urls),
                _ => Ok(Vec::new()),
            },
        );
        match index {
            Ok(files) => results.extend(files.into_iter().map(|f| cx.keep(Ok(f)))),
            Err(e) => results.push(Err(e)),
        }
        results.push(search::search_page(cx, &section_urls).map(Some));
        results.extend(
            section_makers(cx)
                .par_iter()
                .map(|make| cx.keep(section_page(cx, make())))
                .collect::<Vec<_>>(),
        );
        results.push(home_page(cx).map(Some));
        results.push(not_found_page(cx).map(Some));
        gather_kept(results)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        Some(changes::emit(cx, change))
    }
}

/// The 404 page is served at any depth, so it links from the configured base URL.
fn not_found_page(cx: &Context) -> Result<Output, Diagnostic> {
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

fn document_page(cx: &Context, index: usize, around: Neighbours) -> Result<Output, Diagnostic> {
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

fn section_page(cx: &Context, section: Section) -> Result<Output, Diagnostic> {
    let intro = section.intro.clone().map(Value::from_safe_string);
    let path = format!("{}index.html", section.url);
    let url = section.url.clone();
    let local =
        context! { title => section.title.clone(), section => lazy(Arc::new(section)), intro };
    page(cx, "section.html", &path, &url, local)
}

fn home_page(cx: &Context) -> Result<Output, Diagnostic> {
    let model = cx.model;
    let stages: Vec<Value> = model
        .config
        .served_stages()
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
    let meetings = (model.config.served_stages().iter())
        .map(|&stage| Link {
            title: model.catalog.stage(stage).name.clone(),
            url: format!("{}#{}", meetings::URL, stage.id()),
            count: (model.in_stage(stage))
                .filter(|d| d.kind == Kind::ClassMeeting)
                .count(),
        })
        .filter(|l| l.count > 0)
        .collect::<Vec<_>>();
    let local = context! {
        title => model.config.title.clone(),
        stages,
        meetings_url => meetings::URL,
        meetings => ser(meetings),
        search_url => search::URL,
        training => ser(summaries(model, model.training())),
        forms => ser(form_links(model)),
        remedial => ser(topic_links(model, Track::Remedial)),
        parents_count => model.content().count() + count_kind(model, Kind::Microcourse),
        schools => ser(cx.schools.iter().map(|s| Link { title: s.name.clone(), url: s.path.clone(), count: s.events.len() }).collect::<Vec<_>>()),
    };
    page(cx, "home.html", "index.html", "", local)
}
