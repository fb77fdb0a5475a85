//! 课件: an offline HTML slide deck and an editable .pptx beside every lesson, class-meeting
//! plan and training session (see [`crate::emit::classroom`] for which and where).
//!
//! The plan's Markdown is read again from its file (the build has freed the bodies by now),
//! parsed with [`crate::plan`], turned into a [`derive::Deck`], and drawn twice: [`html`] and
//! [`pptx`]. Both take their looks from the theme's `slides/` files.

pub mod deck;
pub mod derive;
mod dml;
pub mod fit;
pub mod html;
mod parts;
pub mod pptx;
pub mod shown;
#[cfg(test)]
mod tests;

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::classroom::{deck_path, pptx_path, wants};
use super::{Context, Emitter, Output};
use crate::catalog::Track;
use crate::diag::{Diagnostic, Span};
use crate::model::{Document, Kind};
use crate::plan::Plan;

pub use deck::{Deck, Slide, SlideKind};
pub use derive::Facts;

pub struct Slides;

impl Emitter for Slides {
    fn name(&self) -> &'static str {
        "slides"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let docs: Vec<&Document> = cx
            .model
            .documents
            .iter()
            .filter(|d| wants(d).deck)
            .collect();
        emit_for(cx, &docs)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        if change.statics || !change.templates.is_empty() {
            return None;
        }
        // A deck holds the images beside its plan: one in its folder or the folder above
        // (`img/a.png`, `../img/a.png`) may have changed.
        let changed_assets: Vec<&Path> = change
            .assets
            .iter()
            .map(|&i| cx.assets[i].source.as_path())
            .collect();
        let shows_asset = |d: &Document| {
            let folder = d.source.parent().unwrap_or(Path::new(""));
            let above = folder.parent().unwrap_or(folder);
            changed_assets.iter().any(|a| a.starts_with(above))
        };
        let docs: Vec<&Document> = cx
            .model
            .documents
            .iter()
            .enumerate()
            .filter(|(i, d)| wants(d).deck && (change.documents.contains(i) || shows_asset(d)))
            .map(|(_, d)| d)
            .collect();
        Some(emit_for(cx, &docs))
    }
}

/// The theme's files, read once per build.
struct Look {
    template: String,
    style: String,
    script: String,
    /// The .pptx parts every deck has alike, compressed once per build.
    pptx: crate::emit::ooxml::SharedParts,
}

impl Look {
    fn read(cx: &Context) -> Result<Look, Diagnostic> {
        let text = |name: &str| {
            cx.theme
                .file(name)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        let part = |name: &str| text(&format!("slides/pptx/{name}.xml"));
        let master = pptx::Master {
            theme: &part("theme1")?,
            notes_theme: &part("theme2")?,
            master: &part("slideMaster1")?,
            title_layout: &part("slideLayout1")?,
            content_layout: &part("slideLayout2")?,
            notes_master: &part("notesMaster1")?,
        }
        .shared()
        .map_err(|e| {
            Diagnostic::general(
                crate::diag::Severity::Error,
                "io",
                format!("无法生成 PPT 的母版：{e}"),
            )
        })?;
        Ok(Look {
            template: text("slides/deck.html")?,
            style: text("slides/deck.css")?,
            script: text("slides/deck.js")?,
            pptx: master,
        })
    }
}

fn emit_for(cx: &Context, docs: &[&Document]) -> Result<Vec<Output>, Vec<Diagnostic>> {
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let look = Look::read(cx).map_err(|d| vec![d])?;
    let results: Vec<Result<Option<Output>, Diagnostic>> = docs
        .par_iter()
        .flat_map_iter(|doc| match files(cx, &look, doc) {
            Ok([deck, pptx]) => vec![cx.keep(Ok(deck)), cx.keep(Ok(pptx))],
            Err(e) => vec![Err(e)],
        })
        .collect();
    super::gather_kept(results)
}

/// A document's deck and .pptx.
fn files(cx: &Context, look: &Look, doc: &Document) -> Result<[Output; 2], Diagnostic> {
    let deck = deck_of(cx, doc)?;
    let folder = doc.source.parent().unwrap_or(Path::new("")).to_path_buf();
    let image = |src: &str| data_url(cx.root, &folder, src);
    let html = html::deck(
        &deck,
        &cx.model.config.language,
        &html::Parts {
            template: &look.template,
            style: &look.style,
            script: &look.script,
        },
        &image,
    );
    let bytes = pptx::pptx_with(&deck, &look.pptx, &|src: &str| {
        picture(cx.root, &folder, src)
    })
    .map_err(|e| {
        Diagnostic::error(
            "io",
            &doc.source,
            Span::file_start(),
            format!("无法生成 PPT：{e}"),
        )
    })?;
    Ok([
        Output::new(deck_path(doc), html),
        Output::new(pptx_path(doc), bytes),
    ])
}

/// The deck of one document, its Markdown read again from its file.
pub fn deck_of(cx: &Context, doc: &Document) -> Result<Deck, Diagnostic> {
    let text = crate::load::read_text(cx.root, &doc.source)?;
    let body = match crate::load::split::split(&text) {
        Ok(split) => split.body.to_string(),
        Err(_) => String::new(),
    };
    let plan = Plan::parse(&body, doc.body_line);
    Ok(derive::derive(&plan, &facts(cx, doc)))
}

/// Whether a document's deck ends with whom to ask for help: remedial topics and the
/// life-education emphases (认知生命, 珍爱生命, 敬畏生命).
pub fn needs_help_slide(doc: &Document) -> bool {
    if !matches!(doc.kind, Kind::Lesson | Kind::ClassMeeting) {
        return false;
    }
    doc.track() == Some(Track::Remedial)
        || doc.topic.as_ref().is_some_and(|t| {
            t.name.contains("生命")
                || matches!(
                    t.id.as_str(),
                    "life-awareness" | "cherish-life" | "reverence-for-life"
                )
        })
}

pub fn facts(cx: &Context, doc: &Document) -> Facts {
    let d = &doc.details;
    let mut line: Vec<String> = Vec::new();
    if let Some(t) = &doc.topic {
        line.push(t.name.clone());
    }
    if !d.grades.is_empty() {
        line.push(d.grades.join("、"));
    }
    match doc.kind {
        Kind::ClassMeeting => line.push("主题班会".into()),
        Kind::Training => line.push("教师培训".into()),
        _ => {}
    }
    if let Some(f) = &d.form {
        line.push(f.name.clone());
    }
    if let Some(m) = d.duration {
        line.push(format!("{m}分钟"));
    }
    if let Some(h) = d.hours {
        line.push(format!("{h}课时"));
    }
    let mut notes = Vec::new();
    if let Some(s) = &doc.summary {
        notes.push(s.clone());
    }
    if let Some(o) = &d.objectives {
        match o.domains() {
            Some(domains) => {
                for (name, text) in domains {
                    if let Some(t) = text {
                        notes.push(format!("{name}目标：{t}"));
                    }
                }
            }
            None => {
                if let crate::model::Objectives::List { items } = o {
                    notes.extend(items.iter().map(|i| format!("目标：{i}")));
                }
            }
        }
    }
    Facts {
        title: doc.title.clone(),
        subtitle: line.join(" · "),
        notes: notes.join("\n"),
        help: needs_help_slide(doc),
        people: match doc.stage() {
            Some(crate::catalog::Stage::Kindergarten) => {
                vec!["幼儿园的老师".into(), "爸爸妈妈或家里信任的大人".into()]
            }
            Some(crate::catalog::Stage::University) => vec![
                "辅导员和任课老师".into(),
                "学校心理健康教育与咨询中心".into(),
                "家人和信任的朋友".into(),
            ],
            _ => Vec::new(),
        },
        hotlines: cx
            .model
            .config
            .hotlines
            .iter()
            .map(|h| (h.name.clone(), h.number.clone(), h.hours_24))
            .collect(),
    }
}

/// An image beside the plan: its bytes and extension (lower case). `None` for an address
/// elsewhere, a missing file, one outside the project or over 5 MB.
fn image_file(root: &Path, folder: &Path, src: &str) -> Option<(Vec<u8>, String)> {
    if src.contains(':') || src.starts_with('/') {
        return None;
    }
    let path = src.split(['?', '#']).next()?;
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut rel = PathBuf::from(folder);
    for c in Path::new(path.as_ref()).components() {
        match c {
            Component::Normal(p) => rel.push(p),
            Component::ParentDir => {
                rel.pop();
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    let ext = rel.extension()?.to_str()?.to_ascii_lowercase();
    crate::guard::links::check_inside(root, &rel).ok()?;
    let bytes = std::fs::read(root.join(&rel)).ok()?;
    (bytes.len() <= 5 << 20).then_some((bytes, ext))
}

/// An image beside the plan as a `data:` URL, so the deck makes no request.
fn data_url(root: &Path, folder: &Path, src: &str) -> Option<String> {
    let (bytes, ext) = image_file(root, folder, src)?;
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return None,
    };
    Some(format!("data:{mime};base64,{}", base64(&bytes)))
}

/// An image beside the plan as a picture for the .pptx: PNG, JPEG or GIF whose size can be
/// read (an SVG or WebP picture shows as its description there).
fn picture(root: &Path, folder: &Path, src: &str) -> Option<pptx::Picture> {
    let (bytes, ext) = image_file(root, folder, src)?;
    let be = |b: &[u8]| u32::from(u16::from_be_bytes([b[0], b[1]]));
    let (ext, width, height) = match ext.as_str() {
        "png" if bytes.len() >= 24 && bytes.starts_with(b"\x89PNG") => {
            let dim = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
            ("png", dim(16), dim(20))
        }
        "gif" if bytes.len() >= 10 && bytes.starts_with(b"GIF") => {
            let dim = |at: usize| u32::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
            ("gif", dim(6), dim(8))
        }
        "jpg" | "jpeg" => {
            // The first start-of-frame marker holds the height and width.
            let mut i = 2;
            loop {
                let marker = *bytes.get(i + 1)?;
                if *bytes.get(i)? != 0xFF {
                    return None;
                }
                let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
                if is_sof {
                    let b = bytes.get(i + 5..i + 9)?;
                    break ("jpeg", be(&b[2..4]), be(&b[0..2]));
                }
                i += 2 + be(bytes.get(i + 2..i + 4)?) as usize;
            }
        }
        _ => return None,
    };
    (width > 0 && height > 0).then_some(pptx::Picture {
        bytes,
        ext,
        width,
        height,
    })
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
