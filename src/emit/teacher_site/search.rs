//! The teacher site's Chinese search: the `search/` page and a Pagefind index of every lesson,
//! class-meeting kit, parents' micro-course and training module, filterable by stage (学段),
//! kind (类型) and grade (年级). The engine and its settings are the microsites' (`emit::pagefind`).
//!
//! Pagefind reads a small page made for it from each document (title, summary, body, filters),
//! not the finished page: no navigation, facts or heading anchors to strip, and far less HTML
//! to parse at 10,000 lessons.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write;

use minijinja::context;
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::Stage;
use crate::diag::{Diagnostic, Severity};
use crate::emit::page::{page, ser};
use crate::emit::{Context, Output, pagefind};
use crate::model::{Bundle, Document, Kind};
use crate::render::escape::escape;

/// The search page's URL.
pub(super) const URL: &str = "search/";
/// The folder of the index and the search runtime.
const DIR: &str = "pagefind";
/// The kinds a teacher searches, in the order the kind filter lists them.
const KINDS: [Kind; 4] = [
    Kind::Lesson,
    Kind::ClassMeeting,
    Kind::Microcourse,
    Kind::Training,
];
/// Documents made into one batch of index pages at a time, in parallel, before Pagefind (which
/// takes one page at a time) reads them: the pages of the whole site are never held at once.
const BATCH: usize = 256;
/// The most of one document's body the index reads (see [`indexed_len`]).
const MAX_INDEXED: usize = 64 * 1024;
/// Up to this many documents the index holds their whole text; a larger site (a city's
/// shared curriculum) indexes titles, summaries and filters only. Pagefind holds every page's
/// words until it writes the index: about 0.5 MB a lesson, which at 10,000 lessons was 4.7 GB
/// and twice the CPU time of the rest of the build.
const FULL_TEXT: usize = 2_000;

/// One filter of the search page: its name in the index and the URL, its label, its values.
#[derive(Debug, Serialize)]
pub(super) struct Filter {
    pub(super) id: &'static str,
    pub(super) title: &'static str,
    pub(super) values: Vec<String>,
}

/// The documents the search finds: listed ones of [`KINDS`], not those that are an index
/// page's introduction (`skip`).
fn searched(cx: &Context, skip: &HashSet<String>) -> Vec<usize> {
    let docs = &cx.model.documents;
    (0..docs.len())
        .filter(|&i| {
            let d = &docs[i];
            !matches!(d.bundle, Bundle::Part { .. })
                && KINDS.contains(&d.kind)
                && !skip.contains(&d.url)
        })
        .collect()
}

/// The index and the runtime, under `pagefind/`.
pub(super) fn index(cx: &Context, skip: &HashSet<String>) -> Result<Vec<Output>, Diagnostic> {
    let docs = searched(cx, skip);
    let full = docs.len() <= FULL_TEXT;
    let pages = docs.chunks(BATCH).flat_map(|batch| {
        batch
            .par_iter()
            .map(|&i| (cx.model.documents[i].url.clone(), source(cx, i, full)))
            .collect::<Vec<_>>()
    });
    pagefind::index(pages, DIR).map_err(|e| {
        Diagnostic::general(
            Severity::Error,
            "search-index",
            format!("无法建立教师站的搜索索引：{e}"),
        )
        .with_hint("这是 yuxin 的问题而不是内容的问题：请带上这条消息报告")
    })
}

/// The page Pagefind reads for `doc`: its title (the result's title), a label (类型 · 学段),
/// the filters as empty marked elements, then the summary and the body without its heading
/// anchors ("#"), so that excerpts hold only the text; without the body unless `full`.
fn source(cx: &Context, index: usize, full: bool) -> String {
    let doc = &cx.model.documents[index];
    let body = cx.rendered[index].html.as_str();
    let mut html = String::with_capacity(body.len() + 512);
    let stage = doc.stage().map(|s| cx.model.catalog.stage(s).name.clone());
    let label = match &stage {
        Some(s) => format!("{} · {s}", doc.kind.name()),
        None => doc.kind.name().to_string(),
    };
    html.push_str("<html lang=\"zh-CN\"><body><main>");
    let _ = write!(
        html,
        "<h1 data-pagefind-meta=\"title\">{}</h1>",
        escape(&doc.title)
    );
    let _ = write!(
        html,
        "<span data-pagefind-meta=\"label:{}\"></span>",
        escape(&label)
    );
    filter(&mut html, "kind", doc.kind.name());
    if let Some(stage) = &stage {
        filter(&mut html, "stage", stage);
    }
    for grade in &doc.details.grades {
        filter(&mut html, "grade", grade);
    }
    if let Some(summary) = &doc.summary {
        let _ = write!(html, "<p>{}</p>", escape(summary));
    }
    let body = if full { &body[..indexed_len(body)] } else { "" };
    html.push_str(&body.replace(
        "<a class=\"anchor\"",
        "<a data-pagefind-ignore class=\"anchor\"",
    ));
    html.push_str("</main></body></html>");
    html
}

/// How much of a body is indexed: all of it up to [`MAX_INDEXED`] bytes, else up to the last
/// tag that starts before that (never inside a tag or a character). A lesson is 5–30 KB of
/// HTML; a body of megabytes (one 4 MB line, 20,000 links) took Pagefind minutes.
fn indexed_len(body: &str) -> usize {
    if body.len() <= MAX_INDEXED {
        return body.len();
    }
    body.as_bytes()[..MAX_INDEXED]
        .iter()
        .rposition(|&b| b == b'<')
        .unwrap_or(0)
}

fn filter(html: &mut String, name: &str, value: &str) {
    let _ = write!(
        html,
        "<span data-pagefind-filter=\"{name}:{}\"></span>",
        escape(value)
    );
}

/// The search page, with each filter's values as the index holds them.
pub(super) fn search_page(cx: &Context, skip: &HashSet<String>) -> Result<Output, Diagnostic> {
    let full = searched(cx, skip).len() <= FULL_TEXT;
    let local = context! {
        title => "搜索",
        full_text => full,
        description => "搜索教案、主题班会、家长微课和教师培训，可按学段、类型和年级筛选。",
        filters => ser(filters(cx, &searched(cx, skip))),
    };
    page(cx, "search.html", &format!("{URL}index.html"), URL, local)
}

/// The filters' values: stages in the catalog's order, kinds in [`KINDS`] order, grades from
/// 小班 to 大四 (a grade the order does not know comes last); only values some document has.
fn filters(cx: &Context, docs: &[usize]) -> Vec<Filter> {
    let docs: Vec<&Document> = docs.iter().map(|&i| &cx.model.documents[i]).collect();
    let stages = Stage::ALL
        .iter()
        .filter(|&&s| docs.iter().any(|d| d.stage() == Some(s)))
        .map(|&s| cx.model.catalog.stage(s).name.clone())
        .collect();
    let kinds = KINDS
        .iter()
        .filter(|&&k| docs.iter().any(|d| d.kind == k))
        .map(|k| k.name().to_string())
        .collect();
    let grades: BTreeSet<(usize, &str)> = (docs.iter())
        .flat_map(|d| d.details.grades.iter())
        .map(|g| (grade_rank(g), g.as_str()))
        .collect();
    vec![
        Filter {
            id: "stage",
            title: "学段",
            values: stages,
        },
        Filter {
            id: "kind",
            title: "类型",
            values: kinds,
        },
        Filter {
            id: "grade",
            title: "年级",
            values: grades.into_iter().map(|(_, g)| g.to_string()).collect(),
        },
    ]
}

/// School grades in order, from kindergarten to the fourth university year.
const GRADES: &[&str] = &[
    "小班",
    "中班",
    "大班",
    "一年级",
    "二年级",
    "三年级",
    "四年级",
    "五年级",
    "六年级",
    "七年级",
    "八年级",
    "九年级",
    "初一",
    "初二",
    "初三",
    "高一",
    "高二",
    "高三",
    "大一",
    "大二",
    "大三",
    "大四",
];

fn grade_rank(grade: &str) -> usize {
    GRADES
        .iter()
        .position(|g| *g == grade)
        .unwrap_or(GRADES.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_body_is_indexed_up_to_a_tag_near_the_limit() {
        assert_eq!(indexed_len("<p>短</p>"), "<p>短</p>".len());
        let body = "<p>很长的一段</p>".repeat(10_000);
        let len = indexed_len(&body);
        assert!(len <= MAX_INDEXED && len > MAX_INDEXED - 100, "{len}");
        assert!(body[len..].starts_with('<'));
        assert_eq!(
            indexed_len(&"很".repeat(100_000)),
            0,
            "no tag: nothing, not half a character"
        );
    }

    #[test]
    fn grades_sort_by_school_year_and_unknown_ones_last() {
        let mut grades = vec!["大四", "研一", "三年级", "小班", "高一"];
        grades.sort_by_key(|g| (grade_rank(g), *g));
        assert_eq!(grades, ["小班", "三年级", "高一", "大四", "研一"]);
    }
}
