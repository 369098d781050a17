//! The home page's read, open to anyone.

use super::HomeData;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_home() -> Result<HomeData, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use super::{full_years_since, store, SiteFigures, FOUNDED, LATEST_NEWS};
    use crate::db::now_unix;
    use crate::domain::date::Date;
    let db = crate::platform::request::db()?;
    let now = now_unix();
    let (figures, latest_news) = tokio::try_join!(
        store::home_figures(&db),
        crate::news::store::list_published(&db, now, LATEST_NEWS, 0)
    )?;
    let years = full_years_since(FOUNDED, Date::from_unix(now));
    Ok(HomeData {
        figures: SiteFigures { years, ..figures },
        latest_news,
    })
}
