//! What parents and teachers see, in the built markup (#20): the calendar page's order by the
//! build date, topic names for parents, clean search excerpts, labelled task boxes, one
//! syllabus a training page, cards on phones, the table of contents beside a document.
//! The browser side of these (real dates, real widths, axe and vnu) is in `tests/browser/`.

mod common;

use std::fs;

use common::{project_with, read, yuxin_env};

const CONFIG: &str = r##"title: 测试
base_url: https://test.example.edu.cn/
schools:
  - id: east-primary
    name: 东区示例小学
    stages: [小学, 初中]
    events:
      - { date: 2026-09-20, time: "19:00-20:00", topic: 九月家长会 }
      - { date: 2026-10-15, time: "19:00-20:30", topic: 十月家长会 }
      - { date: 2026-11-05, time: "18:30-19:30", topic: 十一月讲座 }
      - { date: 2027-03-01, time: "18:30-19:30", topic: 三月讲座 }
"##;

/// 2026-11-01, noon in Beijing.
const EPOCH: &str = "1793505600";

const COURSE_FILE: &str = "curricula/primary/remedial/school-adjustment/parents-morning.md";
const COURSE: &str = "---\ntitle: 不想上学的早晨\nkind: microcourse\nminutes: 6\nsummary: 孩子早上说肚子疼。\n---\n\n## 先听孩子说\n\n持续不想上学时，请联系学校心理老师，或拨打 12356。\n\n- [ ] 今天听孩子说了十五分钟\n";

fn built() -> tempfile::TempDir {
    let p = project_with("good", CONFIG, &[(COURSE_FILE, COURSE)]);
    let run = yuxin_env(p.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} missing in\n{html}"))
}

#[test]
fn the_calendar_lists_upcoming_events_first_and_marks_past_ones_by_the_build_date() {
    let p = built();
    let html = read(
        &p.path()
            .join("public/schools/east-primary/events/index.html"),
    );
    let order: Vec<usize> = [
        "十一月讲座",
        "三月讲座",
        "已结束的活动",
        "十月家长会",
        "九月家长会",
    ]
    .iter()
    .map(|t| position(&html, t))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{html}");
    // Past events carry a visible 已结束; upcoming ones a hidden one the script may show.
    let october = &html[position(&html, "data-date=\"2026-10-15\"")..];
    let october = &october[..position(october, "</li>")];
    assert!(
        october.contains("<span class=\"ended\">已结束</span>"),
        "{october}"
    );
    let november = &html[position(&html, "data-date=\"2026-11-05\"")..];
    let november = &november[..position(november, "</li>")];
    assert!(
        november.contains("<span class=\"ended\" hidden>已结束</span>"),
        "{november}"
    );
    assert!(
        html.contains("static/parents.js"),
        "the script that keeps the order as days pass"
    );
}

#[test]
fn parents_see_everyday_topic_names_not_the_plans_clinical_ones() {
    let p = built();
    let site = p.path().join("public/schools/east-primary");
    for page in [
        "primary/remedial/school-adjustment/parents-morning/index.html",
        "junior/remedial/internet-addiction/parents-screen/index.html",
        "courses/index.html",
        "index.html",
    ] {
        let html = read(&site.join(page));
        for clinical in ["学校适应障碍", "网络沉迷"] {
            assert!(!html.contains(clinical), "{page} shows {clinical}");
        }
    }
    let course = read(&site.join("primary/remedial/school-adjustment/parents-morning/index.html"));
    assert!(
        course.contains("<span class=\"chip\">适应新学校</span>"),
        "{course}"
    );
    let courses = read(&site.join("courses/index.html"));
    assert!(
        courses.contains("<span class=\"chip\">手机和网络</span>"),
        "{courses}"
    );
    // The teacher site keeps the plan's names.
    let teacher = read(
        &p.path()
            .join("public/junior/remedial/internet-addiction/parents-screen/index.html"),
    );
    assert!(teacher.contains("网络沉迷"));
}

#[test]
fn search_excerpts_skip_heading_anchors_and_task_boxes_are_named() {
    let p = built();
    let html = read(&p.path().join(
        "public/schools/east-primary/primary/remedial/school-adjustment/parents-morning/index.html",
    ));
    assert!(
        html.contains("aria-label=\"本节链接\" data-pagefind-ignore>#</a>"),
        "the # after a heading is not indexed: {html}"
    );
    assert!(html.contains(
        "<input type=\"checkbox\" disabled aria-labelledby=\"task-parents-morning-1\"><span id=\"task-parents-morning-1\">今天听孩子说了十五分钟</span>"
    ), "{html}");
}

#[test]
fn a_training_page_shows_one_syllabus_whose_cells_name_their_column() {
    let p = built();
    let html = read(&p.path().join("public/training/basics/index.html"));
    assert_eq!(
        html.matches("<table").count(),
        1,
        "one syllabus table: {html}"
    );
    for label in ["专题", "课时", "形式", "目标"] {
        assert!(
            html.contains(&format!("<td data-label=\"{label}\">")),
            "{label}: {html}"
        );
    }
    let shipped = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/curricula/training/head-teacher/index.md"
    ))
    .unwrap();
    assert!(
        !shipped.contains("## 专题安排"),
        "the generated syllabus is the only one"
    );
    let ledger = read(&p.path().join("public/training/index.html"));
    assert!(ledger.contains("<td data-label=\"培训要求\">"), "{ledger}");
}

#[test]
fn the_report_heatmap_scrolls_by_keyboard_and_its_headers_are_angled() {
    let p = built();
    let html = read(&p.path().join("public/report/index.html"));
    assert!(
        html.contains("class=\"report-scroll\" tabindex=\"0\" role=\"region\""),
        "{html}"
    );
    assert!(html.contains("rotate(-45)"), "{html}");
    assert!(
        !html.contains("writing-mode: vertical-rl"),
        "no tiny vertical headers"
    );
}

#[test]
fn a_documents_table_of_contents_is_inside_it_for_the_sidebar() {
    let p = built();
    let css = read(&p.path().join("public/static/style.css"));
    assert!(
        css.contains(".doc > .toc { grid-column: 2;"),
        "sidebar at desktop widths"
    );
    assert!(
        css.contains(".syllabus-table td[data-label]"),
        "cards on phones"
    );
}
