//! Form parts following the GOV.UK pattern: a label, an optional hint, the
//! error next to the field, and a summary at the top linking to each field.
//! What a field shows after a post comes from `post_form` (the post's
//! answer, or the query string a redirect carries), so it renders the same
//! with and without JavaScript.

use super::post_form::{page_value, problem_of};
use crate::auth::validate::Problem;
use crate::components::rcdata::rcdata;
use crate::domain::reference::Entry;
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;

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

/// A field of a form whose answer is the post's (the account forms): its
/// problem and, with `keep`, its value come from the post's answer or the
/// query string. Always required.
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
    let kept = keep.map(page_value);
    let value = Signal::derive(move || kept.map(|v| v()).unwrap_or_default());
    let problem = Signal::derive(problem_of(name));
    match hint {
        Some(hint) => {
            view! { <Input name label value problem kind autocomplete hint required=true/> }
                .into_any()
        }
        None => {
            view! { <Input name label value problem kind autocomplete required=true/> }.into_any()
        }
    }
}

/// The problem of field `name` in a list of (field, problem).
pub fn problem_in(problems: &[(String, Problem)], name: &str) -> Option<Problem> {
    problems.iter().find(|(f, _)| f == name).map(|(_, p)| *p)
}

/// Label, hint, error and a one-line input (text, e-mail, date, password…).
/// `value` and `problem` are fixed for a page rendered again, or follow a
/// signal where the browser checks as the person types.
#[component]
pub fn Input(
    name: &'static str,
    label: Text,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] required: bool,
    #[prop(optional)] lang: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("field-{name}-hint")>{move || hint(i18n.t())}</p> })}
            {move || view! { <FieldError name problem=problem.get()/> }}
            <input id=id name=name type=kind value=move || value.get() autocomplete=autocomplete lang=lang
                inputmode=inputmode required=required aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=move || described_by(name, hint.is_some(), problem.get().is_some())/>
        </div>
    }
}

/// Label, hint (given, then the length limit), error and a text area.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Text,
    value: String,
    #[prop(into)] problem: Signal<Option<Problem>>,
    /// The most characters the field takes (the hint says so).
    max: usize,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] hint: Option<Text>,
    #[prop(optional)] required: bool,
    #[prop(optional)] lang: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <p class="hint" id=format!("field-{name}-hint")>
                {hint.map(|hint| move || format!("{} ", hint(i18n.t())))}
                {move || (i18n.t().profile_edit().chars_max)(max)}
            </p>
            {move || view! { <FieldError name problem=problem.get()/> }}
            <textarea id=id name=name rows=rows lang=lang required=required
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=move || described_by(name, true, problem.get().is_some())>{rcdata(&value)}</textarea>
        </div>
    }
}

/// Label, error and a drop-down of a reference list.
#[component]
pub fn Select(
    name: &'static str,
    label: Text,
    list: &'static [Entry],
    /// The code selected.
    current: String,
    #[prop(into)] problem: Signal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    view! {
        <div class="field" class:field-invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || label(i18n.t())}</label>
            {move || view! { <FieldError name problem=problem.get()/> }}
            <select id=id name=name aria-describedby=move || described_by(name, false, problem.get().is_some())>
                {list.iter().map(|e| view! {
                    <option value=e.code selected=e.code == current>{e.label(i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A group of checkboxes from a reference list; the hint says whether one
/// must be chosen.
#[component]
pub fn Choices(
    name: &'static str,
    legend: Text,
    list: &'static [Entry],
    /// The codes checked.
    selected: Vec<String>,
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset id=format!("field-{name}") class="choices" class:field-invalid=move || problem.get().is_some()
            aria-describedby=move || described_by(name, true, problem.get().is_some())>
            <legend>{move || legend(i18n.t())}</legend>
            <p class="hint" id=format!("field-{name}-hint")>
                {move || if required { i18n.t().apply().choose_at_least_one } else { i18n.t().profile_edit().choose_any }}
            </p>
            {move || view! { <FieldError name problem=problem.get()/> }}
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

/// Label, hint, error and a file input. The field's anchor (`field-NAME`,
/// where the summary links) is the fieldset around it, which also shows the
/// file there is now; the input itself is `field-NAME-file`.
#[component]
pub fn FileField(
    name: &'static str,
    label: Text,
    hint: Text,
    /// The media types taken, as the `accept` attribute lists them.
    accept: &'static str,
    #[prop(into)] problem: Signal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}-file");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <p class="hint" id=format!("field-{name}-hint")>{move || hint(i18n.t())}</p>
            {move || view! { <FieldError name problem=problem.get()/> }}
            <input type="file" id=id name=name accept=accept
                aria-describedby=move || described_by(name, true, problem.get().is_some())
                aria-invalid=move || problem.get().map(|_| "true")/>
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
