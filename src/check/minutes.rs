//! `minutes-sum`: the steps of a plan's process (`## 教学过程`, `## 活动过程`, `## 教学环节`,
//! `## 班会过程`…) each end with their minutes as `（N分钟）`, and add up to `duration`.
//! Lengths written another way (`约8分钟`, `15 min`, `半小时`, `八分钟`) are counted and
//! asked for in the conventional form, so the Word 教案's 时间 column and the slide timer can
//! read them.

use super::raise;
use super::text::File;
use crate::diag::{Diagnostic, Span};
use crate::model::Document;
use crate::plan::minutes::{Written, read};

/// A step heading: its line, text and what it says about its length.
struct Step<'a> {
    line: usize,
    text: &'a str,
    written: Written,
}

/// The `###` steps of the process section, and that section's heading line and title.
fn steps<'a>(file: &File<'a>) -> Option<(usize, &'a str, Vec<Step<'a>>)> {
    let body = file.body();
    let (start, title) = body.iter().enumerate().find_map(|(i, (_, l))| {
        let title = l.strip_prefix("## ")?;
        let title = title.split(" {").next().unwrap_or(title).trim();
        crate::plan::is_process(title).then_some((i, title))
    })?;
    let section_line = body[start].0;
    let steps = body[start + 1..]
        .iter()
        .take_while(|(_, l)| !(l.starts_with("## ") || l.starts_with("# ")))
        .filter_map(|(n, l)| {
            let text = l.strip_prefix("### ")?.trim();
            Some(Step {
                line: *n,
                text,
                written: read(text).0,
            })
        })
        .collect();
    Some((section_line, title, steps))
}

pub fn check(doc: &Document, file: &File, out: &mut Vec<Diagnostic>) {
    let Some((section, title, steps)) = steps(file) else {
        return;
    };
    if steps.is_empty() {
        return;
    }
    let at = |s: &Step| Span::new(s.line, 5, s.text.chars().count());
    if steps.iter().all(|s| s.written.minutes().is_none()) {
        out.push(raise(
            "minutes-sum",
            &doc.source,
            Span::new(section, 4, title.chars().count()),
            format!(
                "“{title}”的 {} 个环节都没有写分钟数，看不出一节课的时间怎么分配",
                steps.len()
            ),
            "在每个环节小标题末尾写上时长，例如 `### 一、热身：大风吹（5分钟）`",
        ));
        return;
    }
    for s in &steps {
        match s.written {
            Written::Exact(_) => {}
            Written::Loose(n) => out.push(raise(
                "minutes-sum",
                &doc.source,
                at(s),
                format!(
                    "环节“{}”的时长写法不统一，Word 教案和课件的计时读的是“（{n}分钟）”",
                    s.text
                ),
                format!(
                    "写成 `（{n}分钟）`，例如 `### {}（{n}分钟）`",
                    crate::plan::minutes::read(s.text).1
                ),
            )),
            Written::Unreadable => out.push(raise(
                "minutes-sum",
                &doc.source,
                at(s),
                format!("环节“{}”的时长读不出一个确定的分钟数", s.text),
                "写一个整数分钟数，例如 `（8分钟）`；时长有弹性时写计划用的时间",
            )),
            Written::Missing => out.push(raise(
                "minutes-sum",
                &doc.source,
                at(s),
                format!("环节“{}”没有写分钟数", s.text),
                "在小标题末尾写上时长，例如 `### 二、分享（10分钟）`",
            )),
        }
    }
    let Some(duration) = doc.details.duration else {
        return;
    };
    let sum: u32 = steps.iter().filter_map(|s| s.written.minutes()).sum();
    if sum != duration {
        let parts: Vec<String> = steps
            .iter()
            .filter_map(|s| s.written.minutes().map(|m| m.to_string()))
            .collect();
        let at = file.key("duration").unwrap_or(Span::new(section, 1, 0));
        out.push(raise(
            "minutes-sum",
            &doc.source,
            at,
            format!(
                "各环节共 {sum} 分钟（{}），duration 写的是 {duration} 分钟",
                parts.join(" + ")
            ),
            format!("调整第 {section} 行起各环节的分钟数，或把 duration 改成 {sum}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<(usize, &'static str)> {
        let doc = crate::load::fixture::test_document(text);
        let mut out = Vec::new();
        check(&doc, &File::new(text), &mut out);
        out.iter().map(|d| (d.span.line, d.lint)).collect()
    }

    const HEAD: &str = "---\ntitle: t\nduration: 40\n---\n\n";

    #[test]
    fn loose_lengths_count_but_are_named() {
        let text =
            format!("{HEAD}## 教学环节\n\n### 一、热身（约10分钟）\n\n### 二、活动（半小时）\n");
        assert_eq!(lint(&text), [(8, "minutes-sum"), (10, "minutes-sum")]);
    }

    #[test]
    fn a_sum_that_misses_the_duration() {
        let text =
            format!("{HEAD}## 班会过程\n\n### 一、热身（10分钟）\n\n### 二、活动（15 min）\n");
        assert_eq!(lint(&text), [(10, "minutes-sum"), (3, "minutes-sum")]);
    }

    #[test]
    fn steps_without_any_minutes_are_reported_once() {
        let text = format!("{HEAD}## 教学过程\n\n### 一、热身\n\n### 二、活动\n");
        assert_eq!(lint(&text), [(6, "minutes-sum")]);
    }

    #[test]
    fn the_convention_is_clean() {
        let text =
            format!("{HEAD}## 教学过程\n\n### 一、热身（10分钟）\n\n### 二、活动（30分钟）\n");
        assert!(lint(&text).is_empty());
    }
}
