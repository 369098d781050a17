//! How the wizard names its fields and steps (the page, the error summary
//! and "check your answers" use the same words).

use crate::domain::application::STEPS;
use crate::i18n::Messages;

/// The label of a wizard field by name, for the error summary.
pub fn field_label(t: &'static Messages, field: &str) -> &'static str {
    let a = t.apply();
    match field {
        "name_ka" => a.name_ka,
        "name_en" => a.name_en,
        "legal_form" => t.reference().legal_form,
        "id_code" => t.members().identification_code,
        "registered_on" => a.registered_on,
        "region" => a.regions,
        "sector" => a.sectors,
        "activity_start" => a.activity_start,
        "mission" => a.mission,
        "projects" => a.projects,
        "impact" => a.impact,
        "statement" => a.statement,
        "contact_name" => a.contact_name,
        "contact_email" => a.contact_email,
        "contact_phone" => a.contact_phone,
        "password" => t.auth().password,
        "password_confirm" => t.auth().password_confirm,
        "category" => t.reference().category,
        "consent_data" => a.consent_data,
        "listed" => a.listed,
        _ => "",
    }
}

pub(super) fn step_title(t: &'static Messages, step: u8) -> &'static str {
    t.apply().steps[usize::from(step.clamp(1, STEPS) - 1)]
}
