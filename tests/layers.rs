//! The layers of `src/` (see ARCHITECTURE.md), kept by a test: every `crate::…`, `super::…`
//! and `self::…` path in a module of `src/` must name its own module or a module of a lower
//! layer, and no emitter may name another emitter. Data flows one way: `load` never reaches
//! up into `check`, `render` never into `emit`, `serve` never into `cmd`.
//!
//! Read from the source text, like rust-analyzer's tidy tests: comments are skipped, `use`
//! groups (`crate::{a, b::c}`) are followed. A new top-level module must be given a layer in
//! [`LAYERS`]; a new folder or file under `src/emit/` is an emitter unless [`EMIT_SHARED`]
//! names it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level modules, bottom layer first. A module may name modules of lower layers only;
/// two modules of one layer are peers and name neither each other.
const LAYERS: &[&[&str]] = &[
    // Types and helpers every layer may use.
    &["diag", "slug", "stats", "urls"],
    &["catalog"],
    // The settings, as plain data.
    &["config"],
    // The curriculum: documents, placed and typed.
    &["model"],
    // What keeps a build from losing or leaking anything (paths, symlinks, output folders).
    &["guard"],
    // Walk the project, read front matter and `yuxin.yaml`.
    &["load"],
    // Markdown to HTML, templates.
    &["render"],
    // A plan's body as steps and parts: read by the lints (minutes) and the classroom files.
    &["plan"],
    // What is read from the model and the rendered bodies: lints, schools, training hours.
    &["check", "school", "training"],
    &["report"],
    // The outputs.
    &["emit"],
    &["pdf", "write"],
    &["pipeline"],
    &["serve"],
    &["cmd"],
];

/// The modules under `src/emit/` every emitter may use; every other module there is an
/// emitter (or the registry, `emit/mod.rs`, which lists them).
const EMIT_SHARED: &[&str] = &[
    "change",
    "print_paths",
    "relink",
    "classroom",
    "lazy",
    "ooxml",
    "page",
    "pagefind",
    "summary",
    "view",
];

/// Imports the rules refuse but the code still has, each with the reason and the way out.
/// This list may only shrink: an entry the code no longer needs fails the test too.
const EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "emit::view",
    "emit::print",
    "a lesson page's 打印/下载 box takes its links from the print emitter; they move to a \
     shared module (like emit::classroom) with the print rewrite of issue #15",
)];

#[test]
fn imports_follow_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).unwrap();
        let module = module_path(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        let found = (inline_modules(&strip_comments(&text), &module).into_iter())
            .flat_map(|(module, code)| imports(&code, &module));
        for target in found {
            if let Some(why) = refusal(&module, &target) {
                let (from, to) = (emit_unit(&module), emit_unit(&target));
                if EXCEPTIONS.iter().any(|(f, t, _)| *f == from && *t == to) {
                    used.insert((from, to));
                    continue;
                }
                problems.push(format!(
                    "src/{}: `{}` {why}",
                    rel.display(),
                    target.join("::")
                ));
            }
        }
    }
    for (from, to, _) in EXCEPTIONS {
        if !used.contains(&(from.to_string(), to.to_string())) {
            problems.push(format!(
                "the exception {from} -> {to} is no longer needed: remove it from EXCEPTIONS"
            ));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "imports against the layers (see ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let missing: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .filter(|m| layer(m).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "give these modules a layer in LAYERS: {missing:?}"
    );
}

#[test]
fn the_reader_follows_groups_and_relative_paths() {
    let module = module_path(Path::new("emit/teacher_site/changes.rs"));
    let found = imports(
        &strip_comments(
            "use super::{document_page, sections::Section};\n// crate::cmd::OK\n\
             use crate::{diag::Diagnostic, emit::{page, Change}};\nlet x = self::y::z();",
        ),
        &module,
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "emit::teacher_site::document_page",
            "emit::teacher_site::sections::Section",
            "diag::Diagnostic",
            "emit::page",
            "emit::Change",
            "emit::teacher_site::changes::y::z",
        ]
    );
    let inline = inline_modules(
        "use crate::a;\n#[cfg(test)]\nmod tests {\n    use super::super::b;\n}\n",
        &path("model::x"),
    );
    let found: Vec<Vec<String>> = inline.iter().flat_map(|(m, c)| imports(c, m)).collect();
    assert_eq!(found, [path("a"), path("model::b")]);
    assert!(refusal(&["model".into()], &["emit".into(), "Output".into()]).is_some());
    assert!(
        refusal(
            &["emit".into(), "training".into()],
            &path("emit::teacher_site::x")
        )
        .is_some()
    );
    assert!(
        refusal(
            &["emit".into(), "training".into()],
            &path("emit::page::page")
        )
        .is_none()
    );
    assert!(
        refusal(&["check".into()], &path("school::School")).is_some(),
        "peers"
    );
}

fn path(p: &str) -> Vec<String> {
    p.split("::").map(String::from).collect()
}

/// The layer of a top-level module.
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Why `from` (a module path) may not name `to` (an absolute path), if it may not.
fn refusal(from: &[String], to: &[String]) -> Option<String> {
    let (Some(a), Some(b)) = (from.first(), to.first()) else {
        return None; // the crate root names everything
    };
    if a != b {
        let la = layer(a).unwrap_or_else(|| panic!("`{a}` has no layer in LAYERS"));
        let Some(lb) = layer(b) else {
            return Some("names a module that has no layer in LAYERS".into());
        };
        return match lb.cmp(&la) {
            std::cmp::Ordering::Less => None,
            std::cmp::Ordering::Equal => Some(format!("is a peer of `{a}` (same layer)")),
            std::cmp::Ordering::Greater => Some(format!("is a layer above `{a}`")),
        };
    }
    if a == "emit" {
        let (ea, eb) = (from.get(1), to.get(1));
        let is_emitter = |m: Option<&String>| {
            m.is_some_and(|m| !EMIT_SHARED.contains(&m.as_str()) && is_module(m))
        };
        if is_emitter(eb) && ea != eb {
            return Some(if is_emitter(ea) {
                "is another emitter: share it through a module of EMIT_SHARED".into()
            } else if ea.is_some() {
                "is an emitter, named by a module the emitters share".into()
            } else {
                return None; // emit/mod.rs lists the emitters
            });
        }
    }
    None
}

/// A module name, not an item (`emit::Output`): items are named in CamelCase or are
/// functions of `emit/mod.rs`, which is no emitter.
fn is_module(name: &str) -> bool {
    let emit = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit");
    emit.join(format!("{name}.rs")).is_file() || emit.join(name).is_dir()
}

/// `emit::view` for any path inside the view module: the unit exceptions are given for.
fn emit_unit(path: &[String]) -> String {
    path.iter().take(2).cloned().collect::<Vec<_>>().join("::")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// `emit/teacher_site/mod.rs` → `emit::teacher_site`; `lib.rs`, `main.rs` → the root.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text without comments (doc comments mention modules they do not import).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| {
            let code = if l.trim_start().starts_with("//") {
                ""
            } else {
                l.split(" // ").next().unwrap_or(l)
            };
            format!("{code}\n")
        })
        .collect()
}

/// The code of a file by the module it is in: the file's own, and each inline `mod x { … }`
/// written at the start of a line (as rustfmt writes a `#[cfg(test)] mod tests`), whose
/// `super::` is the file's module.
fn inline_modules(code: &str, module: &[String]) -> Vec<(Vec<String>, String)> {
    let mut out = vec![(module.to_vec(), String::new())];
    let mut open: Vec<usize> = Vec::new();
    for line in code.lines() {
        let declared = ["pub mod ", "pub(crate) mod ", "pub(super) mod ", "mod "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .and_then(|rest| rest.strip_suffix(" {"));
        if let Some(name) = declared {
            let mut inner = out[open.last().copied().unwrap_or(0)].0.clone();
            inner.push(name.to_string());
            out.push((inner, String::new()));
            open.push(out.len() - 1);
            continue;
        }
        if line == "}" && open.pop().is_some() {
            continue;
        }
        let at = open.last().copied().unwrap_or(0);
        out[at].1.push_str(line);
        out[at].1.push('\n');
    }
    out
}

/// Every path that starts with `crate::`, `super::` or `self::` in `code`, made absolute
/// from `module`, with `use` groups spread out.
fn imports(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let at_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &code[i..];
        let base = if !at_word {
            None
        } else if rest.starts_with("crate::") {
            i += "crate::".len();
            Some(Vec::new())
        } else if rest.starts_with("super::") {
            let mut base = module.to_vec();
            while code[i..].starts_with("super::") {
                base.pop();
                i += "super::".len();
            }
            Some(base)
        } else if rest.starts_with("self::") {
            i += "self::".len();
            Some(module.to_vec())
        } else {
            None
        };
        match base {
            Some(base) => i = tree(code, i, base, &mut out),
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Reads a use tree at `at` (`a::b`, `a::{b, c::d}`, `{self, a}`) under `prefix`; returns where
/// it ends.
fn tree(code: &str, mut at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        let rest = &code[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with('{') {
            at += 1;
            loop {
                let rest = &code[at..];
                let trimmed = rest.trim_start();
                at += rest.len() - trimmed.len();
                if trimmed.starts_with('}') {
                    return at + 1;
                }
                if trimmed.starts_with(',') {
                    at += 1;
                    continue;
                }
                if trimmed.is_empty() {
                    return at;
                }
                if let Some(alias) = trimmed.strip_prefix("as ") {
                    let name = alias.trim_start();
                    let len = name
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(name.len());
                    at += trimmed.len() - name.len() + len;
                    continue;
                }
                let before = at;
                at = tree(code, at, path.clone(), out);
                if at == before {
                    at += trimmed.chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        let len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(trimmed.len());
        let word = &trimmed[..len];
        at += len;
        if word.is_empty() {
            // A glob (`*`) or the end of the path: it names the module reached so far.
            if !path.is_empty() {
                out.push(path);
            }
            return at + usize::from(trimmed.starts_with('*'));
        }
        if word != "self" {
            path.push(word.to_string());
        }
        if code[at..].starts_with("::") {
            at += 2;
            continue;
        }
        out.push(path);
        return at;
    }
}
