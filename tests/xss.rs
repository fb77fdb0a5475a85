//! Hostile raw HTML in Markdown through the real binary: cleaned, reported at its place,
//! never a crash, and kept as written only under `unsafe_html: true`.

mod common;
#[path = "xss/markup.rs"]
mod markup;

use std::fs;
use std::path::Path;

use common::{project, read, yuxin};

const HOSTILE: &str = "---
title: 原始 HTML
---

正文。

<script>alert('script')</script>

<div class=\"tip\" onclick=\"alert('click')\">

**提示**：保留这段。

</div>

<p><a href=\"javascript:alert('href')\">点</a> <img src=x onerror=\"alert('img')\"></p>

<iframe src=\"https://evil.example/embed\" width=\"560\"></iframe>

<iframe src=\"https://player.bilibili.com/player.html?bvid=1\" width=\"560\" height=\"315\" title=\"微课\" allowfullscreen></iframe>

[链接](javascript:alert('md'))

<style>body { display: none }</style>
";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn with_config(root: &Path, extra: &str) {
    let config = read(&root.join("yuxin.yaml"));
    fs::write(root.join("yuxin.yaml"), format!("{config}{extra}")).unwrap();
}

#[test]
fn raw_html_is_cleaned_and_each_removal_reported_at_its_place() {
    let p = project("good");
    write(p.path(), "content/raw.md", HOSTILE);
    with_config(p.path(), "video_hosts: [bilibili.com]\n");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&p.path().join("public/parents/raw/index.html"));
    assert_eq!(
        markup::injections(&page),
        ["<iframe>"],
        "only the allowed iframe"
    );
    assert!(page.contains("src=\"https://player.bilibili.com/player.html?bvid=1\""));
    assert!(!page.contains("evil.example") && !page.contains("display: none"));
    assert!(markup::text(&page).contains("提示：保留这段。"));
    for (place, what) in [
        ("content/raw.md:7:1", "<script>"),
        ("content/raw.md:9:1", "onclick"),
        ("content/raw.md:15:4", "javascript:"),
        ("content/raw.md:15:45", "onerror"),
        ("content/raw.md:17:1", "evil.example"),
        ("content/raw.md:21:6", "javascript:"),
        ("content/raw.md:23:1", "<style>"),
    ] {
        let warned = run
            .stderr
            .split("\n\n")
            .any(|d| d.contains("[unsafe-html]") && d.contains(place) && d.contains(what));
        assert!(warned, "{place} {what}:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("video_hosts: [evil.example]"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("bilibili"), "{}", run.stderr);
}

#[test]
fn lint_levels_apply_to_unsafe_html() {
    let p = project("good");
    write(p.path(), "content/raw.md", HOSTILE);
    with_config(p.path(), "lints:\n  unsafe-html: error\n");
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("错误[unsafe-html]"), "{}", run.stderr);

    let p = project("good");
    write(p.path(), "content/raw.md", HOSTILE);
    with_config(p.path(), "lints:\n  unsafe-html: off\n");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("unsafe-html"), "{}", run.stderr);
    let page = read(&p.path().join("public/parents/raw/index.html"));
    assert!(
        markup::injections(&page).is_empty(),
        "off silences, still cleans"
    );
}

#[test]
fn unsafe_html_keeps_raw_html_as_written() {
    let p = project("good");
    write(p.path(), "content/raw.md", HOSTILE);
    with_config(p.path(), "unsafe_html: true\n");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("unsafe-html"), "{}", run.stderr);
    let page = read(&p.path().join("public/parents/raw/index.html"));
    assert!(page.contains("<script>alert('script')</script>"));
    assert!(page.contains("https://evil.example/embed"));
}

#[test]
fn deep_and_unclosed_html_neither_crashes_nor_hangs() {
    let p = project("good");
    let deep = format!(
        "---\ntitle: 很深\n---\n\n{}深{}\n",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let unclosed = format!(
        "---\ntitle: 没闭合\n---\n\n{}\n\n正文\n",
        "<div><span><em><blockquote><table><tr><td>".repeat(2_000)
    );
    let nested_inline = format!(
        "---\ntitle: 行内\n---\n\n段落{}字\n",
        "<span><b>".repeat(5_000)
    );
    write(p.path(), "content/deep.md", &deep);
    write(p.path(), "content/unclosed.md", &unclosed);
    write(p.path(), "content/inline.md", &nested_inline);
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for (page, line) in [("deep", 5), ("unclosed", 5), ("inline", 5)] {
        let html = read(&p.path().join(format!("public/parents/{page}/index.html")));
        assert!(markup::injections(&html).is_empty());
        let place = format!("content/{page}.md:{line}:");
        assert!(
            run.stderr
                .split("\n\n")
                .any(|d| d.contains(&place) && d.contains("512")),
            "{place}\n{}",
            run.stderr
        );
    }
}

/// The probe itself: it must see what a browser would run, or the tests above prove nothing.
#[test]
fn the_probe_sees_what_a_browser_would_run() {
    for page in [
        "<p OnClick=x>a</p>",
        "<script>alert(1)</script>",
        "<a href=\" JaVa\tScRiPt:x\">a</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<iframe src=\"https://a.example/\"></iframe>",
        "<title><script></title><svg onload=alert(1)>",
    ] {
        assert!(!markup::injections(page).is_empty(), "{page}");
    }
    for page in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<title>&lt;img onerror=x&gt;</title>",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<button onclick=\"window.print()\">打印</button>",
    ] {
        assert_eq!(markup::injections(page), Vec::<String>::new(), "{page}");
    }
}
