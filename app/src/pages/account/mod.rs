//! Account pages. Their forms post to `/api/...` and come back here with what
//! to show in the query string (see the server's account routes).

pub mod forms;
pub mod login;
pub mod overview;
pub mod register;
pub mod users;
