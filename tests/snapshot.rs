//! A snapshot of one rendered lesson page: any change to the theme or the Markdown rendering
//! shows up here as a diff to review (`cargo insta review`, or delete the .snap to accept).

mod common;

use common::{project, read, yuxin};

#[test]
fn lesson_page() {
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let html = read(
        &p.path()
            .join("public/primary/developmental/adaptation/hello/index.html"),
    );
    insta::assert_snapshot!(html);
}
