//! Chinese full-text search without a server: a Pagefind index (with its `extended` CJK word
//! segmentation) built from the microsite's own pages, plus Pagefind's small browser runtime.
//! Only elements marked `data-pagefind-body` (articles) are indexed.

use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diag::{Diagnostic, Span};
use crate::emit::Output;

/// The folder, inside the microsite, holding the index and runtime.
pub const DIR: &str = "pagefind";

/// Indexes `pages` (microsite-relative HTML files) and returns the files to write under
/// [`DIR`], relative to the microsite root.
pub fn index(pages: &[&Output], school_file: &Path) -> Result<Vec<Output>, Diagnostic> {
    let fail = |what: String| {
        Diagnostic::error(
            "search-index",
            school_file,
            Span::file_start(),
            format!("无法建立搜索索引：{what}"),
        )
        .with_hint("这是 yuxin 的问题而不是内容的问题：请带上这条消息报告")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail(e.to_string()))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("zh-cn".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| fail(e.to_string()))?;
        for page in pages {
            let url = format!("/{}", page.path.trim_end_matches("index.html"));
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| fail(format!("{}：{e}", page.path)))?;
        }
        let files = index.get_files().await.map_err(|e| fail(e.to_string()))?;
        Ok(files
            .into_iter()
            .filter(|f| is_needed(&crate::diag::display_path(&f.filename)))
            .map(|f| {
                let name = crate::diag::display_path(&f.filename);
                Output::new(
                    format!("{DIR}/{}", name.trim_start_matches('/')),
                    f.contents,
                )
            })
            .collect())
    })
}

/// The index and the search runtime; not Pagefind's ready-made UIs or playground, since our
/// own small search page draws the results in the site's style.
fn is_needed(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    ![
        "pagefind-ui",
        "pagefind-modular-ui",
        "pagefind-component-ui",
        "pagefind-highlight",
        "playground",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}
