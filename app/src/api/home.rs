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

/// Everything the home page shows from the database, in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub figures: SiteFigures,
    pub latest_news: Vec<super::news::NewsSummary>,
}

/// How many posts the home page shows.
pub const LATEST_NEWS: i64 = 3;

#[server]
pub async fn load_home() -> Result<HomeData, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use crate::db::{news, now_unix, stats};
    use crate::domain::date::Date;
    let db = super::server::db()?;
    let now = now_unix();
    let (figures, latest_news) = tokio::try_join!(
        stats::home_figures(&db),
        news::list_published(&db, now, LATEST_NEWS, 0)
    )?;
    let years = full_years_since(FOUNDED, Date::from_unix(now));
    Ok(HomeData {
        figures: SiteFigures { years, ..figures },
        latest_news,
    })
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
