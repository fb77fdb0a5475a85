//! A project theme (`theme:` in `yuxin.yaml`, `themes/<name>/`): its name is one folder, and
//! its templates are read only from inside the project, whatever a template includes.

use std::path::Path;

use super::{links, names};
use crate::diag::{Diagnostic, Span};

/// `theme: NAME` names one folder under `themes/`, inside the project.
pub fn check_name(root: &Path, name: &str, dir: &Path) -> Result<(), Diagnostic> {
    let config = Path::new(crate::config::FILE_NAME);
    if let Err(why) = names::check_segment(name) {
        return Err(Diagnostic::error(
            "theme",
            config,
            Span::file_start(),
            format!("主题名 `{name}` 不能用：{}", why.describe()),
        )
        .with_hint("theme: 只写 themes/ 下的一个文件夹名，例如 theme: school-blue"));
    }
    links::check_inside(root, dir).map_err(|mut d| {
        d.file = config.to_path_buf();
        d
    })
}

/// A template name from `{% include %}`, `{% extends %}` or `{% import %}` stays in the
/// theme's `templates/` folder (`dir`, absolute) and so in the project.
pub fn check_template_name(
    root: &Path,
    dir: Option<&Path>,
    name: &str,
) -> Result<(), minijinja::Error> {
    let refuse = |why: String| {
        Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("模板名 `{name}` 不能用：{why}；只能引用主题 templates/ 文件夹里的模板"),
        ))
    };
    if let Err(why) = names::check_relative(name) {
        return refuse(why.describe());
    }
    let Some(dir) = dir else { return Ok(()) };
    let rel = dir.join(name);
    let rel = rel.strip_prefix(root).unwrap_or(&rel);
    match links::check_inside(root, rel) {
        Ok(()) => Ok(()),
        Err(d) => refuse(d.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_one_folder() {
        let root = Path::new("/nonexistent");
        for bad in ["../..", "a/b", "C:\\x", "con"] {
            let d = check_name(root, bad, &Path::new("themes").join(bad)).unwrap_err();
            assert_eq!(d.lint, "theme", "{bad}");
        }
        assert!(check_name(root, "school-blue", Path::new("themes/school-blue")).is_ok());
    }

    #[test]
    fn template_names_stay_in_the_theme() {
        let root = Path::new("/nonexistent");
        let dir = root.join("themes/t/templates");
        assert!(check_template_name(root, Some(&dir), "../../../etc/passwd").is_err());
        assert!(check_template_name(root, Some(&dir), "/etc/passwd").is_err());
        assert!(check_template_name(root, Some(&dir), "parents/base.html").is_ok());
        assert!(check_template_name(root, None, "base.html").is_ok());
    }
}
