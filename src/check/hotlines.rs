//! Hotline lints. `hotline-24h`: a claim of round-the-clock service (`24小时`, `全天候`,
//! `随时`…) near a phone number, on its line or the next, unless that number is configured
//! with `hours_24: true` (or is 110/120/119). `hotline-emergency`: an emergency sent to a
//! counselling line without 110 or 120.

use super::marks::{Builder, Marks, group};
use super::raise;
use super::text::{File, span_at, struck};
use crate::config::Hotline;
use crate::diag::Diagnostic;
use crate::model::Document;

/// Ways authors promise a line is always answered.
const ROUND_THE_CLOCK: &[&str] = &[
    "二十四小时",
    "24小时",
    "24 小时",
    "24h",
    "24H",
    "24 h",
    "7×24",
    "7*24",
    "7x24",
    "24/7",
    "全天候",
    "昼夜不停",
    "通宵",
    "二十四个钟头",
    "不间断",
    "365天",
    "凌晨",
    "日夜守候",
    "日夜值守",
    "昼夜值守",
    "日夜都",
    "昼夜都",
    "日日夜夜",
    "任何时间",
    "白天黑夜",
    "节假日无休",
    "全天",
    "随时",
    "任何时候",
    "不分昼夜",
    "日夜有人",
    "昼夜服务",
    "全年无休",
];

/// Numbers that are answered day and night everywhere.
const EMERGENCY: &[&str] = &["110", "120", "119", "122"];

/// Words that say a life is in danger now.
const DANGER: &[&str] = &[
    "生命危险",
    "紧急情况",
    "正在发生",
    "危急",
    "如有危险",
    "遇到危险",
    "处于危险",
    "紧急时",
    "出现危险",
    "已经受伤",
    "正在伤害",
    "情况紧急",
    "危及生命",
    "生命垂危",
    "昏迷",
    "意识模糊",
    "呼吸困难",
    "马上就要伤害",
    "现在就有危险",
    "紧急危机",
    "危机发生时",
    "出现危机",
];

/// Adds the claim and danger words to the file scan's triggers.
pub fn triggers(builder: &mut Builder) {
    builder.add(group::CLAIM, ROUND_THE_CLOCK);
    builder.add(group::DANGER, DANGER);
}

pub fn check(
    doc: &Document,
    hotlines: &[Hotline],
    file: &File,
    marks: &Marks,
    out: &mut Vec<Diagnostic>,
) {
    if !marks.any(group::CLAIM | group::DANGER) {
        return;
    }
    let prose = file.prose();
    for (i, &(n, line)) in prose.iter().enumerate() {
        if marks.line_any(n, group::CLAIM) {
            round_the_clock(doc, hotlines, prose, i, out);
        }
        if marks.line_any(n, group::DANGER) {
            emergency(doc, hotlines, n, line, out);
        }
    }
}

fn round_the_clock(
    doc: &Document,
    hotlines: &[Hotline],
    prose: &[(usize, &str)],
    i: usize,
    out: &mut Vec<Diagnostic>,
) {
    let (n, line) = prose[i];
    let quoted = struck(line);
    let Some((at, said)) = ROUND_THE_CLOCK
        .iter()
        .filter_map(|c| line.find(c).map(|at| (at, *c)))
        .filter(|(at, _)| !quoted.iter().any(|r| r.contains(at)))
        .min_by_key(|(at, _)| *at)
    else {
        return;
    };
    // The claim is about the number on its own line; only a line without one speaks of the
    // number on the line before or after (`拨打 12356` / `24小时有人接听`).
    let own = numbers_on(line, hotlines);
    let numbers = if own.is_empty() {
        [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| prose.get(j))
            .flat_map(|(_, l)| numbers_on(l, hotlines))
            .collect()
    } else {
        own
    };
    let numbers = numbers.into_iter();
    let Some(number) = numbers
        .filter(|num| !EMERGENCY.contains(&num.as_str()))
        .find(|num| {
            !hotlines
                .iter()
                .any(|h| h.hours_24 && same_number(&h.number, num))
        })
    else {
        return;
    };
    let name = hotlines
        .iter()
        .find(|h| same_number(&h.number, &number))
        .map_or(String::new(), |h| format!("{} ", h.name));
    out.push(raise(
        "hotline-24h",
        &doc.source,
        span_at(n, line, at, said),
        format!(
            "{name}{number} 没有配置为 24 小时热线，这里却写着“{said}”：半夜打不通的电话会让求助的人更绝望"
        ),
        format!(
            "删去“{said}”，写清接听时间（如“每天 8:00—22:00”）；确认全天有人接听后，在 yuxin.yaml 的 hotlines: 里给它加 `hours_24: true`"
        ),
    ));
}

fn emergency(
    doc: &Document,
    hotlines: &[Hotline],
    n: usize,
    line: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some((at, said)) = DANGER
        .iter()
        .filter_map(|c| line.find(c).map(|at| (at, *c)))
        .min_by_key(|(at, _)| *at)
    else {
        return;
    };
    let numbers = numbers_on(line, hotlines);
    if numbers.iter().any(|num| EMERGENCY.contains(&num.as_str())) {
        return;
    }
    // Any line but 110 and 120: a counselling line, a school office, a teacher's phone.
    let Some(number) = numbers.first() else {
        return;
    };
    out.push(raise(
        "hotline-emergency",
        &doc.source,
        span_at(n, line, at, said),
        format!("“{said}”时只给了 {number}：心理援助热线不能出警、不能急救，耽误的是抢救的时间"),
        "有生命危险时写“立即拨打 110 或 120”，再写心理援助热线用于倾诉和咨询",
    ));
}

fn same_number(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(a), digits(b));
    !a.is_empty() && a == b
}

/// Phone-like numbers on a line (three or more digits, dashes and spaces inside allowed, not
/// part of a time or a `24小时`), plus the number of every configured line named there.
fn numbers_on(line: &str, hotlines: &[Hotline]) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut number = String::new();
        // Digits, `x` masks (`0591-8xxxxxxx`), and single dashes or spaces between groups; an
        // area code may close a bracket (`(0591)8xxxxxxx`).
        let mut last_group = 0;
        while j < chars.len() {
            let c = chars[j];
            let next_digit = chars.get(j + 1).is_some_and(|n| n.is_ascii_digit());
            if c.is_ascii_digit() || (matches!(c, 'x' | 'X') && !number.is_empty()) {
                number.push(c);
            } else if next_digit
                && (matches!(c, '-' | ' ')
                    || (matches!(c, ')' | '）') && (3..=4).contains(&number.len())))
            {
                last_group = number.len();
            } else {
                break;
            }
            j += 1;
        }
        // A time (`19:00`), a length (`24小时`), a date or a count is not a phone number; when
        // it is the last group (`12356 24小时`), the groups before it still are.
        let unit_after = matches!(
            chars.get(j),
            Some(
                ':' | '：'
                    | '点'
                    | '时'
                    | '小'
                    | '分'
                    | '岁'
                    | '年'
                    | '月'
                    | '日'
                    | '天'
                    | '号'
                    | '%'
                    | '×'
                    | '*'
                    | 'h'
                    | 'H'
            )
        );
        if unit_after && last_group > 0 {
            number.truncate(last_group);
        }
        let time = (unit_after && last_group == 0)
            || (i >= 2 && matches!(chars[i - 1], ':' | '：') && chars[i - 2].is_ascii_digit());
        // A school's extension (`分机6026`, `电话：5566`) is short but still a phone number.
        let before: String = chars[i.saturating_sub(4)..i].iter().collect();
        let cued = ["电话", "分机", "热线", "拨打", "号码", "打"]
            .iter()
            .any(|c| before.contains(c));
        let long_enough = number.len() >= 5
            || (cued && number.len() >= 4)
            || EMERGENCY.contains(&number.as_str());
        if long_enough && !time {
            out.push(number);
        }
        i = j.max(i + 1);
    }
    for h in hotlines {
        if !h.name.is_empty() && line.contains(&h.name) {
            out.push(h.number.chars().filter(char::is_ascii_digit).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, hotlines: &[Hotline]) -> Vec<(usize, &'static str)> {
        let text = format!("---\ntitle: 课\n---\n{text}\n");
        let doc = crate::load::fixture::test_document(&text);
        let mut out = Vec::new();
        let file = File::new(&text);
        let marks = Marks::everything(file.lines.len());
        check(&doc, hotlines, &file, &marks, &mut out);
        out.iter().map(|d| (d.span.line, d.lint)).collect()
    }

    fn national() -> Vec<Hotline> {
        vec![Hotline {
            name: "全国统一心理援助热线".into(),
            number: "12356".into(),
            hours_24: false,
        }]
    }

    #[test]
    fn claims_near_a_number_on_its_line_or_the_next() {
        let h = national();
        assert_eq!(
            run("心理援助热线 12356，全天候为您服务。", &h),
            [(4, "hotline-24h")]
        );
        assert_eq!(run("拨打 12356\n24小时有人接听", &h), [(5, "hotline-24h")]);
        assert_eq!(
            run("有需要随时拨打 0591-87654321", &h),
            [(4, "hotline-24h")]
        );
        assert!(run("遇到危险随时拨打 110。", &h).is_empty());
        assert!(run("随时可以来找老师聊一聊。", &h).is_empty());
        assert!(run("每天 24 小时都要保证 8 小时睡眠。", &h).is_empty());
        let mut all_day = national();
        all_day[0].hours_24 = true;
        assert!(run("12356 全天候为您服务", &all_day).is_empty());
    }

    #[test]
    fn emergencies_go_to_110_or_120() {
        let h = national();
        assert_eq!(
            run("如有生命危险，请立即拨打 12356。", &h),
            [(4, "hotline-emergency")]
        );
        assert!(
            run(
                "如有生命危险，请立即拨打 110 或 120；想倾诉可拨打 12356。",
                &h
            )
            .is_empty()
        );
    }
}
