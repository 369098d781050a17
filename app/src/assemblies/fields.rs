//! What the assembly forms read back from a refused post: a typed value,
//! and the problem summary; the fields of an assembly's details, shared by
//! the form that calls one and the form that corrects it.

use crate::auth::validate::Problem;
use crate::components::form::{problem_in, Input};
use crate::i18n::use_i18n;
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

/// Title in both languages, kind, start (Tbilisi time) and place, each
/// showing its value in `values` and its problem.
#[component]
pub(super) fn DetailsFields(
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_i18n().t();
    let a = t.assemblies();
    let values = StoredValue::new(values);
    let typed = move |name: &str| values.with_value(|values| value_of(values, name));
    let option = move |name: &'static str, code: &'static str, label: &'static str| {
        let selected = typed(name) == code;
        view! { <option value=code selected=selected>{label}</option> }
    };
    let starts_problem = problem_in(&problems, "starts_at");
    view! {
        <Input name="title_ka" label=|t| t.assemblies().title_ka value=typed("title_ka") problem=problem_in(&problems, "title_ka")/>
        <Input name="title_en" label=|t| t.assemblies().title_en value=typed("title_en") problem=problem_in(&problems, "title_en")/>
        <div class="field">
            <label for="field-kind">{a.kind}</label>
            <select id="field-kind" name="kind">
                {option("kind", "ordinary", a.kind_ordinary)}
                {option("kind", "extraordinary", a.kind_extraordinary)}
            </select>
        </div>
        <div class="field" class:field-invalid=starts_problem.is_some()>
            <label for="field-starts_at">{a.starts_at}</label>
            <p class="hint" id="field-starts_at-hint">{a.starts_at_hint}</p>
            {starts_problem.map(|p| view! { <p class="field-error" id="field-starts_at-error">{t.problems().of(p)}</p> })}
            <input id="field-starts_at" name="starts_at" type="datetime-local" value=typed("starts_at")
                aria-invalid=starts_problem.map(|_| "true")
                aria-describedby=if starts_problem.is_some() { "field-starts_at-hint field-starts_at-error" } else { "field-starts_at-hint" }/>
        </div>
        <div class="field">
            <label for="field-place">{a.place}</label>
            <select id="field-place" name="place">
                {option("place", "hybrid", a.place_hybrid)}
                {option("place", "in_person", a.place_in_person)}
                {option("place", "online", a.place_online)}
            </select>
        </div>
    }
}
