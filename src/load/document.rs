//! One Markdown file's text into a typed [`Document`]: front matter read against the kind's
//! keys, the title, the place and URL from the path, the topic checked against stage and track.

use std::path::Path;

use super::{fields, path, split, yaml};
use crate::catalog::{Catalog, Track};
use crate::diag::{Diagnostic, Span};
use crate::model::{Bundle, Document, Kind, Place, Ref};
use crate::slug::slugify;

/// Turns one file's text into a document. `None` when the problems leave nothing to build.
pub fn parse_document(
    rel: &Path,
    text: &str,
    catalog: &Catalog,
    in_bundle: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    crate::stats::parsed();
    let located = match path::locate(rel, catalog, diags) {
        Ok(l) => l,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let Ok(parts) = split::split(text) else {
        diags.push(
            Diagnostic::error(
                "front-matter",
                rel,
                Span::new(1, 1, 3),
                "front matter 只有开头的 `---`，没有结尾的 `---`",
            )
            .with_hint("在字段的最后一行后面加一行 `---`，再写正文"),
        );
        return None;
    };
    let yaml_text = parts.front_matter.unwrap_or("");
    let root = match yaml::parse(yaml_text, parts.front_matter_line) {
        Ok(node) => node,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "yaml-syntax",
                    rel,
                    e.span,
                    format!("front matter 的 YAML 写法有误：{}", e.message),
                )
                .with_hint(e.hint()),
            );
            return None;
        }
    };
    let is_part = in_bundle && rel.file_name().is_some_and(|n| n != "index.md");
    let default_kind = match located.default_kind {
        Kind::Lesson if is_part => Kind::Handout,
        k => k,
    };
    let kind = match fields::read_kind(&root, rel) {
        Ok(k) => k.map_or(default_kind, |(k, _)| k),
        Err(d) => {
            diags.push(d);
            default_kind
        }
    };
    let before = diags.len();
    let fm = fields::read(&root, kind, catalog, rel, diags);
    let mut body = parts.body.to_string();
    let title = fm.title.clone().or_else(|| take_heading_title(&mut body));
    // A front matter that is not a map has just been reported; "no title" would only repeat it.
    if title.is_none() && !matches!(root.value, yaml::Value::Map(_) | yaml::Value::Null) {
        return None;
    }
    let Some(title) = title else {
        diags.push(
            Diagnostic::error(
                "missing-title",
                rel,
                Span::new(1, 1, 0),
                "缺少 title（标题）",
            )
            .with_hint("在文件开头的 front matter 里写 `title: 标题`，或让正文以 `# 标题` 开头"),
        );
        return None;
    };
    check_place(rel, kind, &located, diags);
    let topic = resolve_topic(rel, &located, fm.topic.clone(), catalog, diags);
    if diags[before..]
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        return None;
    }
    let url = document_url(rel, &located.dir_url);
    Some(Document {
        source: rel.to_path_buf(),
        kind,
        place: located.place,
        title,
        topic,
        summary: fm.summary,
        tags: fm.tags,
        date: fm.date,
        draft: fm.draft,
        weight: fm.weight,
        allow: fm.allow,
        extra: fm.extra,
        details: fm.details,
        body,
        body_line: parts.body_line,
        url,
        bundle: Bundle::None,
    })
}

/// With no `title:`, a first-line `# 标题` is the title; it is blanked (not removed) so that
/// line numbers in the body stay right.
fn take_heading_title(body: &mut String) -> Option<String> {
    let (offset, line) = body
        .split_inclusive('\n')
        .scan(0, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .find(|(_, l)| !l.trim().is_empty())?;
    let title = line.trim().strip_prefix("# ")?.trim().to_string();
    let end = offset + line.trim_end_matches('\n').len();
    body.replace_range(offset..end, "");
    (!title.is_empty()).then_some(title)
}

fn check_place(rel: &Path, kind: Kind, located: &path::Located, diags: &mut Vec<Diagnostic>) {
    let wrong = match (kind, located.place) {
        (k, Place::Curriculum { .. }) if k.needs_stage() => None,
        (k, _) if k.needs_stage() => Some("curricula/<学段>/<类别>/"),
        (Kind::Training, Place::Training) | (Kind::Page, _) => None,
        (Kind::Training, _) => Some("curricula/training/"),
        _ => None,
    };
    if let Some(folder) = wrong {
        diags.push(
            Diagnostic::error(
                "misplaced-file",
                rel,
                Span::file_start(),
                format!("{} 类型的文档要放在 {folder} 下", kind.label()),
            )
            .with_hint(format!("把文件移到 {folder} 下，或改正 kind")),
        );
    }
}

fn resolve_topic(
    rel: &Path,
    located: &path::Located,
    declared: Option<(Ref, Span)>,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<Ref> {
    let span = declared.as_ref().map_or(Span::file_start(), |(_, s)| *s);
    let topic = match (declared.map(|(t, _)| t), located.topic.clone()) {
        (Some(t), Some(folder)) if t != folder => {
            diags.push(
                Diagnostic::error(
                    "topic-mismatch",
                    rel,
                    span,
                    format!(
                        "topic（主题）写的是 {}，但文件在主题文件夹 {} 里",
                        t.name, folder.name
                    ),
                )
                .with_hint("删掉 topic 让文件夹决定，或把文件移到对应的主题文件夹"),
            );
            return None;
        }
        (t, folder) => t.or(folder)?,
    };
    let Place::Curriculum { stage, track } = located.place else {
        return Some(topic);
    };
    let entry = catalog.topic_by_id(&topic.id)?;
    if entry.track != track {
        diags.push(
            Diagnostic::error(
                "topic-track",
                rel,
                span,
                format!(
                    "主题 {} 属于{}教育，但文件在 {} 文件夹里",
                    topic.name,
                    entry.track.name(),
                    track.label()
                ),
            )
            .with_hint(format!(
                "把文件移到 {} 文件夹，或换一个主题",
                entry.track.label()
            )),
        );
        return None;
    }
    if track == Track::Remedial && !entry.applies_to(stage) {
        let stage_name = &catalog.stage(stage).name;
        diags.push(
            Diagnostic::warning(
                "topic-stage",
                rel,
                span,
                format!(
                    "按目录，补救性领域 {} 不涉及{stage_name}：报告把这一格算作不适用",
                    topic.name
                ),
            )
            .with_hint(format!(
                "如果{stage_name}确实需要，在 yuxin.yaml 的 catalog: topics: 下给 {} 的 stages 加上 {}",
                entry.id,
                stage.id()
            )),
        );
    }
    if track == Track::Developmental && !entry.applies_to(stage) {
        let here: Vec<String> = catalog
            .topics_for(stage, track)
            .map(|t| format!("{}（{}）", t.id, t.name))
            .collect();
        let stage_name = &catalog.stage(stage).name;
        diags.push(
            Diagnostic::error(
                "topic-stage",
                rel,
                span,
                format!("{} 不是{stage_name}阶段的发展性主题", topic.name),
            )
            .with_hint(format!("{stage_name}的发展性主题：{}", here.join("、"))),
        );
        return None;
    }
    Some(topic)
}

fn document_url(rel: &Path, dir_url: &str) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if stem == "index" {
        return dir_url.to_string();
    }
    let slug = slugify(&stem);
    let slug = if slug.is_empty() {
        "page".to_string()
    } else {
        slug
    };
    format!("{dir_url}{slug}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(rel: &str, text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let doc = parse_document(Path::new(rel), text, &Catalog::default(), false, &mut diags);
        (doc, diags)
    }

    #[test]
    fn a_lesson_with_everything_from_the_path() {
        let (doc, diags) = parse(
            "curricula/primary/developmental/adaptation/新同学.md",
            "---\ntitle: 新同学\n---\n正文\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.kind, Kind::Lesson);
        assert_eq!(doc.topic.unwrap().id, "adaptation");
        assert_eq!(doc.url, "primary/developmental/adaptation/xin-tong-xue/");
        assert_eq!(doc.body_line, 4);
    }

    #[test]
    fn title_may_come_from_the_first_heading() {
        let (doc, diags) = parse("content/about.md", "\n# 关于我们\n\n正文\n");
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.title, "关于我们");
        assert_eq!(doc.body, "\n\n\n正文\n", "line numbers kept");
        assert_eq!(doc.url, "parents/about/");
    }

    #[test]
    fn missing_title_is_an_error() {
        let (doc, diags) = parse("content/x.md", "---\nsummary: s\n---\n正文\n");
        assert!(doc.is_none());
        assert_eq!(diags[0].lint, "missing-title");
    }

    #[test]
    fn topic_must_fit_track_and_stage() {
        let (_, diags) = parse(
            "curricula/junior/developmental/x.md",
            "---\ntitle: t\ntopic: 环境适应\n---\n",
        );
        assert_eq!(diags[0].lint, "topic-stage");
        assert!(diags[0].hint.as_ref().unwrap().contains("青春期心理"));
        let (_, diags) = parse(
            "curricula/junior/developmental/x.md",
            "---\ntitle: t\ntopic: 网络沉迷\n---\n",
        );
        assert_eq!(diags[0].lint, "topic-track");
        assert_eq!(diags[0].span.line, 3);
    }

    #[test]
    fn kinds_must_be_in_their_folders() {
        let (_, diags) = parse("content/x.md", "---\ntitle: t\nkind: lesson\n---\n");
        assert_eq!(diags[0].lint, "misplaced-file");
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let (doc, diags) = parse("content/x.md", "---\ntitle: t\ntags: [a, b\n---\n");
        assert!(doc.is_none());
        assert_eq!(diags[0].lint, "yaml-syntax");
        assert!(diags[0].span.line >= 3, "{:?}", diags[0].span);
    }

    #[test]
    fn a_list_or_scalar_front_matter_is_one_located_error() {
        for text in ["---\n- a\n- b\n---\n正文\n", "---\n一句话\n---\n正文\n"] {
            let (doc, diags) = parse("content/x.md", text);
            assert!(doc.is_none());
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(diags[0].lint, "front-matter");
            assert_eq!((diags[0].span.line, diags[0].span.column), (2, 1));
        }
    }

    #[test]
    fn unclosed_front_matter() {
        let (_, diags) = parse("content/x.md", "---\ntitle: t\n");
        assert_eq!(diags[0].lint, "front-matter");
    }
}
