//! Links and images: refused schemes emptied, links between documents rewritten to page URLs,
//! links to headings noted for the anchor check.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Tag};

use super::lines::LineIndex;
use super::{AnchorLink, Page, Rendered};
use crate::diag::{Diagnostic, Span};
use crate::render::{raw_html, sanitize};
use crate::slug::slugify;
use crate::urls;

/// Rewrites `event`'s destination if it is a link or an image found at `offset`.
pub(super) fn rewrite(
    event: &mut Event<'_>,
    page: &Page,
    lines: &LineIndex<'_>,
    offset: usize,
    out: &mut Rendered,
) {
    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
        if !page.html.unsafe_html && !sanitize::url_allowed(dest_url) {
            let span = lines.span(offset, dest_url);
            out.diagnostics
                .push(raw_html::link_diagnostic(page.source, span, dest_url));
            *dest_url = CowStr::from("");
        } else if let Some(href) = resolve(dest_url, page, lines, offset, out) {
            *dest_url = CowStr::from(href);
        }
    }
}

/// The page-relative URL for a relative link to a project file; `None` leaves it as written.
fn resolve(
    dest: &str,
    page: &Page,
    lines: &LineIndex<'_>,
    offset: usize,
    out: &mut Rendered,
) -> Option<String> {
    if let Some(f) = dest.strip_prefix('#') {
        note_anchor(None, f, dest, lines.span(offset, dest), out);
        return Some(format!("#{}", fragment(f)));
    }
    if dest.is_empty() || dest.starts_with('/') || dest.contains("://") || dest.contains(':') {
        return None;
    }
    let (path_part, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = percent_decode(path_part);
    let target = join(page.source.parent().unwrap_or(Path::new("")), &path_part);
    match page.links.get(&target) {
        Some(url) => {
            let mut href = urls::relative(page.url, url);
            if let Some(f) = frag {
                note_anchor(Some(&target), f, dest, lines.span(offset, dest), out);
                href.push('#');
                href.push_str(&fragment(f));
            }
            Some(href)
        }
        None if page.files.contains(&target) => None,
        None => {
            out.diagnostics.push(
                Diagnostic::warning(
                    "broken-link",
                    page.source,
                    lines.span(offset, dest),
                    format!("链接指向的文件不存在：{dest}"),
                )
                .with_hint(format!(
                    "按本文件所在文件夹写相对路径，例如 `../主题/文件.md`；这里解析为 {}",
                    crate::diag::display_path(&target)
                )),
            );
            None
        }
    }
}

fn note_anchor(target: Option<&Path>, f: &str, dest: &str, span: Span, out: &mut Rendered) {
    if !f.is_empty() {
        out.anchors.push(AnchorLink {
            target: target.map(Path::to_path_buf),
            id: fragment(f),
            written: dest.to_string(),
            span,
        });
    }
}

/// A fragment written in Chinese (`#教学过程`) becomes the heading's pinyin id.
fn fragment(f: &str) -> String {
    let decoded = percent_decode(f);
    let slug = slugify(&decoded);
    if slug.is_empty() { decoded } else { slug }
}

/// `a/b` + `../c.md` → `a/c.md`, without touching the file system.
fn join(base: &Path, rel: &str) -> PathBuf {
    let mut parts: Vec<Cow<str>> = base
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect();
    for piece in rel.split(['/', '\\']) {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(Cow::Borrowed(p)),
        }
    }
    let mut path = PathBuf::with_capacity(base.as_os_str().len() + rel.len() + 1);
    path.extend(parts.iter().map(|p| p.as_ref()));
    path
}

pub(super) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: Option<&u8>) -> Option<u8> {
    (*b? as char).to_digit(16).map(|d| d as u8)
}
