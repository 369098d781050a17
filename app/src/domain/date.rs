//! A civil calendar date without time zone, with the calendar arithmetic the
//! membership rules need. Kept free of dependencies so it compiles cheaply
//! into the browser bundle.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date in the form YYYY-MM-DD")]
    Format,
    #[error("no such day in the calendar")]
    NoSuchDay,
}

pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub const fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if month < 1 || month > 12 || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (what `<input type="date">` sends).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let mut parts = text.trim().splitn(3, '-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<i32>().ok())
                .ok_or(DateError::Format)
        };
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        Date::new(year, month as u8, day as u8)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` calendar months later, clamped to the end of the
    /// target month: 2024-02-29 + 24 months = 2026-02-28.
    pub fn add_months(self, months: u32) -> Date {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative before), for arithmetic and conversion.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date (UTC) of a Unix timestamp in seconds.
    pub fn from_unix(seconds: i64) -> Date {
        Date::from_days(seconds.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("valid test date")
    }

    #[test]
    fn parses_iso_dates_and_rejects_others() {
        assert_eq!(d("2016-11-08"), Date::new(2016, 11, 8).unwrap());
        assert_eq!(Date::parse("2016-11-8"), Err(DateError::Format));
        assert_eq!(Date::parse("08.11.2016"), Err(DateError::Format));
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2024-13-01"), Err(DateError::NoSuchDay));
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn adding_months_clamps_to_the_month_end() {
        assert_eq!(d("2024-02-29").add_months(24), d("2026-02-28"));
        assert_eq!(d("2025-11-30").add_months(3), d("2026-02-28"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-03-15").add_months(0), d("2024-03-15"));
        assert_eq!(d("2024-12-31").add_months(12), d("2025-12-31"));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::from_unix(1_478_563_200), d("2016-11-08"));
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(d("0999-01-05").to_string(), "0999-01-05");
    }
}
