//! The directory's SQL: the listing (filters, counts, the derived columns
//! it searches, the cache of recent answers, the in-memory index it answers
//! from) and organisations (create,
//! profile, edit history, the secretariat's list), and importing them.

pub mod import;
pub mod index;
pub mod listing;
pub mod organisations;
pub mod profile_row;
