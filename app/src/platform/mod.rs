//! What every area's server side shares and no area owns. Today: what a
//! server function finds in its request. (The pool and its transactions are
//! in `db`, sessions and the access check in `auth::server`, mail in `mail`.)

pub mod request;
