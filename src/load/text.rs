//! Turning a file's bytes into text every later stage can trust: within the size limit, valid
//! UTF-8, no NUL, no BOM, `\n` line endings. Each refusal names the file and the place.

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Span};

/// The largest file read as text (a Markdown document, `yuxin.yaml`, a school file). A long
/// lesson or handbook is well under 1 MB; 8 MB leaves room for generous ones while keeping a
/// build of a mistaken or hostile file (a pasted log, a database dump) quick and small.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads `root/rel` as text: see [`decode`].
pub fn read(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let io_error = |e: std::io::Error| {
        Diagnostic::error("io", rel, Span::file_start(), format!("无法读取文件：{e}"))
            .with_hint("检查文件是否存在、是否有读取权限")
    };
    // A FIFO or device (perhaps behind a symlink) would block the read or never end.
    let meta = std::fs::metadata(root.join(rel)).map_err(io_error)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            "io",
            rel,
            Span::file_start(),
            "这不是一个普通文件（是命名管道、设备或文件夹），无法当作文字读取",
        )
        .with_hint("删掉它，或换成普通的 UTF-8 文字文件"));
    }
    let file = std::fs::File::open(root.join(rel)).map_err(io_error)?;
    // Read one byte past the limit, never more: the file may be huge or still growing. Sized
    // from the file's length, the text arrives in one read instead of a doubling series.
    let expected = meta.len().min(MAX_TEXT_BYTES) as usize + 1;
    let mut bytes = Vec::with_capacity(expected);
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(rel, meta.len().max(bytes.len() as u64)));
    }
    decode(rel, bytes)
}

fn too_large(rel: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        rel,
        Span::file_start(),
        format!(
            "文件太大：{}，超过了单个文件 {} 的上限",
            megabytes(size),
            megabytes(MAX_TEXT_BYTES)
        ),
    )
    .with_hint(
        "一篇文档通常不到 1 MB：把内容拆成几篇文档；图片、视频、PDF 等请作为附件放在文档旁边，不要粘贴进文字文件",
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Checks and normalises the bytes of `rel`: UTF-8 (a bad byte is named by line, column and
/// byte offset), no NUL characters (the mark of a binary file or a broken save), then
/// without BOM and with `\n` line endings.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(rel, bytes.len() as u64));
    }
    // SIMD validation first (most of a lesson is multi-byte Chinese, where the standard
    // library's ASCII fast path does not help); the standard check only to place an error.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: just validated as UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return finish(rel, text);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        Diagnostic::error(
            "encoding",
            rel,
            place(&good),
            format!("文件不是 UTF-8 编码（第 {at} 个字节处无法识别，从 0 数起）"),
        )
        .with_hint("多半是用 GBK/GB2312 保存的：用编辑器（如记事本“另存为”）改存为 UTF-8 编码")
    })?;
    finish(rel, text)
}

/// Refuses NUL characters, then normalises (see [`decode`]).
fn finish(rel: &Path, text: String) -> Result<String, Diagnostic> {
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(
            "encoding",
            rel,
            place(&text[..at]),
            format!("文件里有 NUL 控制字符（第 {at} 个字节，从 0 数起），不是普通的文字文件"),
        )
        .with_hint("这多半是保存出错或误把二进制文件改成了 .md/.yaml：用文本编辑器打开，删掉乱码后另存为 UTF-8"));
    }
    Ok(super::split::normalize_owned(text))
}

/// The line and column just after `before` (the text preceding a problem). Lines count every
/// `\n` and lone `\r`, as [`super::split::normalize`] turns each into one line break.
fn place(before: &str) -> Span {
    let normal = super::split::normalize(before);
    let line = normal.matches('\n').count() + 1;
    let column = normal.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Span::new(line, column, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> Diagnostic {
        decode(Path::new("a.md"), bytes.to_vec()).unwrap_err()
    }

    #[test]
    fn invalid_utf8_is_named_by_line_column_and_byte() {
        let d = err(b"---\r\ntitle: \xe4\xbd\xa0\r\nx\xff\n");
        assert_eq!(d.lint, "encoding");
        assert_eq!((d.span.line, d.span.column), (3, 2));
        assert!(d.message.contains("第 18 个字节"), "{}", d.message);
    }

    #[test]
    fn nul_is_refused_with_its_place() {
        let d = err(b"---\ntitle: a\x00b\n---\n");
        assert_eq!((d.span.line, d.span.column), (2, 9));
        assert!(d.message.contains("NUL"), "{}", d.message);
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(Path::new("a.md"), b"\xef\xbb\xbf---\r\nt: 1\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\nt: 1\n");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let d = read(dir.path(), Path::new("a.yaml")).unwrap_err();
            assert!(d.message.contains("不是一个普通文件"), "{}", d.message);
        }
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
        let d = read(dir.path(), Path::new("zero.md")).unwrap_err();
        assert!(d.message.contains("不是一个普通文件"), "{}", d.message);
    }

    #[test]
    fn oversized_files_are_refused_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = vec![b'a'; MAX_TEXT_BYTES as usize + 10];
        std::fs::write(dir.path().join("big.md"), &big).unwrap();
        let d = read(dir.path(), Path::new("big.md")).unwrap_err();
        assert_eq!(d.lint, "file-too-large");
        assert!(d.message.contains("8.0 MB"), "{}", d.message);
        let d = decode(Path::new("big.md"), big).unwrap_err();
        assert_eq!(d.lint, "file-too-large");
    }
}
