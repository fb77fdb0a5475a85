//! QR codes with their mask chosen fast. The standard has the encoder try all eight masks and
//! keep the one whose symbol scores the lowest penalty; scoring module by module was almost all
//! of a code's cost (a city's 1,500 schools print about 10,000 codes). Here the symbol is
//! encoded once by `qrcodegen`, its data modules unmasked, and each mask scored on rows of bits,
//! a run at a time; the winner's mask is then applied to those rows. The penalty is `qrcodegen`'s
//! own rule for rule, so the code is the one `QrCode::encode_text` would draw (tested below).

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

/// Rows of bits hold a line of modules; larger symbols (URLs past ~270 characters) are left to
/// `qrcodegen`'s own mask choice.
const MAX_FAST: usize = 64;

/// A symbol of `size()` rows of `size()` modules.
pub enum Symbol {
    /// Rows of bits, module `x` of a row its bit `x`.
    Rows(Vec<u64>),
    /// Larger symbols, as `qrcodegen` drew them.
    Large(QrCode),
}

impl Symbol {
    pub fn size(&self) -> usize {
        match self {
            Symbol::Rows(rows) => rows.len(),
            Symbol::Large(code) => code.size() as usize,
        }
    }

    pub fn dark(&self, x: usize, y: usize) -> bool {
        match self {
            Symbol::Rows(rows) => rows[y] >> x & 1 != 0,
            Symbol::Large(code) => code.get_module(x as i32, y as i32),
        }
    }
}

/// The code for `text` at error correction level `ecl` or higher, as `encode_text` makes it.
pub fn encode(text: &str, ecl: QrCodeEcc) -> Option<Symbol> {
    let segs = QrSegment::make_segments(text);
    let with = |mask: Option<Mask>| {
        QrCode::encode_segments_advanced(&segs, ecl, Version::MIN, Version::MAX, mask, true).ok()
    };
    let first = with(Some(Mask::new(0)))?;
    if first.size() as usize > MAX_FAST {
        return with(None).map(Symbol::Large);
    }
    Some(Symbol::Rows(best_masked(&first)))
}

/// The rows of the symbol with the mask of lowest penalty (the first of equals), from one
/// drawn with mask 0.
fn best_masked(code: &QrCode) -> Vec<u64> {
    let n = code.size() as usize;
    let function = function_modules(code.version().value(), n);
    let mut data = vec![0u64; n];
    let mut base = vec![0u64; n];
    let patterns = patterns(n);
    for y in 0..n {
        for x in 0..n {
            let bit = 1u64 << x;
            if function[y] & bit == 0 {
                data[y] |= bit;
            }
            if code.get_module(x as i32, y as i32) {
                base[y] |= bit;
            }
        }
        // Undo mask 0, leaving the data as it was before masking.
        base[y] ^= patterns[0][y] & data[y];
    }
    let ecl = code.error_correction_level();
    let mut rows = vec![0u64; n];
    let mut cols = vec![0u64; n];
    let mut best = (i32::MAX, 0u8);
    for mask in 0..8u8 {
        masked(
            &base,
            &data,
            &patterns[usize::from(mask)],
            ecl,
            mask,
            &mut rows,
        );
        transpose(&rows, &mut cols);
        let score = penalty(&rows, &cols, n);
        if score < best.0 {
            best = (score, mask);
        }
    }
    masked(
        &base,
        &data,
        &patterns[usize::from(best.1)],
        ecl,
        best.1,
        &mut rows,
    );
    rows
}

/// `rows` = the data under `mask`, with its format information.
fn masked(base: &[u64], data: &[u64], pattern: &[u64], ecl: QrCodeEcc, mask: u8, rows: &mut [u64]) {
    for (y, row) in rows.iter_mut().enumerate() {
        *row = base[y] ^ (pattern[y] & data[y]);
    }
    for (x, y, dark) in format_modules(ecl, mask, rows.len()) {
        if dark {
            rows[y] |= 1 << x;
        } else {
            rows[y] &= !(1 << x);
        }
    }
}

/// The eight masks, each as rows of bits.
type Masks = std::rc::Rc<[Vec<u64>; 8]>;

/// The eight masks as rows of bits for symbols of `n` modules, made once per size and thread.
fn patterns(n: usize) -> Masks {
    thread_local! {
        static MADE: std::cell::RefCell<Vec<Option<Masks>>> =
            std::cell::RefCell::new(vec![None; MAX_FAST + 1]);
    }
    MADE.with(|made| {
        made.borrow_mut()[n]
            .get_or_insert_with(|| {
                std::rc::Rc::new(std::array::from_fn(|mask| {
                    (0..n)
                        .map(|y| {
                            (0..n)
                                .filter(|&x| pattern(mask as u8, x, y))
                                .fold(0u64, |row, x| row | 1 << x)
                        })
                        .collect()
                }))
            })
            .clone()
    })
}

/// Whether mask `mask` inverts the module at column `x`, row `y`.
fn pattern(mask: u8, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (x / 3 + y / 2).is_multiple_of(2),
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + x * y % 3).is_multiple_of(2),
    }
}

/// Rows of bits marking the modules masks leave alone: finder patterns and their separators,
/// timing, alignment patterns, format and version information, the dark module.
fn function_modules(version: u8, n: usize) -> Vec<u64> {
    let mut rows = vec![0u64; n];
    let mut set = |x: usize, y: usize| rows[y] |= 1 << x;
    for i in 0..n {
        set(6, i);
        set(i, 6);
    }
    let low = |a: usize| a <= 7;
    let high = |a: usize| a >= n - 8;
    for y in 0..n {
        for x in 0..n {
            // Finders with separators are 8×8 at three corners; the format information runs
            // along row and column 8 beside them.
            let finder = (low(x) || high(x)) && (low(y) || high(y)) && !(high(x) && high(y));
            let format = (y == 8 && (x <= 8 || high(x))) || (x == 8 && (y <= 8 || high(y)));
            if finder || format {
                set(x, y);
            }
        }
    }
    let centres = alignment_centres(version, n);
    let last = centres.len().saturating_sub(1);
    for (i, &cy) in centres.iter().enumerate() {
        for (j, &cx) in centres.iter().enumerate() {
            let at_finder = (i == 0 || j == 0) && (i + j == 0 || i + j == last);
            if at_finder {
                continue;
            }
            for y in cy - 2..=cy + 2 {
                for x in cx - 2..=cx + 2 {
                    set(x, y);
                }
            }
        }
    }
    if version >= 7 {
        for i in 0..18 {
            let (a, b) = (n - 11 + i % 3, i / 3);
            set(a, b);
            set(b, a);
        }
    }
    rows
}

/// The centres of alignment patterns along each axis, as `qrcodegen` places them.
fn alignment_centres(version: u8, n: usize) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let count = usize::from(version) / 7 + 2;
    let step = (usize::from(version) * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
    let mut centres: Vec<usize> = (0..count - 1).map(|i| n - 7 - i * step).collect();
    centres.push(6);
    centres.reverse();
    centres
}

/// The format information modules for `ecl` and `mask`: `(x, y, dark)`, both copies.
fn format_modules(ecl: QrCodeEcc, mask: u8, n: usize) -> Vec<(usize, usize, bool)> {
    let level: u32 = match ecl {
        QrCodeEcc::Low => 1,
        QrCodeEcc::Medium => 0,
        QrCodeEcc::Quartile => 3,
        QrCodeEcc::High => 2,
    };
    let data = level << 3 | u32::from(mask);
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    let bits = (data << 10 | rem) ^ 0x5412;
    let bit = |i: usize| (bits >> i) & 1 != 0;
    let mut out = Vec::with_capacity(31);
    for i in 0..6 {
        out.push((8, i, bit(i)));
    }
    out.push((8, 7, bit(6)));
    out.push((8, 8, bit(7)));
    out.push((7, 8, bit(8)));
    for i in 9..15 {
        out.push((14 - i, 8, bit(i)));
    }
    for i in 0..8 {
        out.push((n - 1 - i, 8, bit(i)));
    }
    for i in 8..15 {
        out.push((8, n - 15 + i, bit(i)));
    }
    out.push((8, n - 8, true));
    out
}

fn transpose(rows: &[u64], cols: &mut [u64]) {
    cols.iter_mut().for_each(|c| *c = 0);
    for (y, &row) in rows.iter().enumerate() {
        let mut bits = row;
        while bits != 0 {
            let x = bits.trailing_zeros() as usize;
            cols[x] |= 1 << y;
            bits &= bits - 1;
        }
    }
}

const N1: i32 = 3;
const N2: i32 = 3;
const N3: i32 = 40;
const N4: i32 = 10;

/// `qrcodegen`'s penalty score of a symbol given as rows and as columns of bits.
fn penalty(rows: &[u64], cols: &[u64], n: usize) -> i32 {
    let mut score = 0;
    for &line in rows.iter().chain(cols) {
        score += line_penalty(line, n);
    }
    let full = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
    let pairs = full >> 1;
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // Both rows alike at x, and each row alike at x and x + 1: a 2×2 block of one colour.
        let block = !(a ^ b) & !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & pairs;
        score += block.count_ones() as i32 * N2;
    }
    let dark: i32 = rows.iter().map(|r| r.count_ones() as i32).sum();
    let total = (n * n) as i32;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    score + k * N4
}

/// Runs of five or more (N1) and finder-like patterns (N3) along one line, as `qrcodegen`
/// scores them module by module: its finder check looks back over the last seven runs each time
/// a light run ends, the light border outside the symbol counting as a run `size` long.
fn line_penalty(line: u64, n: usize) -> i32 {
    let size = n as i32;
    // Run lengths, light first (perhaps empty), alternating; the outer light runs include the
    // border. A line has at most n runs, plus a closing light one.
    let mut runs = [0i32; MAX_FAST + 2];
    let mut count = 0;
    let full = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
    // Bit x set where module x differs from module x - 1; a dark first module ends an empty
    // light run at 0.
    let mut changes = (line ^ (line << 1)) & full;
    let mut start = 0i32;
    let mut score = 0;
    while changes != 0 {
        let at = changes.trailing_zeros() as i32;
        let len = at - start;
        if len >= 5 {
            score += N1 + (len - 5);
        }
        runs[count] = len;
        count += 1;
        start = at;
        changes &= changes - 1;
    }
    let len = size - start;
    if len >= 5 {
        score += N1 + (len - 5);
    }
    runs[count] = len;
    count += 1;
    if count % 2 == 0 {
        // Ends dark: the border is a light run of its own.
        runs[count] = 0;
        count += 1;
    }
    runs[0] += size;
    runs[count - 1] += size;
    let mut patterns = 0;
    let mut j = 6;
    while j < count {
        let r = &runs[j - 6..=j];
        let m = r[5];
        if m > 0 && r[4] == m && r[3] == m * 3 && r[2] == m && r[1] == m {
            patterns +=
                i32::from(r[6] >= m * 4 && r[0] >= m) + i32::from(r[0] >= m * 4 && r[6] >= m);
        }
        j += 2;
    }
    score + patterns * N3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modules(code: &impl Modules) -> Vec<bool> {
        let n = code.n();
        (0..n * n).map(|i| code.at(i % n, i / n)).collect()
    }

    trait Modules {
        fn n(&self) -> usize;
        fn at(&self, x: usize, y: usize) -> bool;
    }

    impl Modules for Symbol {
        fn n(&self) -> usize {
            self.size()
        }
        fn at(&self, x: usize, y: usize) -> bool {
            self.dark(x, y)
        }
    }

    impl Modules for QrCode {
        fn n(&self) -> usize {
            self.size() as usize
        }
        fn at(&self, x: usize, y: usize) -> bool {
            self.get_module(x as i32, y as i32)
        }
    }

    /// The same symbol as `qrcodegen`'s own mask choice, for URLs of every length a site has,
    /// from version 1 to past the fast path's limit.
    #[test]
    fn draws_what_qrcodegen_draws() {
        let mut masks = [0usize; 8];
        for len in (1..330).step_by(3) {
            for school in ["gen-0001", "qinghe-primary", "x"] {
                let mut url = format!("https://yuxin.example.edu.cn/schools/{school}/");
                while url.len() < len {
                    url.push_str("primary/remedial/abc-");
                }
                url.truncate(len);
                let ours = encode(&url, QrCodeEcc::Medium).unwrap();
                let theirs = QrCode::encode_text(&url, QrCodeEcc::Medium).unwrap();
                assert_eq!(ours.size(), theirs.size() as usize, "{url}");
                assert_eq!(modules(&ours), modules(&theirs), "{url}");
                masks[usize::from(theirs.mask().value())] += 1;
            }
        }
        assert!(
            masks.iter().all(|&m| m > 0),
            "every mask wins somewhere: {masks:?}"
        );
    }

    #[test]
    fn function_modules_are_those_masks_never_touch() {
        // A version 7 symbol has version information and six alignment patterns.
        let url = "https://yuxin.example.edu.cn/schools/qinghe-primary/primary/remedial/x/";
        let code = QrCode::encode_segments_advanced(
            &QrSegment::make_segments(url),
            QrCodeEcc::Low,
            Version::new(7),
            Version::new(7),
            Some(Mask::new(0)),
            false,
        )
        .unwrap();
        let n = code.size() as usize;
        let function = function_modules(7, n);
        let count: u32 = function.iter().map(|r| r.count_ones()).sum();
        // 3 finders with separators 3×64, timing 2×(n-16), 6 alignment 6×25 of which 10 on
        // the timing lines, format 31, version 36.
        assert_eq!(
            count as usize,
            3 * 64 + 2 * (n - 16) + 6 * 25 - 10 + 31 + 36
        );
    }
}
