//! Schools: each publishes its own parent-school microsite (家长学校) from the shared
//! curriculum. Declared in `yuxin.yaml` (`schools:`) or one per file in `schools/*.yaml`;
//! [`resolve`] checks the declarations against the catalog and the loaded documents and
//! reports every problem at its line and column.

pub mod decl;
pub mod values;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalog::{Catalog, Stage};
use crate::config::{Config, Hotline};
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, Document, Place};
pub use decl::Contact;
use decl::{Declared, EventDecl, SchoolDecl, span_str};
pub use values::{Clock, Color};

/// The folder of per-school files.
pub const DIR: &str = "schools";

/// A checked school.
#[derive(Debug, Clone)]
pub struct School {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub stages: Vec<Stage>,
    pub address: String,
    pub contact: Contact,
    pub intro: Option<String>,
    /// National lines first (when on), then the school's own.
    pub hotlines: Vec<Hotline>,
    /// A project file copied into the microsite; `None` draws a badge from the name.
    pub logo: Option<PathBuf>,
    pub color: Color,
    /// Where a full build writes it: `schools/<id>/`, ending in `/`.
    pub path: String,
    /// Absolute URL of the microsite's root, ending in `/` (for feeds, sitemaps and sharing).
    pub url: String,
    /// Sorted by date and start time.
    pub events: Vec<Event>,
    /// The file it was declared in.
    pub file: PathBuf,
}

/// 家长会 or 家长学校: a parent meeting or a parent-school session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Meeting,
    Session,
}

impl EventKind {
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Meeting => "家长会",
            EventKind::Session => "家长学校",
        }
    }

    fn parse(text: &str) -> Option<EventKind> {
        match text.trim() {
            "meeting" | "家长会" | "心理专题家长会" => Some(EventKind::Meeting),
            "session" | "家长学校" | "讲座" | "家长课堂" => Some(EventKind::Session),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub date: Date,
    pub start: Clock,
    pub end: Clock,
    pub topic: String,
    pub place: String,
    pub kind: EventKind,
    pub stages: Vec<Stage>,
    /// URL (site-root-relative) of the content page with the plan.
    pub page: Option<String>,
    pub note: Option<String>,
}

impl School {
    /// Does this school's microsite carry `doc`? Micro-courses of its stages and every page.
    pub fn carries(&self, doc: &Document) -> bool {
        match doc.place {
            Place::Content => true,
            Place::Curriculum { stage, .. } => {
                doc.kind == crate::model::Kind::Microcourse && self.stages.contains(&stage)
            }
            Place::Training => false,
        }
    }
}

/// What [`resolve`] found.
#[derive(Default)]
pub struct Resolved {
    pub schools: Vec<School>,
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of the files read, for code frames.
    pub sources: HashMap<PathBuf, String>,
}

/// Reads and checks every school of the project at `root`.
pub fn resolve(root: &Path, config: &Config, catalog: &Catalog, docs: &[Document]) -> Resolved {
    let mut out = Resolved::default();
    let mut declared = Vec::new();
    let config_file = PathBuf::from(crate::config::FILE_NAME);
    if let Ok(text) = crate::load::read_text(root, &config_file) {
        match decl::from_config(&text, &config_file) {
            Ok(list) => declared.extend(list),
            Err(d) => out.diagnostics.push(d),
        }
        out.sources.insert(config_file, text);
    }
    for file in school_files(root) {
        match crate::load::read_text(root, &file) {
            Ok(text) => {
                match decl::from_file(&text, &file) {
                    Ok(d) => declared.push(d),
                    Err(d) => out.diagnostics.push(d),
                }
                out.sources.insert(file, text);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    let pages: HashMap<String, &Document> = docs
        .iter()
        .map(|d| (crate::diag::display_path(&d.source), d))
        .collect();
    let mut ids = HashSet::new();
    for Declared { decl, file } in declared {
        let cx = Check {
            root,
            file: &file,
            catalog,
            pages: &pages,
        };
        if let Some(school) = cx.school(decl, config, &mut out.diagnostics) {
            if !ids.insert(school.id.clone()) {
                out.diagnostics.push(
                    Diagnostic::error(
                        "school-id",
                        &file,
                        Span::file_start(),
                        format!("学校编号 `{}` 重复了", school.id),
                    )
                    .with_hint("每所学校的 id 要不一样：它是网址里的文件夹名"),
                );
                continue;
            }
            out.schools.push(school);
        }
    }
    check_paths(&out.schools, &mut out.diagnostics);
    out.diagnostics.extend(check_videos(root, config, docs));
    out
}

/// A micro-course's `video:` is a file beside it, or a link to a host in `video_hosts`: the
/// microsites promise parents that pages load nothing from elsewhere, so other hosts are
/// refused rather than embedded.
fn check_videos(root: &Path, config: &Config, docs: &[Document]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in docs {
        let Some(video) = &doc.details.video else {
            continue;
        };
        let Some(rest) = video
            .strip_prefix("https://")
            .or_else(|| video.strip_prefix("http://"))
        else {
            continue;
        };
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        if config
            .video_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host))
        {
            continue;
        }
        let line = crate::load::read_text(root, &doc.source)
            .ok()
            .and_then(|t| t.lines().position(|l| l.trim_start().starts_with("video:")))
            .map_or(1, |i| i + 1);
        out.push(
            Diagnostic::error(
                "video-host",
                &doc.source,
                Span::new(line, 1, 6),
                format!("视频链接的网站 `{host}` 不在 yuxin.yaml 的 video_hosts 里"),
            )
            .with_hint(format!(
                "把视频文件放在这篇微课旁边并写 video: 文件名；或确认这个网站可靠后，在 yuxin.yaml 里加上 video_hosts: [{host}]"
            )),
        );
    }
    out
}

/// `schools/*.yaml` (and `.yml`), sorted, relative to `root`.
fn school_files(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(DIR)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !crate::load::is_ignored(n))
        .map(|n| Path::new(DIR).join(n))
        .collect();
    files.sort();
    files
}

/// Two schools written to the same folder would overwrite each other.
fn check_paths(schools: &[School], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for s in schools {
        if let Some(other) = seen.insert(s.path.as_str(), s.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "school-path",
                    &s.file,
                    Span::file_start(),
                    format!("学校 `{}` 和 `{other}` 的输出位置都是 {}", s.id, s.path),
                )
                .with_hint("给其中一所学校换一个 path，或删掉 path 用默认的 schools/<id>/"),
            );
        }
    }
}

struct Check<'a> {
    root: &'a Path,
    file: &'a Path,
    catalog: &'a Catalog,
    pages: &'a HashMap<String, &'a Document>,
}

impl Check<'_> {
    fn err(&self, lint: &'static str, span: Span, msg: String, hint: &str) -> Diagnostic {
        Diagnostic::error(lint, self.file, span, msg).with_hint(hint)
    }

    fn school(
        &self,
        d: SchoolDecl,
        config: &Config,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<School> {
        let before = diags.len();
        let id = d.id.value.trim().to_string();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            diags.push(self.err(
                "school-id",
                span_str(&d.id),
                format!("学校编号 `{id}` 只能用小写英文字母、数字和 -"),
                "编号会成为网址的一部分，例如 `gulou-shiyan` 或 `dongjie-zhongxue`",
            ));
        }
        let stages = self.stages(&d.stages.value, diags);
        if d.stages.value.is_empty() {
            diags.push(self.err(
                "school-stages",
                decl::span_of(&d.stages, 1),
                "学校至少要服务一个学段".into(),
                "例如 stages: [小学] 或 stages: [junior, senior]",
            ));
        }
        let color = d
            .color
            .as_ref()
            .map_or(Some(Color::DEFAULT), |c| self.color(c, diags));
        let logo = d.logo.as_ref().and_then(|l| self.logo(l, diags));
        let path = match &d.path {
            Some(p) => self.path(p, diags),
            None => Some(format!("{DIR}/{id}/")),
        };
        let events: Vec<Event> = d
            .events
            .into_iter()
            .filter_map(|e| self.event(e, &stages, diags))
            .collect();
        if diags.len() > before {
            return None;
        }
        let path = path?;
        let mut hotlines = if d.national_hotline {
            config.hotlines.clone()
        } else {
            Vec::new()
        };
        hotlines.extend(d.hotlines);
        let url = d
            .url
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") })
            .unwrap_or_else(|| format!("{}{path}", config.base_url));
        let mut events = events;
        events.sort_by_key(|e| (e.date, e.start));
        Some(School {
            short_name: d.short_name.unwrap_or_else(|| d.name.clone()),
            id,
            name: d.name,
            stages,
            address: d.address,
            contact: d.contact,
            intro: d.intro,
            hotlines,
            logo,
            color: color?,
            path,
            url,
            events,
            file: self.file.to_path_buf(),
        })
    }

    fn stages(
        &self,
        list: &[serde_saphyr::Spanned<String>],
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Stage> {
        let mut out = Vec::new();
        for s in list {
            match self.catalog.find_stage(&s.value) {
                Ok(stage) if !out.contains(&stage) => out.push(stage),
                Ok(_) => {}
                Err(miss) => diags.push(self.err(
                    "school-stages",
                    span_str(s),
                    format!("不认识的学段 `{}`", s.value),
                    &miss.hint(),
                )),
            }
        }
        out.sort();
        out
    }

    fn color(
        &self,
        c: &serde_saphyr::Spanned<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Color> {
        let Some(color) = Color::parse(&c.value) else {
            diags.push(self.err(
                "school-color",
                span_str(c),
                format!("主题色 `{}` 不是 #rrggbb 形式的颜色", c.value),
                "例如 color: \"#0b5d57\"（要加引号，因为 # 在 YAML 里开始注释）",
            ));
            return None;
        };
        let ratio = color.contrast_with_white();
        if ratio < 4.5 {
            diags.push(self.err(
                "school-color",
                span_str(c),
                format!("主题色 {color} 太浅：白字在它上面的对比度只有 {ratio:.1}:1，老人看不清"),
                "选深一点的颜色，白字对比度至少 4.5:1，例如 #0b5d57、#1d4e89、#8a1c2b",
            ));
            return None;
        }
        Some(color)
    }

    fn logo(
        &self,
        l: &serde_saphyr::Spanned<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<PathBuf> {
        let rel = PathBuf::from(l.value.trim());
        let ext = rel.extension().map(|e| e.to_string_lossy().to_lowercase());
        let ok_ext = matches!(
            ext.as_deref(),
            Some("svg" | "png" | "jpg" | "jpeg" | "webp")
        );
        if !ok_ext || rel.is_absolute() || !self.root.join(&rel).is_file() {
            diags.push(self.err(
                "school-logo",
                span_str(l),
                format!("找不到校徽图片 `{}`（要 svg、png、jpg 或 webp）", l.value),
                "写从项目文件夹算起的路径，例如 logo: schools/logos/gulou.svg；也可以删掉 logo，用校名做徽标",
            ));
            return None;
        }
        Some(rel)
    }

    fn path(
        &self,
        p: &serde_saphyr::Spanned<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let text = p.value.trim().trim_matches('/');
        let ok = !text.is_empty()
            && text.split('/').all(|seg| {
                !seg.is_empty()
                    && seg != ".."
                    && seg != "."
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        if !ok {
            diags.push(self.err(
                "school-path",
                span_str(p),
                format!("输出位置 `{}` 不能用", p.value),
                "写输出文件夹里的相对路径，只用英文字母、数字、- 和 _，例如 path: jx/gulou",
            ));
            return None;
        }
        Some(format!("{text}/"))
    }

    fn event(&self, e: EventDecl, school: &[Stage], diags: &mut Vec<Diagnostic>) -> Option<Event> {
        let before = diags.len();
        let date = Date::parse(&e.date.value);
        if date.is_none() {
            diags.push(self.err(
                "event-date",
                span_str(&e.date),
                format!("活动日期 `{}` 不对", e.date.value),
                "写成 年-月-日，例如 date: 2026-10-15，并确认这一天存在",
            ));
        }
        let range = values::parse_range(&e.time.value).map_err(|why| {
            let msg = match why {
                values::RangeError::Shape => format!("活动时间 `{}` 看不懂", e.time.value),
                values::RangeError::EndBeforeStart => {
                    format!("活动时间 `{}` 的结束早于开始", e.time.value)
                }
            };
            diags.push(self.err(
                "event-time",
                span_str(&e.time),
                msg,
                "写成 开始-结束 的北京时间，例如 time: \"19:00-20:30\"",
            ));
        });
        let kind = match &e.kind {
            None => Some(EventKind::Meeting),
            Some(k) => EventKind::parse(&k.value).or_else(|| {
                diags.push(self.err(
                    "event-kind",
                    span_str(k),
                    format!("不认识的活动类型 `{}`", k.value),
                    "写 家长会（meeting）或 家长学校（session）",
                ));
                None
            }),
        };
        let mut stages = if e.stages.is_empty() {
            school.to_vec()
        } else {
            self.stages(&e.stages, diags)
        };
        for (s, decl) in stages.iter().zip(&e.stages) {
            if !school.contains(s) {
                diags.push(self.err(
                    "event-stage",
                    span_str(decl),
                    format!("学校不服务学段 `{}`，这个活动却是给它的", decl.value),
                    "改成学校 stages 里的学段，或删掉 stages 表示全校",
                ));
            }
        }
        stages.sort();
        let page = e.page.as_ref().and_then(|p| self.page(p, diags));
        if diags.len() > before {
            return None;
        }
        let (start, end) = range.ok()?;
        Some(Event {
            date: date?,
            start,
            end,
            topic: e.topic,
            place: e.place,
            kind: kind?,
            stages,
            page,
            note: e.note,
        })
    }

    fn page(
        &self,
        p: &serde_saphyr::Spanned<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let key = p.value.trim().trim_start_matches("./");
        match self.pages.get(key) {
            Some(doc) if doc.place == Place::Content => Some(doc.url.clone()),
            _ => {
                let known = self
                    .pages
                    .iter()
                    .filter(|(_, d)| d.place == Place::Content)
                    .map(|(k, _)| k.as_str());
                let hint = match crate::diag::suggest(key, known) {
                    Some(s) => format!("是不是想写 `{s}`？写 content/ 里页面的路径"),
                    None => "写 content/ 里页面的路径，例如 content/parent-meetings/first-term.md"
                        .into(),
                };
                diags.push(self.err(
                    "event-page",
                    span_str(p),
                    format!("找不到活动方案页面 `{}`", p.value),
                    &hint,
                ));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
