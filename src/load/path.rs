//! What a file's place in the project says: its section, stage, track, topic folder, default
//! kind and URL.

use std::path::{Component, Path};

use crate::catalog::{Catalog, Named, Track, find};
use crate::diag::{Diagnostic, Span, suggest};
use crate::model::{Kind, Place, Ref};
use crate::slug::slugify;

pub const CURRICULA: &str = "curricula";
pub const CONTENT: &str = "content";
pub const TRAINING: &str = "training";
/// Content pages sit under this prefix in the teacher site; schools' microsites put them at
/// their root.
pub const CONTENT_PREFIX: &str = "parents";

#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub place: Place,
    pub default_kind: Kind,
    pub topic: Option<Ref>,
    /// URL of the folder holding the file, `/`-separated, ending in `/` (or empty).
    pub dir_url: String,
}

/// Where `rel` (a path relative to the project root, ending in a file) belongs. Non-fatal
/// remarks, such as a folder that looks like a misspelt topic, go to `diags`.
pub fn locate(
    rel: &Path,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Result<Located, Diagnostic> {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let dirs = &parts[1..parts.len() - 1];
    let err = |lint, msg: String, hint: String| {
        Diagnostic::error(lint, rel, Span::file_start(), msg).with_hint(hint)
    };
    match parts[0].as_str() {
        CONTENT => Ok(Located {
            place: Place::Content,
            default_kind: Kind::Page,
            topic: None,
            dir_url: join_url(std::iter::once(CONTENT_PREFIX.to_string()).chain(slug_dirs(dirs))),
        }),
        _ if dirs.is_empty() => Err(err(
            "misplaced-file",
            "curricula 下的文件要放进学段文件夹".into(),
            format!(
                "移到 curricula/<学段>/<类别>/ 下，学段可用：{}",
                stage_options(catalog)
            ),
        )),
        _ if dirs[0] == TRAINING || dirs[0] == "教师培训" => Ok(Located {
            place: Place::Training,
            default_kind: Kind::Training,
            topic: None,
            dir_url: join_url(std::iter::once(TRAINING.to_string()).chain(slug_dirs(&dirs[1..]))),
        }),
        _ => locate_curriculum(rel, dirs, catalog, diags),
    }
}

fn locate_curriculum(
    rel: &Path,
    dirs: &[String],
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Result<Located, Diagnostic> {
    let err = |lint, msg: String, hint: String| {
        Diagnostic::error(lint, rel, Span::file_start(), msg).with_hint(hint)
    };
    let stage = catalog.find_stage(&dirs[0]).map_err(|miss| {
        let mut names: Vec<&str> = catalog.stages.iter().map(|s| s.id.id()).collect();
        names.push(TRAINING);
        let close = suggest(&dirs[0], names.iter().copied());
        let mut hint = format!(
            "学段文件夹可用：{}、training（教师培训）",
            stage_options(catalog)
        );
        if let Some(s) = miss.suggestion.as_deref().or(close) {
            hint = format!("是不是想写 `{s}`？{hint}");
        } else if dirs[0].eq_ignore_ascii_case("middle") {
            hint = format!("初中请用 `junior`，高中请用 `senior`。{hint}");
        }
        err(
            "unknown-stage",
            format!("未知的学段文件夹 `curricula/{}/`", dirs[0]),
            hint,
        )
    })?;
    let Some(track_dir) = dirs.get(1) else {
        return Err(err(
            "misplaced-file",
            format!("文件直接放在了学段文件夹 `curricula/{}/` 下", dirs[0]),
            "再放进类别文件夹：developmental（发展性）或 remedial（补救性）".into(),
        ));
    };
    let track = Track::parse(track_dir).ok_or_else(|| {
        let close = suggest(track_dir, Track::ALL.map(Track::id));
        let base = "类别文件夹可用：developmental（发展性）、remedial（补救性）".to_string();
        let hint = close.map_or(base.clone(), |s| format!("是不是想写 `{s}`？{base}"));
        err(
            "unknown-track",
            format!("未知的类别文件夹 `{track_dir}`"),
            hint,
        )
    })?;
    let topic = dirs
        .get(2)
        .and_then(|dir| topic_folder(rel, dir, catalog, diags));
    let url = [stage.id().to_string(), track.id().to_string()]
        .into_iter()
        .chain(slug_dirs(&dirs[2..]));
    Ok(Located {
        place: Place::Curriculum { stage, track },
        default_kind: Kind::Lesson,
        topic,
        dir_url: join_url(url),
    })
}

/// A folder right below the track names a topic when it matches the catalog; a near miss is
/// worth a warning, since the author probably meant a topic.
fn topic_folder(
    rel: &Path,
    dir: &str,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<Ref> {
    match find(&catalog.topics, dir) {
        Ok(t) => Some(Ref {
            id: t.id.clone(),
            name: t.name.clone(),
        }),
        Err(miss) => {
            if let Some(s) = miss.suggestion {
                diags.push(
                    Diagnostic::warning(
                        "topic-folder",
                        rel,
                        Span::file_start(),
                        format!("文件夹 `{dir}` 不是目录里的主题，它下面的文档不会自动归入主题"),
                    )
                    .with_hint(format!("是不是想写 {s}？把文件夹改成主题的 id 或中文名")),
                );
            }
            None
        }
    }
}

fn stage_options(catalog: &Catalog) -> String {
    let labels: Vec<String> = catalog.stages.iter().map(Named::label).collect();
    labels.join("、")
}

fn slug_dirs(dirs: &[String]) -> impl Iterator<Item = String> + '_ {
    dirs.iter().map(|d| slugify(d)).filter(|s| !s.is_empty())
}

fn join_url(parts: impl Iterator<Item = String>) -> String {
    parts.map(|p| p + "/").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Stage;

    fn at(path: &str) -> (Result<Located, Diagnostic>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let r = locate(Path::new(path), &Catalog::default(), &mut diags);
        (r, diags)
    }

    #[test]
    fn stage_track_topic_from_the_path() {
        let (r, _) = at("curricula/小学/补救性/学习困难/x.md");
        let l = r.unwrap();
        assert_eq!(
            l.place,
            Place::Curriculum {
                stage: Stage::Primary,
                track: Track::Remedial
            }
        );
        assert_eq!(l.topic.unwrap().id, "learning-difficulties");
        assert_eq!(l.dir_url, "primary/remedial/xue-xi-kun-nan/");
        assert_eq!(l.default_kind, Kind::Lesson);
    }

    #[test]
    fn training_and_content() {
        let (r, _) = at("curricula/training/head-teacher/01.md");
        let l = r.unwrap();
        assert_eq!((l.place, l.default_kind), (Place::Training, Kind::Training));
        assert_eq!(l.dir_url, "training/head-teacher/");
        let (r, _) = at("content/help.md");
        assert_eq!(r.unwrap().dir_url, "parents/");
    }

    #[test]
    fn unknown_stage_is_an_error_with_the_options() {
        let (r, _) = at("curricula/middle/developmental/x.md");
        let d = r.unwrap_err();
        assert_eq!(d.lint, "unknown-stage");
        assert!(d.hint.unwrap().contains("junior"));
        let (r, _) = at("curricula/primery/developmental/x.md");
        assert!(
            r.unwrap_err()
                .hint
                .unwrap()
                .starts_with("是不是想写 `primary（小学）`")
        );
    }

    #[test]
    fn missing_or_wrong_track() {
        assert_eq!(
            at("curricula/primary/x.md").0.unwrap_err().lint,
            "misplaced-file"
        );
        let d = at("curricula/primary/remedail/x.md").0.unwrap_err();
        assert!(d.hint.unwrap().contains("remedial"));
    }

    #[test]
    fn misspelt_topic_folder_warns() {
        let (r, diags) = at("curricula/primary/developmental/adaptaton/x.md");
        assert!(r.unwrap().topic.is_none());
        assert_eq!(diags[0].lint, "topic-folder");
    }
}
