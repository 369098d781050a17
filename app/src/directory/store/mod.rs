//! The directory's SQL: the listing (filters, counts, the derived columns
//! it searches, the cache of recent answers) and organisations (create,
//! profile, edit history, the secretariat's list), and importing them.

pub mod import;
pub mod listing;
pub mod organisations;
pub mod profile_row;
