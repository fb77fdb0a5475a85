//! The parent-school microsites: for each school, its stages' micro-courses, the `content/`
//! pages, its events (calendar page and `.ics`), an Atom feed, a sitemap, `robots.txt`, a 404
//! page and a Chinese search index, in the parent theme (`templates/parents/`).

mod feeds;
mod search;
mod time;
mod views;

use std::collections::HashSet;

use minijinja::value::Serde;
use minijinja::{Value, context};

use super::summary::Summary;
use super::view::DocumentView;
use super::{Context, Emitter, Output};
use crate::diag::{Diagnostic, Span};
use crate::model::{Document, Kind, Neighbours, Place};
use crate::school::School;
use crate::urls::root_prefix;
use views::{EventView, SchoolView};

/// Builds the microsites of all schools, each under its `path`, or of one school at the root
/// of the output folder (`yuxin build --school ID`).
pub struct SchoolSites {
    only: Option<String>,
}

impl SchoolSites {
    pub fn all() -> SchoolSites {
        SchoolSites { only: None }
    }

    pub fn one(id: &str) -> SchoolSites {
        SchoolSites {
            only: Some(id.to_string()),
        }
    }
}

impl Emitter for SchoolSites {
    fn name(&self) -> &'static str {
        "school-sites"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut outputs = Vec::new();
        let mut errors = Vec::new();
        for school in cx.schools {
            let prefix = match &self.only {
                Some(id) if *id == school.id => String::new(),
                Some(_) => continue,
                None => school.path.clone(),
            };
            match Site::new(cx, school).emit() {
                Ok(files) => outputs.extend(
                    files
                        .into_iter()
                        .map(|o| Output::new(format!("{prefix}{}", o.path), o.bytes)),
                ),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(outputs)
        } else {
            Err(errors)
        }
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &crate::emit::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        const TEMPLATES: &[&str] = &[
            "parents/home.html",
            "parents/courses.html",
            "parents/events.html",
            "parents/page.html",
            "parents/search.html",
            "parents/404.html",
        ];
        let for_parents = |d: &crate::model::Document| {
            d.kind == crate::model::Kind::Microcourse || d.place == crate::model::Place::Content
        };
        crate::emit::change::all_or_nothing(change.reaches(cx, for_parents, TEMPLATES), || {
            self.emit(cx)
        })
    }
}

/// One school's microsite being built; paths are relative to the microsite's root.
struct Site<'a> {
    cx: &'a Context<'a>,
    school: &'a School,
    /// Indices of the documents it carries.
    docs: Vec<usize>,
    view: Value,
    epoch: i64,
}

const LISTEN: &str = "parents/listen-15/";
const HELP: &str = "parents/help/";
const ABOUT: &str = "parents/about/";

impl<'a> Site<'a> {
    fn new(cx: &'a Context<'a>, school: &'a School) -> Site<'a> {
        let docs = (0..cx.model.documents.len())
            .filter(|&i| school.carries(&cx.model.documents[i]))
            .collect();
        let view = Value::from(Serde(SchoolView::new(school, cx.model, logo_path(school))));
        Site {
            cx,
            school,
            docs,
            view,
            epoch: time::now_epoch(),
        }
    }

    fn doc(&self, i: usize) -> &'a Document {
        &self.cx.model.documents[i]
    }

    fn emit(&self) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut results: Vec<Result<Output, Diagnostic>> = Vec::new();
        let neighbours = self.neighbours();
        for (&i, around) in self.docs.iter().zip(neighbours) {
            results.push(self.document(i, around));
        }
        results.push(self.home());
        results.push(self.courses());
        results.push(self.events());
        results.push(self.search_page());
        results.push(self.not_found());
        let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
        let mut errors: Vec<Diagnostic> = errors.into_iter().filter_map(Result::err).collect();
        let mut outputs: Vec<Output> = ok.into_iter().filter_map(Result::ok).collect();
        if !errors.is_empty() {
            errors.dedup();
            return Err(errors);
        }
        let indexed: Vec<&Output> = outputs
            .iter()
            .filter(|o| o.path.ends_with(".html") && o.path != "404.html")
            .collect();
        let pages: Vec<String> = indexed
            .iter()
            .map(|o| o.path.trim_end_matches("index.html").to_string())
            .collect();
        let index = search::index(&indexed, &self.school.file).map_err(|d| vec![d])?;
        outputs.extend(index);
        outputs.extend(self.files(&pages).map_err(|d| vec![d])?);
        Ok(outputs)
    }

    /// Prev/next among the carried documents of the same stage (courses) or among pages.
    fn neighbours(&self) -> Vec<Neighbours> {
        let all = self.cx.model.neighbours();
        let carried: HashSet<usize> = self.docs.iter().copied().collect();
        let keep = |n: Option<usize>| n.filter(|i| carried.contains(i));
        self.docs
            .iter()
            .map(|&i| Neighbours {
                prev: keep(all[i].prev),
                next: keep(all[i].next),
            })
            .collect()
    }

    fn render(&self, template: &str, url: &str, local: Value) -> Result<Output, Diagnostic> {
        self.render_at(template, url, root_prefix(url), local)
    }

    fn render_at(
        &self,
        template: &str,
        url: &str,
        root: String,
        local: Value,
    ) -> Result<Output, Diagnostic> {
        let cx = self.cx;
        let tmpl = cx
            .env
            .get_template(template)
            .map_err(|e| cx.theme.error(&e))?;
        let site = context! { language => cx.model.config.language.clone() };
        let all = context! {
            site, root, url, school => self.view.clone(),
            home_title => format!("{}家长学校", self.school.name),
            listen_url => LISTEN, help_url => HELP, about_url => ABOUT,
            ..local
        };
        crate::stats::template();
        let html = tmpl.render(all).map_err(|e| cx.theme.error(&e))?;
        Ok(Output::new(format!("{url}index.html"), html))
    }

    fn document(&self, i: usize, around: Neighbours) -> Result<Output, Diagnostic> {
        let model = self.cx.model;
        let doc = self.doc(i);
        let view = DocumentView::new(model, i, &self.cx.rendered[i], around, &self.cx.summaries);
        let fallback = model.config.base_url.as_str();
        let carried: HashSet<&str> = self
            .docs
            .iter()
            .map(|&j| self.doc(j).url.as_str())
            .collect();
        let html = super::relink::rewrite(
            &view.content,
            &doc.url,
            |target| carried.contains(target) || self.is_own_file(target),
            fallback,
        );
        let video = self.video(doc);
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
        let local = context! {
            title => doc.title.clone(), description, nav, og_type,
            doc => Serde(&view), content => Value::from_safe_string(html), video,
            prev => Serde(&view.prev), next => Serde(&view.next),
        };
        self.render("parents/page.html", &doc.url, local)
    }

    /// Is `target` a file copied into the microsite (an image or video beside a page)?
    fn is_own_file(&self, target: &str) -> bool {
        self.cx
            .assets
            .iter()
            .any(|a| a.url == target && self.carries_asset(a))
    }

    /// Assets in the folder of a carried document (images and videos a page shows).
    fn carries_asset(&self, asset: &crate::model::Asset) -> bool {
        self.docs.iter().any(|&i| {
            self.doc(i)
                .source
                .parent()
                .is_some_and(|dir| asset.source.starts_with(dir))
        })
    }

    fn video(&self, doc: &Document) -> Value {
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
        let local = super::relink::resolve(&doc.url, video).unwrap_or_default();
        context! { local }
    }

    fn groups(&self) -> Vec<views::Group> {
        views::course_groups(self.cx.model, self.school)
    }

    fn pages(&self) -> Vec<Summary> {
        let model = self.cx.model;
        crate::emit::page::summaries(model, model.content())
    }

    fn event_views(&self, events: &[crate::school::Event]) -> Vec<EventView> {
        events
            .iter()
            .map(|e| EventView::new(e, self.cx.model))
            .collect()
    }

    fn home(&self) -> Result<Output, Diagnostic> {
        let today = time::today_beijing(self.epoch);
        let upcoming = self.event_views(views::upcoming(&self.school.events, today, 3));
        let groups = self.groups();
        let course_count: usize = groups.iter().map(|g| g.items.len()).sum();
        let local = context! {
            title => format!("{}家长学校", self.school.name),
            description => format!("{}家长学校：写给爸爸妈妈、爷爷奶奶的心理健康微课、倾听一刻钟和家长会安排。", self.school.name),
            nav => "home", groups => Serde(&groups), course_count,
            upcoming => Serde(&upcoming), events => Serde(self.event_views(&self.school.events)),
        };
        self.render("parents/home.html", "", local)
    }

    fn courses(&self) -> Result<Output, Diagnostic> {
        let local = context! {
            title => "家长微课", description => "按学段排好的家长微课，每节几分钟。",
            nav => "courses", groups => Serde(self.groups()), pages => Serde(self.pages()),
        };
        self.render("parents/courses.html", "courses/", local)
    }

    fn events(&self) -> Result<Output, Diagnostic> {
        let local = context! {
            title => "活动日历", description => "本学期的心理专题家长会和家长学校讲座，可加入手机日历。",
            nav => "events", months => Serde(views::months(&self.school.events, self.cx.model)),
        };
        self.render("parents/events.html", "events/", local)
    }

    fn search_page(&self) -> Result<Output, Diagnostic> {
        let mut groups = self.groups();
        groups.push(views::Group {
            id: "pages",
            title: "家长学校".into(),
            items: self.pages(),
        });
        let local = context! {
            title => "搜索", description => "搜索家长微课和文章。", nav => "search",
            groups => Serde(groups),
        };
        self.render("parents/search.html", "search/", local)
    }

    /// Served for any missing path, so it links from the microsite's own path on the server.
    fn not_found(&self) -> Result<Output, Diagnostic> {
        let root = server_path(&self.school.url);
        let local = context! { title => "页面不存在", description => "页面不存在。" };
        let mut out = self.render_at("parents/404.html", "", root, local)?;
        out.path = "404.html".into();
        Ok(out)
    }

    /// Feeds, sitemap, robots, static files, the logo and the pages' own files.
    fn files(&self, pages: &[String]) -> Result<Vec<Output>, Diagnostic> {
        let model = self.cx.model;
        let school = self.school;
        let content: Vec<&Document> = self
            .docs
            .iter()
            .map(|&i| self.doc(i))
            .filter(|d| d.place == Place::Content)
            .collect();
        let entries = feeds::entries(school, model, &content);
        let mut out = vec![
            Output::new("events.ics", feeds::ics(school, model, self.epoch)),
            Output::new("feed.xml", feeds::atom(school, &entries)),
            Output::new("sitemap.xml", feeds::sitemap(school, pages)),
            Output::new("robots.txt", feeds::robots(school)),
        ];
        for (path, bytes) in self.cx.theme.static_files()? {
            if let Some(name) = path.strip_prefix("parents/") {
                out.push(Output::new(format!("static/{name}"), bytes));
            }
        }
        out.push(self.logo()?);
        for asset in self.cx.assets.iter().filter(|a| self.carries_asset(a)) {
            let bytes = std::fs::read(self.cx.root.join(&asset.source)).map_err(|e| {
                Diagnostic::error(
                    "io",
                    &asset.source,
                    Span::file_start(),
                    format!("无法读取文件：{e}"),
                )
            })?;
            out.push(Output::new(asset.url.clone(), bytes));
        }
        Ok(out)
    }

    fn logo(&self) -> Result<Output, Diagnostic> {
        let school = self.school;
        let path = logo_path(school);
        match &school.logo {
            None => Ok(Output::new(path, views::badge_svg(school))),
            Some(file) => std::fs::read(self.cx.root.join(file))
                .map(|bytes| Output::new(path, bytes))
                .map_err(|e| {
                    Diagnostic::error("io", file, Span::file_start(), format!("无法读取校徽：{e}"))
                        .with_hint("检查 logo: 写的文件是否存在")
                }),
        }
    }
}

/// `logo.svg` or `logo.png`…: the logo's name inside the microsite.
fn logo_path(school: &School) -> String {
    let ext = school
        .logo
        .as_ref()
        .and_then(|l| l.extension())
        .map_or("svg".to_string(), |e| e.to_string_lossy().to_lowercase());
    format!("logo.{ext}")
}

/// `https://x.cn/schools/a/` → `/schools/a/`; a path stays as it is.
fn server_path(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".into(), |i| rest[i..].to_string()),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_paths() {
        assert_eq!(server_path("https://x.cn/schools/a/"), "/schools/a/");
        assert_eq!(server_path("https://x.cn"), "/");
        assert_eq!(server_path("/schools/a/"), "/schools/a/");
    }
}
