//! The pages, one file per area.

pub mod about;
pub mod board;
pub mod home;
pub mod members;
pub mod news;
pub mod not_found;
