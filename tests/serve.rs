//! `yuxin serve` on a fixture project: the real binary on a free port, spoken to over plain
//! sockets. Waits are bounded (a missing event fails the test after a while) but nothing
//! asserts how long anything took.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::project;

const WAIT: Duration = Duration::from_secs(60);
const HELLO: &str = "curricula/primary/developmental/adaptation/hello.md";
const HELLO_PAGE: &str = "/primary/developmental/adaptation/hello/";

struct Server {
    child: Child,
    addr: SocketAddr,
    lines: Receiver<String>,
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yuxin"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start yuxin serve");
        let (tx, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = wait_for_line(&lines, "正在预览：");
        let url = line.split("http://").nth(1).unwrap();
        let addr = url.split('/').next().unwrap().parse().unwrap();
        Server { child, addr, lines }
    }

    fn get(&self, path: &str) -> Response {
        request(self.addr, path)
    }

    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        // HTTP/1.0: the stream comes unchunked, one event after another.
        stream
            .write_all(b"GET /__yuxin/events HTTP/1.0\r\n\r\n")
            .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        assert_eq!(events.next().0, "hello");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for_line(lines: &Receiver<String>, needle: &str) -> String {
    loop {
        let line = lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line with {needle:?} from yuxin serve"));
        if line.contains(needle) {
            return line;
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

fn request(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event's name and data (data lines joined with `\n`).
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        // Keep-alive comments restart the socket's timeout, so bound the whole wait too.
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            assert!(std::time::Instant::now() < deadline, "no event in time");
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("an event in time");
            assert!(n > 0, "event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(v) = line.strip_prefix("event:") {
                name = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
            } else if line.is_empty() && !name.is_empty() {
                return (name, data.join("\n"));
            }
        }
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, f(text)).unwrap();
}

#[test]
fn an_edit_reloads_and_the_page_has_changed() {
    let p = project("good");
    let server = Server::start(p.path(), &[]);
    let page = server.get(HELLO_PAGE);
    assert_eq!(page.status, 200);
    assert!(
        page.head.contains("content-type: text/html; charset=utf-8"),
        "{}",
        page.head
    );
    assert!(page.body.contains(r#"<meta charset="utf-8">"#));
    assert!(
        page.body.contains("/__yuxin/live.js"),
        "live reload script added"
    );
    let mut events = server.events();
    edit(p.path(), HELLO, |t| t + "\n保存后的新段落。\n");
    assert_eq!(events.next().0, "reload");
    let page = server.get(HELLO_PAGE);
    assert!(page.body.contains("保存后的新段落。"), "{}", page.body);
    let css = server.get("/static/style.css");
    assert!(
        css.head.contains("content-type: text/css; charset=utf-8"),
        "{}",
        css.head
    );
}

#[test]
fn editor_temporary_files_make_no_rebuild() {
    let p = project("good");
    let server = Server::start(p.path(), &[]);
    let mut events = server.events();
    let dir = p.path().join("curricula/primary/developmental/adaptation");
    for round in 0..20 {
        for name in [
            ".hello.md.swp",
            "hello.md~",
            "4913",
            "#hello.md#",
            "hello.md___jb_tmp___",
            ".hello.md.kate-swp",
            "hello.md.tmp",
        ] {
            fs::write(dir.join(name), format!("临时 {round}")).unwrap();
            fs::remove_file(dir.join(name)).unwrap();
        }
    }
    // Long enough for the watcher to have passed the burst on, had it counted.
    std::thread::sleep(Duration::from_millis(500));
    edit(p.path(), HELLO, |t| t + "\n真正的修改。\n");
    let (name, data) = events.next();
    assert_eq!(
        (name.as_str(), data.as_str()),
        ("reload", "1"),
        "the first rebuild"
    );
    let line = wait_for_line(&server.lines, "[1]");
    assert!(line.contains("hello.md"), "{line}");
}

#[test]
fn a_broken_edit_shows_the_overlay_until_fixed() {
    let p = project("good");
    let server = Server::start(p.path(), &[]);
    let mut events = server.events();
    let good = fs::read_to_string(p.path().join(HELLO)).unwrap();
    edit(p.path(), HELLO, |t| t.replacen("title: ", "title: [", 1));
    let (name, data) = events.next();
    assert_eq!(name, "overlay");
    assert!(data.contains("yuxin-overlay"), "{data}");
    let at = data.find(&format!("{HELLO}:")).expect("the path");
    let place = &data[at + HELLO.len() + 1..];
    let line_col: Vec<&str> = place.splitn(3, [':', '\n']).take(2).collect();
    assert!(
        line_col.iter().all(|n| n.parse::<usize>().is_ok()),
        "path:line:col in {data}"
    );
    assert!(data.contains("提示："), "hint in {data}");
    let page = server.get(HELLO_PAGE);
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("你好，新学校"));
    assert!(page.body.contains("yuxin-overlay"));
    fs::write(p.path().join(HELLO), good).unwrap();
    assert_eq!(events.next().0, "reload");
    let page = server.get(HELLO_PAGE);
    assert!(!page.body.contains("yuxin-overlay"), "overlay gone");
}

#[test]
fn requests_outside_the_site_are_refused() {
    let p = project("good");
    let server = Server::start(p.path(), &[]);
    for path in [
        "/../yuxin.yaml",
        "/static/../../yuxin.yaml",
        "/%2e%2e/yuxin.yaml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5cyuxin.yaml",
        "/static\\..\\..\\yuxin.yaml",
        "//etc/passwd",
    ] {
        let r = server.get(path);
        assert!(matches!(r.status, 400 | 403), "{path}: {}", r.status);
        assert!(
            !r.body.contains("title:") && !r.body.contains("root:"),
            "{path}"
        );
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.head.contains("text/html; charset=utf-8"));
}

#[test]
fn a_port_in_use_is_reported_or_skipped() {
    let p = project("good");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = common::yuxin(p.path(), &["serve", "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!("端口 {port} 已被占用")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--next-free-port"), "{}", run.stderr);
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuxin"))
        .args(["serve", "--next-free-port", "--port", &port])
        .current_dir(p.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines
        .find(|l| l.as_ref().is_ok_and(|l| l.contains("正在预览")))
        .unwrap()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(!line.contains(&format!(":{port}/")), "another port: {line}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_with_a_page_listening() {
    let p = project("good");
    let mut server = Server::start(p.path(), &[]);
    let _events = server.events();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for_line(&server.lines, "预览已停止");
    let code = server.child.wait().unwrap();
    assert!(code.success(), "{code:?}");
}

#[test]
fn a_burst_of_changes_makes_one_rebuild() {
    let p = project("good");
    let server = Server::start(p.path(), &[]);
    let mut events = server.events();
    // A folder of new lessons moved in, edits and a deletion, as a branch switch makes them.
    let staged = p.path().join("staged");
    fs::create_dir_all(&staged).unwrap();
    for i in 0..30 {
        fs::write(
            staged.join(format!("lesson-{i}.md")),
            format!("---\ntitle: 新课 {i}\n---\n正文\n"),
        )
        .unwrap();
    }
    let topic = p.path().join("curricula/primary/developmental/social");
    fs::rename(&staged, &topic).unwrap();
    for rel in [
        HELLO,
        "curricula/primary/developmental/adaptation/second.md",
    ] {
        edit(p.path(), rel, |t| t + "\n切换分支带来的修改。\n");
    }
    fs::remove_file(p.path().join("content/help.md")).unwrap();
    let (name, data) = events.next();
    assert_eq!((name.as_str(), data.as_str()), ("reload", "1"));
    assert_eq!(
        server
            .get("/primary/developmental/social/lesson-29/")
            .status,
        200
    );
    assert_eq!(server.get("/parents/help/").status, 404);
    assert!(server.get(HELLO_PAGE).body.contains("切换分支带来的修改。"));
    // Nothing of the burst was left for a second rebuild: the next save is rebuild 2.
    std::thread::sleep(Duration::from_millis(500));
    edit(p.path(), HELLO, |t| t + "\n之后的修改。\n");
    let (name, data) = events.next();
    assert_eq!((name.as_str(), data.as_str()), ("reload", "2"));
}

#[test]
fn polling_also_follows_edits() {
    let p = project("good");
    let server = Server::start(p.path(), &["--poll"]);
    let mut events = server.events();
    edit(p.path(), HELLO, |t| t + "\n轮询看到的修改。\n");
    assert_eq!(events.next().0, "reload");
    assert!(server.get(HELLO_PAGE).body.contains("轮询看到的修改。"));
}

#[test]
fn a_project_that_never_built_still_shows_the_overlay() {
    let p = project("good");
    edit(p.path(), HELLO, |t| t.replacen("title: ", "title: [", 1));
    let server = Server::start(p.path(), &[]);
    let page = server.get("/");
    assert_eq!(page.status, 404);
    assert!(page.head.contains("text/html; charset=utf-8"));
    assert!(page.body.contains("yuxin-overlay") && page.body.contains(HELLO));
    assert!(page.body.contains("/__yuxin/live.js"));
}
