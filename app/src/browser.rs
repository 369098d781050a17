//! What the app asks of the browser itself, in one place, through gloo
//! where gloo has it (timers, fetch, the event stream):
//! the attributes the server wrote on the page, keyboard focus, the flags
//! tests wait for, the timer behind saving while typing, and the live
//! stream. Compiled for the browser only (the server has `platform`). The
//! wizard's reading of its own form fields stays in its area
//! (`apply::wizard_browser`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's document. (Plain `web_sys` here rather than gloo-utils, whose
/// accessors carry panic messages into the home page's bundle.)
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// An attribute of `<body>` as the server wrote it.
pub fn body_attribute(name: &str) -> Option<String> {
    document()?.body()?.get_attribute(name)
}

/// An attribute of `<html>` as the server wrote it.
pub fn root_attribute(name: &str) -> Option<String> {
    document()?.document_element()?.get_attribute(name)
}

/// Sets `window[flag] = true`: tells tests and tools that a part of the
/// page now answers.
pub fn announce(flag: &str) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &flag.into(), &true.into());
    }
}

/// Puts keyboard focus on the element with `id`, if it is on the page.
pub fn focus(id: &str) {
    if let Some(element) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        show_panel_of(&element);
        let _ = element.focus();
    }
}

/// Opens the closed popover panel `element` sits in, if it is hidden (the
/// directory's filters on a phone stay open while a visitor picks several;
/// beside the results on a wide screen they are shown and left alone).
fn show_panel_of(element: &web_sys::HtmlElement) {
    let Ok(Some(panel)) = element.closest("[popover]") else {
        return;
    };
    let hidden = element.offset_parent().is_none();
    if hidden && !panel.matches(":popover-open").unwrap_or(true) {
        if let Ok(show) = js_sys::Reflect::get(&panel, &"showPopover".into()) {
            if let Ok(show) = show.dyn_into::<js_sys::Function>() {
                let _ = show.call0(&panel);
            }
        }
    }
}

/// The `name` attribute of an event's target (a form field), if it has one.
pub fn name_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .get_attribute("name")
}

/// What the server answered a form posted in place with.
pub enum Answered {
    /// An answer for the page to apply (JSON).
    Json(String),
    /// A page of its own (a refusal: too many attempts, unavailable…).
    Page(String),
    /// No answer (the connection failed).
    Nothing,
}

/// Posts `form` to `action` as the browser would (URL-encoded, or
/// multipart when the form says so), marked with `header`.
pub async fn post_form(
    form: &web_sys::HtmlFormElement,
    action: &str,
    header: (&str, &str),
    submitter: Option<(String, String)>,
) -> Answered {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return Answered::Nothing;
    };
    if let Some((name, value)) = submitter {
        let _ = data.append_with_str(&name, &value);
    }
    let request = gloo_net::http::Request::post(action).header(header.0, header.1);
    let request = if form.enctype() == "multipart/form-data" {
        request.body(data)
    } else {
        match web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) {
            Ok(fields) => request.body(fields),
            Err(_) => return Answered::Nothing,
        }
    };
    let Ok(response) = (match request {
        Ok(request) => request.send().await,
        Err(_) => return Answered::Nothing,
    }) else {
        return Answered::Nothing;
    };
    let json = response
        .headers()
        .get("content-type")
        .is_some_and(|kind| kind.starts_with("application/json"));
    match response.text().await {
        Ok(text) if json => Answered::Json(text),
        Ok(text) => Answered::Page(text),
        Err(_) => Answered::Nothing,
    }
}

/// The address shown: path and query (`/assemblies/3?done=item`).
pub fn here() -> String {
    web_sys::window()
        .and_then(|w| Some(w.location().pathname().ok()? + &w.location().search().ok()?))
        .unwrap_or_default()
}

/// Loads `url` as a new page.
pub fn load(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// Shows `html` (a whole page of the server's) in place of this one.
pub fn show_page(html: &str) {
    let Some(document) = document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) else {
        return;
    };
    if document.open().is_ok() {
        let _ = document.write(&js_sys::Array::of1(&html.into()));
        let _ = document.close();
    }
}

/// Empties the password fields of `form`: a page rendered again never
/// shows one back, and neither does a form answered in place.
pub fn clear_passwords(form: &web_sys::HtmlFormElement) {
    let Ok(fields) = form.query_selector_all("input[type=password]") else {
        return;
    };
    for i in 0..fields.length() {
        if let Some(field) = fields
            .item(i)
            .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            field.set_value("");
        }
    }
}

/// The form an event (a submit) happened on.
pub fn form_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::HtmlFormElement> {
    target?.dyn_into::<web_sys::HtmlFormElement>().ok()
}

/// The name and value of the button that submitted a form, when it has a
/// name (a plain post sends them; `FormData` of the form alone does not).
pub fn submitter_of(ev: &web_sys::SubmitEvent) -> Option<(String, String)> {
    let button = ev.submitter()?.dyn_into::<web_sys::Element>().ok()?;
    let name = button.get_attribute("name").filter(|n| !n.is_empty())?;
    Some((name, button.get_attribute("value").unwrap_or_default()))
}

/// Puts keyboard focus on what the page shows next for the first of
/// `selectors` that matches: an element that was not there when this was
/// called (the page is still showing the outcome, or still loading it), or,
/// after half a second, one that stayed. Tries for up to two seconds, and
/// stops early when a later answer asks the same (its outcome is the one
/// to read) or when focus has gone somewhere else meanwhile (the person
/// moved on: focus is never pulled from under them).
pub fn focus_when_shown(selectors: &'static [&'static str]) {
    const BEFORE: &str = "data-shown-before";
    const TRIES: u32 = 40;
    thread_local! {
        /// The newest call's number: an older call's tries stop.
        static NEWEST: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    fn matching(selector: &str) -> Vec<web_sys::Element> {
        let Some(found) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
            return Vec::new();
        };
        (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    }
    /// The element with focus, unless it is the page itself, or one taken
    /// away since (what it was, when the answer replaced it).
    fn focused() -> Option<web_sys::Element> {
        let document = document()?;
        let active = document.active_element()?;
        let page = document.body().map(web_sys::Element::from);
        (Some(&active) != page.as_ref() && active.is_connected()).then_some(active)
    }
    fn attempt(
        selectors: &'static [&'static str],
        tries: u32,
        call: u64,
        had_focus: Option<web_sys::Element>,
    ) {
        gloo_timers::callback::Timeout::new(50, move || {
            if NEWEST.with(|n| n.get()) != call {
                return;
            }
            if let Some(now) = focused() {
                if Some(&now) != had_focus.as_ref() {
                    return;
                }
            }
            let stayed_too = tries < TRIES - 10;
            let found = selectors
                .iter()
                .find_map(|s| {
                    matching(s)
                        .into_iter()
                        .find(|e| stayed_too || !e.has_attribute(BEFORE))
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match found {
                Some(element) => {
                    // A notice or a summary is no control: made focusable.
                    if !element.has_attribute("tabindex") {
                        let _ = element.set_attribute("tabindex", "-1");
                    }
                    let _ = element.focus();
                }
                None if tries > 0 => attempt(selectors, tries - 1, call, had_focus),
                None => {}
            }
        })
        .forget();
    }
    let call = NEWEST.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    for selector in selectors {
        for element in matching(selector) {
            let _ = element.set_attribute(BEFORE, "");
        }
    }
    attempt(selectors, TRIES, call, focused());
}

/// One job run a little after the last call to [`Later::run`]: each call
/// replaces the job still waiting. (Saving while typing waits for a pause.)
#[derive(Clone, Copy)]
pub struct Later(StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>);

impl Later {
    pub fn new() -> Later {
        Later(StoredValue::new_local(None))
    }

    /// Runs `job` after `millis`, dropping the job that was waiting.
    pub fn run(self, millis: u32, job: impl FnOnce() + 'static) {
        self.0
            .try_set_value(Some(gloo_timers::callback::Timeout::new(millis, job)));
    }

    /// Drops the job that was waiting, if any.
    pub fn cancel(self) {
        if let Some(waiting) = self.0.try_update_value(Option::take).flatten() {
            waiting.cancel();
        }
    }
}

impl Default for Later {
    fn default() -> Later {
        Later::new()
    }
}

/// Follows the server-sent events of type `event` at `url` until the
/// returned handle is aborted: `on_data` gets each event's data. The browser
/// reconnects by itself when a connection drops (after the delay the server
/// names); when it gives up — the server answered with an error, as during
/// a restart behind a proxy — the stream is opened again after 1 s, then
/// waiting twice as long each time up to a minute.
pub fn follow_stream(
    url: String,
    event: &'static str,
    mut on_data: impl FnMut(String) + 'static,
) -> futures::future::AbortHandle {
    use futures::StreamExt;
    let (following, stop) = futures::future::abortable(async move {
        let mut wait = FIRST_RETRY_MS;
        loop {
            if let Ok(mut source) = gloo_net::eventsource::futures::EventSource::new(&url) {
                if let Ok(mut events) = source.subscribe(event) {
                    // Ends when the browser has given up on the connection.
                    while let Some(Ok((_, message))) = events.next().await {
                        wait = FIRST_RETRY_MS;
                        if let Some(data) = message.data().as_string() {
                            on_data(data);
                        }
                    }
                }
            }
            gloo_timers::future::TimeoutFuture::new(wait).await;
            wait = (wait * 2).min(LAST_RETRY_MS);
        }
    });
    leptos::task::spawn_local(async move {
        let _ = following.await;
    });
    // Aborting drops the loop, and so closes the stream.
    stop
}

/// The path of the page the browser shows now.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Runs `job` after `millis`, whatever happens to the component that asked.
pub fn after(millis: u32, job: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(millis, job).forget();
}

const FIRST_RETRY_MS: u32 = 1_000;
const LAST_RETRY_MS: u32 = 60_000;

/// Keeps the head's canonical and alternate links naming the page shown.
/// The server writes them for the page it renders; when the router moves
/// to another page without loading it, they are rewritten here to the new
/// page's addresses (same origin, the one the server configured).
pub fn keep_addresses_current(lang: crate::i18n::Lang) {
    use crate::i18n::Lang;
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let (path, query) = (location.pathname.get(), location.search.get());
        let path = crate::i18n::page_path(&path);
        let page = if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        };
        let Some(links) = document().and_then(|d| {
            d.query_selector_all("link[rel=canonical], link[rel=alternate][hreflang]")
                .ok()
        }) else {
            return;
        };
        for link in
            (0..links.length()).filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
        {
            let which = match link.get_attribute("hreflang").as_deref() {
                None => lang,
                Some("en") => Lang::En,
                Some(_) => Lang::Ka,
            };
            let Some(origin) = link.get_attribute("href").and_then(|href| origin_of(&href)) else {
                continue;
            };
            let _ = link.set_attribute("href", &format!("{origin}{}", which.at(&page)));
        }
    });
}

/// `https://host:port` of an absolute URL.
fn origin_of(url: &str) -> Option<String> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    Some(url[..end].to_string())
}
