use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Counts of listed, active members for the home page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteFigures {
    pub members: i64,
    pub full: i64,
    pub associate: i64,
    pub honorary: i64,
    pub regions: i64,
    pub sectors: i64,
    /// Full years since the Alliance was founded on 8 November 2016.
    pub years: i64,
}

#[server]
pub async fn home_figures() -> Result<SiteFigures, AppError> {
    use crate::domain::date::Date;
    let db = super::server::db()?;
    let mut figures = crate::db::stats::home_figures(&db).await?;
    figures.years = full_years_since(FOUNDED, Date::from_unix(crate::db::now_unix()));
    Ok(figures)
}

/// The day the Alliance was founded.
pub const FOUNDED: crate::domain::date::Date = match crate::domain::date::Date::new(2016, 11, 8) {
    Ok(date) => date,
    Err(_) => panic!("invalid founding date"),
};

/// Completed years between two dates.
pub fn full_years_since(start: crate::domain::date::Date, today: crate::domain::date::Date) -> i64 {
    let mut years = i64::from(today.year() - start.year());
    if (today.month(), today.day()) < (start.month(), start.day()) {
        years -= 1;
    }
    years.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;

    #[test]
    fn years_count_only_completed_ones() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(full_years_since(FOUNDED, d("2026-11-07")), 9);
        assert_eq!(full_years_since(FOUNDED, d("2026-11-08")), 10);
        assert_eq!(full_years_since(FOUNDED, d("2015-01-01")), 0);
    }
}
