//! Work counters of the process: documents parsed, bodies rendered, pages made from templates,
//! files and bytes written. `YUXIN_STATS=1 yuxin build` prints them, and tests use them to
//! prove that a build parses and renders each document once: a guard on the amount of work,
//! not on wall-clock time, so it holds on any machine.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static PARSED: AtomicUsize = AtomicUsize::new(0);
static RENDERED: AtomicUsize = AtomicUsize::new(0);
static TEMPLATES: AtomicUsize = AtomicUsize::new(0);
static FILES: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

/// The environment variable that makes `yuxin build` and `yuxin check` print the counters.
pub const ENV: &str = "YUXIN_STATS";

/// One Markdown file turned into a document (front matter read).
pub fn parsed() {
    PARSED.fetch_add(1, Ordering::Relaxed);
}

/// One document body rendered from Markdown to HTML.
pub fn rendered() {
    RENDERED.fetch_add(1, Ordering::Relaxed);
}

/// One page rendered from a template.
pub fn template() {
    TEMPLATES.fetch_add(1, Ordering::Relaxed);
}

/// A build's output written.
pub fn wrote(files: usize, bytes: usize) {
    FILES.fetch_add(files, Ordering::Relaxed);
    BYTES.fetch_add(bytes, Ordering::Relaxed);
}

/// Wall time of the build's phases in the order they ended, for finding where a build's time
/// goes (printed with the counters, never asserted on).
static PHASES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

/// Times a phase until the returned guard is dropped.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        started: Instant::now(),
    }
}

pub struct Phase {
    name: &'static str,
    started: Instant,
}

impl Drop for Phase {
    fn drop(&mut self) {
        let took = self.started.elapsed();
        PHASES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((self.name, took));
    }
}

/// The counters so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub parsed: usize,
    pub rendered: usize,
    pub templates: usize,
    pub files: usize,
    pub bytes: usize,
}

pub fn now() -> Stats {
    Stats {
        parsed: PARSED.load(Ordering::Relaxed),
        rendered: RENDERED.load(Ordering::Relaxed),
        templates: TEMPLATES.load(Ordering::Relaxed),
        files: FILES.load(Ordering::Relaxed),
        bytes: BYTES.load(Ordering::Relaxed),
    }
}

/// Prints the counters to stderr when [`ENV`] is set.
pub fn print_if_asked() {
    if std::env::var_os(ENV).is_some() {
        eprintln!("{}", now());
        let phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
        let line: Vec<String> = (phases.iter())
            .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("用时：{}", line.join("，"));
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "统计：解析 {} 篇文档，渲染 {} 篇正文，套用模板 {} 次，写出 {} 个文件（{} 字节）",
            self.parsed, self.rendered, self.templates, self.files, self.bytes
        )
    }
}
