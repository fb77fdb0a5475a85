//! Teacher training outputs: the training index with the hours ledger, a printable 学时证明
//! per module, and each module's SCORM 1.2 and Common Cartridge 1.3 packages.

use minijinja::{Value, context};
use rayon::prelude::*;

use super::page::{page, ser, summaries};
use super::{Context, Emitter, Output};
use crate::diag::{Diagnostic, Span};
use crate::training::package::{self, Package, PackageFile, Page};
use crate::training::view::{objectives_text, package_stem, syllabus};
use crate::training::{Module, ledger, modules};

pub struct Training;

impl Emitter for Training {
    fn name(&self) -> &'static str {
        "training"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let all = modules(cx.model);
        let mut results: Vec<Result<Output, Diagnostic>> = vec![index_page(cx, &all)];
        let per_module: Vec<Vec<Result<Output, Diagnostic>>> = all
            .par_iter()
            .map(|m| {
                let mut out = vec![certificate(cx, m)];
                match packages(cx, m) {
                    Ok((scorm, cc)) => out.extend([Ok(scorm), Ok(cc)]),
                    Err(e) => out.push(Err(e)),
                }
                out
            })
            .collect();
        results.extend(per_module.into_iter().flatten());
        super::gather(results)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        let reached = change.reaches(
            cx,
            |d| d.place == crate::model::Place::Training,
            &["training.html", "certificate.html", "lms.html"],
        ) || change.asset_under(cx, "training/");
        super::change::all_or_nothing(reached, || self.emit(cx))
    }
}

fn index_page(cx: &Context, all: &[Module]) -> Result<Output, Diagnostic> {
    let rows = ledger::ledger(cx.model, &cx.model.config.targets);
    let syllabi: Vec<_> = all.iter().map(syllabus).collect();
    let local = context! {
        title => "教师培训",
        modules => ser(summaries(cx.model, all.iter().map(|m| m.doc))),
        syllabi => ser(syllabi),
        ledger => ser(rows),
    };
    page(
        cx,
        "training.html",
        "training/index.html",
        "training/",
        local,
    )
}

fn certificate(cx: &Context, module: &Module) -> Result<Output, Diagnostic> {
    let s = syllabus(module);
    let url = s.certificate_url.clone();
    let pdf = cx
        .model
        .config
        .pdf_links
        .then(|| super::print_paths::certificate_pdf(&url));
    let local =
        context! { title => format!("学时证明 · {}", module.doc.title), module => ser(s), pdf };
    page(
        cx,
        "certificate.html",
        &format!("{url}index.html"),
        &url,
        local,
    )
}

/// Both packages of a module: (SCORM zip, Common Cartridge).
fn packages(cx: &Context, module: &Module) -> Result<(Output, Output), Diagnostic> {
    let package = build_package(cx, module)?;
    let stem = package_stem(module);
    let io = |e: std::io::Error| {
        Diagnostic::error(
            "package",
            &module.doc.source,
            Span::file_start(),
            format!("无法生成学习平台课程包：{e}"),
        )
    };
    let scorm = package::zip(&package::scorm_manifest(&package), &package).map_err(io)?;
    let cc = package::zip(
        &package::cartridge_manifest(&package, &cx.model.config.language),
        &package,
    )
    .map_err(io)?;
    Ok((
        Output::new(format!("{}{stem}-scorm12.zip", module.doc.url), scorm),
        Output::new(format!("{}{stem}.imscc", module.doc.url), cc),
    ))
}

fn build_package(cx: &Context, module: &Module) -> Result<Package, Diagnostic> {
    let template = cx
        .env
        .get_template("lms.html")
        .map_err(|e| cx.theme.error(&e))?;
    let base_url = absolute_base(&cx.model.config.base_url);
    let mut files: Vec<PackageFile> = Vec::new();
    let docs = std::iter::once((module.index, module.doc)).chain(module.sessions.iter().map(|s| {
        let i = cx
            .model
            .documents
            .iter()
            .position(|d| d.url == s.url)
            .unwrap_or(module.index);
        (i, *s)
    }));
    let mut pages = Vec::new();
    for (n, (i, doc)) in docs.enumerate() {
        let content = package::relink_page(
            &cx.rendered[i].html,
            &doc.url,
            &base_url,
            cx.assets,
            cx.root,
            &mut files,
        );
        let html = template
            .render(context! {
                title => doc.title.clone(),
                module_title => module.doc.title.clone(),
                language => cx.model.config.language.clone(),
                hours => doc.details.hours.map(crate::model::format_hours),
                objectives => objectives_text(doc.details.objectives.as_ref()),
                content => Value::from_safe_string(content),
            })
            .map_err(|e| cx.theme.error(&e))?;
        pages.push(Page {
            identifier: format!("{n:02}"),
            title: if n == 0 {
                format!("模块介绍与考核：{}", doc.title)
            } else {
                doc.title.clone()
            },
            href: format!("pages/{n:02}.html"),
            html,
        });
    }
    Ok(Package {
        identifier: format!("yuxin-{}", package_stem(module)),
        title: module.doc.title.clone(),
        pages,
        files,
    })
}

/// Links inside a package must be absolute; a relative `base_url` such as `/` cannot be, so
/// they stay as they are (the LMS shows the text, and the link works once the site is public).
fn absolute_base(base: &str) -> String {
    if base.starts_with("http://") || base.starts_with("https://") {
        base.to_string()
    } else {
        String::new()
    }
}
