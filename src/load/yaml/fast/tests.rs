//! Hand-picked cases: each is read by both paths, and when the fast path answers, its tree
//! must be serde-saphyr's. The corpus and the random front matters are in
//! `tests/yaml_fast_path.rs`.

use super::parse;
use crate::load::yaml::parse_with_saphyr;

/// Whether the fast path took `text`; panics when it answers differently from serde-saphyr.
fn fast(text: &str) -> bool {
    let Some(node) = parse(text, 2) else {
        return false;
    };
    match parse_with_saphyr(text, 2) {
        Ok(slow) => assert_eq!(node, slow, "{text:?}"),
        Err(e) => panic!("the fast path read {text:?}, serde-saphyr refused it: {e:?}"),
    }
    true
}

fn all_fast(cases: &[&str]) {
    for case in cases {
        assert!(fast(case), "expected the fast path to take {case:?}");
    }
}

fn all_slow(cases: &[&str]) {
    for case in cases {
        assert!(!fast(case), "expected the fast path to leave {case:?}");
    }
}

#[test]
fn the_benchmark_lesson_is_fast() {
    all_fast(&[
        "title: \"大学情绪管理：驶向梦想的彼岸（第四课时）\"\ntopic: \"网络沉迷\"\nform: \"心理情景剧\"\n\
         duration: 100\nobjectives:\n  - \"认知目标：大学生能够说出情绪管理的2种常见表现\"\n  - \"情感目标：新生\"\n\
         tags:\n  - \"情绪管理\"\n  - \"大学\"\ndate: 2023-10-02\n",
    ]);
}

#[test]
fn shipped_shapes_are_fast() {
    all_fast(&[
        "title: 伦理困境\nhours: 1\nform: 督导\nobjectives:\n  认知: 了解。\n  情感: 在两难中\n  行为: 能按\nweight: 5\n",
        "title: 关于\nsummary: \"“不想上学”往往是\"\nweight: 4\ntags: [家长学校, 家校协同, 隐私]\n",
        "audience: [all-staff, head-teacher, cadre]\ngrades: [三年级, 四年级]\n",
        "title: t\nsummary:\nobjectives:\n  认知:\n  情感: 愿意\ntags: [a, ~]\n",
    ]);
}

#[test]
fn plain_scalars_are_typed_like_serde_saphyr() {
    for value in [
        "yes",
        "No",
        "y",
        "N",
        "on",
        "OFF",
        "true",
        "False",
        "TRUE",
        "null",
        "Null",
        "NULL",
        "~",
        "0",
        "7",
        "-3",
        "100",
        "123456789012345678",
        "1.5",
        "0.25",
        "1.50",
        "2023-10-02",
        "abc",
        "inf",
        "nan",
        "Infinity",
        "3年级",
        "5P概念化",
        "1:30",
        "10 分钟",
        "a b  c",
        "a#b",
        "a :b",
        "it's",
        "say \"hi\"",
        "a]",
        "a,b",
        "中文",
        "e",
        "x1",
    ] {
        assert!(fast(&format!("k: {value}\n")), "{value}");
        assert!(fast(&format!("k: [{value}]\n")) || value.contains([',', ']', ':', '#']));
        assert!(fast(&format!("k:\n  - {value}\n")), "{value}");
    }
}

#[test]
fn number_spellings_beyond_decimals_are_left_alone() {
    for value in [
        "0x1F",
        "0o17",
        "0b101",
        "0X1F",
        "1e3",
        "1E3",
        ".5",
        "-0",
        "+1",
        "007",
        "1_000",
        "12.",
        "-1.5",
        ".inf",
        "-.inf",
        ".nan",
        "9223372036854775808",
        "1234567890123456789",
        "nULL",
        "-",
        "-x",
        "- x",
        "1.5e3",
        "1.2.3",
    ] {
        assert!(!fast(&format!("k: {value}\n")), "{value}");
    }
}

#[test]
fn quoted_scalars() {
    all_fast(&[
        "k: \"a\\\"b\"\n",
        "k: \"a\\\\b\\/c\\n\\td\"\n",
        "k: 'it''s'\n",
        "k: ''\n",
        "k: \"\"\n",
        "k: \"x\" # c\n",
        "k: 'x'   # c\n",
        "k: \"a # b\"\n",
        "k: \"a: b\"\n",
        "k: '\\'\n",
        "k: [\"a\", 'b' , \"c,d\"]\n",
    ]);
    all_slow(&[
        "k: \"\\u4e2d\"\n",
        "k: \"\\x41\"\n",
        "k: \"a\\ b\"\n",
        "k: \"unclosed\n",
        "k: \"two\n  lines\"\n",
        "k: \"x\"# c\n",
        "k: \"x\" y\n",
        "k: 'a' 'b'\n",
    ]);
}

#[test]
fn comments_blank_lines_and_spaces() {
    all_fast(&[
        "# top\na: 1\n\n# mid\n   # indented comment\nb: 2 #x\n",
        "a:   b   \n",
        "a:    x\nb:\n",
        "a: # c\n  - x   # c\n  -   y\n",
        "a: b\n\n\n",
        "a: b",
        "key with spaces: v\n中文键: 值\n",
        "a: [ ]\nb: [a, b,]\nc: [ a , b ] # c\n",
    ]);
}

#[test]
fn lists_and_nesting() {
    all_fast(&[
        "k:\n- a\n- b\nx: 1\n",
        "k:\n-  \"x\"\n- b\n",
        "k:\n    - a\n    - b\nx: 1\n",
        "o:\n  k:\n    - a\n  l: 1\n",
        "o:\n  k:\n  - a\n  l: 1\n",
        "o:\n  a:\n  b: x\n",
        "o:\n     a: 1\nb: 2\n",
    ]);
    all_slow(&[
        "k:\n- \n- b\n",
        "k:\n-\n- b\n",
        "k:\n  - [a]\n",
        "k:\n  - - a\n",
        "k:\n  - a: b\n",
        "k:\n  - a\n  b: 1\n",
        "k:\n  - a\n   - b\n",
        "k:\n  - a\n    b\n",
        "a:\n  b:\n    c:\n      d: 1\n",
        "k: [a, [b]]\n",
        "k: [a, {b: c}]\n",
        "k: [a: b]\n",
        "k: [a, , b]\n",
        "k: [a,\n  b]\n",
        "k: [a]x\n",
        "k: [a]#c\n",
    ]);
}

#[test]
fn everything_else_is_left_to_serde_saphyr() {
    all_slow(&[
        "a: 1\na: 2\n",
        "o:\n  a: 1\n  a: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "? a\n: b\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: {b: c}\n",
        "a:\tb\n",
        "\ta: b\n",
        "a: b\r\n",
        "---\na: b\n",
        "a: b\n...\n",
        "%YAML 1.2\na: b\n",
        "a: @b\n",
        "a: `b`\n",
        "a: b: c\n",
        "a: b:\n",
        "a:b\n",
        "a : b\n",
        "\"a\": b\n",
        "'a': b\n",
        "1: b\n",
        "yes: b\n",
        "~: b\n",
        "<<: b\n",
        "a: b\n  c\n",
        "a: b\n c: d\n",
        "  a: 1\n  b: 2\n",
        "- a\n- b\n",
        "一句话\n",
        "# only a comment\n",
        "a: b\u{feff}\n",
        "a: b\u{85}c\n",
        "a: b\u{2028}c\n",
        "a: \u{7f}\n",
    ]);
}

#[test]
fn lines_and_columns_are_counted_in_characters_from_first_line() {
    let node = parse("# c\n标题: \"你好\"\n时长: 40\n", 7).unwrap();
    let super::Value::Map(pairs) = &node.value else {
        panic!("{node:?}")
    };
    assert_eq!(node.span, crate::diag::Span::new(8, 1, 0));
    assert_eq!(pairs[0].1.span, crate::diag::Span::new(8, 5, 4));
    assert_eq!(pairs[1].1.span, crate::diag::Span::new(9, 5, 2));
}

#[test]
fn budgets_stay_with_serde_saphyr() {
    let many_keys: String = (0..200).map(|i| format!("k{i}: v\n")).collect();
    assert!(!fast(&many_keys));
    let many_items: String = "k:\n".to_string() + &"  - x\n".repeat(20_000);
    assert!(parse(&many_items, 1).is_none());
    let long_key = format!("{}: v\n", "k".repeat(300));
    assert!(!fast(&long_key));
}
