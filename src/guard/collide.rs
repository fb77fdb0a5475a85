//! Where loaded files will be written, checked before anything is rendered: each URL must be
//! a safe path (see [`super::names`]), and no two files may land on the same output path, or
//! one as a file where another needs a folder. Each problem names both source files.

use std::collections::HashMap;
use std::path::Path;

use super::names::check_relative;
use crate::diag::{Diagnostic, Span, display_path};
use crate::model::{Asset, Document};

/// Checks the URLs of the loaded documents and assets; assets that cannot be written are
/// dropped (the returned errors say why), documents stay so later checks still see them.
pub fn check_urls(documents: &[Document], assets: &mut Vec<Asset>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for doc in documents {
        if let Err(why) = check_relative(&doc.url) {
            diags.push(unsafe_url(&doc.source, &doc.url, &why.describe()));
        }
    }
    assets.retain(|a| match check_relative(&a.url) {
        Ok(()) => true,
        Err(why) => {
            diags.push(unsafe_url(&a.source, &a.url, &why.describe()));
            false
        }
    });
    // Output path (and every folder above it) → the source that claimed it first.
    let mut files: HashMap<String, &Path> = HashMap::new();
    let mut dirs: HashMap<String, &Path> = HashMap::new();
    let docs = documents
        .iter()
        .map(|d| (format!("{}index.html", d.url), d.source.as_path()));
    for (path, source) in docs {
        claim_dirs(&path, source, &mut dirs);
        files.entry(path).or_insert(source);
    }
    let mut sorted: Vec<_> = assets.iter().collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    let mut clashing = Vec::new();
    for asset in sorted {
        let other = files
            .get(&asset.url)
            .or_else(|| dirs.get(&asset.url))
            .or_else(|| ancestors(&asset.url).find_map(|d| files.get(d)))
            .copied();
        if let Some(other) = other {
            diags.push(collision(&asset.source, other, &asset.url));
            clashing.push(asset.source.clone());
            continue;
        }
        claim_dirs(&asset.url, &asset.source, &mut dirs);
        files.insert(asset.url.clone(), &asset.source);
    }
    assets.retain(|a| !clashing.contains(&a.source));
    diags
}

/// `a/b/c.png` → `a`, `a/b`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

fn claim_dirs<'a>(path: &str, source: &'a Path, dirs: &mut HashMap<String, &'a Path>) {
    for dir in ancestors(path) {
        dirs.entry(dir.to_string()).or_insert(source);
    }
}

fn unsafe_url(source: &Path, url: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        "unsafe-path",
        source,
        Span::file_start(),
        format!("这个文件会发布到 /{url}，但这个名字不能用：{why}"),
    )
    .with_hint("给文件或它所在的文件夹改个名字：只用字母、数字、汉字、- 和 _")
}

fn collision(source: &Path, other: &Path, url: &str) -> Diagnostic {
    Diagnostic::error(
        "url-collision",
        source,
        Span::file_start(),
        format!(
            "这个文件（{}:1:1）和 {}:1:1 会写到同一个输出位置 /{url}",
            display_path(source),
            display_path(other)
        ),
    )
    .with_hint(
        "给其中一个文件改名：文件名转成网址时大小写、空格和标点会被统一，中文会转成拼音，所以看起来不同的名字也可能撞上",
    )
}

/// The 1-based line of `key: value` in a YAML text (`value` `None`: any value), also as a
/// list item (`- key: value`).
pub fn key_line(text: Option<&str>, key: &str, value: Option<&str>) -> Option<usize> {
    let declares = |line: &str| {
        let line = line.trim_start().trim_start_matches("- ").trim_start();
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|v| value.is_none_or(|want| v.trim().trim_matches(['"', '\'']) == want))
    };
    text?.lines().position(declares).map(|i| i + 1)
}

/// The sources of two documents that would have the same URL, as the message of the second.
pub fn document_collision(source: &Path, first: &Path, url: &str) -> Diagnostic {
    collision(source, first, url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The assets kept and the problems found, for assets alone.
    struct Loaded {
        assets: Vec<Asset>,
        diagnostics: Vec<Diagnostic>,
    }

    fn check_loaded(loaded: &mut Loaded) {
        loaded.diagnostics = check_urls(&[], &mut loaded.assets);
    }

    fn asset(source: &str, url: &str) -> Asset {
        Asset {
            source: PathBuf::from(source),
            url: url.into(),
        }
    }

    #[test]
    fn assets_colliding_with_each_other_name_both() {
        let mut loaded = Loaded {
            assets: vec![
                asset("content/Photo.PNG", "parents/photo.png"),
                asset("content/photo.png", "parents/photo.png"),
            ],
            diagnostics: Vec::new(),
        };
        check_loaded(&mut loaded);
        assert_eq!(loaded.assets.len(), 1);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.lint, "url-collision");
        assert_eq!(d.file, Path::new("content/photo.png"));
        assert!(d.message.contains("content/Photo.PNG:1:1"), "{}", d.message);
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_a_collision() {
        let mut loaded = Loaded {
            assets: vec![
                asset("content/img", "parents/img"),
                asset("content/img/a.png", "parents/img/a.png"),
            ],
            diagnostics: Vec::new(),
        };
        check_loaded(&mut loaded);
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    }

    #[test]
    fn key_lines() {
        let text = "# x\nschools:\n  - id: a\n    path: p\n  - id: \"b\"\n";
        assert_eq!(key_line(Some(text), "id", Some("b")), Some(5));
        assert_eq!(key_line(Some(text), "path", None), Some(4));
        assert_eq!(key_line(Some(text), "id", Some("c")), None);
        assert_eq!(key_line(None, "id", None), None);
    }

    #[test]
    fn unsafe_asset_names_are_refused() {
        let mut loaded = Loaded {
            assets: vec![asset("content/con.png", "parents/con.png")],
            diagnostics: Vec::new(),
        };
        check_loaded(&mut loaded);
        assert!(loaded.assets.is_empty());
        assert_eq!(loaded.diagnostics[0].lint, "unsafe-path");
        assert!(loaded.diagnostics[0].message.contains("保留名"));
    }
}
