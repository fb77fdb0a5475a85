//! Calendar arithmetic for feeds and the calendar page, without a date-time crate: Beijing
//! time is a fixed UTC+8 (no daylight saving since 1991), so the civil-date algorithm suffices.

use crate::model::Date;

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

/// 0 = Sunday.
pub fn weekday(d: Date) -> usize {
    (days_from_civil(d) + 4).rem_euclid(7) as usize
}

/// Now, as seconds since the epoch: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else the clock.
pub fn now_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// Today's date in Beijing.
pub fn today_beijing(epoch: i64) -> Date {
    civil_from_days((epoch + 8 * 3600).div_euclid(86_400))
}

/// `20261015T113000Z`: a UTC instant for iCalendar's DTSTAMP.
pub fn utc_stamp(epoch: i64) -> String {
    let d = civil_from_days(epoch.div_euclid(86_400));
    let s = epoch.rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        d.year,
        d.month,
        d.day,
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::parse("2026-10-15").unwrap();
        assert_eq!(civil_from_days(days_from_civil(d)), d);
        assert_eq!(weekday(d), 4, "2026-10-15 is a Thursday");
        assert_eq!(weekday(Date::parse("2024-02-29").unwrap()), 4);
        assert_eq!(days_from_civil(Date::parse("1970-01-01").unwrap()), 0);
    }

    #[test]
    fn beijing_today_and_stamps() {
        // 2026-10-14T17:00:00Z is already the 15th in Beijing.
        let epoch = days_from_civil(Date::parse("2026-10-14").unwrap()) * 86_400 + 17 * 3600;
        assert_eq!(today_beijing(epoch).to_string(), "2026-10-15");
        assert_eq!(utc_stamp(epoch), "20261014T170000Z");
    }
}
