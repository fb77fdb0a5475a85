//! The `targets:` section of `yuxin.yaml`: the plan's yearly training duties the hours ledger
//! (`training::ledger`) measures against, as data.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;

pub const DEFAULT_YAML: &str = include_str!("targets.yaml");

/// One yearly duty for an audience (optionally only sessions of some forms, or modules with a
/// tag): 课时 (`periods`), clock hours (`hours`, 小时: 课时 × the module's minutes per 课时
/// ÷ 60), or a number of modules. A 课时 is not an hour: the plan counts head teachers' and
/// all staff's training in 课时 but supervision and case practice in 小时.
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
    /// 课时.
    #[serde(default)]
    pub periods: Option<f64>,
    /// Clock hours, 小时.
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
        let given = [t.periods.is_some(), t.hours.is_some(), t.modules.is_some()];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(format!(
                "培训目标 {} 要写 periods（课时）、hours（小时）或 modules（模块数）中的一个",
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
        let get = |id: &str| t.iter().find(|t| t.id == id).unwrap();
        assert_eq!(get("case-practice").forms, vec!["case-study", "drill"]);
        assert_eq!(get("head-teacher").periods, Some(8.0));
        assert_eq!(get("counselor").periods, Some(8.0));
        assert_eq!(get("supervision-full-time").hours, Some(8.0));
        assert_eq!(get("supervision-part-time").hours, Some(4.0));
        assert_eq!(
            get("peer-helper-junior").audience.as_deref(),
            Some("peer-helper")
        );
        assert_eq!(get("cadre").audience.as_deref(), Some("cadre"));
    }

    #[test]
    fn a_target_needs_hours_or_modules_and_known_names() {
        let mut t = vec![Target {
            id: "x".into(),
            name: "x".into(),
            audience: Some("校长".into()),
            forms: vec![],
            tag: None,
            periods: None,
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
        t[0].hours = None;
        assert!(resolve(&mut t, &Catalog::default()).is_ok());
        t[0].periods = Some(2.0);
        assert!(resolve(&mut t, &Catalog::default()).is_err());
    }
}
