//! Checks a school declaration against the catalog and the loaded documents, one located
//! diagnostic per problem.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::decl::{self, EventDecl, SchoolDecl, span_str};
use super::values::{self, Color};
use super::{DIR, Event, EventKind, School};
use crate::catalog::{Catalog, Stage};
use crate::config::Config;
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, Document, Place};

/// A micro-course's `video:` is a file beside it, or a link to a host in `video_hosts`: the
/// microsites promise parents that pages load nothing from elsewhere, so other hosts are
/// refused rather than embedded.
pub fn videos(root: &Path, config: &Config, docs: &[Document]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in docs {
        let Some(video) = &doc.details.video else {
            continue;
        };
        let line = || {
            crate::load::read_text(root, &doc.source)
                .ok()
                .and_then(|t| t.lines().position(|l| l.trim_start().starts_with("video:")))
                .map_or(1, |i| i + 1)
        };
        if crate::urls::scheme(video).is_some() && !web_address(video) {
            out.push(
                Diagnostic::error(
                    "video-url",
                    &doc.source,
                    Span::new(line(), 1, 6),
                    format!("视频地址 `{video}` 既不是 http(s) 网址，也不是文件名"),
                )
                .with_hint(
                    "把视频文件放在这篇微课旁边并写 video: 文件名，或写 https:// 开头的视频网址",
                ),
            );
            continue;
        }
        let Some(rest) = video
            .strip_prefix("https://")
            .or_else(|| video.strip_prefix("http://"))
        else {
            continue;
        };
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
        // The same rule as for an `<iframe>` in a page: the host or a subdomain of it.
        if crate::render::sanitize::host_allowed(host, &config.video_hosts) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "video-host",
                &doc.source,
                Span::new(line(), 1, 6),
                format!("视频链接的网站 `{host}` 不在 yuxin.yaml 的 video_hosts 里"),
            )
            .with_hint(format!(
                "把视频文件放在这篇微课旁边并写 video: 文件名；或确认这个网站可靠后，在 yuxin.yaml 里加上 video_hosts: [{host}]"
            )),
        );
    }
    out
}

/// An absolute `http://` or `https://` address (never `javascript:` or `data:`).
pub fn web_address(url: &str) -> bool {
    matches!(crate::urls::scheme(url).as_deref(), Some("http" | "https"))
}

pub struct Check<'a> {
    pub root: &'a Path,
    pub file: &'a Path,
    pub catalog: &'a Catalog,
    pub pages: &'a HashMap<String, &'a Document>,
}

impl Check<'_> {
    fn err(&self, lint: &'static str, span: Span, msg: String, hint: &str) -> Diagnostic {
        Diagnostic::error(lint, self.file, span, msg).with_hint(hint)
    }

    pub fn school(
        &self,
        d: SchoolDecl,
        config: &Config,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<School> {
        let before = diags.len();
        let at = span_str(&d.id);
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
        } else if let Err(why) = crate::guard::names::check_segment(&id) {
            diags.push(self.err(
                "school-id",
                span_str(&d.id),
                format!("学校编号 `{id}` 不能用作文件夹名：{}", why.describe()),
                "换一个编号，例如 `gulou-shiyan` 或 `dongjie-zhongxue`",
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
        if let Some(u) = &d.url
            && !web_address(&u.value)
        {
            diags.push(self.err(
                "school-url",
                span_str(u),
                format!(
                    "学校网站地址 `{}` 不是 http:// 或 https:// 开头的网址",
                    u.value
                ),
                "写微站发布的完整网址，例如 url: https://xl.example.edu.cn/；不用时删掉 url 这一行",
            ));
            return None;
        }
        let url = d
            .url
            .map(|u| u.value)
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") })
            .unwrap_or_else(|| format!("{}{path}", config.base_url));
        let mut events = events;
        events.sort_by_key(|e| (e.date, e.start));
        let school = School {
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
        };
        diags.extend(super::duties::check(&school, at));
        Some(school)
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
        if let Err(mut d) = crate::guard::links::check_inside(self.root, &rel) {
            d.file = self.file.to_path_buf();
            d.span = span_str(l);
            diags.push(d);
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
                    && crate::guard::names::check_segment(seg).is_ok()
            });
        if !ok {
            diags.push(self.err(
                "school-path",
                span_str(p),
                format!("输出位置 `{}` 不能用", p.value),
                "写输出文件夹里的相对路径，只用英文字母、数字、- 和 _（不能用 con、aux、nul 这类 Windows 保留名），例如 path: jx/gulou",
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
