//! `yuxin serve` against hostile and greedy clients: the real binary on a free port, spoken to
//! over raw sockets so that no client library tidies the requests. Waits are bounded (a stuck
//! server fails the test) but nothing asserts how long anything took.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::project;

const WAIT: Duration = Duration::from_secs(60);
/// Written beside the site's source: no request may ever return it.
const SECRET: &str = "SECRET-NOT-IN-THE-SITE";

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yuxin"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start yuxin serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = lines
            .find_map(|l| l.ok().filter(|l| l.contains("正在预览：")))
            .expect("yuxin serve says where it listens");
        // Keep draining stdout so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let url = line.split("http://").nth(1).unwrap();
        let addr = url.split('/').next().unwrap().parse().unwrap();
        Server { child, addr }
    }

    /// Sends `raw` as it is and reads the whole answer (the request asks to close).
    fn raw(&self, raw: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(raw).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    }

    fn get(&self, target: &str) -> (u16, String) {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        self.raw(request.as_bytes())
    }

    fn assert_up(&self) {
        let (status, body) = self.get("/");
        assert_eq!(status, 200, "{body}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn served_project() -> (tempfile::TempDir, Server) {
    let p = project("good");
    std::fs::write(p.path().join("secret.txt"), SECRET).unwrap();
    std::fs::write(p.path().join("curricula/secret.txt"), SECRET).unwrap();
    let server = Server::start(p.path());
    (p, server)
}

#[test]
fn traversal_attempts_never_reach_a_file_outside_the_site() {
    let (_p, server) = served_project();
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%5csecret.txt",
        "/..%5Csecret.txt",
        "/%5c..%5csecret.txt",
        "/static\\..\\..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/C:/Windows/win.ini",
        "/c:%5cwindows%5cwin.ini",
        "/secret.txt%00.html",
        "/%00",
        "/..%c0%afsecret.txt",
        "/%252e%252e/secret.txt",
        "/curricula/secret.txt",
        "../secret.txt",
        "*",
        "http://x/../secret.txt",
    ] {
        let (status, text) = server.get(target);
        assert!(
            matches!(status, 400 | 403 | 404 | 301),
            "{target}: {status}\n{text}"
        );
        assert!(
            !text.contains(SECRET) && !text.contains("root:x:"),
            "{target} leaked:\n{text}"
        );
    }
    // A NUL byte in the raw request line itself.
    let (status, text) = server.raw(b"GET /a\0/../../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(!text.contains(SECRET), "{status}: {text}");
    server.assert_up();
}

#[test]
fn a_100_kb_url_is_refused_and_the_server_stays_up() {
    let (_p, server) = served_project();
    let long = format!("/{}", "a".repeat(100 * 1024));
    let (status, text) = server.get(&long);
    assert!(matches!(status, 414 | 400 | 431), "{status}: {text:.200}");
    let query = format!("/?q={}", "%2e".repeat(40 * 1024));
    let (status, _) = server.get(&query);
    assert!(matches!(status, 414 | 400 | 431), "{status}");
    server.assert_up();
}

#[test]
fn idle_connections_do_not_block_others_and_are_closed() {
    let (_p, server) = served_project();
    // Connections that never send a byte, and one that stops half-way through its head.
    let mut idle: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    let mut partial = TcpStream::connect(server.addr).unwrap();
    partial.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    idle.push(partial);
    server.assert_up();
    // Each is closed by the server in time (the header-read timeout), not left open forever:
    // reading ends, with no answer or a 408, well before WAIT.
    for stream in &mut idle {
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut bytes = Vec::new();
        let closed = stream.read_to_end(&mut bytes).is_ok();
        assert!(closed, "an idle connection was still open after {WAIT:?}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{text}"
        );
    }
    server.assert_up();
}

#[test]
fn two_hundred_concurrent_requests_are_all_answered() {
    let (_p, server) = served_project();
    let addr = server.addr;
    let paths = [
        "/",
        "/static/style.css",
        "/primary/developmental/adaptation/hello/",
        "/no/such/page/",
    ];
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let path = paths[i % paths.len()];
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_read_timeout(Some(WAIT)).unwrap();
                write!(
                    stream,
                    "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut bytes = Vec::new();
                stream.read_to_end(&mut bytes).unwrap();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                (path, text.split(' ').nth(1).map(str::to_string))
            })
        })
        .collect();
    for handle in handles {
        let (path, status) = handle.join().unwrap();
        let expected = if path.starts_with("/no/") {
            "404"
        } else {
            "200"
        };
        assert_eq!(status.as_deref(), Some(expected), "{path}");
    }
    server.assert_up();
}

#[test]
fn it_listens_on_loopback_only_by_default() {
    let (_p, server) = served_project();
    assert!(server.addr.ip().is_loopback(), "{}", server.addr);
}
