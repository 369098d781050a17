//! The Board: seven members elected by the General Assembly for a term of
//! three years. The public page shows the Board in office, the one elected
//! to follow it and every past Board; staff record a Board by hand (the
//! initial one) or confirm the elected of a closed Board election — after
//! its run-off, if the last seats were tied. From 90 days before a term
//! ends, staff and the Board are reminded (on their pages, and mailed once).
//!
//! Reads are server functions in `api`, the form posts to `post`, SQL is in
//! `store`; the rules a Board must meet are `check_seats` here.

pub mod api;
mod form_page;
mod page;
#[cfg(feature = "ssr")]
pub mod post;
#[cfg(feature = "ssr")]
pub mod reminder;
#[cfg(feature = "ssr")]
pub mod store;

pub use form_page::BoardFormPage;
pub use page::BoardPage;

use crate::auth::validate::Problem;
use crate::domain::date::Date;
use crate::domain::ids::{AssemblyId, OrganisationId, PollId};
use serde::{Deserialize, Serialize};

/// A Board's seats.
pub const SEATS: usize = 7;
/// A term's length.
pub const TERM_YEARS: u32 = 3;
/// How long before a term ends staff and the Board are reminded.
pub const REMINDER_DAYS: i64 = 90;
/// The longest name of a person.
pub const NAME_MAX: usize = 200;

/// The last day of a term starting on `start`: three years on (a term from
/// 29 February ends on 28 February).
pub fn term_end(start: Date) -> Date {
    start.add_months(TERM_YEARS * 12)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BoardSeat {
    pub seat: i64,
    /// chair, deputy_chair or member.
    pub role: String,
    pub person_ka: String,
    pub person_en: String,
    pub organisation_ka: String,
    pub organisation_en: String,
    pub organisation_slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardTerm {
    /// ISO dates.
    pub starts_on: String,
    pub ends_on: String,
    /// The day it left office, when its successor took office before its
    /// term ended.
    pub left_on: Option<String>,
    /// The assembly that elected it (none: recorded by hand).
    pub elected_at: Option<ElectedAt>,
    pub seats: Vec<BoardSeat>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectedAt {
    pub assembly: AssemblyId,
    pub title_ka: String,
    pub title_en: String,
}

/// The Board page: the Board in office, the one elected to follow it, the
/// past Boards (latest first), and — for staff and the Board — the
/// reminder that the term ends soon.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRecord {
    pub current: Option<BoardTerm>,
    pub next: Option<BoardTerm>,
    pub past: Vec<BoardTerm>,
    /// Staff: may record a Board.
    pub can_record: bool,
    pub reminder: Option<Reminder>,
}

/// The Board in office ends its term soon (or has ended it) and no next
/// Board is on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub ends_on: String,
    /// Negative once the term has ended.
    pub days_left: i64,
}

/// Whether the term ending on `ends_on` calls for a reminder `today`.
pub fn reminder(ends_on: Date, today: Date) -> Option<Reminder> {
    let days_left = ends_on.to_days() - today.to_days();
    (days_left <= REMINDER_DAYS).then(|| Reminder {
        ends_on: ends_on.to_string(),
        days_left,
    })
}

/// The reminder `today` calls for, given every term (latest first): only
/// when the latest term has begun (no next Board is on record).
pub fn reminder_for(terms: &[BoardTerm], today: Date) -> Option<Reminder> {
    let latest = terms.first()?;
    let begun = Date::parse(&latest.starts_on).ok()? <= today;
    let ends = Date::parse(&latest.ends_on).ok()?;
    begun.then(|| reminder(ends, today)).flatten()
}

/// What the Board form starts from: by hand (seven empty seats), or the
/// elected of a closed election.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardForm {
    /// Member organisations a seat may name: (id, ka, en).
    pub organisations: Vec<(OrganisationId, String, String)>,
    /// The names in the seats, elected first (fixed) or empty.
    pub names: Vec<String>,
    /// The proposed first day of the term (the assembly's day, or today).
    pub starts_on: String,
    pub election: Option<Election>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    pub poll: PollId,
    pub assembly: AssemblyId,
    pub title_ka: String,
    pub title_en: String,
    pub outcome: Outcome,
}

/// Where a Board election stands for confirming its elected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Closed, no tie left open: the elected may be confirmed.
    Ready,
    /// Not an election, or not closed yet.
    NotClosed,
    /// The last seats are tied and no run-off decided them yet.
    TieOpen,
    /// Already confirmed as a Board.
    Confirmed,
}

/// One seat as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatInput {
    pub person_ka: String,
    pub person_en: String,
    pub organisation: Option<OrganisationId>,
    /// The posted organisation field was not empty.
    pub organisation_given: bool,
    pub role: String,
}

impl SeatInput {
    pub fn is_blank(&self) -> bool {
        self.person_ka.is_empty()
            && self.person_en.is_empty()
            && !self.organisation_given
            && matches!(self.role.as_str(), "" | "member")
    }
}

pub const ROLES: [&str; 3] = ["chair", "deputy_chair", "member"];

/// The problems of a Board's seats (numbered from 1, as the form's fields
/// are): each names a person and a member organisation, one seat is the
/// chair, at most one the deputy chair; at least one seat. `known` says
/// whether an organisation may hold a seat.
pub fn check_seats(
    seats: &[(usize, SeatInput)],
    known: impl Fn(OrganisationId) -> bool,
) -> Vec<(String, Problem)> {
    let mut problems = Vec::new();
    if seats.is_empty() {
        problems.push(("person_ka_1".into(), Problem::Required));
        return problems;
    }
    for (n, seat) in seats {
        if seat.person_ka.trim().is_empty() {
            problems.push((format!("person_ka_{n}"), Problem::Required));
        } else if seat.person_ka.chars().count() > NAME_MAX {
            problems.push((format!("person_ka_{n}"), Problem::TooLong));
        }
        if seat.person_en.chars().count() > NAME_MAX {
            problems.push((format!("person_en_{n}"), Problem::TooLong));
        }
        match seat.organisation {
            None if !seat.organisation_given => {
                problems.push((format!("org_{n}"), Problem::Required))
            }
            Some(org) if known(org) => {}
            _ => problems.push((format!("org_{n}"), Problem::InvalidChoice)),
        }
        if !ROLES.contains(&seat.role.as_str()) {
            problems.push((format!("role_{n}"), Problem::InvalidChoice));
        }
    }
    let count = |role: &str| seats.iter().filter(|(_, s)| s.role == role).count();
    if count("chair") != 1 || count("deputy_chair") > 1 {
        problems.push(("roles".into(), Problem::BoardRoles));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(person: &str, org: Option<i64>, role: &str) -> SeatInput {
        SeatInput {
            person_ka: person.into(),
            person_en: String::new(),
            organisation: org.map(OrganisationId),
            organisation_given: org.is_some(),
            role: role.into(),
        }
    }

    #[test]
    fn a_term_lasts_three_years_and_a_leap_day_ends_on_the_28th() {
        let end = |d: &str| term_end(Date::parse(d).unwrap()).to_string();
        assert_eq!(end("2025-03-15"), "2028-03-15");
        assert_eq!(end("2024-02-29"), "2027-02-28");
        assert_eq!(end("2026-12-31"), "2029-12-31");
    }

    #[test]
    fn the_reminder_starts_ninety_days_before_the_end() {
        let ends = Date::parse("2027-03-31").unwrap();
        let day = |d: &str| Date::parse(d).unwrap();
        assert_eq!(reminder(ends, day("2026-12-30")), None);
        assert_eq!(
            reminder(ends, day("2026-12-31")).map(|r| r.days_left),
            Some(90)
        );
        assert_eq!(
            reminder(ends, day("2027-04-02")).map(|r| r.days_left),
            Some(-2)
        );
    }

    #[test]
    fn a_board_needs_names_member_organisations_and_one_chair() {
        let known = |o: OrganisationId| o.get() < 10;
        let good = vec![
            (1, seat("ნინო", Some(1), "chair")),
            (2, seat("გიორგი", Some(2), "deputy_chair")),
            (3, seat("თამარ", Some(3), "member")),
        ];
        assert!(check_seats(&good, known).is_empty());
        let fields = |seats: &[(usize, SeatInput)]| {
            check_seats(seats, known)
                .into_iter()
                .map(|(f, p)| format!("{f}:{}", p.code()))
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(&[]), ["person_ka_1:required"]);
        assert_eq!(
            fields(&[
                (1, seat("", Some(99), "chair")),
                (2, seat("a", None, "boss"))
            ]),
            [
                "person_ka_1:required",
                "org_1:invalid_choice",
                "org_2:required",
                "role_2:invalid_choice"
            ]
        );
        assert_eq!(
            fields(&[
                (1, seat("a", Some(1), "member")),
                (2, seat("b", Some(2), "member"))
            ]),
            ["roles:board_roles"]
        );
        assert_eq!(
            fields(&[
                (1, seat("a", Some(1), "chair")),
                (2, seat("b", Some(2), "chair"))
            ]),
            ["roles:board_roles"]
        );
        let long = "ა".repeat(NAME_MAX + 1);
        assert_eq!(
            fields(&[(4, seat(&long, Some(1), "chair"))]),
            ["person_ka_4:too_long"]
        );
    }
}
