//! Posting a form: `PostForm`, a plain `<form method="post">` that, with
//! JavaScript, is sent in place and shows the server's answer where the page
//! is; what the server answered a post with (the values typed and their
//! problems, or an outcome of the page's own kind) and what the page shows
//! from it or, without an answer, from its query string (the flags a
//! redirect after success carries), so it renders the same with and without
//! JavaScript.

use crate::auth::validate::Problem;
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

/// Counts the posts that succeeded where the browser already is (a
/// redirect to the very address shown: adding a second agenda item after
/// the first). The router does not move for them, so a page whose forms
/// can do that puts [`reposts`] in what it loads by, and the answers it
/// shows are forgotten on it too.
#[derive(Clone, Copy)]
struct Reposted(RwSignal<u64>);

/// Called once by the app, before its router: makes the post's answer (if
/// this page is one) available to every form part.
pub fn provide_posted() {
    let shared = SharedValue::new(use_context::<Posted>);
    provide_context(PostedAnswer(RwSignal::new(shared.into_inner())));
    provide_context(Reposted(RwSignal::new(0)));
}

/// How many posts succeeded where the browser is: part of the key of what
/// a page loads, so it loads again after each (see [`Reposted`]).
pub fn reposts() -> impl Fn() -> u64 + Copy + Send + Sync + 'static {
    let reposted = use_context::<Reposted>();
    move || reposted.map_or(0, |Reposted(count)| count.get())
}

/// Makes the calling computation run again after a post that succeeded
/// where the browser is.
fn track_reposted(reposted: Option<Reposted>) {
    if let Some(Reposted(count)) = reposted {
        count.track();
    }
}

/// Called once inside the router: the post's answer belongs to the page it
/// was rendered for, and is forgotten when the browser moves on.
pub fn forget_posted_on_navigation() {
    if let Some(PostedAnswer(posted)) = use_context::<PostedAnswer>() {
        forget_on_navigation(posted);
    }
}

/// Empties `answer` whenever the browser moves to another address (or a
/// post succeeds where it is).
fn forget_on_navigation<T: Send + Sync + 'static>(answer: RwSignal<Option<T>>) {
    let location = use_location();
    let reposted = use_context::<Reposted>();
    Effect::new(move |seen: Option<()>| {
        location.pathname.track();
        location.search.track();
        track_reposted(reposted);
        if seen.is_some() {
            answer.try_set(None);
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
    forget_on_navigation(answered);
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
    // Posted to the page's own language's address, so the answer is in it.
    let action = crate::i18n::at(&action);
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
    /// The address posted to, in the page's language.
    action: String,
    lang: crate::i18n::Lang,
    on_stage: Option<Callback<String>>,
    posted: Option<RwSignal<Option<Posted>>>,
    navigate: std::sync::Arc<dyn Fn(&str) + Send + Sync>,
    reposted: Option<Reposted>,
    busy: StoredValue<bool>,
}

#[cfg(feature = "hydrate")]
impl InPlaceSender {
    pub fn new(action: String, on_stage: Option<Callback<String>>) -> InPlaceSender {
        let navigate = leptos_router::hooks::use_navigate();
        InPlaceSender {
            action,
            lang: crate::i18n::use_i18n().lang(),
            on_stage: on_stage.or_else(|| use_context::<ShowsStage>().map(|s| s.0)),
            posted: use_context::<PostedAnswer>().map(|p| p.0),
            navigate: std::sync::Arc::new(move |to: &str| navigate(to, Default::default())),
            reposted: use_context::<Reposted>(),
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
                    // `to` is the Georgian site's path: the router adds
                    // the language to what it navigates to, a load does not.
                    Ok(InPlace::To { to, load: true }) => browser::load(&this.lang.at(&to)),
                    Ok(InPlace::To { to, load: false }) => {
                        // Done with what was typed: the form shows what
                        // the page renders next (as after a plain post).
                        form.reset();
                        if this.lang.at(&to) == browser::here() {
                            if let Some(Reposted(count)) = this.reposted {
                                count.try_update(|n| *n += 1);
                            }
                        } else {
                            (this.navigate)(&to);
                        }
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

/// As [`page_value`], for a name made at run time (a form's numbered rows);
/// tracked, so a view reading it shows a post's answer when it comes.
pub fn posted_value(name: &str) -> String {
    let query = use_query_map();
    let posted = use_context::<PostedAnswer>().map(|p| p.0);
    answered(posted, name)
        .unwrap_or_else(|| query.read().get(name))
        .unwrap_or_default()
}

/// The problem the server reported for field `name` (key `e_<name>`).
pub fn problem_of(
    name: &'static str,
) -> impl Fn() -> Option<Problem> + Copy + Send + Sync + 'static {
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
