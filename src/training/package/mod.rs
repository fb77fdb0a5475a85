//! LMS packages of a training module: SCORM 1.2 and IMS Common Cartridge 1.3. Both hold the
//! same self-contained HTML pages (one per session, plus the module's own page with its quiz),
//! so an LMS shows what the website shows, with no external requests.

mod cartridge;
mod pages;
mod scorm;
mod xml;

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

pub use cartridge::manifest as cartridge_manifest;
pub use pages::{PackageFile, Page};
pub use scorm::manifest as scorm_manifest;

/// A module ready to be packaged: its title, identifier and pages in order.
pub struct Package {
    /// Unique and XML-safe: `yuxin-<module slug>`.
    pub identifier: String,
    pub title: String,
    pub pages: Vec<Page>,
    /// Stylesheet and images, shared by the pages.
    pub files: Vec<PackageFile>,
}

/// The zip bytes of `manifest` plus every page and file of `package`.
pub fn zip(manifest: &str, package: &Package) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    add("imsmanifest.xml", manifest.as_bytes())?;
    for page in &package.pages {
        add(&page.href, page.html.as_bytes())?;
    }
    for file in &package.files {
        add(&file.href, &file.bytes)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// [`pages::relink`] with the project's assets: images used by a page are read from the
/// project and packed under `files/` (once each).
pub fn relink_page(
    html: &str,
    page_url: &str,
    base_url: &str,
    assets: &[crate::model::Asset],
    root: &std::path::Path,
    files: &mut Vec<PackageFile>,
) -> String {
    pages::relink(html, page_url, base_url, |site_path| {
        let asset = assets.iter().find(|a| a.url == site_path)?;
        let name = site_path.replace('/', "-");
        let href = format!("files/{name}");
        if !files.iter().any(|f| f.href == href) {
            let bytes = std::fs::read(root.join(&asset.source)).ok()?;
            files.push(PackageFile {
                href: href.clone(),
                bytes,
            });
        }
        Some(href)
    })
}
