//! The error overlay: the diagnostics of a failed rebuild, in the same words the CLI prints,
//! laid over the page in the browser while the last good site stays served.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::render::escape::escape;

/// The diagnostics as the CLI prints them: headline, `path:line:col`, code frame, hint.
pub fn report(root: &Path, diags: &[Diagnostic], sources: &HashMap<PathBuf, String>) -> String {
    diags
        .iter()
        .map(|d| {
            // No frame for a whole-file problem, so no read (the file may be a link out).
            // Borrowed: cloning a large source for each of its diagnostics is quadratic.
            let framed = d.span != crate::diag::Span::file_start();
            let text = sources
                .get(&d.file)
                .map(|t| std::borrow::Cow::Borrowed(t.as_str()))
                .or_else(|| {
                    framed.then_some(())?;
                    // Bounded: the file may be the one refused for its size.
                    crate::load::read_text(root, &d.file)
                        .ok()
                        .map(std::borrow::Cow::Owned)
                });
            format!("{}\n", d.render_human(text.as_deref()))
        })
        .collect()
}

/// The overlay's markup for the errors among `diags` (warnings stay in the terminal).
pub fn html(root: &Path, diags: &[Diagnostic], sources: &HashMap<PathBuf, String>) -> String {
    let errors: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let text = report(root, &errors, sources);
    format!(
        concat!(
            r#"<div id="yuxin-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;"#,
            r#"background:rgba(20,20,20,.82);overflow:auto;padding:4vh 4vw;font:15px/1.6 system-ui,sans-serif">"#,
            r#"<div style="max-width:60rem;margin:auto;background:#fff;color:#222;border-top:6px solid #c62828;"#,
            r#"border-radius:6px;padding:1.2rem 1.5rem">"#,
            r#"<h2 style="margin:0 0 .6rem;color:#c62828;font-size:1.2rem">构建出错：{count} 个错误</h2>"#,
            r#"<pre style="white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;background:#f6f6f6;"#,
            r#"padding:.8rem;border-radius:4px;overflow:auto">{text}</pre>"#,
            r#"<p style="margin:.6rem 0 0;color:#555">改好并保存后，这个提示会自动消失。"#,
            r#"在此之前，网站显示的是上一次成功构建的结果。</p></div></div>"#
        ),
        count = errors.len(),
        text = escape(text.trim_end()),
    )
}

/// Adds the live-reload script (and the overlay, when there is one) before `</body>`.
pub fn inject(page: &[u8], version: u64, overlay: Option<&str>) -> Vec<u8> {
    let script = format!(r#"<script src="/__yuxin/live.js" data-version="{version}"></script>"#);
    let extra = format!("{}{script}", overlay.unwrap_or(""));
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    #[test]
    fn overlay_shows_location_message_hint_escaped() {
        let d = Diagnostic::error(
            "yaml-syntax",
            Path::new("content/a.md"),
            Span::new(2, 7, 1),
            "写法有误 <b>",
        )
        .with_hint("加引号");
        let w = Diagnostic::warning(
            "w",
            Path::new("content/a.md"),
            Span::new(1, 1, 0),
            "只是警告",
        );
        let sources = HashMap::from([(
            PathBuf::from("content/a.md"),
            "---\ntitle: [x\n---\n".into(),
        )]);
        let html = html(Path::new("/nonexistent"), &[d, w], &sources);
        assert!(html.contains("content/a.md:2:7"), "{html}");
        assert!(html.contains("写法有误 &lt;b&gt;"), "{html}");
        assert!(html.contains("提示：加引号"), "{html}");
        assert!(html.contains("2 | title: [x"), "code frame: {html}");
        assert!(
            html.contains("1 个错误") && !html.contains("只是警告"),
            "{html}"
        );
    }

    #[test]
    fn injects_before_the_closing_body() {
        let page = inject(
            b"<html><body><p>x</p></body></html>",
            7,
            Some("<div>o</div>"),
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.ends_with(
            r#"<p>x</p><div>o</div><script src="/__yuxin/live.js" data-version="7"></script></body></html>"#
        ), "{page}");
        let bare = String::from_utf8(inject(b"<p>no body", 1, None)).unwrap();
        assert!(bare.starts_with("<p>no body<script"), "{bare}");
    }
}
