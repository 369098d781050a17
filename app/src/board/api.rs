//! Board reads: the record, open to anyone (the reminder for staff and the
//! Board); the form's starting point, for staff.

use super::{BoardForm, BoardRecord};
use crate::domain::ids::PollId;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_board() -> Result<BoardRecord, AppError> {
    use crate::auth::Access;
    let caller = crate::auth::server::authorize(Access::Anyone)?;
    let db = crate::platform::request::db()?;
    let today = crate::apply::today();
    let mut terms = super::store::terms(&db).await?;
    let insiders = Access::StaffOrBoard.allows(caller.as_ref());
    let reminder = insiders
        .then(|| super::reminder_for(&terms, today))
        .flatten();
    let today_text = today.to_string();
    // Terms are latest first: those not yet begun, then the one in office.
    let begun = terms
        .iter()
        .position(|t| t.starts_on <= today_text)
        .unwrap_or(terms.len());
    let mut past = terms.split_off(begun);
    let next = terms.pop();
    let current = (!past.is_empty()).then(|| past.remove(0));
    Ok(BoardRecord {
        current,
        next,
        past,
        can_record: Access::Staff.allows(caller.as_ref()),
        reminder,
    })
}

/// The Board form: by hand (no poll), or the elected of election `poll`.
#[server(input = server_fn::codec::GetUrl)]
pub async fn load_board_form(poll: Option<PollId>) -> Result<BoardForm, AppError> {
    use super::{Election, Outcome};
    use crate::auth::Access;
    crate::auth::server::require(Access::Staff)?;
    let db = crate::platform::request::db()?;
    let today = crate::apply::today();
    let mut form = BoardForm {
        organisations: super::store::organisations(&db).await?,
        names: Vec::new(),
        starts_on: today.to_string(),
        election: None,
    };
    if let Some(poll) = poll {
        let Some(elected) = super::store::elected(&db, poll).await? else {
            return Err(AppError::NotFound);
        };
        let assembly = crate::assemblies::store::get(&db, elected.election.assembly_id)
            .await?
            .ok_or(AppError::NotFound)?;
        // The new Board takes office on the assembly's day, unless staff
        // say otherwise.
        form.starts_on = crate::domain::date::Date::from_unix(
            assembly.starts_at + crate::apply::TBILISI_OFFSET_SECONDS,
        )
        .to_string();
        if elected.outcome == Outcome::Ready {
            form.names = elected.names;
        }
        form.election = Some(Election {
            poll: elected.election.id,
            assembly: elected.election.assembly_id,
            title_ka: elected.election.title_ka,
            title_en: elected.election.title_en,
            outcome: elected.outcome,
        });
    }
    Ok(form)
}
