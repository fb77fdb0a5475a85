//! `yuxin serve`

use std::net::IpAddr;
use std::path::PathBuf;

use super::{OK, USAGE_ERROR, find_root};

#[derive(clap::Args)]
pub struct Args {
    /// 项目文件夹（默认：向上找到有 yuxin.yaml 的文件夹）
    #[arg(long)]
    root: Option<PathBuf>,
    /// 监听的地址；默认只有本机能访问
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// 端口（0：随便一个空闲端口）
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// 端口被占用时自动用下一个空闲端口
    #[arg(long)]
    next_free_port: bool,
    /// 启动后在浏览器里打开
    #[arg(long)]
    open: bool,
    /// 定时检查文件，而不用系统的文件通知（网络共享、WSL 里用）
    #[arg(long)]
    poll: bool,
    /// 连草稿一起预览
    #[arg(long)]
    drafts: bool,
}

pub fn run(args: Args) -> u8 {
    let root = match find_root(args.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let options = crate::serve::Options {
        root,
        bind: args.bind,
        port: args.port,
        next_free_port: args.next_free_port,
        open: args.open,
        poll: args.poll,
        drafts: args.drafts,
    };
    match crate::serve::run(options) {
        Ok(()) => OK,
        Err(d) => {
            eprint!("{}", d.render_human(None));
            USAGE_ERROR
        }
    }
}
