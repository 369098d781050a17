//! The assembly forms' fields and their problem summary.

use crate::auth::validate::Problem;
use crate::components::form::{described_by, FieldError};
use leptos::prelude::*;

pub(super) fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The problems of a refused post, each linking to its field.
#[component]
pub(super) fn ProblemSummary(problems: Vec<(String, Problem)>) -> impl IntoView {
    let lines = problems
        .into_iter()
        .map(|(field, p)| (field, None, p))
        .collect();
    view! { <crate::components::form::ProblemSummary lines/> }
}

/// A labelled text input with its problem, if the last post had one.
#[component]
pub(super) fn Field(
    name: &'static str,
    label: &'static str,
    problems: Vec<(String, Problem)>,
    #[prop(optional)] value: String,
) -> impl IntoView {
    let problem = problems.iter().find(|(f, _)| f == name).map(|(_, p)| *p);
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=id.clone()>{label}</label>
            <FieldError name problem/>
            <input id=id name=name type="text" value=value
                aria-invalid=problem.map(|_| "true")
                aria-describedby=described_by(name, false, problem.is_some())/>
        </div>
    }
}
