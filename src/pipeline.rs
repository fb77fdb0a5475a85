//! The whole pipeline, load → model → check → render → emit → write, shared by the commands.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Severity, Span};
use crate::emit::{Change, Context, Output, default_emitters};
use crate::load::{self, Asset};
use crate::model::{Curriculum, Document};
use crate::render::markdown::{self, LinkMap, Page, Rendered};
use crate::render::templates::Theme;

/// A project read, checked and with every body rendered to HTML.
pub struct Analysis {
    pub model: Curriculum,
    pub rendered: Vec<Rendered>,
    pub assets: Vec<Asset>,
    /// The schools whose parent-school microsites are built (see `crate::school`).
    pub schools: Vec<crate::school::School>,
    pub diagnostics: Vec<Diagnostic>,
    /// Text of the files diagnostics point into, for code frames.
    pub sources: HashMap<PathBuf, String>,
    /// Every file of the content folders, loaded or not, relative to the root.
    pub files: HashSet<PathBuf>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Why there is no analysis at all: the config itself is broken.
pub struct Fatal {
    pub diagnostic: Diagnostic,
    pub source: Option<String>,
}

pub struct Options {
    pub drafts: bool,
}

/// Loads, checks and renders the project at `root`. Content problems are in the result's
/// diagnostics; only a broken `yuxin.yaml` stops everything.
pub fn analyse(root: &Path, options: &Options) -> Result<Analysis, Box<Fatal>> {
    let (config, catalog) = Config::load(root).map_err(|d| {
        let source = load::read_text(root, Path::new(crate::config::FILE_NAME)).ok();
        Box::new(Fatal {
            diagnostic: d,
            source,
        })
    })?;
    let loaded = load::load(
        root,
        &catalog,
        &load::Options {
            drafts: options.drafts,
        },
    );
    let model = Curriculum {
        config,
        catalog,
        documents: loaded.documents,
    };
    let links = link_map(&model, &loaded.assets);
    let rendered: Vec<Rendered> = model
        .documents
        .par_iter()
        .map(|doc| render_document(doc, &links, &loaded.files))
        .collect();
    let mut diagnostics = loaded.diagnostics;
    let mut sources = loaded.sources;
    let schools = crate::school::resolve(root, &model.config, &model.catalog, &model.documents);
    diagnostics.extend(schools.diagnostics);
    sources.extend(schools.sources);
    for (doc, r) in model.documents.iter().zip(&rendered) {
        diagnostics.extend(document_diagnostics(doc, r));
    }
    diagnostics.extend(crate::training::check(&model, &sources));
    crate::check::run(&model, &rendered, &sources, &mut diagnostics);
    crate::diag::sort(&mut diagnostics);
    crate::diag::cap_per_file(&mut diagnostics, crate::diag::MAX_PER_FILE);
    Ok(Analysis {
        model,
        rendered,
        assets: loaded.assets,
        schools: schools.schools,
        diagnostics,
        sources,
        files: loaded.files,
    })
}

/// Renders one document's body to HTML; `links` and `files` are the whole project's.
pub fn render_document(doc: &Document, links: &LinkMap, files: &HashSet<PathBuf>) -> Rendered {
    let page = Page {
        source: &doc.source,
        url: &doc.url,
        first_line: doc.body_line,
        links,
        files,
    };
    markdown::render(&doc.body, &page)
}

/// The problems found while rendering `doc` that its `allow:` does not silence.
pub fn document_diagnostics<'a>(
    doc: &'a Document,
    rendered: &'a Rendered,
) -> impl Iterator<Item = Diagnostic> + 'a {
    rendered
        .diagnostics
        .iter()
        .filter(|d| !doc.allow.iter().any(|a| a == d.lint))
        .cloned()
}

/// Where every document and attachment of the project is published, by source path.
pub fn link_map(model: &Curriculum, assets: &[Asset]) -> LinkMap {
    model
        .documents
        .iter()
        .map(|d| (d.source.clone(), d.url.clone()))
        .chain(assets.iter().map(|a| (a.source.clone(), a.url.clone())))
        .collect()
}

/// Runs every emitter. All their problems are gathered before giving up.
pub fn emit(root: &Path, analysis: &Analysis) -> Result<Vec<Output>, Vec<Diagnostic>> {
    emit_with(root, analysis, default_emitters())
}

/// Runs the given emitters (e.g. one school's microsite for `build --school`).
pub fn emit_with(
    root: &Path,
    analysis: &Analysis,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let outputs = run_emitters(root, analysis, emitters, |e, cx| e.emit(cx))?;
    let mut errors = Vec::new();
    check_output_paths(&outputs, &mut errors);
    if errors.is_empty() {
        Ok(outputs)
    } else {
        Err(errors)
    }
}

/// Runs every emitter on the part of the site that `change` touches (`yuxin serve`'s
/// incremental rebuild): an emitter that cannot tell what depends on a change emits everything.
/// The outputs replace the previous build's files of the same path; none is removed.
pub fn emit_changed(
    root: &Path,
    analysis: &Analysis,
    change: &Change,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    run_emitters(root, analysis, default_emitters(), |e, cx| {
        e.emit_changed(cx, change).unwrap_or_else(|| e.emit(cx))
    })
}

/// Sets up the theme and context once, runs `emitters` through `run`, and gathers every
/// problem before giving up.
fn run_emitters(
    root: &Path,
    analysis: &Analysis,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
    run: impl Fn(&dyn crate::emit::Emitter, &Context) -> Result<Vec<Output>, Vec<Diagnostic>>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let theme = Theme::new(root, analysis.model.config.theme.as_deref()).map_err(|d| vec![d])?;
    let env = theme.environment();
    let cx = Context {
        root,
        model: &analysis.model,
        rendered: &analysis.rendered,
        theme: &theme,
        env: &env,
        assets: &analysis.assets,
        schools: &analysis.schools,
        site: Default::default(),
    };
    let mut outputs = Vec::new();
    let mut errors = Vec::new();
    for emitter in &emitters {
        match run(emitter.as_ref(), &cx) {
            Ok(files) => outputs.extend(files),
            Err(diags) => errors.extend(diags),
        }
    }
    if errors.is_empty() {
        Ok(outputs)
    } else {
        Err(errors)
    }
}

/// Two emitters writing the same file is a bug or a name clash; never let one silently win.
fn check_output_paths(outputs: &[Output], errors: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for o in outputs {
        if !seen.insert(o.path.as_str()) {
            errors.push(
                Diagnostic::error(
                    "output-collision",
                    Path::new(&o.path),
                    Span::file_start(),
                    format!("两个输出要写到同一个文件 {}", o.path),
                )
                .with_hint("多半是 content/ 里的页面和自动生成的索引页同名：给页面文件改个名字"),
            );
        }
    }
}

/// What a finished build reports.
pub struct Summary {
    pub documents: usize,
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
}

/// Everything `yuxin build` does after analysis: emit and write into `out`.
pub fn build(
    root: &Path,
    out: &Path,
    analysis: &Analysis,
    started: Instant,
) -> Result<Summary, Vec<Diagnostic>> {
    build_with(root, out, analysis, started, default_emitters())
}

/// [`build`] with the given emitters.
pub fn build_with(
    root: &Path,
    out: &Path,
    analysis: &Analysis,
    started: Instant,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
) -> Result<Summary, Vec<Diagnostic>> {
    let outputs = emit_with(root, analysis, emitters)?;
    crate::write::write_site(out, &outputs).map_err(|e| {
        vec![
            Diagnostic::error(
                "io",
                out,
                Span::file_start(),
                format!("无法写入输出文件夹：{e}"),
            )
            .with_hint("检查磁盘空间和写入权限；上一次构建的结果没有改动"),
        ]
    })?;
    Ok(Summary {
        documents: analysis.model.documents.len(),
        pages: outputs.iter().filter(|o| o.path.ends_with(".html")).count(),
        files: outputs.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}
