//! What changed since the last build, so that emitters can redo only the outputs that depend on
//! it (`yuxin serve`'s incremental rebuilds). A plain build never uses this.

use std::collections::BTreeSet;

/// The part of a site to emit again. Indices are into `model.documents`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    /// Documents whose own pages must be rendered again: their body or front matter changed,
    /// or something they show of another document (prev/next, bundle parts) did.
    pub documents: BTreeSet<usize>,
    /// Which index pages (home, sections) must be rendered again.
    pub lists: Lists,
    /// Template files (names under `templates/`) that changed: every page made from one of
    /// them, or from a template that includes or extends one of them, is rendered again.
    pub templates: BTreeSet<String>,
    /// The theme's `static/` files changed.
    pub statics: bool,
    /// Attachments (indices into the analysis' assets) whose bytes changed.
    pub assets: BTreeSet<usize>,
    /// Schools (ids) whose file changed but not their place: same id, folder and stages. Their
    /// microsites and print copies are made again, and the pages that list schools.
    pub schools: BTreeSet<String>,
}

/// Which index pages depend on the change.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Lists {
    /// Only bodies changed: no list shows them.
    #[default]
    None,
    /// What lists show of these documents (title, summary, order) changed, not which lists
    /// they are in: pages listing any of them are rendered again.
    Containing(BTreeSet<usize>),
    /// Which lists documents are in, or how many each holds, may have changed.
    All,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.lists == Lists::None
            && self.templates.is_empty()
            && !self.statics
            && self.assets.is_empty()
            && self.schools.is_empty()
    }
}

impl Change {
    /// Whether outputs made from the documents `matching` with the page templates `templates`
    /// may differ after this change. Conservative: an emitter that gets `true` emits all it
    /// makes again; with `false` it has nothing to redo.
    pub fn reaches(
        &self,
        cx: &super::Context,
        matching: impl Fn(&crate::model::Document) -> bool,
        templates: &[&str],
    ) -> bool {
        let docs = &cx.model.documents;
        let listed = match &self.lists {
            Lists::None => false,
            Lists::All => true,
            Lists::Containing(set) => set.iter().any(|&i| matching(&docs[i])),
        };
        listed
            || self.statics
            || self.documents.iter().any(|&i| matching(&docs[i]))
            || templates.iter().any(|t| cx.theme.uses(t, &self.templates))
    }

    /// Whether an attachment published under `url_prefix` changed.
    pub fn asset_under(&self, cx: &super::Context, url_prefix: &str) -> bool {
        self.assets
            .iter()
            .any(|&i| cx.assets[i].url.starts_with(url_prefix))
    }
}

/// `emit_changed` for an emitter that can only make everything at once: all of it when the
/// change `reached` its outputs, nothing otherwise.
pub fn all_or_nothing(
    reached: bool,
    emit: impl FnOnce() -> Result<Vec<super::Output>, Vec<crate::diag::Diagnostic>>,
) -> Option<Result<Vec<super::Output>, Vec<crate::diag::Diagnostic>>> {
    Some(if reached { emit() } else { Ok(Vec::new()) })
}
