//! A plan's deck: which slides it has and what is on them. The HTML deck and the .pptx are
//! both drawn from this, so they always hold the same slides.
//!
//! By default the deck is derived from the plan (see `docs/authoring.md`, 课件): a title
//! slide, one slide per step with what the class should see (its questions and prompts, the
//! 学生活动 part, lists, tables, images), and for remedial and life-education topics a closing
//! slide saying whom to ask for help. The teacher's narration and the 设计意图 go to the
//! speaker notes. A `## 课件` section written by the author replaces the step slides.

use crate::plan::{Block, Item, Plan, Role, Run, Section, Step, blocks_text, step_minutes, text};

use super::fit;

/// The deck of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub title: String,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    /// The opening slide: the title and a line of facts.
    Title,
    Content,
    /// 需要帮助时: whom to ask and the hotlines.
    Help,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub kind: SlideKind,
    pub title: String,
    /// Under the title on the title slide: topic, grades, form, minutes.
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// Speaker notes, one paragraph a line.
    pub notes: String,
    /// The minutes of the step this slide belongs to (for the presenter's countdown).
    pub minutes: Option<u32>,
    /// Slides of the same step share this number; the countdown restarts when it changes.
    pub group: usize,
}

impl Slide {
    fn new(kind: SlideKind, title: impl Into<String>, group: usize) -> Slide {
        Slide {
            kind,
            title: title.into(),
            subtitle: String::new(),
            blocks: Vec::new(),
            notes: String::new(),
            minutes: None,
            group,
        }
    }
}

/// What the derivation needs to know about the document besides its body.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub title: String,
    /// `认知生命 · 一年级 · 情境设计 · 40分钟`.
    pub subtitle: String,
    /// Title-slide notes: the summary and objectives.
    pub notes: String,
    /// Close with whom to ask for help (remedial and life-education topics).
    pub help: bool,
    /// `(name, number, 24-hour)` of the configured hotlines.
    pub hotlines: Vec<(String, String, bool)>,
}

/// The title of the section that sets the slides by hand.
pub const AUTHORED: &str = "课件";

pub fn derive(plan: &Plan, facts: &Facts) -> Deck {
    let mut slides = Vec::new();
    let authored = plan.section(&[AUTHORED]);
    let has = |c: &str| authored.is_some_and(|s| s.classes.iter().any(|x| x == c));
    if !has("no-title") {
        let mut s = Slide::new(SlideKind::Title, &facts.title, 0);
        s.subtitle = facts.subtitle.clone();
        s.notes = facts.notes.clone();
        slides.push(s);
    }
    let body = match authored {
        Some(section) => authored_slides(section),
        None => plan
            .steps()
            .into_iter()
            .filter(|s| !s.has_class("no-slide"))
            .map(step_slide)
            .collect(),
    };
    for (i, slide) in body.into_iter().enumerate() {
        for mut part in fit::split(slide) {
            part.group = i + 1;
            slides.push(part);
        }
    }
    if facts.help && !has("no-help") {
        let group = slides.len() + 1;
        slides.extend(fit::split(help_slide(facts, group)));
    }
    Deck {
        title: facts.title.clone(),
        slides,
    }
}

/// A step's slide: its name, what the class sees, and the rest as notes.
pub fn step_slide(step: &Step) -> Slide {
    let mut slide = Slide::new(SlideKind::Content, step.name.trim(), 0);
    slide.minutes = step.minutes;
    let mut notes = Vec::new();
    if let Some(m) = step.minutes {
        notes.push(format!("本环节 {m} 分钟。"));
    }
    for part in &step.parts {
        match part.role {
            Role::Intent => notes.push(format!("设计意图：{}", blocks_text(&part.blocks))),
            Role::Students => slide.blocks.extend(part.blocks.iter().filter_map(shown)),
            Role::Activity | Role::Teacher => {
                let label = if part.role == Role::Teacher {
                    "教师活动："
                } else {
                    ""
                };
                let mut said = Vec::new();
                for block in &part.blocks {
                    match block {
                        Block::Paragraph(runs) => {
                            said.push(text(runs));
                            push_items(&mut slide.blocks, items(runs));
                        }
                        // What is on the slide is not repeated in the notes.
                        other => match shown(other) {
                            Some(b) => slide.blocks.push(b),
                            None => said.push(other.text()),
                        },
                    }
                }
                let said: Vec<String> = said.into_iter().filter(|s| !s.is_empty()).collect();
                if !said.is_empty() {
                    notes.push(format!("{label}{}", said.join("\n")));
                }
            }
        }
    }
    slide.notes = notes.join("\n");
    slide
}

/// A block as the class sees it, or `None` for what stays off the screen (answer boxes,
/// quizzes, writing lines, rules).
fn shown(block: &Block) -> Option<Block> {
    match block {
        Block::Code { .. } | Block::WritingLine | Block::Rule => None,
        other => Some(other.clone()),
    }
}

/// Adds items as one bullet list, joined to a list of items just before it.
fn push_items(blocks: &mut Vec<Block>, found: Vec<Vec<Run>>) {
    if found.is_empty() {
        return;
    }
    let items = found.into_iter().map(|runs| Item {
        checked: None,
        blocks: vec![Block::Paragraph(runs)],
    });
    if let Some(Block::List {
        start: None,
        items: last,
    }) = blocks.last_mut()
        && last.iter().all(|i| i.checked.is_none())
    {
        let known: Vec<String> = last.iter().map(|i| blocks_text(&i.blocks)).collect();
        last.extend(items.filter(|i| !known.contains(&blocks_text(&i.blocks))));
        return;
    }
    blocks.push(Block::List {
        start: None,
        items: items.collect(),
    });
}

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
                let tail: String = outside
                    .chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
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

/// The slides of a `## 课件` section: each `###` heading or `---` rule starts one. A paragraph
/// opening with `备注：` (or bold `**备注**：`) and all after it on that slide are notes.
pub fn authored_slides(section: &Section) -> Vec<Slide> {
    let mut slides: Vec<Slide> = Vec::new();
    let mut in_notes = false;
    for block in &section.blocks {
        match block {
            Block::Heading { level: 3, runs } => {
                let title = text(runs);
                let minutes = step_minutes(&title);
                let name = match minutes {
                    Some(_) => strip_minutes(&title),
                    None => title.trim().to_string(),
                };
                let mut s = Slide::new(SlideKind::Content, name, 0);
                s.minutes = minutes;
                slides.push(s);
                in_notes = false;
            }
            Block::Rule => {
                slides.push(Slide::new(SlideKind::Content, "", 0));
                in_notes = false;
            }
            other => {
                if slides.is_empty() {
                    slides.push(Slide::new(SlideKind::Content, "", 0));
                }
                let slide = slides.last_mut().expect("just pushed");
                if let Block::Paragraph(runs) = other
                    && let Some(rest) = notes_label(&text(runs))
                {
                    in_notes = true;
                    add_note(&mut slide.notes, &rest);
                } else if in_notes {
                    add_note(&mut slide.notes, &other.text());
                } else {
                    slide.blocks.push(other.clone());
                }
            }
        }
    }
    slides.retain(|s| !s.title.is_empty() || !s.blocks.is_empty());
    slides
}

fn add_note(notes: &mut String, line: &str) {
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(line.trim());
}

/// `备注：…` → `…`.
fn notes_label(text: &str) -> Option<String> {
    let t = text.trim_start();
    ["备注：", "备注:", "讲稿：", "讲稿:"]
        .iter()
        .find_map(|l| t.strip_prefix(l))
        .map(|r| r.trim().to_string())
}

fn strip_minutes(title: &str) -> String {
    let t = title.trim_end();
    t.rfind(['（', '('])
        .map(|i| t[..i].trim_end().to_string())
        .unwrap_or_else(|| t.to_string())
}

/// 需要帮助时，可以找谁: the people at school and at home, and the configured hotlines.
fn help_slide(facts: &Facts, group: usize) -> Slide {
    let mut s = Slide::new(SlideKind::Help, "遇到困难，可以找谁帮忙", group);
    let item = |runs: Vec<Run>| Item {
        checked: None,
        blocks: vec![Block::Paragraph(runs)],
    };
    let people = [
        "班主任和任课老师",
        "学校心理辅导室的心理老师",
        "爸爸妈妈或家里信任的大人",
    ];
    s.blocks.push(Block::List {
        start: None,
        items: people.iter().map(|p| item(vec![Run::plain(*p)])).collect(),
    });
    if !facts.hotlines.is_empty() {
        s.blocks
            .push(Block::Paragraph(vec![Run::plain("心理援助热线：")]));
        s.blocks.push(Block::List {
            start: None,
            items: facts
                .hotlines
                .iter()
                .map(|(name, number, all_day)| {
                    let mut runs = vec![
                        Run::plain(format!("{name}  ")),
                        Run {
                            text: number.clone(),
                            strong: true,
                            ..Run::default()
                        },
                    ];
                    if *all_day {
                        runs.push(Run::plain("（24小时）"));
                    }
                    item(runs)
                })
                .collect(),
        });
    }
    s.notes = "提醒学生：求助是勇敢的表现。心里难受、遇到危险或发现同学有危险时，马上告诉身边的老师或家长；也可以拨打热线。".into();
    s
}
