//! The one mail before a Board's term ends: from 90 days before its last
//! day, staff (who chose staff mail) and the Board's accounts are told to
//! call the assembly that elects the next Board. Claimed and queued in one
//! transaction, so it leaves once however many instances run.

use crate::config::SiteConfig;
use crate::db::{now_unix, Db};
use crate::domain::date::Date;
use crate::i18n::mails::staff::board_term_ends;

/// Queues the reminder if `today` calls for it and it was not sent;
/// returns the queued mails' ids (the queue's worker delivers them).
pub async fn send_due(db: &Db, site: &SiteConfig, today: Date) -> Result<Vec<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(ends) = super::store::claim_reminder(&mut tx, today).await? else {
        return Ok(Vec::new());
    };
    let link = site.link("/board");
    let ends_on = ends.to_string();
    let compose = move |lang| board_term_ends(lang, &ends_on, &link);
    let ids = crate::mail::queue_for_staff_and_board_in(&mut tx, &compose, now_unix()).await?;
    tx.commit().await?;
    Ok(ids)
}
