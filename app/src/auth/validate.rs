//! Checks shared by the forms in the browser and the server.

use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 120;

/// Why a value was refused; each has a translated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    EmailInvalid,
    TooLong,
    PasswordTooShort,
    PasswordTooCommon,
    PasswordsDiffer,
    /// The current password, asked again before a change, was not right.
    WrongPassword,
    UrlInvalid,
    PhoneInvalid,
    /// A list (sectors, regions) needs at least one choice.
    ChooseOne,
    /// A value that is not one of the offered choices.
    InvalidChoice,
    IdCodeInvalid,
    /// Another current member already has this identification code.
    IdCodeTaken,
    /// An upload that is not a PNG, JPEG or WebP image.
    ImageType,
    /// An image file over the size limit.
    ImageTooLarge,
    /// An image over the pixel limit.
    ImageDimensions,
    /// Not a date in the calendar.
    DateInvalid,
    /// A date that has not come yet.
    DateInFuture,
    /// A date before 1900: surely a typing mistake.
    DateTooEarly,
    /// A membership category the organisation does not qualify for.
    NotEligible,
    /// A consent that must be given.
    ConsentRequired,
    /// An application for this identification code is already open.
    ApplicationOpen,
    /// An address that already has an account (an invitation).
    EmailTaken,
    /// No member organisation has the identification code given.
    UnknownOrganisation,
    /// A box that confirms a step that cannot be undone is not ticked.
    ConfirmRequired,
    /// A news picture that is not a PNG, JPEG or WebP image.
    PictureType,
    /// A news picture over the size limit.
    PictureTooLarge,
    /// A news picture over the pixel limit.
    PictureDimensions,
    /// A picture without a description for those who cannot see it.
    AltRequired,
    /// A post's address with other characters than a-z, 0-9 and hyphens.
    SlugInvalid,
    /// Another post already has this address.
    SlugTaken,
    /// Not a date and time (`datetime-local`).
    DateTimeInvalid,
    /// A code (in an imported file) that is not in its list.
    UnknownCode,
    /// The same value on another row of an imported file.
    DuplicateInFile,
    /// An assembly document that is not a PDF file.
    DocumentType,
    /// An assembly document over the size limit.
    DocumentTooLarge,
    /// A Board without exactly one chair, or with two deputy chairs.
    BoardRoles,
    /// A Board term that does not start after the latest one recorded.
    TermOverlaps,
}

impl Problem {
    pub const ALL: [Problem; 38] = [
        Problem::Required,
        Problem::EmailInvalid,
        Problem::TooLong,
        Problem::PasswordTooShort,
        Problem::PasswordTooCommon,
        Problem::PasswordsDiffer,
        Problem::WrongPassword,
        Problem::UrlInvalid,
        Problem::PhoneInvalid,
        Problem::ChooseOne,
        Problem::InvalidChoice,
        Problem::IdCodeInvalid,
        Problem::IdCodeTaken,
        Problem::ImageType,
        Problem::ImageTooLarge,
        Problem::ImageDimensions,
        Problem::DateInvalid,
        Problem::DateInFuture,
        Problem::DateTooEarly,
        Problem::NotEligible,
        Problem::ConsentRequired,
        Problem::ApplicationOpen,
        Problem::EmailTaken,
        Problem::UnknownOrganisation,
        Problem::ConfirmRequired,
        Problem::PictureType,
        Problem::PictureTooLarge,
        Problem::PictureDimensions,
        Problem::AltRequired,
        Problem::SlugInvalid,
        Problem::SlugTaken,
        Problem::DateTimeInvalid,
        Problem::UnknownCode,
        Problem::DuplicateInFile,
        Problem::DocumentType,
        Problem::DocumentTooLarge,
        Problem::BoardRoles,
        Problem::TermOverlaps,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::EmailInvalid => "email_invalid",
            Problem::TooLong => "too_long",
            Problem::PasswordTooShort => "password_too_short",
            Problem::PasswordTooCommon => "password_too_common",
            Problem::PasswordsDiffer => "passwords_differ",
            Problem::WrongPassword => "wrong_password",
            Problem::UrlInvalid => "url_invalid",
            Problem::PhoneInvalid => "phone_invalid",
            Problem::ChooseOne => "choose_one",
            Problem::InvalidChoice => "invalid_choice",
            Problem::IdCodeInvalid => "id_code_invalid",
            Problem::IdCodeTaken => "id_code_taken",
            Problem::ImageType => "image_type",
            Problem::ImageTooLarge => "image_too_large",
            Problem::ImageDimensions => "image_dimensions",
            Problem::DateInvalid => "date_invalid",
            Problem::DateInFuture => "date_in_future",
            Problem::DateTooEarly => "date_too_early",
            Problem::NotEligible => "not_eligible",
            Problem::ConsentRequired => "consent_required",
            Problem::ApplicationOpen => "application_open",
            Problem::EmailTaken => "email_taken",
            Problem::UnknownOrganisation => "unknown_organisation",
            Problem::ConfirmRequired => "confirm_required",
            Problem::PictureType => "picture_type",
            Problem::PictureTooLarge => "picture_too_large",
            Problem::PictureDimensions => "picture_dimensions",
            Problem::AltRequired => "alt_required",
            Problem::SlugInvalid => "slug_invalid",
            Problem::SlugTaken => "slug_taken",
            Problem::DateTimeInvalid => "date_time_invalid",
            Problem::UnknownCode => "unknown_code",
            Problem::DuplicateInFile => "duplicate_in_file",
            Problem::DocumentType => "document_type",
            Problem::DocumentTooLarge => "document_too_large",
            Problem::BoardRoles => "board_roles",
            Problem::TermOverlaps => "term_overlaps",
        }
    }

    pub fn from_code(code: &str) -> Option<Problem> {
        Problem::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Trims and lower-cases an email address and checks its shape: one `@`,
/// a non-empty local part, a domain with a dot, no spaces or control
/// characters. (Whether it exists is what the verification mail checks.)
pub fn email(input: &str) -> Result<String, Problem> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Problem::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Problem::EmailInvalid);
    };
    let bad_char = |c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';' | '@')
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
    if local.is_empty() || local.chars().any(bad_char) || domain.chars().any(bad_char) || !domain_ok
    {
        return Err(Problem::EmailInvalid);
    }
    Ok(email)
}

/// Length rules for a new password; the server also refuses common ones.
pub fn new_password(password: &str, confirmation: &str) -> Result<(), Problem> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err(Problem::Required);
    }
    if chars < PASSWORD_MIN_CHARS {
        return Err(Problem::PasswordTooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(Problem::TooLong);
    }
    if password != confirmation {
        return Err(Problem::PasswordsDiffer);
    }
    Ok(())
}

/// A person's name: required, at most `NAME_MAX_CHARS`.
pub fn name(input: &str) -> Result<String, Problem> {
    let name = input.trim();
    if name.is_empty() {
        return Err(Problem::Required);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Problem::TooLong);
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(email("  Nino@Example.GE "), Ok("nino@example.ge".into()));
        assert_eq!(email(""), Err(Problem::Required));
        for bad in [
            "nino",
            "nino@",
            "@example.ge",
            "nino@example",
            "ni no@example.ge",
            "nino@exa..mple.ge",
            "a@b@c.ge",
            "nino@.ge",
            "nino@-x.ge",
            "<x>@y.ge",
        ] {
            assert_eq!(email(bad), Err(Problem::EmailInvalid), "{bad}");
        }
        assert_eq!(
            email(&format!("{}@example.ge", "a".repeat(250))),
            Err(Problem::TooLong)
        );
        assert_eq!(
            email("ნინო@მაგალითი.გე"),
            Ok("ნინო@მაგალითი.გე".into()),
            "international addresses"
        );
    }

    #[test]
    fn new_passwords_need_twelve_characters_and_a_match() {
        assert_eq!(new_password("", ""), Err(Problem::Required));
        assert_eq!(
            new_password("short", "short"),
            Err(Problem::PasswordTooShort)
        );
        assert_eq!(
            new_password("ალიანსი-ალიანსი", "ალიანსი-ალიანსი"),
            Ok(()),
            "characters, not bytes"
        );
        assert_eq!(
            new_password("twelve chars!", "twelve chars?"),
            Err(Problem::PasswordsDiffer)
        );
        assert_eq!(
            new_password(&"x".repeat(257), &"x".repeat(257)),
            Err(Problem::TooLong)
        );
    }

    #[test]
    fn problem_codes_round_trip() {
        for p in Problem::ALL {
            assert_eq!(Problem::from_code(p.code()), Some(p));
        }
    }
}
