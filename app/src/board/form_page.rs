//! `/board/new`: staff record a Board by hand (`/board/new`, the initial
//! Board) or confirm the elected of a closed Board election
//! (`/board/new?poll=ID`): each seat's person, organisation and role, and
//! the first day of the term (it ends three years later).

use super::api::load_board_form;
use super::page::role_text;
use super::{BoardForm, Outcome, ROLES, SEATS};
use crate::auth::validate::Problem;
use crate::components::form::{Notice, ProblemSummary, SummaryLine};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{posted_value, PostForm};
use crate::domain::ids::PollId;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BoardFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.t().board();
    let query = use_query_map();
    let poll = move || query.with(|q| q.get("poll").and_then(|p| p.parse::<PollId>().ok()));
    let form = Resource::new(poll, load_board_form);
    let title = if poll().is_some() {
        b.confirm_title
    } else {
        b.record_title
    };
    view! {
        <Title text=title/>
        <div class="container page narrow">
            <h1>{title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(form) => view! { <Form form/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The problem the server reported for a field, by its run-time name.
fn problem(name: &str) -> Option<Problem> {
    Problem::from_code(&posted_value(&format!("e_{name}")))
}

#[component]
fn Form(form: BoardForm) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.t().board();
    let lang = i18n.lang();
    let intro = match &form.election {
        None => Some(view! { <p class="lead">{b.record_lead}</p> }.into_any()),
        Some(e) => {
            let election = view! {
                <a href=crate::i18n::at(&format!("/assemblies/{}#poll-{}", e.assembly, e.poll))>{lang.pick(&e.title_ka, &e.title_en).to_string()}</a>
            };
            let (text, error) = match e.outcome {
                Outcome::Ready => (b.confirm_lead, false),
                Outcome::NotClosed => (b.not_closed, true),
                Outcome::TieOpen => (b.tie_open, true),
                Outcome::Confirmed => (b.confirmed_before, false),
            };
            Some(view! { <Notice error>{election} " — " {text}</Notice> }.into_any())
        }
    };
    let ready = form
        .election
        .as_ref()
        .is_none_or(|e| e.outcome == Outcome::Ready);
    let fixed = form.election.is_some();
    let rows = if fixed { form.names.len() } else { SEATS };
    let names = StoredValue::new(form.names);
    let organisations = StoredValue::new(form.organisations);
    let poll = form.election.as_ref().map(|e| e.poll.to_string());
    let proposed_start = form.starts_on;
    let body = move || {
        let poll = poll.clone();
        let again = !posted_value("sent").is_empty();
        // What a field shows: what was typed, after a post to correct.
        let typed = move |name: String, otherwise: String| {
            if again {
                posted_value(&name)
            } else {
                otherwise
            }
        };
        let mut lines: Vec<SummaryLine> = Vec::new();
        let mut note = |field: String, label: &'static str| {
            if let Some(p) = problem(&field) {
                lines.push((field, Some(label), p));
            }
        };
        note("starts_on".into(), b.starts_on);
        note("roles".into(), b.roles);
        for n in 1..=rows {
            note(format!("person_ka_{n}"), b.person_ka);
            note(format!("person_en_{n}"), b.person_en);
            note(format!("org_{n}"), b.organisation);
            note(format!("role_{n}"), b.role);
        }
        let starts_on = typed("starts_on".into(), proposed_start.clone());
        let start_problem = problem("starts_on");
        let roles_problem = problem("roles");
        let seats = (1..=rows)
            .map(|n| {
                let default_role = match n {
                    1 => "chair",
                    2 => "deputy_chair",
                    _ => "member",
                };
                let role = typed(format!("role_{n}"), default_role.into());
                let org = typed(format!("org_{n}"), String::new());
                let person_ka = names.with_value(|names| names.get(n - 1).cloned());
                let field = move |name: &str| format!("field-{name}_{n}");
                let person_ka_view = match person_ka {
                    Some(name) => view! {
                        <p class="elected-name"><strong>{name}</strong></p>
                    }
                    .into_any(),
                    None => {
                        let name = format!("person_ka_{n}");
                        view! {
                            <RowField name=name.clone() label=b.person_ka problem=problem(&name)>
                                <input id=field("person_ka") name=name.clone() type="text" lang="ka" maxlength="200"
                                    value=typed(name, String::new())
                                    aria-invalid=problem(&format!("person_ka_{n}")).map(|_| "true")/>
                            </RowField>
                        }
                        .into_any()
                    }
                };
                let person_en = format!("person_en_{n}");
                let org_name = format!("org_{n}");
                let role_name = format!("role_{n}");
                view! {
                    <fieldset class="board-seat">
                        <legend>{(b.seat)(n)}</legend>
                        {person_ka_view}
                        <RowField name=person_en.clone() label=b.person_en problem=problem(&person_en)>
                            <input id=field("person_en") name=person_en.clone() type="text" lang="en" maxlength="200"
                                value=typed(person_en.clone(), String::new())/>
                        </RowField>
                        <RowField name=org_name.clone() label=b.organisation problem=problem(&org_name)>
                            <select id=field("org") name=org_name.clone()>
                                <option value="">"—"</option>
                                {organisations.with_value(|list| list.iter().map(|(id, ka, en)| {
                                    let id = id.to_string();
                                    view! { <option value=id.clone() selected=id == org>{lang.pick(ka, en).to_string()}</option> }
                                }).collect_view())}
                            </select>
                        </RowField>
                        <RowField name=role_name.clone() label=b.role problem=problem(&role_name)>
                            <select id=field("role") name=role_name.clone()>
                                {ROLES.into_iter().map(|r| view! { <option value=r selected=r == role>{role_text(r)}</option> }).collect_view()}
                            </select>
                        </RowField>
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <ProblemSummary lines/>
            <PostForm action="/board">
                {poll.map(|p| view! { <input type="hidden" name="poll" value=p/> })}
                <RowField name="starts_on".to_string() label=b.starts_on problem=start_problem>
                    <p class="hint" id="field-starts_on-hint">{b.starts_on_hint}</p>
                    <input id="field-starts_on" name="starts_on" type="date" required=true value=starts_on
                        aria-describedby="field-starts_on-hint"/>
                </RowField>
                <div id="field-roles" class="field" class:field-invalid=roles_problem.is_some()>
                    <p class="hint">{if fixed { b.seats_hint_elected } else { b.seats_hint }}</p>
                    {roles_problem.map(|p| view! { <p class="field-error">{i18n.t().problems().of(p)}</p> })}
                </div>
                {seats}
                <button type="submit" class="button">{if fixed { b.confirm } else { b.record }}</button>
            </PostForm>
        }
    };
    view! {
        {intro}
        {ready.then(|| view! { {body} })}
    }
}

/// A labelled field of a numbered row, with its problem.
#[component]
fn RowField(
    name: String,
    label: &'static str,
    problem: Option<Problem>,
    children: Children,
) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=format!("field-{name}")>{label}</label>
            {problem.map(|p| view! { <p class="field-error" id=format!("field-{name}-error")>{t.problems().of(p)}</p> })}
            {children()}
        </div>
    }
}
