//! What the fuzz targets run, shared with `tests/fuzz_regressions.rs` so that every crasher
//! found is replayed by plain `cargo test` through exactly the same code. Only the library's
//! public functions are used: the same ones `yuxin check` and `yuxin build` run.
//!
//! A panic (or a hang, or an abort on a stack overflow) anywhere in here is a bug; a
//! diagnostic is a correct answer.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use yuxin::catalog::Catalog;
use yuxin::diag::Diagnostic;
use yuxin::model::{Curriculum, Document};
use yuxin::pipeline::{self, Analysis};

/// Where the fuzzed document pretends to live, by the first byte (so one input can reach
/// every kind's defaults).
const PLACES: &[(&str, bool)] = &[
    ("curricula/primary/developmental/adaptation/x.md", false),
    (
        "curricula/junior/remedial/internet-addiction/kit/index.md",
        true,
    ),
    (
        "curricula/junior/remedial/internet-addiction/kit/sheet.md",
        true,
    ),
    ("curricula/training/basics/index.md", true),
    ("content/x.md", false),
];

/// Front matter and YAML: the bytes as a document's front matter, as `yuxin.yaml` and as a
/// school file.
pub fn front_matter(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (rel, in_bundle) = PLACES[selector as usize % PLACES.len()];
    let mut diags = Vec::new();
    match yuxin::load::text::decode(Path::new(rel), rest.to_vec()) {
        Ok(text) => {
            same_on_both_yaml_paths(&text);
            let catalog = Catalog::default();
            let _ =
                yuxin::load::parse_document(Path::new(rel), &text, &catalog, in_bundle, &mut diags);
            render_all(&diags, &text);
            if let Err(d) = pipeline::parse_config(&text, Path::new("yuxin.yaml")) {
                render_all(&[d], &text);
            }
            if let Err(d) = yuxin::school::decl::from_file(&text, Path::new("schools/a.yaml")) {
                render_all(&[d], &text);
            }
        }
        Err(d) => render_all(&[d], ""),
    }
}

/// The YAML fast path answers as serde-saphyr does whenever it answers: for the front matter,
/// and for the whole text read as `yuxin.yaml` reads it.
fn same_on_both_yaml_paths(text: &str) {
    use yuxin::load::yaml::{fast, parse_with_saphyr};
    let front_matter = yuxin::load::split::split(text)
        .ok()
        .map(|p| (p.front_matter.unwrap_or(""), p.front_matter_line));
    for (yaml, line) in front_matter.into_iter().chain([(text, 1)]) {
        if let Some(node) = fast::parse(yaml, line) {
            assert_eq!(Ok(node), parse_with_saphyr(yaml, line), "{yaml:?}");
        }
    }
}

/// One document through everything a build does to it: load, render, every check, and the
/// teacher site's and print view's templates (outputs stay in memory; nothing is written).
pub fn document(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (rel, in_bundle) = PLACES[selector as usize % PLACES.len()];
    let rel = Path::new(rel);
    let Ok(text) = yuxin::load::text::decode(rel, rest.to_vec()) else {
        return;
    };
    let catalog = Catalog::default();
    let mut diagnostics = Vec::new();
    let doc = yuxin::load::parse_document(rel, &text, &catalog, in_bundle, &mut diagnostics);
    let documents: Vec<Document> = doc.into_iter().collect();
    // A video host, so the sanitiser's iframe rule is exercised too.
    let (config, _) = pipeline::parse_config(
        "title: 模糊测试\nvideo_hosts: [bilibili.com]\n",
        Path::new("yuxin.yaml"),
    )
    .expect("a one-line config parses");
    let model = Curriculum {
        config,
        catalog,
        documents,
    };
    let files: HashSet<PathBuf> = [rel.to_path_buf()].into_iter().collect();
    let links = pipeline::link_map(&model, &[]);
    let html = yuxin::render::sanitize::HtmlPolicy::from_config(&model.config);
    let rendered: Vec<_> = model
        .documents
        .iter()
        .map(|d| pipeline::render_document(d, &links, &files, &html))
        .collect();
    let linter = yuxin::check::Linter::new(&model);
    for (d, r) in model.documents.iter().zip(&rendered) {
        diagnostics.extend(pipeline::document_diagnostics(d, r));
        diagnostics.extend(linter.lint(d, &text));
    }
    let sources: HashMap<PathBuf, String> = [(rel.to_path_buf(), text.clone())].into();
    yuxin::check::run(&model, &rendered, &mut diagnostics);
    render_all(&diagnostics, &text);
    let analysis = Analysis {
        model,
        rendered,
        assets: Vec::new(),
        schools: Vec::new(),
        diagnostics,
        sources,
        files,
    };
    let emitters: Vec<Box<dyn yuxin::emit::Emitter>> = vec![
        Box::new(yuxin::emit::TeacherSite),
        Box::new(yuxin::emit::PrintViews),
    ];
    let _ = pipeline::emit_with(&std::env::temp_dir(), &analysis, emitters);
}

/// Every diagnostic as the terminal shows it, code frame included.
fn render_all(diags: &[Diagnostic], text: &str) {
    for d in diags {
        let _ = d.render_human(Some(text));
    }
}
