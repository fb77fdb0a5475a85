//! Markdown rendering under the HTML policy: what is cleaned, what is reported, and that
//! yuxin's own markup comes through a cleaning as it went in.

use super::*;
use crate::render::raw_html::parse_start_tag;

const FEATURES: &str = "## 教学过程 {#steps .big data-x=1}\n\n### 导入\n\n姓名：________\n\n__________\n\n```answer 2\n你的想法：\n```\n\n✂ 请沿虚线剪下\n\n```quiz\n? 选哪个？\n- [ ] 甲\n- [x] 乙\n> 解析：因为。\n\n? 对吗？\n= 错\n```\n\n| 左 | 中 | 右 |\n|:---|:---:|---:|\n| 1 | 2 | 3 |\n\n~~删~~ 脚注[^1] [下一课](./b.md#教学过程) ![图](img/x.png \"标题\") [外](https://example.org/?a=1&b=2) \"引号\" 'x' & <\n\n- [ ] 同意\n- [x] 不同意\n\n[^1]: 注释。\n";

/// `body` rendered as a lesson page that links to one lesson and one image.
pub(super) fn render_with(body: &str, policy: &HtmlPolicy) -> Rendered {
    let mut links = LinkMap::new();
    links.insert(
        PathBuf::from("curricula/primary/developmental/b.md"),
        "primary/developmental/b/".into(),
    );
    links.insert(
        PathBuf::from("curricula/primary/developmental/img/x.png"),
        "primary/developmental/img/x.png".into(),
    );
    let files = HashSet::new();
    let page = Page {
        html: policy,
        files: &files,
        source: Path::new("curricula/primary/developmental/a.md"),
        url: "primary/developmental/a/",
        first_line: 5,
        links: &links,
    };
    render(body, &page)
}

fn render_safe(body: &str) -> Rendered {
    render_with(body, &HtmlPolicy::new(false, &["bilibili.com".into()]))
}

/// Every attribute of every start tag, as (name, decoded value).
fn attributes(html: &str) -> Vec<(String, String)> {
    html.match_indices('<')
        .filter_map(|(i, _)| parse_start_tag(&html[i..]))
        .flat_map(|t| t.attributes)
        .collect()
}

/// Start tags with sorted attributes (style without spaces) and the text between them: what
/// a browser builds, whatever the quoting and escaping.
fn shape(html: &str) -> (Vec<String>, String) {
    let mut tags = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        match parse_start_tag(rest) {
            Some(tag) => {
                let mut attrs: Vec<String> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.replace(' ', "").replace(".0em", "em")))
                    .collect();
                attrs.sort();
                tags.push(format!("{} {}", tag.name, attrs.join(" ")));
                rest = &rest[tag.len..];
            }
            None => {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                rest = &rest[end..];
            }
        }
    }
    text.push_str(rest);
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    (tags, text.split_whitespace().collect())
}

#[test]
fn plain_pages_are_not_parsed_again() {
    let r = render_safe(FEATURES);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // yuxin's own serialisation, untouched: the cleaner writes `disabled=""`.
    assert!(
        r.html
            .contains("<input type=\"checkbox\" disabled aria-labelledby=\"task-a-1\">"),
        "{}",
        r.html
    );
}

#[test]
fn yuxin_markup_comes_through_cleaning_unchanged() {
    let plain = render_safe(FEATURES);
    let with_raw = render_safe(&format!("{FEATURES}\n<span class=\"note\">raw</span>\n"));
    assert!(
        with_raw.diagnostics.is_empty(),
        "{:?}",
        with_raw.diagnostics
    );
    assert_ne!(
        with_raw.html, plain.html,
        "the page with raw HTML was cleaned"
    );
    let (plain_tags, plain_text) = shape(&plain.html);
    let (tags, text) = shape(&with_raw.html);
    assert_eq!(tags[..tags.len() - 2], plain_tags[..]);
    assert_eq!(tags[tags.len() - 2..], ["p ", "span class=note"]);
    assert_eq!(text, format!("{plain_text}raw"));
    for kept in [
        "data-kind=",
        "class=\"anchor\"",
        "id=\"steps\"",
        "footnote-definition",
        "write-line",
        "cut-line",
        "text-align:center",
        "type=\"checkbox\"",
    ] {
        assert!(with_raw.html.contains(kept), "{kept}: {}", with_raw.html);
    }
}

#[test]
fn raw_html_is_cleaned_and_reported_at_its_place() {
    let r = render_safe(
        "正文\n\n<div onclick=\"steal()\">\n\n**保留**\n\n</div>\n\n<script>alert(1)</script>\n",
    );
    assert!(
        !r.html.contains("onclick") && !r.html.contains("script"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<div>\n<p><strong>保留</strong></p>\n</div>"),
        "{}",
        r.html
    );
    let at: Vec<(usize, usize, &str)> = r
        .diagnostics
        .iter()
        .map(|d| (d.span.line, d.span.column, d.lint))
        .collect();
    assert_eq!(at, [(7, 1, "unsafe-html"), (13, 1, "unsafe-html")]);
    assert!(r.diagnostics[0].message.contains("onclick"));
    assert!(r.diagnostics[1].message.contains("<script>"));
}

#[test]
fn markdown_links_with_dangerous_schemes_are_emptied() {
    let r = render_safe(
        "[a](javascript:alert(1)) [b](JAVASCRIPT:x) ![c](data:image/svg+xml,x) <vbscript:msgbox(1)> [ok](mailto:a@b.c)\n",
    );
    let urls: Vec<String> = attributes(&r.html)
        .into_iter()
        .filter(|(k, _)| k == "href" || k == "src")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(urls, ["", "", "", "", "mailto:a@b.c"], "{}", r.html);
    assert_eq!(r.diagnostics.len(), 4, "{:?}", r.diagnostics);
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.lint == "unsafe-html" && d.span.line == 5)
    );
    assert_eq!(r.diagnostics[0].span.column, 5);
}

#[test]
fn heading_attributes_and_ids_cannot_inject() {
    let r = render_safe("## 标题 {#x\"onmouseover=\"alert(1) onclick=y style=z title=t}\n");
    let names: Vec<String> = attributes(&r.html).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        names,
        [
            "id",
            "title",
            "class",
            "href",
            "aria-label",
            "data-pagefind-ignore"
        ],
        "{}",
        r.html
    );
    assert!(r.html.contains("title=\"t\""), "{}", r.html);
    assert_eq!(r.diagnostics.len(), 2, "{:?}", r.diagnostics);
}

#[test]
fn unsafe_html_keeps_what_the_author_wrote() {
    let r = render_with(
        "<script>x()</script>\n\n[a](javascript:y)\n",
        &HtmlPolicy::new(true, &[]),
    );
    assert!(r.html.contains("<script>x()</script>"));
    assert!(r.html.contains("href=\"javascript:y\""));
    assert!(r.diagnostics.is_empty());
}

#[test]
fn html_too_deep_to_parse_is_shown_as_text() {
    let body = format!(
        "前言\n\n{}深{}\n",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let r = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || render_safe(&body))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(r.html.contains("&lt;div&gt;&lt;div&gt;"), "shown as text");
    assert!(!r.html.contains("<div>"));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(
        (r.diagnostics[0].span.line, r.diagnostics[0].span.column),
        (7, 1)
    );
}
