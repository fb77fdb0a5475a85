//! What the module page, the certificate and the packages show of a module.

use serde::Serialize;

use super::Module;
use crate::model::format_hours;
use crate::model::{Bundle, Curriculum, Kind, Objectives, Place};
use crate::slug::slugify;

#[derive(Debug, Clone, Serialize)]
pub struct SessionRow {
    pub number: usize,
    pub title: String,
    pub url: String,
    pub hours_text: String,
    pub form: Option<String>,
    pub objectives: String,
}

/// The syllabus (专题, 课时, 形式, 目标) and the module's other outputs.
#[derive(Debug, Clone, Serialize)]
pub struct Syllabus {
    pub title: String,
    pub url: String,
    pub audiences: Vec<String>,
    pub sessions: Vec<SessionRow>,
    pub total_text: String,
    pub certificate_url: String,
    pub scorm_url: String,
    pub cartridge_url: String,
}

pub fn objectives_text(o: Option<&Objectives>) -> String {
    let trim = |t: &str| t.trim_end_matches('。').to_string();
    let parts: Vec<String> = match o {
        None => Vec::new(),
        Some(Objectives::List { items }) => items.iter().map(|i| trim(i)).collect(),
        Some(domains) => domains
            .domains()
            .into_iter()
            .flatten()
            .filter_map(|(label, text)| text.map(|t| format!("{label}：{}", trim(t))))
            .collect(),
    };
    parts.join("；")
}

/// A module's file-name stem for its packages: the last folder of its URL.
pub fn package_stem(module: &Module) -> String {
    let stem = module
        .doc
        .url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("module");
    let slug = slugify(stem);
    if slug.is_empty() {
        "module".into()
    } else {
        slug
    }
}

pub fn syllabus(module: &Module) -> Syllabus {
    let url = module.doc.url.clone();
    let stem = package_stem(module);
    Syllabus {
        title: module.doc.title.clone(),
        url: url.clone(),
        audiences: module
            .doc
            .details
            .audiences
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        sessions: module
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| SessionRow {
                number: i + 1,
                title: s.title.clone(),
                url: s.url.clone(),
                hours_text: s.details.hours.map(format_hours).unwrap_or_default(),
                form: s.details.form.as_ref().map(|f| f.name.clone()),
                objectives: objectives_text(s.details.objectives.as_ref()),
            })
            .collect(),
        total_text: format_hours(module.hours()),
        certificate_url: format!("{url}certificate/"),
        scorm_url: format!("{url}{stem}-scorm12.zip"),
        cartridge_url: format!("{url}{stem}.imscc"),
    }
}

/// The syllabus of document `index` when it is a training module (not one of its sessions).
pub fn syllabus_of(model: &Curriculum, index: usize) -> Option<Syllabus> {
    let doc = &model.documents[index];
    let is_module = doc.place == Place::Training
        && doc.kind == Kind::Training
        && !matches!(doc.bundle, Bundle::Part { .. });
    is_module.then(|| {
        syllabus(&Module {
            index,
            doc,
            sessions: model.parts_of(doc),
        })
    })
}
