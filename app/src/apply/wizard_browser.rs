//! The wizard in the browser: answers follow the typing, fields are
//! checked when they are left, and answers are saved as they are typed, one
//! save at a time. Compiled for the browser only.

use super::api::save_answers;
use crate::auth::validate::Problem;
use crate::domain::application::{check_step, Account, Answers};
use crate::domain::date::Date;
use leptos::prelude::*;

/// Applies one input or change event of the form to the answers; returns
/// the field's name.
pub(super) fn apply_event(
    ev: &leptos::ev::Event,
    answers: RwSignal<Answers>,
    password: StoredValue<(String, String)>,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    apply_field(&target, answers, password)
}

/// Takes one field's current value (or checked state) into the answers.
fn apply_field(
    target: &web_sys::Element,
    answers: RwSignal<Answers>,
    password: StoredValue<(String, String)>,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    let name = target.get_attribute("name")?;
    let kind = target.get_attribute("type").unwrap_or_default();
    let input = target.dyn_ref::<web_sys::HtmlInputElement>();
    let checked = input.is_some_and(|i| i.checked());
    let value = if let Some(input) = input {
        input.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        return None;
    };
    match (name.as_str(), kind.as_str()) {
        ("password", _) => password.update_value(|p| p.0 = value),
        ("password_confirm", _) => password.update_value(|p| p.1 = value),
        ("consent_data", _) => answers.update(|a| a.consent_data = checked),
        ("listed", _) => answers.update(|a| a.listed = checked),
        (field, "checkbox") => answers.update(|a| {
            if let Some(list) = a.list_mut(field) {
                list.retain(|v| *v != value);
                if checked {
                    list.push(value);
                }
            }
        }),
        (_, "radio") if !checked => {}
        (field, _) => answers.update(|a| {
            if let Some(text) = a.text_mut(field) {
                *text = value;
            }
        }),
    }
    Some(name)
}

/// Once the page is interactive, takes whatever was typed before that into
/// the answers, so the panel and the checks start from what is on screen.
pub(super) fn take_typed(
    form: &web_sys::HtmlFormElement,
    answers: RwSignal<Answers>,
    password: StoredValue<(String, String)>,
) {
    use wasm_bindgen::JsCast;
    let Ok(fields) = form.query_selector_all("input[name], select[name], textarea[name]") else {
        return;
    };
    for i in 0..fields.length() {
        if let Some(field) = fields
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            if field.get_attribute("type").as_deref() != Some("hidden") {
                apply_field(&field, answers, password);
            }
        }
    }
}

/// Saves the answers while they are typed, one save at a time and in order:
/// answers changed while a save is on its way are sent when it has
/// arrived, so an older save can never land after a newer one.
#[derive(Clone, Copy)]
pub(super) struct Saver {
    answers: RwSignal<Answers>,
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
    /// A form post waiting for the save on its way: the form and the button.
    held:
        StoredValue<Option<(web_sys::HtmlFormElement, Option<web_sys::HtmlElement>)>, LocalStorage>,
}

impl Saver {
    pub(super) fn new(answers: RwSignal<Answers>) -> Saver {
        Saver {
            answers,
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
            held: StoredValue::new_local(None),
        }
    }

    pub(super) fn busy(self) -> bool {
        self.busy.try_get_value().unwrap_or(false)
    }

    pub(super) fn save(self) {
        if self.busy() {
            self.again.try_set_value(true);
            return;
        }
        self.busy.try_set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.try_set_value(false);
                let Some(json) = self
                    .answers
                    .try_with_untracked(|a| serde_json::to_string(a).unwrap_or_default())
                else {
                    return;
                };
                let _ = save_answers(json).await;
                let held = self.held.try_with_value(Option::is_some).unwrap_or(false);
                if held || !self.again.try_get_value().unwrap_or(false) {
                    break;
                }
            }
            self.busy.try_set_value(false);
            if let Some((form, button)) = self.held.try_update_value(Option::take).flatten() {
                let _ = form.request_submit_with_submitter(button.as_ref());
            }
        });
    }

    /// Posts the form once the save on its way has arrived.
    pub(super) fn submit_after(self, ev: &leptos::ev::SubmitEvent) {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
        let button = ev
            .submitter()
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(form) = form {
            self.held.try_set_value(Some((form, button)));
        }
    }
}

/// Checks the step's rules and shows (or clears) the problem of `field`.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_one(
    field: &str,
    answers: RwSignal<Answers>,
    password: StoredValue<(String, String)>,
    problems: RwSignal<Vec<(String, Problem)>>,
    step: u8,
    today: Date,
    logged_in: bool,
    has_password: bool,
) {
    let found = password.with_value(|(p, c)| {
        let account = if logged_in {
            Account::LoggedIn
        } else if p.is_empty() && c.is_empty() {
            Account::Saved(has_password)
        } else {
            Account::Typed {
                password: p.as_str(),
                confirm: c.as_str(),
            }
        };
        answers.with_untracked(|a| check_step(a, step, today, account))
    });
    // Only the field left; a blank password is not an error until posted.
    let problem = found
        .into_iter()
        .find(|(f, _)| f == field)
        .map(|(_, p)| p)
        .filter(|p| !(field.starts_with("password") && *p == Problem::Required));
    problems.update(|list| {
        list.retain(|(f, _)| f != field);
        if let Some(problem) = problem {
            list.push((field.to_string(), problem));
        }
    });
}
