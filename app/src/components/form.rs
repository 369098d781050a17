//! Form parts following the GOV.UK pattern: a label, an optional hint, the
//! error next to the field, and a summary at the top linking to each field.
//! Everything comes from the page's query string, so it renders the same
//! with and without JavaScript.

use crate::auth::validate::Problem;
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A value of the page's query string (empty when absent).
pub fn query_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

/// The problem the server reported for `field` (query key `e_<field>`).
pub fn field_problem(query: &leptos_router::params::ParamsMap, field: &str) -> Option<Problem> {
    query
        .get(&format!("e_{field}"))
        .as_deref()
        .and_then(Problem::from_code)
}

/// The ids that describe field `name`: its hint and its error, when shown.
pub fn described_by(name: &str, hint: bool, problem: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("field-{name}-hint"));
    }
    if problem {
        ids.push(format!("field-{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The problem next to field `name` (the id `described_by` names).
#[component]
pub fn FieldError(name: &'static str, problem: Option<Problem>) -> impl IntoView {
    let i18n = use_i18n();
    problem.map(|p| view! { <p class="field-error" id=format!("field-{name}-error")>{i18n.t().problems().of(p)}</p> })
}

#[component]
pub fn TextField(
    name: &'static str,
    label: Text,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<Text>,
    /// The query key holding the typed value to show again (never passwords).
    #[prop(optional)]
    keep: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let problem = move || field_problem(&query.read(), name);
    let value = move || {
        keep.and_then(|key| query.read().get(key))
            .unwrap_or_default()
    };
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{move || hint(i18n.t())}</p> })}
            {move || problem().map(|p| view! {
                <p class="field-error" id=error_id.clone()>{i18n.t().problems().of(p)}</p>
            })}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                required=true
                aria-invalid=move || problem().map(|_| "true")
                aria-describedby=described_by
            />
        </div>
    }
}

/// One line of a problem summary: the field (its anchor is `#field-NAME`),
/// its label when the summary names it, and the problem.
pub type SummaryLine = (String, Option<&'static str>, Problem);

/// The problems at the top of a form, each linking to its field (GOV.UK).
/// Every form of the site shows this one; nothing when there are none.
/// Focusable (`tabindex=-1`), so a page can move focus to it.
#[component]
pub fn ProblemSummary(
    lines: Vec<SummaryLine>,
    /// A last sentence (e.g. "choose the logo again").
    #[prop(optional)]
    note: Option<&'static str>,
) -> impl IntoView {
    let t = use_i18n().t();
    (!lines.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">{t.auth().error_summary}</h2>
                <ul>
                    {lines.into_iter().map(|(field, label, problem)| view! {
                        <li><a href=format!("#field-{field}")>
                            {label.map(|label| format!("{label}: "))}
                            {t.problems().of(problem)}
                        </a></li>
                    }).collect_view()}
                </ul>
                {note.map(|note| view! { <p>{note}</p> })}
            </div>
        }
    })
}

/// The summary of the problems the server put in the page's query, for
/// the forms that answer with a redirect.
#[component]
pub fn ErrorSummary(fields: &'static [(&'static str, Text)]) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let query = query.read();
        let lines = fields
            .iter()
            .filter_map(|(name, label)| {
                field_problem(&query, name).map(|p| (name.to_string(), Some(label(i18n.t())), p))
            })
            .collect::<Vec<_>>();
        view! { <ProblemSummary lines/> }
    }
}

/// A message at the top of a page: success or error.
#[component]
pub fn Notice(#[prop(optional)] error: bool, children: Children) -> impl IntoView {
    let (class, role) = if error {
        ("notice notice-error", "alert")
    } else {
        ("notice notice-success", "status")
    };
    view! { <div class=class role=role>{children()}</div> }
}
