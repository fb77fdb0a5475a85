//! `yuxin build --school ID`: one school's microsite alone.

use super::{fail, usage};
use crate::emit::{Emitter, school_site::SchoolSites};
use crate::pipeline::Analysis;

/// The emitters for one school, or a usage error naming the schools there are.
pub fn emitters(analysis: &Analysis, id: &str) -> Result<Vec<Box<dyn Emitter>>, u8> {
    if analysis.schools.iter().any(|s| s.id == id) {
        return Ok(vec![Box::new(SchoolSites::one(id))]);
    }
    let ids: Vec<&str> = analysis.schools.iter().map(|s| s.id.as_str()).collect();
    let hint = if ids.is_empty() {
        "项目里还没有学校：在 yuxin.yaml 的 schools: 下或 schools/*.yaml 里声明".to_string()
    } else {
        match crate::diag::suggest(id, ids.iter().copied()) {
            Some(s) => format!("是不是想写 `{s}`？已声明的学校：{}", ids.join("、")),
            None => format!("已声明的学校：{}", ids.join("、")),
        }
    };
    Err(fail(
        &usage("usage", format!("没有编号为 `{id}` 的学校")).with_hint(hint),
    ))
}
