//! The shape of every user-facing text. Each language is a `Messages` value;
//! leaving a field out of one language is a compile error, so every key is
//! checked at build time. Texts that take values are plain functions.

use crate::domain::date::Date;

pub struct Messages {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav: Nav,
    pub lang: LangSwitch,
    pub theme: ThemeSwitch,
    pub footer: Footer,
    pub home: Home,
    pub about: About,
    pub news: News,
    pub board: Board,
    pub members: Members,
    pub profile_edit: ProfileEdit,
    pub errors: Errors,
    pub reference: ReferenceLabels,
    pub auth: Auth,
    pub problems: Problems,
    /// "8 November 2016" / "8 ნოემბერი, 2016".
    pub format_date: fn(Date) -> String,
}

pub struct Nav {
    pub label: &'static str,
    pub home: &'static str,
    pub about: &'static str,
    pub members: &'static str,
    pub news: &'static str,
    pub board: &'static str,
    pub apply: &'static str,
    pub menu: &'static str,
    pub login: &'static str,
    pub account: &'static str,
    pub logout: &'static str,
    pub users: &'static str,
}

pub struct LangSwitch {
    pub label: &'static str,
    pub switch_to: &'static str,
}

pub struct ThemeSwitch {
    pub label: &'static str,
    pub auto: &'static str,
    pub light: &'static str,
    pub dark: &'static str,
}

pub struct Footer {
    pub about_heading: &'static str,
    pub about_text: &'static str,
    pub links_heading: &'static str,
    pub open_data: &'static str,
    pub news_feed: &'static str,
    pub legal_name: &'static str,
    pub founded: &'static str,
}

pub struct Home {
    pub title: &'static str,
    pub lead: &'static str,
    pub cta_apply: &'static str,
    pub cta_members: &'static str,
    pub figures_heading: &'static str,
    pub figure_members: &'static str,
    pub figure_full: &'static str,
    pub figure_associate: &'static str,
    pub figure_honorary: &'static str,
    pub figure_regions: &'static str,
    pub figure_sectors: &'static str,
    pub figure_years: &'static str,
    pub mission_heading: &'static str,
    pub goals_heading: &'static str,
    pub goals_more: &'static str,
    pub latest_news: &'static str,
    pub all_news: &'static str,
}

pub struct About {
    pub title: &'static str,
    pub lead: &'static str,
    pub history_heading: &'static str,
    pub history: [&'static str; 2],
    pub mission_heading: &'static str,
    pub mission: [&'static str; 2],
    pub goals_heading: &'static str,
    pub goals: [&'static str; 8],
    pub structure_heading: &'static str,
    pub structure_intro: &'static str,
    pub categories: [CategoryText; 3],
    pub assembly_heading: &'static str,
    pub assembly_text: &'static str,
    pub board_heading: &'static str,
    pub board_text: &'static str,
    pub board_link: &'static str,
}

pub struct CategoryText {
    pub name: &'static str,
    pub rule: &'static str,
}

pub struct News {
    pub title: &'static str,
    pub lead: &'static str,
    pub empty: &'static str,
    pub read_more: &'static str,
    pub published: &'static str,
    pub back: &'static str,
    pub not_found: &'static str,
    pub pagination: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub page_of: fn(page: i64, pages: i64) -> String,
}

pub struct Board {
    pub title: &'static str,
    pub lead: &'static str,
    pub term: fn(start: &str, end: &str) -> String,
    pub none: &'static str,
    pub col_seat: &'static str,
    pub col_person: &'static str,
    pub col_role: &'static str,
    pub col_organisation: &'static str,
    pub role_chair: &'static str,
    pub role_deputy_chair: &'static str,
    pub role_member: &'static str,
}

pub struct Members {
    pub title: &'static str,
    pub lead: &'static str,
    pub count: fn(i64) -> String,
    pub empty: &'static str,
    pub member_since: &'static str,
    pub filters_heading: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub sort_label: &'static str,
    pub sort_name: &'static str,
    pub sort_since: &'static str,
    pub no_match: &'static str,
    pub no_match_hint: &'static str,
    pub results_pages: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page_of: fn(i64, i64) -> String,
    pub view_profile: fn(&str) -> String,
    pub logo_alt: fn(&str) -> String,
    pub identification_code: &'static str,
    pub description: &'static str,
    pub products: &'static str,
    pub contacts: &'static str,
    pub website: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub back: &'static str,
    pub not_found: &'static str,
    pub edit_profile: &'static str,
}

pub struct ProfileEdit {
    pub title: &'static str,
    pub lead: &'static str,
    pub saved: &'static str,
    pub unchanged: &'static str,
    pub names: &'static str,
    pub name_ka: &'static str,
    pub name_en: &'static str,
    pub about: &'static str,
    pub description_ka: &'static str,
    pub description_en: &'static str,
    pub products_ka: &'static str,
    pub products_en: &'static str,
    pub fallback_hint: &'static str,
    pub contacts: &'static str,
    pub website: &'static str,
    pub website_hint: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub sectors: &'static str,
    pub regions: &'static str,
    pub impact: &'static str,
    pub choose_any: &'static str,
    pub logo: &'static str,
    pub logo_new: &'static str,
    pub logo_hint: &'static str,
    pub logo_current: &'static str,
    pub logo_none: &'static str,
    pub logo_remove: &'static str,
    pub logo_again: &'static str,
    pub membership: &'static str,
    pub status: &'static str,
    pub listing: &'static str,
    pub listed: &'static str,
    pub listed_hint: &'static str,
    pub save: &'static str,
    pub history: &'static str,
    pub history_empty: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_fields: &'static str,
    pub view_public: &'static str,
    pub not_listed_note: &'static str,
    pub orgs_title: &'static str,
    pub orgs_lead: &'static str,
    pub col_name: &'static str,
    pub col_listed: &'static str,
    pub edit: &'static str,
    pub chars_max: fn(usize) -> String,
}

pub struct Errors {
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub server_title: &'static str,
    pub server_text: &'static str,
    pub go_home: &'static str,
    pub loading: &'static str,
}

pub struct ReferenceLabels {
    pub category: &'static str,
    pub sector: &'static str,
    pub region: &'static str,
    pub impact_area: &'static str,
    pub legal_form: &'static str,
}

pub struct Auth {
    pub email: &'static str,
    pub password: &'static str,
    pub password_confirm: &'static str,
    pub password_hint: &'static str,
    pub name: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_email: &'static str,
    pub error_summary: &'static str,
    pub login_title: &'static str,
    pub login_lead: &'static str,
    pub login_submit: &'static str,
    pub login_failed: &'static str,
    pub login_unverified: &'static str,
    pub login_verified: &'static str,
    pub login_reset_done: &'static str,
    pub login_email_changed: &'static str,
    pub forgot_link: &'static str,
    pub register_link: &'static str,
    pub register_title: &'static str,
    pub register_lead: &'static str,
    pub register_submit: &'static str,
    pub register_sent: fn(&str) -> String,
    pub have_account: &'static str,
    pub verify_title: &'static str,
    pub verify_lead: &'static str,
    pub verify_submit: &'static str,
    pub link_invalid: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub forgot_submit: &'static str,
    pub forgot_sent: fn(&str) -> String,
    pub reset_title: &'static str,
    pub reset_lead: &'static str,
    pub reset_submit: &'static str,
    pub confirm_email_title: &'static str,
    pub confirm_email_lead: &'static str,
    pub confirm_email_submit: &'static str,
    pub email_taken: &'static str,
    pub account_title: &'static str,
    pub account_details: &'static str,
    pub account_role: &'static str,
    pub account_organisation: &'static str,
    pub account_email_unverified: &'static str,
    pub account_change_password: &'static str,
    pub account_password_lead: &'static str,
    pub account_password_submit: &'static str,
    pub account_password_changed: &'static str,
    pub account_change_email: &'static str,
    pub account_email_lead: &'static str,
    pub account_email_submit: &'static str,
    pub account_email_sent: fn(&str) -> String,
    pub account_email_changed: &'static str,
    pub account_sessions: fn(i64) -> String,
    pub sign_in_required: &'static str,
    pub forbidden: &'static str,
    /// Member, staff, Board, administrator.
    pub roles: [&'static str; 4],
    /// A member account not (yet) bound to an organisation.
    pub role_registered: &'static str,
    pub users_title: &'static str,
    pub users_lead: &'static str,
    pub col_email: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_organisation: &'static str,
    pub col_verified: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

/// What is wrong with a field, said so the person knows what to do.
pub struct Problems {
    pub required: &'static str,
    pub email_invalid: &'static str,
    pub too_long: &'static str,
    pub password_too_short: &'static str,
    pub password_too_common: &'static str,
    pub passwords_differ: &'static str,
    pub wrong_password: &'static str,
    pub url_invalid: &'static str,
    pub phone_invalid: &'static str,
    pub choose_one: &'static str,
    pub invalid_choice: &'static str,
    pub id_code_invalid: &'static str,
    pub id_code_taken: &'static str,
    pub image_type: &'static str,
    pub image_too_large: &'static str,
    pub image_dimensions: &'static str,
}

impl Problems {
    pub fn of(&self, problem: crate::auth::validate::Problem) -> &'static str {
        use crate::auth::validate::Problem;
        match problem {
            Problem::Required => self.required,
            Problem::EmailInvalid => self.email_invalid,
            Problem::TooLong => self.too_long,
            Problem::PasswordTooShort => self.password_too_short,
            Problem::PasswordTooCommon => self.password_too_common,
            Problem::PasswordsDiffer => self.passwords_differ,
            Problem::WrongPassword => self.wrong_password,
            Problem::UrlInvalid => self.url_invalid,
            Problem::PhoneInvalid => self.phone_invalid,
            Problem::ChooseOne => self.choose_one,
            Problem::InvalidChoice => self.invalid_choice,
            Problem::IdCodeInvalid => self.id_code_invalid,
            Problem::IdCodeTaken => self.id_code_taken,
            Problem::ImageType => self.image_type,
            Problem::ImageTooLarge => self.image_too_large,
            Problem::ImageDimensions => self.image_dimensions,
        }
    }
}

impl Auth {
    pub fn role(&self, role: crate::auth::Role) -> &'static str {
        use crate::auth::Role;
        match role {
            Role::Member => self.roles[0],
            Role::Staff => self.roles[1],
            Role::Board => self.roles[2],
            Role::Admin => self.roles[3],
        }
    }
}
