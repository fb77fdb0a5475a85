//! The HTML pages inside a package: content rendered by yuxin, links made to work from inside
//! a zip (site links become absolute `base_url` links, images are packed beside the pages).

/// One launchable page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Unique within the package, XML-safe.
    pub identifier: String,
    pub title: String,
    /// Path inside the zip, e.g. `pages/01.html`.
    pub href: String,
    pub html: String,
}

/// A file the pages use (stylesheet, image).
#[derive(Debug, Clone)]
pub struct PackageFile {
    pub href: String,
    pub bytes: Vec<u8>,
}

/// Rewrites the page-relative `href`/`src` values of rendered content (made for the site page
/// at `page_url`) so they work inside a package whose pages sit one folder deep: links to site
/// pages become absolute `base_url` links, images found by `asset` are packed under `files/`.
pub fn relink(
    html: &str,
    page_url: &str,
    base_url: &str,
    mut asset: impl FnMut(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = find_attr(rest) {
        let (attr_len, quote_at) = pos;
        out.push_str(&rest[..quote_at + 1]);
        let after = &rest[quote_at + 1..];
        let Some(end) = after.find('"') else {
            out.push_str(after);
            return out;
        };
        let value = &after[..end];
        let is_src = rest[quote_at - attr_len..quote_at]
            .trim_start()
            .starts_with("src");
        out.push_str(&rewrite(value, page_url, base_url, is_src, &mut asset));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The next ` href="` or ` src="`: (attribute length incl. `="`, index of the quote).
fn find_attr(text: &str) -> Option<(usize, usize)> {
    let href = text.find(" href=\"").map(|i| (6, i + 6));
    let src = text.find(" src=\"").map(|i| (5, i + 5));
    match (href, src) {
        (Some(h), Some(s)) => Some(if h.1 < s.1 { h } else { s }),
        (h, s) => h.or(s),
    }
}

fn rewrite(
    value: &str,
    page_url: &str,
    base_url: &str,
    is_src: bool,
    asset: &mut impl FnMut(&str) -> Option<String>,
) -> String {
    if value.is_empty() || value.starts_with('#') || value.contains(':') || value.starts_with('/') {
        return value.to_string();
    }
    let site_path = resolve(page_url, value);
    if is_src && let Some(packed) = asset(&site_path) {
        return format!("../{packed}");
    }
    format!("{base_url}{site_path}")
}

/// `a/b/` + `../../c/` → `c/`, URL paths relative to the site root.
fn resolve(page_url: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page_url.split('/').filter(|p| !p.is_empty()).collect();
    for piece in rel.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = if rel.ends_with('/') { "/" } else { "" };
    format!("{}{trailing}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_links_become_absolute_and_images_are_packed() {
        let html = r##"<a href="../../other/">x</a> <img src="../img/a.png" alt=""> <a href="#top">t</a> <a href="https://e.org/">e</a>"##;
        let out = relink(html, "training/m/s1/", "https://x.cn/", |p| {
            (p == "training/m/img/a.png").then(|| "files/a.png".to_string())
        });
        assert!(
            out.contains(r#"href="https://x.cn/training/other/""#),
            "{out}"
        );
        assert!(out.contains(r#"src="../files/a.png""#), "{out}");
        assert!(out.contains(r##"href="#top""##));
        assert!(out.contains(r#"href="https://e.org/""#));
    }
}
