use super::derive::{self, Facts, SlideKind};
use crate::plan::Plan;

fn deck(body: &str, help: bool) -> derive::Deck {
    let facts = Facts {
        title: "你好，新学校".into(),
        subtitle: "环境适应 · 一年级".into(),
        help,
        hotlines: vec![("全国统一心理援助热线".into(), "12356".into(), false)],
        ..Facts::default()
    };
    derive::derive(&Plan::parse(body, 1), &facts)
}

