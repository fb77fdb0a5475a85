//! Finding things on the teacher site: the 主题班会 index, stage pages in parts by kind, and the
//! search page with its index (the searching itself is tested in headless Chromium,
//! `tests/browser/teacher_search.test.js`).

mod common;

use std::path::Path;

use common::{read, yuxin};

/// A small project: lessons, kits (with and without a semester) and micro-courses in two stages.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: &[(&str, &str)] = &[
        (
            "yuxin.yaml",
            "title: 测试站\nbase_url: https://t.example.edu.cn/\n",
        ),
        (
            "curricula/primary/developmental/adaptation/lesson.md",
            "---\ntitle: 小学情绪课\ngrades: [三年级]\nduration: 40\n---\n\n## 导入\n\n认识情绪。\n",
        ),
        (
            "curricula/primary/developmental/adaptation/autumn/index.md",
            "---\ntitle: 秋季班会甲\nkind: class-meeting\nsemester: first\ngrades: [四年级]\n---\n\n## 过程\n\n班会。\n",
        ),
        (
            "curricula/primary/developmental/adaptation/spring/index.md",
            "---\ntitle: 春季班会乙\nkind: class-meeting\nsemester: second\n---\n\n## 过程\n\n班会。\n",
        ),
        (
            "curricula/primary/developmental/adaptation/unmarked/index.md",
            "---\ntitle: 无学期班会丙\nkind: class-meeting\n---\n\n## 过程\n\n班会。\n",
        ),
        (
            "curricula/primary/developmental/adaptation/parents-talk.md",
            "---\ntitle: 家长微课丁\nkind: microcourse\nminutes: 8\n---\n\n先接住情绪。\n",
        ),
        (
            "curricula/junior/developmental/adolescence/kit/index.md",
            "---\ntitle: 初中班会戊\nkind: class-meeting\nsemester: first\ngrades: [七年级]\n---\n\n## 过程\n\n班会。\n",
        ),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let p = project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public");
    (p, public)
}

/// Where each of `needles` first occurs in `html`, failing on one that is missing.
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    (needles.iter())
        .map(|n| html.find(n).unwrap_or_else(|| panic!("{n} missing")))
        .collect()
}

fn in_order(html: &str, needles: &[&str]) {
    let at = positions(html, needles);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{needles:?} at {at:?}");
}

#[test]
fn the_class_meeting_index_lists_kits_by_stage_then_semester_unmarked_last() {
    let (_p, public) = built();
    let html = read(&public.join("class-meetings/index.html"));
    in_order(
        &html,
        &[
            "<h1>主题班会</h1>",
            "id=\"primary\"",
            "第一学期（秋季）",
            "秋季班会甲",
            "第二学期（春季）",
            "春季班会乙",
            "未标学期",
            "无学期班会丙",
            "id=\"junior\"",
            "初中班会戊",
        ],
    );
    assert!(
        !html.contains("id=\"kindergarten\""),
        "no part for a stage without kits"
    );
    assert!(
        !html.contains("小学情绪课") && !html.contains("家长微课丁"),
        "kits only"
    );
    assert!(
        html.contains("<a href=\"#junior\">初中<span class=\"count\">1</span>"),
        "a link to each stage's part"
    );
}

#[test]
fn the_class_meeting_index_is_in_the_navigation_and_on_the_home_page() {
    let (_p, public) = built();
    let lesson = read(&public.join("primary/developmental/adaptation/lesson/index.html"));
    assert!(lesson.contains("<a href=\"../../../../class-meetings/\">主题班会</a>"));
    let home = read(&public.join("index.html"));
    assert!(home.contains("href=\"class-meetings/\">主题班会</a></h2>"));
    assert!(home.contains("href=\"class-meetings/#primary\">小学<span class=\"count\">3</span>"));
}

#[test]
fn a_stage_page_shows_lessons_kits_and_micro_courses_under_their_own_headings() {
    let (_p, public) = built();
    let html = read(&public.join("primary/index.html"));
    in_order(
        &html,
        &[
            "<a href=\"#class-meetings\">主题班会<span class=\"count\">3</span>",
            "id=\"lessons-title\">教案",
            "小学情绪课",
            "id=\"class-meetings-title\"><a href=\"../class-meetings/#primary\">主题班会</a>",
            "秋季班会甲",
            "春季班会乙",
            "无学期班会丙",
            "id=\"microcourses-title\">家长微课",
            "家长微课丁",
        ],
    );
    // Each card once: kits and micro-courses are no longer in the lessons' grid.
    assert_eq!(html.matches("秋季班会甲</a></h3>").count(), 1);
    assert_eq!(html.matches("家长微课丁</a></h3>").count(), 1);
    // A stage without micro-courses has no empty part for them.
    let junior = read(&public.join("junior/index.html"));
    assert!(junior.contains("初中班会戊") && !junior.contains("microcourses-title"));
}

#[test]
fn the_search_page_offers_the_filters_and_the_index_holds_every_searched_document() {
    let (_p, public) = built();
    let html = read(&public.join("search/index.html"));
    in_order(
        &html,
        &[
            "<select id=\"f-stage\" name=\"stage\">",
            "<option>小学</option>",
            "<option>初中</option>",
            "<select id=\"f-kind\" name=\"kind\">",
            "<option>教案</option>",
            "<option>主题班会</option>",
            "<option>家长微课</option>",
            "<select id=\"f-grade\" name=\"grade\">",
            "<option>三年级</option>",
            "<option>四年级</option>",
            "<option>七年级</option>",
        ],
    );
    assert!(
        !html.contains("<option>培训</option>"),
        "only kinds the site has"
    );
    assert!(html.contains("src=\"../static/search.js\""));
    assert!(public.join("static/search.js").is_file());
    assert!(public.join("pagefind/pagefind.js").is_file());
    let entry = read(&public.join("pagefind/pagefind-entry.json"));
    assert!(entry.contains("\"zh-cn\""), "{entry}");
    assert!(entry.contains("\"page_count\":6"), "6 documents: {entry}");
    assert!(
        std::fs::read_dir(public.join("pagefind/filter"))
            .unwrap()
            .count()
            > 0,
        "the filters are in the index"
    );
    let home = read(&public.join("index.html"));
    assert!(home.contains("action=\"search/\" role=\"search\""));
    assert!(home.contains("<a href=\"search/\">搜索</a>"));
}

#[test]
fn a_project_without_documents_still_gets_a_search_page_and_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yuxin.yaml"), "title: 空站\n").unwrap();
    let run = yuxin(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public: &Path = &dir.path().join("public");
    assert!(public.join("search/index.html").is_file());
    assert!(read(&public.join("class-meetings/index.html")).contains("还没有内容"));
}
