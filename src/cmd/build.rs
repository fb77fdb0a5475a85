//! `yuxin build`

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{CONTENT_ERROR, OK, USAGE_ERROR, fail, find_root, print_diagnostics, tally, usage};
use crate::pipeline::{self, Options};

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：向上找到有 yuxin.yaml 的文件夹）
    #[arg(long)]
    root: Option<PathBuf>,
    /// 输出文件夹（默认：项目里的 public/）
    #[arg(long)]
    out: Option<PathBuf>,
    /// 连草稿（draft: true）一起构建
    #[arg(long)]
    drafts: bool,
    /// 同时为每个打印页（教案、班会材料及其每一份、培训讲义、学时证明）生成 PDF（用本机的 Chromium、Chrome 或 Edge）
    #[arg(long)]
    pdf: bool,
    /// 只构建这所学校的家长学校网站（默认输出到 public/schools/<ID>/）
    #[arg(long, value_name = "ID")]
    school: Option<String>,
}

pub fn run(args: Args) -> u8 {
    let started = Instant::now();
    let root = match find_root(args.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let out = args.out.unwrap_or_else(|| match &args.school {
        Some(id) => root.join("public").join(crate::school::DIR).join(id),
        None => root.join("public"),
    });
    if let Err(code) = check_out(&root, &out, args.school.as_deref()) {
        return code;
    }
    let options = Options {
        drafts: args.drafts,
    };
    let analysed = crate::guard::fault::catch("analyse", || pipeline::analyse(&root, &options));
    let mut analysis = match analysed {
        Ok(Ok(a)) => a,
        Err(crash) => {
            eprintln!("{}", crash.render_human(None));
            eprintln!("构建失败：内部错误。输出文件夹没有改动。");
            return CONTENT_ERROR;
        }
        Ok(Err(fatal)) => {
            eprintln!("{}", fatal.diagnostic.render_human(fatal.source.as_deref()));
            return CONTENT_ERROR;
        }
    };
    print_diagnostics(&root, &analysis.diagnostics, &analysis.sources);
    if analysis.has_errors() {
        eprintln!(
            "构建失败：{}。输出文件夹没有改动。",
            tally(&analysis.diagnostics)
        );
        return CONTENT_ERROR;
    }
    analysis.release_markdown();
    // PDFs are printed from the teacher site's print views, which a one-school build has not.
    let browser = if args.school.is_some() {
        analysis.model.config.pdf = false;
        None
    } else {
        super::pdf::prepare(args.pdf, &mut analysis.model.config, &out)
    };
    let emitters = match &args.school {
        Some(id) => match super::school::emitters(&analysis, id) {
            Ok(e) => e,
            Err(code) => return code,
        },
        None => crate::emit::default_emitters(),
    };
    let teacher_site = args.school.is_none();
    let mut done = super::pdf::Done::default();
    let mut finish = |staging: &crate::write::Staging| {
        if teacher_site {
            done = super::pdf::finish(
                browser.as_deref(),
                &analysis.model,
                &analysis.schools,
                &root,
                &out,
                staging,
            )?;
        }
        Ok(())
    };
    match pipeline::build_then(&root, &out, &analysis, started, emitters, &mut finish) {
        Ok(s) => {
            print_diagnostics(&root, &done.diagnostics, &analysis.sources);
            let all: Vec<_> = analysis
                .diagnostics
                .iter()
                .chain(&done.diagnostics)
                .cloned()
                .collect();
            let warnings = if all.is_empty() {
                String::new()
            } else {
                format!("（{}）", tally(&all))
            };
            println!(
                "构建完成：{} 篇文档，{} 个页面，共 {} 个文件，用时 {:.2} 秒 → {}{warnings}",
                s.documents,
                s.pages,
                s.files,
                s.seconds,
                out.display()
            );
            crate::stats::print_if_asked();
            if !done.failures.is_empty() {
                USAGE_ERROR
            } else if done
                .diagnostics
                .iter()
                .any(|d| d.severity == crate::diag::Severity::Error)
            {
                CONTENT_ERROR
            } else {
                OK
            }
        }
        Err(diags) => {
            print_diagnostics(&root, &diags, &analysis.sources);
            let io = diags.iter().any(|d| d.lint == "io");
            eprintln!("构建失败：{}。输出文件夹没有改动。", tally(&diags));
            if io { USAGE_ERROR } else { CONTENT_ERROR }
        }
    }
}

/// The output folder is deleted and replaced on every build: never let it be the project, a
/// folder holding it, or a folder yuxin did not make (see [`crate::guard::output`]). A
/// `--school` id becomes a folder name, so it must be one.
fn check_out(root: &Path, out: &Path, school: Option<&str>) -> Result<(), u8> {
    if let Some(id) = school
        && let Err(why) = crate::guard::names::check_segment(id)
    {
        return Err(fail(
            &usage(
                "usage",
                format!("学校编号 `{id}` 不能用作文件夹名：{}", why.describe()),
            )
            .with_hint(
                "--school 后面写 yuxin.yaml 或 schools/*.yaml 里声明的 id，例如 --school gulou",
            ),
        ));
    }
    crate::guard::output::check(root, out)
        .map_err(|r| fail(&usage("output", r.message).with_hint(r.hint)))?;
    crate::guard::output::recover(out);
    Ok(())
}
