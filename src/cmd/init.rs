//! `yuxin init [DIR]`: a new project that builds at once.

use std::fs;
use std::path::PathBuf;

use std::io::IsTerminal;

use super::{OK, fail, usage};
use crate::catalog::{Catalog, Stage};
use crate::diag::Diagnostic;

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：当前文件夹）
    dir: Option<PathBuf>,
    /// 服务的学段，用逗号分开，例如 --stages 小学,初中（不写时在终端里询问；非终端默认全部五个学段）
    #[arg(long)]
    stages: Option<String>,
    /// 站点标题，例如 --title 实验小学心理健康教育
    #[arg(long)]
    title: Option<String>,
}

/// The example documents a new project starts with, per stage: a finished lesson, a class
/// meeting kit (plan, handout, parent letter) and a parents' micro-course, taken from the
/// curriculum shipped with yuxin, so that the first build shows real pages with no
/// placeholder text and no warning (`tests/scaffold.rs`). Paths are under `curricula/`.
macro_rules! example {
    ($stage:ident, $path:literal) => {
        (
            Stage::$stage,
            $path,
            include_str!(concat!("../../curricula/", $path)),
        )
    };
}

const EXAMPLES: &[(Stage, &str, &str)] = &[
    example!(
        Kindergarten,
        "kindergarten/developmental/adaptation/xiao-biao-ji-zhao-peng-you.md"
    ),
    example!(
        Kindergarten,
        "kindergarten/developmental/adaptation/qin-qin-shou-xin/index.md"
    ),
    example!(
        Kindergarten,
        "kindergarten/developmental/adaptation/qin-qin-shou-xin/huo-dong-dan.md"
    ),
    example!(
        Kindergarten,
        "kindergarten/developmental/adaptation/qin-qin-shou-xin/jia-zhang-xin.md"
    ),
    example!(
        Kindergarten,
        "kindergarten/developmental/adaptation/parents-ruyuan-gaobie.md"
    ),
    example!(
        Primary,
        "primary/developmental/adaptation/hello-new-school.md"
    ),
    example!(
        Primary,
        "primary/developmental/social/chao-jia-yi-hou/index.md"
    ),
    example!(
        Primary,
        "primary/developmental/social/chao-jia-yi-hou/xue-xi-dan.md"
    ),
    example!(
        Primary,
        "primary/developmental/social/chao-jia-yi-hou/jia-zhang-xin.md"
    ),
    example!(
        Primary,
        "primary/developmental/adaptation/parents-liushou-peiban.md"
    ),
    example!(
        Junior,
        "junior/developmental/communication/ting-dong-ni-de-hua.md"
    ),
    example!(
        Junior,
        "junior/developmental/communication/ba-ma-wo-men-liao-liao/index.md"
    ),
    example!(
        Junior,
        "junior/developmental/communication/ba-ma-wo-men-liao-liao/xue-xi-dan.md"
    ),
    example!(
        Junior,
        "junior/developmental/communication/ba-ma-wo-men-liao-liao/jia-zhang-xin.md"
    ),
    example!(
        Junior,
        "junior/developmental/adolescence/parents-fangmen.md"
    ),
    example!(Senior, "senior/developmental/career/gang-wei-yi-ri.md"),
    example!(
        Senior,
        "senior/developmental/career/xuan-ke-qian-de-wo/index.md"
    ),
    example!(
        Senior,
        "senior/developmental/career/xuan-ke-qian-de-wo/xue-xi-dan.md"
    ),
    example!(
        Senior,
        "senior/developmental/career/xuan-ke-qian-de-wo/jia-zhang-xin.md"
    ),
    example!(
        Senior,
        "senior/developmental/career/parents-xuanke-zhiyuan.md"
    ),
    example!(
        University,
        "university/developmental/group-and-self/su-she-gong-yue/index.md"
    ),
    example!(
        University,
        "university/developmental/group-and-self/su-she-gong-yue/huo-dong-dan.md"
    ),
    example!(
        University,
        "university/developmental/group-and-self/su-she-gong-yue/jia-zhang-xin.md"
    ),
    example!(
        University,
        "university/developmental/gain-and-loss/parents-daxue-dianhua.md"
    ),
];

const DEFAULT_TITLE: &str = "心理健康教育资源";

fn config(title: &str, stages: &str) -> String {
    format!(
        "# 站点配置。每一项的说明见 yuxin 的 docs/authoring.md\n\
title: {title}\n\
description: 教案、主题班会、教师培训和家长学校\n\
language: zh-CN\n\
# 本项目服务的学段：导航、列表、覆盖报告和检查只包括这些学段\n\
stages: [{stages}]\n\
# 网站发布后的网址，用于二维码和分享链接；还没有网址就保持 /\n\
base_url: /\n\
hotlines:\n  - name: 全国统一心理援助热线\n    number: \"12356\"\n"
    )
}

const HOME: &str = "---\ntitle: 家长学校\n---\n\n欢迎来到家长学校。这里有给家长的心理健康微课、每学期的家长会安排和求助方式。\n";

pub fn run(args: Args) -> u8 {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let catalog = Catalog::default();
    let stages = match args.stages {
        Some(text) => parse_stages(&text, &catalog),
        None if std::io::stdin().is_terminal() => ask_stages(&catalog),
        None => Ok(Stage::ALL.to_vec()),
    };
    let stages = match stages {
        Ok(s) => s,
        Err(problem) => return fail(&problem),
    };
    let title = args.title.unwrap_or_else(|| DEFAULT_TITLE.to_string());
    match init(&dir, &title, &stages, &catalog) {
        Ok(n) => {
            let names: Vec<&str> = stages
                .iter()
                .map(|&s| catalog.stage(s).name.as_str())
                .collect();
            println!(
                "已在 {} 创建新项目：服务学段 {}，附带 {n} 篇示例文档。\n下一步：cd {} && yuxin serve（边写边看），或 yuxin build",
                dir.display(),
                names.join("、"),
                dir.display()
            );
            OK
        }
        Err(problem) => fail(&problem),
    }
}

/// `小学,初中`, `primary junior` or `小学、初中`: the stages, in the catalog's order.
fn parse_stages(text: &str, catalog: &Catalog) -> Result<Vec<Stage>, Diagnostic> {
    let mut stages = Vec::new();
    for name in text
        .split([',', '，', '、', ' ', '\u{3000}'])
        .filter(|s| !s.is_empty())
    {
        let stage = catalog
            .find_stage(name)
            .map_err(|m| usage("usage", format!("未知的学段 `{name}`")).with_hint(m.hint()))?;
        stages.push(stage);
    }
    if stages.is_empty() {
        return Err(usage("usage", "--stages 里没有学段").with_hint("例如 --stages 小学,初中"));
    }
    stages.sort();
    stages.dedup();
    Ok(stages)
}

/// Asks on the terminal which stages the project serves; an empty answer means all five.
fn ask_stages(catalog: &Catalog) -> Result<Vec<Stage>, Diagnostic> {
    let names: Vec<&str> = catalog.stages.iter().map(|s| s.name.as_str()).collect();
    eprint!(
        "这个项目服务哪些学段？可选：{}。用逗号分开，直接回车表示全部：",
        names.join("、")
    );
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| usage("io", format!("读不到输入：{e}")))?;
    if line.trim().is_empty() {
        return Ok(Stage::ALL.to_vec());
    }
    parse_stages(line.trim(), catalog)
}

/// Adds `/public` to the folder's `.gitignore`, keeping what is there.
fn ignore_output(dir: &std::path::Path) -> Result<(), Diagnostic> {
    let path = dir.join(".gitignore");
    let old = fs::read_to_string(&path).unwrap_or_default();
    if old.lines().any(|l| l.trim() == "/public") {
        return Ok(());
    }
    let sep = if old.is_empty() || old.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    fs::write(&path, format!("{old}{sep}/public\n"))
        .map_err(|e| usage("io", format!("无法写入 {}：{e}", path.display())))
}

/// Writes the project: settings, the parents' home page and the examples of `stages`.
/// Returns how many example documents were written.
fn init(
    dir: &std::path::Path,
    title: &str,
    stages: &[Stage],
    catalog: &Catalog,
) -> Result<usize, Diagnostic> {
    if dir.join(crate::config::FILE_NAME).exists() {
        return Err(usage(
            "usage",
            format!("{} 里已经有 yuxin.yaml，没有覆盖", dir.display()),
        )
        .with_hint("换一个空文件夹"));
    }
    let write = |rel: &str, text: &str| -> Result<(), Diagnostic> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| usage("io", format!("无法创建 {}：{e}", parent.display())))?;
        }
        // Never overwrite what is already in the folder (`create_new`).
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    usage("usage", format!("{} 已经存在，没有覆盖", path.display()))
                        .with_hint("在空文件夹里新建项目，或先把这个文件移走")
                }
                _ => usage("io", format!("无法写入 {}：{e}", path.display())),
            })
    };
    write("content/index.md", HOME)?;
    let names: Vec<&str> = stages
        .iter()
        .map(|&s| catalog.stage(s).name.as_str())
        .collect();
    write(crate::config::FILE_NAME, &config(title, &names.join(", ")))?;
    ignore_output(dir)?;
    let mut written = 0;
    for (_, path, text) in EXAMPLES.iter().filter(|(s, ..)| stages.contains(s)) {
        write(&format!("curricula/{path}"), text)?;
        written += 1;
    }
    Ok(written)
}
