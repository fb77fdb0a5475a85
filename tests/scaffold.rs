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
fn init_with_stages_builds_without_a_warning_and_shows_only_those_stages() {
    let dir = tempfile::tempdir().unwrap();
    let run = yuxin(
        dir.path(),
        &[
            "init",
            "school",
            "--stages",
            "小学,初中",
            "--title",
            "实验学校",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("服务学段 小学、初中"), "{}", run.stdout);
    let root = dir.path().join("school");
    let config = read(&root.join("yuxin.yaml"));
    assert!(config.contains("stages: [小学, 初中]\n"), "{config}");
    assert!(config.contains("title: 实验学校\n"), "{config}");

    let run = yuxin(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("警告"),
        "the first build warns: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("（0 个错误，0 个警告）") || !run.stderr.contains("个警告"),
        "{}",
        run.stderr
    );
    let run = yuxin(&root, &["check", "--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Only the chosen stages are in the navigation and have pages.
    let home = read(&root.join("public/index.html"));
    for served in ["href=\"primary/\"", "href=\"junior/\""] {
        assert!(home.contains(served), "{served}");
    }
    for other in ["kindergarten/", "senior/", "university/", "topics/career/"] {
        assert!(
            !home.contains(&format!("href=\"{other}\"")),
            "{other} is linked"
        );
        assert!(
            !root.join("public").join(other).exists(),
            "{other} is built"
        );
    }

    // No placeholder text in what init wrote: every example is a finished document.
    for entry in walkdir::WalkDir::new(root.join("curricula")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = read(entry.path());
            for placeholder in [
                "认知: \n",
                "summary: \n",
                "- \n",
                "**设计意图**：\n",
                "TODO",
                "题干",
            ] {
                assert!(
                    !text.contains(placeholder),
                    "{}: {placeholder:?}",
                    entry.path().display()
                );
            }
        }
    }

    // The report counts the gaps of the chosen stages only.
    let run = yuxin(&root, &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stages: Vec<&str> = json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["primary", "junior"]);
    let gaps: u64 = json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["gaps"].as_u64().unwrap())
        .sum();
    assert_eq!(json["totals"]["gaps"], gaps);
    assert_eq!(json["totals"]["cells"], 30, "15 cells each for two stages");
    let forms: Vec<&String> = json["forms"][0]["by_stage"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(forms, ["junior", "primary"]);
}

#[test]
fn new_in_a_stage_the_project_does_not_serve_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(yuxin(dir.path(), &["init", "--stages", "小学"]).code, 0);
    let run = yuxin(dir.path(), &["new", "lesson", "考前", "--stage", "高中"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("yuxin.yaml 的 stages 里没有高中/中职，这篇文档不会发布"),
        "{}",
        run.stderr
    );
    let run = yuxin(dir.path(), &["new", "lesson", "你好", "--stage", "小学"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn init_refuses_an_unknown_stage() {
    let dir = tempfile::tempdir().unwrap();
    let run = yuxin(dir.path(), &["init", "--stages", "小雪"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("未知的学段 `小雪`"), "{}", run.stderr);
    assert!(run.stderr.contains("小学"), "{}", run.stderr);
    assert!(!dir.path().join("yuxin.yaml").exists());
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
