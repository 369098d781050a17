//! The wizard's fields: inputs, text areas and choices with their hints
//! and problems, and the error summary.

use super::words::field_label;
use crate::auth::validate::Problem;
use crate::components::form::{described_by, FieldError, ProblemSummary};
use crate::components::rcdata::rcdata;
use crate::domain::reference::Entry;
use crate::i18n::{use_i18n, Text};
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

pub(super) fn problem_in(
    problems: Problems,
    field: &'static str,
) -> impl Fn() -> Option<Problem> + Copy + Send + Sync {
    move || problems.with(|p| p.iter().find(|(f, _)| f == field).map(|(_, p)| *p))
}

/// Label, hint, error and a one-line input.
#[component]
pub(super) fn Input(
    name: &'static str,
    label: Text,
    value: String,
    problems: Problems,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] required: bool,
    #[prop(optional)] lang: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_in(problems, name);
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("field-{name}-hint")>{move || hint(i18n.t())}</p> })}
            {move || view! { <FieldError name problem=problem()/> }}
            <input id=id name=name type=kind value=value autocomplete=autocomplete lang=lang inputmode=inputmode
                required=required aria-invalid=move || problem().map(|_| "true")
                aria-describedby=move || described_by(name, hint.is_some(), problem().is_some())/>
        </div>
    }
}

#[component]
pub(super) fn Area(
    name: &'static str,
    label: Text,
    value: String,
    problems: Problems,
    max: usize,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_in(problems, name);
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <p class="hint" id=format!("field-{name}-hint")>
                {hint.map(|hint| move || format!("{} ", hint(i18n.t())))}
                {move || (i18n.t().profile_edit().chars_max)(max)}
            </p>
            {move || view! { <FieldError name problem=problem()/> }}
            <textarea id=id name=name rows=5 required=required aria-invalid=move || problem().map(|_| "true")
                aria-describedby=move || described_by(name, true, problem().is_some())>{rcdata(&value)}</textarea>
        </div>
    }
}

#[component]
pub(super) fn Choices(
    name: &'static str,
    legend: Text,
    list: &'static [Entry],
    selected: Vec<String>,
    problems: Problems,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_in(problems, name);
    view! {
        <fieldset id=format!("field-{name}") class="choices" class:field-invalid=move || problem().is_some()
            aria-describedby=move || described_by(name, true, problem().is_some())>
            <legend>{move || legend(i18n.t())}</legend>
            <p class="hint" id=format!("field-{name}-hint")>
                {move || if required { i18n.t().apply().choose_at_least_one } else { i18n.t().profile_edit().choose_any }}
            </p>
            {move || view! { <FieldError name problem=problem()/> }}
            <ul class="plain choice-list">
                {list.iter().map(|e| {
                    let id = format!("field-{name}-{}", e.code);
                    let checked = selected.iter().any(|s| s == e.code);
                    view! {
                        <li class="checkbox">
                            <input type="checkbox" id=id.clone() name=name value=e.code checked=checked/>
                            <label for=id>{e.label(i18n.lang())}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}
