//! The parent-school microsites: for each school, its stages' micro-courses, the `content/`
//! pages, its events (calendar page and `.ics`), an Atom feed, a sitemap, `robots.txt`, a 404
//! page and a Chinese search index, in the parent theme (`templates/parents/`).
//!
//! Schools with the same stages carry the same pages and search index: what they share is made
//! once per stage set (`shared`) and written once, by the set's first school; the others' copies
//! are hard links to it (see [`crate::emit::Sink::put_copy`]), so that every school's folder is
//! still a whole site on its own, to serve or copy alone. Schools are built in parallel and each
//! one's files go to the sink as soon as they are made.

mod badge;
mod feeds;
mod search;
mod share;
mod shared;
mod time;
mod views;

use std::collections::BTreeSet;

use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;

use super::{Context, Emitter, Output};
use crate::diag::{Diagnostic, Span};
use crate::model::{Document, Neighbours, Place};
use crate::school::School;
use crate::urls::root_prefix;
use shared::Shared;

use views::{EventView, SchoolView};

/// Builds the microsites of all schools, each under its `path`, or of one school at the root
/// of the output folder (`yuxin build --school ID`).
pub struct SchoolSites {
    only: Only,
}

/// Which schools a [`SchoolSites`] builds.
enum Only {
    All,
    /// One school, at the root of the output folder.
    One(String),
    /// Some schools, each under its `path` (`yuxin serve`, after their files changed).
    Some(BTreeSet<String>),
}

impl SchoolSites {
    pub fn all() -> SchoolSites {
        SchoolSites { only: Only::All }
    }

    pub fn one(id: &str) -> SchoolSites {
        SchoolSites {
            only: Only::One(id.to_string()),
        }
    }

    /// Where `school` goes, if this build makes it.
    fn prefix(&self, school: &School) -> Option<String> {
        match &self.only {
            Only::All => Some(school.path.clone()),
            Only::One(id) => (*id == school.id).then(String::new),
            Only::Some(ids) => ids.contains(&school.id).then(|| school.path.clone()),
        }
    }
}

/// Pages as `(url, html)`, URLs from the microsite's root.
type Pages = Vec<(String, String)>;

/// What a school's build hands back: outputs kept (no sink) or problems.
type Kept = Vec<Result<Option<Output>, Diagnostic>>;

impl Emitter for SchoolSites {
    fn name(&self) -> &'static str {
        "school-sites"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let chosen: Vec<(&School, String)> = cx
            .schools
            .iter()
            .filter_map(|school| Some((school, self.prefix(school)?)))
            .collect();
        let build = Build {
            cx,
            neighbours: cx.model.neighbours(),
            epoch: time::now_epoch(),
        };
        // Stage sets in the order first met, each with its schools (indices into `chosen`).
        let mut sets: Vec<(Vec<crate::catalog::Stage>, Vec<usize>)> = Vec::new();
        for (k, (school, _)) in chosen.iter().enumerate() {
            let key = shared::stage_set(school);
            match sets.iter_mut().find(|(s, _)| *s == key) {
                Some((_, members)) => members.push(k),
                None => sets.push((key, vec![k])),
            }
        }
        // Two rounds, so that no worker waits for another: each set's first school makes and
        // writes what the set shares, then every other school links to it.
        let firsts: Vec<Result<First, Vec<Diagnostic>>> = sets
            .par_iter()
            .map(|(_, members)| {
                let (school, prefix) = &chosen[members[0]];
                build.first(school, prefix)
            })
            .collect();
        let others: Vec<(usize, usize)> = sets
            .iter()
            .enumerate()
            .filter(|(s, _)| firsts[*s].is_ok())
            .flat_map(|(s, (_, members))| members[1..].iter().map(move |&k| (s, k)))
            .collect();
        let rest: Vec<Kept> = others
            .par_iter()
            .map(|&(s, k)| {
                let (school, prefix) = &chosen[k];
                let from = &chosen[sets[s].1[0]].1;
                match &firsts[s] {
                    Ok(first) => build.other(school, prefix, &first.shared, from),
                    Err(_) => Vec::new(),
                }
            })
            .collect();
        let mut kept: Kept = Vec::new();
        // Each built set's indexed pages, with the school that made them.
        let mut made: Vec<(&str, Pages)> = Vec::new();
        for (s, first) in firsts.into_iter().enumerate() {
            match first {
                Ok(first) => {
                    kept.extend(first.kept);
                    made.push((chosen[sets[s].1[0]].0.id.as_str(), first.indexed));
                }
                Err(errors) => {
                    // Said once: the index goes without its pages rather than make them again.
                    kept.extend(errors.into_iter().map(Err));
                    made.push((chosen[sets[s].1[0]].0.id.as_str(), Pages::new()));
                }
            }
        }
        kept.extend(rest.into_iter().flatten());
        match index_pages(&build, made) {
            Ok(indexed) => {
                if let Some((school, _)) = chosen.first() {
                    kept.extend(shared_index(cx, &chosen, indexed, &school.file));
                }
            }
            Err(errors) => kept.extend(errors.into_iter().map(Err)),
        }
        kept.extend(badge::emit(cx, &chosen));
        super::gather_kept(kept)
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
            "parents/event.html",
            "parents/notice.html",
        ];
        let for_parents = |d: &crate::model::Document| {
            d.kind == crate::model::Kind::Microcourse || d.place == crate::model::Place::Content
        };
        if change.reaches(cx, for_parents, TEMPLATES) {
            return Some(self.emit(cx));
        }
        if change.schools.is_empty() {
            return Some(Ok(Vec::new()));
        }
        let only = SchoolSites {
            only: Only::Some(change.schools.clone()),
        };
        Some(only.emit(cx))
    }
}

/// What every school's build reads: made once per build.
struct Build<'a> {
    cx: &'a Context<'a>,
    /// Prev/next among all documents (a school keeps those it carries).
    neighbours: Vec<Neighbours>,
    epoch: i64,
}

impl Build<'_> {
    /// The first school of a stage set: makes what the set shares and writes it under `prefix`
    /// with the school's own files. Hands back its indexed pages too: the part the index reads,
    /// the article, is the same on each school's copy of a page.
    fn first(&self, school: &School, prefix: &str) -> Result<First, Vec<Diagnostic>> {
        let cx = self.cx;
        let (shared, own) = self.site(school)?;
        let indexed = indexed_pages(&own);
        let mut kept: Kept = own
            .into_iter()
            .map(|o| cx.keep(Ok(Output::new(format!("{prefix}{}", o.path), o.bytes))))
            .collect();
        kept.extend(shared.files.iter().map(|f| {
            cx.keep(Ok(Output::new(
                format!("{prefix}{}", f.path),
                f.bytes.clone(),
            )))
        }));
        Ok(First {
            shared,
            kept,
            indexed,
        })
    }

    /// The indexed pages of `school`'s microsite, made but not written.
    fn indexed(&self, school: &School) -> Result<Pages, Vec<Diagnostic>> {
        Ok(indexed_pages(&self.site(school)?.1))
    }

    /// What `school`'s stage set shares, and the school's own files, made but not written.
    fn site(&self, school: &School) -> Result<(Shared, Vec<Output>), Vec<Diagnostic>> {
        let shared = Shared::new(self.cx, school, &self.neighbours).map_err(|d| vec![d])?;
        let own = Site::new(self.cx, school, &shared, self.epoch).emit()?;
        Ok((shared, own))
    }

    /// Another school of the set: its own pages, and copies of the set's files from the first
    /// school's folder `from`.
    fn other(&self, school: &School, prefix: &str, shared: &Shared, from: &str) -> Kept {
        let cx = self.cx;
        let own = match Site::new(cx, school, shared, self.epoch).emit() {
            Ok(own) => own,
            Err(errors) => return errors.into_iter().map(Err).collect(),
        };
        let mut kept: Kept = own
            .into_iter()
            .map(|o| cx.keep(Ok(Output::new(format!("{prefix}{}", o.path), o.bytes))))
            .collect();
        kept.extend(shared.files.iter().map(|f| {
            cx.keep_copy(
                &format!("{from}{}", f.path),
                &f.bytes,
                format!("{prefix}{}", f.path),
            )
        }));
        kept
    }
}

/// The pages the shared search index reads, as a full build has them: each stage set's from its
/// first school in the order schools are declared, sets in the order first met (Pagefind numbers
/// pages in the order it reads them). `made` holds the pages of the schools this build made; a
/// build of some schools (`--school`, or serve remaking one) makes the other sets' pages too, so
/// that its index is the one every school shares.
fn index_pages(build: &Build, mut made: Vec<(&str, Pages)>) -> Result<Pages, Vec<Diagnostic>> {
    let mut seen = Vec::new();
    let firsts: Vec<&School> = (build.cx.schools.iter())
        .filter(|school| {
            let key = shared::stage_set(school);
            let new = !seen.contains(&key);
            if new {
                seen.push(key);
            }
            new
        })
        .collect();
    let mut slots: Vec<Option<Pages>> = (firsts.iter())
        .map(|school| {
            (made.iter_mut())
                .find(|(id, _)| *id == school.id)
                .map(|(_, pages)| std::mem::take(pages))
        })
        .collect();
    let missing: Vec<usize> = (0..firsts.len()).filter(|&i| slots[i].is_none()).collect();
    let built: Vec<(usize, Result<Pages, Vec<Diagnostic>>)> = missing
        .par_iter()
        .map(|&i| (i, build.indexed(firsts[i])))
        .collect();
    let mut errors = Vec::new();
    for (i, pages) in built {
        match pages {
            Ok(pages) => slots[i] = Some(pages),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(slots.into_iter().flatten().flatten().collect())
    } else {
        Err(errors)
    }
}

/// What a stage set's first school hands back.
struct First {
    shared: Shared,
    kept: Kept,
    /// Its pages in the search index, `(url, html)`.
    indexed: Pages,
}

/// One search index for every microsite: the pages of all stage sets, each tagged with its
/// stage (`data-pagefind-filter`), so that each school's search page asks only for its own
/// stages. Written once, in the first school's folder, and linked into every other's.
fn shared_index(
    cx: &Context,
    chosen: &[(&School, String)],
    mut indexed: Pages,
    file: &std::path::Path,
) -> Kept {
    let mut seen = std::collections::HashSet::new();
    indexed.retain(|(url, _)| seen.insert(url.clone()));
    let files = match search::index(indexed, file) {
        Ok(files) => files,
        Err(d) => return vec![Err(d)],
    };
    // A school's search asks only for its own stages, so it never fetches another stage's
    // page fragments: those are left out of its folder.
    let stage_of: std::collections::HashMap<&str, crate::catalog::Stage> = cx
        .model
        .documents
        .iter()
        .filter_map(|d| Some((d.url.as_str(), d.stage()?)))
        .collect();
    let stages: Vec<Option<crate::catalog::Stage>> = files
        .iter()
        .map(|f| {
            let url = search::fragment_url(f)?;
            stage_of.get(url.trim_start_matches('/')).copied()
        })
        .collect();
    let mut written: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut kept: Kept = Vec::new();
    for (school, prefix) in chosen {
        let needed = files
            .iter()
            .zip(&stages)
            .filter(|(_, stage)| stage.is_none_or(|s| school.stages.contains(&s)))
            .map(|(f, _)| f);
        for f in needed {
            let path = format!("{prefix}{}", f.path);
            kept.push(match written.get(f.path.as_str()) {
                Some(from) => cx.keep_copy(&format!("{from}{}", f.path), &f.bytes, path),
                None => {
                    written.insert(&f.path, prefix);
                    cx.keep(Ok(Output::new(path, f.bytes.clone())))
                }
            });
        }
    }
    kept
}

/// `(url, html)` of the pages among `outputs` that go into the search index.
fn indexed_pages(outputs: &[Output]) -> Pages {
    outputs
        .iter()
        .filter(|o| is_indexed(&o.path))
        .map(|o| {
            let url = o.path.trim_end_matches("index.html").to_string();
            (url, String::from_utf8_lossy(&o.bytes).into_owned())
        })
        .collect()
}

/// The pages in the search index: every page but the 404 (only articles are indexed of them).
fn is_indexed(path: &str) -> bool {
    path.ends_with(".html") && path != "404.html"
}

/// One school's own files (all but what its stage set shares); paths are relative to the
/// microsite's root.
struct Site<'a> {
    cx: &'a Context<'a>,
    school: &'a School,
    shared: &'a Shared,
    view: Value,
    /// Its micro-courses by stage, in the order it lists its stages.
    groups: Vec<views::Group>,
    epoch: i64,
}

const LISTEN: &str = "parents/listen-15/";
const HELP: &str = "parents/help/";
const ABOUT: &str = "parents/about/";

impl<'a> Site<'a> {
    fn new(cx: &'a Context<'a>, school: &'a School, shared: &'a Shared, epoch: i64) -> Site<'a> {
        let view = Value::from(Serde(SchoolView::new(school, cx.model, logo_path(school))));
        Site {
            cx,
            school,
            shared,
            view,
            groups: views::course_groups(cx.model, school),
            epoch,
        }
    }

    fn doc(&self, i: usize) -> &'a Document {
        &self.cx.model.documents[i]
    }

    fn emit(&self) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut results: Vec<Result<Output, Diagnostic>> = Vec::new();
        for (&i, local) in self.shared.docs.iter().zip(&self.shared.pages) {
            let url = &self.doc(i).url;
            results.push(self.render("parents/page.html", url, local.clone()));
        }
        results.push(self.home());
        results.push(self.courses());
        results.push(self.events());
        results.push(self.search_page());
        results.push(self.not_found());
        results.extend(self.event_pages());
        let mut outputs = super::gather(results)?;
        let pages: Vec<String> = outputs
            .iter()
            .filter(|o| is_indexed(&o.path))
            .map(|o| o.path.trim_end_matches("index.html").to_string())
            .collect();
        outputs.extend(self.files(&pages).map_err(|d| vec![d])?);
        Ok(outputs)
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

    fn event_views(&self, events: &[crate::school::Event]) -> Vec<EventView> {
        events
            .iter()
            .map(|e| EventView::new(e, self.cx.model))
            .collect()
    }

    fn home(&self) -> Result<Output, Diagnostic> {
        let today = time::today_beijing(self.epoch);
        let upcoming = self.event_views(views::upcoming(&self.school.events, today, 3));
        let groups = &self.groups;
        let course_count: usize = groups.iter().map(|g| g.items.len()).sum();
        let local = context! {
            title => format!("{}家长学校", self.school.name),
            description => format!("{}家长学校：写给爸爸妈妈、爷爷奶奶的心理健康微课、倾听一刻钟和家长会安排。", self.school.name),
            nav => "home", groups => Serde(groups), course_count,
            upcoming => Serde(&upcoming), events => Serde(self.event_views(&self.school.events)),
        };
        self.render("parents/home.html", "", local)
    }

    fn courses(&self) -> Result<Output, Diagnostic> {
        let local = context! {
            title => "家长微课", description => "按学段排好的家长微课，每节几分钟。",
            nav => "courses", groups => Serde(&self.groups), pages => Serde(&self.shared.content),
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
        let pages = views::Group {
            id: "pages",
            title: "家长学校".into(),
            items: self.shared.content.clone(),
        };
        let groups: Vec<&views::Group> = self.groups.iter().chain([&pages]).collect();
        let local = context! {
            title => "搜索", description => "搜索家长微课和文章。", nav => "search",
            groups => Serde(groups),
            stages => self.school.stages.iter().map(|s| s.id()).collect::<Vec<_>>().join(" "),
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

    /// Feeds, sitemap, robots and the logo.
    fn files(&self, pages: &[String]) -> Result<Vec<Output>, Diagnostic> {
        let model = self.cx.model;
        let school = self.school;
        let content: Vec<&Document> = self
            .shared
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
        out.push(self.logo()?);
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
