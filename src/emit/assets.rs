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
        let copied: Vec<Result<Output, Diagnostic>> = cx
            .assets
            .par_iter()
            .map(|asset| {
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
            })
            .collect();
        let mut errors = Vec::new();
        for r in copied {
            match r {
                Ok(o) => outputs.push(o),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(outputs)
        } else {
            Err(errors)
        }
    }
}
