//! "Check your answers" and the words for a verdict: shown by the wizard's
//! last step and by the review page.

use super::words::{field_label, step_title};
use crate::domain::application::{self, Answers, STEPS};
use crate::domain::date::Date;
use crate::domain::eligibility::{Invalid, Missing, Reason, Verdict};
use crate::domain::reference::{
    label, Entry, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS,
};
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;

/// "Check your answers": every answer with a link back to its step (or,
/// for reviewers, without links and with the contact step).
#[component]
pub fn StepCheck(answers: Answers, account: bool, #[prop(optional)] review: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let a = StoredValue::new(answers);
    let list = move |list: &'static [Entry], values: &[String]| {
        let lang = i18n.lang();
        values
            .iter()
            .map(|v| label(list, v, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let shown = move |field: &'static str| -> String {
        a.with_value(|a| match field {
            "legal_form" => label(LEGAL_FORMS, &a.legal_form, i18n.lang()),
            "region" => list(REGIONS, &a.regions),
            "sector" => list(SECTORS, &a.sectors),
            "impact" => list(IMPACT_AREAS, &a.impact),
            "category" => label(CATEGORIES, &a.category, i18n.lang()),
            "consent_data" => if a.consent_data {
                t().auth().yes
            } else {
                t().auth().no
            }
            .to_string(),
            "listed" => if a.listed {
                t().auth().yes
            } else {
                t().auth().no
            }
            .to_string(),
            "registered_on" | "activity_start" => Date::parse(a.text(field))
                .map(|d| i18n.date(d))
                .unwrap_or_default(),
            other => a.text(other).to_string(),
        })
    };
    view! {
        {(!review).then(|| view! { <p>{t().apply().check_lead}</p> })}
        {(1..STEPS).filter(|s| !(account && *s == 3)).map(|s| view! {
            <section class="check-answers" aria-labelledby=format!("check-{s}")>
                <h2 id=format!("check-{s}")>{move || step_title(t(), s)}</h2>
                <dl class="summary-list">
                    {application::step_fields(s).iter().filter(|f| !f.starts_with("password")).map(|f| {
                        let f: &'static str = f;
                        view! {
                            <div>
                                <dt>{move || field_label(t(), f)}</dt>
                                <dd>{move || shown(f)}</dd>
                                {(!review).then(|| view! {
                                    <dd><a href=crate::i18n::at(&format!("/apply?step={s}#field-{f}"))>
                                        {t().apply().change}<span class="visually-hidden">" " {move || field_label(t(), f)}</span>
                                    </a></dd>
                                })}
                            </div>
                        }
                    }).collect_view()}
                </dl>
            </section>
        }).collect_view()}
    }
}

/// What a verdict says next to a category.
pub fn verdict_text(t: &'static Messages, verdict: Verdict) -> String {
    let a = t.apply();
    match verdict {
        Verdict::Eligible => a.verdict_eligible.to_string(),
        Verdict::EligibleFrom(date) => (a.verdict_from)((t.format_date)(date)),
        Verdict::NotEligible(Reason::IndividualEntrepreneur) => a.reason_individual.to_string(),
        Verdict::NotEligible(Reason::ForeignBranch) => a.reason_branch.to_string(),
        Verdict::NotEligible(Reason::NoStatementOfSupport) => a.reason_statement.to_string(),
        Verdict::Unknown(Missing::LegalForm) => a.missing_form.to_string(),
        Verdict::Unknown(Missing::ActivityStart) => a.missing_start.to_string(),
    }
}

pub fn invalid_text(t: &'static Messages, invalid: Invalid) -> &'static str {
    match invalid {
        Invalid::StartInFuture => t.apply().invalid_future,
        Invalid::StartBefore1900 => t.apply().invalid_early,
        Invalid::UnknownLegalForm => t.apply().invalid_form,
    }
}
