//! A membership application as the wizard collects it: the answers, the
//! five steps, and the checks of each step. The same checks run in the
//! browser (messages on blur) and on the server (the ones that count).

use super::date::Date;
use super::eligibility::{self, Category, Input, Invalid};
use super::profile::{self, NAME_MAX};
use super::reference::{find, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS};
use crate::auth::validate::{self, Problem};
use serde::{Deserialize, Serialize};

pub const STEPS: u8 = 5;
pub const MISSION_MAX: usize = 2000;
pub const PROJECTS_MAX: usize = 4000;
pub const STATEMENT_MAX: usize = 2000;
/// Reviewer messages (return for changes, rejection reason).
pub const MESSAGE_MAX: usize = 2000;

/// Every answer, as typed. Dates are kept as typed (`YYYY-MM-DD`) so that a
/// wrong one comes back to the person unchanged. The password is never
/// part of the answers: the server keeps only its hash with the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    // Step 1: the organisation.
    pub name_ka: String,
    pub name_en: String,
    pub legal_form: String,
    pub id_code: String,
    pub registered_on: String,
    pub regions: Vec<String>,
    pub sectors: Vec<String>,
    // Step 2: social activity.
    pub activity_start: String,
    pub mission: String,
    pub projects: String,
    pub impact: Vec<String>,
    pub statement: String,
    // Step 3: contact person.
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    // Step 4: category and consents.
    pub category: String,
    pub consent_data: bool,
    pub listed: bool,
}

/// The fields of each step, in form order (for the error summary, the
/// "check your answers" page and the server's parsing of a step's post).
pub fn step_fields(step: u8) -> &'static [&'static str] {
    match step {
        1 => &[
            "name_ka",
            "name_en",
            "legal_form",
            "id_code",
            "registered_on",
            "region",
            "sector",
        ],
        2 => &[
            "activity_start",
            "mission",
            "projects",
            "impact",
            "statement",
        ],
        3 => &[
            "contact_name",
            "contact_email",
            "contact_phone",
            "password",
            "password_confirm",
        ],
        4 => &["category", "consent_data", "listed"],
        _ => &[],
    }
}

/// The step a field belongs to.
pub fn step_of(field: &str) -> Option<u8> {
    (1..=4).find(|s| step_fields(*s).contains(&field))
}

impl Answers {
    pub fn text(&self, field: &str) -> &str {
        match field {
            "name_ka" => &self.name_ka,
            "name_en" => &self.name_en,
            "legal_form" => &self.legal_form,
            "id_code" => &self.id_code,
            "registered_on" => &self.registered_on,
            "activity_start" => &self.activity_start,
            "mission" => &self.mission,
            "projects" => &self.projects,
            "statement" => &self.statement,
            "contact_name" => &self.contact_name,
            "contact_email" => &self.contact_email,
            "contact_phone" => &self.contact_phone,
            "category" => &self.category,
            _ => "",
        }
    }

    pub fn text_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match field {
            "name_ka" => &mut self.name_ka,
            "name_en" => &mut self.name_en,
            "legal_form" => &mut self.legal_form,
            "id_code" => &mut self.id_code,
            "registered_on" => &mut self.registered_on,
            "activity_start" => &mut self.activity_start,
            "mission" => &mut self.mission,
            "projects" => &mut self.projects,
            "statement" => &mut self.statement,
            "contact_name" => &mut self.contact_name,
            "contact_email" => &mut self.contact_email,
            "contact_phone" => &mut self.contact_phone,
            "category" => &mut self.category,
            _ => return None,
        })
    }

    pub fn list(&self, field: &str) -> &[String] {
        match field {
            "region" => &self.regions,
            "sector" => &self.sectors,
            "impact" => &self.impact,
            _ => &[],
        }
    }

    pub fn list_mut(&mut self, field: &str) -> Option<&mut Vec<String>> {
        Some(match field {
            "region" => &mut self.regions,
            "sector" => &mut self.sectors,
            "impact" => &mut self.impact,
            _ => return None,
        })
    }

    /// Takes the fields of `step` from a posted form (name, value pairs).
    /// Fields of other steps are left as they were; unticked boxes and
    /// empty lists are cleared because a form does not send them.
    pub fn take_step(&mut self, step: u8, posted: &[(String, String)]) {
        for field in step_fields(step) {
            if let Some(list) = self.list_mut(field) {
                list.clear();
            }
        }
        if step == 4 {
            self.consent_data = false;
            self.listed = false;
        }
        for (name, value) in posted {
            if !step_fields(step).contains(&name.as_str()) {
                continue;
            }
            match name.as_str() {
                "consent_data" => self.consent_data = true,
                "listed" => self.listed = true,
                _ => {
                    if let Some(list) = self.list_mut(name) {
                        if !list.contains(value) {
                            list.push(value.clone());
                        }
                    } else if let Some(text) = self.text_mut(name) {
                        *text = value.clone();
                    }
                }
            }
        }
    }

    /// What the eligibility rules look at; unparseable dates count as not
    /// answered (the step's check reports them).
    pub fn eligibility_input(&self) -> Input<'_> {
        Input {
            legal_form: (!self.legal_form.is_empty()).then_some(self.legal_form.as_str()),
            activity_start: Date::parse(&self.activity_start).ok(),
            supports: !self.statement.trim().is_empty(),
        }
    }

    pub fn assess(&self, today: Date) -> Result<eligibility::Assessment, Invalid> {
        eligibility::assess(self.eligibility_input(), today)
    }
}

/// A problem with a field, by the field's name.
pub type FieldProblem = (String, Problem);

fn text(problems: &mut Vec<FieldProblem>, field: &str, value: &str, max: usize, required: bool) {
    let value = value.trim();
    if required && value.is_empty() {
        problems.push((field.into(), Problem::Required));
    } else if value.chars().count() > max {
        problems.push((field.into(), Problem::TooLong));
    }
}

fn choices(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    values: &[String],
    list: &'static [super::reference::Entry],
    required: bool,
) {
    if values.iter().any(|v| find(list, v).is_none()) {
        problems.push((field.into(), Problem::InvalidChoice));
    } else if required && values.is_empty() {
        problems.push((field.into(), Problem::ChooseOne));
    }
}

/// A past date: a calendar date, not after today, not before 1900.
fn past_date(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &str,
    today: Date,
    required: bool,
) {
    if value.trim().is_empty() {
        if required {
            problems.push((field.into(), Problem::Required));
        }
        return;
    }
    match Date::parse(value) {
        Err(_) => problems.push((field.into(), Problem::DateInvalid)),
        Ok(date) if date > today => problems.push((field.into(), Problem::DateInFuture)),
        Ok(date) if date.year() < eligibility::EARLIEST_YEAR => {
            problems.push((field.into(), Problem::DateTooEarly))
        }
        Ok(_) => {}
    }
}

/// What an applicant who is not logged in also gives on step 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account<'a> {
    /// Logged in: no contact or password fields are asked.
    LoggedIn,
    /// A password was typed on this post (and its confirmation).
    Typed { password: &'a str, confirm: &'a str },
    /// Nothing typed now; whether one was saved with the draft earlier.
    Saved(bool),
}

/// The checks of one step. `account` matters only for step 3.
pub fn check_step(
    answers: &Answers,
    step: u8,
    today: Date,
    account: Account<'_>,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let p = &mut problems;
    match step {
        1 => {
            text(p, "name_ka", &answers.name_ka, NAME_MAX, true);
            text(p, "name_en", &answers.name_en, NAME_MAX, false);
            if answers.legal_form.is_empty() {
                p.push(("legal_form".into(), Problem::Required));
            } else if find(LEGAL_FORMS, &answers.legal_form).is_none() {
                p.push(("legal_form".into(), Problem::InvalidChoice));
            }
            let code = answers.id_code.trim();
            if code.is_empty() {
                p.push(("id_code".into(), Problem::Required));
            } else if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
                p.push(("id_code".into(), Problem::IdCodeInvalid));
            }
            past_date(p, "registered_on", &answers.registered_on, today, true);
            choices(p, "region", &answers.regions, REGIONS, true);
            choices(p, "sector", &answers.sectors, SECTORS, true);
        }
        2 => {
            // Honorary membership needs no experience, only the statement.
            let needs_start = answers.statement.trim().is_empty();
            past_date(
                p,
                "activity_start",
                &answers.activity_start,
                today,
                needs_start,
            );
            text(p, "mission", &answers.mission, MISSION_MAX, true);
            text(p, "projects", &answers.projects, PROJECTS_MAX, false);
            choices(p, "impact", &answers.impact, IMPACT_AREAS, false);
            text(p, "statement", &answers.statement, STATEMENT_MAX, false);
        }
        3 => {
            if account == Account::LoggedIn {
                return problems;
            }
            if let Err(problem) = validate::name(&answers.contact_name) {
                p.push(("contact_name".into(), problem));
            }
            if let Err(problem) = validate::email(&answers.contact_email) {
                p.push(("contact_email".into(), problem));
            }
            if answers.contact_phone.trim().is_empty() {
                p.push(("contact_phone".into(), Problem::Required));
            } else if let Err(problem) = profile::phone(&answers.contact_phone) {
                p.push(("contact_phone".into(), problem));
            }
            match account {
                Account::Typed { password, confirm } => {
                    if let Err(problem) = validate::new_password(password, confirm) {
                        let field = if problem == Problem::PasswordsDiffer {
                            "password_confirm"
                        } else {
                            "password"
                        };
                        p.push((field.into(), problem));
                    }
                }
                Account::Saved(false) => p.push(("password".into(), Problem::Required)),
                Account::Saved(true) | Account::LoggedIn => {}
            }
        }
        4 => {
            match Category::from_code(&answers.category) {
                None if answers.category.is_empty() => {
                    p.push(("category".into(), Problem::Required))
                }
                None => p.push(("category".into(), Problem::InvalidChoice)),
                Some(category) => {
                    let eligible = answers
                        .assess(today)
                        .is_ok_and(|a| a.get(category).is_eligible());
                    if !eligible {
                        p.push(("category".into(), Problem::NotEligible));
                    }
                }
            }
            if !answers.consent_data {
                p.push(("consent_data".into(), Problem::ConsentRequired));
            }
        }
        _ => {}
    }
    problems
}

/// The first step with a problem, and its problems; `None` when every step
/// passes (what the server checks on submit).
pub fn first_failing_step(
    answers: &Answers,
    today: Date,
    account: Account<'_>,
) -> Option<(u8, Vec<FieldProblem>)> {
    (1..STEPS).find_map(|step| {
        let problems = check_step(answers, step, today, account);
        (!problems.is_empty()).then_some((step, problems))
    })
}

/// Where an application is. The open ones (sent, returned, sent again)
/// block another application with the same identification code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    #[default]
    Submitted,
    Returned,
    Resubmitted,
    Approved,
    Rejected,
    /// Withdrawn by the applicant before a decision.
    Withdrawn,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 6] = [
        ApplicationStatus::Submitted,
        ApplicationStatus::Returned,
        ApplicationStatus::Resubmitted,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
    ];

    /// As storage keeps it (and the review queue's filter names it).
    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Returned => "returned",
            ApplicationStatus::Resubmitted => "resubmitted",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Whether it waits for the secretariat or the applicant: then the
    /// applicant may withdraw it.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted
                | ApplicationStatus::Returned
                | ApplicationStatus::Resubmitted
        )
    }

    /// Whether a reviewer may decide on it now.
    pub fn can_decide(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted | ApplicationStatus::Resubmitted
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_statuses_round_trip_and_only_sent_ones_are_decided() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(ApplicationStatus::from_code("open"), None);
        let decidable: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|s| s.can_decide())
            .collect();
        assert_eq!(
            decidable,
            [ApplicationStatus::Submitted, ApplicationStatus::Resubmitted]
        );
        let open: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(
            open,
            [
                ApplicationStatus::Submitted,
                ApplicationStatus::Returned,
                ApplicationStatus::Resubmitted
            ]
        );
    }

    fn today() -> Date {
        Date::parse("2026-11-25").unwrap()
    }

    pub(crate) fn complete() -> Answers {
        Answers {
            name_ka: "ქსოვილი".into(),
            name_en: "Ksovili".into(),
            legal_form: "llc".into(),
            id_code: "405123456".into(),
            registered_on: "2019-04-01".into(),
            regions: vec!["GE-TB".into()],
            sectors: vec!["C".into()],
            activity_start: "2020-01-15".into(),
            mission: "Jobs for women in Tbilisi".into(),
            contact_name: "Nino".into(),
            contact_email: "nino@example.ge".into(),
            contact_phone: "+995 555 12 34 56".into(),
            category: "full".into(),
            consent_data: true,
            listed: true,
            ..Answers::default()
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<(&str, Problem)> {
        problems.iter().map(|(f, p)| (f.as_str(), *p)).collect()
    }

    #[test]
    fn a_complete_application_passes_every_step() {
        assert_eq!(
            first_failing_step(&complete(), today(), Account::Saved(true)),
            None
        );
        assert_eq!(
            first_failing_step(&complete(), today(), Account::LoggedIn),
            None
        );
    }

    #[test]
    fn step_one_checks_each_field() {
        let answers = Answers {
            id_code: "40512345".into(),
            registered_on: "2026-13-01".into(),
            regions: vec!["GE-XX".into()],
            legal_form: "sole_trader".into(),
            ..Answers::default()
        };
        assert_eq!(
            fields(&check_step(&answers, 1, today(), Account::LoggedIn)),
            vec![
                ("name_ka", Problem::Required),
                ("legal_form", Problem::InvalidChoice),
                ("id_code", Problem::IdCodeInvalid),
                ("registered_on", Problem::DateInvalid),
                ("region", Problem::InvalidChoice),
                ("sector", Problem::ChooseOne),
            ]
        );
    }

    #[test]
    fn dates_in_the_future_or_before_1900_are_mistakes() {
        let mut a = complete();
        a.activity_start = "2026-11-26".into();
        assert_eq!(
            fields(&check_step(&a, 2, today(), Account::LoggedIn)),
            vec![("activity_start", Problem::DateInFuture)]
        );
        a.activity_start = "1899-12-31".into();
        assert_eq!(
            fields(&check_step(&a, 2, today(), Account::LoggedIn)),
            vec![("activity_start", Problem::DateTooEarly)]
        );
    }

    #[test]
    fn a_statement_of_support_makes_the_start_date_optional() {
        let mut a = complete();
        a.activity_start.clear();
        assert_eq!(
            fields(&check_step(&a, 2, today(), Account::LoggedIn)),
            vec![("activity_start", Problem::Required)]
        );
        a.statement = "We support social enterprise.".into();
        assert!(check_step(&a, 2, today(), Account::LoggedIn).is_empty());
    }

    #[test]
    fn only_an_eligible_category_can_be_requested() {
        let mut a = complete();
        a.activity_start = "2026-01-01".into();
        assert_eq!(
            fields(&check_step(&a, 4, today(), Account::LoggedIn)),
            vec![("category", Problem::NotEligible)]
        );
        a.category = "associate".into();
        assert!(check_step(&a, 4, today(), Account::LoggedIn).is_empty());
        a.category = "honorary".into();
        assert_eq!(
            fields(&check_step(&a, 4, today(), Account::LoggedIn)),
            vec![("category", Problem::NotEligible)]
        );
        a.legal_form = "individual_entrepreneur".into();
        a.category = "associate".into();
        a.consent_data = false;
        assert_eq!(
            fields(&check_step(&a, 4, today(), Account::LoggedIn)),
            vec![
                ("category", Problem::NotEligible),
                ("consent_data", Problem::ConsentRequired)
            ]
        );
    }

    #[test]
    fn the_account_step_asks_for_a_password_once() {
        let a = complete();
        assert_eq!(
            fields(&check_step(&a, 3, today(), Account::Saved(false))),
            vec![("password", Problem::Required)]
        );
        let typed = Account::Typed {
            password: "correct horse battery",
            confirm: "correct horse batter",
        };
        assert_eq!(
            fields(&check_step(&a, 3, today(), typed)),
            vec![("password_confirm", Problem::PasswordsDiffer)]
        );
        let mut a = a;
        a.contact_email = "not an email".into();
        a.contact_phone = "12".into();
        assert_eq!(
            fields(&check_step(&a, 3, today(), Account::LoggedIn)),
            Vec::<(&str, Problem)>::new()
        );
        assert_eq!(
            fields(&check_step(&a, 3, today(), Account::Saved(true))),
            vec![
                ("contact_email", Problem::EmailInvalid),
                ("contact_phone", Problem::PhoneInvalid)
            ]
        );
    }

    #[test]
    fn taking_a_step_replaces_only_that_steps_answers() {
        let mut a = complete();
        let posted = vec![
            ("name_ka".to_string(), "ახალი".to_string()),
            ("region".to_string(), "GE-IM".to_string()),
            ("region".to_string(), "GE-KA".to_string()),
            ("region".to_string(), "GE-KA".to_string()),
            ("mission".to_string(), "ignored: another step".to_string()),
        ];
        a.take_step(1, &posted);
        assert_eq!(a.name_ka, "ახალი");
        assert_eq!(a.regions, vec!["GE-IM", "GE-KA"]);
        assert!(a.sectors.is_empty(), "an unticked list is cleared");
        assert_eq!(a.mission, complete().mission);
        a.take_step(4, &[("category".into(), "associate".into())]);
        assert!(!a.consent_data && !a.listed, "unticked boxes are cleared");
        assert_eq!(step_of("password"), Some(3));
        assert_eq!(step_of("impact"), Some(2));
    }
}
