//! Load: walk `curricula/` and `content/`, read every file, and turn each Markdown file into a
//! typed [`Document`], reporting every problem found on the way.

pub mod config;
mod document;
pub use document::parse_document;
pub mod fields;
#[cfg(test)]
pub(crate) mod fixture;
pub mod path;
pub mod split;
pub mod text;
pub mod yaml;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::diag::Diagnostic;
use crate::model::{Asset, Bundle, Document};
use crate::slug::slugify;

/// Everything read from the project's content folders.
#[derive(Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
    /// Normalised text of every Markdown file, for code frames.
    pub sources: HashMap<PathBuf, String>,
    /// Every file found, loaded or not.
    pub files: HashSet<PathBuf>,
}

pub struct Options {
    pub drafts: bool,
    /// The stages the project serves (`stages:` in yuxin.yaml): the files under
    /// `curricula/<stage>/` of any other stage are not read.
    pub stages: Vec<crate::catalog::Stage>,
}

/// Reads every document under `root`. Never fails as a whole: a file that cannot be read or
/// understood becomes a diagnostic and the rest is still loaded.
pub fn load(root: &Path, catalog: &Catalog, options: &Options) -> Loaded {
    let (files, refused_links) = walk(root);
    let (files, out_of_scope) = scope(files, catalog, &options.stages);
    let bundles: HashSet<PathBuf> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    let (markdown, others): (Vec<&PathBuf>, Vec<&PathBuf>) =
        files.iter().partition(|f| is_markdown(f));

    let results: Vec<FileResult> = markdown
        .par_iter()
        .map(|rel| {
            load_file(
                root,
                rel,
                catalog,
                bundles.contains(rel.parent().unwrap_or(Path::new(""))),
            )
        })
        .collect();

    let mut loaded = Loaded::default();
    for r in results {
        loaded.diagnostics.extend(r.diagnostics);
        if let Some(text) = r.text {
            loaded.sources.insert(r.rel.clone(), text);
        }
        if let Some(doc) = r.document
            && (options.drafts || !doc.draft)
        {
            loaded.documents.push(doc);
        }
    }
    loaded.assets = others
        .iter()
        .filter_map(|rel| asset(rel, catalog))
        .collect();
    loaded.files = files.iter().cloned().collect();
    check_collisions(&mut loaded);
    let unsafe_or_clashing =
        crate::guard::collide::check_urls(&loaded.documents, &mut loaded.assets);
    loaded.diagnostics.extend(unsafe_or_clashing);
    loaded.diagnostics.extend(refused_links);
    loaded.diagnostics.extend(out_of_scope);
    loaded.documents.sort_by(|a, b| a.url.cmp(&b.url));
    link_bundles(&mut loaded.documents, &bundles);
    loaded
}

/// Files under `curricula/` and `content/`, relative to `root`, in a stable order. Hidden files
/// and editors' backup files are skipped; links out of the project are refused (the
/// diagnostics), links inside it followed (see [`crate::guard::links`]).
fn walk(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut walked = crate::guard::links::Walked::default();
    for top in [path::CURRICULA, path::CONTENT] {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        let found = crate::guard::links::walk(root, &dir, is_ignored);
        walked.files.extend(found.files);
        walked.diagnostics.extend(found.diagnostics);
    }
    (walked.files, walked.diagnostics)
}

/// The files of the stages the project serves, and a warning for each stage folder that
/// holds documents of another stage (`stages:` in yuxin.yaml).
///
/// Skipped with a warning rather than an error: a school may keep the city's whole shared
/// curriculum in its project (a copy, a git submodule) and publish only its own stages; the
/// warning says once per folder what is left out and how to include it.
fn scope(
    files: Vec<PathBuf>,
    catalog: &Catalog,
    served: &[crate::catalog::Stage],
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    if served.len() == crate::catalog::Stage::ALL.len() {
        return (files, Vec::new());
    }
    let mut skipped: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let files = files
        .into_iter()
        .filter(|f| {
            let mut parts = f.components();
            let (Some(top), Some(dir)) = (parts.next(), parts.next()) else {
                return true;
            };
            let stage = (top.as_os_str() == path::CURRICULA)
                .then(|| catalog.find_stage(&dir.as_os_str().to_string_lossy()).ok())
                .flatten();
            match stage {
                Some(s) if !served.contains(&s) => {
                    if is_markdown(f) {
                        *skipped
                            .entry(Path::new(path::CURRICULA).join(dir))
                            .or_default() += 1;
                    }
                    false
                }
                _ => true,
            }
        })
        .collect();
    let names: Vec<&str> = served
        .iter()
        .map(|&s| catalog.stage(s).name.as_str())
        .collect();
    let diags = skipped
        .into_iter()
        .map(|(dir, n)| {
            let stage = dir
                .file_name()
                .and_then(|d| catalog.find_stage(&d.to_string_lossy()).ok())
                .map_or(String::new(), |s| catalog.stage(s).name.clone());
            Diagnostic::warning(
                "out-of-scope",
                &dir,
                crate::diag::Span::file_start(),
                format!(
                    "{}/ 里有 {n} 篇{stage}文档，但 yuxin.yaml 的 stages 只有 {}：这些文档不发布，也不检查",
                    dir.display(),
                    names.join("、")
                ),
            )
            .with_hint(format!(
                "要发布它们，把 {stage} 加进 yuxin.yaml 的 stages；不需要就把这个文件夹移出 curricula/"
            ))
        })
        .collect();
    (files, diags)
}

/// Hidden files, editors' swap and backup files: vim (`.x.swp`, `x~`, its `4913` probe),
/// emacs (`#x#`, `.#x`), JetBrains (`x___jb_tmp___`), Kate (`.x.kate-swp`), VS Code and others'
/// `.tmp` files, Office's `~$x` locks.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".crswap")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

struct FileResult {
    rel: PathBuf,
    text: Option<String>,
    document: Option<Document>,
    diagnostics: Vec<Diagnostic>,
}

fn load_file(root: &Path, rel: &Path, catalog: &Catalog, in_bundle: bool) -> FileResult {
    let mut result = FileResult {
        rel: rel.to_path_buf(),
        text: None,
        document: None,
        diagnostics: Vec::new(),
    };
    // Not `read_text`: the walk has already refused every link out of the project, and
    // resolving each file's path again costs a few percent of a 10,000-lesson build.
    let text = match text::read(root, rel) {
        Ok(t) => t,
        Err(d) => {
            result.diagnostics.push(d);
            return result;
        }
    };
    result.document = parse_document(rel, &text, catalog, in_bundle, &mut result.diagnostics);
    result.text = Some(text);
    result
}

/// Reads a file as UTF-8, without BOM, with `\n` line endings, within the size limit (see
/// [`text::decode`]).
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    crate::guard::links::check_inside(root, rel)?;
    text::read(root, rel)
}

fn asset(rel: &Path, catalog: &Catalog) -> Option<Asset> {
    let located = path::locate(rel, catalog, &mut Vec::new()).ok()?;
    let stem = slugify(&rel.file_stem()?.to_string_lossy());
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let name = match ext {
        Some(ext) => format!("{}.{ext}", if stem.is_empty() { "file" } else { &stem }),
        None => stem,
    };
    Some(Asset {
        source: rel.to_path_buf(),
        url: format!("{}{name}", located.dir_url),
    })
}

/// Two files that would be written to the same URL: an error naming both, and only the first
/// (in path order) is kept.
fn check_collisions(loaded: &mut Loaded) {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut docs = std::mem::take(&mut loaded.documents);
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    for doc in docs {
        if let Some(first) = seen.get(&doc.url) {
            let d = crate::guard::collide::document_collision(&doc.source, first, &doc.url);
            loaded.diagnostics.push(d);
            continue;
        }
        seen.insert(doc.url.clone(), doc.source.clone());
        loaded.documents.push(doc);
    }
    loaded.assets.retain(|a| !seen.contains_key(&a.url));
}

/// Fills in [`Bundle`] roles once documents have their final order.
fn link_bundles(docs: &mut [Document], bundles: &HashSet<PathBuf>) {
    let index_of: HashMap<PathBuf, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            d.source.file_name().is_some_and(|n| n == "index.md")
                && bundles.contains(d.source.parent().unwrap_or(Path::new("")))
        })
        .map(|(i, d)| (d.source.parent().unwrap_or(Path::new("")).to_path_buf(), i))
        .collect();
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, doc) in docs.iter_mut().enumerate() {
        let Some(dir) = doc.source.parent() else {
            continue;
        };
        if let Some(&index) = index_of.get(dir)
            && index != i
        {
            doc.bundle = Bundle::Part { index };
            parts.entry(index).or_default().push(i);
        }
    }
    for &index in index_of.values() {
        docs[index].bundle = Bundle::Index {
            parts: parts.remove(&index).unwrap_or_default(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_files() {
        for name in [
            ".x.md.swp",
            "x.md~",
            "#x.md#",
            ".DS_Store",
            "4913",
            "x.md___jb_old___",
            "~$x.docx",
            "x.md.crswap",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("x.md"));
        assert!(!is_ignored("2024.md"));
    }
}
