//! The domain lints: each fires exactly where it was planted and nowhere else.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, project, read, yuxin};

/// `(file, line, column, severity, lint)` of a diagnostic.
type Row = (String, u64, u64, String, String);

/// Every diagnostic, from `check --format json`, and the exit code.
fn found(dir: &Path, extra: &[&str]) -> (i32, Vec<Row>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = yuxin(dir, &args);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let rows = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["column"].as_u64().unwrap(),
                r["severity"].as_str().unwrap().to_string(),
                r["lint"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, rows)
}

fn row(
    file: &str,
    line: u64,
    col: u64,
    sev: &str,
    lint: &str,
) -> (String, u64, u64, String, String) {
    (file.into(), line, col, sev.into(), lint.into())
}

#[test]
fn each_lint_fires_where_planted_and_nowhere_else() {
    let p = project("lints");
    let (code, rows) = found(p.path(), &[]);
    let words = "content/words.md";
    let privacy = "curricula/primary/remedial/relationships/privacy.md";
    assert_eq!(
        rows,
        vec![
            row(words, 7, 6, "warning", "labelling"),
            row(words, 9, 4, "warning", "safe-messaging"),
            row(words, 10, 12, "warning", "hotline-24h"),
            row(words, 15, 26, "warning", "broken-anchor"),
            row(words, 16, 6, "warning", "broken-anchor"),
            row(words, 17, 6, "warning", "broken-link"),
            row(
                "curricula/junior/developmental/communication/long.md",
                3,
                1,
                "warning",
                "stage-duration"
            ),
            row(
                "curricula/junior/developmental/communication/long.md",
                4,
                1,
                "warning",
                "objectives"
            ),
            row(
                "curricula/primary/developmental/adaptation/minutes.md",
                3,
                1,
                "warning",
                "minutes-sum"
            ),
            row(
                "curricula/primary/developmental/social/no-objectives.md",
                2,
                1,
                "warning",
                "objectives"
            ),
            row(privacy, 9, 1, "error", "privacy"),
            row(privacy, 11, 6, "error", "privacy"),
            row(privacy, 11, 21, "error", "privacy"),
            row(privacy, 12, 5, "error", "privacy"),
            row(
                "curricula/senior/remedial/emotional-disorders/no-referral.md",
                2,
                1,
                "error",
                "remedial-referral"
            ),
        ]
    );
    assert_eq!(code, 1, "privacy and referral are errors");
}

#[test]
fn human_output_names_the_place_the_problem_and_the_fix() {
    let p = project("lints");
    let run = yuxin(p.path(), &["check"]);
    assert!(
        run.stderr
            .contains("警告[labelling]: “差生”是贴标签的说法\n  --> content/words.md:7:6"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("学习暂时有困难的学生"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("~~差生~~"),
        "the hint shows how to quote a counter-example"
    );
}

#[test]
fn yuxin_yaml_sets_levels_and_word_lists() {
    let p = project("lints");
    let config = p.path().join("yuxin.yaml");
    let text = read(&config)
        + "lints:\n  privacy: off\n  broken-link: off\n  remedial-referral: warning\n  stage-duration: error\n  words:\n    labelling:\n      - { word: 不爱说话, instead: 话少 }\n";
    fs::write(&config, text).unwrap();
    let (code, rows) = found(p.path(), &[]);
    assert!(!rows.iter().any(|r| r.4 == "privacy"), "{rows:?}");
    assert!(
        !rows.iter().any(|r| r.4 == "broken-link"),
        "render lints are configurable too"
    );
    assert!(rows.contains(&row(
        "curricula/senior/remedial/emotional-disorders/no-referral.md",
        2,
        1,
        "warning",
        "remedial-referral"
    )));
    assert!(rows.contains(&row(
        "curricula/junior/developmental/communication/long.md",
        3,
        1,
        "error",
        "stage-duration"
    )));
    assert!(rows.contains(&row(
        "curricula/primary/remedial/relationships/privacy.md",
        9,
        11,
        "warning",
        "labelling"
    )));
    assert_eq!(code, 1);
}

#[test]
fn unknown_lint_ids_in_yuxin_yaml_are_reported_with_a_suggestion() {
    let p = project("lints");
    let config = p.path().join("yuxin.yaml");
    fs::write(&config, read(&config) + "lints:\n  labeling: off\n").unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("yuxin.yaml:6:3"), "{}", run.stderr);
    assert!(run.stderr.contains("`labelling`"), "{}", run.stderr);
}

#[test]
fn warnings_alone_fail_only_with_deny_warnings() {
    let p = project("lints");
    for f in [
        "curricula/primary/remedial/relationships/privacy.md",
        "curricula/senior/remedial/emotional-disorders/no-referral.md",
    ] {
        fs::remove_file(p.path().join(f)).unwrap();
    }
    assert_eq!(found(p.path(), &[]).0, 0);
    assert_eq!(found(p.path(), &["--deny", "warnings"]).0, 1);
}

/// The "done when" of the issue: a copy of the shipped project with one planted problem of
/// each kind reports exactly those problems, located, and fails.
#[test]
fn shipped_copy_with_planted_problems_reports_exactly_them() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for part in ["curricula", "content", "schools"] {
        copy_dir(&repo.join(part), &dir.path().join(part));
    }
    fs::copy(repo.join("yuxin.yaml"), dir.path().join("yuxin.yaml")).unwrap();
    let lesson = "curricula/senior/remedial/emotional-disorders/cloudy-days.md";
    let path = dir.path().join(lesson);
    let text = read(&path)
        .replace("duration: 45", "duration: 50")
        .replace("12356心理援助热线小卡片", "心理援助热线小卡片")
        .replace("拨打全国心理援助热线**12356**（", "拨打全国心理援助热线（")
        .replace("发12356热线卡", "发热线卡");
    // When the lesson's wording changes, these replacements must follow it.
    assert!(
        !text.contains("12356") && text.contains("duration: 50"),
        "the planted copy of {lesson} still names 12356: update the replacements"
    );
    fs::write(&path, text).unwrap();
    let page = "content/index.md";
    let ppath = dir.path().join(page);
    let planted = "\n\n三年级二班王小明的家长电话 13812345678。\n\n别叫孩子差生。\n\n不要写割腕。\n\n热线 12356 24小时开放。\n\n[缺](#没有这一节) [缺图](./nothing.png)\n";
    let base_lines = read(&ppath).lines().count() as u64;
    fs::write(&ppath, read(&ppath) + planted).unwrap();
    let (code, rows) = found(dir.path(), &[]);
    let lints: Vec<(&str, u64, &str)> = rows
        .iter()
        .map(|r| (r.0.as_str(), r.1, r.4.as_str()))
        .collect();
    let at = |n: u64| base_lines + n;
    assert_eq!(
        lints,
        vec![
            (page, at(3), "privacy"),
            (page, at(3), "privacy"),
            (page, at(5), "labelling"),
            (page, at(7), "safe-messaging"),
            (page, at(9), "hotline-24h"),
            (page, at(11), "broken-anchor"),
            (page, at(11), "broken-link"),
            (lesson, 2, "remedial-referral"),
            (lesson, 5, "minutes-sum"),
            (lesson, 5, "stage-duration"),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn allow_silences_a_lint_for_one_file_only() {
    let p = project("lints");
    let words = p.path().join("content/words.md");
    let text = read(&words).replacen(
        "title: 说法\n",
        "title: 说法\nallow: [broken-anchor, labelling]\n",
        1,
    );
    fs::write(&words, text).unwrap();
    let (_, rows) = found(p.path(), &[]);
    let in_words: Vec<&str> = rows
        .iter()
        .filter(|r| r.0 == "content/words.md")
        .map(|r| r.4.as_str())
        .collect();
    assert_eq!(in_words, ["safe-messaging", "hotline-24h", "broken-link"]);
}

#[test]
fn an_unknown_id_in_allow_is_reported_where_it_is_written() {
    let p = project("lints");
    let words = p.path().join("content/words.md");
    let text = read(&words).replacen("title: 说法\n", "title: 说法\nallow: [labeling]\n", 1);
    fs::write(&words, text).unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert!(run.stderr.contains("警告[unknown-lint]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/words.md:3:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`labelling`"), "{}", run.stderr);
}
