//! The home page (figures, the latest news) and the about page.
//!
//! Reads are server functions in `api`, SQL is in `store`.

mod about_page;
pub mod api;
mod home_page;
#[cfg(feature = "ssr")]
pub mod store;

pub use about_page::AboutPage;
pub use home_page::HomePage;

use crate::domain::date::Date;
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

/// Everything the home page shows from the database, in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub figures: SiteFigures,
    pub latest_news: Vec<crate::news::NewsSummary>,
}

/// How many posts the home page shows.
pub const LATEST_NEWS: i64 = 3;

/// The day the Alliance was founded.
pub const FOUNDED: Date = match Date::new(2016, 11, 8) {
    Ok(date) => date,
    Err(_) => panic!("invalid founding date"),
};

/// Completed years between two dates.
pub fn full_years_since(start: Date, today: Date) -> i64 {
    let mut years = i64::from(today.year() - start.year());
    if (today.month(), today.day()) < (start.month(), start.day()) {
        years -= 1;
    }
    years.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_count_only_completed_ones() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(full_years_since(FOUNDED, d("2026-11-07")), 9);
        assert_eq!(full_years_since(FOUNDED, d("2026-11-08")), 10);
        assert_eq!(full_years_since(FOUNDED, d("2015-01-01")), 0);
    }
}
