//! What the assembly forms read back from a refused post: a typed value,
//! and the problem summary. (The fields are the shared form kit's.)

use crate::auth::validate::Problem;
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
