//! `yuxin report` and the outputs built from the same numbers: the `/report/` page and
//! `api/curriculum.json`.

mod common;

use common::{fixture, project, read, yuxin};

fn report_json(dir: &std::path::Path) -> serde_json::Value {
    let run = yuxin(dir, &["report", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

#[test]
fn json_matches_the_reviewed_fixture() {
    let p = project("good");
    let json = report_json(p.path());
    let expected: serde_json::Value =
        serde_json::from_str(&read(&fixture("report-good.json"))).unwrap();
    assert_eq!(json, expected);
}

#[test]
fn json_numbers_count_the_fixture_documents() {
    let p = project("good");
    let json = report_json(p.path());
    for key in ["coverage", "forms", "class_meetings", "hours"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["schema"], "yuxin-report/2");
    let primary = &json["coverage"][1];
    assert_eq!(primary["stage"]["id"], "primary");
    let adaptation = &primary["cells"][0];
    assert_eq!(adaptation["topic"]["id"], "adaptation");
    assert_eq!(adaptation["counts"]["lessons"], 2, "hello.md and second.md");
    assert_eq!(adaptation["counts"]["class_meetings"], 1, "new-friends kit");
    assert_eq!(adaptation["gap"], false);
    let junior = &json["coverage"][2]["cells"];
    let games = junior
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["topic"]["id"] == "internet-addiction")
        .unwrap();
    assert_eq!(games["counts"]["lessons"], 1);
    assert_eq!(games["counts"]["microcourses"], 1);
    assert_eq!(
        json["totals"]["gaps"], 69,
        "73 before 性心理障碍 and three more stopped being gaps in 幼儿园"
    );
    assert_eq!(json["class_meetings"][1]["first"], 1);
    let all_staff = json["hours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["audience"]["id"] == "all-staff")
        .unwrap();
    assert_eq!(all_staff["hours"], 2.0);
    assert_eq!(all_staff["target"], 2.0);
    assert_eq!(all_staff["met"], true);
}

#[test]
fn html_draws_what_the_json_says() {
    let p = project("good");
    let json = report_json(p.path());
    let run = yuxin(p.path(), &["report", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = run.stdout;
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg class=\"heatmap\""), "heatmap");
    assert!(html.contains("<svg class=\"hours-chart\""), "hours chart");
    assert!(html.contains("size: A4 landscape"));
    assert!(!html.contains("<script"), "no script");
    let short = json["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .count();
    assert_eq!(
        html.matches("<li>✗ ").count(),
        short,
        "every short training target is named"
    );
    assert!(
        html.contains("班主任（年段长）骨干提高培训，每年不少于 8 课时：已有 0 课时，还差 8 课时")
    );
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http"), "no external resources");
    let gaps = json["totals"]["gaps"].as_u64().unwrap() as usize;
    assert_eq!(html.matches("class=\"cell gap\"").count(), gaps);
    let cells = json["totals"]["cells"].as_u64().unwrap() as usize;
    let na = json["totals"]["not_applicable"].as_u64().unwrap() as usize;
    assert_eq!(html.matches("<g class=\"cell").count(), cells + na);
    assert_eq!(html.matches("<g class=\"cell na\"").count(), na);
    let audiences = json["hours"].as_array().unwrap().len();
    assert_eq!(html.matches("<rect class=\"bar\"").count(), audiences);
    assert_eq!(
        html.matches("<line class=\"target\"").count(),
        json["hours"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| !h["target"].is_null())
            .count()
    );
}

#[test]
fn human_table_marks_gaps_and_targets() {
    let p = project("good");
    let run = yuxin(p.path(), &["report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("缺口 69 个，另有 4 格不适用"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("← 缺口"));
    assert!(
        run.stdout.contains("✗ 未达标"),
        "head teachers have no module"
    );
}

#[test]
fn build_writes_the_report_page_and_the_curriculum_data() {
    let p = project("good");
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = p.path().join("public");
    let page = read(&public.join("report/index.html"));
    assert!(page.contains("<title>课程覆盖报告 · "), "{page}");
    assert!(page.contains("<svg class=\"heatmap\""));
    assert!(
        page.contains("href=\"../static/style.css\""),
        "relative to the site"
    );
    let data: serde_json::Value =
        serde_json::from_str(&read(&public.join("api/curriculum.json"))).unwrap();
    assert_eq!(data["schema"], "yuxin-curriculum/1");
    let docs = data["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 11);
    let hello = docs
        .iter()
        .find(|d| d["url"] == "primary/developmental/adaptation/hello/")
        .unwrap();
    assert_eq!(hello["kind"], "lesson");
    assert_eq!(hello["stage"]["id"], "primary");
    assert_eq!(hello["track"]["id"], "developmental");
    assert_eq!(hello["topic"]["id"], "adaptation");
    assert_eq!(hello["form"]["id"], "game");
    assert_eq!(hello["duration"], 40);
    assert_eq!(hello["title"], "你好，新学校");
    assert_eq!(hello["summary"], "一年级入学适应课。");
    assert_eq!(
        hello["absolute_url"],
        "https://test.example.edu.cn/primary/developmental/adaptation/hello/"
    );
    let sheet = docs
        .iter()
        .find(|d| d["url"] == "primary/developmental/adaptation/new-friends/sheet/")
        .unwrap();
    assert_eq!(
        sheet["part_of"],
        "primary/developmental/adaptation/new-friends/"
    );
    // Metadata only: no document body ever leaves through the API.
    let text = read(&public.join("api/curriculum.json"));
    assert!(!text.contains("听铃声做动作"), "body text of hello.md");
    let keys: Vec<&String> = hello.as_object().unwrap().keys().collect();
    assert!(
        !keys
            .iter()
            .any(|k| ["body", "content", "html"].contains(&k.as_str()))
    );
}
