//! PDFs kept between builds. Each PDF is keyed by a hash of everything that goes into it: its
//! print view (less the PDF links, which do not print), the stylesheets and images that view
//! loads, and the fitting script. The output's `.yuxin-pdf.json` records the key of every PDF
//! in it; a later build — `--pdf` or not — carries a PDF whose key still matches into its
//! staging folder and drops the rest. Pages link a PDF through a marked block
//! (`<!--pdf:URL-->…<!--/pdf-->`) that [`settle_links`] keeps only when the PDF is there.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Printed;
use crate::emit::print::PdfJob;

/// The manifest, at the output's root.
pub const MANIFEST: &str = ".yuxin-pdf.json";

/// Bumped when the way PDFs are made changes in a way the inputs do not show.
const FORMAT: &str = "yuxin-pdf-1";

/// One PDF of an output: the key it was made from and how it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub printed: Printed,
}

/// Every PDF of an output, by site-relative path.
pub type Manifest = BTreeMap<String, Entry>;

/// The manifest of the output at `out`; empty when there is none or it cannot be read.
pub fn read(out: &Path) -> Manifest {
    fs::read(out.join(MANIFEST))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

pub fn write(dir: &Path, manifest: &Manifest) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(manifest).map_err(std::io::Error::other)?;
    fs::write(dir.join(MANIFEST), text)
}

/// The key of `job`'s PDF from the site in `dir`: its print view and what that loads.
pub fn key(dir: &Path, job: &PdfJob) -> std::io::Result<String> {
    let html = fs::read_to_string(dir.join(&job.html))?;
    let mut hash = Sha256::new();
    hash.update(FORMAT);
    hash.update(super::FIT_JS);
    let page = strip_links(&html, &|_| false);
    hash.update((page.len() as u64).to_le_bytes());
    hash.update(page.as_bytes());
    let base = Path::new(&job.html).parent().unwrap_or(Path::new(""));
    for link in resources(&html) {
        let path = dir.join(base).join(&link);
        // Only files inside the site; the link is part of the page's hash already.
        if link.contains("..") && !inside(dir, &path) {
            continue;
        }
        if let Ok(bytes) = fs::read(&path) {
            hash.update((link.len() as u64).to_le_bytes());
            hash.update(link.as_bytes());
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn inside(dir: &Path, path: &Path) -> bool {
    match (dir.canonicalize(), path.canonicalize()) {
        (Ok(d), Ok(p)) => p.starts_with(d),
        _ => false,
    }
}

/// Local files a page loads: `src` of images and `href` of stylesheets, without query or
/// fragment, in page order.
fn resources(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let link = &rest[..end];
            let link = link.split(['?', '#']).next().unwrap_or("");
            let local = !link.is_empty() && !link.contains(':') && !link.starts_with('/');
            let loaded = attr == "src=\"" || link.ends_with(".css");
            if local && loaded {
                out.push(link.to_string());
            }
        }
    }
    out
}

/// What a build does with the PDFs: those carried over from the previous output, and the jobs
/// left to print.
pub struct Plan<'a> {
    pub carried: Manifest,
    pub todo: Vec<(&'a PdfJob, String)>,
}

/// Carries into `staging` every PDF of the previous output `out` whose key matches its job's.
/// A file that cannot be linked or copied is printed again. Unless `printing`, only jobs with a
/// PDF to carry are read and hashed: a build without `--pdf` and without earlier PDFs reads no
/// print view (1,500 schools' copies are 15,000 of them).
pub fn carry<'a>(out: &Path, staging: &Path, jobs: &'a [PdfJob], printing: bool) -> Plan<'a> {
    let previous = read(out);
    let mut plan = Plan {
        carried: Manifest::new(),
        todo: Vec::new(),
    };
    for job in jobs {
        if !printing && !previous.contains_key(&job.pdf) {
            continue;
        }
        let Ok(key) = key(staging, job) else {
            continue; // no print view: nothing to print
        };
        let kept = previous
            .get(&job.pdf)
            .filter(|e| e.key == key)
            .filter(|_| bring(&out.join(&job.pdf), &staging.join(&job.pdf)).is_ok());
        match kept {
            Some(entry) => {
                plan.carried.insert(job.pdf.clone(), entry.clone());
            }
            None => plan.todo.push((job, key)),
        }
    }
    plan
}

/// A hard link where the file system allows, else a copy.
fn bring(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.is_file() {
        return Err(std::io::ErrorKind::NotFound.into());
    }
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

/// Keeps, in every page that links a PDF, the links to the PDFs that are there (`present`)
/// and removes the others, with their markers. Returns the bytes of the pages rewritten,
/// before and after.
pub fn settle_links(
    dir: &Path,
    jobs: &[PdfJob],
    present: &HashSet<String>,
) -> std::io::Result<(usize, usize)> {
    let pages: HashSet<&str> = jobs
        .iter()
        .flat_map(|j| j.linked_from.iter().map(String::as_str))
        .collect();
    // One page per worker: 1,500 schools' copies are 15,000 pages to read and rewrite.
    let pages: Vec<&str> = pages.into_iter().collect();
    let sizes = pages
        .par_iter()
        .map(|page| {
            let path = dir.join(page);
            let Ok(html) = fs::read_to_string(&path) else {
                return Ok((0, 0));
            };
            if !html.contains(OPEN) {
                return Ok((0, 0));
            }
            let settled = strip_links(&html, &|url| present.contains(url));
            fs::write(&path, &settled)?;
            Ok((html.len(), settled.len()))
        })
        .collect::<std::io::Result<Vec<(usize, usize)>>>()?;
    Ok(sizes
        .into_iter()
        .fold((0, 0), |(b, a), (x, y)| (b + x, a + y)))
}

const OPEN: &str = "<!--pdf:";
const CLOSE: &str = "<!--/pdf-->";

/// `html` with each marked PDF link kept (markers removed) when `keep` says so, else removed.
pub fn strip_links(html: &str, keep: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let (Some(end), Some(close)) = (after.find("-->"), after.find(CLOSE)) else {
            out.push_str(&rest[i..]);
            return out;
        };
        if close < end {
            out.push_str(&rest[i..i + OPEN.len()]);
            rest = after;
            continue;
        }
        if keep(&after[..end]) {
            out.push_str(&after[end + 3..close]);
        }
        rest = &after[close + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(name: &str) -> PdfJob {
        PdfJob {
            html: format!("{name}/print/index.html"),
            pdf: format!("{name}/print/{name}.pdf"),
            title: name.into(),
            owns: Vec::new(),
            linked_from: vec![
                format!("{name}/index.html"),
                format!("{name}/print/index.html"),
            ],
        }
    }

    fn site(dir: &Path, name: &str, body: &str) {
        fs::create_dir_all(dir.join(name).join("print")).unwrap();
        let link = format!(
            "<!--pdf:{name}/print/{name}.pdf--><a href=\"{name}.pdf\">下载 PDF</a><!--/pdf-->"
        );
        fs::write(
            dir.join(name).join("print/index.html"),
            format!("<link rel=\"stylesheet\" href=\"../../static/print.css\">{link}<p>{body}</p>"),
        )
        .unwrap();
        fs::write(
            dir.join(name).join("index.html"),
            format!("<p>页面</p>{link}"),
        )
        .unwrap();
    }

    #[test]
    fn links_are_kept_only_for_pdfs_that_are_there() {
        let html = "a<!--pdf:x.pdf--><a>X</a><!--/pdf-->b<!--pdf:y.pdf--><a>Y</a><!--/pdf-->c";
        assert_eq!(strip_links(html, &|u| u == "x.pdf"), "a<a>X</a>bc");
        assert_eq!(strip_links(html, &|_| false), "abc");
        assert_eq!(strip_links("<!--pdf:broken", &|_| true), "<!--pdf:broken");
    }

    #[test]
    fn keys_follow_the_view_and_its_stylesheet_not_its_pdf_links() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("static")).unwrap();
        fs::write(d.join("static/print.css"), "p {}").unwrap();
        site(d, "a", "正文");
        let first = key(d, &job("a")).unwrap();
        settle_links(d, &[job("a")], &HashSet::new()).unwrap();
        assert!(
            !fs::read_to_string(d.join("a/index.html"))
                .unwrap()
                .contains("PDF")
        );
        assert_eq!(key(d, &job("a")).unwrap(), first, "links do not print");
        fs::write(d.join("static/print.css"), "p { margin: 0 }").unwrap();
        assert_ne!(key(d, &job("a")).unwrap(), first, "the stylesheet prints");
    }

    #[test]
    fn still_valid_pdfs_are_carried_and_stale_ones_dropped() {
        let root = tempfile::tempdir().unwrap();
        let (out, staging) = (root.path().join("public"), root.path().join("staging"));
        fs::create_dir_all(out.join("static")).unwrap();
        fs::create_dir_all(staging.join("static")).unwrap();
        for d in [&out, &staging] {
            fs::write(d.join("static/print.css"), "p {}").unwrap();
            site(d, "a", "不变");
        }
        site(&out, "b", "旧的");
        site(&staging, "b", "改过");
        let jobs = [job("a"), job("b")];
        let mut manifest = Manifest::new();
        for j in &jobs {
            fs::write(out.join(&j.pdf), "%PDF").unwrap();
            let printed = Printed {
                pages: 1,
                sheets: Vec::new(),
            };
            manifest.insert(
                j.pdf.clone(),
                Entry {
                    key: key(&out, j).unwrap(),
                    printed,
                },
            );
        }
        write(&out, &manifest).unwrap();
        let plan = carry(&out, &staging, &jobs, true);
        assert_eq!(plan.carried.keys().collect::<Vec<_>>(), ["a/print/a.pdf"]);
        assert_eq!(plan.todo.len(), 1);
        assert_eq!(plan.todo[0].0.pdf, "b/print/b.pdf");
        assert!(staging.join("a/print/a.pdf").is_file());
        assert!(!staging.join("b/print/b.pdf").exists());
        // Without printing, a job with no PDF to carry is left alone (not read, not to print);
        // one with a PDF is still carried.
        site(&staging, "c", "新的");
        let jobs = [job("a"), job("c")];
        let plan = carry(&out, &staging, &jobs, false);
        assert_eq!(plan.carried.keys().collect::<Vec<_>>(), ["a/print/a.pdf"]);
        assert!(plan.todo.is_empty());
        assert!(carry(&out, &staging, &jobs, true).todo.len() == 1);
    }
}
