//! The report: how well the curriculum covers the plan. Coverage of every stage's
//! developmental emphases and every remedial area, lesson forms used, class meetings per stage
//! and term, and training hours per audience against the plan's targets.
//!
//! One [`Report`] is computed from the model; the terminal table, `--format json`
//! (schema in docs/api.md), the `/report/` page and `yuxin report --format html` all show it.

pub mod grades;
pub mod html;
mod svg;
pub mod table;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Stage, Track};
use crate::model::{Bundle, Curriculum, Document, Kind, Place, Ref, Semester};

/// Bumped when a key changes meaning or disappears; new keys may be added at any time.
pub const SCHEMA: &str = "yuxin-report/2";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub schema: &'static str,
    pub title: String,
    pub coverage: Vec<StageCoverage>,
    pub forms: Vec<FormUse>,
    pub class_meetings: Vec<ClassMeetings>,
    pub hours: Vec<AudienceHours>,
    /// Every training target of `yuxin.yaml` (or the plan's) and where the curriculum stands.
    pub ledger: Vec<crate::training::ledger::Row>,
    /// Each grade that has a document, semester by semester, with its gaps.
    pub grades: Vec<grades::GradeReport>,
    /// Grades of the stages in use without any document.
    pub empty_grades: Vec<String>,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StageCoverage {
    pub stage: Ref,
    /// The stage's developmental emphases, then every remedial area, in catalog order (the
    /// areas that do not apply at this stage too, marked `applicable: false`).
    pub cells: Vec<Cell>,
    pub gaps: usize,
    /// Remedial areas the catalog says do not apply at this stage (性心理障碍 in 幼儿园).
    pub not_applicable: usize,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub lessons: usize,
    pub class_meetings: usize,
    pub microcourses: usize,
    pub training: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub topic: Ref,
    pub track: Track,
    pub counts: Counts,
    /// Lessons and class meetings: what reaches students.
    pub for_students: usize,
    /// No lesson and no class meeting for this topic at this stage, where it applies.
    pub gap: bool,
    /// Whether the topic applies at this stage (the catalog's `stages:`); a cell that does
    /// not is 不适用, never a gap.
    pub applicable: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FormUse {
    pub form: Ref,
    /// Lessons and class meetings in this form, all stages.
    pub total: usize,
    /// By stage id.
    pub by_stage: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClassMeetings {
    pub stage: Ref,
    pub first: usize,
    pub second: usize,
    /// Class meetings without a `semester`.
    pub unspecified: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AudienceHours {
    pub audience: Ref,
    /// 课时 of the training modules meant for this audience.
    pub hours: f64,
    pub modules: usize,
    /// The plan's yearly target, when it sets one.
    pub target: Option<f64>,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Totals {
    pub documents: usize,
    pub lessons: usize,
    pub class_meetings: usize,
    pub microcourses: usize,
    pub training_modules: usize,
    pub training_hours: f64,
    /// Cells where the topic applies, and of them the gaps.
    pub cells: usize,
    pub gaps: usize,
    /// Cells of remedial areas that do not apply at their stage.
    pub not_applicable: usize,
}

impl Report {
    pub fn new(model: &Curriculum) -> Report {
        // Only the stages the project serves (`stages:` in yuxin.yaml).
        let coverage: Vec<StageCoverage> = model
            .config
            .served_stages()
            .into_iter()
            .map(|s| stage_coverage(model, s))
            .collect();
        let hours = hours(model);
        let count = |k: Kind| model.listed().filter(|d| d.kind == k).count();
        let totals = Totals {
            documents: model.documents.len(),
            lessons: count(Kind::Lesson),
            class_meetings: count(Kind::ClassMeeting),
            microcourses: count(Kind::Microcourse),
            training_modules: model.training().count(),
            training_hours: model
                .training()
                .map(|d| module_hours(model, d))
                .sum::<f64>()
                + 0.0,
            cells: coverage
                .iter()
                .map(|c| c.cells.len() - c.not_applicable)
                .sum(),
            gaps: coverage.iter().map(|c| c.gaps).sum(),
            not_applicable: coverage.iter().map(|c| c.not_applicable).sum(),
        };
        Report {
            schema: SCHEMA,
            title: model.config.title.clone(),
            coverage,
            forms: forms(model),
            class_meetings: class_meetings(model),
            hours,
            ledger: crate::training::ledger::ledger(model, &model.config.targets),
            grades: grades::grades(model),
            empty_grades: grades::empty_grades(model),
            totals,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }
}

fn stage_ref(model: &Curriculum, stage: Stage) -> Ref {
    Ref {
        id: stage.id().into(),
        name: model.catalog.stage(stage).name.clone(),
    }
}

fn stage_coverage(model: &Curriculum, stage: Stage) -> StageCoverage {
    // Every remedial area has a cell at every stage, so that the columns line up; those that
    // do not apply here are marked so.
    let remedial = model
        .catalog
        .topics
        .iter()
        .filter(|t| t.track == Track::Remedial);
    let cells: Vec<Cell> = model
        .catalog
        .topics_for(stage, Track::Developmental)
        .chain(remedial)
        .map(|topic| {
            let has_topic = |d: &&Document| d.topic.as_ref().is_some_and(|x| x.id == topic.id);
            let here: Vec<&Document> = model.in_stage(stage).filter(has_topic).collect();
            let of = |k: Kind| here.iter().filter(|d| d.kind == k).count();
            // Training is stage-independent: a module on a topic counts at every stage.
            let training = model.training().filter(has_topic).count();
            let counts = Counts {
                lessons: of(Kind::Lesson),
                class_meetings: of(Kind::ClassMeeting),
                microcourses: of(Kind::Microcourse),
                training,
            };
            let for_students = counts.lessons + counts.class_meetings;
            let applicable = topic.applies_to(stage);
            Cell {
                topic: Ref {
                    id: topic.id.clone(),
                    name: topic.name.clone(),
                },
                track: topic.track,
                counts,
                for_students,
                gap: applicable && for_students == 0,
                applicable,
            }
        })
        .collect();
    StageCoverage {
        stage: stage_ref(model, stage),
        gaps: cells.iter().filter(|c| c.gap).count(),
        not_applicable: cells.iter().filter(|c| !c.applicable).count(),
        cells,
    }
}

fn forms(model: &Curriculum) -> Vec<FormUse> {
    model
        .catalog
        .forms
        .iter()
        .map(|f| {
            let by_stage: BTreeMap<&'static str, usize> = model
                .config
                .served_stages()
                .into_iter()
                .map(|s| {
                    let n = model
                        .with_form(&f.id)
                        .filter(|d| d.stage() == Some(s))
                        .count();
                    (s.id(), n)
                })
                .collect();
            FormUse {
                form: Ref {
                    id: f.id.clone(),
                    name: f.name.clone(),
                },
                total: by_stage.values().sum(),
                by_stage,
            }
        })
        .collect()
}

fn class_meetings(model: &Curriculum) -> Vec<ClassMeetings> {
    model
        .config
        .served_stages()
        .into_iter()
        .map(|s| {
            let kits: Vec<&Document> = model
                .in_stage(s)
                .filter(|d| d.kind == Kind::ClassMeeting)
                .collect();
            let of =
                |term: Option<Semester>| kits.iter().filter(|d| d.details.semester == term).count();
            ClassMeetings {
                stage: stage_ref(model, s),
                first: of(Some(Semester::First)),
                second: of(Some(Semester::Second)),
                unspecified: of(None),
                total: kits.len(),
            }
        })
        .collect()
}

/// A module's 课时: its own `hours`, else the sum of its sessions'.
fn module_hours(model: &Curriculum, module: &Document) -> f64 {
    module.details.hours.unwrap_or_else(|| {
        model
            .parts_of(module)
            .iter()
            .filter_map(|p| p.details.hours)
            .sum::<f64>()
            + 0.0
    })
}

fn hours(model: &Curriculum) -> Vec<AudienceHours> {
    // An audience's yearly target: the ledger's plain 课时 target for it (not those counting
    // only some session forms, such as supervision, nor those in clock hours).
    let targets: BTreeMap<String, f64> = model
        .config
        .targets
        .iter()
        .filter(|t| t.forms.is_empty() && t.tag.is_none())
        .filter_map(|t| Some((t.audience.clone()?, t.periods?)))
        .collect();
    model
        .catalog
        .audiences
        .iter()
        .map(|a| {
            let modules: Vec<&Document> = model
                .training()
                .filter(|d| d.place == Place::Training && !matches!(d.bundle, Bundle::Part { .. }))
                .filter(|d| d.details.audiences.iter().any(|x| x.id == a.id))
                .collect();
            // `+ 0.0`: an empty float sum is -0.0, which would print as "-0".
            let hours: f64 = modules.iter().map(|d| module_hours(model, d)).sum::<f64>() + 0.0;
            let target = targets.get(&a.id).copied();
            AudienceHours {
                audience: Ref {
                    id: a.id.clone(),
                    name: a.name.clone(),
                },
                hours,
                modules: modules.len(),
                target,
                met: target.map(|t| hours >= t),
            }
        })
        .collect()
}
