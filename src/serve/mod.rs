//! `yuxin serve`: a live preview. The site is built into memory and served from there (never
//! from `public/`); a watcher rebuilds what each save touches and tells open pages to reload,
//! or to show the errors over the page while the last good site stays served.
//!
//! [`watch`] turns file events into changes, [`incremental`] (with [`plan`]) rebuilds,
//! [`site`] holds what is served, [`http`] serves it (through [`listen`]'s bounded accept
//! loop) and [`reload`] talks to the browser.

pub mod http;
pub mod incremental;
pub mod listen;
pub mod overlay;
pub mod plan;
pub mod reload;
pub mod site;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tokio::net::TcpListener;

use crate::diag::{Diagnostic, Severity};

use incremental::{Builder, Failure, Outcome};
use site::{Shared, Site};

/// How many ports `--next-free-port` tries after the one asked for.
const PORT_TRIES: u16 = 20;

pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// When the port is taken, use the next free one instead of stopping.
    pub next_free_port: bool,
    pub open: bool,
    pub poll: bool,
    pub drafts: bool,
}

/// Runs the preview until Ctrl-C. An error is why it could not start (the caller prints it
/// and chooses the exit code); problems in the content are shown in the preview instead.
pub fn run(options: Options) -> Result<(), Diagnostic> {
    let root = std::path::absolute(&options.root).unwrap_or(options.root.clone());
    let mut builder = Builder::new(&root, options.drafts);
    let started = Instant::now();
    let mut site = Site::default();
    match builder.full() {
        Outcome::Failed(failure) => {
            site.overlay = Some(report_failure(&root, &failure));
            eprintln!("预览会显示上面的错误；改好保存后自动重新构建。");
        }
        _ => {
            print_warnings(&builder);
            println!(
                "构建完成：{} 个文件，用时 {} 毫秒",
                builder.pages().len(),
                started.elapsed().as_millis()
            );
            site.pages = builder.pages().clone();
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            return Err(Diagnostic::general(
                Severity::Error,
                "serve",
                format!("无法启动服务器：{e}"),
            ));
        }
    };
    runtime.block_on(serve(options, root, builder, site))
}

async fn serve(
    options: Options,
    root: PathBuf,
    builder: Builder,
    site: Site,
) -> Result<(), Diagnostic> {
    let listener = bind(options.bind, options.port, options.next_free_port).await?;
    let address = listener
        .local_addr()
        .unwrap_or(SocketAddr::new(options.bind, options.port));
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared::new(site, shutdown));
    let watcher = watch::Watcher::start(&root, options.poll).map_err(|e| {
        Diagnostic::general(
            Severity::Error,
            "serve",
            format!("无法监视项目文件夹的变化：{e}"),
        )
        .with_hint("在网络共享或 WSL 里试试 --poll（定时检查文件）")
    })?;
    let rebuilds = Arc::clone(&shared);
    std::thread::spawn(move || rebuild_loop(watcher, builder, &rebuilds, &root));
    let url = page_url(address);
    println!("正在预览：{url}（按 Ctrl-C 停止）");
    if !options.bind.is_loopback() {
        let exposed = Diagnostic::general(
            Severity::Warning,
            "serve",
            format!(
                "正在 {} 上监听，同一网络里的其他设备也能打开这个预览，看到还没发布的内容",
                options.bind
            ),
        )
        .with_hint("只在需要时这样做；不加 --bind 时只有本机能访问（127.0.0.1）");
        eprint!("{}", exposed.render_human(None));
    }
    if options.open {
        open_browser(&url);
    }
    let app = http::router(shared);
    listen::serve(listener, app, async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stop.send(true);
    })
    .await;
    println!("预览已停止。");
    Ok(())
}

/// The address browsers should use: a wildcard bind is reached through loopback.
fn page_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::from([127, 0, 0, 1]),
        ip if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

async fn bind(ip: IpAddr, port: u16, next_free: bool) -> Result<TcpListener, Diagnostic> {
    let tries = if next_free && port != 0 {
        PORT_TRIES
    } else {
        1
    };
    let mut last = None;
    for p in (0..tries).filter_map(|i| port.checked_add(i)) {
        match TcpListener::bind((ip, p)).await {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(Diagnostic::general(
                    Severity::Error,
                    "serve",
                    format!("无法在 {} 上监听：{e}", SocketAddr::new(ip, p)),
                )
                .with_hint(
                    "--bind 要写这台电脑自己的地址，例如 127.0.0.1（只许本机）或 0.0.0.0（所有网卡）",
                ));
            }
        }
    }
    let detail = last.map(|e| e.to_string()).unwrap_or_default();
    let (message, hint) = if next_free {
        (
            format!(
                "端口 {port} 到 {} 都已被占用（{detail}）",
                port.saturating_add(PORT_TRIES - 1)
            ),
            "用 --port 换一个范围，例如 --port 8080",
        )
    } else {
        (
            format!("端口 {port} 已被占用（{detail}）"),
            "也许另一个 yuxin serve 还开着；用 --port 换一个端口，或加 --next-free-port 自动用下一个空闲端口",
        )
    };
    Err(Diagnostic::general(Severity::Error, "serve", message).with_hint(hint))
}

/// Rebuilds on every change until the watcher stops, numbering the rebuilds.
fn rebuild_loop(mut watcher: watch::Watcher, mut builder: Builder, shared: &Shared, root: &Path) {
    let mut count: u64 = 0;
    while let Some(mut change) = watcher.next_change() {
        for error in &change.errors {
            let d = Diagnostic::general(
                Severity::Warning,
                "serve",
                format!("监视文件时出错：{error}"),
            );
            eprint!("{}", d.render_human(None));
        }
        if change.paths.is_empty() && !change.rescan {
            continue;
        }
        // Files added, removed or renamed seldom come alone (a branch switch, a folder moved
        // in), and a full rebuild is slow anyway: let the burst end first, so it makes one.
        if !change.rescan && builder.needs_full(&change.paths) {
            watcher.settle(&mut change);
        }
        count += 1;
        let started = Instant::now();
        let outcome = if change.rescan {
            builder.full()
        } else {
            builder.update(change.paths.clone())
        };
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        match outcome {
            Outcome::Built { files, full } => {
                shared.publish(builder.pages().clone(), count);
                let how = if full { "全部重建" } else { "增量更新" };
                println!(
                    "[{count}] {how}：{files} 个文件，用时 {millis:.1} 毫秒（{}）",
                    describe(&change.paths)
                );
            }
            Outcome::Unchanged => println!("[{count}] 没有页面需要更新"),
            Outcome::Failed(failure) => {
                shared.fail(report_failure(root, &failure));
                println!("[{count}] 构建失败，继续显示上一次成功的结果");
            }
        }
    }
}

/// Prints the diagnostics as `yuxin build` does and returns the overlay for them.
fn report_failure(root: &Path, failure: &Failure) -> String {
    eprint!(
        "{}",
        overlay::report(root, &failure.diagnostics, &failure.sources)
    );
    let errors = crate::diag::count(&failure.diagnostics, Severity::Error);
    eprintln!("构建失败：{errors} 个错误。");
    overlay::html(root, &failure.diagnostics, &failure.sources)
}

fn print_warnings(builder: &Builder) {
    if let Some(analysis) = builder.analysis()
        && !analysis.diagnostics.is_empty()
    {
        eprint!(
            "{}",
            overlay::report(Path::new("."), &analysis.diagnostics, &analysis.sources)
        );
    }
}

fn describe(paths: &std::collections::BTreeSet<PathBuf>) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| crate::diag::display_path(p))
        .collect();
    if paths.len() > 3 {
        names.push(format!("等 {} 个文件", paths.len()));
    }
    names.join("、")
}

fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = command.arg(url).spawn() {
        let d = Diagnostic::general(
            Severity::Warning,
            "serve",
            format!("无法打开浏览器（{e}），请手动打开 {url}"),
        );
        eprint!("{}", d.render_human(None));
    }
}
