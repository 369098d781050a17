//! The wizard's problems: the summary naming each field, and each field's
//! problem as it follows the checks made while typing. (The fields are the
//! shared form kit's.)

use super::words::field_label;
use crate::auth::validate::Problem;
use crate::components::form::ProblemSummary;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The step's problems, each naming its field.
#[component]
pub(super) fn ErrorSummary(problems: Vec<(String, Problem)>) -> impl IntoView {
    let t = use_i18n().t();
    let lines = problems
        .into_iter()
        .map(|(field, p)| {
            let label = field_label(t, &field);
            (field, Some(label), p)
        })
        .collect();
    view! { <ProblemSummary lines/> }
}

pub(super) type Problems = RwSignal<Vec<(String, Problem)>>;

/// The problem of `field` as the form shows it: it follows the checks made
/// as the person types.
pub(super) fn live(problems: Problems, field: &'static str) -> Signal<Option<Problem>> {
    Signal::derive(problem_in(problems, field))
}

pub(super) fn problem_in(
    problems: Problems,
    field: &'static str,
) -> impl Fn() -> Option<Problem> + Copy + Send + Sync {
    move || problems.with(|p| p.iter().find(|(f, _)| f == field).map(|(_, p)| *p))
}
