//! QR codes for printed sheets: where each one points, and the code itself as inline SVG, so a
//! sheet needs no image file and no network.

mod mask;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use qrcodegen::QrCodeEcc;
use serde::Serialize;

use crate::catalog::Stage;
use crate::model::{Curriculum, Document, HandoutAudience, Kind};

/// Modules of white around the code; the standard asks for four so phones find it.
const QUIET: usize = 4;

/// A QR code ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct Qr {
    /// The absolute URL it encodes.
    pub url: String,
    /// What a reader gets by scanning, e.g. `扫码看家长微课《…》`.
    pub caption: String,
    pub svg: String,
}

/// Where a sheet's QR code leads, as a site-relative URL and a caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    pub caption: String,
}

/// Whether `base_url` can make a URL a phone can open: QR codes need `http(s)://host/`.
pub fn is_absolute(base_url: &str) -> bool {
    base_url.starts_with("https://") || base_url.starts_with("http://")
}

/// A parent letter leads to the parents' micro-course on the same topic and stage when there
/// is one (parents who scan want more help, not the letter again); anything else leads to its
/// own online page.
pub fn target(model: &Curriculum, doc: &Document, kit: Option<&Document>) -> Target {
    if doc.details.handout_audience == Some(HandoutAudience::Parents)
        && let Some(course) = microcourse_for(model, doc, kit)
    {
        return Target {
            url: course.url.clone(),
            caption: format!("扫码看家长微课《{}》", course.title),
        };
    }
    let caption = match doc.kind {
        Kind::Handout if doc.details.handout_audience == Some(HandoutAudience::Parents) => {
            "扫码在手机上看这封信"
        }
        Kind::Handout => "扫码查看在线版",
        _ => "扫码打开在线教案和全部材料",
    };
    Target {
        url: doc.url.clone(),
        caption: caption.into(),
    }
}

/// The micro-course of the letter's stage and topic, preferring one whose grades meet the
/// kit's, then the usual list order.
fn microcourse_for<'a>(
    model: &'a Curriculum,
    doc: &Document,
    kit: Option<&Document>,
) -> Option<&'a Document> {
    let stage: Stage = doc.stage()?;
    let topic = doc.topic.as_ref().or(kit.and_then(|k| k.topic.as_ref()))?;
    let grades = kit.map_or(&doc.details.grades, |k| &k.details.grades);
    let candidates = model.documents.iter().filter(|d| {
        d.kind == Kind::Microcourse
            && d.stage() == Some(stage)
            && d.topic.as_ref().is_some_and(|t| t.id == topic.id)
    });
    let sorted = model.sorted(candidates);
    sorted
        .iter()
        .find(|d| d.details.grades.iter().any(|g| grades.contains(g)))
        .or(sorted.first())
        .copied()
}

/// How many codes [`svg`] remembers: every school's copy of a kit carries the same teacher-site
/// codes, and each letter's code is drawn twice (the letter's page and its kit's).
const REMEMBERED: usize = 4096;

/// The code for `url` as an SVG drawn in whole modules, black on white, with its quiet zone.
/// `None` only if the URL is too long for any QR version. A code is still a good part of a school
/// copy's work (1,500 schools: 20,000 codes, a few hundred distinct but their letters'), so codes
/// already drawn are remembered.
pub fn svg(url: &str) -> Option<String> {
    static DRAWN: OnceLock<Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let drawn = DRAWN.get_or_init(Default::default);
    if let Some(svg) = drawn.lock().unwrap_or_else(|e| e.into_inner()).get(url) {
        return svg.clone();
    }
    let svg = draw(url);
    let mut drawn = drawn.lock().unwrap_or_else(|e| e.into_inner());
    if drawn.len() >= REMEMBERED {
        drawn.clear();
    }
    drawn.insert(url.to_string(), svg.clone());
    svg
}

fn draw(url: &str) -> Option<String> {
    let code = mask::encode(url, QrCodeEcc::Medium)?;
    let width = code.size();
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width);
    // One stroke a module high along each run of dark modules, each moved to from where the
    // last one ended: a third of the bytes of one rectangle per run.
    let mut pen: Option<(i64, i64)> = None;
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if !code.dark(x, y) {
                x += 1;
                continue;
            }
            let run = (x..width).take_while(|&i| code.dark(i, y)).count();
            // Pushed digit by digit: `write!` was a third of drawing a code.
            match pen {
                None => {
                    path.push('M');
                    push_number(&mut path, (x + QUIET) as i64);
                    path.push(' ');
                    push_number(&mut path, (y + QUIET) as i64);
                    path.push_str(".5");
                }
                Some((px, py)) => {
                    path.push('m');
                    push_number(&mut path, x as i64 - px);
                    path.push(' ');
                    push_number(&mut path, y as i64 - py);
                }
            }
            path.push('h');
            push_number(&mut path, run as i64);
            pen = Some(((x + run) as i64, y as i64));
            x += run;
        }
    }
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"二维码：{}\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"none\" stroke=\"#000\" d=\"{path}\"/></svg>",
        crate::render::escape::escape(url)
    ))
}

fn push_number(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    if n >= 10 {
        push_number(out, (n / 10) as i64);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The QR code of `target` under `base_url`, or `None` when the base URL is not absolute.
pub fn make(base_url: &str, target: &Target) -> Option<Qr> {
    if !is_absolute(base_url) {
        return None;
    }
    let url = format!("{base_url}{}", target.url);
    Some(Qr {
        svg: svg(&url)?,
        url,
        caption: target.caption.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_base_urls_make_codes() {
        let t = Target {
            url: "a/".into(),
            caption: "c".into(),
        };
        assert!(make("/", &t).is_none());
        assert!(make("./", &t).is_none());
        let qr = make("https://x.cn/", &t).unwrap();
        assert_eq!(qr.url, "https://x.cn/a/");
        assert!(qr.svg.starts_with("<svg"));
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, -1, 10, -45, 120, 9_999] {
            let mut s = String::new();
            push_number(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn svg_draws_the_finder_pattern_at_the_quiet_zone() {
        let svg = svg("https://x.cn/").unwrap();
        // The top-left finder pattern's first row is a run of 7 dark modules.
        assert!(svg.contains("d=\"M4 4.5h7m"), "{svg}");
        assert!(
            svg.contains("viewBox=\"0 0 29 29\""),
            "version 1 is 21 modules: {svg}"
        );
    }
}
