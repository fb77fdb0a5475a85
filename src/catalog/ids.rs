//! The two closed sets the folder layout is made of: stages and tracks.

use serde::{Deserialize, Serialize};

/// 学段. The folder `curricula/<stage>/` names one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Kindergarten,
    Primary,
    Junior,
    Senior,
    University,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Kindergarten,
        Stage::Primary,
        Stage::Junior,
        Stage::Senior,
        Stage::University,
    ];

    /// The id used in folders and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Kindergarten => "kindergarten",
            Stage::Primary => "primary",
            Stage::Junior => "junior",
            Stage::Senior => "senior",
            Stage::University => "university",
        }
    }
}

/// 类别: developmental (发展性) or remedial (补救性) education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    Developmental,
    Remedial,
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Developmental, Track::Remedial];

    pub fn id(self) -> &'static str {
        match self {
            Track::Developmental => "developmental",
            Track::Remedial => "remedial",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Track::Developmental => "发展性",
            Track::Remedial => "补救性",
        }
    }

    /// Accepts the id or the Chinese name, with or without 教育.
    pub fn parse(input: &str) -> Option<Track> {
        let input = input.trim();
        let input = input.strip_suffix("教育").unwrap_or(input);
        Track::ALL
            .into_iter()
            .find(|t| t.id().eq_ignore_ascii_case(input) || t.name() == input)
    }

    pub fn label(self) -> String {
        format!("{}（{}）", self.id(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_parse_by_id_or_chinese_name() {
        assert_eq!(Track::parse("remedial"), Some(Track::Remedial));
        assert_eq!(Track::parse("补救性"), Some(Track::Remedial));
        assert_eq!(Track::parse("发展性教育"), Some(Track::Developmental));
        assert_eq!(Track::parse("fun"), None);
    }
}
