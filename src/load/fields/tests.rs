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
fn chinese_key_names_are_the_keys() {
    let (fm, diags) = read_str(
        "标题: 认识新朋友\n主题: 环境适应\n课型: 游戏辅导\n年级: [一年级]\n时长: 40\n\
         目标:\n  认知: 知道\n  情感: 愿意\n  行为: 能够\n标签: a\n日期: 2025-09-01\n排序: 3\n\
         学期: 上学期\n周次: 3\n限页: 1\n草稿: false\n忽略检查: [labelling]\n扩展:\n  a: 1\n",
        Lesson,
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.title.as_deref(), Some("认识新朋友"));
    assert_eq!(fm.details.form.unwrap().id, "game");
    assert_eq!(fm.details.duration, Some(40));
    assert_eq!(fm.details.week, Some(3));
    assert_eq!(fm.weight, 3);
    assert!(fm.details.objectives.is_some());
    let (fm, diags) = read_str("标题: t\n形式: 讲授\n对象: 班主任\n课时: 2\n", Training);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.details.hours, Some(2.0));
}

#[test]
fn shichang_is_duration_for_lessons_and_minutes_for_micro_courses() {
    let (fm, diags) = read_str("标题: t\n时长: 40\n", Lesson);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.details.duration, Some(40));
    let (fm, diags) = read_str("标题: t\n时长: 8\n视频: v.mp4\n", Microcourse);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(fm.details.minutes, Some(8));
    assert_eq!(fm.details.duration, None);
    let (_, diags) = read_str("标题: t\n时长: 8\n", Handout);
    assert_eq!(
        diags[0].message,
        "duration（时长） 不适用于 handout（学习单）"
    );
}

#[test]
fn both_names_of_one_key_is_an_error_naming_both_lines() {
    let (_, diags) = read_str("title: a\nsummary: s\n标题: b\n", Lesson);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].lint, "duplicate-key");
    assert_eq!(diags[0].span, Span::new(4, 1, 2));
    assert_eq!(
        diags[0].message,
        "title（标题） 写了两次：第 2 行写作 `title`，第 4 行又写作 `标题`"
    );
}

#[test]
fn did_you_mean_offers_chinese_names() {
    let (_, diags) = read_str("标提: 你好\n", Lesson);
    let hint = diags[0].hint.as_deref().unwrap();
    assert!(hint.starts_with("是不是想写 `标题`（title）？"), "{hint}");
    assert!(hint.contains("form（形式/课型）"), "{hint}");
    let (_, diags) = read_str("title: t\nduraton: 40\n", Lesson);
    let hint = diags[0].hint.as_deref().unwrap();
    assert!(
        hint.starts_with("是不是想写 `duration（时长）`？"),
        "{hint}"
    );
}

#[test]
fn the_kind_may_be_written_in_chinese() {
    let node = yaml::parse("类型: 班会\n", 2).unwrap();
    let (kind, _) = read_kind(&node, Path::new("x.md")).unwrap().unwrap();
    assert_eq!(kind, ClassMeeting);
    for (name, kind) in [
        ("教案", Lesson),
        ("讲义", Handout),
        ("培训", Training),
        ("微课", Microcourse),
        ("页面", Page),
    ] {
        assert_eq!(Kind::parse(name), Some(kind), "{name}");
    }
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
