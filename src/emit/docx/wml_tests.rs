use super::*;

#[test]
fn runs_escape_text_and_break_lines() {
    let mut out = String::new();
    run(&mut out, "<b>&\nx", Style::default());
    assert_eq!(
        out,
        r#"<w:r><w:t xml:space="preserve">&lt;b&gt;&amp;</w:t><w:br/><w:t xml:space="preserve">x</w:t></w:r>"#
    );
}

#[test]
fn an_answer_box_has_its_lines_in_one_unsplittable_cell() {
    let mut out = String::new();
    let flow = Flow {
        width: 9000,
        line: 425,
        indent_chars: 0,
    };
    block(
        &mut out,
        &Block::Code {
            info: "answer 4".into(),
            text: String::new(),
        },
        &flow,
    );
    assert_eq!(out.matches("w:lineRule=\"exact\"").count(), 4);
    assert!(out.contains("<w:cantSplit/>"));
}

#[test]
fn a_header_row_repeats_but_is_not_kept_whole() {
    let row = |header| Row {
        cells: vec![Cell::new("<w:p/>".into())],
        header,
        cant_split: true,
        height: None,
    };
    let mut out = String::new();
    table(&mut out, &[1000], &[row(true), row(false)]);
    assert!(out.contains("<w:trPr><w:tblHeader/></w:trPr>"), "{out}");
    assert_eq!(
        out.matches("<w:cantSplit/>").count(),
        1,
        "only the body row"
    );
}
