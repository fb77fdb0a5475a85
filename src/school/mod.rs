//! Schools: each publishes its own parent-school microsite (家长学校) from the shared
//! curriculum. Declared in `yuxin.yaml` (`schools:`) or one per file in `schools/*.yaml`;
//! [`resolve`] checks the declarations against the catalog and the loaded documents and
//! reports every problem at its line and column.

mod check;
pub mod decl;
mod duties;
pub mod values;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalog::{Catalog, Stage};
use crate::config::{Config, Hotline};
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, Document, Place};
use check::Check;
pub use decl::Contact;
use decl::Declared;
pub use values::{Clock, Color};

/// The folder of per-school files.
pub const DIR: &str = "schools";

/// A checked school.
#[derive(Debug, Clone)]
pub struct School {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub stages: Vec<Stage>,
    pub address: String,
    pub contact: Contact,
    pub intro: Option<String>,
    /// National lines first (when on), then the school's own.
    pub hotlines: Vec<Hotline>,
    /// A project file copied into the microsite; `None` draws a badge from the name.
    pub logo: Option<PathBuf>,
    pub color: Color,
    /// Where a full build writes it: `schools/<id>/`, ending in `/`.
    pub path: String,
    /// Absolute URL of the microsite's root, ending in `/` (for feeds, sitemaps and sharing).
    pub url: String,
    /// Sorted by date and start time.
    pub events: Vec<Event>,
    /// The file it was declared in.
    pub file: PathBuf,
}

/// 家长会 or 家长学校: a parent meeting or a parent-school session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Meeting,
    Session,
}

impl EventKind {
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Meeting => "家长会",
            EventKind::Session => "家长学校",
        }
    }

    fn parse(text: &str) -> Option<EventKind> {
        match text.trim() {
            "meeting" | "家长会" | "心理专题家长会" => Some(EventKind::Meeting),
            "session" | "家长学校" | "讲座" | "家长课堂" => Some(EventKind::Session),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub date: Date,
    pub start: Clock,
    pub end: Clock,
    pub topic: String,
    pub place: String,
    pub kind: EventKind,
    pub stages: Vec<Stage>,
    /// URL (site-root-relative) of the content page with the plan.
    pub page: Option<String>,
    pub note: Option<String>,
}

impl School {
    /// Does this school's microsite carry `doc`? Micro-courses of its stages and every page.
    pub fn carries(&self, doc: &Document) -> bool {
        match doc.place {
            Place::Content => true,
            Place::Curriculum { stage, .. } => {
                doc.kind == crate::model::Kind::Microcourse && self.stages.contains(&stage)
            }
            Place::Training => false,
        }
    }
}

/// What [`resolve`] found.
#[derive(Default)]
pub struct Resolved {
    pub schools: Vec<School>,
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of the files read, for code frames.
    pub sources: HashMap<PathBuf, String>,
}

/// Reads and checks every school of the project at `root`.
pub fn resolve(root: &Path, config: &Config, catalog: &Catalog, docs: &[Document]) -> Resolved {
    let mut out = Resolved::default();
    let mut declared = Vec::new();
    let config_file = PathBuf::from(crate::config::FILE_NAME);
    match crate::load::read_text(root, &config_file) {
        Ok(text) => {
            match decl::from_config(&text, &config_file) {
                Ok(list) => declared.extend(list),
                Err(d) => out.diagnostics.push(d),
            }
            out.sources.insert(config_file, text);
        }
        // A config linked from outside the project: say so rather than lose its schools.
        Err(d) if d.lint == "symlink" => out.diagnostics.push(d),
        Err(_) => {}
    }
    for file in school_files(root) {
        declared.extend(read_file(root, &file, &mut out));
    }
    let pages = pages_by_path(docs);
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    for Declared { decl, file } in declared {
        let cx = Check {
            root,
            file: &file,
            catalog,
            pages: &pages,
        };
        if let Some(school) = cx.school(decl, config, &mut out.diagnostics) {
            if let Some(first) = ids.get(&school.id) {
                let line = |f: &Path| {
                    let text = out.sources.get(f).map(String::as_str);
                    crate::guard::collide::key_line(text, "id", Some(&school.id)).unwrap_or(1)
                };
                let (here, there) = (line(&file), line(first));
                out.diagnostics.push(
                    Diagnostic::error(
                        "school-id",
                        &file,
                        Span::new(here, 1, 0),
                        format!(
                            "学校编号 `{}` 重复了：{}:{here} 和 {}:{there} 用了同一个编号",
                            school.id,
                            crate::diag::display_path(&file),
                            crate::diag::display_path(first)
                        ),
                    )
                    .with_hint("每所学校的 id 要不一样：它是网址里的文件夹名（schools/<id>/），重复会让一所学校的网站覆盖另一所"),
                );
                continue;
            }
            ids.insert(school.id.clone(), file.clone());
            out.schools.push(school);
        }
    }
    check_paths(&out.schools, &mut out.diagnostics);
    out.diagnostics.extend(check::videos(root, config, docs));
    out
}

/// Reads and checks the one school declared in `file` (`schools/<id>.yaml`) again, after it
/// changed (`yuxin serve`). Whether it still fits beside the others (its id and folder) is the
/// caller's to check.
pub fn reread(
    root: &Path,
    config: &Config,
    catalog: &Catalog,
    docs: &[Document],
    file: &Path,
) -> Resolved {
    let mut out = Resolved::default();
    if let Some(Declared { decl, file }) = read_file(root, file, &mut out) {
        let pages = pages_by_path(docs);
        let cx = Check {
            root,
            file: &file,
            catalog,
            pages: &pages,
        };
        out.schools
            .extend(cx.school(decl, config, &mut out.diagnostics));
    }
    out
}

/// The declaration in a school's own file; its text goes into `out.sources`, and what stops it
/// from being read into `out.diagnostics`.
fn read_file(root: &Path, file: &Path, out: &mut Resolved) -> Option<Declared> {
    match crate::load::read_text(root, file) {
        Ok(text) => {
            let declared = decl::from_file(&text, file);
            out.sources.insert(file.to_path_buf(), text);
            declared.map_err(|d| out.diagnostics.push(d)).ok()
        }
        Err(d) => {
            out.diagnostics.push(d);
            None
        }
    }
}

/// The documents by their path as an author writes it in `page:`.
fn pages_by_path(docs: &[Document]) -> HashMap<String, &Document> {
    docs.iter()
        .map(|d| (crate::diag::display_path(&d.source), d))
        .collect()
}

/// `schools/*.yaml` (and `.yml`), sorted, relative to `root`.
fn school_files(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(DIR)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !crate::load::is_ignored(n))
        .map(|n| Path::new(DIR).join(n))
        .collect();
    files.sort();
    files
}

/// Two schools written to the same folder would overwrite each other.
fn check_paths(schools: &[School], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &School> = HashMap::new();
    for s in schools {
        if let Some(other) = seen.insert(s.path.as_str(), s) {
            diags.push(
                Diagnostic::error(
                    "school-path",
                    &s.file,
                    Span::file_start(),
                    format!(
                        "学校 `{}`（{}）和 `{}`（{}）的输出位置都是 {}",
                        s.id,
                        crate::diag::display_path(&s.file),
                        other.id,
                        crate::diag::display_path(&other.file),
                        s.path
                    ),
                )
                .with_hint("给其中一所学校换一个 path，或删掉 path 用默认的 schools/<id>/"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
