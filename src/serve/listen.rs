//! The accept loop: `axum::serve` with the limits a preview server needs on a shared network
//! or a busy laptop. Every connection must send its request head within
//! [`HEADER_READ_TIMEOUT`] (an idle or trickling client is closed, and never holds up others);
//! at most [`MAX_CONNECTIONS`] are served at once (more wait in the listen queue instead of
//! exhausting file handles); a request line longer than [`MAX_URI_BYTES`] gets 414.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Time a client has to send a request head, also between requests on a kept-alive
/// connection. Browsers send theirs at once; only a stuck or hostile client waits this long.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once. Each open page holds one for live reload, and a page load
/// opens a handful more: far more than one author's browser needs.
pub const MAX_CONNECTIONS: usize = 512;
/// Longest path and query accepted. Site paths are short; 8 KB is what common servers allow.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let app = app.layer(middleware::from_fn(limit_uri));
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => tokio::select! {
                    accepted = listener.accept() => accepted.map(|a| (a, permit)),
                    () = &mut shutdown => return,
                },
                Err(_) => return,
            },
            () = &mut shutdown => return,
        };
        let ((stream, _), permit) = match accepted {
            Ok(a) => a,
            // Out of file handles and the like: pause instead of spinning, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            // An error here is one client's broken or abandoned connection: nothing to report.
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

async fn limit_uri(request: Request<Body>, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI_BYTES {
        return (
            StatusCode::URI_TOO_LONG,
            [("content-type", "text/plain; charset=utf-8")],
            "网址太长：预览服务器最多接受 8 KB 的网址",
        )
            .into_response();
    }
    next.run(request).await
}
