use super::*;

const LESSON: &str = "\
## 教学重难点

重点：开口求助。

## 教学过程

### 一、热身：铃声变变变（5分钟）

教师说明规则：听到上课铃，马上坐正。

教师问：“你最熟悉哪一个？”

**设计意图**：铃声是小学生活节奏的信号。

### 二、情境求助站（12 分钟） {.no-slide}

**教师活动**：出示情境卡。

- 上课时很想上厕所
- 找不到教室

**学生活动：**

小组讨论，派代表说办法。

**设计意图**：来自真实困难。

### 三、没有分钟

| 环节 | 时间 |
| --- | --- |
| 体验 | 8分钟 |

![情境卡](cards.png)

__________

## 教学反思

- 哪一张卡最热烈？
";

fn plan() -> Plan {
    Plan::parse(LESSON, 10)
}

#[test]
fn sections_in_order_with_their_lines() {
    let plan = plan();
    let titles: Vec<_> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["教学重难点", "教学过程", "教学反思"]);
    assert_eq!(plan.sections[0].line, 10);
    assert_eq!(plan.sections[1].line, 14);
    assert_eq!(
        plan.section(&["教学重难点"]).unwrap().blocks,
        [Block::Paragraph(vec![Run::plain("重点：开口求助。")])]
    );
}

#[test]
fn steps_have_names_minutes_and_classes() {
    let plan = plan();
    let steps = plan.steps();
    let got: Vec<_> = steps
        .iter()
        .map(|s| (s.name.as_str(), s.minutes, s.line))
        .collect();
    assert_eq!(
        got,
        [
            ("一、热身：铃声变变变", Some(5), 16),
            ("二、情境求助站", Some(12), 24),
            ("三、没有分钟", None, 37),
        ]
    );
    assert!(steps[1].has_class("no-slide"));
    assert_eq!(steps[0].title, "一、热身：铃声变变变（5分钟）");
}

#[test]
fn unmarked_text_is_the_activity_and_labels_start_parts() {
    let plan = plan();
    let step = plan.steps()[0];
    assert!(!step.has_roles());
    let activity: Vec<_> = step.blocks(Role::Activity).map(Block::text).collect();
    assert_eq!(
        activity,
        [
            "教师说明规则：听到上课铃，马上坐正。",
            "教师问：“你最熟悉哪一个？”"
        ]
    );
    let intent: Vec<_> = step.blocks(Role::Intent).map(Block::text).collect();
    assert_eq!(intent, ["铃声是小学生活节奏的信号。"]);
}

#[test]
fn a_label_runs_until_the_next_one_with_the_colon_inside_or_outside_the_bold() {
    let plan = plan();
    let step = plan.steps()[1];
    assert!(step.has_roles());
    let teacher: Vec<_> = step.blocks(Role::Teacher).map(Block::text).collect();
    assert_eq!(teacher, ["出示情境卡。", "上课时很想上厕所\n找不到教室"]);
    let students: Vec<_> = step.blocks(Role::Students).map(Block::text).collect();
    assert_eq!(students, ["小组讨论，派代表说办法。"]);
    assert_eq!(step.blocks(Role::Activity).count(), 0);
}

#[test]
fn tables_images_and_writing_lines_stay_blocks() {
    let plan = plan();
    let step = plan.steps()[2];
    let blocks: Vec<_> = step.blocks(Role::Activity).collect();
    assert!(matches!(blocks[0], Block::Table { head, rows } if head.len() == 2 && rows.len() == 1));
    assert_eq!(
        blocks[1],
        &Block::Image {
            src: "cards.png".into(),
            alt: "情境卡".into()
        }
    );
    assert_eq!(blocks[2], &Block::WritingLine);
}

#[test]
fn nothing_written_is_dropped() {
    // Every character of text in the body is somewhere in the plan.
    let plan = plan();
    let mut all = blocks_text(&plan.intro);
    for s in &plan.sections {
        all.push_str(&s.title);
        all.push_str(&blocks_text(&s.blocks));
        for step in &s.steps {
            all.push_str(&step.title);
            for p in &step.parts {
                all.push_str(&blocks_text(&p.blocks));
            }
        }
    }
    for needle in [
        "重点",
        "马上坐正",
        "找不到教室",
        "派代表",
        "体验",
        "8分钟",
        "最热烈",
    ] {
        assert!(all.contains(needle), "{needle} missing");
    }
}

#[test]
fn training_sessions_take_numbered_sections_as_steps() {
    let body = "## 时间安排\n\n| 环节 | 时间 |\n| --- | --- |\n| 讲授 | 10分钟 |\n\n\
                ## 一、选题\n\n从本班学生身上找。\n\n### 小标题\n\n正文。\n\n## 二、结构（15分钟）\n\n暖身。\n\n## 考核\n\n题目。\n";
    let plan = Plan::parse(body, 1);
    let titles: Vec<_> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["时间安排", parse::NUMBERED_PROCESS, "考核"]);
    let steps = plan.steps();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].name, "一、选题");
    assert_eq!(steps[1].minutes, Some(15));
    let first: Vec<_> = steps[0].blocks(Role::Activity).map(Block::text).collect();
    assert_eq!(first, ["从本班学生身上找。", "小标题", "正文。"]);
}

#[test]
fn lists_keep_task_marks_and_nested_blocks() {
    let plan = Plan::parse("- [ ] 做到了\n- [x] 没做到\n\n1. 第一\n\n   > 引用\n", 1);
    let Block::List { start: None, items } = &plan.intro[0] else {
        panic!("{:?}", plan.intro[0]);
    };
    assert_eq!(items[0].checked, Some(false));
    assert_eq!(items[1].checked, Some(true));
    let Block::List {
        start: Some(1),
        items,
    } = &plan.intro[1]
    else {
        panic!("{:?}", plan.intro[1]);
    };
    assert!(matches!(items[0].blocks[1], Block::Quote(_)));
}

#[test]
fn a_tight_item_with_bold_or_a_link_stays_one_paragraph() {
    let plan = Plan::parse("- 学生一角，**按台词演**；见[附录](a.md)。\n", 1);
    let Block::List { items, .. } = &plan.intro[0] else {
        panic!("{:?}", plan.intro[0]);
    };
    let [Block::Paragraph(runs)] = items[0].blocks.as_slice() else {
        panic!("{:?}", items[0].blocks);
    };
    assert_eq!(crate::plan::text(runs), "学生一角，按台词演；见附录。");
    assert!(runs[1].strong);
}

#[test]
fn raw_html_and_code_keep_their_text() {
    let plan = Plan::parse("<div>盒子<br>里</div>\n\n```answer 4\n写在这里\n```\n", 1);
    assert_eq!(plan.intro[0].text(), "盒子\n里");
    assert_eq!(
        plan.intro[1],
        Block::Code {
            info: "answer 4".into(),
            text: "写在这里\n".into()
        }
    );
}

#[test]
fn minutes_in_every_bracket_form() {
    assert_eq!(step_minutes("一、热身（5分钟）"), Some(5));
    assert_eq!(step_minutes("一、热身 (12 分钟)"), Some(12));
    assert_eq!(
        step_minutes("一、热身（五分钟）"),
        Some(5),
        "read, and asked for as （5分钟）"
    );
    assert_eq!(step_minutes("一、热身"), None);
}

/// Every shipped lesson and class meeting reads as steps with minutes, and each step's
/// 设计意图 lands in its own part.
#[test]
fn shipped_plans_read_as_steps() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("curricula");
    let mut plans = 0;
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let Some(body) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
        else {
            continue;
        };
        let (front, body) = body;
        let is_plan = !front.contains("kind:") || front.contains("kind: class-meeting");
        if !is_plan || !body.contains("过程\n") {
            continue;
        }
        plans += 1;
        let plan = Plan::parse(body, 1);
        let steps = plan.steps();
        let at = entry.path().display();
        assert!(steps.len() >= 3, "{at}: {} steps", steps.len());
        for step in steps {
            assert!(step.minutes.is_some(), "{at}: {}", step.title);
            assert!(
                step.blocks(Role::Intent).count() > 0,
                "{at}: {}",
                step.title
            );
        }
    }
    assert!(plans >= 30, "{plans} plans");
}

#[test]
fn lists_and_quotes_nested_without_end_stop_at_a_depth_and_keep_their_text() {
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
                }
                Block::Quote(inner) => 1 + depth(inner),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    for body in [
        format!("{}深处\n", "- ".repeat(10_000)),
        format!("{}深处\n", "> - ".repeat(5_000)),
        format!("{} 深处\n", ">".repeat(10_000)),
    ] {
        let plan = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let plan = Plan::parse(&body, 1);
                (depth(&plan.intro), crate::plan::blocks_text(&plan.intro))
            })
            .unwrap()
            .join()
            .unwrap();
        assert!(plan.0 <= super::events::MAX_NESTING, "{}", plan.0);
        assert!(plan.1.contains("深处"), "{}", plan.1);
    }
}
