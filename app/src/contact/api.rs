//! The contacts, open to anyone; whether the visitor may change them.

use super::ContactView;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_contacts() -> Result<ContactView, AppError> {
    use crate::auth::Access;
    let caller = crate::auth::server::authorize(Access::Anyone)?;
    let db = crate::platform::request::db()?;
    let (contacts, updated_at) = super::store::load(&db).await?.unwrap_or_default();
    Ok(ContactView {
        contacts,
        updated_on: if updated_at == 0 {
            String::new()
        } else {
            crate::domain::date::Date::from_unix(updated_at).to_string()
        },
        editable: Access::Admin.allows(caller.as_ref()),
    })
}
