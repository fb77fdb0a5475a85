//! The whole document path: Markdown with front matter → checked, rendered, templated HTML.
//! See `harness.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::document(data));
