//! Static files: the theme's `static/` folder and the images and attachments of documents.

use rayon::prelude::*;

use super::{Context, Emitter, Output};
use crate::diag::{Diagnostic, Span};

pub struct Assets;

impl Emitter for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn emit(&self, cx: &Context) -> Result<Vec<Output>, Vec<Diagnostic>> {
        let mut outputs: Vec<Output> = cx
            .theme
            .static_files()
            .map_err(|d| vec![d])?
            .into_iter()
            .map(|(path, bytes)| Output::new(format!("static/{path}"), bytes))
            .collect();
        let copied: Vec<Result<Output, Diagnostic>> =
            cx.assets.par_iter().map(|asset| copy(cx, asset)).collect();
        outputs.extend(super::gather(copied)?);
        Ok(outputs)
    }

    fn emit_changed(
        &self,
        cx: &Context,
        change: &super::Change,
    ) -> Option<Result<Vec<Output>, Vec<Diagnostic>>> {
        let mut outputs = Vec::new();
        if change.statics {
            match cx.theme.static_files() {
                Ok(files) => outputs.extend(
                    files
                        .into_iter()
                        .map(|(path, bytes)| Output::new(format!("static/{path}"), bytes)),
                ),
                Err(d) => return Some(Err(vec![d])),
            }
        }
        for &i in &change.assets {
            match copy(cx, &cx.assets[i]) {
                Ok(o) => outputs.push(o),
                Err(d) => return Some(Err(vec![d])),
            }
        }
        Some(Ok(outputs))
    }
}

fn copy(cx: &Context, asset: &crate::model::Asset) -> Result<Output, Diagnostic> {
    std::fs::read(cx.root.join(&asset.source))
        .map(|bytes| Output::new(asset.url.clone(), bytes))
        .map_err(|e| {
            Diagnostic::error(
                "io",
                &asset.source,
                Span::file_start(),
                format!("无法读取文件：{e}"),
            )
        })
}
