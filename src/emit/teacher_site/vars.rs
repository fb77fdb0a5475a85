//! Holds `docs/templates.md`, the theme authors' list of template variables, to the code: every
//! variable a built-in template reads (asked of MiniJinja, which parses the template) and
//! every field of the views templates get (their `KEYS`) must have a row there.

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::emit::lazy::Fields;
    use crate::emit::summary::Summary;
    use crate::emit::teacher_site::section::{Group, Part, Section};
    use crate::emit::view::DocumentView;
    use crate::model::Ref;
    use crate::render::templates::{BUILT_IN, Theme};

    const DOC: &str = include_str!("../../../docs/templates.md");

    /// MiniJinja's own functions and loop names: a template may read them without a row.
    const GLOBALS: &[&str] = &["range", "dict", "namespace", "debug", "loop", "caller"];

    /// Each `## 模板 `x`` or `## 对象 `x`` section of the page: the names in its rows'
    /// first cells.
    fn sections() -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current = None;
        for line in DOC.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                current = heading.split('`').nth(1).map(str::to_string);
                if let Some(name) = &current {
                    out.entry(name.clone()).or_default();
                }
            } else if let (Some(name), Some(row)) = (&current, line.strip_prefix("| `")) {
                let key = row.split('`').next().unwrap_or_default();
                out.get_mut(name).unwrap().insert(key.to_string());
            }
        }
        out
    }

    /// The page every page of a template's site extends, whose variables all its pages have.
    fn common(template: &str) -> Option<&'static str> {
        match template {
            "print.html" | "lms.html" => None,
            t if t.starts_with("parents/") => Some("parents/base.html"),
            _ => Some("base.html"),
        }
    }

    #[test]
    fn every_variable_a_template_reads_is_documented() {
        let documented = sections();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::new(root, None).unwrap();
        let env = theme.environment();
        let mut missing = Vec::new();
        for (file, _) in BUILT_IN {
            let Some(name) = file.strip_prefix("templates/") else {
                continue;
            };
            let Some(own) = documented.get(name) else {
                missing.push(format!("docs/templates.md：缺少“## 模板 `{name}`”一节"));
                continue;
            };
            let shared = common(name).and_then(|c| documented.get(c));
            let template = env.get_template(name).unwrap();
            for var in template.undeclared_variables(false) {
                let known = own.contains(&var) || shared.is_some_and(|s| s.contains(&var));
                if !known && !GLOBALS.contains(&var.as_str()) {
                    missing.push(format!("模板 `{name}` 的变量 `{var}`：在它的一节加一行 | `{var}` | 类型 | 含义 | 示例 |"));
                }
            }
            // Fields read through a variable: those of the views are held by their `KEYS`
            // below; any other path must be written out somewhere on the page.
            for path in template.undeclared_variables(true) {
                let parts: Vec<&str> = path.split('.').collect();
                let viewed = parts.len() == 2 && ["doc", "section"].contains(&parts[0]);
                if parts.len() > 1 && !viewed && !DOC.contains(&format!("`{path}`")) {
                    missing.push(format!(
                        "模板 `{name}` 读取的 `{path}`：在 docs/templates.md 写出它"
                    ));
                }
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn every_field_of_the_views_is_documented_and_no_other() {
        let documented = sections();
        let views: [(&str, &[&str]); 6] = [
            ("Summary", Summary::KEYS),
            ("DocumentView", DocumentView::KEYS),
            ("Ref", Ref::KEYS),
            ("Section", Section::KEYS),
            ("Part", Part::KEYS),
            ("Group", Group::KEYS),
        ];
        let mut wrong = Vec::new();
        for (view, keys) in views {
            let rows = documented.get(view).cloned().unwrap_or_default();
            let keys: BTreeSet<String> = keys.iter().map(|k| k.to_string()).collect();
            for key in keys.difference(&rows) {
                wrong.push(format!("对象 `{view}` 的字段 `{key}` 没有写在 docs/templates.md 的“## 对象 `{view}`”一节"));
            }
            for row in rows.difference(&keys) {
                wrong.push(format!(
                    "docs/templates.md 写了对象 `{view}` 的 `{row}`，但它已经没有这个字段"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_check_finds_an_undocumented_variable() {
        // The page is parsed, not skipped: a name it never mentions is not taken as known.
        let documented = sections();
        assert!(documented["home.html"].contains("stages"));
        assert!(!documented["home.html"].contains("no_such_variable"));
        assert!(documented["Summary"].contains("semester"));
    }
}
