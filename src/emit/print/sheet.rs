//! One printed sheet: a plan, handout or letter laid out for A4, with the blanks of its header,
//! its body rebased to the print view's URL, and a reply slip kept whole.

use serde::Serialize;

use crate::catalog::Stage;
use crate::urls::root_prefix;

/// Body text size. Young children need 四号 (14 pt); everyone else reads 小四 (12 pt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodySize {
    /// 四号, 14 pt: kindergarten and primary grades one to three.
    Large,
    /// 小四, 12 pt.
    Normal,
}

impl BodySize {
    pub fn points(self) -> u8 {
        match self {
            BodySize::Large => 14,
            BodySize::Normal => 12,
        }
    }

    /// Large for kindergarten, and for primary when any of the grades is 一/二/三年级 (a sheet
    /// for grades three and four is read by the youngest too). Primary without grades is normal.
    pub fn for_readers(stage: Option<Stage>, grades: &[String]) -> BodySize {
        match stage {
            Some(Stage::Kindergarten) => BodySize::Large,
            Some(Stage::Primary) if grades.iter().any(|g| is_lower_primary(g)) => BodySize::Large,
            _ => BodySize::Normal,
        }
    }
}

fn is_lower_primary(grade: &str) -> bool {
    const LOWER: [&str; 7] = [
        "一年级",
        "二年级",
        "三年级",
        "1年级",
        "2年级",
        "3年级",
        "低年级",
    ];
    LOWER.iter().any(|l| grade.contains(l))
}

/// Who a sheet is for, which decides its header and its place in the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The teacher's plan.
    Plan,
    /// A student handout.
    Handout,
    /// A letter to parents, usually with a reply slip.
    Letter,
    /// A training session's handout, for the staff who attend.
    Session,
}

impl Role {
    /// The header's fill-in fields, before leaving out those the body already asks for.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Role::Plan => &["学校", "班级", "授课教师", "日期"],
            Role::Handout => &["学校", "班级", "姓名", "日期"],
            Role::Letter => &["学校", "班级"],
            Role::Session => &["学校", "主讲", "日期"],
        }
    }
}

/// The header's blanks: those of `role`, less any the sheet's first paragraph already has a
/// blank for (`班级：____　姓名：____` typed by the author), so nobody writes their name twice.
pub fn header_fields(role: Role, body_html: &str) -> Vec<&'static str> {
    let first = first_paragraph(body_html).unwrap_or("");
    let asked = |label: &str| {
        let synonyms: &[&str] = if label == "姓名" {
            &["姓名", "名字"]
        } else {
            std::slice::from_ref(&label)
        };
        first.contains("class=\"blank\"") && synonyms.iter().any(|s| first.contains(s))
    };
    role.fields()
        .iter()
        .copied()
        .filter(|f| !asked(f))
        .collect()
}

/// The first `<p>` of the body when nothing but it comes before (a heading first means the
/// author typed no blanks of their own at the top).
fn first_paragraph(html: &str) -> Option<&str> {
    let html = html.trim_start();
    if !html.starts_with("<p>") {
        return None;
    }
    let end = html.find("</p>")?;
    Some(&html[..end])
}

/// The smallest type (points) fitting a sheet to whole pages may use: a student sheet keeps its
/// size (四号 for the youngest, 小四 up to junior school; 11 pt in senior school and
/// university); sheets read by adults may go down to 五号 (10.5 pt).
pub fn min_points(role: Role, size: BodySize, stage: Option<Stage>) -> f32 {
    match (role, size, stage) {
        (Role::Handout, BodySize::Large, _) => 14.0,
        (Role::Handout, _, Some(Stage::Senior | Stage::University)) => 11.0,
        (Role::Handout, _, _) => 12.0,
        _ => 10.5,
    }
}

/// A handout with a `## 背面…` heading (after a `## 正面…`) is a two-sided sheet: the back
/// starts a page of its own. The body with that break, or `None` for a one-sided handout
/// (or one whose author placed the breaks already).
pub fn two_sided(html: &str) -> Option<String> {
    if html.contains("page-break-marker") {
        return None;
    }
    let mut at = 0;
    while let Some(i) = html[at..].find("<h2") {
        let start = at + i;
        let end = html[start..]
            .find("</h2>")
            .map_or(html.len(), |e| start + e);
        let text = strip_tags(&html[start..end]);
        if text.trim_start().starts_with("背面") && start > 0 {
            let mut out = String::with_capacity(html.len() + 64);
            out.push_str(&html[..start]);
            out.push_str(crate::render::markdown::PAGE_BREAK);
            out.push_str(&html[start..]);
            return Some(out);
        }
        at = end;
    }
    None
}

fn strip_tags(html: &str) -> String {
    let mut in_tag = false;
    html.chars()
        .filter(|&c| match c {
            '<' => {
                in_tag = true;
                false
            }
            '>' => {
                in_tag = false;
                false
            }
            _ => !in_tag,
        })
        .collect()
}

/// The body split at its first cut line: what the reader keeps, and the slip they hand back.
pub fn split_reply_slip(html: &str) -> (&str, Option<&str>) {
    match html.find("<div class=\"cut-line\"") {
        Some(i) => (&html[..i], Some(&html[i..])),
        None => (html, None),
    }
}

/// A letter's body with its last paragraph marked as the signature (`班主任` and the month,
/// set to the right) when it is short enough to be one and ends the letter.
pub fn mark_signature(html: &str) -> String {
    let trimmed = html.trim_end();
    let Some(start) = trimmed.rfind("<p>") else {
        return html.to_string();
    };
    let last = &trimmed[start..];
    let is_signature =
        start > 0 && last.ends_with("</p>") && plain_len(&last[3..last.len() - 4]) <= 30;
    if !is_signature {
        return html.to_string();
    }
    format!(
        "{}<p class=\"signature\">{}",
        &html[..start],
        &html[start + 3..]
    )
}

/// Characters of text in `html`, tags left out.
fn plain_len(html: &str) -> usize {
    let mut in_tag = false;
    html.chars()
        .filter(|&c| {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    return false;
                }
                _ => {}
            }
            !in_tag
        })
        .count()
}

/// `html` rendered for the page at `from`, with every relative `href` and `src` rewritten for
/// the page at `to`, so images and links keep working in the print view.
pub fn rebase(html: &str, from: &str, to: &str) -> String {
    if from == to {
        return html.to_string();
    }
    let find = |pattern: &str, at: usize| html[at..].find(pattern).map(|i| at + i);
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    // The next `href="` and `src="`, each searched again only once passed: searching both
    // from every link was quadratic in a sheet's links.
    let (mut href, mut src) = (find("href=\"", 0), find("src=\"", 0));
    loop {
        let (at, len) = match (href, src) {
            (Some(h), Some(s)) if h < s => (h, 6),
            (Some(h), None) => (h, 6),
            (_, Some(s)) => (s, 5),
            (None, None) => break,
        };
        let start = at + len;
        let Some(end) = html[start..].find('"').map(|e| start + e) else {
            break;
        };
        out.push_str(&html[done..start]);
        out.push_str(&rebase_link(&html[start..end], from, to));
        done = end;
        if href.is_some_and(|h| h < end) {
            href = find("href=\"", end);
        }
        if src.is_some_and(|s| s < end) {
            src = find("src=\"", end);
        }
    }
    out.push_str(&html[done..]);
    out
}

fn rebase_link(link: &str, from: &str, to: &str) -> String {
    let is_relative = !link.is_empty()
        && !link.starts_with('#')
        && !link.starts_with('/')
        && !link.split('/').next().unwrap_or("").contains(':');
    if !is_relative {
        return link.to_string();
    }
    // Resolve against the old page to a site-root path, then lead there from the new page.
    let (path, tail) = match link.find(['#', '?']) {
        Some(i) => (&link[..i], &link[i..]),
        None => (link, ""),
    };
    let mut segments: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = path.ends_with('/') || path.is_empty();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut resolved = segments.join("/");
    if trailing && !resolved.is_empty() {
        resolved.push('/');
    }
    let href = format!("{}{resolved}{tail}", root_prefix(to));
    if href.is_empty() { "./".into() } else { href }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn young_readers_get_14pt() {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            BodySize::for_readers(Some(Stage::Kindergarten), &[]),
            BodySize::Large
        );
        assert_eq!(
            BodySize::for_readers(Some(Stage::Primary), &g(&["三年级", "四年级"])),
            BodySize::Large
        );
        assert_eq!(
            BodySize::for_readers(Some(Stage::Primary), &g(&["四年级"])),
            BodySize::Normal
        );
        assert_eq!(
            BodySize::for_readers(Some(Stage::Junior), &g(&["一年级"])),
            BodySize::Normal,
            "初中一年级 is not lower primary"
        );
        assert_eq!(BodySize::Large.points(), 14);
    }

    #[test]
    fn header_leaves_out_blanks_the_author_typed() {
        let typed = "<p>班级：<span class=\"blank\"></span>　姓名：<span class=\"blank\"></span></p>\n<h2>一</h2>";
        assert_eq!(header_fields(Role::Handout, typed), ["学校", "日期"]);
        let kid = "<p>我的名字（爸爸妈妈帮我写）：<span class=\"blank\"></span></p>";
        assert_eq!(header_fields(Role::Handout, kid), ["学校", "班级", "日期"]);
        let heading_first = "<h2>姓名</h2><p>班级：<span class=\"blank\"></span></p>";
        assert_eq!(header_fields(Role::Handout, heading_first).len(), 4);
        assert_eq!(
            header_fields(Role::Letter, "<p>亲爱的家长：</p>"),
            ["学校", "班级"]
        );
    }

    #[test]
    fn a_short_last_paragraph_of_a_letter_is_its_signature() {
        let letter = "<p>亲爱的家长：</p>\n<p>谢谢！</p>\n<p>班主任\n十月</p>\n";
        assert_eq!(
            mark_signature(letter),
            "<p>亲爱的家长：</p>\n<p>谢谢！</p>\n<p class=\"signature\">班主任\n十月</p>\n"
        );
        let long = format!("<p>您好</p><p>{}</p>", "很长的一段话。".repeat(10));
        assert_eq!(mark_signature(&long), long);
        assert_eq!(mark_signature("<p>只有一段</p>"), "<p>只有一段</p>");
        assert_eq!(
            mark_signature("<p>a</p><ul><li>b</li></ul>"),
            "<p>a</p><ul><li>b</li></ul>"
        );
    }

    #[test]
    fn a_front_and_back_handout_turns_over_at_its_back() {
        let html = "<h2 id=\"a\">正面：在园里</h2><p>x</p><h2 id=\"b\">背面：回家</h2><p>y</p>";
        let two = two_sided(html).unwrap();
        assert!(
            two.contains("<p>x</p><div class=\"page-break-marker\""),
            "{two}"
        );
        assert!(two_sided("<h2>正面</h2><p>只有一面</p>").is_none());
        assert!(two_sided(&two).is_none(), "breaks placed already");
    }

    #[test]
    fn fitting_never_goes_below_the_readers_type() {
        assert_eq!(
            min_points(Role::Handout, BodySize::Large, Some(Stage::Kindergarten)),
            14.0
        );
        assert_eq!(
            min_points(Role::Handout, BodySize::Normal, Some(Stage::Junior)),
            12.0
        );
        assert_eq!(
            min_points(Role::Handout, BodySize::Normal, Some(Stage::Senior)),
            11.0
        );
        assert_eq!(min_points(Role::Letter, BodySize::Normal, None), 10.5);
    }

    #[test]
    fn reply_slip_starts_at_the_cut_line() {
        let html = "<p>信</p>\n<div class=\"cut-line\" role=\"separator\"><span>✂</span></div>\n<h3>回执</h3>";
        let (kept, slip) = split_reply_slip(html);
        assert_eq!(kept, "<p>信</p>\n");
        assert!(slip.unwrap().contains("回执"));
        assert_eq!(split_reply_slip("<p>x</p>"), ("<p>x</p>", None));
    }

    #[test]
    fn links_are_rebased_to_the_print_view() {
        let kit = "primary/developmental/social/kit/";
        let print = "primary/developmental/social/kit/print/";
        let html = r##"<a href="sheet/">s</a><img src="../img/a.png"><a href="#x">x</a><a href="https://a.cn/">a</a>"##;
        assert_eq!(
            rebase(html, kit, print),
            r##"<a href="../../../../../primary/developmental/social/kit/sheet/">s</a><img src="../../../../../primary/developmental/social/img/a.png"><a href="#x">x</a><a href="https://a.cn/">a</a>"##
        );
        assert_eq!(
            rebase("<a href=\"../\">", "a/b/", "a/b/"),
            "<a href=\"../\">"
        );
        assert_eq!(
            rebase("<a href=\"../\">", "a/", "a/print/"),
            "<a href=\"../../\">"
        );
        assert_eq!(
            rebase("<a href=\"x.pdf?v=1#p2\">", "a/", "a/b/"),
            "<a href=\"../../a/x.pdf?v=1#p2\">"
        );
    }
}
