//! Load: walk `curricula/` and `content/`, read every file, and turn each Markdown file into a
//! typed [`Document`], reporting every problem found on the way.

pub mod config;
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

use crate::catalog::{Catalog, Track};
use crate::diag::{Diagnostic, Span};
use crate::model::{Asset, Bundle, Document, Kind, Place, Ref};
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
}

/// Reads every document under `root`. Never fails as a whole: a file that cannot be read or
/// understood becomes a diagnostic and the rest is still loaded.
pub fn load(root: &Path, catalog: &Catalog, options: &Options) -> Loaded {
    let (files, refused_links) = walk(root);
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

/// Turns one file's text into a document. `None` when the problems leave nothing to build.
pub fn parse_document(
    rel: &Path,
    text: &str,
    catalog: &Catalog,
    in_bundle: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    crate::stats::parsed();
    let located = match path::locate(rel, catalog, diags) {
        Ok(l) => l,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let Ok(parts) = split::split(text) else {
        diags.push(
            Diagnostic::error(
                "front-matter",
                rel,
                Span::new(1, 1, 3),
                "front matter 只有开头的 `---`，没有结尾的 `---`",
            )
            .with_hint("在字段的最后一行后面加一行 `---`，再写正文"),
        );
        return None;
    };
    let yaml_text = parts.front_matter.unwrap_or("");
    let root = match yaml::parse(yaml_text, parts.front_matter_line) {
        Ok(node) => node,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "yaml-syntax",
                    rel,
                    e.span,
                    format!("front matter 的 YAML 写法有误：{}", e.message),
                )
                .with_hint(crate::load::yaml::syntax_hint()),
            );
            return None;
        }
    };
    let is_part = in_bundle && rel.file_name().is_some_and(|n| n != "index.md");
    let default_kind = match located.default_kind {
        Kind::Lesson if is_part => Kind::Handout,
        k => k,
    };
    let kind = match fields::read_kind(&root, rel) {
        Ok(k) => k.map_or(default_kind, |(k, _)| k),
        Err(d) => {
            diags.push(d);
            default_kind
        }
    };
    let before = diags.len();
    let fm = fields::read(&root, kind, catalog, rel, diags);
    let mut body = parts.body.to_string();
    let title = fm.title.clone().or_else(|| take_heading_title(&mut body));
    // A front matter that is not a map has just been reported; "no title" would only repeat it.
    if title.is_none() && !matches!(root.value, yaml::Value::Map(_) | yaml::Value::Null) {
        return None;
    }
    let Some(title) = title else {
        diags.push(
            Diagnostic::error(
                "missing-title",
                rel,
                Span::new(1, 1, 0),
                "缺少 title（标题）",
            )
            .with_hint("在文件开头的 front matter 里写 `title: 标题`，或让正文以 `# 标题` 开头"),
        );
        return None;
    };
    check_place(rel, kind, &located, diags);
    let topic = resolve_topic(rel, &located, fm.topic.clone(), catalog, diags);
    if diags[before..]
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        return None;
    }
    let url = document_url(rel, &located.dir_url);
    Some(Document {
        source: rel.to_path_buf(),
        kind,
        place: located.place,
        title,
        topic,
        summary: fm.summary,
        tags: fm.tags,
        date: fm.date,
        draft: fm.draft,
        weight: fm.weight,
        allow: fm.allow,
        extra: fm.extra,
        details: fm.details,
        body,
        body_line: parts.body_line,
        url,
        bundle: Bundle::None,
    })
}

/// With no `title:`, a first-line `# 标题` is the title; it is blanked (not removed) so that
/// line numbers in the body stay right.
fn take_heading_title(body: &mut String) -> Option<String> {
    let (offset, line) = body
        .split_inclusive('\n')
        .scan(0, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .find(|(_, l)| !l.trim().is_empty())?;
    let title = line.trim().strip_prefix("# ")?.trim().to_string();
    let end = offset + line.trim_end_matches('\n').len();
    body.replace_range(offset..end, "");
    (!title.is_empty()).then_some(title)
}

fn check_place(rel: &Path, kind: Kind, located: &path::Located, diags: &mut Vec<Diagnostic>) {
    let wrong = match (kind, located.place) {
        (k, Place::Curriculum { .. }) if k.needs_stage() => None,
        (k, _) if k.needs_stage() => Some("curricula/<学段>/<类别>/"),
        (Kind::Training, Place::Training) | (Kind::Page, _) => None,
        (Kind::Training, _) => Some("curricula/training/"),
        _ => None,
    };
    if let Some(folder) = wrong {
        diags.push(
            Diagnostic::error(
                "misplaced-file",
                rel,
                Span::file_start(),
                format!("{} 类型的文档要放在 {folder} 下", kind.label()),
            )
            .with_hint(format!("把文件移到 {folder} 下，或改正 kind")),
        );
    }
}

fn resolve_topic(
    rel: &Path,
    located: &path::Located,
    declared: Option<(Ref, Span)>,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<Ref> {
    let span = declared.as_ref().map_or(Span::file_start(), |(_, s)| *s);
    let topic = match (declared.map(|(t, _)| t), located.topic.clone()) {
        (Some(t), Some(folder)) if t != folder => {
            diags.push(
                Diagnostic::error(
                    "topic-mismatch",
                    rel,
                    span,
                    format!(
                        "topic（主题）写的是 {}，但文件在主题文件夹 {} 里",
                        t.name, folder.name
                    ),
                )
                .with_hint("删掉 topic 让文件夹决定，或把文件移到对应的主题文件夹"),
            );
            return None;
        }
        (t, folder) => t.or(folder)?,
    };
    let Place::Curriculum { stage, track } = located.place else {
        return Some(topic);
    };
    let entry = catalog.topic_by_id(&topic.id)?;
    if entry.track != track {
        diags.push(
            Diagnostic::error(
                "topic-track",
                rel,
                span,
                format!(
                    "主题 {} 属于{}教育，但文件在 {} 文件夹里",
                    topic.name,
                    entry.track.name(),
                    track.label()
                ),
            )
            .with_hint(format!(
                "把文件移到 {} 文件夹，或换一个主题",
                entry.track.label()
            )),
        );
        return None;
    }
    if track == Track::Developmental && !entry.applies_to(stage) {
        let here: Vec<String> = catalog
            .topics_for(stage, track)
            .map(|t| format!("{}（{}）", t.id, t.name))
            .collect();
        let stage_name = &catalog.stage(stage).name;
        diags.push(
            Diagnostic::error(
                "topic-stage",
                rel,
                span,
                format!("{} 不是{stage_name}阶段的发展性主题", topic.name),
            )
            .with_hint(format!("{stage_name}的发展性主题：{}", here.join("、"))),
        );
        return None;
    }
    Some(topic)
}

fn document_url(rel: &Path, dir_url: &str) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if stem == "index" {
        return dir_url.to_string();
    }
    let slug = slugify(&stem);
    let slug = if slug.is_empty() {
        "page".to_string()
    } else {
        slug
    };
    format!("{dir_url}{slug}/")
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

    fn parse(rel: &str, text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let doc = parse_document(Path::new(rel), text, &Catalog::default(), false, &mut diags);
        (doc, diags)
    }

    #[test]
    fn a_lesson_with_everything_from_the_path() {
        let (doc, diags) = parse(
            "curricula/primary/developmental/adaptation/新同学.md",
            "---\ntitle: 新同学\n---\n正文\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.kind, Kind::Lesson);
        assert_eq!(doc.topic.unwrap().id, "adaptation");
        assert_eq!(doc.url, "primary/developmental/adaptation/xin-tong-xue/");
        assert_eq!(doc.body_line, 4);
    }

    #[test]
    fn title_may_come_from_the_first_heading() {
        let (doc, diags) = parse("content/about.md", "\n# 关于我们\n\n正文\n");
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.title, "关于我们");
        assert_eq!(doc.body, "\n\n\n正文\n", "line numbers kept");
        assert_eq!(doc.url, "parents/about/");
    }

    #[test]
    fn missing_title_is_an_error() {
        let (doc, diags) = parse("content/x.md", "---\nsummary: s\n---\n正文\n");
        assert!(doc.is_none());
        assert_eq!(diags[0].lint, "missing-title");
    }

    #[test]
    fn topic_must_fit_track_and_stage() {
        let (_, diags) = parse(
            "curricula/junior/developmental/x.md",
            "---\ntitle: t\ntopic: 环境适应\n---\n",
        );
        assert_eq!(diags[0].lint, "topic-stage");
        assert!(diags[0].hint.as_ref().unwrap().contains("青春期心理"));
        let (_, diags) = parse(
            "curricula/junior/developmental/x.md",
            "---\ntitle: t\ntopic: 网络沉迷\n---\n",
        );
        assert_eq!(diags[0].lint, "topic-track");
        assert_eq!(diags[0].span.line, 3);
    }

    #[test]
    fn kinds_must_be_in_their_folders() {
        let (_, diags) = parse("content/x.md", "---\ntitle: t\nkind: lesson\n---\n");
        assert_eq!(diags[0].lint, "misplaced-file");
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let (doc, diags) = parse("content/x.md", "---\ntitle: t\ntags: [a, b\n---\n");
        assert!(doc.is_none());
        assert_eq!(diags[0].lint, "yaml-syntax");
        assert!(diags[0].span.line >= 3, "{:?}", diags[0].span);
    }

    #[test]
    fn a_list_or_scalar_front_matter_is_one_located_error() {
        for text in ["---\n- a\n- b\n---\n正文\n", "---\n一句话\n---\n正文\n"] {
            let (doc, diags) = parse("content/x.md", text);
            assert!(doc.is_none());
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(diags[0].lint, "front-matter");
            assert_eq!((diags[0].span.line, diags[0].span.column), (2, 1));
        }
    }

    #[test]
    fn unclosed_front_matter() {
        let (_, diags) = parse("content/x.md", "---\ntitle: t\n");
        assert_eq!(diags[0].lint, "front-matter");
    }

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
