//! `yuxin report`: coverage, forms, class meetings and training hours.

use std::path::PathBuf;

use super::{CONTENT_ERROR, OK, find_root, print_diagnostics};
use crate::pipeline::{self, Options};
use crate::report::{Report, html, table};

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Html,
}

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：向上找到有 yuxin.yaml 的文件夹）
    #[arg(long)]
    root: Option<PathBuf>,
    /// 输出格式：human（终端表格）、json（给程序用）或 html（可打印的 A4 横向报告）
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// 连草稿一起统计
    #[arg(long)]
    drafts: bool,
}

pub fn run(args: Args) -> u8 {
    let root = match find_root(args.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let options = Options {
        drafts: args.drafts,
    };
    let analysed = crate::guard::fault::catch("analyse", || pipeline::analyse(&root, &options));
    let analysis = match analysed {
        Ok(Ok(a)) => a,
        Err(crash) => {
            eprintln!("{}", crash.render_human(None));
            return CONTENT_ERROR;
        }
        Ok(Err(fatal)) => {
            let sources = fatal
                .source
                .iter()
                .map(|s| (fatal.diagnostic.file.clone(), s.clone()))
                .collect();
            print_diagnostics(&root, std::slice::from_ref(&fatal.diagnostic), &sources);
            return CONTENT_ERROR;
        }
    };
    if analysis.has_errors() {
        let errors = crate::diag::count(&analysis.diagnostics, crate::diag::Severity::Error);
        eprintln!(
            "注意：内容里有 {errors} 个错误，出错的文件没有计入报告\n  = 提示：运行 `yuxin check` 查看并修正"
        );
    }
    let report = Report::new(&analysis.model);
    match args.format {
        Format::Human => super::stdout(&table::render(&report)),
        Format::Json => super::stdout(&format!("{}\n", report.to_json())),
        Format::Html => super::stdout(&html::standalone(&report, &analysis.model.config.language)),
    }
    OK
}
