//! Which membership categories an organisation qualifies for (PRODUCT.md §1).
//!
//! One pure function, [`assess`], used by the application wizard in the
//! browser for live feedback and by the server as the check that counts.

use super::date::Date;
use super::reference;
use serde::{Deserialize, Serialize};

/// Experience needed for full membership, in calendar months.
pub const FULL_MONTHS: u32 = 24;
/// Experience needed for associate membership, in calendar months.
pub const ASSOCIATE_MONTHS: u32 = 3;
/// Activity start dates before this year are treated as typing mistakes.
pub const EARLIEST_YEAR: i32 = 1900;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    Full,
    Associate,
    Honorary,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Full, Category::Associate, Category::Honorary];

    /// The code used in the database, forms and `reference::CATEGORIES`.
    pub fn code(self) -> &'static str {
        match self {
            Category::Full => "full",
            Category::Associate => "associate",
            Category::Honorary => "honorary",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What the rules look at. Fields the applicant has not answered yet are
/// `None`, and the verdicts that depend on them say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Input<'a> {
    pub legal_form: Option<&'a str>,
    pub activity_start: Option<Date>,
    /// The applicant has written a statement of support (honorary).
    pub supports: bool,
}

/// Why a category is not open to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// An individual entrepreneur is not a legal entity.
    IndividualEntrepreneur,
    /// A branch of a foreign company is not a legal entity (its parent may
    /// apply).
    ForeignBranch,
    /// Honorary membership needs a statement of support.
    NoStatementOfSupport,
}

/// An answer the verdict is still waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    LegalForm,
    ActivityStart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Eligible,
    /// Not yet; eligible on and after this date.
    EligibleFrom(Date),
    NotEligible(Reason),
    Unknown(Missing),
}

impl Verdict {
    pub fn is_eligible(self) -> bool {
        self == Verdict::Eligible
    }
}

/// Input that cannot be judged: a mistake to correct, not a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invalid {
    UnknownLegalForm,
    StartInFuture,
    StartBefore1900,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub full: Verdict,
    pub associate: Verdict,
    pub honorary: Verdict,
}

impl Assessment {
    pub fn get(&self, category: Category) -> Verdict {
        match category {
            Category::Full => self.full,
            Category::Associate => self.associate,
            Category::Honorary => self.honorary,
        }
    }

    /// The categories the organisation may request today.
    pub fn eligible(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL
            .into_iter()
            .filter(|c| self.get(*c).is_eligible())
    }
}

/// The date an organisation that started its social activity on `start`
/// reaches `months` of experience: calendar months, clamped to the month's
/// end; eligible on that day.
pub fn experience_reached(start: Date, months: u32) -> Date {
    start.add_months(months)
}

/// The latest start of social activity that has reached `months` of
/// experience by `today`: every start on or before it has, none after it.
pub fn latest_start_reaching(months: u32, today: Date) -> Date {
    // `add_months` never goes back as the start moves forward, and lands
    // within three days of a plain day count, so a short walk finds it.
    let mut day = today.to_days() - i64::from(months) * 28;
    while experience_reached(Date::from_days(day + 1), months) <= today {
        day += 1;
    }
    while experience_reached(Date::from_days(day), months) > today {
        day -= 1;
    }
    Date::from_days(day)
}

fn by_experience(start: Option<Date>, months: u32, today: Date) -> Verdict {
    match start {
        None => Verdict::Unknown(Missing::ActivityStart),
        Some(start) => {
            let from = experience_reached(start, months);
            if from <= today {
                Verdict::Eligible
            } else {
                Verdict::EligibleFrom(from)
            }
        }
    }
}

/// The rules of PRODUCT.md §1, as of `today`.
pub fn assess(input: Input<'_>, today: Date) -> Result<Assessment, Invalid> {
    if let Some(start) = input.activity_start {
        if start.year() < EARLIEST_YEAR {
            return Err(Invalid::StartBefore1900);
        }
        if start > today {
            return Err(Invalid::StartInFuture);
        }
    }
    let not_entity = match input.legal_form {
        None => {
            let unknown = Verdict::Unknown(Missing::LegalForm);
            return Ok(Assessment {
                full: unknown,
                associate: unknown,
                honorary: unknown,
            });
        }
        Some(form) if reference::find(reference::LEGAL_FORMS, form).is_none() => {
            return Err(Invalid::UnknownLegalForm)
        }
        Some("individual_entrepreneur") => Some(Reason::IndividualEntrepreneur),
        Some("foreign_branch") => Some(Reason::ForeignBranch),
        Some(form) => {
            debug_assert!(reference::is_legal_entity(form));
            None
        }
    };
    if let Some(reason) = not_entity {
        let no = Verdict::NotEligible(reason);
        return Ok(Assessment {
            full: no,
            associate: no,
            honorary: no,
        });
    }
    Ok(Assessment {
        full: by_experience(input.activity_start, FULL_MONTHS, today),
        associate: by_experience(input.activity_start, ASSOCIATE_MONTHS, today),
        honorary: if input.supports {
            Verdict::Eligible
        } else {
            Verdict::NotEligible(Reason::NoStatementOfSupport)
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("valid test date")
    }

    use Verdict::{Eligible as E, EligibleFrom as From, NotEligible as No, Unknown};

    /// (legal form, activity start, statement, today) → (full, associate, honorary)
    #[allow(clippy::type_complexity)]
    fn cases() -> Vec<(
        Option<&'static str>,
        Option<&'static str>,
        bool,
        &'static str,
        Result<[Verdict; 3], Invalid>,
    )> {
        let from = |s: &str| From(d(s));
        let no_stmt = No(Reason::NoStatementOfSupport);
        let ie = No(Reason::IndividualEntrepreneur);
        let fb = No(Reason::ForeignBranch);
        vec![
            // Exactly two years: eligible on the day.
            (
                Some("llc"),
                Some("2024-11-25"),
                false,
                "2026-11-25",
                Ok([E, E, no_stmt]),
            ),
            // One day short of two years.
            (
                Some("llc"),
                Some("2024-11-26"),
                false,
                "2026-11-25",
                Ok([from("2026-11-26"), E, no_stmt]),
            ),
            // Leap day start: 24 months later is 28 February.
            (
                Some("jsc"),
                Some("2024-02-29"),
                false,
                "2026-02-27",
                Ok([from("2026-02-28"), E, no_stmt]),
            ),
            (
                Some("jsc"),
                Some("2024-02-29"),
                false,
                "2026-02-28",
                Ok([E, E, no_stmt]),
            ),
            // Leap day start, 48 months lands on a leap day again.
            (
                Some("nnle"),
                Some("2020-02-29"),
                false,
                "2022-02-28",
                Ok([E, E, no_stmt]),
            ),
            // Month end clamping for associate: 30 Nov + 3 months = 28 Feb.
            (
                Some("cooperative"),
                Some("2025-11-30"),
                false,
                "2026-02-27",
                Ok([from("2027-11-30"), from("2026-02-28"), no_stmt]),
            ),
            (
                Some("cooperative"),
                Some("2025-11-30"),
                false,
                "2026-02-28",
                Ok([from("2027-11-30"), E, no_stmt]),
            ),
            // ... and into a leap February: 30 Nov 2023 + 3 = 29 Feb 2024.
            (
                Some("llc"),
                Some("2023-11-30"),
                false,
                "2024-02-28",
                Ok([from("2025-11-30"), from("2024-02-29"), no_stmt]),
            ),
            (
                Some("llc"),
                Some("2023-11-30"),
                false,
                "2024-02-29",
                Ok([from("2025-11-30"), E, no_stmt]),
            ),
            // 31 May + 3 months = 31 August (no clamping needed).
            (
                Some("lepl"),
                Some("2026-05-31"),
                false,
                "2026-08-30",
                Ok([from("2028-05-31"), from("2026-08-31"), no_stmt]),
            ),
            // 31 December + 3 months = 31 March; year rollover.
            (
                Some("general_partnership"),
                Some("2025-12-31"),
                false,
                "2026-03-31",
                Ok([from("2027-12-31"), E, no_stmt]),
            ),
            // 31 August + 3 months = 30 November.
            (
                Some("limited_partnership"),
                Some("2026-08-31"),
                false,
                "2026-11-29",
                Ok([from("2028-08-31"), from("2026-11-30"), no_stmt]),
            ),
            (
                Some("limited_partnership"),
                Some("2026-08-31"),
                false,
                "2026-11-30",
                Ok([from("2028-08-31"), E, no_stmt]),
            ),
            // Started today: nothing yet, both dates in the future.
            (
                Some("llc"),
                Some("2026-11-25"),
                false,
                "2026-11-25",
                Ok([from("2028-11-25"), from("2027-02-25"), no_stmt]),
            ),
            // Long experience.
            (
                Some("nnle"),
                Some("1995-06-01"),
                true,
                "2026-11-25",
                Ok([E, E, E]),
            ),
            // Honorary needs only the statement: no start date needed.
            (
                Some("nnle"),
                None,
                true,
                "2026-11-25",
                Ok([
                    Unknown(Missing::ActivityStart),
                    Unknown(Missing::ActivityStart),
                    E,
                ]),
            ),
            (
                Some("lepl"),
                Some("2026-11-01"),
                true,
                "2026-11-25",
                Ok([from("2028-11-01"), from("2027-02-01"), E]),
            ),
            // Not legal entities: not eligible for anything, whatever else.
            (
                Some("individual_entrepreneur"),
                Some("2010-01-01"),
                true,
                "2026-11-25",
                Ok([ie, ie, ie]),
            ),
            (
                Some("foreign_branch"),
                Some("2010-01-01"),
                true,
                "2026-11-25",
                Ok([fb, fb, fb]),
            ),
            (
                Some("individual_entrepreneur"),
                None,
                false,
                "2026-11-25",
                Ok([ie, ie, ie]),
            ),
            // Nothing chosen yet.
            (
                None,
                None,
                false,
                "2026-11-25",
                Ok([Unknown(Missing::LegalForm); 3]),
            ),
            (
                None,
                Some("2020-01-01"),
                true,
                "2026-11-25",
                Ok([Unknown(Missing::LegalForm); 3]),
            ),
            // Invalid input is reported as such, before anything else.
            (
                Some("llc"),
                Some("2026-11-26"),
                false,
                "2026-11-25",
                Err(Invalid::StartInFuture),
            ),
            (
                Some("individual_entrepreneur"),
                Some("2030-01-01"),
                false,
                "2026-11-25",
                Err(Invalid::StartInFuture),
            ),
            (
                Some("llc"),
                Some("1899-12-31"),
                false,
                "2026-11-25",
                Err(Invalid::StartBefore1900),
            ),
            (
                Some("llc"),
                Some("1900-01-01"),
                false,
                "2026-11-25",
                Ok([E, E, no_stmt]),
            ),
            (
                None,
                Some("0001-01-01"),
                false,
                "2026-11-25",
                Err(Invalid::StartBefore1900),
            ),
            (
                Some("sole_trader"),
                Some("2020-01-01"),
                false,
                "2026-11-25",
                Err(Invalid::UnknownLegalForm),
            ),
            // 31 January + 24 months in a non-leap target year.
            (
                Some("llc"),
                Some("2025-01-31"),
                false,
                "2027-01-30",
                Ok([from("2027-01-31"), E, no_stmt]),
            ),
            // 29 Feb + 3 months = 29 May.
            (
                Some("llc"),
                Some("2028-02-29"),
                false,
                "2028-05-28",
                Ok([from("2030-02-28"), from("2028-05-29"), no_stmt]),
            ),
        ]
    }

    #[test]
    fn the_rules_of_the_charter() {
        let cases = cases();
        assert!(cases.len() >= 25);
        for (form, start, supports, today, expected) in cases {
            let input = Input {
                legal_form: form,
                activity_start: start.map(d),
                supports,
            };
            let got = assess(input, d(today)).map(|a| [a.full, a.associate, a.honorary]);
            assert_eq!(got, expected, "{form:?} {start:?} {supports} {today}");
        }
    }

    #[test]
    fn eligible_categories_are_listed_in_order() {
        let input = Input {
            legal_form: Some("llc"),
            activity_start: Some(d("2020-01-01")),
            supports: true,
        };
        let a = assess(input, d("2026-11-25")).unwrap();
        assert_eq!(
            a.eligible().collect::<Vec<_>>(),
            vec![Category::Full, Category::Associate, Category::Honorary]
        );
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
        }
        assert_eq!(Category::from_code("gold"), None);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1900i32..2100, 1u8..=12, 1u8..=31).prop_map(|(y, m, day)| {
            Date::new(y, m, day.min(super::super::date::days_in_month(y, m))).unwrap()
        })
    }

    fn any_form() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(
            reference::LEGAL_FORMS
                .iter()
                .map(|e| e.code)
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        /// Time only adds eligibility: a later "today" never removes one.
        #[test]
        fn a_later_today_never_removes_an_eligibility(
            form in any_form(), start in any_date(), supports in any::<bool>(),
            today in any_date(), later_by in 0i64..5000,
        ) {
            prop_assume!(start <= today);
            let later = Date::from_days(today.to_days() + later_by);
            let input = Input { legal_form: Some(form), activity_start: Some(start), supports };
            let now = assess(input, today).unwrap();
            let then = assess(input, later).unwrap();
            for c in Category::ALL {
                if now.get(c).is_eligible() {
                    prop_assert!(then.get(c).is_eligible(), "{c:?} lost between {today} and {later}");
                }
            }
        }

        /// Full membership implies associate; "from" dates respect that too.
        #[test]
        fn full_implies_associate(
            form in any_form(), start in any_date(), supports in any::<bool>(), today in any_date(),
        ) {
            prop_assume!(start <= today);
            let input = Input { legal_form: Some(form), activity_start: Some(start), supports };
            let a = assess(input, today).unwrap();
            match a.full {
                Verdict::Eligible => prop_assert_eq!(a.associate, Verdict::Eligible),
                Verdict::EligibleFrom(full_from) => match a.associate {
                    Verdict::Eligible => {}
                    Verdict::EligibleFrom(assoc_from) => prop_assert!(assoc_from <= full_from),
                    other => prop_assert!(false, "associate {other:?} while full from {full_from}"),
                },
                Verdict::NotEligible(r) => prop_assert_eq!(a.associate, Verdict::NotEligible(r)),
                Verdict::Unknown(_) => prop_assert!(false, "start and form were given"),
            }
        }

        /// An "eligible from D" is exactly right: eligible on D, not the day before.
        #[test]
        fn eligible_from_is_the_first_day(form in any_form(), start in any_date(), today in any_date()) {
            prop_assume!(start <= today);
            let input = Input { legal_form: Some(form), activity_start: Some(start), supports: false };
            for c in [Category::Full, Category::Associate] {
                if let Verdict::EligibleFrom(from) = assess(input, today).unwrap().get(c) {
                    prop_assert!(from > today);
                    prop_assert!(assess(input, from).unwrap().get(c).is_eligible());
                    let eve = Date::from_days(from.to_days() - 1);
                    prop_assert!(!assess(input, eve).unwrap().get(c).is_eligible());
                }
            }
        }
    }

    #[test]
    fn the_latest_start_reaching_two_years_splits_the_calendar_exactly() {
        for (y, m, d) in [
            (2026, 3, 1),
            (2026, 2, 28),
            (2028, 2, 29),
            (2026, 12, 31),
            (2027, 1, 1),
        ] {
            let today = Date::new(y, m, d).unwrap();
            let cut = latest_start_reaching(FULL_MONTHS, today);
            assert!(experience_reached(cut, FULL_MONTHS) <= today, "{today}");
            let next = Date::from_days(cut.to_days() + 1);
            assert!(experience_reached(next, FULL_MONTHS) > today, "{today}");
        }
        let today = Date::new(2026, 3, 1).unwrap();
        assert_eq!(
            latest_start_reaching(FULL_MONTHS, today).to_string(),
            "2024-03-01"
        );
        let today = Date::new(2026, 2, 28).unwrap();
        assert_eq!(
            latest_start_reaching(FULL_MONTHS, today).to_string(),
            "2024-02-29"
        );
    }
}
