//! The YAML fast path (`yuxin::load::yaml::fast`) must be invisible but for speed: for every
//! front matter and YAML file of the repository, the fuzz seeds and crashers, and thousands of
//! random front matters, whenever it answers, its tree (values and spans) is serde-saphyr's.
//!
//! `YUXIN_FAST_PATH_CORPUS=/dev/shm/yuxin-bench-10000 cargo test --test yaml_fast_path` also
//! compares every Markdown file under that folder (a benchmark corpus, say).

use std::path::{Path, PathBuf};

use yuxin::load::split::split;
use yuxin::load::yaml::{fast, parse_with_saphyr};

/// Whether the fast path took `text`; panics (naming `what`) when it answers differently.
fn compare(text: &str, first_line: usize, what: &str) -> bool {
    let Some(node) = fast::parse(text, first_line) else {
        return false;
    };
    match parse_with_saphyr(text, first_line) {
        Ok(slow) => assert_eq!(node, slow, "{what}: {text:?}"),
        Err(e) => panic!("{what}: the fast path read {text:?}, serde-saphyr refused it: {e:?}"),
    }
    true
}

/// A document's front matter through both paths, as `parse_document` splits it.
fn compare_document(text: &str, what: &str) -> bool {
    match split(text) {
        Ok(parts) => compare(
            parts.front_matter.unwrap_or(""),
            parts.front_matter_line,
            what,
        ),
        Err(_) => false,
    }
}

fn files_under(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
        })
        .collect();
    found.sort();
    found
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Text as `parse_document` sees it (BOM and CR removed), or `None` for other bytes.
fn text_of(bytes: Vec<u8>) -> Option<String> {
    yuxin::load::text::decode(Path::new("x.md"), bytes).ok()
}

#[test]
fn every_shipped_front_matter_takes_the_fast_path() {
    let mut files = files_under(&root().join("curricula"), &["md"]);
    files.extend(files_under(&root().join("content"), &["md"]));
    assert!(files.len() >= 50, "the shipped curriculum is missing");
    for file in &files {
        let text = text_of(std::fs::read(file).unwrap()).unwrap();
        let what = file.display().to_string();
        assert!(compare_document(&text, &what), "{what} is not read fast");
    }
}

#[test]
fn every_yaml_of_the_repository_reads_the_same() {
    let mut fast_count = 0;
    let mut total = 0;
    for dir in ["tests", "fuzz", "src", "schools", "docs", "themes"] {
        for file in files_under(&root().join(dir), &["md", "yaml", "yml"]) {
            let Some(text) = text_of(std::fs::read(&file).unwrap()) else {
                continue;
            };
            let what = file.display().to_string();
            total += 1;
            let is_md = file.extension().is_some_and(|e| e == "md");
            if is_md && compare_document(&text, &what) || !is_md && compare(&text, 1, &what) {
                fast_count += 1;
            }
        }
    }
    let config = std::fs::read_to_string(root().join("yuxin.yaml")).unwrap();
    compare(&config, 1, "yuxin.yaml");
    assert!(total >= 30 && fast_count >= 15, "{fast_count} of {total}");
}

#[test]
fn fuzz_seeds_and_crashers_read_the_same() {
    let mut count = 0;
    for dir in [
        "fuzz/corpus/front_matter",
        "fuzz/corpus/document",
        "tests/fixtures/fuzz-crashers/front_matter",
        "tests/fixtures/fuzz-crashers/document",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            // The harness reads the first byte as where the document lives.
            let Some(text) = bytes.split_first().and_then(|(_, b)| text_of(b.to_vec())) else {
                continue;
            };
            let what = path.display().to_string();
            compare_document(&text, &what);
            compare(&text, 1, &what);
            count += 1;
        }
    }
    assert!(count >= 20, "the fuzz seed corpus is missing");
}

#[test]
fn an_outside_corpus_reads_the_same_when_asked() {
    let Some(dir) = std::env::var_os("YUXIN_FAST_PATH_CORPUS") else {
        return;
    };
    let files = files_under(Path::new(&dir), &["md"]);
    let fast_count = files
        .iter()
        .filter(|f| {
            let text = text_of(std::fs::read(f).unwrap()).unwrap();
            compare_document(&text, &f.display().to_string())
        })
        .count();
    eprintln!("{fast_count} of {} files took the fast path", files.len());
    assert_eq!(fast_count, files.len());
}

/// xorshift64*: random front matters without a dependency, the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Keys and scalars the fast path reads (or should), and odd ones it must leave or get right.
const KEYS: &[&str] = &[
    "title",
    "tags",
    "a",
    "b",
    "c",
    "d",
    "中文键",
    "认知",
    "情感",
    "行为",
    "key with space",
    "k1",
    "x_y",
    "it's",
    "a\"b",
    "é",
    "summary",
    "date",
    "weight",
    "form",
    "grades",
    "topic",
    "标题",
    "时长",
    "课型",
    "教学目标",
];
const ODD_KEYS: &[&str] = &[
    "y",
    "no",
    "1",
    "null",
    "~",
    "a:b",
    "-a",
    "<<",
    "\"q\"",
    "'q'",
    "a[b]",
    "? a",
    "a ",
    "&a a",
    "!t a",
    "a#b",
    "a #b",
    "title",
    "title：x",
    "标题　",
    "　a",
];

const SCALARS: &[&str] = &[
    "",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "~",
    "0",
    "7",
    "-3",
    "100",
    "1.5",
    "0.25",
    "1.50",
    "inf",
    "nan",
    "9223372036854775807",
    "2023-10-02",
    "2023-1-2",
    "12:30",
    "3年级",
    "中文",
    "“引号”",
    "[一年级，二年级]",
    "　全角",
    "目标：认识",
    "a  b",
    "a # c",
    "a#c",
    "a :b",
    "a,b",
    "a]",
    "{a}x",
    "\"a\\\"b\"",
    "\"a\\\\b\"",
    "'it''s'",
    "''",
    "\"\"",
    "\"a\\/b\\tc\\nd\"",
    "\"x\" # c",
    "[a, b]",
    "[]",
    "[ ]",
    "[a,]",
    "[ a , \"b\" ]",
    "[1, -2, yes, ~]",
    "[a] # c",
    "a b ",
    "\u{3000}a",
    "x_1",
];
const ODD_SCALARS: &[&str] = &[
    "nULL",
    "-0",
    "+1",
    "007",
    "1_000",
    "0x1F",
    "0X1F",
    "0o17",
    "0b11",
    "1e3",
    ".5",
    "12.",
    "-1.5",
    ".inf",
    "-.inf",
    ".nan",
    "9223372036854775808",
    "-9223372036854775808",
    "a: b",
    "a:",
    "\"\\u4e2d\"",
    "\"\\x41\"",
    "\"a\\ b\"",
    "\"x\"# c",
    "'a' b",
    "\"unclosed",
    "&x a",
    "*x",
    "!t a",
    "!!str 1",
    "|",
    ">-",
    "{a: b}",
    "[a, [b]]",
    "[a, , b]",
    "[a: b]",
    "[a]x",
    "@a",
    "`a`",
    "%a",
    "-",
    "- a",
    "-x",
    "? a",
    "a\tb",
    "x\u{feff}",
    "a\u{85}b",
];

const ALPHABET: &[&str] = &[
    "a", "b", "中", " ", " ", ":", "#", "\"", "'", "\\", ",", "[", "]", "{", "}", "-", "0", "1",
    ".", "e", "x", "/", "\\/", "\\t", "&", "*", "!", "|", ">", "%", "@", "`", "?", "~", "\t", "\n",
    "n", "\\n", "\r", "\u{a0}", "\u{2028}", "\u{ff0c}",
];

fn random_text(rng: &mut Rng, min: usize, max: usize) -> String {
    (0..min + rng.below(max - min + 1))
        .map(|_| rng.pick(ALPHABET))
        .collect()
}

fn scalar(rng: &mut Rng) -> String {
    match rng.below(20) {
        0..=15 => rng.pick(SCALARS).to_string(),
        16..=18 => rng.pick(ODD_SCALARS).to_string(),
        _ => random_text(rng, 0, 6),
    }
}

fn key(rng: &mut Rng) -> String {
    match rng.below(40) {
        0..=36 => rng.pick(KEYS).to_string(),
        37..=38 => rng.pick(ODD_KEYS).to_string(),
        _ => random_text(rng, 1, 4),
    }
}

/// One `key: value` with whatever value, at `indent`, into `out`.
fn entry(rng: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    let pad = " ".repeat(indent);
    let colon = if rng.chance(98) { ":" } else { " :" };
    out.push_str(&format!("{pad}{}{colon}", key(rng)));
    match rng.below(if depth < 3 { 5 } else { 3 }) {
        0 | 1 => out.push_str(&format!(" {}", scalar(rng))),
        2 => {}
        3 => {
            let dash = indent + [0, 2, 2, 4, 2, 0, 1][rng.below(7)];
            let after = ["- ", "- ", "- ", "-  ", "- ", "-", "- - "][rng.below(7)];
            for _ in 0..1 + rng.below(3) {
                out.push_str(&format!("\n{}{after}{}", " ".repeat(dash), scalar(rng)));
                if rng.chance(10) {
                    out.push_str(" # c");
                }
            }
        }
        _ => {
            let inner = indent + [2, 2, 2, 3, 4, 1][rng.below(6)];
            for _ in 0..1 + rng.below(3) {
                out.push('\n');
                entry(rng, out, inner, depth + 1);
            }
        }
    }
    if rng.chance(5) {
        out.push_str(["   ", " # note", "# x", " "][rng.below(4)]);
    }
    if rng.chance(5) {
        out.push_str(["\n", "\n# comment", "\n   ", "\n  # indented"][rng.below(4)]);
    }
    out.push('\n');
}

/// A small random change: a character inserted, removed or doubled.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return text.to_string();
    }
    let at = rng.below(chars.len());
    let mut out: String = chars[..at].iter().collect();
    match rng.below(3) {
        0 => out.push_str(rng.pick(ALPHABET)),
        1 => {}
        _ => out.push(chars[at]),
    }
    let rest = if rng.below(3) == 2 { at } else { at + 1 };
    out.extend(&chars[rest.min(chars.len())..]);
    out
}

#[test]
fn random_front_matters_read_the_same() {
    // YUXIN_FAST_PATH_CASES=1000000 for a longer run.
    let cases: usize = std::env::var("YUXIN_FAST_PATH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(30_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut fast_count, mut total) = (0, 0);
    for _ in 0..cases {
        let mut text = String::new();
        for _ in 0..1 + rng.below(6) {
            entry(&mut rng, &mut text, 0, 1);
        }
        if rng.chance(30) {
            for _ in 0..1 + rng.below(2) {
                text = mutate(&mut rng, &text);
            }
        }
        if rng.chance(10) {
            text.pop();
        }
        total += 1;
        if compare(&text, 2, "random") {
            fast_count += 1;
        }
    }
    // The generator must reach the fast path often, or it tests nothing.
    assert!(fast_count * 8 >= total, "{fast_count} of {total}");
    eprintln!("{fast_count} of {total} random front matters took the fast path");
}

#[test]
fn front_matter_in_chinese_keys_takes_the_fast_path() {
    let text = "标题: 情绪小怪兽\n类型: 教案\n课型: 游戏辅导\n年级: [一年级, 二年级]\n时长: 40\n\
                目标:\n  认知: 知道情绪有很多种。\n  情感: 愿意说出感受。\n标签:\n  - 情绪\n摘要: 认识情绪：第一课。\n";
    assert!(compare(text, 2, "chinese keys"), "not read fast");
}

#[test]
fn no_yaml_of_the_repository_trips_the_full_width_check() {
    // The check for full-width punctuation reads lines, not YAML: every front matter and
    // YAML file that serde-saphyr reads must pass it untouched.
    let mut checked = 0;
    for dir in ["curricula", "content", "tests", "schools", "docs", "themes"] {
        for file in files_under(&root().join(dir), &["md", "yaml", "yml"]) {
            let Some(text) = text_of(std::fs::read(&file).unwrap()) else {
                continue;
            };
            let is_md = file.extension().is_some_and(|e| e == "md");
            let (yaml, line) = match split(&text) {
                Ok(p) if is_md => (
                    p.front_matter.unwrap_or("").to_string(),
                    p.front_matter_line,
                ),
                Ok(_) | Err(_) if is_md => continue,
                _ => (text.clone(), 1),
            };
            if parse_with_saphyr(&yaml, line).is_err() {
                continue;
            }
            checked += 1;
            let slip = yuxin::load::yaml::fullwidth::scan(&yaml, line);
            assert_eq!(slip, None, "{}", file.display());
        }
    }
    assert!(checked >= 50, "{checked}");
}
