//! A guard on the amount of work a build does, not on its time (which drifts from machine to
//! machine): `YUXIN_STATS=1` makes the binary print its counters, and each document must be
//! parsed once and rendered once, and each page made from a template once, however large the
//! project.

mod common;

use std::fs;
use std::path::Path;

use common::{project, yuxin_env};

/// parsed, rendered, templates, files, bytes: the numbers of the `统计：` line.
fn stats(root: &Path) -> (Vec<usize>, String) {
    let run = yuxin_env(root, &["build"], &[("YUXIN_STATS", "1")]);
    let (stdout, stderr) = (run.stdout, run.stderr);
    assert_eq!(run.code, 0, "{stdout}{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("统计："))
        .unwrap_or_else(|| panic!("no counters in: {stderr}"));
    let numbers = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (numbers, stdout)
}

fn count_files(dir: &Path, ext: &str) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !is_marker(e.path()))
        .filter(|e| ext.is_empty() || e.path().extension().is_some_and(|x| x == ext))
        .count()
}

/// The `.yuxin-output` marker is put in by the swap, not written by an emitter.
fn is_marker(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == ".yuxin-output")
}

/// `n` more lessons in a topic folder of their own.
fn add_lessons(root: &Path, n: usize) {
    let dir = root.join("curricula/senior/developmental/career");
    fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        fs::write(
            dir.join(format!("lesson-{i:03}.md")),
            format!(
                "---\ntitle: 生涯规划第 {i} 课\nform: 集中授课\nduration: 45\nobjectives:\n  认知: 知道。\n  情感: 体会。\n  行为: 能做。\n---\n\n## 教学过程\n\n### 导入（45 分钟）\n\n第 {i} 课的正文。\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn each_document_is_parsed_and_rendered_once_and_each_page_made_once() {
    let p = project("good");
    let root = p.path();
    let markdown =
        count_files(&root.join("curricula"), "md") + count_files(&root.join("content"), "md");
    let (n, stdout) = stats(root);
    let [parsed, rendered, templates, files, bytes] = n[..] else {
        panic!("five counters: {n:?}")
    };
    let documents: usize = stdout
        .split("构建完成：")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("summary: {stdout}"));
    assert_eq!(
        parsed, markdown,
        "every Markdown file parsed once (drafts too)"
    );
    assert_eq!(rendered, documents, "every built document rendered once");
    let public = root.join("public");
    assert_eq!(files, count_files(&public, ""), "every file written once");
    // A slide deck is an .html file made without a page template.
    let decks = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with("-slides.html"))
        .count();
    assert_eq!(
        templates,
        count_files(&public, "html") - decks,
        "every page made once"
    );
    let on_disk: u64 = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !is_marker(e.path()))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert_eq!(bytes as u64, on_disk);
}

#[test]
fn work_grows_by_one_parse_one_render_and_one_page_a_lesson() {
    let small = project("good");
    let large = project("good");
    add_lessons(small.path(), 5);
    add_lessons(large.path(), 45);
    let (a, _) = stats(small.path());
    let (b, _) = stats(large.path());
    assert_eq!(b[0] - a[0], 40, "parsed");
    assert_eq!(b[1] - a[1], 40, "rendered");
    assert_eq!(
        b[2] - a[2],
        80,
        "pages made: a page and its 教案 print view per lesson, index pages do not multiply"
    );
    assert_eq!(
        b[3] - a[3],
        6 * 40,
        "files written: its page, its 教案 print view, its Word 教案, its slide deck, its .pptx and its search fragment"
    );
}
