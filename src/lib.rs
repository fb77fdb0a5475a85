//! yuxin (育心): turns a folder of Markdown curricula for school mental-health education into a
//! teacher resource site, print views and parent-school microsites.
//!
//! The pipeline, one module a stage: [`load`] (walk + front matter) → [`model`] (the
//! curriculum) → [`render`] (Markdown, templates) and [`check`] (diagnostics) → [`emit`]
//! (every output) → [`write`](mod@write) (atomic swap into the output folder), run by [`pipeline`];
//! [`serve`] and [`cmd`] sit on top. Each module imports only the layers below it:
//! ARCHITECTURE.md is the map, `tests/layers.rs` keeps it.

pub mod catalog;
pub mod check;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod emit;
pub mod guard;
pub mod load;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod school;
pub mod serve;
pub mod slug;
pub mod stats;
pub mod training;
pub mod urls;
pub mod write;
