//! `api/curriculum.json`: the whole curriculum as data for other platforms (a city's
//! student-support platform, an LMS). Schema in docs/api.md. It describes documents only:
//! no body text and never any student data.

use serde::Serialize;

use super::{Context, Emitter, Output};
use crate::diag::Diagnostic;
use crate::model::{Bundle, Curriculum, Document, HandoutAudience, Kind, Ref, Semester};

/// Bumped when a key changes meaning or disappears; new keys may be added at any time.
pub const SCHEMA: &str = "yuxin-curriculum/1";

pub struct CurriculumJson;

#[derive(Serialize)]
struct File<'a> {
    schema: &'static str,
    site: Site<'a>,
    documents: Entries<'a>,
}

/// The documents' entries, each made as it is written rather than all first: at 10,000
/// lessons the list alone was 7 MB beside the JSON text.
struct Entries<'a>(&'a Curriculum);

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        serializer.collect_seq(model.documents.iter().map(|d| entry(model, d)))
    }
}

/// About what one entry takes in the file, so that the text is allocated once, not grown by
/// doubling (which held both the old and the new buffer).
const BYTES_PER_ENTRY: usize = 1200;

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    language: &'a str,
    base_url: &'a str,
}

/// One document. Its own struct, not the templates' view, so that theme work never changes
/// the published schema.
#[derive(Serialize)]
struct Entry {
    /// The page's path under the site root, ending in `/`: stable, usable as an id.
    url: String,
    /// `base_url` + `url`.
    absolute_url: String,
    title: String,
    summary: Option<String>,
    kind: Kind,
    stage: Option<Ref>,
    track: Option<Ref>,
    topic: Option<Ref>,
    form: Option<Ref>,
    grades: Vec<String>,
    /// Minutes of a lesson or class meeting.
    duration: Option<u32>,
    /// Minutes of a micro-course.
    minutes: Option<u32>,
    /// 课时 of a training module or session.
    hours: Option<f64>,
    audiences: Vec<Ref>,
    semester: Option<Semester>,
    /// Teaching week of the semester, 1–30.
    week: Option<u32>,
    /// `students` or `parents` for a handout.
    readers: Option<HandoutAudience>,
    /// URL of the bundle (class-meeting kit, training module) this document belongs to.
    part_of: Option<String>,
    tags: Vec<String>,
    date: Option<String>,
}

impl Emitter for CurriculumJson {
    fn name(&self) -> &'static str {
        "curriculum-json"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut json = Vec::with_capacity(BYTES_PER_ENTRY * (cx.model.documents.len() + 1));
        serde_json::to_writer_pretty(&mut json, &file(cx.model))
            .expect("the curriculum serialises");
        Ok(vec![Output::new("api/curriculum.json", json)])
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        // Front matter only: a body edit changes nothing in it.
        super::change::all_or_nothing(change.lists != super::Lists::None, || self.emit(cx))
    }
}

fn file(model: &Curriculum) -> File<'_> {
    let c = &model.config;
    let documents = Entries(model);
    File {
        schema: SCHEMA,
        site: Site {
            title: &c.title,
            language: &c.language,
            base_url: &c.base_url,
        },
        documents,
    }
}

fn entry(model: &Curriculum, doc: &Document) -> Entry {
    let part_of = match doc.bundle {
        Bundle::Part { index } => Some(model.documents[index].url.clone()),
        _ => None,
    };
    let d = &doc.details;
    Entry {
        url: doc.url.clone(),
        absolute_url: format!("{}{}", model.config.base_url, doc.url),
        title: doc.title.clone(),
        summary: doc.summary.clone(),
        kind: doc.kind,
        stage: doc.stage_ref(&model.catalog),
        track: doc.track_ref(),
        topic: doc.topic.clone(),
        form: d.form.clone(),
        grades: d.grades.clone(),
        duration: d.duration,
        minutes: d.minutes,
        hours: d.hours,
        audiences: d.audiences.clone(),
        semester: d.semester,
        week: d.week,
        readers: d.handout_audience,
        part_of,
        tags: doc.tags.clone(),
        date: doc.date.map(|x| x.to_string()),
    }
}
