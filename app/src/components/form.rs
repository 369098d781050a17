//! Form parts following the GOV.UK pattern: a label, an optional hint, the
//! error next to the field, and a summary at the top linking to each field.
//! What a page shows comes from what the server answered a post with (the
//! values typed and their problems, rendered again at 422) or else from the
//! page's query string (the flags a redirect after success carries), so it
//! renders the same with and without JavaScript.

use crate::auth::validate::Problem;
use crate::components::rcdata::rcdata;
use crate::domain::reference::Entry;
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

/// The header the form kit sends with a post it makes in place (with
/// JavaScript): the server then answers with an [`InPlace`] instead of a
/// page. Its value is [`IN_PLACE`], or [`IN_PLACE_STAGES`] from a form that
/// shows the outcomes of its own kind ([`InPlace::Stage`]) itself.
pub const IN_PLACE_HEADER: &str = "alliance-in-place";
pub const IN_PLACE: &str = "1";
pub const IN_PLACE_STAGES: &str = "stages";

/// What the server answers a post sent in place with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InPlace {
    /// Done: go to `to` (what the redirect would have named); `load` when
    /// the answer set a cookie (signed in or out), which changes the whole
    /// page, so it is loaded anew.
    To { to: String, load: bool },
    /// To correct: the page shows this answer (as it would rendered again).
    Again { posted: Posted },
    /// The outcome a page shows where it is (a step to confirm, a receipt,
    /// problems of its own kind): JSON of the page's own type, handed to the
    /// form's `on_stage`.
    Stage { stage: String },
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

/// How the forms of a page show an outcome of the page's own kind (see
/// [`stage_answer`]).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct ShowsStage(Callback<String>);

/// The outcome of kind `T` a post sent in place was answered with
/// (`InPlace::Stage`): what the server would have rendered the page again
/// with. Every [`PostForm`] inside the calling component shows its answers
/// here; the page reads it over what it loaded. Forgotten once the browser
/// moves on.
pub fn stage_answer<T>() -> RwSignal<Option<T>>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let answered = RwSignal::new(None::<T>);
    let location = use_location();
    Effect::new(move |seen: Option<()>| {
        location.pathname.track();
        location.search.track();
        if seen.is_some() {
            answered.set(None);
        }
    });
    provide_context(ShowsStage(Callback::new(move |json: String| {
        if let Ok(stage) = serde_json::from_str::<T>(&json) {
            answered.try_set(Some(stage));
        }
    })));
    answered
}

/// A form that posts to `action` (the page's own address). Without
/// JavaScript it is a plain post and the server answers with a page. With
/// it, the post is sent in place: a correction shows at the fields of the
/// page as it is, with focus on the problems; success moves on through the
/// router (or loads the next page when the session changed); anything else
/// the server answers (too many attempts, unavailable) is shown as the page
/// it is. The fields inside read the post's answer (`TextField`).
#[component]
pub fn PostForm(
    #[prop(into)] action: String,
    #[prop(default = "form")] class: &'static str,
    /// `multipart/form-data` for a form that sends a file.
    #[prop(optional)]
    enctype: Option<&'static str>,
    /// Shows an outcome of the page's own kind (`InPlace::Stage`), when the
    /// page has not (`stage_answer`); a form with neither is answered such an
    /// outcome as the page rendered with it.
    #[prop(optional)]
    on_stage: Option<Callback<String>>,
    children: Children,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let sender = InPlaceSender::new(action.clone(), on_stage);
        move |ev: leptos::ev::SubmitEvent| sender.send(&ev)
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        let _ = on_stage;
        |_: leptos::ev::SubmitEvent| {}
    };
    view! {
        <form method="post" action=action class=class enctype=enctype novalidate=true on:submit=on_submit>
            {children()}
        </form>
    }
}

/// Sends a form's post in place and shows the answer (see [`PostForm`]).
/// Made while the form's component is set up (it needs the router); a
/// form with its own submit handling (the wizard's) calls [`send`] itself.
///
/// [`send`]: InPlaceSender::send
#[cfg(feature = "hydrate")]
#[derive(Clone)]
pub struct InPlaceSender {
    action: String,
    on_stage: Option<Callback<String>>,
    posted: Option<RwSignal<Option<Posted>>>,
    navigate: std::sync::Arc<dyn Fn(&str) + Send + Sync>,
    busy: StoredValue<bool>,
}

#[cfg(feature = "hydrate")]
impl InPlaceSender {
    pub fn new(action: String, on_stage: Option<Callback<String>>) -> InPlaceSender {
        let navigate = leptos_router::hooks::use_navigate();
        InPlaceSender {
            action,
            on_stage: on_stage.or_else(|| use_context::<ShowsStage>().map(|s| s.0)),
            posted: use_context::<PostedAnswer>().map(|p| p.0),
            navigate: std::sync::Arc::new(move |to: &str| navigate(to, Default::default())),
            busy: StoredValue::new(false),
        }
    }

    /// Sends the form `ev` submits, with the button that submitted it, in
    /// place of the browser's own post; one at a time.
    pub fn send(&self, ev: &leptos::ev::SubmitEvent) {
        use crate::browser;
        let Some(form) = browser::form_of(ev.target()) else {
            return;
        };
        ev.prevent_default();
        if self.busy.try_get_value().unwrap_or(true) {
            return;
        }
        self.busy.try_set_value(true);
        let submitter = browser::submitter_of(ev);
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let kind = if this.on_stage.is_some() {
                IN_PLACE_STAGES
            } else {
                IN_PLACE
            };
            let answer =
                browser::post_form(&form, &this.action, (IN_PLACE_HEADER, kind), submitter).await;
            this.busy.try_set_value(false);
            match answer {
                browser::Answered::Json(json) => match serde_json::from_str(&json) {
                    Ok(InPlace::To { to, load: true }) => browser::load(&to),
                    Ok(InPlace::To { to, load: false }) => {
                        (this.navigate)(&to);
                        // The outcome, once the page shows it.
                        browser::focus_when_shown(&[".notice", "[data-answer]"]);
                    }
                    Ok(InPlace::Again { posted: answer }) => {
                        browser::clear_passwords(&form);
                        if let Some(posted) = this.posted {
                            posted.try_set(Some(answer));
                        }
                        browser::focus_when_shown(&[".error-summary", ".notice-error"]);
                    }
                    Ok(InPlace::Stage { stage }) => {
                        if let Some(show) = this.on_stage {
                            browser::clear_passwords(&form);
                            // The page may have gone while the post was on its way.
                            if show.try_run(stage).is_none() {
                                return;
                            }
                            browser::focus_when_shown(&[
                                ".error-summary",
                                ".notice",
                                "[data-answer]",
                            ]);
                        }
                    }
                    Err(_) => browser::load(&this.action),
                },
                browser::Answered::Page(html) => browser::show_page(&html),
                // Nothing came back: post the plain way.
                browser::Answered::Nothing => {
                    let _ = form.submit();
                }
            }
        });
    }
}

/// `Some(value of key)` when the page shows a post's answer, which then
/// replaces the query string entirely (a page rendered again has none).
fn answered(posted: Option<RwSignal<Option<Posted>>>, key: &str) -> Option<Option<String>> {
    posted.and_then(|p| p.with(|p| p.as_ref().map(|p| p.get(key))))
}

/// What the page shows for `name`: from the post's answer when there is
/// one, else from the query string (empty when it has none).
pub fn page_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    let posted = use_context::<PostedAnswer>().map(|p| p.0);
    move || {
        answered(posted, name)
            .unwrap_or_else(|| query.read().get(name))
            .unwrap_or_default()
    }
}

/// The problem the server reported for field `name` (key `e_<name>`).
fn problem_of(name: &'static str) -> impl Fn() -> Option<Problem> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    let posted = use_context::<PostedAnswer>().map(|p| p.0);
    move || {
        let key = format!("e_{name}");
        answered(posted, &key)
            .unwrap_or_else(|| query.read().get(&key))
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
