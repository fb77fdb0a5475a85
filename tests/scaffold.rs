//! `yuxin init` and `yuxin new`: what they write builds at once.

mod common;

use common::{read, yuxin};

#[test]
fn init_makes_a_project_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = yuxin(dir.path(), &["init", "school"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("school");
    let run = yuxin(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("public/index.html").is_file());
    assert_eq!(yuxin(&root, &["init"]).code, 2, "refuses to overwrite");
}

#[test]
fn new_writes_each_kind_where_it_belongs() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(yuxin(dir.path(), &["init"]).code, 0);
    let root = dir.path();
    let cases: [&[&str]; 5] = [
        &[
            "new",
            "lesson",
            "情绪小怪兽",
            "--stage",
            "小学",
            "--topic",
            "交往心理",
        ],
        &[
            "new",
            "class-meeting",
            "考前减压",
            "--stage",
            "senior",
            "--topic",
            "考试焦虑",
        ],
        &["new", "training", "危机干预基础"],
        &[
            "new",
            "microcourse",
            "孩子不想上学",
            "--stage",
            "primary",
            "--track",
            "remedial",
        ],
        &["new", "page", "关于我们"],
    ];
    for args in cases {
        let run = yuxin(root, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let lesson = root.join("curricula/primary/developmental/social/qing-xu-xiao-guai-shou.md");
    let text = read(&lesson);
    for section in [
        "title: 情绪小怪兽",
        "duration: 40",
        "## 教学重难点",
        "## 教学准备",
        "## 教学过程",
        "（5分钟）",
        "**设计意图**",
        "## 教学反思",
    ] {
        assert!(text.contains(section), "{section}");
    }
    let kit = root.join("curricula/senior/remedial/exam-anxiety/kao-qian-jian-ya");
    assert!(read(&kit.join("index.md")).contains("kind: class-meeting"));
    assert!(read(&kit.join("jia-zhang-xin.md")).contains("## 回执"));
    assert!(
        root.join("curricula/training/wei-ji-gan-yu-ji-chu/index.md")
            .is_file()
    );
    assert!(root.join("content/guan-yu-wo-men.md").is_file());

    let run = yuxin(root, &["check"]);
    assert_eq!(run.code, 0, "scaffolds are valid documents: {}", run.stderr);
    assert_eq!(yuxin(root, &["build"]).code, 0);
}

#[test]
fn new_explains_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(yuxin(dir.path(), &["init"]).code, 0);
    let run = yuxin(dir.path(), &["new", "lesson", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--stage"), "{}", run.stderr);
    let run = yuxin(dir.path(), &["new", "essay", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("class-meeting（主题班会）"),
        "{}",
        run.stderr
    );
    let run = yuxin(dir.path(), &["new", "lesson", "x", "--stage", "middle"]);
    assert_eq!(run.code, 2);
}
