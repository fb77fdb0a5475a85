//! `yuxin.yaml`: the site's settings, read once, with located errors.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, CatalogPatch};
use crate::diag::{Diagnostic, Span};
use crate::load::yaml;

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
    #[serde(default = "crate::training::ledger::default_targets")]
    pub targets: Vec<crate::training::ledger::Target>,
    /// Lint levels and word lists (see `check::config`).
    #[serde(default, skip_serializing)]
    pub lints: crate::check::LintsConfig,
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
    /// Read and checked by `crate::school`, which reports its problems at their own place.
    #[serde(default, skip_serializing)]
    pub schools: Option<serde::de::IgnoredAny>,
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

const KEYS: &[(&str, &str)] = &[
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
];

impl Config {
    /// Reads `root/yuxin.yaml` and the catalog it describes.
    pub fn load(root: &Path) -> Result<(Config, Catalog), Diagnostic> {
        let path = root.join(FILE_NAME);
        let rel = PathBuf::from(FILE_NAME);
        let text = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(
                "io",
                &rel,
                Span::file_start(),
                format!("无法读取 {FILE_NAME}：{e}"),
            )
            .with_hint("在项目根目录运行，或用 --root 指明项目目录；新项目可用 `yuxin init` 创建")
        })?;
        let text = crate::load::text::decode(&rel, text)?;
        Config::parse(&text, &rel)
    }

    pub fn parse(text: &str, rel: &Path) -> Result<(Config, Catalog), Diagnostic> {
        // A syntax error is found by the located parser first, with our own message.
        if let Err(e) = yaml::parse(text, 1) {
            return Err(Diagnostic::error(
                "yaml-syntax",
                rel,
                e.span,
                format!("YAML 写法有误：{}", e.message),
            )
            .with_hint(yaml_hint()));
        }
        let mut config: Config = serde_saphyr::from_str_with_options(text, yaml::options())
            .map_err(|e| config_error(&e, rel))?;
        config.base_url = normalize_base_url(&config.base_url);
        check_base_url(&config.base_url, text, rel)?;
        crate::check::validate(&config.lints, text, rel)?;
        let mut catalog = Catalog::default();
        if let Some(patch) = config.catalog.take() {
            catalog.apply(patch).map_err(|msg| {
                Diagnostic::error("catalog", rel, Span::file_start(), msg)
                    .with_hint("catalog: 下的学段只能改名称和时长，五个学段都要保留")
            })?;
        }
        crate::training::ledger::resolve(&mut config.targets, &catalog).map_err(|msg| {
            Diagnostic::error("config", rel, Span::file_start(), msg)
                .with_hint("对象和形式写目录里的 id 或中文名，例如 audience: 班主任、forms: [督导]")
        })?;
        Ok((config, catalog))
    }
}

/// `base_url` goes into every page's links, feeds and QR codes: a web address or a path,
/// never `javascript:` or `data:`.
fn check_base_url(url: &str, text: &str, rel: &Path) -> Result<(), Diagnostic> {
    match crate::render::sanitize::scheme(url).as_deref() {
        None | Some("http" | "https") => Ok(()),
        Some(_) => {
            let line = text
                .lines()
                .position(|l| l.starts_with("base_url:"))
                .map_or(1, |i| i + 1);
            Err(Diagnostic::error(
                "config",
                rel,
                Span::new(line, 1, "base_url".len()),
                format!(
                    "base_url `{url}` 不是网址：只能用 http:// 或 https:// 开头，或以 / 开头的路径"
                ),
            )
            .with_hint(
                "写网站发布的地址，例如 base_url: https://xl.example.edu.cn/；不知道就删掉这一行",
            ))
        }
    }
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

pub fn yaml_hint() -> &'static str {
    "常见原因：冒号后面少了空格；缩进用了 Tab（请用空格）；含冒号或以 [ { * & 开头的文字要加引号；列表括号没有配对"
}

fn config_error(err: &serde_saphyr::Error, rel: &Path) -> Diagnostic {
    let e = yaml::SerdeError::new(err);
    let mut diag = Diagnostic::error(
        "config",
        rel,
        e.span,
        format!("{FILE_NAME} 有误：{}", e.message),
    );
    if let Some(key) = &e.unknown_key {
        diag.message = format!("{FILE_NAME} 里有未知的设置项 `{key}`");
        diag.hint = Some(yaml::unknown_key_hint(key, KEYS, "设置项"));
    }
    diag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let (c, catalog) = Config::parse("title: 测试\n", Path::new("yuxin.yaml")).unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.base_url, "/");
        assert_eq!(c.hotlines[0].number, "12356");
        assert_eq!(catalog.forms.len(), 9);
        assert!(!c.pdf);
        assert_eq!(c.browser, None);
    }

    #[test]
    fn pdf_and_browser_keys() {
        let (c, _) = Config::parse(
            "title: t\npdf: true\nbrowser: /opt/chrome\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap();
        assert!(c.pdf);
        assert_eq!(c.browser.as_deref(), Some("/opt/chrome"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_location() {
        let err = Config::parse("title: 测试\nbase_ulr: x\n", Path::new("yuxin.yaml")).unwrap_err();
        assert_eq!(err.span.line, 2);
        assert!(err.message.contains("base_ulr"), "{}", err.message);
        assert!(err.hint.unwrap().contains("base_url"));
    }

    #[test]
    fn base_url_must_be_a_web_address_or_a_path() {
        for ok in ["https://x.example/", "http://x", "/", "/sub/"] {
            let text = format!("title: t\nbase_url: \"{ok}\"\n");
            assert!(
                Config::parse(&text, Path::new("yuxin.yaml")).is_ok(),
                "{ok}"
            );
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", " JavaScript:x"] {
            let text = format!("title: t\nbase_url: \"{bad}\"\n");
            let err = Config::parse(&text, Path::new("yuxin.yaml")).unwrap_err();
            assert_eq!((err.span.line, err.span.column), (2, 1), "{bad}");
            assert!(err.message.contains("base_url"));
        }
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = Config::parse("title: [a\nx: 1\n", Path::new("yuxin.yaml")).unwrap_err();
        assert_eq!(err.lint, "yaml-syntax");
        assert!(err.span.line >= 1);
    }

    #[test]
    fn lint_levels_and_words_parse_and_unknown_ids_are_located() {
        let (c, _) = Config::parse(
            "title: t\nlints:\n  labelling: error\n  minutes-sum: off\n  words:\n    labelling:\n      - { word: 笨, instead: 慢 }\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap();
        use crate::check::Level;
        assert_eq!(c.lints.level("labelling"), Some(Level::Error));
        assert_eq!(c.lints.level("minutes-sum"), Some(Level::Off));
        assert_eq!(c.lints.words.labelling[0].word, "笨");
        let err = Config::parse(
            "title: t\nlints:\n  privacyy: off\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap_err();
        assert_eq!((err.span.line, err.span.column), (3, 3));
        assert!(err.hint.unwrap().contains("`privacy`"));
    }

    #[test]
    fn catalog_patch_applies() {
        let (_, catalog) = Config::parse(
            "title: t\ncatalog:\n  forms:\n    - { id: debate, name: 辩论 }\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap();
        assert_eq!(catalog.form("辩论").unwrap().id, "debate");
    }
}
