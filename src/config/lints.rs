//! The `lints:` section of `yuxin.yaml`: a level per lint, and the word lists, as data. The
//! lints themselves, and the check that every id named here is one, are in `check`.
//!
//! ```yaml
//! lints:
//!   labelling: error        # error | warning | off
//!   minutes-sum: off
//!   words:
//!     replace: false        # true: these lists replace the built-in ones
//!     labelling:
//!       - { word: 笨小孩, instead: 学得慢一些的孩子 }
//!     safe-messaging: [某种方法描述]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Level;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("error、warning 或 off")
            }
            // YAML 1.1 reads a bare `off` as false.
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Level, E> {
                if v {
                    Err(E::custom("检查级别要写 error、warning 或 off"))
                } else {
                    Ok(Level::Off)
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Level, E> {
                match v.trim() {
                    "error" | "错误" => Ok(Level::Error),
                    "warning" | "警告" => Ok(Level::Warning),
                    "off" | "关闭" => Ok(Level::Off),
                    other => Err(E::custom(format!(
                        "检查级别 `{other}` 不认识，要写 error、warning 或 off"
                    ))),
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A stigmatising word and the neutral words to use instead.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelWord {
    pub word: String,
    pub instead: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordsPatch {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub labelling: Vec<LabelWord>,
    #[serde(default)]
    pub safe_messaging: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct LintsConfig {
    #[serde(default)]
    pub words: WordsPatch,
    /// Every other key: a lint id and its level.
    #[serde(flatten)]
    pub levels: BTreeMap<String, Level>,
}

impl LintsConfig {
    pub fn level(&self, id: &str) -> Option<Level> {
        self.levels.get(id).copied()
    }
}
