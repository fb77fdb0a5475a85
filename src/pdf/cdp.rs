//! A small client of the Chrome DevTools protocol: one headless browser for a whole build,
//! driven over its websocket (`--remote-debugging-port=0`), with a few tabs printing side by
//! side. Everything runs on the calling thread: commands for all tabs are sent at once and
//! the answers gathered by id, so no locking and no async runtime are needed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// A browser that has not answered a command in this time is stuck, not slow.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// One command for one tab (`session`), or for the browser itself (`None`).
pub struct Call<'a> {
    pub session: Option<&'a str>,
    pub method: &'a str,
    pub params: Value,
}

/// A running headless browser and the connection to it. Dropping it closes the browser and
/// removes its temporary profile.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    next_id: u64,
    profile: PathBuf,
    /// The browser's last lines on stderr, for error messages.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Browser {
    /// Starts `program` headless and connects to it.
    pub fn launch(program: &Path) -> Result<Browser, String> {
        let profile = std::env::temp_dir().join(format!("yuxin-pdf-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| format!("无法创建临时文件夹：{e}"))?;
        let mut child = Command::new(program)
            .args([
                "--headless",
                // Our own pages from local files: the sandbox guards against hostile sites, and
                // it cannot start as root (CI, containers).
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                let _ = std::fs::remove_dir_all(&profile);
                format!("无法启动浏览器 {}：{e}", program.display())
            })?;
        let stderr = child.stderr.take().expect("piped");
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let keep = log.clone();
        // The browser announces its websocket on stderr; the rest is kept for error messages
        // (and read to the end, so the browser never blocks on a full pipe).
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
                let mut log = keep.lock().unwrap_or_else(|e| e.into_inner());
                log.push(line);
                if log.len() > 20 {
                    log.remove(0);
                }
            }
        });
        let fail = |mut child: Child, why: String| {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&profile);
            why
        };
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => url,
            Err(_) => {
                let tail = log.lock().map(|l| l.join(" / ")).unwrap_or_default();
                return Err(fail(
                    child,
                    format!("浏览器 30 秒内没有打开调试接口（{tail}）"),
                ));
            }
        };
        let ws = match connect(&url) {
            Ok(ws) => ws,
            Err(e) => return Err(fail(child, e)),
        };
        Ok(Browser {
            child,
            ws,
            next_id: 0,
            profile,
            log,
        })
    }

    /// The browser's last words on stderr.
    pub fn last_words(&self) -> String {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        let lines: Vec<&str> = log
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty() && !l.contains("DevTools listening"))
            .collect();
        lines[lines.len().saturating_sub(3)..].join(" / ")
    }

    /// Sends every call, then waits for all their answers (in the calls' order). Events are
    /// read and dropped.
    pub fn call_all(&mut self, calls: &[Call]) -> Vec<Result<Value, String>> {
        let mut ids = Vec::with_capacity(calls.len());
        for call in calls {
            self.next_id += 1;
            let mut message =
                json!({"id": self.next_id, "method": call.method, "params": call.params});
            if let Some(session) = call.session {
                message["sessionId"] = json!(session);
            }
            let sent = self.ws.send(Message::text(message.to_string()));
            ids.push(sent.map(|()| self.next_id).map_err(|e| e.to_string()));
        }
        let mut answers: HashMap<u64, Result<Value, String>> = HashMap::new();
        let waiting = ids.iter().filter(|i| i.is_ok()).count();
        let deadline = Instant::now() + TIMEOUT;
        while answers.len() < waiting {
            if Instant::now() > deadline {
                break;
            }
            let message = match self.ws.read() {
                Ok(Message::Text(text)) => text,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => {
                    let why = format!("和浏览器的连接断了：{e}");
                    return ids.iter().map(|_| Err(why.clone())).collect();
                }
            };
            let Ok(value) = serde_json::from_str::<Value>(message.as_str()) else {
                continue;
            };
            let Some(id) = value.get("id").and_then(Value::as_u64) else {
                continue; // an event
            };
            let answer = match value.get("error") {
                Some(e) => Err(e
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("未知错误")
                    .to_string()),
                None => Ok(value.get("result").cloned().unwrap_or(Value::Null)),
            };
            answers.insert(id, answer);
        }
        ids.into_iter()
            .map(|id| {
                let id = id.map_err(|e| format!("无法向浏览器发送命令：{e}"))?;
                answers
                    .remove(&id)
                    .unwrap_or_else(|| Err(format!("浏览器 {} 秒内没有完成", TIMEOUT.as_secs())))
            })
            .collect()
    }

    /// One call, answered.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        self.call_all(&[Call {
            session,
            method,
            params,
        }])
        .pop()
        .unwrap_or_else(|| Err("没有回答".into()))
    }

    /// A new tab, attached: its session id.
    pub fn open_tab(&mut self) -> Result<String, String> {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or("浏览器没有给出标签页编号")?;
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("浏览器没有给出会话编号")?
            .to_string();
        // Laid out as on paper: print media, and the width of A4 less its margins.
        self.call(
            Some(&session),
            "Emulation.setEmulatedMedia",
            json!({"media": "print"}),
        )?;
        Ok(session)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Asked, not awaited: a browser that hangs is killed below rather than waited for.
        self.next_id += 1;
        let close = json!({"id": self.next_id, "method": "Browser.close", "params": {}});
        let _ = self.ws.send(Message::text(close.to_string()));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Opens the websocket at `url` (`ws://127.0.0.1:PORT/devtools/browser/…`).
fn connect(url: &str) -> Result<WebSocket<TcpStream>, String> {
    let rest = url.strip_prefix("ws://").ok_or("调试接口的地址不对")?;
    let host = rest.split('/').next().unwrap_or(rest);
    let stream = TcpStream::connect(host).map_err(|e| format!("连不上浏览器的调试接口：{e}"))?;
    // The handshake waits as long as a busy machine needs; afterwards reads wake every second
    // so that `call_all` can keep its own deadline.
    stream
        .set_read_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    let config = tungstenite::protocol::WebSocketConfig::default()
        .max_message_size(Some(512 << 20))
        .max_frame_size(Some(512 << 20));
    let (ws, _) = tungstenite::client::client_with_config(url, stream, Some(config))
        .map_err(|e| format!("连不上浏览器的调试接口：{e}"))?;
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_secs(1)))
        .map_err(|e| e.to_string())?;
    Ok(ws)
}
