//! The `--pdf` part of `yuxin build`: find a browser before the site is emitted (so pages
//! link to PDFs only when they will exist), then print the kits once the site is written.

use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{OK, USAGE_ERROR};
use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::emit::print::{base_url_is_absolute, pdf_jobs};
use crate::model::Curriculum;

/// The browser to print with when PDFs are asked for (`--pdf` or `pdf: true`). Leaves
/// `config.pdf` saying whether this build makes them. With no browser, says so and which
/// were looked for; the build goes on without PDFs.
pub fn prepare(asked: bool, config: &mut Config) -> Option<PathBuf> {
    if !(asked || config.pdf) {
        return None;
    }
    match crate::pdf::find(config.browser.as_deref()) {
        Ok(browser) => {
            config.pdf = true;
            Some(browser)
        }
        Err(not_found) => {
            config.pdf = false;
            let (message, hint) = not_found.explain();
            let warning = Diagnostic::general(
                Severity::Warning,
                "pdf",
                format!("{message}。网站照常构建，只是没有 PDF。"),
            )
            .with_hint(hint);
            eprint!("{}", warning.render_human(None));
            None
        }
    }
}

/// Prints every kit's PDF into `out`. Exit code: OK, or USAGE_ERROR when any PDF failed
/// (the site itself is in place either way).
pub fn run(browser: &Path, model: &Curriculum, out: &Path) -> u8 {
    let jobs = pdf_jobs(model);
    if jobs.is_empty() {
        println!("没有需要生成 PDF 的班会材料。");
        return OK;
    }
    if !base_url_is_absolute(&model.config.base_url) {
        eprintln!(
            "注意：yuxin.yaml 的 base_url（{}）不是完整网址，PDF 上没有二维码。\n  = 提示：写成网站的完整网址，例如 base_url: https://xl.example.edu.cn/",
            model.config.base_url
        );
    }
    let started = Instant::now();
    let parallel = crate::pdf::parallelism(jobs.len());
    let bar = ProgressBar::new(jobs.len() as u64);
    if let Ok(style) =
        ProgressStyle::with_template("生成 PDF {bar:30} {pos}/{len} · {elapsed} {wide_msg}")
    {
        bar.set_style(style);
    }
    // A browser takes seconds per kit: keep the clock moving so the bar never looks stuck.
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    let failures = crate::pdf::make_all(browser, out, &jobs, parallel, &|job| {
        bar.set_message(job.title.clone());
        bar.inc(1);
    });
    bar.finish_and_clear();
    for f in &failures {
        let error = Diagnostic::general(
            Severity::Error,
            "pdf",
            format!(
                "没能生成 {}（《{}》）：{}",
                out.join(&f.job.pdf).display(),
                f.job.title,
                f.reason
            ),
        )
        .with_hint(format!(
            "确认 {} 能以 --headless 运行；也可以在 yuxin.yaml 里用 browser: 换一个浏览器",
            browser.display()
        ));
        eprint!("{}", error.render_human(None));
    }
    println!(
        "PDF：{} 份，用时 {:.1} 秒（{}，同时 {} 个）",
        jobs.len() - failures.len(),
        started.elapsed().as_secs_f64(),
        browser.display(),
        parallel
    );
    if failures.is_empty() { OK } else { USAGE_ERROR }
}
