//! An organisation's profile as its representative or the secretariat edits
//! it: the limits of every field and the one check the server applies (the
//! browser shows the same limits as hints).

use super::reference::{
    find, Entry, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS, STATUSES,
};
use crate::auth::validate::{self, Problem};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4000;
pub const PRODUCTS_MAX: usize = 2000;
pub const WEBSITE_MAX: usize = 300;
pub const PHONE_MAX: usize = 40;
/// Largest logo file accepted, in bytes.
pub const LOGO_MAX_BYTES: usize = 1024 * 1024;
/// Largest logo accepted, in pixels per side.
pub const LOGO_MAX_PIXELS: u32 = 4096;
/// Side of the box a stored logo fits in.
pub const LOGO_STORED_PIXELS: u32 = 256;

/// Every editable field, as typed (or as stored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    pub name_ka: String,
    pub name_en: String,
    pub description_ka: String,
    pub description_en: String,
    pub products_ka: String,
    pub products_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub impact: Vec<String>,
    pub listed: bool,
    /// Registration facts and standing: only the secretariat changes these.
    pub legal_form: String,
    pub id_code: String,
    pub category: String,
    pub status: String,
    /// The day it joined (ISO date), and the day its social activity
    /// started (empty: not known): the membership's record.
    pub member_since: String,
    pub activity_start: String,
}

/// The field names, in form order, with the text fields' limits.
pub const TEXT_FIELDS: [(&str, usize); 9] = [
    ("name_ka", NAME_MAX),
    ("name_en", NAME_MAX),
    ("description_ka", DESCRIPTION_MAX),
    ("description_en", DESCRIPTION_MAX),
    ("products_ka", PRODUCTS_MAX),
    ("products_en", PRODUCTS_MAX),
    ("website", WEBSITE_MAX),
    ("email", validate::EMAIL_MAX_CHARS),
    ("phone", PHONE_MAX),
];

/// The fields only staff may change.
pub const STAFF_FIELDS: [&str; 6] = [
    "legal_form",
    "id_code",
    "category",
    "status",
    "member_since",
    "activity_start",
];

impl ProfileInput {
    /// The value of a text field by name (empty for unknown names).
    pub fn text(&self, field: &str) -> &str {
        match field {
            "name_ka" => &self.name_ka,
            "name_en" => &self.name_en,
            "description_ka" => &self.description_ka,
            "description_en" => &self.description_en,
            "products_ka" => &self.products_ka,
            "products_en" => &self.products_en,
            "website" => &self.website,
            "email" => &self.email,
            "phone" => &self.phone,
            "legal_form" => &self.legal_form,
            "id_code" => &self.id_code,
            "category" => &self.category,
            "status" => &self.status,
            "member_since" => &self.member_since,
            "activity_start" => &self.activity_start,
            _ => "",
        }
    }

    pub fn text_mut(&mut self, field: &str) -> Option<&mut String> {
        Some(match field {
            "name_ka" => &mut self.name_ka,
            "name_en" => &mut self.name_en,
            "description_ka" => &mut self.description_ka,
            "description_en" => &mut self.description_en,
            "products_ka" => &mut self.products_ka,
            "products_en" => &mut self.products_en,
            "website" => &mut self.website,
            "email" => &mut self.email,
            "phone" => &mut self.phone,
            "legal_form" => &mut self.legal_form,
            "id_code" => &mut self.id_code,
            "category" => &mut self.category,
            "status" => &mut self.status,
            "member_since" => &mut self.member_since,
            "activity_start" => &mut self.activity_start,
            _ => return None,
        })
    }

    pub fn list_mut(&mut self, field: &str) -> Option<&mut Vec<String>> {
        Some(match field {
            "sector" => &mut self.sectors,
            "region" => &mut self.regions,
            "impact" => &mut self.impact,
            _ => return None,
        })
    }

    /// Field-by-field differences from `before`, as (field, before, after).
    pub fn changes_from(&self, before: &ProfileInput) -> Vec<(&'static str, String, String)> {
        let mut changes = Vec::new();
        let all_text = TEXT_FIELDS.iter().map(|(f, _)| *f).chain(STAFF_FIELDS);
        for field in all_text {
            if self.text(field) != before.text(field) {
                changes.push((
                    field,
                    before.text(field).to_string(),
                    self.text(field).to_string(),
                ));
            }
        }
        for (field, a, b) in [
            ("sectors", &before.sectors, &self.sectors),
            ("regions", &before.regions, &self.regions),
            ("impact", &before.impact, &self.impact),
        ] {
            if a != b {
                changes.push((field, a.join(";"), b.join(";")));
            }
        }
        if self.listed != before.listed {
            changes.push(("listed", before.listed.to_string(), self.listed.to_string()));
        }
        changes
    }
}

/// The problems of a profile, by field name.
pub type Problems = Vec<(String, Problem)>;

/// Trims and checks every field; returns the clean profile or every problem.
/// `by_staff` allows the staff-only fields to change from `current`.
pub fn validate(
    input: &ProfileInput,
    current: &ProfileInput,
    by_staff: bool,
    today: crate::domain::date::Date,
) -> Result<ProfileInput, Problems> {
    let mut clean = input.clone();
    let mut problems: Problems = Vec::new();
    for (field, max) in TEXT_FIELDS {
        let value = clean.text_mut(field).expect("a text field");
        // Line ends as the browser sends them, kept; outer spaces dropped.
        *value = value.replace("\r\n", "\n").trim().to_string();
        if value.chars().count() > max {
            problems.push((field.into(), Problem::TooLong));
        }
    }
    if clean.name_ka.is_empty() {
        problems.push(("name_ka".into(), Problem::Required));
    }
    if !clean.website.is_empty() && !problems.iter().any(|(f, _)| f == "website") {
        match website(&clean.website) {
            Ok(url) => clean.website = url,
            Err(p) => problems.push(("website".into(), p)),
        }
    }
    if !clean.email.is_empty() && !problems.iter().any(|(f, _)| f == "email") {
        match validate::email(&clean.email) {
            Ok(email) => clean.email = email,
            Err(p) => problems.push(("email".into(), p)),
        }
    }
    if !clean.phone.is_empty() && !problems.iter().any(|(f, _)| f == "phone") {
        if let Err(p) = phone(&clean.phone) {
            problems.push(("phone".into(), p));
        }
    }
    for (field, list, required) in [
        ("sector", SECTORS, true),
        ("region", REGIONS, true),
        ("impact", IMPACT_AREAS, false),
    ] {
        let values = clean.list_mut(field).expect("a list field");
        if let Some(p) = choices(values, list, required) {
            problems.push((field.into(), p));
        }
    }
    if by_staff {
        clean.id_code = clean.id_code.trim().to_string();
        if clean.id_code.len() != 9 || !clean.id_code.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(("id_code".into(), Problem::IdCodeInvalid));
        }
        for (field, list) in [
            ("legal_form", LEGAL_FORMS),
            ("category", CATEGORIES),
            ("status", STATUSES),
        ] {
            if find(list, clean.text(field)).is_none() {
                problems.push((field.into(), Problem::InvalidChoice));
            }
        }
        for (field, required) in [("member_since", true), ("activity_start", false)] {
            let value = clean.text_mut(field).expect("a staff field");
            *value = value.trim().to_string();
            if value.is_empty() {
                if required {
                    problems.push((field.into(), Problem::Required));
                }
                continue;
            }
            match crate::domain::date::Date::parse(value) {
                Err(_) => problems.push((field.into(), Problem::DateInvalid)),
                Ok(date) if date > today => problems.push((field.into(), Problem::DateInFuture)),
                Ok(date) if date.year() < 1900 => {
                    problems.push((field.into(), Problem::DateTooEarly))
                }
                Ok(date) => *value = date.to_string(),
            }
        }
    } else {
        for field in STAFF_FIELDS {
            *clean.text_mut(field).expect("a staff field") = current.text(field).to_string();
        }
    }
    if problems.is_empty() {
        Ok(clean)
    } else {
        Err(problems)
    }
}

/// Known codes only, each once, in the list's order.
fn choices(values: &mut Vec<String>, list: &[Entry], required: bool) -> Option<Problem> {
    if values.iter().any(|v| !list.iter().any(|e| e.code == v)) {
        return Some(Problem::InvalidChoice);
    }
    *values = list
        .iter()
        .filter(|e| values.iter().any(|v| v == e.code))
        .map(|e| e.code.to_string())
        .collect();
    (required && values.is_empty()).then_some(Problem::ChooseOne)
}

/// An http(s) address with a host that has a dot; `https://` is added when
/// no scheme was typed.
pub fn website(input: &str) -> Result<String, Problem> {
    let input = input.trim();
    let lower = input.to_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        input.to_string()
    } else if lower.contains("://")
        || lower.starts_with("javascript:")
        || lower.starts_with("data:")
    {
        return Err(Problem::UrlInvalid);
    } else {
        format!("https://{input}")
    };
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or("");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if !host_ok
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
    {
        return Err(Problem::UrlInvalid);
    }
    Ok(url)
}

/// Digits with spaces, `+`, `-`, `(` and `)`; 6 to 15 digits.
pub fn phone(input: &str) -> Result<(), Problem> {
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')');
    let digits = input.chars().filter(char::is_ascii_digit).count();
    if !input.chars().all(allowed) || !(6..=15).contains(&digits) {
        return Err(Problem::PhoneInvalid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProfileInput {
        ProfileInput {
            name_ka: "ნაქარგი".into(),
            name_en: "Nakargi".into(),
            sectors: vec!["C".into()],
            regions: vec!["GE-TB".into()],
            legal_form: "llc".into(),
            id_code: "123456789".into(),
            category: "full".into(),
            status: "active".into(),
            member_since: "2019-05-14".into(),
            listed: true,
            ..ProfileInput::default()
        }
    }

    fn today() -> crate::domain::date::Date {
        crate::domain::date::Date::parse("2026-12-03").unwrap()
    }

    #[test]
    fn staff_correct_the_membership_record_with_real_past_dates() {
        let mut input = valid();
        input.member_since = " 2018-02-01 ".into();
        input.activity_start = "2015-09-01".into();
        let clean = validate(&input, &valid(), true, today()).unwrap();
        assert_eq!(
            (clean.member_since.as_str(), clean.activity_start.as_str()),
            ("2018-02-01", "2015-09-01")
        );
        let kept = validate(&input, &valid(), false, today()).unwrap();
        assert_eq!(
            kept.member_since, "2019-05-14",
            "a representative cannot change it"
        );
        input.member_since = "2027-01-01".into();
        input.activity_start = "1899-12-31".into();
        assert_eq!(
            problems(&input, true),
            vec![
                ("member_since".to_string(), Problem::DateInFuture),
                ("activity_start".to_string(), Problem::DateTooEarly),
            ]
        );
        input.member_since = String::new();
        input.activity_start = "someday".into();
        assert_eq!(
            problems(&input, true),
            vec![
                ("member_since".to_string(), Problem::Required),
                ("activity_start".to_string(), Problem::DateInvalid),
            ]
        );
    }

    fn problems(input: &ProfileInput, by_staff: bool) -> Vec<(String, Problem)> {
        validate(input, &valid(), by_staff, today())
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn a_complete_profile_passes_trimmed() {
        let mut input = valid();
        input.name_en = "  Nakargi  ".into();
        input.description_ka = "ხაზი\r\nმეორე".into();
        input.website = "nakargi.ge".into();
        input.email = " Info@Nakargi.GE ".into();
        input.phone = "+995 32 212 34 56".into();
        input.sectors = vec!["S".into(), "C".into()];
        let clean = validate(&input, &valid(), false, today()).unwrap();
        assert_eq!(clean.name_en, "Nakargi");
        assert_eq!(clean.description_ka, "ხაზი\nმეორე");
        assert_eq!(clean.website, "https://nakargi.ge");
        assert_eq!(clean.email, "info@nakargi.ge");
        assert_eq!(clean.sectors, vec!["C", "S"], "reference order");
    }

    #[test]
    fn every_text_field_has_a_limit() {
        for (field, max) in TEXT_FIELDS {
            let mut input = valid();
            *input.text_mut(field).unwrap() = "ა".repeat(max + 1);
            assert!(
                problems(&input, false).contains(&(field.to_string(), Problem::TooLong)),
                "{field}"
            );
            *input.text_mut(field).unwrap() = "a".repeat(max);
            assert!(
                !problems(&input, false)
                    .iter()
                    .any(|(f, p)| f == field && *p == Problem::TooLong),
                "{field} at its limit"
            );
        }
    }

    #[test]
    fn names_sectors_and_regions_are_required() {
        let mut input = valid();
        input.name_ka = "  ".into();
        input.sectors.clear();
        input.regions.clear();
        let found = problems(&input, false);
        assert!(found.contains(&("name_ka".into(), Problem::Required)));
        assert!(found.contains(&("sector".into(), Problem::ChooseOne)));
        assert!(found.contains(&("region".into(), Problem::ChooseOne)));
    }

    #[test]
    fn unknown_codes_are_refused() {
        let mut input = valid();
        input.impact = vec!["<script>".into()];
        assert_eq!(
            problems(&input, false),
            vec![("impact".into(), Problem::InvalidChoice)]
        );
    }

    #[test]
    fn websites_must_be_web_addresses() {
        assert_eq!(
            website("https://nakargi.ge/about?x=1"),
            Ok("https://nakargi.ge/about?x=1".into())
        );
        assert_eq!(website("http://ნაქარგი.გე"), Ok("http://ნაქარგი.გე".into()));
        for bad in [
            "javascript:alert(1)",
            "ftp://nakargi.ge",
            "https://nakargi",
            "https://nak argi.ge",
            "data:text/html,x",
            "https://\"onmouseover=x.ge",
            "https://.ge",
        ] {
            assert_eq!(website(bad), Err(Problem::UrlInvalid), "{bad}");
        }
    }

    #[test]
    fn phones_have_six_to_fifteen_digits() {
        assert_eq!(phone("+995 599 12 34 56"), Ok(()));
        assert_eq!(phone("(032) 212-34-56"), Ok(()));
        for bad in ["12345", "+995 599 12 34 56 78 90", "call me", "599<b>"] {
            assert_eq!(phone(bad), Err(Problem::PhoneInvalid), "{bad}");
        }
    }

    #[test]
    fn members_cannot_change_what_only_staff_may() {
        let mut input = valid();
        input.category = "honorary".into();
        input.status = "left".into();
        input.id_code = "999999999".into();
        let clean = validate(&input, &valid(), false, today()).unwrap();
        assert_eq!(clean.category, "full");
        assert_eq!(clean.status, "active");
        assert_eq!(clean.id_code, "123456789");
        let by_staff = validate(&input, &valid(), true, today()).unwrap();
        assert_eq!(by_staff.category, "honorary");
        assert_eq!(by_staff.status, "left");
    }

    #[test]
    fn staff_values_are_checked() {
        let mut input = valid();
        input.id_code = "12345678x".into();
        input.status = "gone".into();
        let found = problems(&input, true);
        assert!(found.contains(&("id_code".into(), Problem::IdCodeInvalid)));
        assert!(found.contains(&("status".into(), Problem::InvalidChoice)));
    }

    #[test]
    fn changes_name_each_field() {
        let before = valid();
        let mut after = valid();
        after.name_en = "Nakargi Workshop".into();
        after.listed = false;
        after.regions.push("GE-IM".into());
        let changes = after.changes_from(&before);
        let fields: Vec<&str> = changes.iter().map(|c| c.0).collect();
        assert_eq!(fields, vec!["name_en", "regions", "listed"]);
    }
}
