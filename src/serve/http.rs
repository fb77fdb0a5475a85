//! The HTTP side: the site from memory, with the right content types, the live-reload script
//! and overlay added to HTML, and nothing outside the site root ever reachable.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;

use super::overlay::inject;
use super::reload;
use super::site::{Shared, Site};

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__yuxin/events", get(reload::events))
        .route("/__yuxin/live.js", get(reload::script))
        .fallback(page)
        .with_state(shared)
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return text(StatusCode::METHOD_NOT_ALLOWED, "预览服务器只接受 GET 请求");
    }
    let Some(path) = site_path(uri.path()) else {
        return text(
            StatusCode::BAD_REQUEST,
            "错误的地址：这个地址指向网站以外的位置",
        );
    };
    let site = shared.current();
    match resolve(&site, &path) {
        Found::File(key) => file(&site, &key, StatusCode::OK),
        Found::Folder => {
            let location = format!("{}/", uri.path());
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Found::Missing if site.pages.contains_key("404.html") => {
            file(&site, "404.html", StatusCode::NOT_FOUND)
        }
        // No site yet (the first build failed): still a page, for the overlay and reload.
        Found::Missing => html(&site, StatusCode::NOT_FOUND, BARE_NOT_FOUND.as_bytes()),
    }
}

const BARE_NOT_FOUND: &str = concat!(
    r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">"#,
    "<title>页面不存在</title></head><body><p>页面不存在。</p></body></html>"
);

/// The site-relative path a request asks for, or `None` when it tries to leave the site:
/// `..` or `.` segments (also percent-encoded), backslashes, empty segments (`//x`), drive
/// letters, NUL.
pub fn site_path(raw: &str) -> Option<String> {
    if raw.contains('\\') || raw.to_ascii_lowercase().contains("%5c") {
        return None;
    }
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let rest = decoded.strip_prefix('/')?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if *segment == ".." || *segment == "." || (segment.is_empty() && !last) {
            return None;
        }
        if i == 0 && segment.contains(':') {
            return None;
        }
    }
    Some(rest.to_string())
}

#[derive(Debug, PartialEq)]
enum Found {
    File(String),
    /// A folder asked for without its trailing `/`: pages link relatively, so redirect.
    Folder,
    Missing,
}

fn resolve(site: &Site, path: &str) -> Found {
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if site.pages.contains_key(&key) {
        Found::File(key)
    } else if !path.is_empty() && site.pages.contains_key(&format!("{path}/index.html")) {
        Found::Folder
    } else {
        Found::Missing
    }
}

fn file(site: &Site, key: &str, status: StatusCode) -> Response {
    let Some(bytes) = site.pages.get(key) else {
        return text(StatusCode::NOT_FOUND, "页面不存在");
    };
    let kind = content_type(key);
    if kind.starts_with("text/html") {
        return html(site, status, bytes);
    }
    respond(status, kind, Body::from(bytes.clone()))
}

/// An HTML page with the live-reload script, and the overlay while there are errors.
fn html(site: &Site, status: StatusCode, page: &[u8]) -> Response {
    let body = Body::from(inject(page, site.version, site.overlay.as_deref()));
    respond(status, content_type("index.html"), body)
}

fn respond(status: StatusCode, kind: String, body: Body) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The type by extension; text types say they are UTF-8, as every file yuxin writes is.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == "text"
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn text(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    #[test]
    fn paths_outside_the_site_are_refused() {
        for raw in [
            "/../yuxin.yaml",
            "/a/../../x",
            "/%2e%2e/yuxin.yaml",
            "/%2E%2E%2Fyuxin.yaml",
            "/a/%2e/b",
            "/..%5cyuxin.yaml",
            "/a\\..\\b",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/C:/Windows/win.ini",
            "/a%00b",
            "relative",
        ] {
            assert_eq!(site_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(
            site_path("/primary/a%20b/").as_deref(),
            Some("primary/a b/")
        );
        assert_eq!(site_path("/x..y/z.css").as_deref(), Some("x..y/z.css"));
    }

    #[test]
    fn folders_index_files_and_redirects() {
        let site = Site {
            pages: [("index.html", ""), ("a/index.html", ""), ("s.css", "")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), Bytes::from(v)))
                .collect(),
            ..Site::default()
        };
        assert_eq!(resolve(&site, ""), Found::File("index.html".into()));
        assert_eq!(resolve(&site, "a/"), Found::File("a/index.html".into()));
        assert_eq!(resolve(&site, "a"), Found::Folder);
        assert_eq!(resolve(&site, "s.css"), Found::File("s.css".into()));
        assert_eq!(resolve(&site, "b/"), Found::Missing);
    }

    #[test]
    fn content_types_say_utf8_for_text() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("x.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("x.png"), "image/png");
        assert_eq!(content_type("x.pdf"), "application/pdf");
    }
}
