//! Pure rules and types shared by the browser and the server. No Leptos, no
//! SQL: everything here is plain data and functions, tested next to itself.

pub mod application;
pub mod assembly;
pub mod calendar;
pub mod cookies;
pub mod date;
pub mod directory;
pub mod eligibility;
pub mod ids;
pub mod lang;
pub mod paging;
pub mod profile;
pub mod reference;
pub mod slug;
pub mod voting;
