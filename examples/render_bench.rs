//! Times only the Markdown render pass over a project's documents, single-threaded, so a change
//! to `render::markdown` can be measured without the rest of the build's noise:
//! `cargo run --release --example render_bench -- <root> [rounds]`. Under callgrind, run one
//! round for a deterministic instruction count of `render` alone.

use std::path::PathBuf;
use std::time::Instant;

use yuxin::model::Curriculum;
use yuxin::pipeline::{link_map, render_document};
use yuxin::render::sanitize::HtmlPolicy;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: render_bench <root> [rounds]"));
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("rounds is a number"));
    let (config, catalog) =
        yuxin::pipeline::load_config(&root).unwrap_or_else(|d| panic!("{}", d.message));
    let loaded = yuxin::load::load(
        &root,
        &catalog,
        &yuxin::load::Options {
            drafts: false,
            stages: config.served_stages(),
        },
    );
    let model = Curriculum {
        config,
        catalog,
        documents: loaded.documents,
    };
    let links = link_map(&model, &loaded.assets);
    let html = HtmlPolicy::from_config(&model.config);
    let bytes: usize = model.documents.iter().map(|d| d.body.len()).sum();
    let mut best = f64::INFINITY;
    let mut checksum = 0usize;
    let mut html_bytes = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        for doc in &model.documents {
            let r = render_document(doc, &links, &loaded.files, &html);
            checksum = checksum.wrapping_add(r.html.len() + r.cjk_chars + r.words);
            html_bytes += r.html.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {:.1} MB of Markdown ({:.2} times as much HTML): best of {rounds} rounds \
         {:.1} ms ({:.0} MB/s) [checksum {checksum}]",
        model.documents.len(),
        bytes as f64 / 1e6,
        html_bytes as f64 / rounds as f64 / bytes as f64,
        best * 1e3,
        bytes as f64 / 1e6 / best,
    );
}
