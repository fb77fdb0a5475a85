//! The PDF part of `yuxin build`: find a browser before the site is emitted (so pages carry
//! their PDF links), then, in the staging folder before it replaces the output, carry over the
//! still-valid PDFs of the previous output, print the others (with `--pdf`), and keep only the
//! links to PDFs that are there.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::emit::print::{PdfJob, base_url_is_absolute, pdf_jobs};
use crate::model::Curriculum;
use crate::pdf::cache::{self, Entry};

/// The browser to print with when PDFs are asked for (`--pdf` or `pdf: true`). Leaves
/// `config.pdf` saying whether this build prints them. With no browser (or a `browser:` that
/// is not a Chromium-family one), says so and which were looked for; the build goes on,
/// keeping the PDFs that are still valid.
pub fn prepare(asked: bool, config: &mut Config, out: &Path) -> Option<PathBuf> {
    // Pages link PDFs only when some may be there: printed now or kept from the last build.
    // Without, no page carries a link to settle afterwards (1,500 schools: 15,000 pages read
    // and written again for nothing).
    config.pdf_links = !cache::read(out).is_empty();
    if !(asked || config.pdf) {
        return None;
    }
    match crate::pdf::find(config.browser.as_deref()) {
        Ok(browser) => {
            config.pdf = true;
            config.pdf_links = true;
            Some(browser)
        }
        Err(not_found) => {
            config.pdf = false;
            let (message, hint) = not_found.explain();
            let warning = Diagnostic::general(
                Severity::Warning,
                "pdf",
                format!("{message}。网站照常构建，只是不生成新的 PDF。"),
            )
            .with_hint(hint);
            eprint!("{}", warning.render_human(None));
            None
        }
    }
}

/// What the PDF step did.
#[derive(Default)]
pub struct Done {
    /// PDFs that could not be made, with why.
    pub failures: Vec<(PdfJob, String)>,
    /// `print-overflow` warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs in the staging folder `dir` of a build of `model` into `out`: carries, prints (with a
/// browser), writes the manifest and settles the links.
pub fn finish(
    browser: Option<&Path>,
    model: &Curriculum,
    schools: &[crate::school::School],
    root: &Path,
    out: &Path,
    staging: &crate::write::Staging,
) -> Result<Done, Vec<Diagnostic>> {
    if !model.config.pdf_links {
        return Ok(Done::default());
    }
    let dir = staging.dir();
    let io = |e: std::io::Error| vec![crate::guard::write_error::diagnostic(out, &e)];
    let jobs = pdf_jobs(model, schools);
    let plan = cache::carry(out, dir, &jobs, browser.is_some());
    let carried = plan.carried.len();
    let mut made = plan.carried;
    let mut done = Done::default();
    let started = Instant::now();
    let mut printed = 0;
    if let Some(browser) = browser {
        if !plan.todo.is_empty() && !base_url_is_absolute(&model.config.base_url) {
            eprintln!(
                "注意：yuxin.yaml 的 base_url（{}）不是完整网址，PDF 上没有二维码。\n  = 提示：写成网站的完整网址，例如 base_url: https://xl.example.edu.cn/",
                model.config.base_url
            );
        }
        let todo: Vec<&PdfJob> = plan.todo.iter().map(|(j, _)| *j).collect();
        let tabs = crate::pdf::parallelism(todo.len());
        let bar = ProgressBar::new(todo.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("生成 PDF {bar:30} {pos}/{len} · {elapsed} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        let results = crate::pdf::print_all(browser, dir, &todo, tabs, &|job| {
            bar.set_message(job.title.clone());
            bar.inc(1);
        });
        bar.finish_and_clear();
        for ((job, key), result) in plan.todo.iter().zip(results) {
            match result {
                Ok(p) => {
                    printed += 1;
                    made.insert(
                        job.pdf.clone(),
                        Entry {
                            key: key.clone(),
                            printed: p,
                        },
                    );
                }
                Err(reason) => done.failures.push(((*job).clone(), reason)),
            }
        }
        for (job, reason) in &done.failures {
            let error = Diagnostic::general(
                Severity::Error,
                "pdf",
                format!(
                    "没能生成 {}（《{}》）：{reason}",
                    out.join(&job.pdf).display(),
                    job.title
                ),
            )
            .with_hint(format!(
                "确认 {} 能以 --headless 运行；也可以在 yuxin.yaml 里用 browser: 换一个浏览器",
                browser.display()
            ));
            eprint!("{}", error.render_human(None));
        }
        println!(
            "PDF：{} 份（新打印 {printed} 份，沿用 {carried} 份），用时 {:.1} 秒（{}，同时 {} 页）",
            made.len(),
            started.elapsed().as_secs_f64(),
            browser.display(),
            tabs
        );
    } else if carried > 0 {
        println!(
            "PDF：沿用上次生成的 {carried} 份（内容改过的不再保留；yuxin build --pdf 重新生成）"
        );
    }
    // A site without PDFs gets no manifest either.
    if !made.is_empty() {
        cache::write(dir, &made).map_err(io)?;
    }
    let present: HashSet<String> = made.keys().cloned().collect();
    let (before, after) = cache::settle_links(dir, &jobs, &present).map_err(io)?;
    staging.rewrote(before, after);
    done.diagnostics = crate::pdf::overflow::diagnostics(model, root, &jobs, &made);
    Ok(done)
}
