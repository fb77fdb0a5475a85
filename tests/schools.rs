//! Parent-school microsites: `yuxin build` and `yuxin build --school` on a small project
//! with two schools.

mod common;

use std::fs;
use std::path::Path;

use common::{element_text, project_with, read, yuxin};

const CONFIG: &str = r##"title: 测试
base_url: https://test.example.edu.cn/
schools:
  - id: east-primary
    name: 东区示例小学
    stages: [小学]
    color: "#1d4e89"
    hotlines:
      - { name: 区示例热线, number: "000-0000", hours_24: true }
      - { name: 校心理室, number: "000-0001" }
    events:
      - { date: 2026-10-15, time: "19:00-20:30", topic: 小学家长会, place: "礼堂, 二楼" }
"##;

const WEST: &str = "id: west-junior\nname: 西区示例中学\nstages: [初中]\nevents:\n  - { date: 2026-11-05, time: \"18:30-19:30\", topic: 初中家长讲座, kind: 家长学校 }\n";

const PRIMARY_COURSE: &str = "---\ntitle: 不想上学的早晨\nkind: microcourse\nminutes: 6\nsummary: 孩子早上说肚子疼。\n---\n\n先听孩子说。持续不想上学时，请联系学校心理老师，或拨打 12356。看看[初中的那一节](../../../junior/remedial/internet-addiction/parents-screen.md)。\n";

/// The `good` fixture with two schools: one in `yuxin.yaml`, one in `schools/`.
fn schools_project() -> tempfile::TempDir {
    project_with(
        "good",
        CONFIG,
        &[
            ("schools/west.yaml", WEST),
            (
                "curricula/primary/remedial/school-adjustment/parents-morning.md",
                PRIMARY_COURSE,
            ),
        ],
    )
}

const EAST_COURSE: &str = "primary/remedial/school-adjustment/parents-morning/index.html";
const WEST_COURSE: &str = "junior/remedial/internet-addiction/parents-screen/index.html";

#[test]
fn a_plain_build_makes_every_school_with_only_its_stages_and_events() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let east = p.path().join("public/schools/east-primary");
    let west = p.path().join("public/schools/west-junior");
    assert!(p.path().join("public/index.html").is_file(), "teacher site");
    let home = read(&p.path().join("public/index.html"));
    assert!(
        home.contains(r#"href="schools/east-primary/""#)
            && home.contains(r#"href="schools/west-junior/""#),
        "the teacher site links to every microsite"
    );
    assert!(east.join(EAST_COURSE).is_file());
    assert!(
        !east.join(WEST_COURSE).exists(),
        "no junior course at a primary school"
    );
    assert!(west.join(WEST_COURSE).is_file());
    assert!(!west.join(EAST_COURSE).exists());
    assert!(
        !east
            .join("primary/developmental/adaptation/hello/index.html")
            .exists(),
        "no lesson plans"
    );
    assert!(
        east.join("parents/help/index.html").is_file(),
        "content pages"
    );
    let east_events = read(&east.join("events/index.html"));
    assert!(east_events.contains("小学家长会") && !east_events.contains("初中家长讲座"));
    let west_events = read(&west.join("events/index.html"));
    assert!(west_events.contains("初中家长讲座") && !west_events.contains("小学家长会"));
    for f in [
        "events.ics",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "pagefind/pagefind.js",
    ] {
        assert!(east.join(f).is_file(), "{f}");
    }
}

#[test]
fn home_page_has_name_hotlines_and_open_graph() {
    let p = schools_project();
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(&p.path().join("public/schools/east-primary/index.html"));
    assert_eq!(
        element_text(&html, "h1").as_deref(),
        Some("东区示例小学家长学校")
    );
    assert!(html.contains("tel:12356"), "national line on by default");
    assert!(html.contains("000-0000</strong><span class=\"badge24\">24小时"));
    assert!(
        !html.contains("000-0001</strong><span class=\"badge24\">"),
        "not 24h unless configured"
    );
    assert!(html.contains("<meta property=\"og:title\" content=\"东区示例小学家长学校\">"));
    assert!(html.contains(
        "<meta property=\"og:url\" content=\"https://test.example.edu.cn/schools/east-primary/\">"
    ));
    for attr in ["src=\"http", "href=\"//", "src=\"//", "@import", "url(http"] {
        assert!(!html.contains(attr), "external resource {attr}");
    }
    assert!(!html.contains("<link rel=\"stylesheet\" href=\"http"));
}

#[test]
fn links_to_pages_a_school_does_not_carry_go_to_the_city_site() {
    let p = schools_project();
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(
        &p.path()
            .join("public/schools/east-primary")
            .join(EAST_COURSE),
    );
    assert!(
        html.contains("href=\"https://test.example.edu.cn/junior/remedial/internet-addiction/parents-screen/\""),
        "{html}"
    );
}

#[test]
fn calendar_is_icalendar_in_beijing_time_with_escaped_text() {
    let p = schools_project();
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let ics = read(&p.path().join("public/schools/east-primary/events.ics"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"));
    assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261015T190000\r\n"));
    assert!(ics.contains("DTEND;TZID=Asia/Shanghai:20261015T203000\r\n"));
    assert!(ics.contains("LOCATION:礼堂\\, 二楼\r\n"), "{ics}");
    assert!(
        ics.lines().all(|l| l.len() <= 76),
        "lines folded at 75 octets"
    );
}

#[test]
fn build_school_makes_one_microsite_at_the_output_root() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build", "--school", "west-junior"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = p.path().join("public/schools/west-junior");
    assert!(out.join("index.html").is_file());
    assert!(out.join(WEST_COURSE).is_file());
    assert!(
        !p.path().join("public/index.html").exists(),
        "no teacher site"
    );
    assert!(!p.path().join("public/schools/east-primary").exists());
    let custom = p.path().join("site");
    let run = yuxin(
        p.path(),
        &[
            "build",
            "--school",
            "east-primary",
            "--out",
            custom.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(custom.join("index.html").is_file() && custom.join("events.ics").is_file());
}

#[test]
fn an_unknown_school_is_a_usage_error_with_a_suggestion() {
    let p = schools_project();
    let run = yuxin(p.path(), &["build", "--school", "west-junoir"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("west-junior"), "{}", run.stderr);
}

#[test]
fn a_bad_school_file_is_reported_at_its_line() {
    let p = schools_project();
    fs::write(
        p.path().join("schools/west.yaml"),
        WEST.replace("18:30-19:30", "19:30-18:30"),
    )
    .unwrap();
    let run = yuxin(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("schools/west.yaml:5:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("结束早于开始"), "{}", run.stderr);
}

#[test]
fn a_micro_course_page_with_its_css_stays_under_40_kb() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let run = yuxin(
        repo,
        &[
            "build",
            "--school",
            "qinghe-primary",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let css = fs::metadata(out.path().join("static/parents.css"))
        .unwrap()
        .len();
    let mut largest = 0;
    for entry in walkdir::WalkDir::new(out.path().join("primary")) {
        let entry = entry.unwrap();
        if entry.file_name() == "index.html" {
            largest = largest.max(entry.metadata().unwrap().len());
        }
    }
    assert!(largest > 0);
    assert!(largest + css <= 40 * 1024, "{largest} + {css} bytes");
}
