//! The assembly forms' fields and their problem summary.

use crate::auth::validate::Problem;
use crate::i18n::use_i18n;
use leptos::prelude::*;

pub(super) fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The problems of a refused post, each linking to its field (GOV.UK).
#[component]
pub(super) fn ProblemSummary(problems: Vec<(String, Problem)>) -> impl IntoView {
    let t = use_i18n().t();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t.auth().error_summary}</h2>
                <ul>
                    {problems.into_iter().map(|(field, p)| view! {
                        <li><a href=format!("#field-{field}")>{t.problems().of(p)}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled text input with its problem, if the last post had one.
#[component]
pub(super) fn Field(
    name: &'static str,
    label: &'static str,
    problems: Vec<(String, Problem)>,
    #[prop(optional)] value: String,
) -> impl IntoView {
    let t = use_i18n().t();
    let problem = problems.iter().find(|(f, _)| f == name).map(|(_, p)| *p);
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=id.clone()>{label}</label>
            {problem.map(|p| view! { <p class="field-error" id=error_id.clone()>{t.problems().of(p)}</p> })}
            <input id=id name=name type="text" value=value
                aria-invalid=problem.map(|_| "true")
                aria-describedby=problem.map(|_| error_id.clone())/>
        </div>
    }
}
