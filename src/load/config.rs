//! Reads `yuxin.yaml` into [`Config`] and the [`Catalog`] it describes, with located errors.
//!
//! In three steps, so that the caller can check the lint ids (in `check`, where the lints are)
//! between them, at the place they always were checked: [`read`] the text, parse its
//! [`settings`], then [`resolve`] the catalog and the training targets. [`parse`] does the
//! last two for callers that need no lint check (tests).

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::config::{Config, FILE_NAME, KEYS};
use crate::diag::{Diagnostic, Span};
use crate::load::yaml;

/// `yuxin.yaml` as every diagnostic about it names it: relative to the project root.
pub fn rel() -> PathBuf {
    PathBuf::from(FILE_NAME)
}

/// Reads the text of `root/yuxin.yaml`.
pub fn read(root: &Path) -> Result<String, Diagnostic> {
    let path = root.join(FILE_NAME);
    let rel = rel();
    let text = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            "io",
            &rel,
            Span::file_start(),
            format!("无法读取 {FILE_NAME}：{e}"),
        )
        .with_hint("在项目根目录运行，或用 --root 指明项目目录；新项目可用 `yuxin init` 创建")
    })?;
    crate::load::text::decode(&rel, text)
}

/// Parses the settings and resolves them: [`settings`], then [`resolve`].
pub fn parse(text: &str, rel: &Path) -> Result<(Config, Catalog), Diagnostic> {
    resolve(settings(text, rel)?, text, rel)
}

/// Parses the settings of `text`: YAML syntax, known keys and types, a safe `base_url`.
pub fn settings(text: &str, rel: &Path) -> Result<Config, Diagnostic> {
    // A syntax error is found by the located parser first, with our own message.
    if let Err(e) = yaml::parse(text, 1) {
        return Err(Diagnostic::error(
            "yaml-syntax",
            rel,
            e.span,
            format!("YAML 写法有误：{}", e.message),
        )
        .with_hint(e.hint()));
    }
    let mut config: Config = serde_saphyr::from_str_with_options(text, yaml::options())
        .map_err(|e| config_error(&e, rel))?;
    config.base_url = normalize_base_url(&config.base_url);
    check_base_url(&config.base_url, text, rel)?;
    Ok(config)
}

/// Applies the settings' catalog patch to the built-in catalog and resolves the training
/// targets' audiences and forms against it.
/// `text` is the file's, for pointing at a stage that is not in the catalog.
pub fn resolve(
    mut config: Config,
    text: &str,
    rel: &Path,
) -> Result<(Config, Catalog), Diagnostic> {
    let mut catalog = Catalog::default();
    if let Some(patch) = config.catalog.take() {
        catalog.apply(patch).map_err(|msg| {
            Diagnostic::error("catalog", rel, Span::file_start(), msg)
                .with_hint("catalog: 下的学段只能改名称和时长，五个学段都要保留")
        })?;
    }
    crate::config::targets::resolve(&mut config.targets, &catalog).map_err(|msg| {
        Diagnostic::error("config", rel, Span::file_start(), msg)
            .with_hint("对象和形式写目录里的 id 或中文名，例如 audience: 班主任、forms: [督导]")
    })?;
    config.served = served(&config.stages, &catalog, text, rel)?;
    Ok((config, catalog))
}

/// The stages named under `stages:`, by id or Chinese name, in the catalog's order.
fn served(
    names: &[String],
    catalog: &Catalog,
    text: &str,
    rel: &Path,
) -> Result<Vec<crate::catalog::Stage>, Diagnostic> {
    let mut served = Vec::new();
    for name in names {
        match catalog.find_stage(name) {
            Ok(stage) => served.push(stage),
            Err(miss) => {
                let line = text
                    .lines()
                    .position(|l| l.starts_with("stages:"))
                    .map_or(1, |i| i + 1);
                return Err(Diagnostic::error(
                    "config",
                    rel,
                    Span::new(line, 1, "stages".len()),
                    format!("stages（服务的学段）里的 `{name}` 不是学段"),
                )
                .with_hint(miss.hint()));
            }
        }
    }
    served.sort();
    served.dedup();
    Ok(served)
}

/// `base_url` goes into every page's links, feeds and QR codes: a web address or a path,
/// never `javascript:` or `data:`.
fn check_base_url(url: &str, text: &str, rel: &Path) -> Result<(), Diagnostic> {
    match crate::urls::scheme(url).as_deref() {
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
        let (c, catalog) = parse("title: 测试\n", Path::new("yuxin.yaml")).unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.base_url, "/");
        assert_eq!(c.hotlines[0].number, "12356");
        assert_eq!(catalog.forms.len(), 9);
        assert!(!c.pdf);
        assert_eq!(c.browser, None);
    }

    #[test]
    fn pdf_and_browser_keys() {
        let (c, _) = parse(
            "title: t\npdf: true\nbrowser: /opt/chrome\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap();
        assert!(c.pdf);
        assert_eq!(c.browser.as_deref(), Some("/opt/chrome"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_location() {
        let err = parse("title: 测试\nbase_ulr: x\n", Path::new("yuxin.yaml")).unwrap_err();
        assert_eq!(err.span.line, 2);
        assert!(err.message.contains("base_ulr"), "{}", err.message);
        assert!(err.hint.unwrap().contains("base_url"));
    }

    #[test]
    fn base_url_must_be_a_web_address_or_a_path() {
        for ok in ["https://x.example/", "http://x", "/", "/sub/"] {
            let text = format!("title: t\nbase_url: \"{ok}\"\n");
            assert!(parse(&text, Path::new("yuxin.yaml")).is_ok(), "{ok}");
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", " JavaScript:x"] {
            let text = format!("title: t\nbase_url: \"{bad}\"\n");
            let err = parse(&text, Path::new("yuxin.yaml")).unwrap_err();
            assert_eq!((err.span.line, err.span.column), (2, 1), "{bad}");
            assert!(err.message.contains("base_url"));
        }
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("title: [a\nx: 1\n", Path::new("yuxin.yaml")).unwrap_err();
        assert_eq!(err.lint, "yaml-syntax");
        assert!(err.span.line >= 1);
    }

    #[test]
    fn catalog_patch_applies() {
        let (_, catalog) = parse(
            "title: t\ncatalog:\n  forms:\n    - { id: debate, name: 辩论 }\n",
            Path::new("yuxin.yaml"),
        )
        .unwrap();
        assert_eq!(catalog.form("辩论").unwrap().id, "debate");
    }
}
