//! `yuxin check`

use std::path::PathBuf;

use super::{CONTENT_ERROR, Format, OK, find_root, print_diagnostics, tally};
use crate::diag::{self, Severity};
use crate::pipeline::{self, Options};

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：向上找到有 yuxin.yaml 的文件夹）
    #[arg(long)]
    root: Option<PathBuf>,
    /// 输出格式：human（给人看）或 json（给程序用）
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// `--deny warnings`：有警告也算失败
    #[arg(long, value_parser = ["warnings"])]
    deny: Option<String>,
    /// 连草稿一起检查
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
    // A crash (a bug in yuxin) is reported like any other problem, in JSON too.
    let analysed = crate::guard::fault::catch("analyse", || pipeline::analyse(&root, &options));
    let (diagnostics, sources, documents) = match analysed {
        Ok(Ok(a)) => (a.diagnostics, a.sources, a.model.documents.len()),
        Ok(Err(fatal)) => (vec![fatal.diagnostic], Default::default(), 0),
        Err(crash) => (vec![crash], Default::default(), 0),
    };
    match args.format {
        Format::Json => super::stdout(&format!("{}\n", diag::to_json(&diagnostics))),
        Format::Human => {
            print_diagnostics(&root, &diagnostics, &sources);
            eprintln!("检查了 {documents} 篇文档：{}", tally(&diagnostics));
        }
    }
    let fails = |d: &diag::Diagnostic| d.severity == Severity::Error || args.deny.is_some();
    if diagnostics.iter().any(fails) {
        CONTENT_ERROR
    } else {
        OK
    }
}
