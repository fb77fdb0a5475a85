//! Finding a headless-capable browser: Chromium, Chrome or Edge, on PATH or where their
//! installers put them, or the one `browser:` in yuxin.yaml names.

use std::path::{Path, PathBuf};

/// Program names looked up on PATH, in order of preference.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// The program names `browser:` may give: the Chromium family only (lower-cased, without
/// `.exe`). Like Hugo's `security.exec.allow`, so that a shared project cannot make a build
/// run an arbitrary program.
pub const FAMILY: &[&str] = &[
    "chromium",
    "chromium-browser",
    "chrome",
    "google-chrome",
    "google-chrome-stable",
    "google-chrome-beta",
    "google-chrome-unstable",
    "chrome-headless-shell",
    "headless_shell",
    "microsoft-edge",
    "microsoft-edge-stable",
    "microsoft-edge-beta",
    "microsoft-edge-dev",
    "msedge",
    "brave-browser",
    "brave",
    "vivaldi",
    // The programs inside the macOS app bundles.
    "google chrome",
    "microsoft edge",
    "brave browser",
];

/// Whether `name` (as written under `browser:`) is a Chromium-family browser by its file name.
pub fn is_chromium_family(name: &str) -> bool {
    let file = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_lowercase();
    let file = file.strip_suffix(".exe").unwrap_or(&file);
    FAMILY.contains(&file)
}

/// Where the installers of macOS and Windows put them; these are seldom on PATH.
const INSTALLED: &[&str] = &[
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
];

/// Why no browser could be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFound {
    /// Nothing configured, and none of [`NAMES`] on PATH nor any of the usual install places.
    None,
    /// `browser:` names a program that is not there.
    Configured(String),
    /// `browser:` names a program that is not a Chromium-family browser; it is never run.
    NotChromium(String),
}

impl NotFound {
    /// The message and the hint, in the words a user needs.
    pub fn explain(&self) -> (String, String) {
        let install = "安装 Chromium、Google Chrome 或 Microsoft Edge 中的一个（Debian/Ubuntu：sudo apt-get install chromium；\
                       macOS：brew install --cask chromium；Windows 一般已装有 Edge），\
                       或在 yuxin.yaml 里用 browser: 写明浏览器程序的完整路径";
        match self {
            NotFound::None => (
                format!(
                    "没有找到能生成 PDF 的浏览器：在 PATH 里找过 {}，也找过 macOS 和 Windows 的默认安装位置",
                    NAMES.join("、")
                ),
                install.to_string(),
            ),
            NotFound::NotChromium(name) => (
                format!(
                    "yuxin.yaml 的 browser: 指定的 {name} 不是 Chromium 系浏览器，为安全起见不会运行它"
                ),
                format!(
                    "browser: 只能写 Chromium、Google Chrome 或 Microsoft Edge 的程序（文件名为 {} 之一），例如 /usr/bin/chromium；或删掉 browser: 让 yuxin 自己找",
                    FAMILY.join("、")
                ),
            ),
            NotFound::Configured(name) => (
                format!("yuxin.yaml 的 browser: 指定的浏览器 {name} 找不到"),
                format!(
                    "写浏览器程序的完整路径（例如 /usr/bin/chromium），或删掉 browser: 让 yuxin 自己找；也可以{install}"
                ),
            ),
        }
    }
}

/// The browser to use: the configured one, else the first found.
pub fn find(configured: Option<&str>) -> Result<PathBuf, NotFound> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    if let Some(name) = configured {
        if !is_chromium_family(name) {
            return Err(NotFound::NotChromium(name.to_string()));
        }
        return resolve(name, &dirs).ok_or_else(|| NotFound::Configured(name.to_string()));
    }
    NAMES
        .iter()
        .find_map(|n| on_path(n, &dirs))
        .or_else(|| INSTALLED.iter().map(PathBuf::from).find(|p| p.is_file()))
        .ok_or(NotFound::None)
}

/// A name with a path separator is a path; a bare name is looked up on PATH.
fn resolve(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let path = Path::new(name);
    if path.components().count() > 1 || path.is_absolute() {
        return path.is_file().then(|| path.to_path_buf());
    }
    on_path(name, dirs)
}

fn on_path(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    dirs.iter().find_map(|dir| {
        [name.to_string(), format!("{name}.exe")]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_are_looked_up_in_the_given_dirs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("chromium"), "").unwrap();
        let dirs = vec![dir.path().to_path_buf()];
        assert_eq!(
            resolve("chromium", &dirs),
            Some(dir.path().join("chromium"))
        );
        assert_eq!(resolve("google-chrome", &dirs), None);
        let full = dir.path().join("chromium");
        assert_eq!(resolve(full.to_str().unwrap(), &[]), Some(full.clone()));
        assert_eq!(resolve("/no/such/chrome", &dirs), None);
    }

    #[test]
    fn only_chromium_family_browsers_may_be_configured() {
        for ok in [
            "chromium",
            "/usr/bin/google-chrome-stable",
            r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        ] {
            assert!(is_chromium_family(ok), "{ok}");
        }
        for bad in [
            "/bin/sh",
            "bash",
            "/tmp/chromium.sh",
            "firefox",
            "rm",
            "/usr/bin/python3",
        ] {
            assert!(!is_chromium_family(bad), "{bad}");
            assert_eq!(find(Some(bad)), Err(NotFound::NotChromium(bad.into())));
        }
        let (message, hint) = NotFound::NotChromium("/bin/sh".into()).explain();
        assert!(message.contains("/bin/sh") && message.contains("不会运行"));
        assert!(hint.contains("msedge"));
    }

    #[test]
    fn messages_name_what_was_looked_for() {
        let (message, hint) = NotFound::None.explain();
        assert!(message.contains("chromium") && message.contains("microsoft-edge"));
        assert!(hint.contains("apt-get install chromium"));
        let (message, _) = NotFound::Configured("/opt/x".into()).explain();
        assert!(message.contains("/opt/x"));
    }
}
