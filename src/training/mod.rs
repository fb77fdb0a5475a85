//! Teacher training: modules and their sessions, hours that add up, and the hours ledger
//! measured against the plan's yearly targets.

pub mod ledger;
pub mod package;
pub mod view;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Span};
use crate::model::{Bundle, Curriculum, DEFAULT_PERIOD, Document, Kind, Place};

/// A training module: a folder under `curricula/training/` with `index.md`, whose other
/// documents are its sessions (专题); or a single training document.
#[derive(Debug)]
pub struct Module<'a> {
    pub index: usize,
    pub doc: &'a Document,
    /// Sessions in order (weight, then title).
    pub sessions: Vec<&'a Document>,
}

impl Module<'_> {
    /// 课时 as taught: the sessions' sum, or the module's own `hours` when it has no sessions.
    pub fn hours(&self) -> f64 {
        self.sum(None, false)
    }

    /// Hours of the sessions whose form is one of `forms` (ids).
    pub fn hours_in_forms(&self, forms: &[String]) -> f64 {
        self.sum(Some(forms), false)
    }

    /// Clock hours (小时): each session's 课时 × its minutes per 课时 (`period:` of the
    /// session, else of the module, else 45) ÷ 60. With `forms`, only sessions of those forms.
    pub fn clock_hours(&self, forms: Option<&[String]>) -> f64 {
        self.sum(forms, true)
    }

    /// Minutes in one 课时 of `doc`, this module or one of its sessions.
    pub fn period(&self, doc: &Document) -> u32 {
        doc.details
            .period
            .or(self.doc.details.period)
            .unwrap_or(DEFAULT_PERIOD)
    }

    fn sum(&self, forms: Option<&[String]>, clock: bool) -> f64 {
        let scale = |d: &Document| {
            if clock {
                f64::from(self.period(d)) / 60.0
            } else {
                1.0
            }
        };
        if self.sessions.is_empty() {
            // A module without sessions has no form of its own to filter by.
            return match forms {
                Some(_) => 0.0,
                None => self.doc.details.hours.unwrap_or(0.0) * scale(self.doc),
            };
        }
        self.sessions
            .iter()
            .filter(|s| {
                forms.is_none_or(|forms| {
                    s.details
                        .form
                        .as_ref()
                        .is_some_and(|f| forms.contains(&f.id))
                })
            })
            .filter_map(|s| s.details.hours.map(|h| h * scale(s)))
            .sum::<f64>()
            + 0.0 // an empty float sum is -0.0, which prints as "-0"
    }
}

/// Every training module, in list order.
pub fn modules(model: &Curriculum) -> Vec<Module<'_>> {
    let mut modules: Vec<Module> = model
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.place == Place::Training && d.kind == Kind::Training)
        .filter(|(_, d)| !matches!(d.bundle, Bundle::Part { .. }))
        .map(|(index, doc)| Module {
            index,
            doc,
            sessions: model.parts_of(doc),
        })
        .collect();
    modules.sort_by(|a, b| (a.doc.weight, &a.doc.title).cmp(&(b.doc.weight, &b.doc.title)));
    modules
}

/// Hours that do not add up, and sessions without hours. `sources` gives the files' text so
/// that the message can point at the `hours:` line.
pub fn check(model: &Curriculum, sources: &HashMap<PathBuf, String>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for module in modules(model) {
        for s in &module.sessions {
            if s.details.hours.is_none() && s.kind == Kind::Training {
                diags.push(
                    Diagnostic::error(
                        "training-hours",
                        &s.source,
                        key_span(sources, s, "title"),
                        "培训专题没有写 hours（课时）",
                    )
                    .with_hint("在 front matter 里加 `hours: 1`；模块的课时是各专题课时之和"),
                );
            }
        }
        let (Some(declared), false) = (module.doc.details.hours, module.sessions.is_empty()) else {
            continue;
        };
        let sum = module.hours();
        if (declared - sum).abs() > 1e-9 {
            let parts: Vec<String> = module
                .sessions
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        s.title,
                        s.details
                            .hours
                            .map_or("?".into(), crate::model::format_hours)
                    )
                })
                .collect();
            diags.push(
                Diagnostic::error(
                    "training-hours",
                    &module.doc.source,
                    key_span(sources, module.doc, "hours"),
                    format!(
                        "模块写的是 {} 课时，但各专题加起来是 {} 课时",
                        crate::model::format_hours(declared),
                        crate::model::format_hours(sum)
                    ),
                )
                .with_hint(format!(
                    "把 hours 改成 {}，或调整专题的课时（{}）",
                    crate::model::format_hours(sum),
                    parts.join("；")
                )),
            );
        }
    }
    diags
}

/// The line of `key:` in the document's front matter, for messages about that key.
fn key_span(sources: &HashMap<PathBuf, String>, doc: &Document, key: &str) -> Span {
    // Written under any of its names: `hours:` or `课时:`.
    let names = crate::load::fields::names(key);
    let found = |text: &String| {
        text.lines().enumerate().find_map(|(i, l)| {
            let name = names.iter().find(|n| {
                l.strip_prefix(**n)
                    .is_some_and(|rest| rest.starts_with(':'))
            })?;
            Some(Span::new(i + 1, 1, name.chars().count()))
        })
    };
    sources
        .get(&doc.source)
        .and_then(found)
        .unwrap_or(Span::file_start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The model and the files' text (for messages that point at a key's line).
    pub(crate) fn model(files: &[(&str, &str)]) -> (Curriculum, HashMap<PathBuf, String>) {
        let sources = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect();
        (crate::load::fixture::test_model(files), sources)
    }

    #[test]
    fn hours_must_add_up_and_the_message_names_both_numbers() {
        let (m, sources) = model(&[
            (
                "curricula/training/m/index.md",
                "---\ntitle: 模块\naudience: 班主任\nhours: 8\n---\n",
            ),
            (
                "curricula/training/m/01.md",
                "---\ntitle: 一\nhours: 2\nform: 讲授\n---\n",
            ),
            (
                "curricula/training/m/02.md",
                "---\ntitle: 二\nhours: 1.5\nform: 演练\n---\n",
            ),
        ]);
        let mods = modules(&m);
        assert_eq!(mods.len(), 1);
        assert_eq!(mods[0].sessions.len(), 2);
        assert_eq!(mods[0].hours(), 3.5);
        let diags = check(&m, &sources);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message,
            "模块写的是 8 课时，但各专题加起来是 3.5 课时"
        );
        assert_eq!(diags[0].span.line, 4);
        assert!(diags[0].hint.as_ref().unwrap().contains("一 2；二 1.5"));
    }

    #[test]
    fn sessions_need_hours() {
        let (m, sources) = model(&[
            ("curricula/training/m/index.md", "---\ntitle: 模块\n---\n"),
            ("curricula/training/m/01.md", "---\ntitle: 一\n---\n"),
        ]);
        let diags = check(&m, &sources);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].file, Path::new("curricula/training/m/01.md"));
    }
}
