//! The mails the secretariat chooses to get: an application arrived, a
//! member organisation asks to leave.

use super::Mail;
use crate::domain::lang::Lang;

const SIGN_KA: &str = "\n\nსოციალურ საწარმოთა ალიანსის პლატფორმა\n";
const SIGN_EN: &str = "\n\nSocial Enterprises Alliance platform\n";
const SETTING_KA: &str = "ამ წერილებს იღებთ, რადგან ანგარიშის გვერდზე ეს ჩართეთ.";
const SETTING_EN: &str = "You get these mails because you chose to on your account page.";

/// An application (or its changed version) has arrived for review.
pub fn application_arrived(lang: Lang, organisation: &str, resubmitted: bool, link: &str) -> Mail {
    match lang {
        Lang::Ka => {
            let what = if resubmitted {
                "შესწორებული განაცხადი"
            } else {
                "ახალი განაცხადი"
            };
            Mail {
                subject: format!("{what}: {organisation}"),
                body: format!("გამარჯობა!\n\n{organisation} — {what} განსახილველად:\n\n{link}\n\n{SETTING_KA}{SIGN_KA}"),
            }
        }
        Lang::En => {
            let what = if resubmitted {
                "Changed application"
            } else {
                "New application"
            };
            Mail {
                subject: format!("{what}: {organisation}"),
                body: format!("Hello,\n\n{what} from {organisation}, waiting for review:\n\n{link}\n\n{SETTING_EN}{SIGN_EN}"),
            }
        }
    }
}

/// A member organisation's representative asked to leave the Alliance.
pub fn leave_requested(lang: Lang, organisation: &str, reason: &str, link: &str) -> Mail {
    match lang {
        Lang::Ka => {
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!("\n\nმიზეზი: {reason}")
            };
            Mail {
                subject: format!("ალიანსის დატოვების თხოვნა: {organisation}"),
                body: format!("გამარჯობა!\n\n{organisation} ითხოვს ალიანსის დატოვებას.{reason}\n\nწევრობის დასრულება დაფიქსირეთ სამართავ პანელზე:\n\n{link}\n\n{SETTING_KA}{SIGN_KA}"),
            }
        }
        Lang::En => {
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!("\n\nReason: {reason}")
            };
            Mail {
                subject: format!("Request to leave the Alliance: {organisation}"),
                body: format!("Hello,\n\n{organisation} asks to leave the Alliance.{reason}\n\nRecord the end of its membership on the dashboard:\n\n{link}\n\n{SETTING_EN}{SIGN_EN}"),
            }
        }
    }
}

/// The Board's term ends soon: time to call the assembly that elects the
/// next Board (staff and the Board get it once).
pub fn board_term_ends(lang: Lang, ends_on: &str, link: &str) -> Mail {
    match lang {
        Lang::Ka => Mail {
            subject: format!("გამგეობის უფლებამოსილების ვადა მთავრდება {ends_on}"),
            body: format!("გამარჯობა!\n\nგამგეობის უფლებამოსილების ვადა მთავრდება {ends_on}. ახალი გამგეობის ასარჩევად საჭიროა წევრთა საერთო კრების მოწვევა.\n\nგამგეობის გვერდი: {link}{SIGN_KA}"),
        },
        Lang::En => Mail {
            subject: format!("The Board's term ends on {ends_on}"),
            body: format!("Hello,\n\nThe Board's term of office ends on {ends_on}. A General Assembly needs to be called to elect the next Board.\n\nThe Board page: {link}{SIGN_EN}"),
        },
    }
}
