//! The report's per-grade view: for each grade that has a document, each semester's lessons,
//! class meetings, micro-courses and minutes, and the gaps a school would plan around: a
//! semester without a lesson or without a class-meeting kit (the plan asks head teachers for at
//! least one 主题心理班会 a semester), plans without a teaching week, and the stage's
//! developmental emphases that the grade's year does not reach.

use std::fmt::Write as _;

use serde::Serialize;

use crate::catalog::{Grade, Track};
use crate::model::{Curriculum, Kind, Ref, Term};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GradeReport {
    pub grade: Ref,
    pub stage: Ref,
    pub terms: Vec<TermReport>,
    /// The stage's developmental emphases with no lesson and no class meeting in this grade.
    pub uncovered: Vec<Ref>,
    /// Every gap of the grade, one sentence each, semester gaps first.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TermReport {
    /// `first`, `second` or `unspecified` (documents naming no semester).
    pub semester: &'static str,
    pub name: &'static str,
    pub lessons: usize,
    pub class_meetings: usize,
    pub microcourses: usize,
    /// Minutes of its lessons and class meetings (`duration`).
    pub minutes: u32,
    /// Lessons and class meetings without `week`.
    pub unscheduled: usize,
    pub gaps: Vec<String>,
}

/// Every catalog grade that has a document, in teaching order.
pub fn grades(model: &Curriculum) -> Vec<GradeReport> {
    (model.grades_in_use().into_iter())
        .map(|g| grade(model, g))
        .collect()
}

/// Catalog grades of the stages in use that have no document at all, by name.
pub fn empty_grades(model: &Curriculum) -> Vec<String> {
    (model.catalog.grades.iter())
        .filter(|g| model.in_stage(g.stage).next().is_some())
        .filter(|g| model.in_grade(g).next().is_none())
        .map(|g| g.name.clone())
        .collect()
}

fn grade(model: &Curriculum, g: &Grade) -> GradeReport {
    let terms: Vec<TermReport> = model.grade_terms(g).iter().map(term).collect();
    let year: Vec<_> = model
        .in_grade(g)
        .filter(|d| matches!(d.kind, Kind::Lesson | Kind::ClassMeeting))
        .collect();
    let uncovered: Vec<Ref> = (model.catalog.topics_for(g.stage, Track::Developmental))
        .filter(|t| {
            !year
                .iter()
                .any(|d| d.topic.as_ref().is_some_and(|x| x.id == t.id))
        })
        .map(|t| Ref {
            id: t.id.clone(),
            name: t.name.clone(),
        })
        .collect();
    let mut gaps: Vec<String> = terms
        .iter()
        .flat_map(|t| t.gaps.iter().map(move |gap| format!("{}：{gap}", t.name)))
        .collect();
    if !uncovered.is_empty() {
        let names: Vec<&str> = uncovered.iter().map(|r| r.name.as_str()).collect();
        gaps.push(format!(
            "全年没有覆盖本学段的发展性重点：{}",
            names.join("、")
        ));
    }
    GradeReport {
        grade: Ref {
            id: g.id.clone(),
            name: g.name.clone(),
        },
        stage: Ref {
            id: g.stage.id().into(),
            name: model.catalog.stage(g.stage).name.clone(),
        },
        terms,
        uncovered,
        gaps,
    }
}

fn term(t: &Term) -> TermReport {
    let lessons = t.of(Kind::Lesson).count();
    let class_meetings = t.of(Kind::ClassMeeting).count();
    let taught = || (t.docs.iter()).filter(|d| matches!(d.kind, Kind::Lesson | Kind::ClassMeeting));
    let unscheduled = taught().filter(|d| d.details.week.is_none()).count();
    let mut gaps = Vec::new();
    if t.semester.is_some() {
        if lessons == 0 {
            gaps.push("没有教案".to_string());
        }
        if class_meetings == 0 {
            gaps.push("没有主题班会（行动计划要求每学期至少 1 次）".to_string());
        }
    } else {
        gaps.push(format!(
            "{} 篇没有写学期（semester），进不了学期进度表",
            t.docs.len()
        ));
    }
    if unscheduled > 0 {
        gaps.push(format!("{unscheduled} 篇未排周次（没有写 week）"));
    }
    TermReport {
        semester: t.id(),
        name: t.name(),
        lessons,
        class_meetings,
        microcourses: t.of(Kind::Microcourse).count(),
        minutes: taught().filter_map(|d| d.details.duration).sum(),
        unscheduled,
        gaps,
    }
}

/// The terminal lines: one per grade and semester, then the grade's gaps.
pub fn lines(grades: &[GradeReport], empty: &[String]) -> String {
    let mut out = String::new();
    for g in grades {
        let _ = writeln!(out, "\n  【{} · {}】", g.stage.name, g.grade.name);
        for t in &g.terms {
            let _ = writeln!(
                out,
                "    {}：教案 {}，主题班会 {}，家长微课 {}，共 {} 分钟",
                t.name, t.lessons, t.class_meetings, t.microcourses, t.minutes
            );
        }
        for gap in &g.gaps {
            let _ = writeln!(out, "    ← 缺口：{gap}");
        }
    }
    if !empty.is_empty() {
        let _ = writeln!(out, "\n  还没有任何内容的年级：{}", empty.join("、"));
    }
    out
}
