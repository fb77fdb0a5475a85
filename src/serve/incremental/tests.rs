//! An incremental rebuild must give exactly the site a full build gives.

use std::fs;
use std::path::Path;

use super::*;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

fn built(root: &Path) -> Builder {
    let mut b = Builder::new(root, false);
    assert!(matches!(b.full(), Outcome::Built { .. }));
    b
}

/// Edits `rel` with `edit` and runs an update for it.
fn edit(b: &mut Builder, root: &Path, rel: &str, edit: impl FnOnce(String) -> String) -> Outcome {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap_or_default();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(&path, edit(text)).unwrap();
    b.update(BTreeSet::from([PathBuf::from(rel)]))
}

fn assert_same_as_full(b: &Builder, root: &Path) {
    assert_same_as_full_seen(b, root, <[u8]>::to_vec);
}

/// [`assert_same_as_full`] for builds with schools: a calendar's DTSTAMP is the build's time.
fn assert_same_as_full_but_stamps(b: &Builder, root: &Path) {
    assert_same_as_full_seen(b, root, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .collect();
        lines.join("\n").into_bytes()
    });
}

/// Whether `b` holds the files a full build of `root` makes, each the same as `seen` shows it.
fn assert_same_as_full_seen(b: &Builder, root: &Path, seen: impl Fn(&[u8]) -> Vec<u8>) {
    let fresh = built(root);
    let mut keys: Vec<&String> = fresh.pages().keys().collect();
    keys.sort();
    let mut ours: Vec<&String> = b.pages().keys().collect();
    ours.sort();
    assert_eq!(ours, keys, "same files");
    for key in keys {
        assert!(
            seen(&b.pages()[key]) == seen(&fresh.pages()[key]),
            "{key} differs from a full build"
        );
    }
    let said = |b: &Builder| b.analysis().map(|a| a.diagnostics.clone());
    assert_eq!(
        said(b),
        said(&fresh),
        "the same diagnostics as a full build"
    );
}

fn built_files(outcome: Outcome) -> (usize, bool) {
    match outcome {
        Outcome::Built { files, full } => (files, full),
        Outcome::Unchanged => panic!("unchanged"),
        Outcome::Failed(f) => panic!("failed: {:?}", f.diagnostics),
    }
}

const HELLO: &str = "curricula/primary/developmental/adaptation/hello.md";
const SECOND: &str = "curricula/primary/developmental/adaptation/second.md";
const SHEET: &str = "curricula/primary/developmental/adaptation/new-friends/sheet.md";

#[test]
fn a_body_edit_renders_one_page() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let outcome = edit(&mut b, root, HELLO, |t| t + "\n新加的一段。\n");
    // The page, its 教案 print view, its Word 教案, its slide deck and its .pptx.
    assert_eq!(built_files(outcome), (5, false));
    let page = &b.pages()["primary/developmental/adaptation/hello/index.html"];
    assert!(String::from_utf8_lossy(page).contains("新加的一段。"));
    assert_same_as_full(&b, root);
}

#[test]
fn front_matter_edits_reach_lists_neighbours_and_bundles() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let retitle = |t: String| t.replacen("title: ", "title: 新标题", 1);
    let (files, full) = built_files(edit(&mut b, root, SECOND, retitle));
    assert!(!full && files > 1 && files < b.pages().len(), "{files}");
    assert_same_as_full(&b, root);
    let reweigh = |t: String| t.replacen("weight: ", "weight: -", 1);
    built_files(edit(&mut b, root, SECOND, reweigh));
    assert_same_as_full(&b, root);
    built_files(edit(&mut b, root, SHEET, retitle));
    assert_same_as_full(&b, root);
    built_files(edit(&mut b, root, "content/index.md", |t| {
        t + "\n家长学校简介。\n"
    }));
    assert_same_as_full(&b, root);
}

#[test]
fn a_plan_moved_to_another_week_or_grade_updates_the_grade_pages() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let dated = |t: String| t.replacen("duration: 40", "duration: 40\nsemester: first\nweek: 3", 1);
    let (files, full) = built_files(edit(&mut b, root, HELLO, dated));
    assert!(!full && files < b.pages().len(), "{files}");
    assert!(String::from_utf8_lossy(&b.pages()["grades/grade-1/index.html"]).contains("第 3 周"));
    assert_same_as_full(&b, root);
    let regraded = |t: String| t.replacen("grades: [一年级]", "grades: [二年级]", 1);
    built_files(edit(&mut b, root, HELLO, regraded));
    assert!(b.pages().contains_key("grades/grade-2/index.html"));
    assert_same_as_full(&b, root);
}

#[test]
fn regrouping_a_document_updates_counts() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let outcome = edit(&mut b, root, HELLO, |t| {
        t.replacen("form: 游戏辅导", "form: 角色扮演", 1)
    });
    built_files(outcome);
    assert_same_as_full(&b, root);
}

#[test]
fn added_and_removed_files_rebuild_everything() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let new = "curricula/primary/developmental/adaptation/third.md";
    let outcome = edit(&mut b, root, new, |_| {
        "---\ntitle: 第三课\n---\n正文\n".into()
    });
    assert!(built_files(outcome).1, "full");
    assert!(
        b.pages()
            .contains_key("primary/developmental/adaptation/third/index.html")
    );
    fs::remove_file(root.join(new)).unwrap();
    assert!(built_files(b.update(BTreeSet::from([PathBuf::from(new)]))).1);
    assert!(
        !b.pages()
            .contains_key("primary/developmental/adaptation/third/index.html")
    );
    assert_same_as_full(&b, root);
}

#[test]
fn a_broken_edit_keeps_the_site_until_fixed() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let before = b.pages().clone();
    let original = fs::read_to_string(root.join(HELLO)).unwrap();
    let Outcome::Failed(f) = edit(&mut b, root, HELLO, |t| {
        t.replacen("title: ", "title: [", 1)
    }) else {
        panic!("should fail")
    };
    assert_eq!(f.diagnostics[0].file, Path::new(HELLO));
    assert!(
        f.sources.contains_key(Path::new(HELLO)),
        "code frame source"
    );
    assert!(b.pages() == &before, "last good site kept");
    // Another save elsewhere does not hide the broken file.
    let again = edit(&mut b, root, SECOND, |t| t + "\n另一处修改。\n");
    assert!(matches!(again, Outcome::Failed(_)));
    built_files(edit(&mut b, root, HELLO, |_| original));
    assert_same_as_full(&b, root);
}

#[test]
fn template_edits_rerender_the_pages_that_use_them() {
    let dir = project();
    let root = dir.path();
    let config = fs::read_to_string(root.join("yuxin.yaml")).unwrap();
    fs::write(root.join("yuxin.yaml"), format!("{config}\ntheme: t\n")).unwrap();
    let templates = root.join("themes/t/templates");
    fs::create_dir_all(&templates).unwrap();
    let builtin = crate::render::templates::BUILT_IN
        .iter()
        .find(|(n, _)| *n == "templates/section.html")
        .unwrap()
        .1;
    fs::write(templates.join("section.html"), builtin).unwrap();
    let mut b = built(root);
    let rel = "themes/t/templates/section.html";
    let outcome = edit(&mut b, root, rel, |t| {
        t.replacen("{% block main %}", "{% block main %}<p>标记</p>", 1)
    });
    let (files, full) = built_files(outcome);
    assert!(
        !full && files < b.pages().len(),
        "only section pages: {files}"
    );
    assert!(String::from_utf8_lossy(&b.pages()["topics/index.html"]).contains("标记"));
    assert_same_as_full(&b, root);
    let broken = edit(&mut b, root, rel, |t| t + "{% if %}");
    assert!(matches!(broken, Outcome::Failed(_)));
}

#[test]
fn temporary_files_change_nothing() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let paths = BTreeSet::from([
        PathBuf::from("curricula/.hello.md.swp"),
        PathBuf::from("public/index.html"),
    ]);
    assert!(matches!(b.update(paths), Outcome::Unchanged));
}

#[test]
fn an_attachment_edit_copies_only_it() {
    let dir = project();
    let root = dir.path();
    let mut b = built(root);
    let rel = "curricula/primary/developmental/adaptation/img/campus.svg";
    let outcome = edit(&mut b, root, rel, |t| {
        t.replace("</svg>", "<!-- 改 --></svg>")
    });
    // The image, and the decks and .pptx of the three plans that may show it (the decks hold
    // their images; see emit::slides).
    assert_eq!(built_files(outcome), (7, false));
    assert_same_as_full(&b, root);
}

/// `n` more lessons in a topic of their own, apart from the edited ones.
fn add_lessons(root: &Path, n: usize) {
    let dir = root.join("curricula/senior/developmental/career");
    fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let text = format!("---\ntitle: 生涯规划第 {i} 课\nform: 集中授课\n---\n\n第 {i} 课。\n");
        fs::write(dir.join(format!("lesson-{i:03}.md")), text).unwrap();
    }
}

#[test]
fn an_edit_redoes_as_much_work_however_large_the_project() {
    let retitle = |t: String| t.replacen("title: ", "title: 新标题", 1);
    let files = |extra: usize| {
        let dir = project();
        let root = dir.path();
        add_lessons(root, extra);
        let mut b = built(root);
        let body = built_files(edit(&mut b, root, HELLO, |t| t + "\n新加的一段。\n"));
        let title = built_files(edit(&mut b, root, SECOND, retitle));
        assert_same_as_full(&b, root);
        (body, title)
    };
    let small = files(2);
    assert_eq!(
        small.0,
        (5, false),
        "a body edit renders its own page, print view, Word file, deck and .pptx only"
    );
    assert_eq!(
        files(40),
        small,
        "pages re-rendered do not grow with the project"
    );
}

#[test]
fn a_copy_in_memory_shares_the_bytes_it_copies_and_every_path_is_noted() {
    use crate::emit::Sink;
    let memory = Memory::default();
    memory
        .put(Output::new("a/pagefind/x.pf", b"index".to_vec()))
        .unwrap();
    memory
        .put_copy("a/pagefind/x.pf", b"index", "b/pagefind/x.pf".into())
        .unwrap();
    // Nothing at `from`: a copy of its own, as the staging folder writes one when it cannot link.
    memory
        .put_copy("gone/x.pf", b"other", "c/x.pf".into())
        .unwrap();
    {
        let pages = memory.pages.lock().unwrap();
        assert_eq!(
            pages["a/pagefind/x.pf"].as_ptr(),
            pages["b/pagefind/x.pf"].as_ptr()
        );
        assert_eq!(&pages["c/x.pf"][..], b"other");
    }
    memory
        .put(Output::new("a/pagefind/x.pf", b"index".to_vec()))
        .unwrap();
    // Two puts of one path stay two, so the collision check sees them.
    assert_eq!(
        *memory.paths.lock().unwrap(),
        [
            "a/pagefind/x.pf",
            "b/pagefind/x.pf",
            "c/x.pf",
            "a/pagefind/x.pf"
        ]
    );
}

/// Three schools beside the fixture's curriculum: two of one stage (they share pages) and one
/// of another.
fn with_schools(root: &Path) {
    let school = |id: &str, name: &str, stage: &str, events: &str| {
        format!(
            "id: {id}\nname: {name}\nstages: [{stage}]\ncontact:\n  phone: \"0591-80000000\"\n\
             color: \"#0b5d57\"\nevents:\n{events}"
        )
    };
    let event = |date: &str, topic: &str| {
        format!(
            "  - date: {date}\n    time: \"19:00-20:00\"\n    kind: 家长会\n    topic: {topic}\n    \
             place: 各班教室\n"
        )
    };
    fs::create_dir_all(root.join("schools")).unwrap();
    for (id, name, stage) in [
        ("a", "甲小学", "小学"),
        ("b", "乙小学", "小学"),
        ("c", "丙中学", "初中"),
    ] {
        let events = event("2026-10-01", "开学家长会") + &event("2026-12-01", "期中家长会");
        fs::write(
            root.join(format!("schools/{id}.yaml")),
            school(id, name, stage, &events),
        )
        .unwrap();
    }
}

/// The fixture with [`with_schools`], built.
fn built_with_schools() -> (tempfile::TempDir, Builder) {
    let dir = project();
    with_schools(dir.path());
    let b = built(dir.path());
    (dir, b)
}

#[test]
fn a_school_file_edit_remakes_that_school_alone() {
    let (dir, mut b) = built_with_schools();
    let root = dir.path();
    let before = b.pages().clone();
    let under_b = before
        .keys()
        .filter(|k| k.starts_with("schools/b/"))
        .count();
    assert!(under_b > 10, "school b has a microsite: {under_b} files");
    // A new name, one event renamed and one taken out.
    let outcome = edit(&mut b, root, "schools/b.yaml", |t| {
        let t = t.replace("乙小学", "乙小学（新名）");
        let t = t.replace("开学家长会", "新学期家长会");
        t[..t.find("  - date: 2026-12-01").unwrap()].to_string()
    });
    let (files, full) = built_files(outcome);
    assert!(!full, "a school's own change is not a full rebuild");
    // Its folder, and the teacher site's home page that lists the schools.
    let now_under_b = b
        .pages()
        .keys()
        .filter(|k| k.starts_with("schools/b/"))
        .count();
    assert_eq!(files, now_under_b + 1);
    assert!(
        now_under_b < under_b,
        "the event taken out has no page any more"
    );
    let home = String::from_utf8_lossy(&b.pages()["schools/b/index.html"]).into_owned();
    assert!(home.contains("乙小学（新名）") && home.contains("新学期家长会"));
    assert!(!home.contains("期中家长会"));
    let teacher = String::from_utf8_lossy(&b.pages()["index.html"]).into_owned();
    assert!(teacher.contains("乙小学（新名）"));
    for (path, bytes) in &before {
        if !path.starts_with("schools/b/") && path != "index.html" {
            assert!(b.pages()[path] == *bytes, "{path} changed");
        }
    }
    assert_same_as_full_but_stamps(&b, root);
}

#[test]
fn a_school_that_moves_or_changes_stages_rebuilds_everything() {
    let (dir, mut b) = built_with_schools();
    let root = dir.path();
    // Stages decide which pages and search fragments a school shares with others.
    let outcome = edit(&mut b, root, "schools/b.yaml", |t| {
        t.replace("[小学]", "[小学, 初中]")
    });
    assert!(built_files(outcome).1);
    assert_same_as_full_but_stamps(&b, root);
    let outcome = edit(&mut b, root, "schools/c.yaml", |t| {
        t.replace("id: c", "id: d")
    });
    assert!(built_files(outcome).1);
    assert!(b.pages().keys().any(|k| k.starts_with("schools/d/")));
    assert!(!b.pages().keys().any(|k| k.starts_with("schools/c/")));
    assert_same_as_full_but_stamps(&b, root);
}

#[test]
fn a_broken_school_file_keeps_the_site_until_fixed() {
    let (dir, mut b) = built_with_schools();
    let root = dir.path();
    let before = b.pages().clone();
    let outcome = edit(&mut b, root, "schools/a.yaml", |t| {
        t.replace("2026-10-01", "2026-13-01")
    });
    let Outcome::Failed(failure) = outcome else {
        panic!("a month 13 must fail");
    };
    let d = &failure.diagnostics[0];
    assert_eq!(d.file, Path::new("schools/a.yaml"));
    assert!(failure.sources.contains_key(Path::new("schools/a.yaml")));
    assert!(b.pages() == &before, "the last good site stays");
    let outcome = edit(&mut b, root, "schools/a.yaml", |t| {
        t.replace("2026-13-01", "2026-11-01")
    });
    assert!(!built_files(outcome).1);
    let events = String::from_utf8_lossy(&b.pages()["schools/a/events.ics"]).into_owned();
    assert!(events.contains("20261101"));
    assert_same_as_full_but_stamps(&b, root);
}

#[test]
fn the_only_schools_new_name_reaches_every_word_file() {
    let dir = project();
    let root = dir.path();
    with_schools(root);
    for id in ["b", "c"] {
        fs::remove_file(root.join(format!("schools/{id}.yaml"))).unwrap();
    }
    let mut b = built(root);
    let word = |b: &Builder| -> Vec<String> {
        let mut paths: Vec<String> = (b.pages().keys())
            .filter(|k| k.ends_with(".docx"))
            .cloned()
            .collect();
        paths.sort();
        paths
    };
    let before = word(&b);
    assert!(!before.is_empty());
    // A project of one school fills its name into every Word 教案's 学校 field.
    let outcome = edit(&mut b, root, "schools/a.yaml", |t| {
        t.replace("甲小学", "甲实验小学")
    });
    assert!(!built_files(outcome).1);
    let named = |path: &String| {
        let bytes = b.pages()[path].to_vec();
        let mut package = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut package.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml.contains("甲实验小学")
    };
    let lessons: Vec<&String> = before.iter().filter(|p| p.contains("hello")).collect();
    assert!(!lessons.is_empty() && lessons.iter().all(|p| named(p)));
    assert_same_as_full_but_stamps(&b, root);
}

#[test]
fn a_school_of_another_stage_set_is_remade_as_a_full_build_makes_it() {
    let dir = project();
    let root = dir.path();
    with_schools(root);
    // `lints:` settles a school's warnings; a folder of its own beside the teacher site's files.
    let config = fs::read_to_string(root.join("yuxin.yaml")).unwrap();
    fs::write(
        root.join("yuxin.yaml"),
        config + "lints:\n  parent-school: off\n",
    )
    .unwrap();
    let c = fs::read_to_string(root.join("schools/c.yaml")).unwrap();
    fs::write(
        root.join("schools/c.yaml"),
        c.replace("id: c\n", "id: c\npath: api\n"),
    )
    .unwrap();
    let mut b = built(root);
    assert!(b.pages().contains_key("api/index.html"), "school c's home");
    assert!(b.pages().contains_key("api/curriculum.json"));
    // c's stage set is the second one met: the shared index lists the first set's pages first.
    let outcome = edit(&mut b, root, "schools/c.yaml", |t| {
        t.replace("丙中学", "丙中学（新名）")
    });
    assert!(!built_files(outcome).1);
    assert!(
        b.pages().contains_key("api/curriculum.json"),
        "the teacher site's file stays"
    );
    assert_same_as_full_but_stamps(&b, root);
}

#[test]
fn a_stray_file_in_schools_changes_nothing_and_a_logo_taken_away_rebuilds() {
    let (dir, mut b) = built_with_schools();
    let root = dir.path();
    fs::write(root.join("schools/a.yaml.orig"), "x").unwrap();
    fs::remove_file(root.join("schools/a.yaml.orig")).unwrap();
    let stray = b.update(BTreeSet::from([PathBuf::from("schools/a.yaml.orig")]));
    assert!(matches!(stray, Outcome::Unchanged));
    fs::create_dir_all(root.join("schools/logos")).unwrap();
    fs::write(
        root.join("schools/logos/a.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    )
    .unwrap();
    let outcome = edit(&mut b, root, "schools/a.yaml", |t| {
        t.replace("stages:", "logo: schools/logos/a.svg\nstages:")
    });
    assert!(!built_files(outcome).1);
    assert!(b.pages().contains_key("schools/a/logo.svg"));
    fs::remove_file(root.join("schools/logos/a.svg")).unwrap();
    let gone = b.update(BTreeSet::from([PathBuf::from("schools/logos/a.svg")]));
    let Outcome::Failed(failure) = gone else {
        panic!("a school's logo taken away must be said");
    };
    assert_eq!(failure.diagnostics[0].lint, "school-logo");
}
