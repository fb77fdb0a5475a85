//! The theme: minijinja templates and static files. The built-in theme is compiled into the
//! binary; a project's `themes/<name>/` overrides it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

use crate::diag::{Diagnostic, Span};

macro_rules! theme_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The built-in theme: (path inside the theme, contents).
pub const BUILT_IN: &[(&str, &[u8])] = theme_files![
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/section.html",
    "templates/search.html",
    "templates/document.html",
    "templates/404.html",
    "templates/training.html",
    "templates/certificate.html",
    "templates/lms.html",
    "static/quiz.js",
    "static/search.js",
    "templates/report.html",
    "templates/print.html",
    "templates/grades.html",
    "templates/grade.html",
    "templates/schedule.html",
    "templates/schedule_table.html",
    "static/style.css",
    "static/print.css",
    "templates/parents/base.html",
    "templates/parents/macros.html",
    "templates/parents/home.html",
    "templates/parents/courses.html",
    "templates/parents/page.html",
    "templates/parents/events.html",
    "templates/parents/search.html",
    "templates/parents/404.html",
    "templates/parents/event.html",
    "templates/parents/notice.html",
    "static/parents/parents.css",
    "static/parents/parents.js",
    "static/parents/search.js",
    "static/parents/poster.js",
    "static/parents/qrcode.js",
    "static/parents/readaloud.js",
    "static/parents/notice.css",
    "slides/deck.html",
    "slides/deck.css",
    "slides/deck.js",
    "slides/pptx/theme1.xml",
    "slides/pptx/theme2.xml",
    "slides/pptx/slideMaster1.xml",
    "slides/pptx/slideLayout1.xml",
    "slides/pptx/slideLayout2.xml",
    "slides/pptx/notesMaster1.xml",
];

/// HTML escaping without minijinja's `/` → `&#x2f;`: `/` is harmless in text and attribute
/// values, and escaping it would bloat every URL on every page.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() == minijinja::AutoEscape::Html
        && !value.is_safe()
        && let Some(text) = value.as_str()
    {
        return out
            .write_str(&crate::render::escape::escape_cow(text))
            .map_err(minijinja::Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// The theme in use: built-in files, overridden by those of `themes/<name>/`.
pub struct Theme {
    /// Project-relative folder of the override theme, when there is one.
    dir: Option<PathBuf>,
    root: PathBuf,
}

impl Theme {
    pub fn new(root: &Path, name: Option<&str>) -> Result<Theme, Diagnostic> {
        let dir = match name {
            Some(name) => {
                let dir = PathBuf::from("themes").join(name);
                crate::guard::theme::check_name(root, name, &dir)?;
                if !root.join(&dir).is_dir() {
                    return Err(Diagnostic::error("theme", Path::new(crate::config::FILE_NAME), Span::file_start(), format!(
                        "找不到主题文件夹 themes/{name}/"
                    ))
                    .with_hint("建一个同名文件夹，只放要覆盖的 templates/ 或 static/ 文件；或删掉 theme: 使用内置主题"));
                }
                Some(dir)
            }
            None => None,
        };
        Ok(Theme {
            dir,
            root: root.to_path_buf(),
        })
    }

    /// The template environment, HTML auto-escaping on, strict about undefined variables in
    /// the built-in templates' own logic.
    pub fn environment(&self) -> Environment<'static> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_formatter(html_formatter);
        let dir = self
            .dir
            .as_ref()
            .map(|d| self.root.join(d).join("templates"));
        let root = self.root.clone();
        env.set_loader(move |name| {
            crate::guard::theme::check_template_name(&root, dir.as_deref(), name)?;
            if let Some(dir) = &dir {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("无法读取 {}：{e}", path.display()),
                        )
                    });
                }
            }
            let key = format!("templates/{name}");
            Ok(BUILT_IN
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()))
        });
        env
    }

    /// Static files, by path under `static/`: the built-in ones, then the theme's own.
    pub fn static_files(&self) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
        let mut files: BTreeMap<String, Vec<u8>> = BUILT_IN
            .iter()
            .filter_map(|(n, bytes)| {
                n.strip_prefix("static/")
                    .map(|n| (n.to_string(), bytes.to_vec()))
            })
            .collect();
        if let Some(dir) = &self.dir {
            let static_dir = dir.join("static");
            let walked =
                crate::guard::links::walk(&self.root, &self.root.join(&static_dir), |_| false);
            if let Some(d) = walked.diagnostics.into_iter().next() {
                return Err(d);
            }
            for file in walked.files {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                if crate::load::is_ignored(&name) {
                    continue;
                }
                let rel = file.strip_prefix(&static_dir).unwrap_or(&file);
                let bytes = std::fs::read(self.root.join(&file)).map_err(|e| {
                    Diagnostic::error(
                        "io",
                        &dir.join("static").join(rel),
                        Span::file_start(),
                        format!("无法读取主题文件：{e}"),
                    )
                })?;
                files.insert(crate::diag::display_path(rel), bytes);
            }
        }
        Ok(files)
    }

    /// A theme file other than a template or static file (`slides/deck.css`): the project
    /// theme's own when it has one, else the built-in one.
    pub fn file(&self, name: &str) -> Result<std::borrow::Cow<'static, [u8]>, Diagnostic> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if self.root.join(&path).is_file() {
                crate::guard::links::check_inside(&self.root, &path)?;
                return std::fs::read(self.root.join(&path))
                    .map(std::borrow::Cow::Owned)
                    .map_err(|e| {
                        Diagnostic::error(
                            "io",
                            &path,
                            Span::file_start(),
                            format!("无法读取主题文件：{e}"),
                        )
                    });
            }
        }
        BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, bytes)| std::borrow::Cow::Borrowed(*bytes))
            .ok_or_else(|| {
                Diagnostic::error(
                    "theme",
                    Path::new(name),
                    Span::file_start(),
                    format!("内置主题里没有 {name}"),
                )
            })
    }

    /// Whether the page template `top` is one of `changed`, or includes, extends or imports
    /// one of them, directly or through other templates. Conservative: any quoted `….html`
    /// name in a template counts as a use, so a change is never missed.
    pub fn uses(&self, top: &str, changed: &std::collections::BTreeSet<String>) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![top.to_string()];
        while let Some(name) = stack.pop() {
            if changed.contains(&name) {
                return true;
            }
            if seen.insert(name.clone())
                && let Some(source) = self.source(&name)
            {
                stack.extend(referenced_templates(&source));
            }
        }
        false
    }

    /// A template's text: the override theme's, else the built-in one.
    fn source(&self, name: &str) -> Option<String> {
        if let Some(dir) = &self.dir
            && let Ok(text) =
                std::fs::read_to_string(self.root.join(dir).join("templates").join(name))
        {
            return Some(text);
        }
        let key = format!("templates/{name}");
        BUILT_IN
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
    }

    /// The file a template error points to: the override if it exists, else the built-in.
    pub fn template_path(&self, name: &str) -> PathBuf {
        if let Some(dir) = &self.dir {
            let path = dir.join("templates").join(name);
            if self.root.join(&path).is_file() {
                return path;
            }
        }
        PathBuf::from(format!("（内置主题）templates/{name}"))
    }

    /// A minijinja error as a diagnostic in the template's file.
    pub fn error(&self, err: &minijinja::Error) -> Diagnostic {
        let name = err.name().unwrap_or("?");
        let line = err.line().unwrap_or(1);
        let mut message = format!("模板出错：{}", err.kind());
        if let Some(detail) = err.detail() {
            message.push('：');
            message.push_str(detail);
        }
        Diagnostic::error("template", &self.template_path(name), Span::new(line, 1, 0), message)
            .with_hint("检查模板语法（Jinja2）：{{ 变量 }}、{% if %}…{% endif %}、{% for %}…{% endfor %} 要成对")
    }
}

/// Every quoted `….html` name in a template's text: the templates it may include, extend or
/// import.
fn referenced_templates(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in source.match_indices(".html") {
        let end = at + ".html".len();
        let Some(quote) = source[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
        else {
            continue;
        };
        if let Some(start) = source[..at].rfind(quote) {
            let name = &source[start + 1..end];
            if !name.is_empty() && !name.contains(char::is_whitespace) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn finds_quoted_template_names() {
        let names = referenced_templates(
            "{% extends \"base.html\" %}{% import 'macros.html' as m %}<a href=\"x\">",
        );
        assert_eq!(names, vec!["base.html", "macros.html"]);
    }

    #[test]
    fn page_templates_use_what_they_extend_and_import() {
        let theme = Theme::new(Path::new("."), None).unwrap();
        assert!(theme.uses("document.html", &set(&["document.html"])));
        assert!(theme.uses("document.html", &set(&["base.html"])));
        assert!(theme.uses("section.html", &set(&["macros.html"])));
        assert!(!theme.uses("document.html", &set(&["home.html"])));
        assert!(!theme.uses("404.html", &set(&["section.html"])));
    }
}
