//! A General Assembly and the order of its statuses (PRODUCT.md §2).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assembly {
    pub id: i64,
    pub title_ka: String,
    pub title_en: String,
    /// `ordinary` or `extraordinary`.
    pub kind: String,
    /// Unix time.
    pub starts_at: i64,
    /// `in_person`, `online` or `hybrid`.
    pub place: String,
    /// `draft`, `announced`, `in_session` or `closed`.
    pub status: String,
}

/// The next status of an assembly: draft → announced → in session → closed.
pub fn next_status(status: &str) -> Option<&'static str> {
    match status {
        "draft" => Some("announced"),
        "announced" => Some("in_session"),
        "in_session" => Some("closed"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_go_one_way_and_end_closed() {
        let mut status = "draft";
        let mut seen = vec![status];
        while let Some(next) = next_status(status) {
            status = next;
            seen.push(status);
        }
        assert_eq!(seen, ["draft", "announced", "in_session", "closed"]);
        assert_eq!(next_status("unknown"), None);
    }
}
