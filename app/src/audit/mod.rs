//! The tamper-evident record of the Alliance's decisions and events: each
//! entry is appended in the transaction of the change it records, and
//! chained to the one before by SHA-256 over the previous entry's hash and
//! its own canonical form (`chain`). `alliance audit verify` walks the
//! chain and names the first entry that was changed, deleted or inserted;
//! staff read it at `/admin/audit` with filters (who, what, when).
//!
//! What is recorded names who did it and what it concerned; a secret
//! ballot is recorded as a fact only (its poll), never its content, its
//! tracker or its organisation.

pub mod api;
#[cfg(feature = "ssr")]
pub mod chain;
mod page;
#[cfg(feature = "ssr")]
pub mod store;

pub use page::AuditPage;

use crate::domain::paging::Paged;
use serde::{Deserialize, Serialize};

/// One entry as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub seq: i64,
    pub at: i64,
    /// Who did it: the account's email (as it is now), or none for the
    /// platform itself and for a secret ballot.
    pub actor: Option<String>,
    pub kind: String,
    /// What it concerned: "assembly 3", "poll 7", "organisation 12".
    pub subject: String,
    /// The recorded facts, as canonical JSON.
    pub detail: String,
    pub hash: String,
}

/// The log's filters, as the page's address carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// An account's email (exact), or "" for everyone.
    pub who: String,
    /// A kind, or a family of kinds ("poll" matches "poll.opened").
    pub what: String,
    /// Dates (YYYY-MM-DD, Tbilisi), inclusive; "" for open.
    pub from: String,
    pub to: String,
}

/// A page of the log, the latest first, with the chain's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub lines: Paged<AuditLine>,
    pub filter: AuditFilter,
    /// The kinds recorded so far, for the "what" choice.
    pub kinds: Vec<String>,
    pub head_seq: i64,
    pub head_hash: String,
    /// A date filter that could not be read.
    pub bad_date: bool,
}
