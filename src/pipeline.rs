//! The whole pipeline, load → model → check → render → emit → write, shared by the commands.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diag::{Diagnostic, Severity, Span, display_path};
use crate::emit::{Change, Context, Output, default_emitters};
use crate::load;
use crate::model::Asset;
use crate::model::{Curriculum, Document};
use crate::render::markdown::{self, LinkMap, Page, Rendered};
use crate::render::sanitize::HtmlPolicy;
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

    /// Frees the Markdown files' texts once every body is checked and the diagnostics are printed:
    /// emitting reads only the model and the rendered HTML, and at 10,000 lessons the texts are
    /// 50 MB. Not for `yuxin serve`, which shows them in code frames on later rebuilds.
    pub fn release_markdown(&mut self) {
        // Settings and school files stay: an output clash found while emitting points into them.
        self.sources
            .retain(|path, _| path.extension().is_none_or(|e| e != "md"));
        self.sources.shrink_to_fit();
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

/// Reads `root/yuxin.yaml` and the catalog it describes: its settings, then the lint ids under
/// `lints:` (checked where the lints are), then its catalog and training targets.
pub fn load_config(root: &Path) -> Result<(Config, Catalog), Diagnostic> {
    let text = load::config::read(root)?;
    parse_config(&text, &load::config::rel())
}

/// [`load_config`] for a text already read.
pub fn parse_config(text: &str, rel: &Path) -> Result<(Config, Catalog), Diagnostic> {
    let settings = load::config::settings(text, rel)?;
    crate::check::validate(&settings.lints, text, rel)?;
    load::config::resolve(settings, text, rel)
}

/// Loads, checks and renders the project at `root`. Content problems are in the result's
/// diagnostics; only a broken `yuxin.yaml` stops everything.
pub fn analyse(root: &Path, options: &Options) -> Result<Analysis, Box<Fatal>> {
    let (config, catalog) = load_config(root).map_err(|d| {
        let source = load::read_text(root, Path::new(crate::config::FILE_NAME)).ok();
        Box::new(Fatal {
            diagnostic: d,
            source,
        })
    })?;
    let phase = crate::stats::phase("load");
    let loaded = load::load(
        root,
        &catalog,
        &load::Options {
            drafts: options.drafts,
            stages: config.served_stages(),
        },
    );
    let mut model = Curriculum {
        config,
        catalog,
        documents: loaded.documents,
    };
    drop(phase);
    let phase = crate::stats::phase("render+lint");
    let links = link_map(&model, &loaded.assets);
    let html = HtmlPolicy::from_config(&model.config);
    let mut sources = loaded.sources;
    let texts: Vec<Option<String>> = (model.documents.iter())
        .map(|d| sources.remove(&d.source))
        .collect();
    // The documents are out of the model while the linter borrows it: the per-file lints read
    // only its settings and catalog.
    let mut documents = std::mem::take(&mut model.documents);
    let linter = crate::check::Linter::new(&model);
    // One pass per document: render, free the body (the HTML stands for it from here on), lint
    // the file's text, and keep the text only when a diagnostic may point into it (code frames).
    // At 10,000 lessons the bodies and the texts are 50 MB each at the build's peak.
    let passes: Vec<(Rendered, Vec<Diagnostic>, Option<String>)> = documents
        .par_iter_mut()
        .zip(texts)
        .map(|(doc, text)| {
            let rendered = render_document(doc, &links, &loaded.files, &html);
            doc.body = String::new();
            let mut diags: Vec<Diagnostic> = document_diagnostics(doc, &rendered).collect();
            if let Some(text) = &text {
                diags.extend(linter.lint(doc, text));
            }
            let keep = keeps_text(doc, &rendered, &diags);
            (rendered, diags, text.filter(|_| keep))
        })
        .collect();
    drop(linter);
    model.documents = documents;
    let mut diagnostics = loaded.diagnostics;
    let mut rendered = Vec::with_capacity(passes.len());
    for ((r, diags, text), doc) in passes.into_iter().zip(&model.documents) {
        rendered.push(r);
        diagnostics.extend(diags);
        if let Some(text) = text {
            sources.insert(doc.source.clone(), text);
        }
    }
    drop(phase);
    let phase = crate::stats::phase("schools+checks");
    let schools = crate::school::resolve(root, &model.config, &model.catalog, &model.documents);
    diagnostics.extend(schools.diagnostics);
    sources.extend(schools.sources);
    diagnostics.extend(crate::training::check(&model, &sources));
    crate::check::run(&model, &rendered, &mut diagnostics);
    crate::diag::sort(&mut diagnostics);
    crate::diag::cap_per_file(&mut diagnostics, crate::diag::MAX_PER_FILE);
    drop(phase);
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

/// Whether `doc`'s text is kept for code frames after its pass: when a diagnostic points into
/// it now, or may later (a link to a heading is checked once every page is rendered; training
/// hours are checked across documents).
fn keeps_text(doc: &Document, rendered: &Rendered, diags: &[Diagnostic]) -> bool {
    !diags.is_empty() || !rendered.anchors.is_empty() || doc.place == crate::model::Place::Training
}

/// Renders one document's body to HTML; `links` and `files` are the whole project's.
pub fn render_document(
    doc: &Document,
    links: &LinkMap,
    files: &HashSet<PathBuf>,
    html: &HtmlPolicy,
) -> Rendered {
    crate::stats::rendered();
    let page = Page {
        source: &doc.source,
        url: &doc.url,
        first_line: doc.body_line,
        links,
        files,
        html,
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
    let outputs = run_emitters(root, analysis, emitters, None, |e, cx| e.emit(cx))?;
    checked(analysis, &[], outputs)
}

/// `outputs`, unless they or the paths a sink took (`sunk`) clash or are names a file system
/// refuses.
fn checked(
    analysis: &Analysis,
    sunk: &[String],
    outputs: Vec<Output>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let all = || {
        sunk.iter()
            .map(String::as_str)
            .chain(outputs.iter().map(|o| o.path.as_str()))
    };
    let mut errors = Vec::new();
    check_output_paths(analysis, all(), &mut errors);
    errors.extend(crate::guard::names::check_outputs(all()));
    if errors.is_empty() {
        Ok(outputs)
    } else {
        Err(errors)
    }
}

/// Runs every emitter with `sink` taking what they hand it as they go (`yuxin serve` keeps the
/// pages in memory, a file two schools share once). Returns the outputs not handed over;
/// `paths` are those the sink took, checked with the returned ones as [`emit_with`] checks.
pub fn emit_into(
    root: &Path,
    analysis: &Analysis,
    sink: &dyn crate::emit::Sink,
    paths: impl FnOnce() -> Vec<String>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let outputs = run_emitters(root, analysis, default_emitters(), Some(sink), |e, cx| {
        e.emit(cx)
    })?;
    checked(analysis, &paths(), outputs)
}

/// Runs every emitter on the part of the site that `change` touches (`yuxin serve`'s
/// incremental rebuild): an emitter that cannot tell what depends on a change emits everything.
/// The outputs replace the previous build's files of the same path; none is removed.
pub fn emit_changed(
    root: &Path,
    analysis: &Analysis,
    change: &Change,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    run_emitters(root, analysis, default_emitters(), None, |e, cx| {
        e.emit_changed(cx, change).unwrap_or_else(|| e.emit(cx))
    })
}

/// Sets up the theme and context once, runs `emitters` through `run`, and gathers every
/// problem before giving up. With a `sink`, emitters may write outputs there as they go
/// instead of returning them.
fn run_emitters(
    root: &Path,
    analysis: &Analysis,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
    sink: Option<&dyn crate::emit::Sink>,
    run: impl Fn(&dyn crate::emit::Emitter, &Context) -> Result<Vec<Output>, Vec<Diagnostic>> + Sync,
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
        summaries: Default::default(),
        sink,
    };
    // The emitters run side by side: each is parallel inside, but some are one serial pass
    // (curriculum.json, the report) that would otherwise leave a core idle. Results are
    // gathered in the emitters' order.
    let results: Vec<_> = emitters
        .par_iter()
        .map(|emitter| {
            let _phase = crate::stats::phase(emitter.name());
            crate::guard::fault::emitter(emitter.name(), || run(emitter.as_ref(), &cx))
        })
        .collect();
    let mut outputs = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
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
fn check_output_paths<'a>(
    analysis: &Analysis,
    paths: impl Iterator<Item = &'a str>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if !seen.insert(path) {
            errors.push(output_collision(analysis, path));
        }
    }
}

/// Two emitters writing `path` (found after emitting): names every source file that claims
/// it — a document or attachment published there, a school whose microsite folder holds it —
/// and the generated pages otherwise.
fn output_collision(analysis: &Analysis, path: &str) -> Diagnostic {
    let mut claims: Vec<String> = Vec::new();
    for doc in &analysis.model.documents {
        if format!("{}index.html", doc.url) == path {
            claims.push(format!("{}:1:1", display_path(&doc.source)));
        }
    }
    for asset in analysis.assets.iter().filter(|a| a.url == path) {
        claims.push(format!("{}:1:1", display_path(&asset.source)));
    }
    let schools: Vec<_> = analysis
        .schools
        .iter()
        .filter(|s| path.starts_with(&s.path))
        .collect();
    for school in &schools {
        let text = analysis.sources.get(&school.file).map(String::as_str);
        let line = crate::guard::collide::key_line(text, "path", None).unwrap_or_else(|| {
            crate::guard::collide::key_line(text, "id", Some(&school.id)).unwrap_or(1)
        });
        claims.push(format!(
            "学校 `{}`（{}:{line}）的网站",
            school.id,
            display_path(&school.file)
        ));
    }
    if claims.len() < 2 {
        claims.push("自动生成的页面（索引、报告、静态文件等）".into());
    }
    let hint = if schools.is_empty() {
        "多半是 content/ 里的页面和自动生成的索引页同名：给页面文件改个名字"
    } else {
        "学校网站的 path 和教师网站或另一所学校的网站重叠了：换一个 path，或删掉 path 用默认的 schools/<id>/"
    };
    Diagnostic::error(
        "output-collision",
        Path::new(path),
        Span::file_start(),
        format!("两个输出要写到同一个文件 {path}：{}", claims.join(" 和 ")),
    )
    .with_hint(hint)
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

/// [`build`] with the given emitters. Outputs go into a staging folder as they are made (never
/// the whole site in memory) and the folder replaces `out` only when all went well.
pub fn build_with(
    root: &Path,
    out: &Path,
    analysis: &Analysis,
    started: Instant,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
) -> Result<Summary, Vec<Diagnostic>> {
    build_then(root, out, analysis, started, emitters, &mut |_| Ok(()))
}

/// [`build_with`], and `finish` run on the filled staging folder just before it replaces
/// `out` (the PDFs are made there): an error from it leaves `out` untouched.
pub fn build_then(
    root: &Path,
    out: &Path,
    analysis: &Analysis,
    started: Instant,
    emitters: Vec<Box<dyn crate::emit::Emitter>>,
    finish: &mut dyn FnMut(&crate::write::Staging) -> Result<(), Vec<Diagnostic>>,
) -> Result<Summary, Vec<Diagnostic>> {
    let io_error = |e: std::io::Error| vec![crate::guard::write_error::diagnostic(out, &e)];
    let staging = crate::write::Staging::create(out).map_err(io_error)?;
    let rest = run_emitters(root, analysis, emitters, Some(&staging), |e, cx| e.emit(cx))?;
    rest.par_iter()
        .try_for_each(|o| staging.write(o))
        .map_err(io_error)?;
    let paths = staging.paths();
    let mut errors = staging.check_paths();
    check_output_paths(analysis, paths.iter().map(String::as_str), &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    finish(&staging)?;
    crate::stats::wrote(paths.len(), staging.bytes());
    let phase = crate::stats::phase("swap");
    staging.commit().map_err(io_error)?;
    drop(phase);
    Ok(Summary {
        documents: analysis.model.documents.len(),
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
        files: paths.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}
