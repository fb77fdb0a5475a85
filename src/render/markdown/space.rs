//! Space on paper that is not for writing: unruled boxes to draw, print a hand or paste in
//! (```` ```draw 8cm ````), sticker and stamp cells (```` ```stickers 5 ````), and the page-break
//! marker (a paragraph `【换页】`). See docs/authoring.md, "Body conventions".

use crate::render::escape::escape;

/// What a page-break marker becomes: nothing on screen, a new page on paper.
pub const PAGE_BREAK: &str = "<div class=\"page-break-marker\" aria-hidden=\"true\"></div>\n";

/// A paragraph that is only the page-break marker.
pub fn is_page_break(text: &str) -> bool {
    matches!(
        text.trim(),
        "【换页】" | "[换页]" | "\\newpage" | "\\pagebreak"
    )
}

/// A length in millimetres from `8cm`, `80mm` or a bare number of centimetres.
fn millimetres(text: &str) -> Option<f64> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("mm") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("cm") {
        (n, 10.0)
    } else if let Some(n) = t.strip_suffix("厘米") {
        (n, 10.0)
    } else {
        (t, 10.0)
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .map(|n| n * scale)
        .filter(|n| n.is_finite() && *n > 0.0)
}

/// An unruled framed box `height` tall (default 6 cm, 1–25 cm), with an optional prompt.
pub fn draw_box(prompt: &str, height: Option<&str>) -> String {
    let mm = height
        .and_then(millimetres)
        .unwrap_or(60.0)
        .clamp(10.0, 250.0);
    let mut html = format!("<div class=\"draw-box\" style=\"height: {mm}mm\">");
    if !prompt.is_empty() {
        html.push_str(&format!(
            "<p class=\"answer-prompt\">{}</p>",
            escape(prompt)
        ));
    }
    html.push_str("</div>\n");
    html
}

/// A row of `count` square cells (default 5, 1–30) of `size` (default 3 cm, 1.5–6 cm) for
/// stickers or stamps, each big enough for a child's sticker; the prompt's lines label the
/// cells in order (a line each), the rest are blank.
pub fn stickers(prompt: &str, count: Option<&str>, size: Option<&str>) -> String {
    let n: usize = count.and_then(|c| c.parse().ok()).unwrap_or(5).clamp(1, 30);
    let mm = size.and_then(millimetres).unwrap_or(30.0).clamp(15.0, 60.0);
    let labels: Vec<&str> = prompt
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut html = format!("<div class=\"stickers\" style=\"--cell: {mm}mm\">");
    for i in 0..n {
        html.push_str("<div class=\"sticker-cell\">");
        if let Some(label) = labels.get(i) {
            html.push_str(&format!("<span>{}</span>", escape(label)));
        }
        html.push_str("</div>");
    }
    html.push_str("</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draw_boxes_take_their_height_in_cm_or_mm_within_bounds() {
        assert!(draw_box("", Some("8cm")).contains("height: 80mm"));
        assert!(draw_box("", Some("45mm")).contains("height: 45mm"));
        assert!(draw_box("", Some("7")).contains("height: 70mm"));
        assert!(draw_box("", None).contains("height: 60mm"));
        assert!(draw_box("", Some("900cm")).contains("height: 250mm"));
        assert!(draw_box("", Some("abc")).contains("height: 60mm"));
        let html = draw_box("画<你>", Some("5cm"));
        assert!(
            html.contains("<p class=\"answer-prompt\">画&lt;你&gt;</p>"),
            "{html}"
        );
        assert!(!html.contains("write-line"), "no ruled lines");
    }

    #[test]
    fn sticker_cells_are_labelled_in_order() {
        let html = stickers("周一\n周二", Some("3"), None);
        assert_eq!(html.matches("class=\"sticker-cell\"").count(), 3);
        assert!(html.contains("--cell: 30mm"));
        assert!(
            html.contains("<span>周一</span></div><div class=\"sticker-cell\"><span>周二</span>")
        );
        assert!(stickers("", Some("99"), Some("1cm")).contains("--cell: 15mm"));
    }

    #[test]
    fn page_break_markers() {
        assert!(is_page_break(" 【换页】\n"));
        assert!(is_page_break("\\newpage"));
        assert!(!is_page_break("【换页】之后"));
    }
}
