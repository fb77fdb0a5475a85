//! `yuxin init [DIR]`: a new project that builds at once.

use std::fs;
use std::path::PathBuf;

use super::new::{Request, scaffold};
use super::{OK, fail, usage};
use crate::catalog::Catalog;
use crate::diag::Diagnostic;

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：当前文件夹）
    dir: Option<PathBuf>,
}

const CONFIG: &str = "# 站点配置。说明见 https://（项目 README）\ntitle: 我们学校的心理健康教育资源\n\
description: 教案、主题班会、教师培训和家长学校\nlanguage: zh-CN\n# 发布后的网址，用于二维码和分享链接\nbase_url: /\n\
hotlines:\n  - name: 全国统一心理援助热线\n    number: \"12356\"\n";

const HOME: &str = "---\ntitle: 家长学校\n---\n\n欢迎来到家长学校。这里有给家长的心理健康微课、每学期的家长会安排和求助方式。\n";

pub fn run(args: Args) -> u8 {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    match init(&dir) {
        Ok(()) => {
            println!(
                "已在 {} 创建新项目。\n下一步：cd {} && yuxin build",
                dir.display(),
                dir.display()
            );
            OK
        }
        Err(problem) => fail(&problem),
    }
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

fn init(dir: &std::path::Path) -> Result<(), Diagnostic> {
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
    write(crate::config::FILE_NAME, CONFIG)?;
    ignore_output(dir)?;
    let catalog = Catalog::default();
    for (kind, title) in [
        ("lesson", "新学期，新朋友"),
        ("class-meeting", "我们的班级约定"),
    ] {
        let request = Request {
            kind: kind.into(),
            title: title.into(),
            stage: Some("primary".into()),
            track: None,
            topic: Some("adaptation".into()),
        };
        scaffold(dir, &catalog, &request)?;
    }
    Ok(())
}
