use super::*;
use crate::load::parse_document;

fn setup(yaml: &str) -> Resolved {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yuxin.yaml"), yaml).unwrap();
    let (config, catalog) = crate::load::config::parse(yaml, Path::new("yuxin.yaml")).unwrap();
    let mut diags = Vec::new();
    let page = parse_document(
        Path::new("content/parent-meetings/first-term.md"),
        "---\ntitle: 方案\n---\n",
        &catalog,
        false,
        &mut diags,
    )
    .unwrap();
    resolve(dir.path(), &config, &catalog, &[page])
}

const GOOD: &str = "title: t\nschools:\n  - id: a-school\n    name: 甲小学\n    stages: [小学, junior]\n    hotlines: [{ name: 本地热线, number: \"000\", hours_24: true }]\n    events:\n      - { date: 2026-10-15, time: \"19:00-20:30\", topic: 会, page: content/parent-meetings/first-term.md }\n      - { date: 2026-09-01, time: \"9:00-10:00\", topic: 早, kind: 家长学校, stages: [初中] }\n";

#[test]
fn a_good_school_resolves() {
    let r = setup(GOOD);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.schools[0];
    assert_eq!(s.stages, vec![Stage::Primary, Stage::Junior]);
    assert_eq!(s.path, "schools/a-school/");
    assert_eq!(s.hotlines[0].number, "12356", "national line first");
    assert!(s.hotlines[1].hours_24);
    assert_eq!(s.events[0].topic, "早", "sorted by date");
    assert_eq!(s.events[0].kind, EventKind::Session);
    assert_eq!(
        s.events[1].page.as_deref(),
        Some("parents/parent-meetings/first-term/")
    );
    assert_eq!(s.events[1].stages.len(), 2, "whole school by default");
}

#[test]
fn every_problem_is_located() {
    let yaml = "title: t\nschools:\n  - id: A_1\n    name: 甲\n    stages: [小雪]\n    color: \"#ffee00\"\n    events:\n      - { date: 2026-02-30, time: \"20:00-19:00\", topic: 会, page: content/nope.md }\n";
    let r = setup(yaml);
    let lints: Vec<(&str, usize)> = r
        .diagnostics
        .iter()
        .map(|d| (d.lint, d.span.line))
        .collect();
    for expected in [
        ("school-id", 3),
        ("school-stages", 5),
        ("school-color", 6),
        ("event-date", 8),
        ("event-time", 8),
        ("event-page", 8),
    ] {
        assert!(lints.contains(&expected), "{expected:?} not in {lints:?}");
    }
    assert!(r.schools.is_empty());
    let stage = r
        .diagnostics
        .iter()
        .find(|d| d.lint == "school-stages")
        .unwrap();
    assert!(
        stage.hint.as_deref().unwrap_or("").contains("小学"),
        "{stage:?}"
    );
}

#[test]
fn event_stage_must_be_the_schools() {
    let yaml = "title: t\nschools:\n  - id: a\n    name: 甲\n    stages: [primary]\n    events:\n      - { date: 2026-10-15, time: \"19:00-20:00\", topic: 会, stages: [senior] }\n";
    let r = setup(yaml);
    assert_eq!(r.diagnostics[0].lint, "event-stage", "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].span.line, 7);
}

#[test]
fn duplicate_ids_are_refused() {
    let yaml = "title: t\nschools:\n  - { id: a, name: 甲, stages: [primary] }\n  - { id: a, name: 乙, stages: [junior] }\n";
    let r = setup(yaml);
    assert_eq!(r.schools.len(), 1);
    assert!(
        r.diagnostics.iter().any(|d| d.lint == "school-id"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn national_line_can_be_turned_off() {
    let yaml =
        "title: t\nschools:\n  - { id: a, name: 甲, stages: [primary], national_hotline: false }\n";
    let r = setup(yaml);
    assert!(r.schools[0].hotlines.is_empty());
}

#[test]
fn video_links_must_use_an_allowed_host() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\ntitle: 课\nkind: microcourse\nvideo: https://v.example.cn/a.mp4\n---\n";
    let rel = Path::new("curricula/primary/developmental/adaptation/parents-a.md");
    std::fs::create_dir_all(dir.path().join(rel.parent().unwrap())).unwrap();
    std::fs::write(dir.path().join(rel), text).unwrap();
    let catalog = Catalog::default();
    let mut diags = Vec::new();
    let doc = parse_document(rel, text, &catalog, false, &mut diags).unwrap();
    let (config, _) = crate::load::config::parse("title: t\n", Path::new("yuxin.yaml")).unwrap();
    let found = check::videos(dir.path(), &config, std::slice::from_ref(&doc));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.line, 4);
    let (allowed, _) = crate::load::config::parse(
        "title: t\nvideo_hosts: [v.example.cn]\n",
        Path::new("yuxin.yaml"),
    )
    .unwrap();
    assert!(check::videos(dir.path(), &allowed, std::slice::from_ref(&doc)).is_empty());
    // A parent domain allows its subdomains, as for an <iframe>; a look-alike does not.
    let parent = |hosts: &str| {
        let yaml = format!("title: t\nvideo_hosts: [{hosts}]\n");
        crate::load::config::parse(&yaml, Path::new("yuxin.yaml"))
            .unwrap()
            .0
    };
    assert!(
        check::videos(
            dir.path(),
            &parent("Example.CN"),
            std::slice::from_ref(&doc)
        )
        .is_empty()
    );
    assert_eq!(
        check::videos(dir.path(), &parent("ample.cn"), &[doc]).len(),
        1
    );
}
