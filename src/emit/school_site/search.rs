//! Chinese full-text search without a server: a Pagefind index (with its `extended` CJK word
//! segmentation) built from the microsite's own pages, plus Pagefind's small browser runtime.
//! Only elements marked `data-pagefind-body` (articles) are indexed.

use std::path::Path;

use crate::diag::{Diagnostic, Span};
use crate::emit::{Output, pagefind};

/// The folder, inside the microsite, holding the index and runtime.
pub const DIR: &str = "pagefind";

/// Indexes `pages` (microsite-relative HTML files) and returns the files to write under
/// [`DIR`], relative to the microsite root.
pub fn index(pages: &[&Output], school_file: &Path) -> Result<Vec<Output>, Diagnostic> {
    let pages = pages.iter().map(|page| {
        let url = page.path.trim_end_matches("index.html").to_string();
        (url, String::from_utf8_lossy(&page.bytes).into_owned())
    });
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
