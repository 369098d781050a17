//! What the assembly forms read back from a refused post: a typed value,
//! and the problem summary; the fields of an assembly's details, shared by
//! the form that calls one and the form that corrects it.

use crate::auth::validate::Problem;
use crate::components::form::{problem_in, Choices, Input};
use crate::domain::reference::CATEGORIES;
use crate::domain::voting::{Quorum, VotingRules, PROXIES_MAX};
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

/// Every value of a field posted more than once (checkboxes).
pub(super) fn values_of(values: &[(String, String)], name: &str) -> Vec<String> {
    values
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// An assembly's rules as the fields show them.
pub(super) fn rules_values(rules: &VotingRules) -> Vec<(String, String)> {
    let mut values = vec![
        ("quorum".to_string(), rules.quorum.code()),
        (
            "proxies_per_holder".to_string(),
            rules.proxies_per_holder.to_string(),
        ),
    ];
    for code in &rules.categories {
        values.push(("voting_categories".to_string(), code.clone()));
    }
    values
}

/// Title in both languages, kind, start (Tbilisi time), place and the
/// assembly's rules (quorum, who votes, proxies), each showing its value in
/// `values` and its problem.
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
        <fieldset class="rules">
            <legend>{a.rules}</legend>
            <p class="hint">{a.rules_hint}</p>
            <div class="field">
                <label for="field-quorum">{a.quorum_rule_label}</label>
                <select id="field-quorum" name="quorum">
                    {quorum_choices(&typed("quorum")).into_iter().map(|q| {
                        let code = q.code();
                        let selected = typed("quorum") == code;
                        view! { <option value=code selected=selected>{(a.quorum_rule)(q.numerator, q.denominator, q.strict)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Choices name="voting_categories" legend=|t| t.assemblies().voting_categories list=CATEGORIES
                selected=values.with_value(|v| values_of(v, "voting_categories"))
                problem=problem_in(&problems, "voting_categories") required=true/>
            <div class="field">
                <label for="field-proxies_per_holder">{a.proxies_per_holder}</label>
                <select id="field-proxies_per_holder" name="proxies_per_holder">
                    {(0..=PROXIES_MAX).map(|n| {
                        let selected = typed("proxies_per_holder") == n.to_string();
                        view! { <option value=n.to_string() selected=selected>{(a.proxies_rule)(n)}</option> }
                    }).collect_view()}
                </select>
            </div>
        </fieldset>
    }
}

/// The quorum rules offered: the charter's "more than half", "at least two
/// thirds", and the one shown now when it is another (configured so).
fn quorum_choices(current: &str) -> Vec<Quorum> {
    let mut choices = vec![
        Quorum::default(),
        Quorum {
            numerator: 2,
            denominator: 3,
            strict: false,
        },
    ];
    if let Ok(q) = Quorum::from_code(current) {
        if !choices.contains(&q) {
            choices.push(q);
        }
    }
    choices
}
