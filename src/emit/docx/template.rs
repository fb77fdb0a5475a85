//! A school's own Word template filled in: `{{课题}}` and the other placeholders are found even
//! when Word split them across runs, the table row holding `{{环节}}` is repeated once per
//! step, and every part of the template but the filled ones is copied byte for byte.
//!
//! The filler works on the XML text, touching only the `<w:t>` elements that hold a
//! placeholder and the repeated rows: styles, headers, logos, section settings and whatever a
//! later Word adds stay exactly as the school saved them.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::write::SimpleFileOptions;

use super::safe;
use crate::diag::{Diagnostic, Span};
use crate::emit::ooxml::escape;

/// Field placeholders (DESIGN.md), then the ones yuxin adds.
pub const FIELDS: &[&str] = &[
    "课题",
    "年级",
    "时长",
    "课型",
    "认知目标",
    "情感目标",
    "行为目标",
    "教学重难点",
    "教学准备",
    "板书设计",
    "教学反思",
    "学校",
    "日期",
    "教学目标",
    "作业",
    "学期",
    "学时",
    "培训对象",
    "其他内容",
];

/// Placeholders of a repeated step row.
pub const STEP_FIELDS: &[&str] = &[
    "环节",
    "环节时长",
    "教师活动",
    "学生活动",
    "设计意图",
    "教学活动",
];

/// A checked template, its placeholders already gathered into single runs.
pub struct Template {
    /// Project-relative, for messages.
    pub path: PathBuf,
    bytes: Vec<u8>,
    /// (entry name, normalised XML) of the parts that hold placeholders.
    parts: Vec<(String, String)>,
}

impl Template {
    /// Opens and checks `root/rel`: every problem is reported, with the file and the fix.
    pub fn load(root: &Path, rel: &Path) -> Result<Template, Vec<Diagnostic>> {
        let opened = safe::open(root, rel).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let mut parts = Vec::new();
        for (name, xml) in opened.parts {
            if let Err(why) = safe::well_formed(&xml) {
                problems.push(broken(rel, &name, &why));
                continue;
            }
            let merged = merge_runs(&xml);
            check_placeholders(rel, &name, &merged, &mut problems);
            parts.push((name, merged));
        }
        if problems.is_empty() {
            Ok(Template {
                path: rel.to_path_buf(),
                bytes: opened.bytes,
                parts,
            })
        } else {
            Err(problems)
        }
    }

    /// The template filled: `field` gives a field's text, `steps` each step's.
    pub fn fill(
        &self,
        field: &dyn Fn(&str) -> Option<String>,
        steps: &[Vec<(&'static str, String)>],
    ) -> Result<Vec<u8>, Diagnostic> {
        let fail = |why: String| {
            Diagnostic::error("docx-template", &self.path, Span::file_start(), why)
                .with_hint(RESAVE)
        };
        let mut zip =
            ZipArchive::new(Cursor::new(self.bytes.as_slice())).map_err(|e| fail(e.to_string()))?;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| fail(e.to_string()))?;
            let name = entry.name().map_err(|e| fail(e.to_string()))?.to_string();
            match self.parts.iter().find(|(n, _)| *n == name) {
                Some((_, xml)) => {
                    drop(entry);
                    let filled = fill_xml(xml, field, steps);
                    safe::well_formed(&filled).map_err(|why| fail(broken_text(&name, &why)))?;
                    let options = SimpleFileOptions::default()
                        .compression_method(zip::CompressionMethod::Deflated);
                    out.start_file(name.as_str(), options)
                        .map_err(|e| fail(e.to_string()))?;
                    out.write_all(filled.as_bytes())
                        .map_err(|e| fail(e.to_string()))?;
                }
                None => out.raw_copy_file(entry).map_err(|e| fail(e.to_string()))?,
            }
        }
        let cursor = out.finish().map_err(|e| fail(e.to_string()))?;
        Ok(cursor.into_inner())
    }
}

const RESAVE: &str = "在 Word 或 WPS 里打开这个模板，“另存为”Word 文档（*.docx）后再放回这里";

fn broken_text(name: &str, why: &str) -> String {
    format!("Word 模板里的 `{name}` 不是完整的 XML（{why}）")
}

fn broken(rel: &Path, name: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        "docx-template",
        rel,
        Span::file_start(),
        broken_text(name, why),
    )
    .with_hint(RESAVE)
}

/// Every placeholder of a part is one it knows, and step placeholders sit in a `{{环节}}` row.
fn check_placeholders(rel: &Path, part: &str, xml: &str, problems: &mut Vec<Diagnostic>) {
    let rows = step_rows(xml);
    for_each_text(xml, |_, text| {
        let mut rest = text;
        while let Some(at) = rest.find("{{") {
            let after = &rest[at + 2..];
            let Some(end) = after.find("}}") else {
                let shown: String = after.chars().take(12).collect();
                problems.push(
                    Diagnostic::error(
                        "docx-placeholder",
                        rel,
                        Span::file_start(),
                        format!("Word 模板（{part}）里的占位符 `{{{{{shown}` 没有用 `}}}}` 结束"),
                    )
                    .with_hint("占位符写成两对花括号包住名字，例如 {{课题}}"),
                );
                return;
            };
            let name = after[..end].trim();
            if !FIELDS.contains(&name) && !STEP_FIELDS.contains(&name) {
                let all = FIELDS.iter().chain(STEP_FIELDS).copied();
                let hint = match crate::diag::suggest(name, all) {
                    Some(s) => {
                        format!("是不是 {{{{{s}}}}}？可用的占位符见 docs/authoring.md「Word 教案」")
                    }
                    None => format!(
                        "可用的占位符：{}；每个环节一行的表格里：{}",
                        braces(FIELDS),
                        braces(STEP_FIELDS)
                    ),
                };
                problems.push(
                    Diagnostic::error(
                        "docx-placeholder",
                        rel,
                        Span::file_start(),
                        format!("Word 模板（{part}）里的占位符 `{{{{{name}}}}}` 不认识"),
                    )
                    .with_hint(hint),
                );
            }
            rest = &after[end + 2..];
        }
    });
    // A step placeholder outside a repeated row would never be filled.
    let mut offset = 0;
    while let Some(at) = xml[offset..].find("{{") {
        let start = offset + at;
        offset = start + 2;
        let Some(end) = xml[offset..].find("}}") else {
            break;
        };
        let name = &xml[offset..offset + end];
        if STEP_FIELDS.contains(&name) && !rows.iter().any(|r| r.contains(&start)) {
            problems.push(
                Diagnostic::error(
                    "docx-placeholder",
                    rel,
                    Span::file_start(),
                    format!(
                        "Word 模板（{part}）里的 `{{{{{name}}}}}` 不在含 {{{{环节}}}} 的表格行里"
                    ),
                )
                .with_hint("环节的占位符要和 {{环节}} 放在表格的同一行：这一行会按环节重复"),
            );
        }
    }
}

fn braces(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where an element starts: `<w:p>` or `<w:p …>`, not `<w:pPr>`; `None` for other text.
fn opens(xml: &str, at: usize, tag: &str) -> Option<usize> {
    let rest = xml[at..].strip_prefix(tag)?;
    let next = rest.bytes().next()?;
    if next != b'>' && !next.is_ascii_whitespace() {
        return None;
    }
    let close = rest.find('>')?;
    // A self-closing element has no content.
    (!rest[..close].ends_with('/')).then_some(at + tag.len() + close + 1)
}

/// A `<w:t>` element: where its opening tag starts and ends, and its content's range.
#[derive(Debug, Clone, Copy)]
struct Text {
    tag: (usize, usize),
    content: (usize, usize),
}

/// Calls `f` with the raw content of every `<w:t>`.
fn for_each_text(xml: &str, mut f: impl FnMut(Text, &str)) {
    let mut at = 0;
    while let Some(found) = xml[at..].find("<w:t") {
        let start = at + found;
        at = start + 4;
        if let Some(content) = opens(xml, start, "<w:t")
            && let Some(len) = xml[content..].find("</w:t>")
        {
            let t = Text {
                tag: (start, content),
                content: (content, content + len),
            };
            f(t, &xml[content..content + len]);
            at = content + len;
        }
    }
}

/// Moves each placeholder that Word split across runs (`{{课` `题}}`) into the first of its
/// runs, so that every placeholder is whole inside one `<w:t>`. Text outside placeholders
/// stays in its run; runs emptied this way stay, empty.
pub fn merge_runs(xml: &str) -> String {
    // The `<w:t>`s of each paragraph, innermost paragraph first when they nest (text boxes).
    let mut stack: Vec<Vec<Text>> = Vec::new();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut at = 0;
    while let Some(found) = xml[at..].find('<') {
        let start = at + found;
        at = start + 1;
        if opens(xml, start, "<w:p").is_some() {
            stack.push(Vec::new());
        } else if xml[start..].starts_with("</w:p>") {
            if let Some(texts) = stack.pop() {
                merge_paragraph(xml, &texts, &mut edits);
            }
        } else if let Some(content) = opens(xml, start, "<w:t")
            && let Some(len) = xml[content..].find("</w:t>")
        {
            if let Some(texts) = stack.last_mut() {
                texts.push(Text {
                    tag: (start, content),
                    content: (content, content + len),
                });
            }
            at = content + len;
        }
    }
    apply(xml, edits)
}

fn apply(xml: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(xml.len() + 256);
    let mut at = 0;
    for (start, end, text) in edits {
        out.push_str(&xml[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&xml[at..]);
    out
}

fn merge_paragraph(xml: &str, texts: &[Text], edits: &mut Vec<(usize, usize, String)>) {
    if texts.len() < 2 {
        return;
    }
    let Ok(mut contents) = texts
        .iter()
        .map(|t| {
            quick_xml::escape::unescape(&xml[t.content.0..t.content.1]).map(|c| c.into_owned())
        })
        .collect::<Result<Vec<String>, _>>()
    else {
        return;
    };
    let joined: String = contents.concat();
    if !joined.contains("{{") {
        return;
    }
    // (run, offset) of a byte position in the joined text.
    let locate = |contents: &[String], pos: usize| {
        let mut base = 0;
        for (i, c) in contents.iter().enumerate() {
            if pos < base + c.len() || i + 1 == contents.len() {
                return (i, pos - base);
            }
            base += c.len();
        }
        (0, 0)
    };
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = joined[from..].find("{{") {
        let start = from + at;
        let Some(len) = joined[start + 2..].find("}}") else {
            break;
        };
        let end = start + 2 + len + 2;
        spans.push((start, end));
        from = end;
    }
    let original = contents.clone();
    for &(start, end) in spans.iter().rev() {
        let (i, a) = locate(&original, start);
        let (j, b) = locate(&original, end - 1);
        let b = b + 1;
        if i == j {
            continue;
        }
        let placeholder = &joined[start..end];
        contents[j] = contents[j][b..].to_string();
        for c in &mut contents[i + 1..j] {
            c.clear();
        }
        contents[i] = format!("{}{placeholder}", &contents[i][..a]);
    }
    for ((t, new), old) in texts.iter().zip(&contents).zip(&original) {
        if new != old {
            edits.push((
                t.tag.0,
                t.content.1,
                format!(r#"<w:t xml:space="preserve">{}"#, escape(new)),
            ));
        }
    }
}

/// The `<w:tr>` elements holding `{{环节}}`: the innermost row around each.
fn step_rows(xml: &str) -> Vec<std::ops::Range<usize>> {
    let mut rows = Vec::new();
    let mut stack = Vec::new();
    let mut at = 0;
    while let Some(found) = xml[at..].find('<') {
        let start = at + found;
        at = start + 1;
        if opens(xml, start, "<w:tr").is_some() {
            stack.push(start);
        } else if xml[start..].starts_with("</w:tr>")
            && let Some(open) = stack.pop()
        {
            let range = open..start + "</w:tr>".len();
            let inner = rows
                .iter()
                .any(|r: &std::ops::Range<usize>| range.start <= r.start && r.end <= range.end);
            if !inner && xml[range.clone()].contains("{{环节}}") {
                rows.push(range);
            }
        }
    }
    rows
}

/// The template's text with fields and step rows filled.
pub fn fill_xml(
    xml: &str,
    field: &dyn Fn(&str) -> Option<String>,
    steps: &[Vec<(&'static str, String)>],
) -> String {
    let rows = step_rows(xml);
    let mut edits = Vec::new();
    for row in rows {
        let template = &xml[row.clone()];
        let mut repeated = String::new();
        let empty = [Vec::new()];
        let steps = if steps.is_empty() { &empty[..] } else { steps };
        for step in steps {
            let lookup = |name: &str| {
                if STEP_FIELDS.contains(&name) {
                    Some(
                        step.iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default(),
                    )
                } else {
                    field(name)
                }
            };
            repeated.push_str(&replace(template, &lookup));
        }
        edits.push((row.start, row.end, repeated));
    }
    let rows_done = apply(xml, edits);
    replace(&rows_done, field)
}

/// Replaces whole placeholders inside `<w:t>` elements; a value's line breaks become `<w:br/>`.
fn replace(xml: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut edits = Vec::new();
    for_each_text(xml, |t, raw| {
        if !raw.contains("{{") {
            return;
        }
        let Ok(text) = quick_xml::escape::unescape(raw) else {
            return;
        };
        let mut out = String::new();
        let mut rest: &str = &text;
        let mut changed = false;
        while let Some(at) = rest.find("{{") {
            let Some(len) = rest[at + 2..].find("}}") else {
                break;
            };
            let name = rest[at + 2..at + 2 + len].trim();
            out.push_str(&escape(&rest[..at]));
            match lookup(name) {
                Some(value) => {
                    changed = true;
                    let lines: Vec<String> =
                        value.split('\n').map(|l| escape(l).into_owned()).collect();
                    out.push_str(&lines.join(r#"</w:t><w:br/><w:t xml:space="preserve">"#));
                }
                None => out.push_str(&escape(&rest[at..at + 2 + len + 2])),
            }
            rest = &rest[at + 2 + len + 2..];
        }
        out.push_str(&escape(rest));
        if changed {
            edits.push((
                t.tag.0,
                t.content.1,
                format!(r#"<w:t xml:space="preserve">{out}"#),
            ));
        }
    });
    apply(xml, edits)
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
