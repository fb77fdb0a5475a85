//! The front-matter reader against every kind of key and mistake.

use super::*;
use crate::load::yaml;
use crate::model::Objectives;

fn read_str(text: &str, kind: Kind) -> (FrontMatter, Vec<Diagnostic>) {
    let node = yaml::parse(text, 2).unwrap();
    let mut diags = Vec::new();
    let fm = read(
        &node,
        kind,
        &Catalog::default(),
        Path::new("x.md"),
        &mut diags,
    );
    (fm, diags)
}

#[test]
fn reads_a_full_lesson() {
    let (fm, diags) = read_str(
        "title: 认识新朋友\ntopic: 环境适应\nform: 游戏辅导\ngrades: [一年级]\nduration: 40\n\
         objectives:\n  认知: 知道\n  情感: 愿意\n  行为: 能够\ntags: a\ndate: 2025-09-01\nweight: 3\n",
        Lesson,
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.title.as_deref(), Some("认识新朋友"));
    assert_eq!(fm.topic.unwrap().0.id, "adaptation");
    assert_eq!(fm.details.form.unwrap().id, "game");
    assert_eq!(fm.details.duration, Some(40));
    assert_eq!(fm.tags, vec!["a"]);
    assert_eq!(fm.weight, 3);
    assert!(matches!(
        fm.details.objectives,
        Some(Objectives::Domains {
            cognitive: Some(_),
            ..
        })
    ));
}

#[test]
fn reports_every_problem_with_its_place() {
    let (_, diags) = read_str(
        "title: t\nduraton: 40\nform: 角色扮\nhours: 2\ndate: 2025-13-01\n",
        Lesson,
    );
    let lines: Vec<(usize, &str)> = diags.iter().map(|d| (d.span.line, d.lint)).collect();
    assert_eq!(
        lines,
        vec![
            (3, "unknown-key"),
            (4, "unknown-catalog-entry"),
            (5, "unknown-key"),
            (6, "front-matter-type")
        ]
    );
    assert!(diags[0].hint.as_ref().unwrap().contains("duration（时长）"));
    assert!(
        diags[1]
            .hint
            .as_ref()
            .unwrap()
            .contains("role-play（角色扮演）")
    );
    assert!(diags[2].message.contains("hours（课时）"));
}

#[test]
fn chinese_key_names_point_to_the_english_key() {
    let (_, diags) = read_str("标题: 你好\n", Lesson);
    assert!(
        diags[0]
            .hint
            .as_ref()
            .unwrap()
            .starts_with("是不是想写 `title（标题）`")
    );
}

#[test]
fn wrong_types_name_key_and_example() {
    let (_, diags) = read_str("title: t\nduration: 四十\n", Lesson);
    assert_eq!(
        diags[0].message,
        "duration（时长） 应是分钟数（正整数），这里是文字 `四十`"
    );
    assert_eq!(diags[0].hint.as_deref(), Some("例如 `duration: 40`"));
}

#[test]
fn training_forms_and_audiences() {
    let (fm, diags) = read_str(
        "title: t\nform: 演练\naudience: [班主任, all-staff]\nhours: 0.5\n",
        Training,
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.details.form.unwrap().id, "drill");
    assert_eq!(fm.details.audiences.len(), 2);
    assert_eq!(fm.details.hours, Some(0.5));
}

#[test]
fn empty_values_mean_not_set() {
    let (fm, diags) = read_str(
        "title: t\nsummary:\nobjectives:\n  认知:\n  情感: 愿意\ntags: [a, ~]\n",
        Lesson,
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.summary, None);
    assert_eq!(fm.tags, vec!["a"]);
    assert_eq!(
        fm.details.objectives,
        Some(Objectives::Domains {
            cognitive: None,
            affective: Some("愿意".into()),
            behavioral: None
        })
    );
}

#[test]
fn front_matter_must_be_a_map() {
    let (_, diags) = read_str("- a\n- b\n", Lesson);
    assert_eq!(diags[0].lint, "front-matter");
}
