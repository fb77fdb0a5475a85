//! Front matter: bytes → text checks → split → YAML → typed fields, and the same YAML read as
//! `yuxin.yaml` and as a school file. See `harness.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::front_matter(data));
