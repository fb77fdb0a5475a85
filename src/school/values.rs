//! Small checked values of a school declaration: clock times, time ranges and colours.

use serde::Serialize;

/// A wall-clock time in Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

impl Clock {
    /// `19:00`, `9:30`; also the full-width colon `：` a Chinese keyboard types.
    pub fn parse(text: &str) -> Option<Clock> {
        let text = text.trim().replace('：', ":");
        let (h, m) = text.split_once(':')?;
        let hour: u8 = h.trim().parse().ok()?;
        let minute: u8 = m.trim().parse().ok()?;
        (hour < 24 && minute < 60 && m.trim().len() == 2).then_some(Clock { hour, minute })
    }
}

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Why a time range was not understood.
#[derive(Debug, PartialEq, Eq)]
pub enum RangeError {
    Shape,
    EndBeforeStart,
}

/// `19:00-20:30` (also `—`, `–`, `~`, `至` between): start and end on the same day.
pub fn parse_range(text: &str) -> Result<(Clock, Clock), RangeError> {
    let normalized = text
        .replace(['—', '–', '~', '～'], "-")
        .replace('至', "-")
        .replace("--", "-");
    let (a, b) = normalized.split_once('-').ok_or(RangeError::Shape)?;
    let start = Clock::parse(a).ok_or(RangeError::Shape)?;
    let end = Clock::parse(b).ok_or(RangeError::Shape)?;
    if end <= start {
        return Err(RangeError::EndBeforeStart);
    }
    Ok((start, end))
}

/// A theme colour, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    /// The default: a deep teal with 7:1 contrast against white.
    pub const DEFAULT: Color = Color {
        r: 0x0b,
        g: 0x5d,
        b: 0x57,
    };

    /// `#1f6f5c` or `#1f6` (the short form).
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.trim().strip_prefix('#')?;
        let full: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_string(),
            _ => return None,
        };
        let byte = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
        Some(Color {
            r: byte(0)?,
            g: byte(2)?,
            b: byte(4)?,
        })
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// Contrast ratio of white text on this colour (1 to 21).
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }

    /// A very light tint of this colour for card backgrounds (mixed 92% with white).
    pub fn tint(self) -> Color {
        let mix = |c: u8| (f64::from(c) * 0.08 + 255.0 * 0.92).round() as u8;
        Color {
            r: mix(self.r),
            g: mix(self.g),
            b: mix(self.b),
        }
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_ranges() {
        assert_eq!(Clock::parse("9:05").unwrap().to_string(), "09:05");
        assert_eq!(Clock::parse("19：30").unwrap().to_string(), "19:30");
        assert_eq!(Clock::parse("24:00"), None);
        assert_eq!(Clock::parse("19:5"), None);
        let (a, b) = parse_range("19:00—20:30").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("19:00".into(), "20:30".into())
        );
        assert_eq!(parse_range("20:00-19:00"), Err(RangeError::EndBeforeStart));
        assert_eq!(parse_range("晚上七点"), Err(RangeError::Shape));
    }

    #[test]
    fn colours_and_contrast() {
        assert_eq!(Color::parse("#fff").unwrap().to_string(), "#ffffff");
        assert_eq!(Color::parse("1f6f5c"), None);
        assert!(Color::DEFAULT.contrast_with_white() >= 7.0);
        assert!(Color::parse("#ffd700").unwrap().contrast_with_white() < 4.5);
    }
}
