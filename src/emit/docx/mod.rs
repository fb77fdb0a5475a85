//! The Word 教案: a `.docx` beside every lesson, class-meeting plan and training session (and
//! a kit's handouts and letters), in the built-in table layout or filled into the school's own
//! template `themes/<theme>/docx/<kind>.docx`. Which documents and where: [`super::classroom`].

mod fields;
mod layout;
mod parts;
mod safe;
mod sheet;
mod template;
mod wml;

use std::path::Path;

use rayon::prelude::*;

use super::classroom::{docx_path, wants};
use super::{Context, Emitter, Output};
use crate::diag::{Diagnostic, Span};
use crate::model::{Bundle, Document, Kind};
use crate::plan::{Plan, blocks_text};
use fields::Facts;
use template::Template;

pub struct Docx;

impl Emitter for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let templates = Templates::load(cx)?;
        let results: Vec<_> = cx
            .model
            .documents
            .par_iter()
            .filter(|d| wants(d).docx)
            .map(|doc| cx.keep(make(cx, doc, &templates)))
            .collect();
        super::gather_kept(results)
    }

    /// Only the Word files of the documents that changed (a template change rebuilds all).
    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        // A project of one school puts its name in every Word 教案.
        if cx.schools.len() == 1 && !change.schools.is_empty() {
            return Some(self.emit(cx));
        }
        let templates = match Templates::load(cx) {
            Ok(t) => t,
            Err(e) => return Some(Err(e)),
        };
        let docs = &cx.model.documents;
        let results: Vec<_> = change
            .documents
            .iter()
            .filter_map(|&i| docs.get(i))
            .filter(|d| wants(d).docx)
            .map(|doc| cx.keep(make(cx, doc, &templates)))
            .collect();
        Some(super::gather_kept(results))
    }
}

/// The theme's templates, by the kind they serve; `None` uses the built-in layout.
struct Templates {
    lesson: Option<Template>,
    class_meeting: Option<Template>,
    training: Option<Template>,
}

impl Templates {
    fn load(cx: &Context) -> Result<Templates, Vec<Diagnostic>> {
        let Some(theme) = cx.model.config.theme.as_deref() else {
            return Ok(Templates {
                lesson: None,
                class_meeting: None,
                training: None,
            });
        };
        let dir = Path::new("themes").join(theme).join("docx");
        let mut problems = Vec::new();
        let mut one = |name: &str| {
            let rel = dir.join(name);
            if !cx.root.join(&rel).exists() {
                return None;
            }
            crate::guard::links::check_inside(cx.root, &rel)
                .map_err(|d| vec![d])
                .and_then(|()| Template::load(cx.root, &rel))
                .map_err(|d| problems.extend(d))
                .ok()
        };
        let templates = Templates {
            lesson: one("lesson.docx"),
            class_meeting: one("class-meeting.docx"),
            training: one("training.docx"),
        };
        if problems.is_empty() {
            Ok(templates)
        } else {
            Err(problems)
        }
    }

    /// A class meeting without a template of its own uses the lesson's.
    fn for_kind(&self, kind: Kind) -> Option<&Template> {
        match kind {
            Kind::Lesson => self.lesson.as_ref(),
            Kind::ClassMeeting => self.class_meeting.as_ref().or(self.lesson.as_ref()),
            Kind::Training => self.training.as_ref(),
            _ => None,
        }
    }
}

/// The document's Markdown body, read again from its file (the model keeps only the HTML).
fn body(cx: &Context, doc: &Document) -> Result<String, Diagnostic> {
    let text = crate::load::read_text(cx.root, &doc.source)?;
    let text = crate::load::split::normalize_owned(text);
    Ok(match crate::load::split::split(&text) {
        Ok(split) => split.body.to_string(),
        Err(_) => text,
    })
}

fn make(cx: &Context, doc: &Document, templates: &Templates) -> Result<Output, Diagnostic> {
    let plan = Plan::parse(&body(cx, doc)?, doc.body_line);
    let io = |e: std::io::Error| {
        Diagnostic::error(
            "docx",
            &doc.source,
            Span::file_start(),
            format!("无法生成 Word 文件：{e}"),
        )
    };
    let path = docx_path(doc);
    if doc.kind == Kind::Handout {
        let kit = match doc.bundle {
            Bundle::Part { index } => cx.model.documents.get(index),
            _ => None,
        };
        let hotline = cx
            .model
            .config
            .hotlines
            .iter()
            .map(|h| format!("{} {}", h.name, h.number))
            .collect::<Vec<_>>()
            .join("　");
        let hotline = if hotline.is_empty() {
            hotline
        } else {
            format!("心理援助热线：{hotline}")
        };
        let bytes = sheet::handout(doc, kit, &plan, &hotline).map_err(io)?;
        return Ok(Output::new(path, bytes));
    }
    let facts = Facts {
        doc,
        plan: &plan,
        school: match cx.schools {
            [one] => Some(one.name.as_str()),
            _ => None,
        },
        audiences: audiences(cx, doc),
    };
    let bytes = match templates.for_kind(doc.kind) {
        Some(template) => {
            let steps = step_values(&plan);
            template.fill(&|name| field(&facts, name), &steps)?
        }
        None => layout::plan(&facts).map_err(io)?,
    };
    Ok(Output::new(path, bytes))
}

/// A training session's audiences, else its module's.
fn audiences(cx: &Context, doc: &Document) -> String {
    let own = &doc.details.audiences;
    let list = match (own.is_empty(), &doc.bundle) {
        (true, Bundle::Part { index }) => cx
            .model
            .documents
            .get(*index)
            .map(|m| &m.details.audiences)
            .unwrap_or(own),
        _ => own,
    };
    list.iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// A field placeholder's text.
fn field(f: &Facts, name: &str) -> Option<String> {
    Some(match name {
        "课题" => f.doc.title.clone(),
        "年级" => f.grades(),
        "时长" => f.duration(),
        "课型" => f.form(),
        "认知目标" => f.objective("认知"),
        "情感目标" => f.objective("情感"),
        "行为目标" => f.objective("行为"),
        "教学目标" => ["认知", "情感", "行为"]
            .iter()
            .map(|d| (d, f.objective(d)))
            .filter(|(_, t)| !t.is_empty())
            .map(|(d, t)| format!("{d}目标：{t}"))
            .collect::<Vec<_>>()
            .join("\n"),
        "教学重难点" => f.section_text(fields::KEY_POINTS),
        "教学准备" => f.section_text(fields::PREPARATION),
        "板书设计" => f.section_text(fields::BOARD),
        "教学反思" => f.section_text(fields::REFLECTION),
        "作业" => f.section_text(&[
            "作业",
            "课后作业",
            "作业/延伸",
            "作业与延伸",
            "课后延伸",
            "延伸",
            "拓展延伸",
        ]),
        "学校" => f.school.unwrap_or_default().to_string(),
        "日期" => f.date(),
        "学期" => f
            .doc
            .details
            .semester
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        "学时" => f.hours(),
        "培训对象" => f.audiences.clone(),
        "其他内容" => other_sections(f),
        _ => return None,
    })
}

/// The sections no field placeholder takes, with their titles: nothing an author wrote is lost
/// when a template has `{{其他内容}}`.
fn other_sections(f: &Facts) -> String {
    let taken: Vec<&str> = [
        fields::OBJECTIVES,
        fields::KEY_POINTS,
        fields::PREPARATION,
        fields::BOARD,
        fields::REFLECTION,
    ]
    .iter()
    .flat_map(|t| t.iter().copied())
    .collect();
    f.plan
        .other_sections(&taken)
        .map(|s| format!("{}\n{}", s.title, fields::section_text(s)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each step's placeholders and their text.
fn step_values(plan: &Plan) -> Vec<Vec<(&'static str, String)>> {
    plan.steps()
        .into_iter()
        .map(|step| {
            let [teacher, students, intent] = fields::step_cells(step);
            let all: Vec<_> = teacher.iter().chain(&students).cloned().collect();
            vec![
                ("环节", step.name.clone()),
                (
                    "环节时长",
                    step.minutes.map(|m| format!("{m}分钟")).unwrap_or_default(),
                ),
                ("教师活动", fields::blocks_text_marked(&teacher)),
                ("学生活动", fields::blocks_text_marked(&students)),
                ("设计意图", blocks_text(&intent)),
                ("教学活动", fields::blocks_text_marked(&all)),
            ]
        })
        .collect()
}
