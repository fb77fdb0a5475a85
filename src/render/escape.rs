//! HTML escaping of text, for every place that writes text into HTML or XML by hand (the
//! Markdown renderer, quizzes, templates' auto-escape, feeds, the report, serve's overlay).

/// `text` with `& < > " '` escaped, for HTML text and attribute values alike.
pub fn escape(text: &str) -> String {
    escape_cow(text).into_owned()
}

/// [`escape`] without a copy when there is nothing to escape (most text in templates). The
/// characters escaped are ASCII, so the text is copied in runs between them, not a char at a
/// time.
pub fn escape_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.as_bytes().iter().position(special) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}
