//! The repository is itself a yuxin project: its shipped curriculum builds, has a page per
//! document, and checks clean with warnings denied.

mod common;

use std::path::Path;

use common::{element_text, read, yuxin};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_curriculum_checks_clean() {
    let run = yuxin(repo(), &["check", "--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn shipped_curriculum_builds_a_page_per_document() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = yuxin(repo(), &["build", "--out", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(repo().join("curricula"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        count += 1;
        let text = read(entry.path());
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap_or_else(|| panic!("{} has a title line", entry.path().display()))
            .to_string();
        // A quoted YAML title loses its quotes; a title that ends with a quote of its own
        // (`…的"四步表达"`) keeps it.
        let title = match title.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => inner.to_string(),
            None => title,
        };
        let rel = entry.path().strip_prefix(repo().join("curricula")).unwrap();
        let html_path = page_for(&site, rel);
        let html = read(&html_path);
        assert_eq!(
            element_text(&html, "h1").as_deref(),
            Some(title.as_str()),
            "{}",
            rel.display()
        );
    }
    assert!(
        count >= 100,
        "the shipped curriculum is all there ({count})"
    );
}

/// `primary/developmental/x/y.md` → `primary/developmental/x/y/index.html`; ASCII file names
/// keep their name.
fn page_for(site: &Path, rel: &Path) -> std::path::PathBuf {
    let mut page = site.to_path_buf();
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let (file, dirs) = parts.split_last().unwrap();
    for d in dirs {
        page.push(d);
    }
    if file != "index.md" {
        page.push(file.trim_end_matches(".md").to_lowercase());
    }
    page.join("index.html")
}
