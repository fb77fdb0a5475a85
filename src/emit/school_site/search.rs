//! Chinese full-text search without a server: a Pagefind index (with its `extended` CJK word
//! segmentation) built from the microsite's own pages, plus Pagefind's small browser runtime.
//! Only elements marked `data-pagefind-body` (articles) are indexed. One index serves every
//! microsite: each article carries its stage as a filter (`all` for pages of every stage), and a
//! school's search page asks for its own stages.

use std::path::Path;

use crate::diag::{Diagnostic, Span};
use crate::emit::{Output, pagefind};

/// The folder, inside the microsite, holding the index and runtime.
pub const DIR: &str = "pagefind";

/// Indexes `pages`, `(url, html)` with microsite-relative URLs, and returns the files to write
/// under [`DIR`], relative to the microsite root.
pub fn index(pages: Vec<(String, String)>, school_file: &Path) -> Result<Vec<Output>, Diagnostic> {
    pagefind::index(pages, DIR).map_err(|what| {
        Diagnostic::error(
            "search-index",
            school_file,
            Span::file_start(),
            format!("无法建立搜索索引：{what}"),
        )
        .with_hint("这是 yuxin 的问题而不是内容的问题：请带上这条消息报告")
    })
}

/// The page URL (`/primary/x/`) of a Pagefind page fragment (`pagefind/fragment/*.pf_fragment`,
/// gzipped JSON after a `pagefind_dcd` signature); `None` for other files.
pub fn fragment_url(file: &Output) -> Option<String> {
    if !file.path.ends_with(".pf_fragment") {
        return None;
    }
    let bytes = &file.bytes;
    // A gzip stream ends with its unpacked size.
    let size = u32::from_le_bytes(bytes.get(bytes.len().checked_sub(4)?..)?.try_into().ok()?);
    let mut json = vec![0u8; size as usize];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(bytes, &mut json)
        .ok()?;
    let text = std::str::from_utf8(&json[..n]).ok()?;
    let rest = &text[text.find("\"url\":\"")? + 7..];
    Some(rest[..rest.find('"')?].to_string())
}
