//! Lints on a document's shape: steps that add up, lengths that fit the stage, objectives,
//! and referral guidance in remedial documents.

use super::raise;
use super::text::File;
use crate::catalog::Track;
use crate::diag::Diagnostic;
use crate::model::{Curriculum, Document, Kind, Objectives};

pub fn check(doc: &Document, model: &Curriculum, file: &File, out: &mut Vec<Diagnostic>) {
    // A lint set to `off` would be dropped anyway: not running it saves a pass over the file.
    let on = |id: &str| model.config.lints.level(id) != Some(super::Level::Off);
    if matches!(doc.kind, Kind::Lesson | Kind::ClassMeeting) {
        if on("minutes-sum") {
            super::minutes::check(doc, file, out);
        }
        if on("stage-duration") {
            stage_duration(doc, model, file, out);
        }
        if on("objectives") {
            objectives(doc, file, out);
        }
    }
    if on("remedial-referral") {
        remedial_referral(doc, model, file, out);
    }
}

fn stage_duration(doc: &Document, model: &Curriculum, file: &File, out: &mut Vec<Diagnostic>) {
    let (Some(duration), Some(stage)) = (doc.details.duration, doc.stage()) else {
        return;
    };
    let info = model.catalog.stage(stage);
    let range = info.duration;
    if (range.min..=range.max).contains(&duration) {
        return;
    }
    let norm = if range.min == range.max {
        format!("{} 分钟", range.min)
    } else {
        format!("{}–{} 分钟", range.min, range.max)
    };
    out.push(raise(
        "stage-duration",
        &doc.source,
        file.key("duration").unwrap_or(file.title()),
        format!("{}的一节课通常是 {norm}，这里是 {duration} 分钟", info.name),
        "按学段常规调整时长；确需如此（如两课时连上）可在 front matter 写 `allow: [stage-duration]`",
    ));
}

fn objectives(doc: &Document, file: &File, out: &mut Vec<Diagnostic>) {
    let missing: Vec<&str> = match &doc.details.objectives {
        None => {
            out.push(raise(
                "objectives",
                &doc.source,
                file.title(),
                format!("{}没有写教学目标", doc.kind.name()),
                "在 front matter 加 objectives:，分认知、情感、行为三项各写一句",
            ));
            return;
        }
        Some(o @ Objectives::Domains { .. }) => o
            .domains()
            .into_iter()
            .flatten()
            .filter(|(_, v)| v.is_none_or(|t| t.trim().is_empty()))
            .map(|(name, _)| name)
            .collect(),
        Some(Objectives::List { items }) if items.is_empty() => vec!["认知", "情感", "行为"],
        Some(Objectives::List { .. }) => Vec::new(),
    };
    if !missing.is_empty() {
        out.push(raise(
            "objectives",
            &doc.source,
            file.key("objectives").unwrap_or(file.title()),
            format!("教学目标缺少{}目标", missing.join("、")),
            format!(
                "在 objectives: 下补上 {}",
                missing
                    .iter()
                    .map(|m| format!("`{m}: …`"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        ));
    }
}

/// Referral guidance in a lesson or class meeting names the procedure.
const REFERRAL: &[&str] = &["转介"];
/// Parents are told in plain words whom at school to turn to, who then refers.
const PARENT_REFERRAL: &[&str] = &[
    "转介",
    "心理老师",
    "心理教师",
    "心理辅导室",
    "心理健康教育与咨询中心",
    "心理咨询中心",
];

/// Words for suicide and self-harm: a document of any track that talks about them owes its
/// readers the way to help, like a remedial one.
const HARM: &[&str] = &[
    "自杀",
    "自残",
    "自伤",
    "轻生",
    "伤害自己",
    "结束生命",
    "结束自己的生命",
    "不想活",
    "想死",
    "割腕",
];
/// Whom to turn to, in the words a lesson for children or a letter to parents uses.
const HELP: &[&str] = &[
    "转介",
    "心理老师",
    "心理教师",
    "心理辅导室",
    "心理咨询",
    "班主任",
    "信任的大人",
    "告诉大人",
    "告诉老师",
    "告诉家长",
    "找老师",
    "求助",
    "专业帮助",
    "医院",
    "辅导员",
    "咨询中心",
    "心理中心",
    "联系学校",
    "上报",
    "报告",
    "必须告诉",
    "相关人员",
    "危机干预",
];
/// Lines everyone may call, besides the configured ones.
const NATIONAL: &[&str] = &["12356", "12355", "110", "120"];

fn remedial_referral(doc: &Document, model: &Curriculum, file: &File, out: &mut Vec<Diagnostic>) {
    let student_or_parent = matches!(
        doc.kind,
        Kind::Lesson | Kind::ClassMeeting | Kind::Microcourse
    );
    if !student_or_parent {
        return;
    }
    let remedial = doc.track() == Some(Track::Remedial);
    let harm = !remedial && HARM.iter().any(|w| file.body_contains(w));
    if !remedial && !harm {
        return;
    }
    let hotlines = &model.config.hotlines;
    let mut missing = Vec::new();
    let words: &[&str] = if harm {
        HELP
    } else if doc.kind == Kind::Microcourse {
        PARENT_REFERRAL
    } else {
        REFERRAL
    };
    if !words.iter().any(|w| file.body_contains(w)) {
        missing.push(if doc.kind == Kind::Microcourse || harm {
            "求助和转介的办法（告诉谁：心理老师、班主任、信任的大人）".to_string()
        } else {
            "转介办法（写明“转介”：向谁报告、转介到哪里）".to_string()
        });
    }
    let has_line = hotlines.iter().any(|h| file.body_contains(&h.number))
        || (harm && NATIONAL.iter().any(|n| file.body_contains(n)));
    // Outside the remedial track, a lesson that talks about self-harm owes one way to help:
    // whom to tell, or a line to call.
    if harm && (has_line || missing.is_empty()) {
        return;
    }
    if !has_line {
        let numbers: Vec<String> = hotlines
            .iter()
            .map(|h| format!("{} {}", h.name, h.number))
            .collect();
        missing.push(format!("援助热线（{}）", numbers.join("、")));
    }
    if missing.is_empty() {
        return;
    }
    let what = if harm {
        format!("这篇{}谈到了自伤或自杀", doc.kind.name())
    } else {
        format!("补救性教育的{}", doc.kind.name())
    };
    out.push(raise(
        "remedial-referral",
        &doc.source,
        file.title(),
        format!(
            "{what}，却缺少{}：读到这里的学生或家长要知道去哪里求助",
            missing.join("和")
        ),
        "加一节 `## 转介与求助`：按“识别—报告—转介”写清向谁报告、转介到哪里，并写上热线号码",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use std::path::Path;

    /// The lints of this file on one document at `path`, as `(line, lint)`.
    fn lint(path: &str, text: &str) -> Vec<(usize, &'static str)> {
        let catalog = Catalog::default();
        let mut diags = Vec::new();
        let doc = crate::load::parse_document(Path::new(path), text, &catalog, false, &mut diags)
            .expect("a document");
        assert!(diags.is_empty(), "{diags:?}");
        let (config, _) =
            crate::load::config::parse("title: t\n", Path::new("yuxin.yaml")).unwrap();
        let model = Curriculum {
            config,
            catalog,
            documents: Vec::new(),
        };
        let mut out = Vec::new();
        check(&doc, &model, &File::new(text), &mut out);
        out.iter().map(|d| (d.span.line, d.lint)).collect()
    }

    #[test]
    fn a_step_without_minutes_is_named_and_the_sum_still_checked() {
        let text = "---\ntitle: t\nduration: 40\nobjectives: [x]\n---\n\n## 教学过程\n\n### 一、热身（10分钟）\n\n### 二、活动\n\n## 教学反思\n\n### 不算（99分钟）\n";
        assert_eq!(
            lint("curricula/primary/developmental/adaptation/a.md", text),
            [(11, "minutes-sum"), (3, "minutes-sum")]
        );
    }

    #[test]
    fn a_ranged_stage_accepts_any_length_inside() {
        let text = |d: u32| format!("---\ntitle: t\nduration: {d}\nobjectives: [x]\n---\n");
        let path = "curricula/university/developmental/gain-and-loss/a.md";
        assert!(lint(path, &text(90)).is_empty());
        assert_eq!(lint(path, &text(100)), [(3, "stage-duration")]);
        let path = "curricula/kindergarten/developmental/adaptation/a.md";
        assert!(lint(path, &text(15)).is_empty());
        assert_eq!(lint(path, &text(40)), [(3, "stage-duration")]);
    }

    #[test]
    fn parents_are_told_whom_to_contact_instead_of_the_word_referral() {
        let path = "curricula/primary/remedial/relationships/p.md";
        let head = "---\ntitle: 家长微课\nkind: microcourse\n---\n\n";
        let ok = format!("{head}请联系学校的心理老师，或拨打 12356。\n");
        assert!(lint(path, &ok).is_empty());
        let no_hotline = format!("{head}请联系学校的心理老师。\n");
        assert_eq!(lint(path, &no_hotline), [(2, "remedial-referral")]);
        let lesson = "curricula/primary/remedial/relationships/l.md";
        let text = "---\ntitle: 课\nobjectives: [x]\n---\n\n请联系学校的心理老师，或拨打 12356。\n";
        assert_eq!(
            lint(lesson, text),
            [(2, "remedial-referral")],
            "a lesson names 转介"
        );
    }
}
