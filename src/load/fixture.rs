//! Test fixtures: a curriculum made from `(path, text)` pairs as the loader makes it, for the
//! unit tests of every layer above the loader. The model's own tests that need parsed
//! documents live here too, since the model may not import the loader.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::model::{Curriculum, Document};

/// One primary lesson at `curricula/primary/developmental/adaptation/a.md` (or the kind its
/// front matter says), for the unit tests of the per-file lints.
pub(crate) fn test_document(text: &str) -> Document {
    let mut diags = Vec::new();
    let path = Path::new("curricula/primary/developmental/adaptation/a.md");
    super::parse_document(path, text, &Catalog::default(), false, &mut diags).expect("a document")
}

/// A curriculum made from `(path, text)` pairs, as the loader would make it (bundles linked),
/// for unit tests that need a model without a project folder.
pub(crate) fn test_model(files: &[(&str, &str)]) -> Curriculum {
    let catalog = Catalog::default();
    let mut diags = Vec::new();
    let bundles: Vec<&str> = files
        .iter()
        .filter(|(p, _)| p.ends_with("/index.md"))
        .map(|(p, _)| p.trim_end_matches("index.md"))
        .collect();
    let mut documents: Vec<Document> = files
        .iter()
        .filter_map(|(path, text)| {
            let in_bundle = bundles
                .iter()
                .any(|b| path.starts_with(b) && !path[b.len()..].contains('/'));
            super::parse_document(Path::new(path), text, &catalog, in_bundle, &mut diags)
        })
        .collect();
    assert!(diags.is_empty(), "{diags:?}");
    documents.sort_by(|a, b| a.url.cmp(&b.url));
    link_bundles(&mut documents);
    let (config, _) = super::config::parse("title: t\n", Path::new("yuxin.yaml")).unwrap();
    Curriculum {
        config,
        catalog,
        documents,
    }
}

/// [`super::link_bundles`] for documents made without walking a folder.
fn link_bundles(docs: &mut [Document]) {
    let bundles: HashSet<PathBuf> = docs
        .iter()
        .filter(|d| d.source.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|d| d.source.parent().map(Path::to_path_buf))
        .collect();
    super::link_bundles(docs, &bundles);
}

#[cfg(test)]
mod tests {
    use super::test_model as model;

    #[test]
    fn neighbours_follow_weight_within_a_topic_only() {
        let m = model(&[
            (
                "curricula/primary/developmental/adaptation/a.md",
                "---\ntitle: 甲\nweight: 2\n---\n",
            ),
            (
                "curricula/primary/developmental/adaptation/b.md",
                "---\ntitle: 乙\nweight: 1\n---\n",
            ),
            (
                "curricula/primary/developmental/adaptation/c.md",
                "---\ntitle: 丙\nweight: 3\n---\n",
            ),
            (
                "curricula/primary/developmental/social/d.md",
                "---\ntitle: 丁\n---\n",
            ),
        ]);
        let n = m.neighbours();
        let title = |i: Option<usize>| i.map(|i| m.documents[i].title.as_str());
        // Documents are in URL order: a, b, c, d.
        assert_eq!(
            (title(n[0].prev), title(n[0].next)),
            (Some("乙"), Some("丙"))
        );
        assert_eq!((title(n[1].prev), title(n[1].next)), (None, Some("甲")));
        assert_eq!((title(n[2].prev), title(n[2].next)), (Some("甲"), None));
        assert_eq!(
            (title(n[3].prev), title(n[3].next)),
            (None, None),
            "another topic"
        );
    }
}

#[cfg(test)]
mod week_tests {
    use super::test_document;
    use crate::model::Semester;

    #[test]
    fn a_lesson_takes_its_semester_and_teaching_week() {
        let d = test_document("---\ntitle: 甲\nsemester: 下学期\nweek: 第3周\n---\n");
        assert_eq!(d.details.semester, Some(Semester::Second));
        assert_eq!(d.details.week, Some(3));
        let d = test_document("---\ntitle: 甲\nweek: 12\n---\n");
        assert_eq!(d.details.week, Some(12));
    }
}

#[cfg(test)]
mod grade_tests {
    use super::test_model;
    use crate::model::Semester;

    #[test]
    fn a_grade_year_is_by_semester_dated_by_week_then_undated() {
        let m = test_model(&[
            (
                "curricula/primary/developmental/a.md",
                "---\ntitle: 甲\ngrades: [四年级]\nsemester: first\nweek: 9\n---\n",
            ),
            (
                "curricula/primary/developmental/b.md",
                "---\ntitle: 乙\ngrades: [小学四年级]\nsemester: first\nweek: 2\n---\n",
            ),
            (
                "curricula/primary/developmental/c.md",
                "---\ntitle: 丙\ngrades: [三年级, 四年级]\nsemester: first\n---\n",
            ),
            (
                "curricula/primary/developmental/d.md",
                "---\ntitle: 丁\ngrades: [四年级]\nsemester: second\nweek: 1\n---\n",
            ),
            (
                "curricula/primary/developmental/e.md",
                "---\ntitle: 戊\ngrades: [五年级]\n---\n",
            ),
        ]);
        let grade = m.catalog.grade("四年级").unwrap();
        let terms = m.grade_terms(grade);
        assert_eq!(
            terms.len(),
            2,
            "no 未分学期 when every plan names a semester"
        );
        assert_eq!(terms[0].semester, Some(Semester::First));
        let titles: Vec<&str> = terms[0].docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["乙", "甲", "丙"]);
        assert_eq!(terms[1].docs[0].title, "丁");
        let used: Vec<&str> = m.grades_in_use().iter().map(|g| g.name.as_str()).collect();
        assert_eq!(used, ["三年级", "四年级", "五年级"]);
        let five = m.grade_terms(m.catalog.grade("五年级").unwrap());
        assert_eq!(five[2].name(), "未分学期");
    }
}
