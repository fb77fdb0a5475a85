//! What a set of changed files means for the site: nothing, a partial rebuild (which documents,
//! attachments, templates), or a full one.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::load::path::{CONTENT, CURRICULA};
use crate::pipeline::Analysis;

/// The work a set of changed paths calls for.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Something only a full rebuild handles: the config, schools, files added, removed or
    /// renamed, folders.
    pub full: bool,
    /// Markdown files that exist and were part of the last build.
    pub documents: BTreeSet<PathBuf>,
    /// Indices into the analysis' assets.
    pub assets: BTreeSet<usize>,
    /// Changed template names, relative to the theme's `templates/`.
    pub templates: BTreeSet<String>,
    pub statics: bool,
    /// School files (`schools/*.yaml`) of the last build that changed and still exist.
    pub schools: BTreeSet<PathBuf>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        *self == Plan::default()
    }
}

/// Whether a path (relative to the root) is an editor's temporary, swap or backup file, or lies
/// in a hidden folder: such files never cause a rebuild.
pub fn is_ignored(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(name) => crate::load::is_ignored(&name.to_string_lossy()),
        _ => false,
    })
}

/// Sorts `paths` (relative to `root`) into the work they call for, against the last good build.
pub fn plan(root: &Path, analysis: &Analysis, paths: &BTreeSet<PathBuf>) -> Plan {
    let mut plan = Plan::default();
    let theme = analysis.model.config.theme.as_deref();
    for rel in paths.iter().filter(|p| !is_ignored(p)) {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.first().map(String::as_str) {
            Some(crate::config::FILE_NAME) => plan.full = true,
            Some(crate::school::DIR) => school_file(root, analysis, rel, &mut plan),
            Some(CURRICULA) | Some(CONTENT) => content_file(root, analysis, rel, &mut plan),
            Some("themes") => theme_file(theme, &parts, &mut plan),
            _ => {}
        }
    }
    plan
}

fn content_file(root: &Path, analysis: &Analysis, rel: &Path, plan: &mut Plan) {
    let abs = root.join(rel);
    let known = analysis.files.contains(rel);
    if abs.is_file() && known {
        let markdown = rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if markdown {
            plan.documents.insert(rel.to_path_buf());
        } else if let Some(i) = analysis.assets.iter().position(|a| a.source == rel) {
            plan.assets.insert(i);
        }
        return;
    }
    // A new file, a removed one, one half of a rename, or a folder: the set of pages changes.
    // A folder that only got a new modification time, or a stray file that came and went
    // (unknown before, gone now), changes nothing.
    let holds_known = |files: &HashSet<PathBuf>| files.iter().any(|f| f.starts_with(rel));
    let unchanged_folder = abs.is_dir() && holds_known(&analysis.files);
    let came_and_went = !abs.exists() && !known && !holds_known(&analysis.files);
    if !unchanged_folder && !came_and_went {
        plan.full = true;
    }
}

/// A school's own file that was read by the last build and is still there is a change to that
/// school; anything else under `schools/` (a file added or removed, a logo) rebuilds all.
fn school_file(root: &Path, analysis: &Analysis, rel: &Path, plan: &mut Plan) {
    let abs = root.join(rel);
    let known = analysis.schools.iter().any(|s| s.file == rel);
    let a_logo = (analysis.schools.iter()).any(|s| s.logo.as_deref() == Some(rel));
    // The `schools/` folder that only got a new modification time, or a stray file that came
    // and went (unknown before, gone now), changes nothing.
    let folder = abs.is_dir() && rel.components().count() == 1;
    let came_and_went = !abs.exists() && !known && !a_logo;
    if known && abs.is_file() {
        plan.schools.insert(rel.to_path_buf());
    } else if !folder && !came_and_went {
        plan.full = true;
    }
}

fn theme_file(theme: Option<&str>, parts: &[String], plan: &mut Plan) {
    let Some(theme) = theme else { return };
    if parts.get(1).map(String::as_str) != Some(theme) {
        return;
    }
    match parts.get(2).map(String::as_str) {
        Some("templates") if parts.len() > 3 => {
            plan.templates.insert(parts[3..].join("/"));
        }
        Some("static") => plan.statics = true,
        // The theme folder itself, or its templates/ folder, came or went.
        None | Some("templates") => plan.full = true,
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_and_hidden_folders_are_ignored() {
        for p in [
            "curricula/.x.md.swp",
            "curricula/x.md~",
            "content/#x.md#",
            "content/.#x.md",
            "content/x.md___jb_tmp___",
            "content/4913",
            "content/.x.md.kate-swp",
            ".git/index",
        ] {
            assert!(is_ignored(Path::new(p)), "{p}");
        }
        assert!(!is_ignored(Path::new("content/x.md")));
    }

    #[test]
    fn theme_files_go_to_templates_or_statics() {
        let mut plan = Plan::default();
        let parts = |p: &str| p.split('/').map(String::from).collect::<Vec<_>>();
        theme_file(
            Some("t"),
            &parts("themes/t/templates/partials/a.html"),
            &mut plan,
        );
        theme_file(Some("t"), &parts("themes/t/static/x.css"), &mut plan);
        theme_file(
            Some("t"),
            &parts("themes/other/templates/b.html"),
            &mut plan,
        );
        assert_eq!(
            plan.templates,
            BTreeSet::from(["partials/a.html".to_string()])
        );
        assert!(plan.statics && !plan.full);
        theme_file(None, &parts("themes/t/templates/a.html"), &mut plan);
        theme_file(Some("t"), &parts("themes/t"), &mut plan);
        assert!(plan.full);
    }
}
