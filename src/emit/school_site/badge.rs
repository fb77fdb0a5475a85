//! The school's square badge as a PNG (`share.png`), the image of its share cards (`og:image`,
//! `itemprop="image"`): WeChat and most chat apps show no SVG and want at least 300×300 px.
//! Made from the school's `logo` when it is a PNG or JPEG, otherwise its short name's first
//! character, white on its colour, drawn with the system's CJK font.
//!
//! A city's schools mostly share a colour and an initial (`示例市第 12 校` → 第): a badge is
//! drawn once per distinct look and every other school's copy is a hard link to the first
//! (see [`crate::emit::Sink::put_copy`]), so 1,500 schools cost a handful of PNGs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Severity, Span};
use crate::emit::{Context, Output};
use crate::school::School;

/// The badge's file inside a microsite.
pub const FILE: &str = "share.png";
/// Its side in pixels: WeChat's share card wants at least 300.
pub const SIDE: u32 = 320;

/// What a badge looks like: schools with the same look share one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Look {
    /// The school's colour and the character drawn on it.
    Initial { color: [u8; 3], initial: char },
    /// The logo file's bytes (hashed) and its format.
    Logo { sha: [u8; 32], jpeg: bool },
}

/// Every chosen school's badge: drawn once per look, written under the first school with it
/// and linked under the others. `prefixes` are the schools' folders in the output.
pub fn emit(
    cx: &Context,
    schools: &[(&School, String)],
) -> Vec<Result<Option<Output>, Diagnostic>> {
    let mut looks: Vec<(Look, Vec<usize>)> = Vec::new();
    let mut at: HashMap<Look, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut logos: Vec<Option<Vec<u8>>> = Vec::with_capacity(schools.len());
    for (k, (school, _)) in schools.iter().enumerate() {
        let (look, bytes) = match look(cx.root, school) {
            Ok(found) => found,
            Err(d) => {
                out.push(Err(d));
                logos.push(None);
                continue;
            }
        };
        logos.push(bytes);
        match at.get(&look) {
            Some(&i) => looks[i].1.push(k),
            None => {
                at.insert(look.clone(), looks.len());
                looks.push((look, vec![k]));
            }
        }
    }
    let drawn: Vec<Result<Vec<u8>, Diagnostic>> = looks
        .par_iter()
        .map(|(look, members)| {
            let school = schools[members[0]].0;
            draw(look, logos[members[0]].as_deref(), school)
        })
        .collect();
    for ((_, members), png) in looks.iter().zip(drawn) {
        let png = match png {
            Ok(png) => png,
            Err(d) => {
                out.push(Err(d));
                continue;
            }
        };
        // The first school's file is put before its copies: `keep_copy` links from a file the
        // sink already holds.
        let first = format!("{}{FILE}", schools[members[0]].1);
        let copies: Vec<String> = members[1..]
            .iter()
            .map(|&k| format!("{}{FILE}", schools[k].1))
            .collect();
        out.push(cx.keep(Ok(Output::new(first.clone(), png.clone()))));
        for path in copies {
            out.push(cx.keep_copy(&first, &png, path));
        }
    }
    out
}

/// The look of `school`'s badge, with its logo's bytes when it is drawn from the logo.
fn look(root: &Path, school: &School) -> Result<(Look, Option<Vec<u8>>), Diagnostic> {
    if let Some(file) = &school.logo
        && let Some(jpeg) = raster_format(file)
    {
        let bytes = std::fs::read(root.join(file)).map_err(|e| {
            Diagnostic::error("io", file, Span::file_start(), format!("无法读取校徽：{e}"))
                .with_hint("检查 logo: 写的文件是否存在")
        })?;
        use sha2::Digest as _;
        let sha: [u8; 32] = sha2::Sha256::digest(&bytes).into();
        return Ok((Look::Logo { sha, jpeg }, Some(bytes)));
    }
    let c = school.color;
    Ok((
        Look::Initial {
            color: [c.r, c.g, c.b],
            initial: initial(school),
        },
        None,
    ))
}

/// The character on a badge without a logo: the short name's first (as the SVG logo has it).
pub fn initial(school: &School) -> char {
    school
        .short_name
        .chars()
        .chain(school.name.chars())
        .find(|c| !c.is_whitespace())
        .unwrap_or('校')
}

/// `Some(is_jpeg)` for a logo the badge can be made from; an SVG or WebP logo is not decoded
/// (no rasteriser for them in the build), and the badge shows the initial instead.
fn raster_format(file: &Path) -> Option<bool> {
    let ext = file.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "png" => Some(false),
        "jpg" | "jpeg" => Some(true),
        _ => None,
    }
}

fn draw(look: &Look, logo: Option<&[u8]>, school: &School) -> Result<Vec<u8>, Diagnostic> {
    let pixels = match (look, logo) {
        (Look::Logo { jpeg, .. }, Some(bytes)) => {
            from_logo(bytes, *jpeg, school.logo.as_deref().unwrap_or(&school.file))?
        }
        (Look::Initial { color, initial }, _) => from_initial(*color, *initial),
        (Look::Logo { .. }, None) => from_initial([0x0b, 0x5d, 0x57], initial(school)),
    };
    encode(&pixels).map_err(|e| {
        Diagnostic::error(
            "io",
            &school.file,
            Span::file_start(),
            format!("无法生成分享图片：{e}"),
        )
    })
}

fn encode(pixels: &image::RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut png = Vec::new();
    pixels.write_with_encoder(image::codecs::png::PngEncoder::new(&mut png))?;
    Ok(png)
}

/// The logo fitted into the square on white (a transparent logo shows on white, as on paper).
fn from_logo(bytes: &[u8], jpeg: bool, file: &Path) -> Result<image::RgbImage, Diagnostic> {
    let format = if jpeg {
        image::ImageFormat::Jpeg
    } else {
        image::ImageFormat::Png
    };
    let logo = image::load_from_memory_with_format(bytes, format).map_err(|e| {
        Diagnostic::error(
            "school-logo",
            file,
            Span::file_start(),
            format!("校徽图片无法读取：{e}"),
        )
        .with_hint("用图片软件把校徽另存为 PNG 或 JPEG 再试；也可以删掉 logo，用校名做徽标")
    })?;
    let logo = logo.to_rgba8();
    let (w, h) = logo.dimensions();
    // A margin of 6 % keeps a round logo clear of the chat app's rounded crop.
    let inner = f64::from(SIDE) * 0.88;
    let scale = inner / f64::from(w.max(h).max(1));
    let (nw, nh) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    let fitted = image::imageops::resize(&logo, nw, nh, image::imageops::FilterType::Triangle);
    let mut out = image::RgbImage::from_pixel(SIDE, SIDE, image::Rgb([255, 255, 255]));
    let (ox, oy) = ((SIDE - nw) / 2, (SIDE - nh) / 2);
    for (x, y, p) in fitted.enumerate_pixels() {
        let a = f32::from(p[3]) / 255.0;
        let px = out.get_pixel_mut(ox + x, oy + y);
        for c in 0..3 {
            px[c] = (f32::from(p[c]) * a + 255.0 * (1.0 - a)).round() as u8;
        }
    }
    Ok(out)
}

/// The initial, white on the school's colour in a ringed disc (the SVG logo's design), or a
/// plain ringed disc with a centre dot when no CJK font is installed.
fn from_initial(color: [u8; 3], initial: char) -> image::RgbImage {
    let side = SIDE as f32;
    let centre = side / 2.0;
    let mut out = image::RgbImage::from_pixel(SIDE, SIDE, image::Rgb([255, 255, 255]));
    let white = [255u8; 3];
    // Disc, then a thin white ring inside it, each anti-aliased by its distance to the edge.
    for (x, y, px) in out.enumerate_pixels_mut() {
        let d = ((x as f32 + 0.5 - centre).powi(2) + (y as f32 + 0.5 - centre).powi(2)).sqrt();
        let disc = (side * 0.48 - d + 0.5).clamp(0.0, 1.0);
        blend(px, color, disc);
        let ring = (side * 0.012 - (d - side * 0.40).abs() + 0.5).clamp(0.0, 1.0);
        blend(px, white, ring);
    }
    match font().and_then(|f| glyph(f, initial)) {
        Some(mask) => {
            for (x, y, c) in mask {
                if x < SIDE && y < SIDE {
                    blend(out.get_pixel_mut(x, y), white, c);
                }
            }
        }
        None => {
            for (x, y, px) in out.enumerate_pixels_mut() {
                let d =
                    ((x as f32 + 0.5 - centre).powi(2) + (y as f32 + 0.5 - centre).powi(2)).sqrt();
                blend(px, white, (side * 0.12 - d + 0.5).clamp(0.0, 1.0));
            }
        }
    }
    out
}

fn blend(px: &mut image::Rgb<u8>, color: [u8; 3], coverage: f32) {
    if coverage <= 0.0 {
        return;
    }
    for c in 0..3 {
        px[c] =
            (f32::from(color[c]) * coverage + f32::from(px[c]) * (1.0 - coverage)).round() as u8;
    }
}

/// The glyph's coverage, centred in the badge: `(x, y, coverage)`; `None` when the font has no
/// such character.
fn glyph(font: &FontRef<'static>, c: char) -> Option<Vec<(u32, u32, f32)>> {
    let id = font.glyph_id(c);
    if id.0 == 0 {
        return None;
    }
    let scale = PxScale::from(SIDE as f32 * 0.5);
    let outlined = font.outline_glyph(id.with_scale(scale))?;
    let bounds = outlined.px_bounds();
    let (w, h) = (bounds.width(), bounds.height());
    let ox = ((SIDE as f32 - w) / 2.0).round() as i64;
    let oy = ((SIDE as f32 - h) / 2.0).round() as i64;
    let mut mask = Vec::new();
    outlined.draw(|x, y, c| {
        let (px, py) = (ox + i64::from(x), oy + i64::from(y));
        if px >= 0 && py >= 0 {
            mask.push((px as u32, py as u32, c));
        }
    });
    Some(mask)
}

/// Font files with Chinese glyphs, by file name, best first: bold sans faces on Linux
/// (fonts-noto-cjk, fonts-wqy-*), Windows and macOS.
const FONT_FILES: &[&str] = &[
    "notosanscjk-bold.ttc",
    "notosanscjksc-bold.otf",
    "sourcehansanssc-bold.otf",
    "notosanscjk-regular.ttc",
    "notosanscjksc-regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "msyhbd.ttc",
    "msyh.ttc",
    "simhei.ttf",
    "pingfang.ttc",
    "stheiti medium.ttc",
    "hiragino sans gb.ttc",
    "droidsansfallbackfull.ttf",
];

/// Where systems keep fonts.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.extend([
            home.join(".local/share/fonts"),
            home.join(".fonts"),
            home.join("Library/Fonts"),
        ]);
    }
    if let Some(windows) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windows).join("Fonts"));
    }
    dirs
}

/// The system's CJK font, found once per process; `YUXIN_FONT` names the file to use instead
/// (and only it). `None`, with one warning saying what to install, when there is none: badges
/// are drawn without their character and the build goes on.
fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| {
        let chosen = std::env::var_os("YUXIN_FONT").map(PathBuf::from);
        let found = match &chosen {
            Some(file) => load_font(file),
            None => find_font(),
        };
        if found.is_none() {
            let message = match &chosen {
                Some(file) => format!(
                    "YUXIN_FONT 指定的 {} 不是能用的中文字体，学校的分享图片（share.png）只画了徽标，没有校名的字",
                    file.display()
                ),
                None => "没有找到中文字体，学校的分享图片（share.png）只画了徽标，没有校名的字".into(),
            };
            let warning = Diagnostic::general(Severity::Warning, "font", message).with_hint(
                "安装一种中文字体再构建：Debian/Ubuntu 用 sudo apt install fonts-noto-cjk，\
                 Fedora 用 sudo dnf install google-noto-sans-cjk-fonts；\
                 也可以用环境变量 YUXIN_FONT 指定字体文件（.ttf、.otf 或 .ttc）",
            );
            eprint!("{}", warning.render_human(None));
        }
        found
    })
    .as_ref()
}

fn find_font() -> Option<FontRef<'static>> {
    let mut by_name: HashMap<String, PathBuf> = HashMap::new();
    for dir in font_dirs() {
        for entry in walkdir::WalkDir::new(dir)
            .max_depth(4)
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if FONT_FILES.contains(&name.as_str()) {
                by_name.entry(name).or_insert_with(|| entry.into_path());
            }
        }
    }
    FONT_FILES
        .iter()
        .filter_map(|n| by_name.remove(*n))
        .find_map(|path| load_font(&path))
}

/// The font in `path` that draws Chinese: in a collection, the simplified-Chinese face when it
/// names one (Noto CJK's first face is Japanese), else the first that has 中.
fn load_font(path: &Path) -> Option<FontRef<'static>> {
    let bytes: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
    let faces = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
    let simplified = (0..faces).find(|&i| {
        ttf_parser::Face::parse(bytes, i).is_ok_and(|face| {
            face.names().into_iter().any(|n| {
                n.name_id == ttf_parser::name_id::FAMILY
                    && n.to_string().is_some_and(|s| s.ends_with(" SC"))
            })
        })
    });
    simplified
        .into_iter()
        .chain(0..faces)
        .filter_map(|i| FontRef::try_from_slice_and_index(bytes, i).ok())
        .find(|f| f.glyph_id('中').0 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_are_square_and_big_enough_for_share_cards() {
        let img = from_initial([0x0b, 0x5d, 0x57], '青');
        assert_eq!(img.dimensions(), (SIDE, SIDE));
        const { assert!(SIDE >= 300) };
        // The corner stays white, the disc's edge is the school's colour.
        assert_eq!(img.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(img.get_pixel(SIDE / 2, 12).0, [0x0b, 0x5d, 0x57]);
        let png = encode(&img).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }

    #[test]
    fn the_initial_is_drawn_when_a_cjk_font_is_installed() {
        let Some(font) = font() else {
            eprintln!("no CJK font: skipped");
            return;
        };
        let mask = glyph(font, '青').expect("青 has a glyph");
        let covered = mask.iter().filter(|(_, _, c)| *c > 0.5).count();
        assert!(covered > 2000, "{covered} pixels covered");
    }

    #[test]
    fn logos_are_fitted_on_white() {
        let logo = image::RgbaImage::from_pixel(100, 50, image::Rgba([200, 0, 0, 255]));
        let mut png = Vec::new();
        logo.write_with_encoder(image::codecs::png::PngEncoder::new(&mut png))
            .unwrap();
        let file = Path::new("schools/a.png");
        let img = from_logo(&png, false, file).unwrap();
        assert_eq!(img.dimensions(), (SIDE, SIDE));
        assert_eq!(img.get_pixel(SIDE / 2, SIDE / 2).0, [200, 0, 0]);
        assert_eq!(img.get_pixel(SIDE / 2, 10).0, [255, 255, 255]);
        let err = from_logo(b"not a png", false, file).unwrap_err();
        assert!(err.message.contains("校徽图片无法读取"), "{}", err.message);
    }
}
