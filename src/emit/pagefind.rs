//! The search engine the sites share: a Pagefind index (its `extended` build segments Chinese
//! into words) made in memory from HTML, with Pagefind's small browser runtime beside it. The
//! settings: Chinese forced, our own search page instead of Pagefind's ready-made UIs. Used by the
//! teacher site (`teacher_site/search.rs`) and the parent microsites (`school_site/search.rs`).

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::Output;

/// Indexes `pages`, each `(url, html)` with the URL from the site root (`primary/x/`), and
/// returns the index and runtime files under `dir` (`pagefind`). An error is Pagefind's own
/// message, with the URL of the page it refused.
pub fn index(
    pages: impl IntoIterator<Item = (String, String)>,
    dir: &str,
) -> Result<Vec<Output>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("zh-cn".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for (url, html) in pages {
            index
                .add_html_file(None, Some(format!("/{url}")), html)
                .await
                .map_err(|e| format!("{url}：{e}"))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| (crate::diag::display_path(&f.filename), f.contents))
            .filter(|(name, _)| is_needed(name))
            .map(|(name, bytes)| {
                Output::new(format!("{dir}/{}", name.trim_start_matches('/')), bytes)
            })
            .collect())
    })
}

/// The index and the search runtime; not Pagefind's ready-made UIs or playground, since the
/// sites' own search pages draw the results in their style.
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
