//! What the class sees of a teacher's paragraph: its questions and prompts, the tasks it sets
//! the class and the terms it explains. Everything else in it is the teacher's narration, for
//! the speaker notes.

use crate::plan::{Run, text};

/// Who does a sentence that is a task for the class: `每人在叶子上写一句话` is shown as is,
/// `请学生在小组里轮流说一句……` as `请在小组里轮流说一句……`.
const TASK_SUBJECTS: &[&str] = &[
    "每人",
    "每组",
    "每位同学",
    "各组",
    "小组",
    "同桌",
    "全班",
    "请学生",
    "请同学",
    "学生",
    "同学们",
];

/// What the class sees of a teacher's paragraph, item by item, in order: a term the author
/// put in bold before a colon with its explanation (`**蝴蝶拍**：双手交叉……`), a sentence that
/// sets the class a task (`每人在绿色叶子上写一句话……`), and the questions and prompts in
/// the rest (see [`prompts`]). The teacher's own actions and words stay off the slide.
pub fn items(runs: &[Run]) -> Vec<Vec<Run>> {
    let chars: Vec<char> = text(runs).chars().collect();
    let mut strong = Vec::with_capacity(chars.len());
    for run in runs {
        strong.extend(std::iter::repeat_n(run.strong, run.text.chars().count()));
    }
    let sentences = sentences(&chars);
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let term_at = |at: usize| -> Option<usize> {
        let mut i = at;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if !strong.get(i).copied().unwrap_or(false) {
            return None;
        }
        let mut end = i;
        while end < chars.len() && strong[end] {
            end += 1;
        }
        let term = piece(i, end);
        let colon = term.ends_with(['：', ':']) || matches!(chars.get(end), Some('：' | ':'));
        (colon && end - i <= 16).then_some(end)
    };
    let mut out: Vec<Vec<Run>> = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let (a, b) = sentences[i];
        i += 1;
        if let Some(end) = term_at(a) {
            let mut last = b;
            while i < sentences.len() {
                let (c, d) = sentences[i];
                let next = piece(c, d);
                if term_at(c).is_some() || next.contains("教师") || next.contains("老师") {
                    break;
                }
                last = d;
                i += 1;
            }
            let term = piece(a, end)
                .trim()
                .trim_end_matches(['：', ':'])
                .to_string();
            let rest = piece(end, last);
            let rest = rest.trim_start_matches(['：', ':']).trim();
            out.push(vec![
                Run {
                    text: format!("{term}："),
                    strong: true,
                    ..Run::default()
                },
                Run::plain(rest),
            ]);
            continue;
        }
        let sentence = piece(a, b);
        let sentence = sentence.trim();
        // What the teacher shows the class (`出示“六不”：不私自下水游泳；……。`): each of its
        // parts, under its name.
        if let Some((name, first)) = shows(sentence) {
            let mut parts = vec![first];
            while !parts
                .last()
                .is_some_and(|p| p.ends_with(['。', '！', '？']))
                && i < sentences.len()
            {
                let (c, d) = sentences[i];
                parts.push(piece(c, d).trim().to_string());
                i += 1;
            }
            if !name.is_empty() {
                out.push(vec![Run {
                    text: format!("{name}："),
                    strong: true,
                    ..Run::default()
                }]);
            }
            out.extend(parts.iter().map(|p| {
                vec![Run::plain(
                    p.trim_end_matches(['；', ';', '。']).to_string(),
                )]
            }));
            continue;
        }
        let asked = prompts(sentence);
        if asked.is_empty()
            && let Some(subject) = TASK_SUBJECTS.iter().find(|t| sentence.starts_with(**t))
        {
            let task = match *subject {
                "请学生" | "请同学" => format!("请{}", &sentence[subject.len()..]),
                _ => sentence.to_string(),
            };
            out.push(vec![Run::plain(without_teacher(&task))]);
            continue;
        }
        out.extend(asked.into_iter().map(|p| vec![Run::plain(p)]));
    }
    let mut seen: Vec<String> = Vec::new();
    out.retain(|item| {
        let t = text(item);
        let fresh = !seen.iter().any(|s| s.contains(&t));
        seen.push(t);
        fresh
    });
    out
}

/// Verbs of putting something before the class: what follows their colon is shown.
const SHOW_VERBS: &[&str] = &["出示", "展示", "板书", "投影", "呈现"];

/// `讨论后出示“六不”：不私自下水游泳；` → (`六不`, `不私自下水游泳；`): the name of what is
/// shown (without quotation marks) and its text after the colon, when there is any.
fn shows(sentence: &str) -> Option<(String, String)> {
    let verb = SHOW_VERBS
        .iter()
        .filter_map(|v| sentence.find(v).map(|at| (at, v.len())))
        .min()?;
    let after = &sentence[verb.0 + verb.1..];
    let colon = after.find(['：', ':'])?;
    let rest = after[colon..].trim_start_matches(['：', ':']).trim();
    if rest.is_empty() {
        return None;
    }
    let name = after[..colon]
        .trim()
        .trim_matches(['“', '”', '「', '」', '"'])
        .to_string();
    let name = if name.chars().count() > 12 {
        String::new()
    } else {
        name
    };
    Some((name, rest.to_string()))
}

/// A task up to the first clause about the teacher: `每组抽一张卡，教师读卡上的字。` →
/// `每组抽一张卡。`
fn without_teacher(task: &str) -> String {
    let end = task
        .chars()
        .last()
        .filter(|c| matches!(c, '。' | '！' | '；'));
    let body = task.trim_end_matches(['。', '！', '；']);
    let kept: Vec<&str> = body
        .split('，')
        .take_while(|c| !c.starts_with("教师") && !c.starts_with("老师"))
        .collect();
    let mut out = kept.join("，");
    if let Some(c) = end {
        out.push(c);
    }
    out
}

/// Sentences as `(start, end)` char ranges: they end after `。！？；` or a line break outside
/// quotation marks.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut ascii_open = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '「' => depth += 1,
            '”' | '」' => depth = (depth - 1).max(0),
            '"' => {
                ascii_open = !ascii_open;
                depth += if ascii_open { 1 } else { -1 };
            }
            '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' if depth == 0 => {
                out.push((start, i + 1));
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out.retain(|&(a, b)| chars[a..b].iter().any(|c| !c.is_whitespace()));
    out
}

/// Verbs right before a quotation that make it a prompt for the class even without a `？`:
/// 请学生说一句“……”, 讨论“……”.
const PROMPT_VERBS: &[&str] = &[
    "说一句",
    "写一句",
    "说一说",
    "写一写",
    "想一想",
    "讨论",
    "完成句子",
    "填一填",
    "写下",
];

/// The questions and prompts in a teacher's paragraph: quoted speech that asks (`教师问：“……？”`),
/// a quotation right after a prompt verb (`轮流说一句“……”`), and an unquoted question
/// (`请孩子举手：这几天有没有类似的感觉？` → the part after the colon).
pub fn prompts(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut outside = String::new();
    let mut quote: Option<(char, String)> = None;
    let push = |p: &str, found: &mut Vec<String>| {
        let p = p.trim().trim_start_matches(['，', '、', ',']).trim();
        if p.chars().count() >= 2 && !found.iter().any(|f| f == p) {
            found.push(p.to_string());
        }
    };
    for c in text.chars() {
        if let Some((close, inner)) = &mut quote {
            if c == *close {
                let asks = inner.contains(['？', '?']);
                let from = outside.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
                let tail = &outside[from..];
                if asks || PROMPT_VERBS.iter().any(|v| tail.contains(v)) {
                    push(inner, &mut found);
                }
                quote = None;
                outside.clear();
            } else {
                inner.push(c);
            }
            continue;
        }
        match c {
            '“' => quote = Some(('”', String::new())),
            '「' => quote = Some(('」', String::new())),
            '"' => quote = Some(('"', String::new())),
            '。' | '！' | '!' | '；' | ';' | '\n' => outside.clear(),
            '？' | '?' => {
                outside.push(c);
                let asked = outside
                    .rsplit(['：', ':'])
                    .next()
                    .unwrap_or(&outside)
                    .to_string();
                push(&asked, &mut found);
                outside.clear();
            }
            c => outside.push(c),
        }
    }
    found
}
