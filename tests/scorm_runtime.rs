//! A SCORM launch page in a real SCORM 1.2 runtime (scorm-again) inside headless Chromium.
//!
//! Needs `chromium` and `tests/lms/node_modules` (`npm ci` in tests/lms). `.ci/run` installs
//! both and sets `YUXIN_BROWSER_TESTS=1`, which turns a missing prerequisite into a failure;
//! elsewhere the test says what it needs and passes without running.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{project, yuxin};

const HARNESS: &str = r#"<!doctype html><html><head><meta charset="utf-8"><script src="scorm12.min.js"></script><script>
var calls = [];
var api = new Scorm12API({});
["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (m) {
  var f = api[m].bind(api);
  api[m] = function () { calls.push(m + "(" + Array.prototype.join.call(arguments, ",") + ")"); return f.apply(null, arguments); };
});
window.API = api;
function done() {
  var out = document.getElementById("out");
  out.setAttribute("data-calls", calls.join("|"));
  out.setAttribute("data-status", String(api.cmi.core.lesson_status));
}
</script></head><body><div id="out"></div><iframe src="pages/01.html" onload="done()"></iframe></body></html>"#;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn launch_page_reports_completion_to_a_scorm_runtime() {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/lms/node_modules/scorm-again/dist/scorm12.min.js");
    let required = std::env::var("YUXIN_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let (Some(browser), true) = (chromium(), runtime.is_file()) else {
        assert!(
            !required,
            "YUXIN_BROWSER_TESTS=1 but chromium or tests/lms/node_modules is missing"
        );
        eprintln!("skipped: needs chromium and `npm ci` in tests/lms (as .ci/run does)");
        return;
    };
    let p = project("good");
    assert_eq!(yuxin(p.path(), &["build"]).code, 0);
    let pkg = p.path().join("pkg");
    let mut archive = zip::ZipArchive::new(
        fs::File::open(p.path().join("public/training/basics/basics-scorm12.zip")).unwrap(),
    )
    .unwrap();
    archive.extract(&pkg).unwrap();
    fs::copy(&runtime, pkg.join("scorm12.min.js")).unwrap();
    fs::write(pkg.join("harness.html"), HARNESS).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("timeout")
        .args([
            "90",
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
        ])
        .args([
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("file://{}", pkg.join("harness.html").display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains(r#"data-calls="LMSInitialize()|LMSSetValue(cmi.core.lesson_status,completed)|LMSCommit()|LMSFinish()""#),
        "calls seen by the runtime: {dom}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dom.contains(r#"data-status="completed""#), "{dom}");
}
