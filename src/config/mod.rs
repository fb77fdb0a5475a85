//! `yuxin.yaml`: the site's settings, as plain data every layer may read. Reading and
//! checking the file is `load::config`'s job; the lint ids under `lints:` are checked by
//! `check::validate`.

use serde::{Deserialize, Serialize};

pub mod lints;
pub mod targets;

use crate::catalog::{CatalogPatch, Stage};

pub const FILE_NAME: &str = "yuxin.yaml";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub name: String,
    pub number: String,
    /// Only a line configured as 24-hour may be shown as "24小时".
    #[serde(default)]
    pub hours_24: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is published, e.g. `https://xl.example.edu.cn/`; used for absolute links
    /// (feeds, QR codes, Open Graph). Pages link to each other relatively and work without it.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// A theme folder under `themes/` whose files override the built-in theme.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default = "default_hotlines")]
    pub hotlines: Vec<Hotline>,
    #[serde(default, skip_serializing)]
    pub catalog: Option<CatalogPatch>,
    /// Yearly training duties the hours ledger measures against.
    #[serde(default = "targets::default_targets")]
    pub targets: Vec<targets::Target>,
    /// Lint levels and word lists (see [`lints`]).
    #[serde(default, skip_serializing)]
    pub lints: lints::LintsConfig,
    /// Make a PDF of every kit on each build, as `yuxin build --pdf` does. Once a build has
    /// looked for a browser, this says whether PDFs are made (and so linked) in that build.
    #[serde(default)]
    pub pdf: bool,
    /// The browser that prints PDFs: a program name on PATH or a path. Unset: the first of
    /// Chromium, Chrome or Edge found.
    #[serde(default)]
    pub browser: Option<String>,
    /// Set by `yuxin build` (never read from yuxin.yaml): pages carry their PDF links, which
    /// the PDF step keeps only for the PDFs that are in the output (see `pdf::cache`).
    #[serde(skip)]
    pub pdf_links: bool,
    /// Hosts a micro-course's `video:` may link to (e.g. a school's own video platform).
    #[serde(default)]
    pub video_hosts: Vec<String>,
    /// Trust every author: keep raw HTML in Markdown as written (scripts, iframes from any
    /// host). Off by default: raw HTML is cleaned (see `render::sanitize`).
    #[serde(default)]
    pub unsafe_html: bool,
    /// The stages this project serves (`stages: [小学, 初中]`, ids or Chinese names): the
    /// navigation, lists, stage pages, the report and the checks show only these, and the
    /// documents of other stages are skipped with a warning. Empty: every stage.
    #[serde(default)]
    pub stages: Vec<String>,
    /// `stages` resolved against the catalog by `load::config::resolve`; empty means every
    /// stage. Read it through [`Config::serves`] and [`Config::served_stages`].
    #[serde(skip)]
    pub served: Vec<Stage>,
    /// Read and checked by `crate::school`, which reports its problems at their own place.
    #[serde(default, skip_serializing)]
    pub schools: Option<serde::de::IgnoredAny>,
}

impl Config {
    /// Whether the project serves `stage` (every stage when `stages:` is not set).
    pub fn serves(&self, stage: Stage) -> bool {
        self.served.is_empty() || self.served.contains(&stage)
    }

    /// The stages the project serves, in the catalog's order.
    pub fn served_stages(&self) -> Vec<Stage> {
        Stage::ALL.into_iter().filter(|&s| self.serves(s)).collect()
    }
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_base_url() -> String {
    "/".into()
}
fn default_hotlines() -> Vec<Hotline> {
    vec![Hotline {
        name: "全国统一心理援助热线".into(),
        number: "12356".into(),
        hours_24: false,
    }]
}

/// Every top-level key, with the name a did-you-mean hint shows.
pub const KEYS: &[(&str, &str)] = &[
    ("title", "站点标题"),
    ("description", "站点简介"),
    ("language", "语言"),
    ("base_url", "发布网址"),
    ("theme", "主题"),
    ("hotlines", "热线"),
    ("catalog", "目录"),
    ("targets", "培训目标"),
    ("lints", "检查"),
    ("pdf", "生成 PDF"),
    ("browser", "生成 PDF 用的浏览器"),
    ("video_hosts", "视频网站"),
    ("unsafe_html", "不清理原始 HTML"),
    ("schools", "学校"),
    ("stages", "服务的学段"),
];
