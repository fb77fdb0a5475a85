use super::*;
use pulldown_cmark::{Options, Parser};

/// The counting as it was before the fast path: the reference the fast one must match.
fn count_text_reference(text: &str, out: &mut Rendered) {
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            out.cjk_chars += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                out.words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

fn counts(text: &str, count: impl Fn(&str, &mut Rendered)) -> (usize, usize) {
    let mut out = Rendered::default();
    count(text, &mut out);
    (out.cjk_chars, out.words)
}

fn fast(text: &str, out: &mut Rendered) {
    let underscore = count_text(text, out);
    assert_eq!(underscore, text.contains('_'), "{text:?}");
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn every_character_is_classified_as_before() {
    for code in 0..=u32::from(char::MAX) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let text = c.to_string();
        assert_eq!(
            counts(&text, fast),
            counts(&text, count_text_reference),
            "U+{code:04X} {c:?}"
        );
    }
}

#[test]
fn counts_match_the_reference_on_mixed_text() {
    // Runs from every script a lesson mixes, plus the edges of the fast ranges.
    let pieces = [
        "教学",
        "目标",
        "，",
        "。",
        "、",
        "：",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "！",
        "？",
        "……",
        "——",
        "Hello",
        "world",
        "2024",
        "年",
        "々",
        "〇",
        "〆",
        "〻",
        "Ａ",
        "１",
        "ｶ",
        "ﾟ",
        "　",
        " ",
        "\n",
        "_",
        "-",
        "'",
        "é",
        "Ωμέγα",
        "Привет",
        "١٢٣",
        "ⅷ",
        "²",
        "½",
        "𠀀",
        "𪛖",
        "😀",
        "\u{3000}",
        "\u{303F}",
        "\u{FF00}",
        "\u{FFEF}",
        "\u{FFFF}",
        "\u{2070}",
        "\u{200B}",
        "ª",
        "ﬁ",
        "가",
        "あ",
        "ア",
        "\u{0301}",
        "\u{302A}",
        "x",
        "7",
        "、1",
        "a々",
        "〇b",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (rng.next() % 12) as usize;
        let text: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        assert_eq!(
            counts(&text, fast),
            counts(&text, count_text_reference),
            "{text:?}"
        );
    }
    let lesson = include_str!(
        "../../../tests/fixtures/good/curricula/primary/developmental/adaptation/new-friends/sheet.md"
    );
    assert_eq!(counts(lesson, fast), counts(lesson, count_text_reference));
}

#[test]
fn counts_chinese_characters_and_words() {
    assert_eq!(counts("认识 new 朋友，Hello-World 2024年", fast), (5, 4));
    assert_eq!(counts("", fast), (0, 0));
    assert_eq!(counts("々〇ＡＢ１２", fast), (0, 1));
}

fn merged(body: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    MergeText::new(
        Parser::new_ext(body, Options::all()).into_offset_iter(),
        body,
    )
    .collect()
}

#[test]
fn adjacent_texts_are_joined_once() {
    let events = merged("姓名：______ 班级：a\\*b*c\n");
    let texts: Vec<(&str, bool)> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some((t.as_ref(), matches!(t, CowStr::Borrowed(_)))),
            _ => None,
        })
        .collect();
    // Side by side in the body: a slice of it; around an escape: a copy.
    assert_eq!(texts, [("姓名：______ 班级：a*b*c", false)]);
    let events = merged("姓名：______\n");
    assert!(
        matches!(&events[1], (Event::Text(CowStr::Borrowed("姓名：______")), r) if *r == (0.."姓名：______".len())),
        "{events:?}"
    );
}

#[test]
fn blanks_split_text_only_at_runs_of_four() {
    assert!(!has_blank("a___b"));
    assert!(has_blank("a____b"));
    let mut queue = VecDeque::new();
    blanks("姓名：________ 班级：", &mut queue);
    let kinds: Vec<String> = queue.iter().map(|e| format!("{e:?}")).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    assert!(kinds[1].contains("width:4.8em"), "{kinds:?}");
}
