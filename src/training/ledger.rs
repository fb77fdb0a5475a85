//! The hours ledger: what the curriculum offers each audience in a year, against the plan's
//! targets (configurable with `targets:` in yuxin.yaml).

use serde::Serialize;

use super::{Module, modules};
use crate::config::targets::Target;
use crate::model::Curriculum;
use crate::model::format_hours;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// 课时, as the modules count them.
    Periods,
    /// Clock hours, 小时: 课时 × minutes per 课时 ÷ 60.
    Hours,
    Modules,
}

/// A target and where the curriculum stands against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    pub required: f64,
    pub actual: f64,
    pub met: bool,
    /// How much is missing; 0 when met.
    pub short_by: f64,
    /// "8 课时" / "8 小时" / "1 个模块", for people.
    pub required_text: String,
    pub actual_text: String,
    /// "5 课时" / "5 小时" when short, empty when met.
    pub short_text: String,
    /// Titles of the modules that count towards it.
    pub modules: Vec<String>,
}

pub fn ledger(model: &Curriculum, targets: &[Target]) -> Vec<Row> {
    let all = modules(model);
    targets.iter().map(|t| row(t, &all)).collect()
}

fn matches(t: &Target, m: &Module) -> bool {
    let audience_ok = t
        .audience
        .as_ref()
        .is_none_or(|a| m.doc.details.audiences.iter().any(|x| &x.id == a));
    let tag_ok = t
        .tag
        .as_ref()
        .is_none_or(|tag| m.doc.tags.iter().any(|x| x == tag));
    audience_ok && tag_ok
}

fn row(t: &Target, all: &[Module]) -> Row {
    let counted: Vec<&Module> = all.iter().filter(|m| matches(t, m)).collect();
    let forms = (!t.forms.is_empty()).then_some(t.forms.as_slice());
    let (unit, required, actual) = match (t.periods, t.hours, t.modules) {
        (_, _, Some(n)) => (Unit::Modules, f64::from(n), counted.len() as f64),
        (_, Some(hours), None) => {
            let actual = counted.iter().map(|m| m.clock_hours(forms)).sum::<f64>();
            (Unit::Hours, hours, actual + 0.0)
        }
        (periods, None, None) => {
            let actual = counted
                .iter()
                .map(|m| match forms {
                    None => m.hours(),
                    Some(forms) => m.hours_in_forms(forms),
                })
                .sum::<f64>();
            // `+ 0.0`: an empty float sum is -0.0, which prints as "-0".
            (Unit::Periods, periods.unwrap_or(0.0), actual + 0.0)
        }
    };
    let text = |n: f64| match unit {
        Unit::Periods => format!("{} 课时", format_hours(n)),
        Unit::Hours => format!("{} 小时", format_hours(n)),
        Unit::Modules => format!("{} 个模块", format_hours(n)),
    };
    let met = actual + 1e-9 >= required;
    Row {
        id: t.id.clone(),
        name: t.name.clone(),
        unit,
        required,
        actual,
        met,
        short_by: if met { 0.0 } else { required - actual },
        required_text: text(required),
        actual_text: text(actual),
        short_text: if met {
            String::new()
        } else {
            text(required - actual)
        },
        modules: counted
            .iter()
            .filter(|m| t.forms.is_empty() || m.hours_in_forms(&t.forms) > 0.0)
            .map(|m| m.doc.title.clone())
            .collect(),
    }
}

/// One line per target for the terminal: "✓ …" or "✗ … 还差 N 课时".
pub fn summary_lines(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            if r.met {
                format!("✓ {}：已有 {}", r.name, r.actual_text)
            } else {
                format!(
                    "✗ {}：已有 {}，还差 {}",
                    r.name, r.actual_text, r.short_text
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::targets::{default_targets, resolve};
    use crate::training::tests::model;

    #[test]
    fn counts_hours_by_audience_and_form_and_modules_by_tag() {
        let (m, _) = model(&[
            (
                "curricula/training/ht/index.md",
                "---\ntitle: 班主任\naudience: 班主任\nhours: 3\n---\n",
            ),
            (
                "curricula/training/ht/01.md",
                "---\ntitle: 一\nhours: 2\nform: 讲授\n---\n",
            ),
            (
                "curricula/training/ht/02.md",
                "---\ntitle: 二\nhours: 1\nform: 演练\n---\n",
            ),
            (
                "curricula/training/cp/index.md",
                "---\ntitle: 个案\naudience: 心理教师\ntags: [危机干预]\n---\n",
            ),
            (
                "curricula/training/cp/01.md",
                "---\ntitle: 督导\nhours: 2\nform: 督导\n---\n",
            ),
            (
                "curricula/training/cp/02.md",
                "---\ntitle: 演练\nhours: 1\nform: 演练\n---\n",
            ),
        ]);
        let mut targets = default_targets();
        resolve(&mut targets, &m.catalog).unwrap();
        let rows = ledger(&m, &targets);
        let get = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(
            (get("head-teacher").actual, get("head-teacher").met),
            (3.0, false)
        );
        assert_eq!(get("head-teacher").short_by, 5.0);
        // Case practice and supervision are counted in clock hours: 45-minute 课时 by default.
        assert_eq!(get("case-practice").actual, 0.75);
        assert_eq!(get("supervision-part-time").actual, 1.5);
        assert_eq!(get("supervision-part-time").actual_text, "1.5 小时");
        assert_eq!(get("all-staff").actual, 0.0);
        assert!(get("crisis-intervention").met);
        assert_eq!(get("crisis-intervention").modules, vec!["个案"]);
        let lines = summary_lines(&rows);
        assert!(lines[0].contains("已有 3 课时，还差 5 课时"), "{lines:?}");
    }

    #[test]
    fn hour_targets_convert_periods_with_the_module_or_session_period() {
        let (m, _) = model(&[
            (
                "curricula/training/sv/index.md",
                "---\ntitle: 督导\naudience: 心理教师\nperiod: 60\n---\n",
            ),
            (
                "curricula/training/sv/01.md",
                "---\ntitle: 一\nhours: 6\nform: 督导\n---\n",
            ),
            (
                "curricula/training/sv/02.md",
                "---\ntitle: 二\nhours: 2\nperiod: 90\nform: 督导\n---\n",
            ),
            (
                "curricula/training/fdy/index.md",
                "---\ntitle: 辅导员\naudience: 辅导员\nhours: 8\nperiod: 40\n---\n",
            ),
        ]);
        let mut targets = default_targets();
        resolve(&mut targets, &m.catalog).unwrap();
        let rows = ledger(&m, &targets);
        let get = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
        // 6 × 60 min + 2 × 90 min = 9 hours.
        assert_eq!(get("supervision-full-time").actual, 9.0);
        assert!(get("supervision-full-time").met);
        assert_eq!(get("supervision-full-time").unit, Unit::Hours);
        // A 课时 target counts 课时 whatever their length.
        assert_eq!(get("counselor").actual, 8.0);
        assert_eq!(get("counselor").actual_text, "8 课时");
        assert!(get("counselor").met);
        assert!(!get("peer-helper-junior").met);
    }
}
