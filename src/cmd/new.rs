//! `yuxin new KIND TITLE`: a document with the right front matter for its kind and the body
//! sections a Chinese 教案, 班会方案 or 培训专题 uses.

use std::fs;
use std::path::{Path, PathBuf};

use super::{OK, fail, find_root, usage};
use crate::catalog::{Catalog, Stage, Track};
use crate::diag::Diagnostic;
use crate::model::Kind;
use crate::slug::slugify;

#[derive(clap::Args)]
pub struct Args {
    /// 类型：lesson 教案、class-meeting 班会、handout 学习单、training 培训、microcourse 微课、page 页面
    kind: String,
    /// 标题
    title: String,
    /// 学段：kindergarten primary junior senior university（或中文）
    #[arg(long)]
    stage: Option<String>,
    /// 类别：developmental 发展性 或 remedial 补救性（有 --topic 时可省略）
    #[arg(long)]
    track: Option<String>,
    /// 主题：目录里的 id 或中文名
    #[arg(long)]
    topic: Option<String>,
    #[arg(long)]
    root: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let root = match find_root(args.root.clone()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (config, catalog) = match crate::pipeline::load_config(&root) {
        Ok(loaded) => loaded,
        Err(d) => {
            eprintln!("{}", d.render_human(None));
            return super::CONTENT_ERROR;
        }
    };
    let request = Request {
        kind: args.kind,
        title: args.title,
        stage: args.stage,
        track: args.track,
        topic: args.topic,
    };
    let stage = request
        .stage
        .as_deref()
        .and_then(|s| catalog.find_stage(s).ok());
    match scaffold(&root, &catalog, &request) {
        Ok(files) => {
            for f in files {
                println!("已创建 {}", crate::diag::display_path(&f));
            }
            if let Some(stage) = stage.filter(|&s| !config.serves(s)) {
                let name = &catalog.stage(stage).name;
                eprintln!(
                    "注意：yuxin.yaml 的 stages 里没有{name}，这篇文档不会发布；要发布请把 {name} 加进 stages"
                );
            }
            OK
        }
        Err(problem) => fail(&problem),
    }
}

pub struct Request {
    pub kind: String,
    pub title: String,
    pub stage: Option<String>,
    pub track: Option<String>,
    pub topic: Option<String>,
}

/// Writes the new document (and, for bundles, its parts). Returns the files, relative to `root`.
pub fn scaffold(root: &Path, catalog: &Catalog, req: &Request) -> Result<Vec<PathBuf>, Diagnostic> {
    let kind = Kind::parse(&req.kind).ok_or_else(|| {
        let kinds: Vec<String> = Kind::ALL.iter().map(|k| k.label()).collect();
        usage("usage", format!("未知的类型 `{}`", req.kind))
            .with_hint(format!("可选的有：{}", kinds.join("、")))
    })?;
    let slug = short_slug(&req.title);
    let topic = match &req.topic {
        Some(t) => Some(
            catalog
                .topic(t)
                .map_err(|m| usage("usage", format!("未知的主题 `{t}`")).with_hint(m.hint()))?,
        ),
        None => None,
    };
    let files: Vec<(PathBuf, String)> = match kind {
        Kind::Page => vec![(
            PathBuf::from("content").join(format!("{slug}.md")),
            page(&req.title),
        )],
        Kind::Training => {
            let dir = PathBuf::from("curricula/training").join(&slug);
            vec![
                (dir.join("index.md"), training_module(&req.title)),
                (dir.join("01-zhuan-ti-yi.md"), training_session()),
            ]
        }
        _ => {
            let stage_text = req.stage.as_deref().ok_or_else(|| {
                usage(
                    "usage",
                    "这个类型要指定学段：--stage primary（或 --stage 小学）",
                )
            })?;
            let stage = catalog.find_stage(stage_text).map_err(|m| {
                usage("usage", format!("未知的学段 `{stage_text}`")).with_hint(m.hint())
            })?;
            let track = match (&req.track, topic) {
                (Some(t), _) => Track::parse(t).ok_or_else(|| {
                    usage("usage", format!("未知的类别 `{t}`"))
                        .with_hint("developmental（发展性）或 remedial（补救性）")
                })?,
                (None, Some(topic)) => topic.track,
                (None, None) => Track::Developmental,
            };
            let mut dir = PathBuf::from("curricula").join(stage.id()).join(track.id());
            if let Some(t) = topic {
                dir.push(&t.id);
            }
            let minutes = usual_minutes(catalog, stage);
            let mut files = match kind {
                Kind::ClassMeeting => {
                    let dir = dir.join(&slug);
                    vec![
                        (dir.join("index.md"), class_meeting(&req.title, minutes)),
                        (dir.join("xue-xi-dan.md"), handout("学习单", "students")),
                        (dir.join("jia-zhang-xin.md"), parent_letter(&req.title)),
                    ]
                }
                Kind::Microcourse => {
                    vec![(dir.join(format!("{slug}.md")), microcourse(&req.title))]
                }
                Kind::Handout => vec![(
                    dir.join(format!("{slug}.md")),
                    handout(&req.title, "students"),
                )],
                _ => vec![(dir.join(format!("{slug}.md")), lesson(&req.title, minutes))],
            };
            if track == Track::Remedial {
                // The `remedial-referral` lint asks every remedial document for this section.
                files[0].1.push_str(REFERRAL_SECTION);
            }
            files
        }
    };
    if let Some((path, _)) = files.iter().find(|(p, _)| root.join(p).exists()) {
        return Err(
            usage("usage", format!("{} 已经存在，没有覆盖", path.display()))
                .with_hint("换一个标题，或先改名/删除旧文件"),
        );
    }
    for (path, text) in &files {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| usage("io", format!("无法创建文件夹 {}：{e}", parent.display())))?;
        }
        fs::write(&full, text)
            .map_err(|e| usage("io", format!("无法写入 {}：{e}", path.display())))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// File names from titles, cut at a word boundary so that long Chinese titles stay usable.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + word.len() + 1 > 40 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}

fn usual_minutes(catalog: &Catalog, stage: Stage) -> u32 {
    let r = catalog.stage(stage).duration;
    match stage {
        _ if r.min == r.max => r.min,
        Stage::Kindergarten => (r.min + r.max) / 2 / 5 * 5,
        _ => r.max,
    }
}

/// Step minutes that add up to `total`: warm-up, activity, sharing, summary.
fn steps(total: u32) -> [u32; 4] {
    let warm = (total / 8).max(2);
    let share = total / 4;
    let close = (total / 8).max(2);
    [
        warm,
        total.saturating_sub(warm + share + close),
        share,
        close,
    ]
}

const REFERRAL_SECTION: &str = "\n## 转介与求助\n\n按“识别—报告—转介”：发现信号当天告知班主任和心理教师；需要时由学校转介到专业医疗机构。\
放学后、假期里可拨打全国心理援助热线 12356。\n";

fn lesson(title: &str, minutes: u32) -> String {
    let [a, b, c, d] = steps(minutes);
    format!(
        "---\ntitle: {title}\nform: 团体辅导\ngrades: []\nduration: {minutes}\nobjectives:\n  认知: \n  情感: \n  行为: \nsummary: \n---\n\n\
## 教学重难点\n\n- 重点：\n- 难点：\n\n## 教学准备\n\n- \n\n## 教学过程\n\n\
### 一、暖身导入（{a}分钟）\n\n\n**设计意图**：\n\n### 二、主题活动（{b}分钟）\n\n\n**设计意图**：\n\n\
### 三、分享交流（{c}分钟）\n\n\n**设计意图**：\n\n### 四、总结延伸（{d}分钟）\n\n\n**设计意图**：\n\n\
## 教学反思\n\n- 学生在哪个环节最投入？为什么？\n- 有没有学生需要课后个别关注？\n"
    )
}

fn class_meeting(title: &str, minutes: u32) -> String {
    let [a, b, c, d] = steps(minutes);
    format!(
        "---\ntitle: {title}\nkind: class-meeting\nform: 团体辅导\nsemester: first\ngrades: []\nduration: {minutes}\n\
objectives:\n  认知: \n  情感: \n  行为: \nsummary: \n---\n\n## 主题\n\n\n## 背景\n\n\n## 教学准备\n\n\
- [学习单](./xue-xi-dan.md)，每人一份\n- [致家长的一封信](./jia-zhang-xin.md)，每人一份\n\n## 活动过程\n\n\
### 一、暖身导入（{a}分钟）\n\n\n**设计意图**：\n\n### 二、主题活动（{b}分钟）\n\n\n**设计意图**：\n\n\
### 三、分享交流（{c}分钟）\n\n\n**设计意图**：\n\n### 四、总结延伸（{d}分钟）\n\n\n**设计意图**：\n\n\
## 总结与延伸\n\n\n## 教学反思\n\n- 班会目标达成了吗？从哪些表现看出来？\n"
    )
}

fn handout(title: &str, audience: &str) -> String {
    format!(
        "---\ntitle: {title}\nkind: handout\naudience: {audience}\n---\n\n姓名：__________ 班级：__________ 日期：__________\n\n\
1. \n\n```answer 3\n```\n\n2. \n\n__________________________________________\n"
    )
}

fn parent_letter(title: &str) -> String {
    format!(
        "---\ntitle: 致家长的一封信\nkind: handout\naudience: parents\n---\n\n亲爱的家长：\n\n\
您好！本周我们班开展了“{title}”主题班会。\n\n这一周，您可以在家试试：\n\n1. \n2. \n\n\
班主任\n\n✂ 请沿虚线剪下，由孩子交回班主任\n\n## 回执\n\n学生姓名：__________ 家长签名：__________ 日期：__________\n\n\
- [ ] 我已阅读这封信\n- [ ] 我愿意参加下次家长会\n"
    )
}

fn training_module(title: &str) -> String {
    format!(
        "---\ntitle: {title}\naudience: [全体教师]\nhours: 1\nobjectives:\n  - \nsummary: \n---\n\n## 模块简介\n\n\n\
## 考核\n\n```quiz\n? 题干\n- [ ] 选项一\n- [x] 选项二\n> 解析：\n```\n"
    )
}

fn training_session() -> String {
    "---\ntitle: 专题一\nhours: 1\nform: 讲授\nweight: 1\nobjectives:\n  - \n---\n\n## 学习目标\n\n\n## 内容\n\n\n\
## 案例研讨\n\n\n## 演练\n\n"
        .to_string()
}

fn microcourse(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nkind: microcourse\nminutes: 8\nsummary: \n---\n\n## 孩子可能在经历什么\n\n\n\
## 家长可以这样说\n\n\n## 这一周试一试\n\n\n## 什么时候需要求助\n\n如有需要，请联系学校心理老师，或拨打 12356 心理援助热线。\n"
    )
}

fn page(title: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_add_up() {
        for total in [15, 20, 40, 45, 90] {
            assert_eq!(steps(total).iter().sum::<u32>(), total);
        }
    }

    #[test]
    fn long_titles_make_short_slugs() {
        let s = short_slug("高三是一场长跑：穿过撞墙期的三个办法和一个约定");
        assert!(s.len() <= 40, "{s}");
        assert!(s.starts_with("gao-san-shi"));
        assert_eq!(short_slug("！！"), "untitled");
    }
}
