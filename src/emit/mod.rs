//! Emit: every output of a build is made by an [`Emitter`] that reads the model and returns
//! files. Emitters know nothing of each other; adding one touches no other.

// Shared by the emitters (each emitter may import these, and nothing from another emitter).
pub mod change;
pub mod classroom;
mod lazy;
pub mod ooxml;
mod page;
mod pagefind;
pub mod print_paths;
pub mod relink;
pub mod summary;
pub mod view;

// The emitters, one module (a file, or a folder for a large one) per output.
mod assets;
mod curriculum_json;
mod docx;
mod grades;
pub mod print;
mod report_page;
pub mod school_site;
pub mod slides;
mod teacher_site;
mod training;

use std::path::Path;

use minijinja::Environment;

use crate::diag::Diagnostic;
use crate::model::Curriculum;
use crate::render::markdown::Rendered;
use crate::render::templates::Theme;

pub use assets::Assets;
pub use change::{Change, Lists};
pub use curriculum_json::CurriculumJson;
pub use print::PrintViews;
pub use report_page::ReportPage;
pub use teacher_site::TeacherSite;
pub use training::Training;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// What every emitter gets.
pub struct Context<'a> {
    pub root: &'a Path,
    pub model: &'a Curriculum,
    /// `rendered[i]` is the body of `model.documents[i]`.
    pub rendered: &'a [Rendered],
    pub theme: &'a Theme,
    pub env: &'a Environment<'static>,
    pub assets: &'a [crate::model::Asset],
    /// Schools whose microsites are built.
    pub schools: &'a [crate::school::School],
    /// The teacher site's site-wide template values, made once per build (not once a page).
    pub site: std::sync::OnceLock<minijinja::Value>,
    /// Each document's summary for lists and links, made once per build.
    pub summaries: summary::Summaries,
    /// Where a build writes outputs as they are made; `None` keeps them (`yuxin serve`).
    pub sink: Option<&'a dyn Sink>,
}

/// Takes finished outputs during a build (the staging folder, see `crate::write::Staging`), so
/// that the whole site is never held in memory at once.
pub trait Sink: Sync {
    fn put(&self, output: Output) -> Result<(), Diagnostic>;

    /// Puts `path` with `bytes`, which an earlier [`Sink::put`] wrote at `from` (a file two
    /// school microsites share). The staging folder makes a hard link, so the bytes are on disk
    /// once while each copy is an ordinary file (copied, uploaded or served alone in full).
    fn put_copy(&self, from: &str, bytes: &[u8], path: String) -> Result<(), Diagnostic> {
        let _ = from;
        self.put(Output::new(path, bytes))
    }

    /// Whether the site is written out (`build`), not held for a preview (`yuxin serve`), which
    /// skips what only a written site needs: the teacher site's search index, whose files are
    /// named by their contents and would pile up stale ones with each save.
    fn writes_site(&self) -> bool {
        true
    }
}

impl Context<'_> {
    /// Hands a finished output to the sink, or keeps it for the emitter to return when there is
    /// none. Pass the results to [`gather_kept`].
    pub fn keep(&self, made: Result<Output, Diagnostic>) -> Result<Option<Output>, Diagnostic> {
        match (self.sink, made) {
            (Some(sink), Ok(output)) => sink.put(output).map(|()| None),
            (_, made) => made.map(Some),
        }
    }

    /// [`Context::keep`] for a file with the same `bytes` as one already kept at `from`: the
    /// sink links it (see [`Sink::put_copy`]); without a sink it is kept as a file of its own.
    pub fn keep_copy(
        &self,
        from: &str,
        bytes: &[u8],
        path: String,
    ) -> Result<Option<Output>, Diagnostic> {
        match self.sink {
            Some(sink) => sink.put_copy(from, bytes, path).map(|()| None),
            None => Ok(Some(Output::new(path, bytes))),
        }
    }
}

pub trait Emitter: Sync {
    fn name(&self) -> &'static str;
    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>>;

    /// Only the outputs that may differ after `change` (used by `yuxin serve`). `None` means
    /// this emitter cannot tell, and everything it makes is emitted again with [`Self::emit`].
    fn emit_changed(
        &self,
        _cx: &Context,
        _change: &Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        None
    }
}

/// All outputs, or every distinct problem met while making them.
pub fn gather(results: Vec<Result<Output, Diagnostic>>) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().map(Result::unwrap).collect())
    } else {
        let mut errors: Vec<Diagnostic> = errors.into_iter().map(|e| e.unwrap_err()).collect();
        errors.dedup();
        Err(errors)
    }
}

/// [`gather`] for results passed through [`Context::keep`]: the outputs kept, or every problem.
pub fn gather_kept(
    results: Vec<Result<Option<Output>, Diagnostic>>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    gather(results.into_iter().filter_map(Result::transpose).collect())
}

/// The emitters of a plain `yuxin build`, in order.
pub fn default_emitters() -> Vec<Box<dyn Emitter>> {
    vec![
        Box::new(TeacherSite),
        Box::new(Training),
        Box::new(Assets),
        Box::new(ReportPage),
        Box::new(grades::GradePages),
        Box::new(CurriculumJson),
        Box::new(PrintViews),
        Box::new(docx::Docx),
        Box::new(slides::Slides),
        Box::new(school_site::SchoolSites::all()),
        Box::new(print::SchoolPrints::all()),
    ]
}
