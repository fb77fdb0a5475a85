//! Replays the fuzzers' seed corpus and every input a fuzzer ever crashed or hung on through
//! the same harness the fuzz targets run (`fuzz/harness.rs`), on an ordinary test thread (with
//! its small stack), so `cargo test` keeps them fixed without nightly.
//!
//! A crasher goes in `tests/fixtures/fuzz-crashers/<target>/` as the fuzzer wrote it.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn inputs(dirs: &[&str]) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                inputs.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    inputs.sort();
    inputs
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = inputs(&[
        &format!("fuzz/corpus/{target}"),
        &format!("tests/fixtures/fuzz-crashers/{target}"),
    ]);
    assert!(inputs.len() >= 10, "the seed corpus of {target} is missing");
    for (name, bytes) in inputs {
        // Named in the failure: a panic inside `run` would otherwise not say which input.
        let result = std::panic::catch_unwind(|| run(&bytes));
        assert!(result.is_ok(), "{name} panicked");
    }
}

#[test]
fn front_matter_corpus_and_crashers_replay_cleanly() {
    replay("front_matter", harness::front_matter);
}

#[test]
fn document_corpus_and_crashers_replay_cleanly() {
    replay("document", harness::document);
}
