//! The build state behind `yuxin serve`: the last good analysis and site, brought up to date by
//! re-doing only what a change reaches. A failed rebuild leaves both as they were.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use axum::body::Bytes;

use super::plan::{Plan, plan};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Change, Lists, Output};
use crate::model::{Bundle, Document};
use crate::pipeline::{self, Analysis, Options};
use crate::render::markdown::LinkMap;
use crate::school::School;

/// The built site, path (relative, `/`-separated) → bytes.
pub type Pages = HashMap<String, Bytes>;

/// What a rebuild did.
pub enum Outcome {
    /// The site changed; `files` outputs were made again.
    Built { files: usize, full: bool },
    /// Nothing the site depends on changed.
    Unchanged,
    /// Problems stopped the rebuild: the previous site stays.
    Failed(Failure),
}

/// Diagnostics of a failed rebuild, with the text of the files they point into.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: HashMap<PathBuf, String>,
}

pub struct Builder {
    root: PathBuf,
    drafts: bool,
    good: Option<Analysis>,
    pages: Pages,
    /// Where every document and attachment is published: only a full rebuild changes it.
    links: LinkMap,
    /// Paths whose last rebuild failed: retried with every later change until they build.
    pending: BTreeSet<PathBuf>,
}

impl Builder {
    pub fn new(root: &Path, drafts: bool) -> Builder {
        Builder {
            root: root.to_path_buf(),
            drafts,
            good: None,
            pages: Pages::new(),
            links: LinkMap::new(),
            pending: BTreeSet::new(),
        }
    }

    pub fn pages(&self) -> &Pages {
        &self.pages
    }

    /// Warnings of the last good build, for the terminal.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.good.as_ref()
    }

    /// Builds everything from scratch.
    pub fn full(&mut self) -> Outcome {
        let options = Options {
            drafts: self.drafts,
        };
        let analysis = match pipeline::analyse(&self.root, &options) {
            Ok(a) => a,
            Err(fatal) => {
                let mut sources = HashMap::new();
                if let Some(text) = fatal.source {
                    sources.insert(fatal.diagnostic.file.clone(), text);
                }
                return Outcome::Failed(Failure {
                    diagnostics: vec![fatal.diagnostic],
                    sources,
                });
            }
        };
        if analysis.has_errors() {
            return Outcome::Failed(Failure {
                diagnostics: analysis.diagnostics,
                sources: analysis.sources,
            });
        }
        let memory = Memory::default();
        let emitted = pipeline::emit_into(&self.root, &analysis, &memory, || {
            std::mem::take(&mut *memory.paths.lock().unwrap_or_else(|e| e.into_inner()))
        });
        match emitted {
            Ok(outputs) => {
                let mut pages = memory.pages.into_inner().unwrap_or_else(|e| e.into_inner());
                pages.extend(outputs.into_iter().map(into_page));
                let files = pages.len();
                self.pages = pages;
                self.links = pipeline::link_map(&analysis.model, &analysis.assets);
                self.good = Some(analysis);
                self.pending.clear();
                Outcome::Built { files, full: true }
            }
            Err(diagnostics) => Outcome::Failed(Failure {
                diagnostics,
                sources: analysis.sources,
            }),
        }
    }

    /// Whether `paths` (with those still failing) call for a full rebuild.
    pub fn needs_full(&self, paths: &BTreeSet<PathBuf>) -> bool {
        let Some(good) = &self.good else { return true };
        let all: BTreeSet<PathBuf> = paths.union(&self.pending).cloned().collect();
        plan(&self.root, good, &all).full
    }

    /// Brings the site up to date with the files at `paths` (relative to the root), doing as
    /// little as the change allows.
    pub fn update(&mut self, paths: BTreeSet<PathBuf>) -> Outcome {
        let mut paths = paths;
        paths.extend(std::mem::take(&mut self.pending));
        let Some(good) = &self.good else {
            return self.retry_later(paths, Builder::full);
        };
        let plan = plan(&self.root, good, &paths);
        if plan.is_empty() {
            return Outcome::Unchanged;
        }
        if plan.full {
            return self.retry_later(paths, Builder::full);
        }
        self.retry_later(paths, |b| b.partial(plan))
    }

    fn retry_later(
        &mut self,
        paths: BTreeSet<PathBuf>,
        build: impl FnOnce(&mut Builder) -> Outcome,
    ) -> Outcome {
        let outcome = build(self);
        if matches!(outcome, Outcome::Failed(_)) {
            self.pending = paths;
        }
        outcome
    }

    fn partial(&mut self, plan: Plan) -> Outcome {
        let Some(mut analysis) = self.good.take() else {
            return self.full();
        };
        let mut undo = Undo::new(&analysis);
        let mut change = Change {
            templates: plan.templates,
            statics: plan.statics,
            assets: plan.assets,
            ..Change::default()
        };
        let mut failure = Failure {
            diagnostics: Vec::new(),
            sources: HashMap::new(),
        };
        for rel in &plan.documents {
            match self.reload_document(&mut analysis, rel, &self.links, &mut undo, &mut change) {
                Reloaded::Applied => {}
                Reloaded::Structural => {
                    undo.apply(&mut analysis);
                    self.good = Some(analysis);
                    return self.full();
                }
                Reloaded::Failed(f) => {
                    failure.diagnostics.extend(f.diagnostics);
                    failure.sources.extend(f.sources);
                }
            }
        }
        if failure.diagnostics.is_empty() && !plan.schools.is_empty() {
            match self.reload_schools(&mut analysis, &plan.schools, &mut undo, &mut change) {
                Reloaded::Applied => {}
                Reloaded::Structural => {
                    undo.apply(&mut analysis);
                    self.good = Some(analysis);
                    return self.full();
                }
                Reloaded::Failed(f) => failure = f,
            }
        }
        if failure.diagnostics.is_empty() {
            widen(&analysis, &undo, &mut change);
            crate::diag::sort(&mut analysis.diagnostics);
            crate::diag::cap_per_file(&mut analysis.diagnostics, crate::diag::MAX_PER_FILE);
            match pipeline::emit_changed(&self.root, &analysis, &change) {
                Ok(outputs) => {
                    let files = outputs.len();
                    let gone = gone_from_schools(&self.pages, &analysis, &change, &outputs);
                    for path in gone {
                        self.pages.remove(&path);
                    }
                    self.pages.extend(outputs.into_iter().map(into_page));
                    self.good = Some(analysis);
                    return Outcome::Built { files, full: false };
                }
                Err(diagnostics) => failure.diagnostics = diagnostics,
            }
        }
        // Code frames for problems found elsewhere (templates, other documents).
        for d in &failure.diagnostics {
            if let Some(text) = analysis.sources.get(&d.file) {
                failure
                    .sources
                    .entry(d.file.clone())
                    .or_insert_with(|| text.clone());
            }
        }
        undo.apply(&mut analysis);
        self.good = Some(analysis);
        Outcome::Failed(failure)
    }

    /// Reads one changed document into `analysis` (recording how to undo it) and notes in
    /// `change` what to emit again.
    fn reload_document(
        &self,
        analysis: &mut Analysis,
        rel: &Path,
        links: &LinkMap,
        undo: &mut Undo,
        change: &mut Change,
    ) -> Reloaded {
        let text = match crate::load::read_text(&self.root, rel) {
            Ok(t) => t,
            Err(d) => return Reloaded::failed(vec![d], rel, None),
        };
        let dir = rel.parent().unwrap_or(Path::new(""));
        let in_bundle = analysis.files.contains(&dir.join("index.md"));
        let model = &analysis.model;
        let mut diags = Vec::new();
        let parsed = crate::load::parse_document(rel, &text, &model.catalog, in_bundle, &mut diags);
        let index = model.documents.iter().position(|d| d.source == rel);
        let (mut doc, index) = match (parsed, index) {
            (None, _) => return Reloaded::failed(diags, rel, Some(text)),
            (Some(doc), None) if doc.draft && !self.drafts => return Reloaded::Applied,
            (Some(_), None) => return Reloaded::Structural,
            (Some(doc), Some(i)) => (doc, i),
        };
        let old = &model.documents[index];
        // A document's grades decide which grade pages exist and the navigation's grade links.
        let regraded = doc.details.grades != old.details.grades;
        if doc.url != old.url || (doc.draft && !self.drafts) || regraded {
            return Reloaded::Structural;
        }
        doc.bundle = old.bundle.clone();
        let rendered = pipeline::render_document(
            &doc,
            links,
            &analysis.files,
            &crate::render::sanitize::HtmlPolicy::from_config(&analysis.model.config),
        );
        diags.extend(pipeline::document_diagnostics(&doc, &rendered));
        if diags.iter().any(|d| d.severity == Severity::Error) {
            return Reloaded::failed(diags, rel, Some(text));
        }
        if note_change(old, &doc, index, change) && undo.neighbours.is_none() {
            undo.neighbours = Some(model.neighbours());
        }
        let old_doc = std::mem::replace(&mut analysis.model.documents[index], doc);
        let old_rendered = std::mem::replace(&mut analysis.rendered[index], rendered);
        let old_text = analysis.sources.insert(rel.to_path_buf(), text);
        undo.documents.push((index, old_doc, old_rendered));
        undo.sources.push((rel.to_path_buf(), old_text));
        analysis.diagnostics.retain(|d| d.file != rel);
        analysis.diagnostics.extend(diags);
        Reloaded::Applied
    }

    /// Reads the schools again after some of their `files` changed. A school that only changed
    /// what it says (name, contact, events…) is remade alone; one that came, went or moved
    /// (id, folder, stages) changes what schools share: only a full rebuild is right.
    fn reload_schools(
        &self,
        analysis: &mut Analysis,
        files: &BTreeSet<PathBuf>,
        undo: &mut Undo,
        change: &mut Change,
    ) -> Reloaded {
        let model = &analysis.model;
        let mut schools = analysis.schools.clone();
        let mut failure = Failure {
            diagnostics: Vec::new(),
            sources: HashMap::new(),
        };
        let mut diagnostics = Vec::new();
        let mut sources = HashMap::new();
        for file in files {
            let mut read = crate::school::reread(
                &self.root,
                &model.config,
                &model.catalog,
                &model.documents,
                file,
            );
            // As a full build does: `lints:` may turn a school's warning into an error, or off.
            crate::check::settle(&model.config.lints, &mut read.diagnostics);
            if read
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
            {
                failure.diagnostics.extend(read.diagnostics);
                failure.sources.extend(read.sources);
                continue;
            }
            let (Some(new), Some(old)) = (
                read.schools.into_iter().next(),
                schools.iter_mut().find(|s| s.file == *file),
            ) else {
                return Reloaded::Structural;
            };
            if place(&new) != place(old) {
                return Reloaded::Structural;
            }
            change.schools.insert(new.id.clone());
            *old = new;
            diagnostics.extend(read.diagnostics);
            sources.extend(read.sources);
        }
        if !failure.diagnostics.is_empty() {
            return Reloaded::Failed(failure);
        }
        for (path, text) in sources {
            let old = analysis.sources.insert(path.clone(), text);
            undo.sources.push((path, old));
        }
        undo.schools = Some(std::mem::replace(&mut analysis.schools, schools));
        analysis.diagnostics.retain(|d| !files.contains(&d.file));
        analysis.diagnostics.extend(diagnostics);
        Reloaded::Applied
    }
}

/// What fixes a school's place among the others: its id, folder and stages (what it shares
/// with schools of the same stages). Its file is the same: that is how it was found.
fn place(s: &School) -> (&String, &String, &Vec<crate::catalog::Stage>) {
    (&s.id, &s.path, &s.stages)
}

/// The pages of the schools remade by `change` that their new build no longer makes: an event
/// taken out (`events/…`), a logo of another kind (`logo.*`). Only those can go while a school
/// keeps its id, folder and stages; anything else under its folder (a teacher-site file, when a
/// school's `path:` is `api/`, say) is left alone.
fn gone_from_schools(
    pages: &Pages,
    analysis: &Analysis,
    change: &Change,
    outputs: &[Output],
) -> Vec<String> {
    if change.schools.is_empty() {
        return Vec::new();
    }
    let made: std::collections::HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let remade: Vec<&str> = (analysis.schools.iter())
        .filter(|s| change.schools.contains(&s.id))
        .map(|s| s.path.as_str())
        .collect();
    let owner = |path: &str| {
        (analysis.schools.iter())
            .filter(|s| path.starts_with(&s.path))
            .max_by_key(|s| s.path.len())
    };
    let its_own = |path: &str, prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with("events/") || rest.starts_with("logo."))
    };
    pages
        .keys()
        .filter(|path| !made.contains(path.as_str()))
        .filter(|path| remade.iter().any(|p| its_own(path, p)))
        .filter(|path| owner(path).is_some_and(|s| change.schools.contains(&s.id)))
        .cloned()
        .collect()
}

enum Reloaded {
    Applied,
    /// The set of pages or their URLs change: only a full rebuild is right.
    Structural,
    Failed(Failure),
}

impl Reloaded {
    fn failed(diagnostics: Vec<Diagnostic>, rel: &Path, text: Option<String>) -> Reloaded {
        let sources = text
            .map(|t| HashMap::from([(rel.to_path_buf(), t)]))
            .unwrap_or_default();
        Reloaded::Failed(Failure {
            diagnostics,
            sources,
        })
    }
}

/// The pages of a full rebuild as emitters hand them over: a file with the bytes of another
/// (what schools share) holds them once, as `build` hard-links it. A city's 1,500 microsites
/// held every copy in full, and twice while they were gathered: 4.9 GB.
#[derive(Default)]
struct Memory {
    pages: std::sync::Mutex<Pages>,
    /// Every path put, in order: two emitters putting one path is an error the map would hide.
    paths: std::sync::Mutex<Vec<String>>,
}

impl Memory {
    fn note(&self, path: &str) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }
}

impl crate::emit::Sink for Memory {
    fn put(&self, output: Output) -> Result<(), Diagnostic> {
        let (path, bytes) = into_page(output);
        self.note(&path);
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
        Ok(())
    }

    fn put_copy(&self, from: &str, bytes: &[u8], path: String) -> Result<(), Diagnostic> {
        self.note(&path);
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        // As the staging folder links to `from`: the caller vouches that it holds `bytes`.
        let shared = match pages.get(from) {
            Some(b) => b.clone(),
            None => Bytes::copy_from_slice(bytes),
        };
        pages.insert(path, shared);
        Ok(())
    }

    fn writes_site(&self) -> bool {
        false
    }
}

fn into_page(o: Output) -> (String, Bytes) {
    (o.path, Bytes::from(o.bytes))
}

/// What lists show of a document changed when anything but its body did; which lists it is
/// in, and their counts, when its kind, topic or form did.
/// Returns whether the front matter changed.
fn note_change(old: &Document, new: &Document, index: usize, change: &mut Change) -> bool {
    change.documents.insert(index);
    let front_matter_changed = Document {
        body: new.body.clone(),
        body_line: new.body_line,
        ..old.clone()
    } != *new;
    if !front_matter_changed || change.lists == Lists::All {
        return front_matter_changed;
    }
    let regrouped =
        old.kind != new.kind || old.topic != new.topic || old.details.form != new.details.form;
    if regrouped {
        change.lists = Lists::All;
        return true;
    }
    match &mut change.lists {
        Lists::Containing(set) => {
            set.insert(index);
        }
        lists => *lists = Lists::Containing(BTreeSet::from([index])),
    }
    true
}

/// Adds the document pages that show something of a changed document: its bundle's index
/// page or parts, and its neighbours (and theirs, when the order changed).
fn widen(analysis: &Analysis, undo: &Undo, change: &mut Change) {
    let listed: BTreeSet<usize> = match &change.lists {
        Lists::None => return,
        Lists::Containing(set) => set.clone(),
        Lists::All => change.documents.clone(),
    };
    let model = &analysis.model;
    let after = model.neighbours();
    let Some(before) = &undo.neighbours else {
        return;
    };
    for (i, (a, b)) in after.iter().zip(before).enumerate() {
        let shows = |n: &crate::model::Neighbours| {
            [n.prev, n.next]
                .iter()
                .any(|x| x.is_some_and(|x| listed.contains(&x)))
        };
        if a != b || shows(a) || shows(b) {
            change.documents.insert(i);
        }
    }
    for &i in &listed {
        match &model.documents[i].bundle {
            Bundle::Part { index } => {
                change.documents.insert(*index);
            }
            Bundle::Index { parts } => change.documents.extend(parts.iter().copied()),
            Bundle::None => {}
        }
    }
}

/// How to put an analysis back as it was before a partial rebuild.
struct Undo {
    documents: Vec<(usize, Document, crate::render::markdown::Rendered)>,
    sources: Vec<(PathBuf, Option<String>)>,
    diagnostics: Vec<Diagnostic>,
    /// Prev/next before the first change to a front matter (bodies do not move documents).
    neighbours: Option<Vec<crate::model::Neighbours>>,
    /// The schools before their files were read again.
    schools: Option<Vec<School>>,
}

impl Undo {
    fn new(analysis: &Analysis) -> Undo {
        Undo {
            documents: Vec::new(),
            sources: Vec::new(),
            diagnostics: analysis.diagnostics.clone(),
            neighbours: None,
            schools: None,
        }
    }

    fn apply(self, analysis: &mut Analysis) {
        for (i, doc, rendered) in self.documents.into_iter().rev() {
            analysis.model.documents[i] = doc;
            analysis.rendered[i] = rendered;
        }
        for (path, text) in self.sources.into_iter().rev() {
            match text {
                Some(t) => analysis.sources.insert(path, t),
                None => analysis.sources.remove(&path),
            };
        }
        analysis.diagnostics = self.diagnostics;
        if let Some(schools) = self.schools {
            analysis.schools = schools;
        }
    }
}

#[cfg(test)]
mod tests;
