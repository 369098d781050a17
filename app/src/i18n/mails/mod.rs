//! Every mail the platform sends, in the recipient's language (server only).

pub mod account;
pub mod application;
pub mod staff;

/// A mail's subject and plain-text body.
pub struct Mail {
    pub subject: String,
    pub body: String,
}
