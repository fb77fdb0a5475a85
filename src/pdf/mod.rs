//! PDFs of the print views, printed by one headless Chromium, Chrome or Edge for the whole
//! build over the DevTools protocol ([`cdp`]), a few tabs at a time. Each print view is fitted
//! to whole sheets first ([`fit.js`](fit.js)) and its pages counted. PDFs are made into the
//! staging folder, before it replaces the output, and kept by later builds while nothing that
//! goes into them changes ([`cache`]).

mod browser;
pub mod cache;
mod cdp;
pub mod overflow;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::json;

pub use browser::{FAMILY, NAMES, NotFound, find};

use crate::emit::print::PdfJob;

/// At most this many tabs print at once.
pub const MAX_TABS: usize = 4;

/// The printable height of an A4 page under the print views' `@page` margins (297 − 2 × 12 mm),
/// and its width (210 − 2 × 15 mm).
const PAGE_HEIGHT_MM: f64 = 273.0;
const PAGE_WIDTH_MM: f64 = 180.0;

/// The fitting script, run in each print view before printing. Part of every PDF's cache key.
pub const FIT_JS: &str = include_str!("fit.js");

/// How one sheet (a plan, handout or letter) of a print view came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetFit {
    /// The sheet's document, site-relative.
    pub url: String,
    /// Pages as written, before tightening.
    pub natural: u32,
    /// Pages printed.
    pub pages: u32,
    /// The pages it should take: its `pages:`, or one less than a near-empty last page.
    pub target: u32,
    /// Tightening steps used (0: none).
    pub level: u32,
    /// Ruled lines dropped from the end of answer boxes.
    pub dropped: u32,
    /// Lines that still spill past `target` (0: it fits).
    pub spill: u32,
}

/// One PDF made: its page count and how each sheet came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Printed {
    pub pages: u32,
    pub sheets: Vec<SheetFit>,
}

/// How many tabs to print with for `jobs` PDFs.
pub fn parallelism(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores * 2).min(MAX_TABS).min(jobs).max(1)
}

/// Prints every job's print view under `dir` to its PDF there, with one `browser` process and
/// `tabs` tabs; `done` is called after each one (for a progress bar). One result per job.
pub fn print_all(
    browser: &Path,
    dir: &Path,
    jobs: &[&PdfJob],
    tabs: usize,
    done: &dyn Fn(&PdfJob),
) -> Vec<Result<Printed, String>> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let mut b = match cdp::Browser::launch(browser) {
        Ok(b) => b,
        Err(why) => return jobs.iter().map(|_| Err(why.clone())).collect(),
    };
    let mut sessions = Vec::new();
    for _ in 0..tabs.clamp(1, jobs.len()) {
        match open(&mut b) {
            Ok(s) => sessions.push(s),
            Err(why) if sessions.is_empty() => {
                let why = with_words(&b, why);
                return jobs.iter().map(|_| Err(why.clone())).collect();
            }
            Err(_) => break,
        }
    }
    let mut results = Vec::with_capacity(jobs.len());
    for chunk in jobs.chunks(sessions.len()) {
        let mut printed = print_chunk(&mut b, &sessions, dir, chunk, PAGE_HEIGHT_MM);
        // Where the browser's pages came out more than the fitting counted, fit again to a
        // page a little shorter, once.
        let short: Vec<usize> = (0..chunk.len())
            .filter(|&i| matches!(&printed[i], Ok(p) if p.pages > p.sheets.iter().map(|s| s.pages).sum()))
            .collect();
        if !short.is_empty() {
            let again: Vec<&PdfJob> = short.iter().map(|&i| chunk[i]).collect();
            let redone = print_chunk(&mut b, &sessions, dir, &again, PAGE_HEIGHT_MM - 12.0);
            for (i, r) in short.into_iter().zip(redone) {
                if r.is_ok() {
                    printed[i] = r;
                }
            }
        }
        for r in printed {
            results.push(r.map_err(|why| with_words(&b, why)));
        }
        chunk.iter().for_each(|j| done(j));
    }
    results
}

fn with_words(b: &cdp::Browser, why: String) -> String {
    let tail = b.last_words();
    if tail.is_empty() {
        why
    } else {
        format!("{why}；浏览器输出：{tail}")
    }
}

/// A tab laid out like the printable area of an A4 page.
fn open(b: &mut cdp::Browser) -> Result<String, String> {
    let session = b.open_tab()?;
    let px = |mm: f64| (mm * 96.0 / 25.4).round();
    b.call(
        Some(&session),
        "Emulation.setDeviceMetricsOverride",
        json!({"width": px(PAGE_WIDTH_MM), "height": px(PAGE_HEIGHT_MM), "deviceScaleFactor": 1, "mobile": false}),
    )?;
    Ok(session)
}

/// Loads, fits and prints one job per tab, side by side.
fn print_chunk(
    b: &mut cdp::Browser,
    sessions: &[String],
    dir: &Path,
    chunk: &[&PdfJob],
    page_mm: f64,
) -> Vec<Result<Printed, String>> {
    let urls: Vec<Result<String, String>> = chunk
        .iter()
        .map(|j| absolute(&dir.join(&j.html)).map(|p| file_url(&p)))
        .collect();
    let pairs: Vec<(usize, &String)> = urls
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.as_ref().ok().map(|u| (i, u)))
        .collect();
    let mut outcome: Vec<Result<Printed, String>> = urls
        .iter()
        .map(|u| {
            u.clone().map(|_| Printed {
                pages: 0,
                sheets: Vec::new(),
            })
        })
        .collect();
    let step = |b: &mut cdp::Browser, method: &str, params: &dyn Fn(&str) -> serde_json::Value| {
        let calls: Vec<cdp::Call> = pairs
            .iter()
            .map(|&(i, u)| cdp::Call {
                session: Some(sessions[i].as_str()),
                method,
                params: params(u),
            })
            .collect();
        b.call_all(&calls)
    };
    let navigated = step(b, "Page.navigate", &|u| json!({"url": u}));
    let fit = |u: &str| {
        json!({
            "expression": format!("({FIT_JS})({}, {page_mm})", json!(u)),
            "awaitPromise": true,
            "returnByValue": true,
        })
    };
    let mut fitted = step(b, "Runtime.evaluate", &fit);
    // An evaluation that started in the tab's previous page ends with it; once more.
    for (k, &(_, u)) in pairs.iter().enumerate() {
        let lost = matches!(&fitted[k], Err(e) if e.contains("context") || e.contains("navigat"));
        if lost {
            fitted[k] = b.call(Some(&sessions[pairs[k].0]), "Runtime.evaluate", fit(u));
        }
    }
    let printed = step(
        b,
        "Page.printToPDF",
        &|_| json!({"preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false}),
    );
    for (k, &(i, _)) in pairs.iter().enumerate() {
        outcome[i] = finish(
            &navigated[k],
            &fitted[k],
            &printed[k],
            &dir.join(&chunk[i].pdf),
        );
    }
    outcome
}

fn finish(
    navigated: &Result<serde_json::Value, String>,
    fitted: &Result<serde_json::Value, String>,
    printed: &Result<serde_json::Value, String>,
    pdf: &Path,
) -> Result<Printed, String> {
    let nav = navigated
        .as_ref()
        .map_err(|e| format!("打不开打印页：{e}"))?;
    if let Some(e) = nav.get("errorText").and_then(|e| e.as_str()) {
        return Err(format!("打不开打印页：{e}"));
    }
    let fitted = fitted
        .as_ref()
        .map_err(|e| format!("排版检查没有完成：{e}"))?;
    if let Some(e) = fitted.get("exceptionDetails") {
        return Err(format!("排版检查出错：{}", e["exception"]["description"]));
    }
    let sheets: Vec<SheetFit> = fitted["result"]["value"]
        .as_str()
        .and_then(|s| serde_json::from_str(s).ok())
        .ok_or("排版检查没有给出结果")?;
    let data = printed.as_ref().map_err(|e| format!("打印失败：{e}"))?["data"]
        .as_str()
        .ok_or("浏览器没有给出 PDF")?
        .to_string();
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| format!("浏览器给出的 PDF 无法解码：{e}"))?;
    if !bytes.starts_with(b"%PDF") {
        return Err("浏览器给出的文件不是 PDF".into());
    }
    if let Some(parent) = pdf.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("无法创建 {}：{e}", parent.display()))?;
    }
    fs::write(pdf, &bytes).map_err(|e| format!("无法写入 {}：{e}", pdf.display()))?;
    Ok(Printed {
        pages: count_pages(&bytes),
        sheets,
    })
}

/// Pages of a PDF as Chromium writes it: its page objects (`/Type /Page`, not `/Pages`).
pub fn count_pages(pdf: &[u8]) -> u32 {
    let needle = b"/Type /Page";
    let mut count = 0;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&pdf[at..], needle) {
        let end = at + i + needle.len();
        if pdf.get(end) != Some(&b's') {
            count += 1;
        }
        at = end;
    }
    count
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("无法确定 {} 的完整路径：{e}", path.display()))
}

/// A `file://` URL for an absolute path, percent-encoded so spaces and Chinese folder names
/// survive.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/'); // Windows: file:///C:/…
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/学校 A/index.html")),
            "file:///tmp/%E5%AD%A6%E6%A0%A1%20A/index.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\site\index.html")),
            "file:///C:/site/index.html"
        );
    }

    #[test]
    fn parallelism_is_bounded() {
        assert_eq!(parallelism(1), 1);
        assert_eq!(parallelism(0), 1);
        assert!(parallelism(100) <= MAX_TABS);
    }

    #[test]
    fn pages_are_counted_without_the_page_tree() {
        let pdf = b"%PDF-1.4 <</Type /Pages /Kids [1 0 R 2 0 R]>> <</Type /Page>> <</Type /Page /Parent 3 0 R>>";
        assert_eq!(count_pages(pdf), 2);
        assert_eq!(count_pages(b"%PDF"), 0);
    }

    #[test]
    fn a_browser_that_cannot_start_fails_every_job_not_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let job = PdfJob {
            html: "a/print/index.html".into(),
            pdf: "a/print/a.pdf".into(),
            title: "甲".into(),
            owns: Vec::new(),
            linked_from: Vec::new(),
        };
        let missing = dir.path().join("no-such-browser");
        let results = print_all(&missing, dir.path(), &[&job], 2, &|_| {});
        assert_eq!(results.len(), 1);
        let why = results[0].as_ref().unwrap_err();
        assert!(why.contains("无法启动浏览器"), "{why}");
        let profile = std::env::temp_dir().join(format!("yuxin-pdf-{}", std::process::id()));
        assert!(!profile.exists(), "its temporary profile is removed");
    }
}
