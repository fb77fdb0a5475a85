//! A project's scope: `stages:` in yuxin.yaml limits navigation, lists, stage pages, the
//! report and the checks to the stages it serves, and the catalog's remedial areas that do
//! not apply at a stage are 不适用 in the report, never gaps.

mod common;

use std::fs;

use common::{project, read, yuxin};

fn scoped(stages: &str) -> tempfile::TempDir {
    let p = project("good");
    let config = p.path().join("yuxin.yaml");
    let text = read(&config);
    fs::write(&config, format!("{text}stages: {stages}\n")).unwrap();
    p
}

#[test]
fn documents_of_other_stages_are_skipped_with_one_warning_per_folder() {
    let p = scoped("[小学]");
    // A mistake in a skipped document is not checked either.
    fs::write(
        p.path()
            .join("curricula/junior/remedial/internet-addiction/broken.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("警告[out-of-scope]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "curricula/junior/ 里有 3 篇初中文档，但 yuxin.yaml 的 stages 只有 小学：这些文档不发布，也不检查"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("把 初中 加进 yuxin.yaml 的 stages"),
        "{}",
        run.stderr
    );
    let public = p.path().join("public");
    assert!(public.join("primary/index.html").is_file());
    assert!(!public.join("junior").exists());
    let home = read(&public.join("index.html"));
    assert!(!home.contains("href=\"junior/\""));
    assert!(!home.contains("href=\"kindergarten/\""));
    // The parents' microsite lists no micro-course of another stage.
    assert!(!read(&public.join("parents/index.html")).contains("手机一收就哭闹"));
}

#[test]
fn the_report_shows_only_the_served_stages() {
    let p = scoped("[primary, 初中]");
    let run = yuxin(p.path(), &["report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("【小学】"), "{}", run.stdout);
    assert!(run.stdout.contains("【初中】"), "{}", run.stdout);
    assert!(!run.stdout.contains("【幼儿园】"), "{}", run.stdout);
    assert!(!run.stdout.contains("【大学】"), "{}", run.stdout);
    let run = yuxin(p.path(), &["report", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains(">幼儿园<"),
        "the heatmap has no kindergarten row"
    );
}

#[test]
fn an_unknown_stage_in_the_settings_is_located() {
    let p = scoped("[小学, 小雪]");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("yuxin.yaml:4:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("stages（服务的学段）里的 `小雪` 不是学段"),
        "{}",
        run.stderr
    );
}

#[test]
fn areas_that_do_not_apply_are_not_gaps() {
    let p = project("good");
    let run = yuxin(p.path(), &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let kindergarten = &json["coverage"][0];
    assert_eq!(kindergarten["stage"]["id"], "kindergarten");
    let cell = |id: &str| {
        kindergarten["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["topic"]["id"] == id)
            .unwrap()
            .clone()
    };
    let sexual = cell("sexual-psychology");
    assert_eq!(sexual["applicable"], false);
    assert_eq!(sexual["gap"], false);
    assert_eq!(cell("emotional-disorders")["gap"], true);
    assert_eq!(kindergarten["not_applicable"], 4);
    assert_eq!(kindergarten["gaps"], 11);
    // The same cell at a stage where it applies is a gap.
    let primary = json["coverage"][1]["cells"].as_array().unwrap().clone();
    let at_primary = primary
        .iter()
        .find(|c| c["topic"]["id"] == "sexual-psychology")
        .unwrap();
    assert_eq!(at_primary["applicable"], true);
    assert_eq!(at_primary["gap"], true);

    let text = yuxin(p.path(), &["report"]).stdout;
    assert!(
        text.contains("【幼儿园】缺口 11 / 11，另有 4 格不适用"),
        "{text}"
    );
    assert!(text.contains("性心理障碍（补救性）"), "{text}");
    assert!(text.contains("（不适用）"), "{text}");
    let html = yuxin(p.path(), &["report", "--format", "html"]).stdout;
    assert!(
        html.contains("幼儿园 · 性心理障碍：教案 0，班会 0，家长微课 0，培训 0（该学段不适用）"),
        "the heatmap cell says so"
    );
    assert!(html.contains(">不适用</text>"));
    assert!(
        html.contains("不适用：该学段不涉及"),
        "the legend explains it"
    );
}

#[test]
fn a_remedial_document_where_the_area_does_not_apply_warns() {
    let p = project("good");
    let dir = p
        .path()
        .join("curricula/kindergarten/remedial/exam-anxiety");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("x.md"),
        "---\ntitle: 考试\nduration: 20\n---\n\n## 转介与求助\n\n拨打 12356。\n",
    )
    .unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert!(
        run.stderr
            .contains("按目录，补救性领域 学习与考试焦虑 不涉及幼儿园"),
        "{}",
        run.stderr
    );
}
