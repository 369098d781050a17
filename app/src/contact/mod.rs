//! The Alliance's contacts (address, e-mail, phone, the secretariat's and
//! the Board's contacts), kept current by administrators, and the privacy
//! notice.
//!
//! The read is a server function in `api`, the administrators' form posts
//! to `post`, the SQL is in `store`.

pub mod api;
mod contact_page;
mod edit_page;
#[cfg(feature = "ssr")]
pub mod post;
mod privacy_page;
#[cfg(feature = "ssr")]
pub mod store;

pub use contact_page::ContactPage;
pub use edit_page::ContactEditPage;
pub use privacy_page::PrivacyPage;

use crate::auth::validate::Problem;
use serde::{Deserialize, Serialize};

/// The longest address, in characters.
pub const ADDRESS_MAX: usize = 300;
/// The longest of the secretariat's and the Board's contact texts.
pub const PEOPLE_MAX: usize = 1_000;

/// What the contact page shows; every field may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[serde(default)]
pub struct Contacts {
    pub address_ka: String,
    pub address_en: String,
    pub email: String,
    pub phone: String,
    pub secretariat_ka: String,
    pub secretariat_en: String,
    pub board_ka: String,
    pub board_en: String,
}

impl Contacts {
    pub fn is_empty(&self) -> bool {
        *self == Contacts::default()
    }

    /// The contacts as posted, trimmed, with each field's problem.
    pub fn checked(mut self) -> (Contacts, Vec<(&'static str, Problem)>) {
        let mut problems = Vec::new();
        for (name, value, max) in [
            ("address_ka", &mut self.address_ka, ADDRESS_MAX),
            ("address_en", &mut self.address_en, ADDRESS_MAX),
            ("secretariat_ka", &mut self.secretariat_ka, PEOPLE_MAX),
            ("secretariat_en", &mut self.secretariat_en, PEOPLE_MAX),
            ("board_ka", &mut self.board_ka, PEOPLE_MAX),
            ("board_en", &mut self.board_en, PEOPLE_MAX),
        ] {
            *value = value.trim().replace("\r\n", "\n");
            if value.chars().count() > max {
                problems.push((name, Problem::TooLong));
            }
        }
        self.email = self.email.trim().to_string();
        if !self.email.is_empty() {
            match crate::auth::validate::email(&self.email) {
                Ok(email) => self.email = email,
                Err(problem) => problems.push(("email", problem)),
            }
        }
        self.phone = self.phone.trim().to_string();
        if !self.phone.is_empty() {
            if let Err(problem) = crate::domain::profile::phone(&self.phone) {
                problems.push(("phone", problem));
            }
        }
        (self, problems)
    }
}

/// The contact page's data: the contacts, when they were last changed, and
/// whether the visitor may change them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub contacts: Contacts,
    /// ISO date of the last change; empty before the first.
    pub updated_on: String,
    pub editable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_trimmed_and_checked() {
        let posted = Contacts {
            address_ka: "  თბილისი\r\nრუსთაველის 1 ".into(),
            email: " Info@Alliance.GE ".into(),
            phone: "+995 32 212 3456".into(),
            ..Contacts::default()
        };
        let (contacts, problems) = posted.checked();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(contacts.address_ka, "თბილისი\nრუსთაველის 1");
        assert_eq!(contacts.email, "info@alliance.ge");

        let (_, problems) = Contacts {
            email: "not an address".into(),
            phone: "call us".into(),
            board_en: "x".repeat(PEOPLE_MAX + 1),
            ..Contacts::default()
        }
        .checked();
        assert_eq!(
            problems,
            vec![
                ("board_en", Problem::TooLong),
                ("email", Problem::EmailInvalid),
                ("phone", Problem::PhoneInvalid)
            ]
        );
        assert!(
            Contacts::default().checked().1.is_empty(),
            "every field may stay empty"
        );
    }
}
