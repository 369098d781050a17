//! A General Assembly and the order of its statuses (PRODUCT.md §2).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assembly {
    pub id: crate::domain::ids::AssemblyId,
    pub title_ka: String,
    pub title_en: String,
    /// `ordinary` or `extraordinary`.
    pub kind: String,
    /// Unix time.
    pub starts_at: i64,
    /// `in_person`, `online` or `hybrid`.
    pub place: String,
    pub status: AssemblyStatus,
    /// Who votes, the quorum and the proxies, kept with the assembly.
    pub rules: crate::domain::voting::VotingRules,
}

/// Where an assembly is: draft → announced → in session → closed; a draft
/// or announced one may be cancelled instead (storage keeps it closed, with
/// the time it was cancelled).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssemblyStatus {
    /// Seen by the secretariat only.
    #[default]
    Draft,
    Announced,
    InSession,
    Closed,
    Cancelled,
}

impl AssemblyStatus {
    pub const ALL: [AssemblyStatus; 5] = [
        AssemblyStatus::Draft,
        AssemblyStatus::Announced,
        AssemblyStatus::InSession,
        AssemblyStatus::Closed,
        AssemblyStatus::Cancelled,
    ];

    /// As storage keeps it and forms send it.
    pub fn code(self) -> &'static str {
        match self {
            AssemblyStatus::Draft => "draft",
            AssemblyStatus::Announced => "announced",
            AssemblyStatus::InSession => "in_session",
            AssemblyStatus::Closed => "closed",
            AssemblyStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<AssemblyStatus> {
        AssemblyStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status after this one; none after closed or cancelled.
    pub fn next(self) -> Option<AssemblyStatus> {
        match self {
            AssemblyStatus::Draft => Some(AssemblyStatus::Announced),
            AssemblyStatus::Announced => Some(AssemblyStatus::InSession),
            AssemblyStatus::InSession => Some(AssemblyStatus::Closed),
            AssemblyStatus::Closed | AssemblyStatus::Cancelled => None,
        }
    }

    /// Before the session: its details, the order of its agenda may change
    /// and it may be cancelled.
    pub fn before_session(self) -> bool {
        matches!(self, AssemblyStatus::Draft | AssemblyStatus::Announced)
    }

    /// Closed or cancelled: nothing changes any more.
    pub fn is_over(self) -> bool {
        matches!(self, AssemblyStatus::Closed | AssemblyStatus::Cancelled)
    }
}

/// Where a poll is: drafted, open for ballots, closed and counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollStatus {
    #[default]
    Draft,
    Open,
    Closed,
}

impl PollStatus {
    pub const ALL: [PollStatus; 3] = [PollStatus::Draft, PollStatus::Open, PollStatus::Closed];

    /// As storage keeps it.
    pub fn code(self) -> &'static str {
        match self {
            PollStatus::Draft => "draft",
            PollStatus::Open => "open",
            PollStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<PollStatus> {
        PollStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_go_one_way_and_end_closed() {
        let mut status = AssemblyStatus::default();
        let mut seen = vec![status.code()];
        while let Some(next) = status.next() {
            status = next;
            seen.push(status.code());
        }
        assert_eq!(seen, ["draft", "announced", "in_session", "closed"]);
        for status in AssemblyStatus::ALL {
            assert_eq!(AssemblyStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(AssemblyStatus::from_code("unknown"), None);
        assert!(!seen.contains(&"cancelled"), "cancelling is not a step");
        assert_eq!(AssemblyStatus::Cancelled.next(), None);
        let before: Vec<_> = AssemblyStatus::ALL
            .into_iter()
            .filter(|s| s.before_session())
            .collect();
        assert_eq!(before, [AssemblyStatus::Draft, AssemblyStatus::Announced]);
        let over: Vec<_> = AssemblyStatus::ALL
            .into_iter()
            .filter(|s| s.is_over())
            .collect();
        assert_eq!(over, [AssemblyStatus::Closed, AssemblyStatus::Cancelled]);
        for status in PollStatus::ALL {
            assert_eq!(PollStatus::from_code(status.code()), Some(status));
        }
    }
}
