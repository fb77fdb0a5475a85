//! Live reload over server-sent events on the same port: `/__yuxin/events` streams `hello`,
//! `reload` and `overlay` events; `/__yuxin/live.js` (added to every page) listens to them.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::site::{Event, Shared};

/// The page side: reload on `reload`, or on `hello` when the page is older than the site (a
/// reload message was missed while connecting); show the overlay on `overlay`.
const SCRIPT: &str = r#"(() => {
  const version = document.currentScript && document.currentScript.dataset.version;
  const mark = "✖ 构建出错 · ";
  // The tab says so too, for an author looking at another tab.
  const flag = () => {
    if (document.getElementById("yuxin-overlay") && !document.title.startsWith(mark)) {
      document.title = mark + document.title;
    }
  };
  flag();
  const events = new EventSource("/__yuxin/events");
  events.addEventListener("hello", (e) => {
    if (version && e.data !== version) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("overlay", (e) => {
    const old = document.getElementById("yuxin-overlay");
    if (old) old.remove();
    document.body.insertAdjacentHTML("beforeend", e.data);
    flag();
  });
})();
"#;

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
}

pub async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let (tx, rx) = mpsc::channel::<Result<SseEvent, Infallible>>(16);
    let mut events = shared.events.subscribe();
    let mut shutdown = shared.shutdown.clone();
    let site = shared.current();
    tokio::spawn(async move {
        let hello = SseEvent::default()
            .event("hello")
            .data(site.version.to_string());
        if tx.send(Ok(hello)).await.is_err() {
            return;
        }
        if let Some(html) = &site.overlay
            && tx.send(Ok(overlay(html))).await.is_err()
        {
            return;
        }
        loop {
            let event = tokio::select! {
                event = events.recv() => event,
                _ = shutdown.changed() => return,
                () = tx.closed() => return,
            };
            let message = match event {
                Ok(Event::Reload { version }) => reload(version),
                Ok(Event::Overlay { html }) => overlay(&html),
                // Too far behind to know what was missed: a reload catches up.
                Err(RecvError::Lagged(_)) => reload(0),
                Err(RecvError::Closed) => return,
            };
            if tx.send(Ok(message)).await.is_err() {
                return;
            }
        }
    });
    Sse::new(ReceiverStream::new(rx)).keep_alive(KeepAlive::default())
}

fn reload(version: u64) -> SseEvent {
    SseEvent::default()
        .event("reload")
        .data(version.to_string())
}

fn overlay(html: &str) -> SseEvent {
    SseEvent::default().event("overlay").data(html)
}
