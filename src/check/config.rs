//! Validates the `lints:` section of `yuxin.yaml` (read as data by `config::lints`): every
//! lint id it names must be one of [`LINTS`](super::LINTS).

use std::path::Path;

use crate::config::lints::LintsConfig;
use crate::diag::{Diagnostic, Span};

/// Unknown lint ids under `lints:` are an error with a did-you-mean, located in `text`.
pub fn validate(lints: &LintsConfig, text: &str, rel: &Path) -> Result<(), Diagnostic> {
    let ids = super::LINTS.iter().map(|l| l.id);
    for key in lints.levels.keys() {
        if super::find(key).is_some() {
            continue;
        }
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .map_or(1, |i| i + 1);
        let column = text
            .lines()
            .nth(line - 1)
            .map_or(1, |l| l.chars().take_while(|c| *c == ' ').count() + 1);
        let list: Vec<&str> = ids.clone().collect();
        let hint = match crate::diag::suggest(key, ids.clone()) {
            Some(s) => format!("是不是想写 `{s}`？可用的检查：{}", list.join("、")),
            None => format!("可用的检查：{}", list.join("、")),
        };
        return Err(Diagnostic::error(
            "config",
            rel,
            Span::new(line, column, key.chars().count()),
            format!("lints: 下有未知的检查 `{key}`"),
        )
        .with_hint(hint));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::lints::Level;
    use crate::load::config::settings;

    #[test]
    fn lint_levels_and_words_parse_and_unknown_ids_are_located() {
        let rel = Path::new("yuxin.yaml");
        let text = "title: t\nlints:\n  labelling: error\n  minutes-sum: off\n  words:\n    labelling:\n      - { word: 笨, instead: 慢 }\n";
        let c = settings(text, rel).unwrap();
        validate(&c.lints, text, rel).unwrap();
        assert_eq!(c.lints.level("labelling"), Some(Level::Error));
        assert_eq!(c.lints.level("minutes-sum"), Some(Level::Off));
        assert_eq!(c.lints.words.labelling[0].word, "笨");
        let text = "title: t\nlints:\n  privacyy: off\n";
        let c = settings(text, rel).unwrap();
        let err = validate(&c.lints, text, rel).unwrap_err();
        assert_eq!((err.span.line, err.span.column), (3, 3));
        assert!(err.hint.unwrap().contains("`privacy`"));
    }
}
