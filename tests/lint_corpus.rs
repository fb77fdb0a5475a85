//! The lints against a corpus of careless and careful lines, written the way teachers write
//! (`tests/lints/corpus.tsv`: category, `careless` or `careful`, text). Each line stands alone
//! in an otherwise valid lesson, as an author would slip it in; `check` must flag every
//! careless line with its category's lint (90 % at least per category) and say nothing at all
//! about a careful one. Prints recall and precision per category.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::yuxin;

const CONFIG: &str =
    "title: 语料\nhotlines:\n  - name: 全国统一心理援助热线\n    number: \"12356\"\n";

/// A valid 40-minute lesson with `line` in its second step; a `### ` line replaces the last
/// step's heading (10 minutes) instead.
fn lesson(line: &str) -> String {
    let (extra, last) = if line.starts_with("### ") {
        (String::new(), line.to_string())
    } else {
        (
            format!("{line}\n\n"),
            "### 四、总结与延伸（10分钟）".to_string(),
        )
    };
    format!(
        "---\ntitle: 我们都是好朋友\nform: 团体辅导\ngrades: [三年级]\nduration: 40\nobjectives:\n  认知: 知道朋友之间会有分歧。\n  情感: 愿意说出自己的感受。\n  行为: 能用一句话表达想法。\n---\n\n\
         ## 教学重难点\n\n重点：说出感受。\n\n## 教学准备\n\n- 情境卡 4 张。\n\n## 教学过程\n\n\
         ### 一、热身（5分钟）\n\n全班玩“大风吹”。\n\n**设计意图**：活跃气氛。\n\n\
         ### 二、情境讨论（15分钟）\n\n小组讨论情境卡上的问题。\n\n{extra}**设计意图**：联系生活。\n\n\
         ### 三、练一练（10分钟）\n\n同桌互相练习。\n\n**设计意图**：在练习中掌握。\n\n\
         {last}\n\n请两三名学生说说收获。\n\n**设计意图**：巩固所学。\n\n\
         ## 教学反思\n\n- 学生是否愿意表达？\n"
    )
}

/// The lints that count as finding a line of `category`.
fn lints_of(category: &str) -> &'static [&'static str] {
    match category {
        "privacy" => &["privacy"],
        "labelling" => &["labelling"],
        "safe-messaging" => &["safe-messaging"],
        "referral" => &["remedial-referral"],
        "hotline" => &["hotline-24h", "hotline-emergency"],
        "minutes" => &["minutes-sum"],
        other => panic!("unknown category {other}"),
    }
}

#[derive(Default)]
struct Tally {
    careless: usize,
    caught: usize,
    careful: usize,
    false_alarms: usize,
}

#[test]
fn careless_lines_are_caught_and_careful_ones_left_alone() {
    let corpus = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/lints/corpus.tsv"
    ))
    .expect("the corpus");
    let samples: Vec<(&str, &str, &str)> = corpus
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let (c, k, t) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            (c, k, t)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("yuxin.yaml"), CONFIG).unwrap();
    let folder = dir.path().join("curricula/primary/developmental/social");
    fs::create_dir_all(&folder).unwrap();
    for (i, (_, _, text)) in samples.iter().enumerate() {
        fs::write(folder.join(format!("c{i:04}.md")), lesson(text)).unwrap();
    }
    let run = yuxin(dir.path(), &["check", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(
        rows.as_array().is_some_and(|r| !r.is_empty()),
        "{}",
        run.stderr
    );
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows.as_array().unwrap() {
        let file = r["file"].as_str().unwrap().replace('\\', "/");
        by_file
            .entry(file)
            .or_default()
            .push(r["lint"].as_str().unwrap().to_string());
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for (i, (category, kind, text)) in samples.iter().enumerate() {
        let found = by_file
            .get(&format!(
                "curricula/primary/developmental/social/c{i:04}.md"
            ))
            .cloned()
            .unwrap_or_default();
        let t = tallies.entry(category).or_default();
        if *kind == "careless" {
            t.careless += 1;
            if found
                .iter()
                .any(|l| lints_of(category).contains(&l.as_str()))
            {
                t.caught += 1;
            } else {
                misses.push(format!("missed   [{category}] {text}  (found {found:?})"));
            }
        } else {
            t.careful += 1;
            if !found.is_empty() {
                t.false_alarms += 1;
                misses.push(format!("flagged  [{category}] {text}  ({found:?})"));
            }
        }
    }
    println!("category        careless caught recall  careful false-alarms");
    for (c, t) in &tallies {
        println!(
            "{c:<15} {:>8} {:>6} {:>6.1}% {:>8} {:>12}",
            t.careless,
            t.caught,
            100.0 * t.caught as f64 / t.careless.max(1) as f64,
            t.careful,
            t.false_alarms
        );
    }
    for m in &misses {
        println!("{m}");
    }
    for (c, t) in &tallies {
        assert!(t.careless >= 20 && t.careful >= 20, "{c}: too few samples");
        assert!(
            t.caught * 10 >= t.careless * 9,
            "{c}: recall {}/{} below 90 %",
            t.caught,
            t.careless
        );
        assert_eq!(t.false_alarms, 0, "{c}: careful lines flagged");
    }
}

/// `parent-school`: a school with a 家长学校 but no 家长会 in the first term is warned at its
/// declaration; one with both is not.
#[test]
fn school_duties_are_warned_at_the_school() {
    let dir = tempfile::tempdir().unwrap();
    let school = |events: &str| {
        format!(
            "title: t\nschools:\n  - id: a-school\n    name: 甲小学\n    stages: [小学]\n    events:\n{events}"
        )
    };
    let event = |date: &str, kind: &str| {
        format!("      - {{ date: {date}, time: \"19:00-20:00\", kind: {kind}, topic: 话题 }}\n")
    };
    let only_session = school(&event("2026-09-25", "家长学校"));
    fs::write(dir.path().join("yuxin.yaml"), only_session).unwrap();
    let run = yuxin(dir.path(), &["check"]);
    assert!(
        run.stderr.contains("warning[parent-school]") || run.stderr.contains("警告[parent-school]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("yuxin.yaml:3:"), "{}", run.stderr);
    let both = school(&(event("2026-09-25", "家长会") + &event("2026-11-20", "家长学校")));
    fs::write(dir.path().join("yuxin.yaml"), both).unwrap();
    let run = yuxin(dir.path(), &["check", "--deny", "warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
