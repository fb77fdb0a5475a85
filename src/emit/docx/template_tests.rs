//! The placeholder filler: placeholders split across runs, row repetition, escaping.
use super::*;

fn para(runs: &[&str]) -> String {
    let runs: String = runs
        .iter()
        .map(|r| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{r}</w:t></w:r>"))
        .collect();
    format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{runs}<w:proofErr w:type=\"spellStart\"/></w:p>"
    )
}

fn text_of(xml: &str) -> String {
    let mut all = String::new();
    for_each_text(xml, |_, t| all.push_str(t));
    all
}

#[test]
fn a_placeholder_split_across_runs_is_found_and_filled() {
    let xml = para(&["课题：{", "{课", "题}", "} 与 {{年级}}", "，{{时", "长}}。"]);
    let merged = merge_runs(&xml);
    assert_eq!(text_of(&merged), "课题：{{课题}} 与 {{年级}}，{{时长}}。");
    // The text before a placeholder stays in its run, each run keeps its properties.
    assert!(merged.contains(r#"<w:t xml:space="preserve">课题：{{课题}}</w:t>"#));
    assert_eq!(merged.matches("<w:rPr><w:b/></w:rPr>").count(), 6);
    let filled = fill_xml(
        &merged,
        &|n| match n {
            "课题" => Some("<你好> & \"新\"学校".into()),
            "年级" => Some("一年级".into()),
            "时长" => Some("40分钟".into()),
            _ => None,
        },
        &[],
    );
    assert_eq!(
        text_of(&filled),
        "课题：&lt;你好&gt; &amp; &quot;新&quot;学校 与 一年级，40分钟。"
    );
    safe::well_formed(&filled).unwrap();
}

#[test]
fn untouched_text_and_markup_stay_byte_for_byte() {
    let xml = format!(
        "<w:body>{}<w:p><w:r><w:t xml:space=\"preserve\">不动 &amp; 不变</w:t></w:r></w:p><w:sectPr/></w:body>",
        para(&["{{课题}}"])
    );
    let filled = fill_xml(&merge_runs(&xml), &|_| Some("X".into()), &[]);
    assert_eq!(
        filled,
        xml.replace("<w:t>{{课题}}", r#"<w:t xml:space="preserve">X"#)
    );
}

#[test]
fn multi_line_values_become_line_breaks() {
    let filled = fill_xml(&para(&["{{教学准备}}"]), &|_| Some("一\n二".into()), &[]);
    assert!(filled.contains(r#"一</w:t><w:br/><w:t xml:space="preserve">二"#));
    safe::well_formed(&filled).unwrap();
}

#[test]
fn the_step_row_repeats_once_per_step() {
    let row = |cells: &[&[&str]]| {
        let cells: String = cells
            .iter()
            .map(|runs| format!("<w:tc><w:tcPr/>{}</w:tc>", para(runs)))
            .collect();
        format!("<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    };
    let xml = format!(
        "<w:tbl>{}{}{}</w:tbl>",
        row(&[&["环节"], &["时间"]]),
        row(&[&["{{环", "节}}"], &["{{环节时长}}"], &["{{设计", "意图}}"]]),
        row(&[&["合计 {{时长}}"]])
    );
    let merged = merge_runs(&xml);
    assert_eq!(step_rows(&merged).len(), 1);
    let steps = vec![
        vec![
            ("环节", "一、热身".to_string()),
            ("环节时长", "5分钟".into()),
            ("设计意图", "破冰".into()),
        ],
        vec![
            ("环节", "二、讨论".to_string()),
            ("环节时长", "15分钟".into()),
        ],
    ];
    let filled = fill_xml(&merged, &|n| (n == "时长").then(|| "40分钟".into()), &steps);
    assert_eq!(filled.matches("<w:tr>").count(), 4);
    assert_eq!(
        text_of(&filled),
        "环节时间一、热身5分钟破冰二、讨论15分钟合计 40分钟"
    );
    assert_eq!(filled.matches("<w:cantSplit/>").count(), 4);
}

#[test]
fn misspelled_and_misplaced_placeholders_are_reported() {
    let xml = format!(
        "<w:body>{}{}{}</w:body>",
        para(&["{{课", "提}}"]),
        para(&["{{设计意图}}"]),
        para(&["{{年级"])
    );
    let mut problems = Vec::new();
    check_placeholders(
        Path::new("t.docx"),
        "word/document.xml",
        &merge_runs(&xml),
        &mut problems,
    );
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].message.contains("{{课提}}"));
    assert!(problems[0].hint.as_deref().unwrap().contains("{{课题}}"));
    assert!(problems[1].message.contains("没有用"));
    assert!(problems[2].message.contains("{{设计意图}}"));
}
