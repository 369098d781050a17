//! The log for staff.

use super::AuditView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the log as filtered, the latest first, with the chain's end.
#[server(input = GetUrl)]
pub async fn load_audit(
    page: i64,
    who: String,
    what: String,
    from: String,
    to: String,
) -> Result<AuditView, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    use super::{store, AuditFilter};
    let db = crate::platform::request::db()?;
    let filter = AuditFilter {
        who,
        what,
        from,
        to,
    };
    let span = store::span(&filter);
    let lines = store::list(&db, &filter, span.unwrap_or((None, None)), page).await?;
    let (head_seq, head_hash) = store::head(&db).await?;
    Ok(AuditView {
        lines,
        kinds: store::kinds(&db).await?,
        filter,
        head_seq,
        head_hash,
        bad_date: span.is_none(),
    })
}
