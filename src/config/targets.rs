//! The `targets:` section of `yuxin.yaml`: the plan's yearly training duties the hours ledger
//! (`training::ledger`) measures against, as data.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;

pub const DEFAULT_YAML: &str = include_str!("targets.yaml");

/// One yearly duty: hours for an audience (optionally only sessions of some forms), or a
/// number of modules (optionally only those with a tag).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub hours: Option<f64>,
    #[serde(default)]
    pub modules: Option<u32>,
}

pub fn default_targets() -> Vec<Target> {
    serde_saphyr::from_str(DEFAULT_YAML).expect("the built-in targets are valid YAML")
}

/// Resolves audiences and forms against the catalog (ids or Chinese names) so the ledger can
/// compare ids. The message says which target and value are wrong.
pub fn resolve(targets: &mut [Target], catalog: &Catalog) -> Result<(), String> {
    for t in targets.iter_mut() {
        if t.hours.is_some() == t.modules.is_some() {
            return Err(format!(
                "培训目标 {} 要写 hours（课时）或 modules（模块数）其中一个",
                t.id
            ));
        }
        if let Some(a) = &t.audience {
            let entry = catalog
                .audience(a)
                .map_err(|m| format!("培训目标 {} 的对象 `{a}` 不在目录里：{}", t.id, m.hint()))?;
            t.audience = Some(entry.id.clone());
        }
        for f in t.forms.iter_mut() {
            let entry = catalog
                .training_form(f)
                .map_err(|m| format!("培训目标 {} 的形式 `{f}` 不在目录里：{}", t.id, m.hint()))?;
            *f = entry.id.clone();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_targets_resolve_against_the_catalog() {
        let mut t = default_targets();
        resolve(&mut t, &Catalog::default()).unwrap();
        assert_eq!(t.len(), 6);
        assert_eq!(t[2].forms, vec!["case-study", "drill"]);
    }

    #[test]
    fn a_target_needs_hours_or_modules_and_known_names() {
        let mut t = vec![Target {
            id: "x".into(),
            name: "x".into(),
            audience: Some("校长".into()),
            forms: vec![],
            tag: None,
            hours: Some(1.0),
            modules: None,
        }];
        assert!(
            resolve(&mut t, &Catalog::default())
                .unwrap_err()
                .contains("校长")
        );
        t[0].audience = None;
        t[0].modules = Some(1);
        assert!(resolve(&mut t, &Catalog::default()).is_err());
    }
}
