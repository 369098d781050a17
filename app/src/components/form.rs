//! Form parts following the GOV.UK pattern: a label, an optional hint, the
//! error next to the field, and a summary at the top linking to each field.
//! What a page shows comes from what the server answered a post with (the
//! values typed and their problems, rendered again at 422) or else from the
//! page's query string (the flags a redirect after success carries), so it
//! renders the same with and without JavaScript.

use crate::auth::validate::Problem;
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use serde::{Deserialize, Serialize};

/// What a post that needs correcting asks its page to show again: the same
/// keys a redirect's query would carry — a message code, the values typed
/// (never passwords), `e_<field>` for each field's problem. The server puts
/// it in the render's context; the page's HTML carries it to the browser,
/// which reads it while hydrating, so both render the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

#[derive(Clone, Copy)]
struct PostedAnswer(RwSignal<Option<Posted>>);

/// Called once by the app, before its router: makes the post's answer (if
/// this page is one) available to every form part.
pub fn provide_posted() {
    let shared = SharedValue::new(use_context::<Posted>);
    provide_context(PostedAnswer(RwSignal::new(shared.into_inner())));
}

/// Called once inside the router: the post's answer belongs to the page it
/// was rendered for, and is forgotten when the browser moves on.
pub fn forget_posted_on_navigation() {
    let Some(PostedAnswer(posted)) = use_context::<PostedAnswer>() else {
        return;
    };
    let location = use_location();
    Effect::new(move |seen: Option<()>| {
        location.pathname.track();
        location.search.track();
        if seen.is_some() {
            posted.set(None);
        }
    });
}

/// What the page shows for `name`: the post's answer, else the query string
/// (empty when neither has it).
pub fn page_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    let posted = use_context::<PostedAnswer>().map(|p| p.0);
    move || {
        posted
            .and_then(|p| p.with(|p| p.as_ref().and_then(|p| p.get(name))))
            .or_else(|| query.read().get(name))
            .unwrap_or_default()
    }
}

/// The problem the server reported for field `name` (key `e_<name>`).
fn problem_of(name: &'static str) -> impl Fn() -> Option<Problem> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    let posted = use_context::<PostedAnswer>().map(|p| p.0);
    move || {
        let key = format!("e_{name}");
        posted
            .and_then(|p| p.with(|p| p.as_ref().and_then(|p| p.get(&key))))
            .or_else(|| query.read().get(&key))
            .as_deref()
            .and_then(Problem::from_code)
    }
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
    /// The key holding the typed value to show again (never passwords).
    #[prop(optional)]
    keep: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let problem = problem_of(name);
    let kept = keep.map(page_value);
    let value = move || kept.map(|v| v()).unwrap_or_default();
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

/// The summary of the problems the server answered a post with.
#[component]
pub fn ErrorSummary(fields: &'static [(&'static str, Text)]) -> impl IntoView {
    let i18n = use_i18n();
    let problems: Vec<_> = fields
        .iter()
        .map(|(name, label)| (*name, *label, problem_of(name)))
        .collect();
    move || {
        let lines = problems
            .iter()
            .filter_map(|(name, label, problem)| {
                problem().map(|p| (name.to_string(), Some(label(i18n.t())), p))
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
