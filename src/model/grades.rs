//! A grade's year: the lessons, class-meeting kits and micro-courses whose `grades:` name a
//! catalog grade, by semester and in teaching order (`week`, then weight and title). The grade
//! pages, their 教学进度表 and the report's per-grade view all read it from here.

use super::{Curriculum, Document, Kind, Semester};
use crate::catalog::Grade;

/// One semester of a grade: `None` holds the documents that name no semester.
#[derive(Debug)]
pub struct Term<'a> {
    pub semester: Option<Semester>,
    /// Dated ones (`week:`) first by week, then the ones without a week; each by weight, title.
    pub docs: Vec<&'a Document>,
}

impl Term<'_> {
    /// `第一学期（秋季）`, or `未分学期` for the documents without a semester.
    pub fn name(&self) -> &'static str {
        self.semester.map_or("未分学期", Semester::name)
    }

    /// The id used in anchors and JSON: `first`, `second` or `unspecified`.
    pub fn id(&self) -> &'static str {
        match self.semester {
            Some(Semester::First) => "first",
            Some(Semester::Second) => "second",
            None => "unspecified",
        }
    }

    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.docs.iter().copied().filter(move |d| d.kind == kind)
    }
}

/// Kinds that are taught or sent home in a grade's year.
pub fn in_year(kind: Kind) -> bool {
    matches!(kind, Kind::Lesson | Kind::ClassMeeting | Kind::Microcourse)
}

impl Curriculum {
    /// Lessons, class meetings and micro-courses whose `grades:` name `grade`.
    pub fn in_grade<'a>(&'a self, grade: &'a Grade) -> impl Iterator<Item = &'a Document> + 'a {
        self.listed().filter(move |d| {
            in_year(d.kind)
                && (d.details.grades.iter())
                    .any(|g| self.catalog.grade(g).is_some_and(|x| x.id == grade.id))
        })
    }

    /// Catalog grades that have at least one document, in teaching order.
    pub fn grades_in_use(&self) -> Vec<&Grade> {
        (self.catalog.grades.iter())
            .filter(|g| self.in_grade(g).next().is_some())
            .collect()
    }

    /// The grade's documents by semester: first, second, and those naming none (only when
    /// there are some). The two semesters are there even when empty: an empty one is a gap.
    pub fn grade_terms<'a>(&'a self, grade: &'a Grade) -> Vec<Term<'a>> {
        let docs: Vec<&Document> = self.in_grade(grade).collect();
        let mut terms: Vec<Term> = [Some(Semester::First), Some(Semester::Second), None]
            .into_iter()
            .map(|semester| {
                let mut docs: Vec<&Document> = (docs.iter().copied())
                    .filter(|d| d.details.semester == semester)
                    .collect();
                docs.sort_by(|a, b| teaching_order(a).cmp(&teaching_order(b)));
                Term { semester, docs }
            })
            .collect();
        if terms[2].docs.is_empty() {
            terms.pop();
        }
        terms
    }
}

/// Dated before undated, then by week, weight, title and URL.
fn teaching_order(d: &Document) -> (bool, u32, i64, &str, &str) {
    (
        d.details.week.is_none(),
        d.details.week.unwrap_or(0),
        d.weight,
        &d.title,
        &d.url,
    )
}
