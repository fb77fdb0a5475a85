//! What raw HTML in Markdown may keep: one policy, used by ammonia to clean a page's HTML and by
//! [`super::raw_html`] to tell the author what was removed.
//!
//! Only documents whose Markdown holds raw HTML are cleaned (a full HTML5 parse is too dear for
//! every page of a 10,000-document build); yuxin's own markup in such a page (heading anchors,
//! writing space, quizzes, footnotes, task lists, tables) is allowed by the same policy, so it
//! survives the cleaning.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use crate::config::Config;

/// Tags removed together with everything inside them.
pub const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Tags kept (ammonia's defaults plus what yuxin and video embeds need). Any other tag is
/// removed and its content kept.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes any kept tag may have. `id` and `class` carry yuxin's anchors and styling;
/// `style` is filtered to [`STYLE_PROPERTIES`].
const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title", "id", "class", "dir", "role", "style"];
const ATTRIBUTE_PREFIXES: &[&str] = &["data-", "aria-"];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("area", &["href", "alt", "coords", "shape"]),
    ("audio", &["src", "controls", "preload", "loop", "muted"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("col", &["align", "span"]),
    ("colgroup", &["align", "span"]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("hr", &["align", "size", "width"]),
    (
        "iframe",
        &[
            "src",
            "width",
            "height",
            "allowfullscreen",
            "frameborder",
            "loading",
            "referrerpolicy",
            "scrolling",
        ],
    ),
    (
        "img",
        &["align", "alt", "height", "src", "width", "loading"],
    ),
    ("input", &["checked", "disabled"]),
    ("ins", &["cite", "datetime"]),
    ("li", &["value"]),
    ("map", &["name"]),
    ("ol", &["start", "type", "reversed"]),
    ("q", &["cite"]),
    ("source", &["src", "type"]),
    ("table", &["align", "summary"]),
    ("td", &["align", "colspan", "headers", "rowspan"]),
    ("th", &["align", "colspan", "headers", "rowspan", "scope"]),
    ("time", &["datetime"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    (
        "video",
        &[
            "src",
            "controls",
            "width",
            "height",
            "poster",
            "preload",
            "loop",
            "muted",
            "playsinline",
        ],
    ),
];

/// Attributes kept only with one of these values: task-list check boxes, and links that open
/// in a new tab (authors paste these from editors; browsers give `_blank` no opener since 2021,
/// so the new page cannot reach back into this one).
const TAG_ATTRIBUTE_VALUES: &[(&str, &str, &[&str])] = &[
    ("input", "type", &["checkbox", "radio"]),
    ("a", "target", &["_blank", "_self"]),
];

/// CSS properties a `style` attribute may set: colour, alignment, size and spacing. Nothing
/// that loads a URL (`background`, `cursor`, `list-style`) or lifts a box over the page
/// (`position`).
pub const STYLE_PROPERTIES: &[&str] = &[
    "color",
    "background-color",
    "text-align",
    "text-decoration",
    "text-indent",
    "font-weight",
    "font-style",
    "font-size",
    "line-height",
    "letter-spacing",
    "vertical-align",
    "white-space",
    "width",
    "height",
    "max-width",
    "min-width",
    "margin",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "padding",
    "padding-top",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "border",
    "border-top",
    "border-bottom",
    "border-left",
    "border-right",
    "border-color",
    "border-style",
    "border-width",
    "border-radius",
    "border-collapse",
    "list-style-type",
];

/// URL schemes links and sources may use; relative URLs are always fine.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "sms", "ftp", "ftps"];

/// The project's HTML policy: the hosts an `<iframe>` may show, and whether raw HTML is
/// trusted as written (`unsafe_html: true`). Built once per build and shared by its threads.
pub struct HtmlPolicy {
    pub unsafe_html: bool,
    video_hosts: Arc<[String]>,
    cleaner: OnceLock<ammonia::Builder<'static>>,
}

impl Default for HtmlPolicy {
    /// Cleans everything and allows no iframe.
    fn default() -> Self {
        HtmlPolicy::new(false, &[])
    }
}

/// Why an `<iframe>`'s `src` is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IframeRefusal {
    NotHttps,
    Host(String),
}

impl HtmlPolicy {
    pub fn new(unsafe_html: bool, video_hosts: &[String]) -> Self {
        HtmlPolicy {
            unsafe_html,
            video_hosts: video_hosts
                .iter()
                .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
                .collect(),
            cleaner: OnceLock::new(),
        }
    }

    pub fn from_config(config: &Config) -> Self {
        HtmlPolicy::new(config.unsafe_html, &config.video_hosts)
    }

    /// Cleans a page's HTML by the policy (unless `unsafe_html`). The whole page is cleaned,
    /// not each raw-HTML piece: a `<div>` opened in one Markdown block and closed in another
    /// must keep the Markdown between them inside it.
    pub fn clean(&self, html: &str) -> String {
        if self.unsafe_html {
            return html.to_string();
        }
        let cleaned = self.cleaner().clean(html).to_string();
        drop_empty_iframes(&cleaned)
    }

    fn cleaner(&self) -> &ammonia::Builder<'static> {
        self.cleaner
            .get_or_init(|| build_cleaner(self.video_hosts.clone()))
    }

    /// Whether an `<iframe src>` may stay: https and a host in `video_hosts` (or under one).
    pub fn iframe_src(&self, src: &str) -> Result<(), IframeRefusal> {
        iframe_src(src, &self.video_hosts)
    }
}

fn build_cleaner(hosts: Arc<[String]>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(ATTRIBUTE_PREFIXES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                .collect(),
        )
        .tag_attribute_values(tag_attribute_values())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .filter_style_properties(STYLE_PROPERTIES.iter().copied().collect())
        // yuxin's own links must come out as they went in; a page's links open in place.
        .link_rel(None)
        .attribute_filter(move |element, attribute, value| {
            if element == "iframe" && attribute == "src" && iframe_src(value, &hosts).is_err() {
                return None;
            }
            Some(Cow::Borrowed(value))
        });
    b
}

fn tag_attribute_values() -> HashMap<&'static str, HashMap<&'static str, HashSet<&'static str>>> {
    let mut map: HashMap<_, HashMap<_, HashSet<_>>> = HashMap::new();
    for (tag, attr, values) in TAG_ATTRIBUTE_VALUES {
        map.entry(*tag)
            .or_default()
            .insert(*attr, values.iter().copied().collect());
    }
    map
}

/// Is `attr` kept on `<tag>` with this value (before its URL or host is looked at)?
pub fn attribute_allowed(tag: &str, attr: &str, value: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attr)
        || ATTRIBUTE_PREFIXES.iter().any(|p| attr.starts_with(p))
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
        || TAG_ATTRIBUTE_VALUES.iter().any(|(t, a, values)| {
            *t == tag && *a == attr && values.iter().any(|v| v.eq_ignore_ascii_case(value))
        })
}

pub fn tag_allowed(tag: &str) -> bool {
    TAGS.contains(&tag)
}

/// Does `attr` on `<tag>` hold a URL (as ammonia sees it)?
pub fn is_url_attribute(tag: &str, attr: &str) -> bool {
    matches!(attr, "href" | "src" | "xlink:href")
        || (tag == "video" && attr == "poster")
        || (tag == "form" && attr == "action")
        || (tag == "object" && attr == "data")
        || attr == "formaction"
}

/// A URL a page may link to: relative, or with one of [`URL_SCHEMES`]. Refuses
/// `javascript:`, `data:`, `vbscript:` and every other scheme.
pub fn url_allowed(url: &str) -> bool {
    crate::urls::scheme(url).is_none_or(|s| URL_SCHEMES.contains(&s.as_str()))
}

fn iframe_src(src: &str, hosts: &[String]) -> Result<(), IframeRefusal> {
    let Ok(url) = ammonia::Url::parse(src.trim()) else {
        return Err(IframeRefusal::NotHttps);
    };
    if url.scheme() != "https" {
        return Err(IframeRefusal::NotHttps);
    }
    let host = url.host_str().unwrap_or("").trim_end_matches('.');
    if host_allowed(host, hosts) {
        Ok(())
    } else {
        Err(IframeRefusal::Host(host.to_string()))
    }
}

/// `host` is one of `hosts` or a subdomain of one (`player.bilibili.com` under
/// `bilibili.com`); `evilbilibili.com` is not.
pub fn host_allowed(host: &str, hosts: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    hosts.iter().any(|h| {
        let h = h.to_ascii_lowercase();
        !h.is_empty()
            && (host == h
                || host
                    .strip_suffix(h.as_str())
                    .is_some_and(|rest| rest.ends_with('.')))
    })
}

/// Removes every `<iframe>` left without a `src` (its host was refused) from ammonia's output:
/// an empty frame would still draw a blank box. The input is html5ever's serialisation, so
/// attribute values are double-quoted and text holds no raw `<`.
fn drop_empty_iframes(html: &str) -> String {
    if !html.contains("<iframe") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_end = start + tag_len(&rest[start..]);
        let tag = &rest[start..tag_end];
        if tag.starts_with("<iframe") && !has_attribute(tag, "src") {
            let after = &rest[tag_end..];
            let close = after.find("</iframe>").map_or(after.len(), |i| i + 9);
            rest = &after[close..];
        } else {
            out.push_str(tag);
            rest = &rest[tag_end..];
        }
    }
    out.push_str(rest);
    out
}

/// Length of the tag at the start of `s` (`s` starts with `<`), quotes respected.
fn tag_len(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn has_attribute(tag: &str, name: &str) -> bool {
    let mut quoted = false;
    let bytes = tag.as_bytes();
    for (i, c) in tag.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted
            && c == ' '
            && tag[i + 1..].starts_with(name)
            && matches!(
                bytes.get(i + 1 + name.len()),
                Some(b'=' | b' ' | b'>' | b'/')
            )
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
