//! PDFs of the kits' print views, printed by the system's headless Chromium, Chrome or Edge
//! from the written site, so the print view and the PDF share one layout. Runs after the site
//! is in place; a few browsers at a time, since each is a heavy process.

mod browser;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use browser::{NAMES, NotFound, find};

use crate::emit::print::PdfJob;

/// At most this many browsers run at once, fewer on machines with fewer cores.
pub const MAX_BROWSERS: usize = 4;

/// A browser that has not finished one page in this time is stuck, not slow.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A PDF that could not be made, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub job: PdfJob,
    pub reason: String,
}

/// How many browsers to run at once for `jobs` PDFs.
pub fn parallelism(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(MAX_BROWSERS).min(jobs).max(1)
}

/// Prints every job's print view under `out` to its PDF with `browser`, at most `parallel`
/// at a time; `done` is called after each one (for a progress bar). Returns the failures.
pub fn make_all(
    browser: &Path,
    out: &Path,
    jobs: &[PdfJob],
    parallel: usize,
    done: &(dyn Fn(&PdfJob) + Sync),
) -> Vec<Failure> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for slot in 0..parallel.max(1) {
            let (next, failures) = (&next, &failures);
            scope.spawn(move || {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(reason) = make_one(browser, out, job, slot) {
                        let failure = Failure {
                            job: job.clone(),
                            reason,
                        };
                        failures
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(failure);
                    }
                    done(job);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort_by(|a, b| a.job.pdf.cmp(&b.job.pdf));
    failures
}

fn make_one(browser: &Path, out: &Path, job: &PdfJob, slot: usize) -> Result<(), String> {
    let html = absolute(&out.join(&job.html))?;
    let pdf = absolute(&out.join(&job.pdf))?;
    // Each browser gets a profile of its own: browsers sharing one hand their work to the
    // first and exit at once.
    let profile = std::env::temp_dir().join(format!("yuxin-pdf-{}-{slot}", std::process::id()));
    fs::create_dir_all(&profile).map_err(|e| format!("无法创建临时文件夹：{e}"))?;
    let log = profile.join("browser.log");
    let result = run_browser(browser, &html, &pdf, &profile, &log);
    let result = result.and_then(|()| check_pdf(&pdf)).map_err(|reason| {
        let tail = last_lines(&log, 3);
        if tail.is_empty() {
            reason
        } else {
            format!("{reason}；浏览器输出：{tail}")
        }
    });
    let _ = fs::remove_dir_all(&profile);
    result
}

fn run_browser(
    browser: &Path,
    html: &Path,
    pdf: &Path,
    profile: &Path,
    log: &Path,
) -> Result<(), String> {
    let log = fs::File::create(log).map_err(|e| format!("无法创建临时文件：{e}"))?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            // Our own pages from local files: the sandbox guards against hostile sites, and
            // it cannot start as root (CI, containers).
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            // Old and new spellings of "no date, title and URL in the margins".
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("无法启动浏览器 {}：{e}", browser.display()))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("浏览器异常退出（{status}）")),
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("浏览器 {} 秒内没有完成", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("无法等待浏览器：{e}")),
        }
    }
}

/// A browser can exit cleanly without writing anything (e.g. a page it refused to load).
fn check_pdf(pdf: &Path) -> Result<(), String> {
    match fs::read(pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(()),
        Ok(_) => Err("浏览器写出的文件不是 PDF".into()),
        Err(_) => Err("浏览器没有写出 PDF".into()),
    }
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("无法确定 {} 的完整路径：{e}", path.display()))
}

fn last_lines(path: &Path, n: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join(" / ")
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
        assert!(parallelism(100) <= MAX_BROWSERS);
    }

    #[test]
    fn a_browser_that_fails_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let job = PdfJob {
            html: "a/print/index.html".into(),
            pdf: "a/print/a.pdf".into(),
            title: "甲".into(),
        };
        let missing = dir.path().join("no-such-browser");
        let failures = make_all(&missing, dir.path(), std::slice::from_ref(&job), 2, &|_| {});
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].reason.contains("无法启动浏览器"),
            "{failures:?}"
        );
        assert_eq!(failures[0].job, job);
    }
}
