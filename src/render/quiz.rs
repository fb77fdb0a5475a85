//! Quiz blocks (```` ```quiz ````): self-check questions that read well without JavaScript.
//!
//! ```text
//! ? 题干
//! - [ ] 错误选项
//! - [x] 正确选项          (one [x]: single choice; several: multiple choice)
//! = 对 | 错               (true/false instead of options)
//! > 解析
//! ```
//! Questions are separated by blank lines.

use std::path::Path;

use crate::diag::{Diagnostic, Span};
use crate::render::escape::escape;

#[derive(Debug, PartialEq)]
pub enum Answer {
    Choice(Vec<(String, bool)>),
    TrueFalse(bool),
}

#[derive(Debug, PartialEq)]
pub struct Question {
    pub prompt: String,
    pub answer: Answer,
    pub explanation: Vec<String>,
    pub line: usize,
}

/// A question being read: the question, its options, and its true/false answer.
type Draft = (Question, Vec<(String, bool)>, Option<bool>);

/// Parses a quiz block whose first line is `first_line` of the file.
pub fn parse(code: &str, file: &Path, first_line: usize) -> (Vec<Question>, Vec<Diagnostic>) {
    let mut questions = Vec::new();
    let mut diags = Vec::new();
    let mut current: Option<Draft> = None;
    let err = |line: usize, msg: &str, hint: &str| {
        Diagnostic::error("quiz", file, Span::new(line, 1, 0), msg.to_string())
            .with_hint(hint.to_string())
    };
    let mut finish = |q: Option<Draft>, diags: &mut Vec<Diagnostic>| {
        let Some((mut question, options, tf)) = q else {
            return;
        };
        match (options.is_empty(), tf) {
            (false, None) if options.iter().any(|(_, right)| *right) => {
                question.answer = Answer::Choice(options)
            }
            (false, None) => {
                return diags.push(err(
                    question.line,
                    "这道题没有标出正确答案",
                    "把正确选项写成 `- [x] 选项`",
                ));
            }
            (true, Some(value)) => question.answer = Answer::TrueFalse(value),
            (true, None) => {
                return diags.push(err(
                    question.line,
                    "这道题既没有选项也没有判断答案",
                    "选择题写 `- [ ]`/`- [x]` 选项，判断题写 `= 对` 或 `= 错`",
                ));
            }
            (false, Some(_)) => {
                return diags.push(err(
                    question.line,
                    "一道题不能同时有选项和判断答案",
                    "选择题去掉 `= 对/错` 这一行，判断题去掉选项",
                ));
            }
        }
        questions.push(question);
    };
    for (i, raw) in code.lines().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if let Some(prompt) = line.strip_prefix('?').or_else(|| line.strip_prefix('？')) {
            finish(current.take(), &mut diags);
            let question = Question {
                prompt: prompt.trim().to_string(),
                answer: Answer::TrueFalse(false),
                explanation: Vec::new(),
                line: line_no,
            };
            current = Some((question, Vec::new(), None));
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let Some((question, options, tf)) = current.as_mut() else {
            diags.push(err(
                line_no,
                "题目要以 `?` 开头",
                "每道题的第一行写 `? 题干`",
            ));
            continue;
        };
        if let Some(rest) = line.strip_prefix("- [ ]") {
            options.push((rest.trim().to_string(), false));
        } else if let Some(rest) = line
            .strip_prefix("- [x]")
            .or_else(|| line.strip_prefix("- [X]"))
        {
            options.push((rest.trim().to_string(), true));
        } else if let Some(rest) = line.strip_prefix('=') {
            *tf = match rest.trim() {
                "对" | "正确" | "√" | "true" => Some(true),
                "错" | "错误" | "×" | "false" => Some(false),
                _ => {
                    diags.push(err(
                        line_no,
                        "判断题的答案只能是 对 或 错",
                        "写成 `= 对` 或 `= 错`",
                    ));
                    None
                }
            };
        } else if let Some(rest) = line.strip_prefix('>') {
            question.explanation.push(rest.trim().to_string());
        } else {
            question.prompt.push(' ');
            question.prompt.push_str(line);
        }
    }
    finish(current.take(), &mut diags);
    (questions, diags)
}

/// The quiz as HTML: a numbered list of questions, each answer and explanation folded in a
/// `<details>` so the page works as a self-check without JavaScript.
pub fn render(code: &str, file: &Path, first_line: usize) -> (String, Vec<Diagnostic>) {
    let (questions, diags) = parse(code, file, first_line);
    let mut html = String::from("<ol class=\"quiz\">\n");
    let mut key = Vec::new();
    for (n, q) in questions.iter().enumerate() {
        let (kind, kind_name, answer_text, answer_data) = describe(&q.answer);
        key.push(format!("{}. {answer_text}", n + 1));
        html.push_str(&format!(
            "<li class=\"quiz-question\" data-kind=\"{kind}\" data-answer=\"{answer_data}\"><p><span class=\"quiz-type\">［{kind_name}］</span>{}</p>\n",
            escape(&q.prompt)
        ));
        if let Answer::Choice(options) = &q.answer {
            html.push_str("<ol class=\"quiz-options\" type=\"A\">");
            for (text, _) in options {
                html.push_str(&format!("<li>{}</li>", escape(text)));
            }
            html.push_str("</ol>\n");
        }
        html.push_str(&format!(
            "<details class=\"quiz-answer\"><summary>查看答案</summary><p>答案：{answer_text}</p>"
        ));
        for line in &q.explanation {
            html.push_str(&format!("<p>{}</p>", escape(line)));
        }
        html.push_str("</details></li>\n");
    }
    html.push_str("</ol>\n");
    // Printed quizzes put the answers at the end instead of under each question.
    html.push_str(&format!(
        "<p class=\"quiz-key\">参考答案：{}</p>\n",
        key.join("　")
    ));
    (html, diags)
}

/// (kind for scripts, kind for people, answer for people, answer for scripts).
fn describe(answer: &Answer) -> (&'static str, &'static str, String, String) {
    match answer {
        Answer::Choice(options) => {
            let right: Vec<usize> = options
                .iter()
                .enumerate()
                .filter(|(_, (_, r))| *r)
                .map(|(i, _)| i)
                .collect();
            let letters: Vec<String> = right.iter().map(|&i| letter(i).to_string()).collect();
            let data: Vec<String> = right.iter().map(usize::to_string).collect();
            let (kind, name) = if right.len() > 1 {
                ("multiple", "多选")
            } else {
                ("single", "单选")
            };
            (kind, name, letters.join("、"), data.join(","))
        }
        Answer::TrueFalse(v) => (
            "judge",
            "判断",
            if *v { "对" } else { "错" }.to_string(),
            v.to_string(),
        ),
    }
}

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIZ: &str = "? 第一题\n- [ ] 甲\n- [x] 乙\n> 因为乙\n\n? 第二题\n- [x] 甲\n- [x] 乙\n\n? 保密没有例外。\n= 错\n> 安全第一\n";

    #[test]
    fn parses_three_kinds() {
        let (qs, diags) = parse(QUIZ, Path::new("q.md"), 10);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[1].line, 15);
        assert_eq!(qs[2].answer, Answer::TrueFalse(false));
    }

    #[test]
    fn renders_answers_behind_details() {
        let (html, _) = render(QUIZ, Path::new("q.md"), 10);
        assert!(html.contains("［单选］</span>第一题"), "{html}");
        assert!(html.contains("答案：B"));
        assert!(html.contains("［多选］"));
        assert!(html.contains("答案：A、B"));
        assert!(html.contains("答案：错"));
        assert!(
            html.contains(r#"data-kind="multiple" data-answer="0,1""#),
            "{html}"
        );
        assert!(html.contains("参考答案：1. B　2. A、B　3. 错"), "{html}");
    }

    #[test]
    fn a_question_without_answer_is_an_error_at_its_line() {
        let (qs, diags) = parse("? 题\n- [ ] 甲\n", Path::new("q.md"), 3);
        assert!(qs.is_empty());
        assert_eq!(diags[0].span.line, 3);
    }
}
