//! The membership application wizard (`/apply`).
//!
//! Each step is a plain form that posts to `/apply`: the server checks it,
//! saves the draft and shows the next step, or shows the same step again
//! with every answer kept and each problem next to its field. With
//! JavaScript the eligibility panel follows the answers as they are typed,
//! fields are checked when they are left, and answers are saved on the
//! server as they are typed, so a reload loses nothing.

use super::api::load_wizard;
#[cfg(feature = "hydrate")]
use super::api::save_answers;
use super::check::{invalid_text, verdict_text, StepCheck};
use super::WizardView;
use crate::auth::validate::Problem;
use crate::components::form::query_value;
use crate::components::loading::{LoadError, Loading};
use crate::domain::application::{self, Answers, STEPS};
#[cfg(feature = "hydrate")]
use crate::domain::application::{check_step, Account};
use crate::domain::date::Date;
use crate::domain::eligibility::{Category, Verdict};
use crate::domain::reference::{
    label, Entry, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS,
};
use crate::i18n::{use_i18n, Messages, Text};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let step = query_value("step");
    let wizard = Resource::new(move || step().parse::<u8>().unwrap_or(1), load_wizard);
    view! {
        <Title text=t().apply().title/>
        <div class="container page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match wizard.await {
                        Ok(view) => view! { <Wizard view/> }.into_any(),
                        Err(_) => view! { <h1>{t().apply().title}</h1><LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The label of a wizard field by name, for the error summary.
pub fn field_label(t: &'static Messages, field: &str) -> &'static str {
    let a = t.apply();
    match field {
        "name_ka" => a.name_ka,
        "name_en" => a.name_en,
        "legal_form" => t.reference().legal_form,
        "id_code" => t.members().identification_code,
        "registered_on" => a.registered_on,
        "region" => a.regions,
        "sector" => a.sectors,
        "activity_start" => a.activity_start,
        "mission" => a.mission,
        "projects" => a.projects,
        "impact" => a.impact,
        "statement" => a.statement,
        "contact_name" => a.contact_name,
        "contact_email" => a.contact_email,
        "contact_phone" => a.contact_phone,
        "password" => t.auth().password,
        "password_confirm" => t.auth().password_confirm,
        "category" => t.reference().category,
        "consent_data" => a.consent_data,
        "listed" => a.listed,
        _ => "",
    }
}

pub(super) fn step_title(t: &'static Messages, step: u8) -> &'static str {
    t.apply().steps[usize::from(step.clamp(1, STEPS) - 1)]
}

/// Applies one input or change event of the form to the answers; returns
/// the field's name.
#[cfg(feature = "hydrate")]
fn apply_event(
    ev: &leptos::ev::Event,
    answers: RwSignal<Answers>,
    password: StoredValue<(String, String)>,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    apply_field(&target, answers, password)
}

/// Takes one field's current value (or checked state) into the answers.
#[cfg(feature = "hydrate")]
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
#[cfg(feature = "hydrate")]
fn take_typed(
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
#[cfg(feature = "hydrate")]
#[derive(Clone, Copy)]
struct Saver {
    answers: RwSignal<Answers>,
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
    /// A form post waiting for the save on its way: the form and the button.
    held:
        StoredValue<Option<(web_sys::HtmlFormElement, Option<web_sys::HtmlElement>)>, LocalStorage>,
}

#[cfg(feature = "hydrate")]
impl Saver {
    fn new(answers: RwSignal<Answers>) -> Saver {
        Saver {
            answers,
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
            held: StoredValue::new_local(None),
        }
    }

    fn busy(self) -> bool {
        self.busy.try_get_value().unwrap_or(false)
    }

    fn save(self) {
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
    fn submit_after(self, ev: &leptos::ev::SubmitEvent) {
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

#[component]
fn Wizard(view: WizardView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let WizardView {
        step,
        step_done,
        answers,
        problems,
        account,
        has_password,
        is_change,
        today,
    } = view;
    let logged_in = account.is_some();
    let initial_problems = problems.clone();
    let answers = RwSignal::new(answers);
    let problems = RwSignal::new(problems);
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let password = StoredValue::new((String::new(), String::new()));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            take_typed(&form, answers, password);
        }
    });
    #[cfg(feature = "hydrate")]
    let (on_input, on_leave, on_submit) = {
        let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
        let saver = Saver::new(answers);
        // The post carries every answer: a save still waiting is dropped,
        // and a save already on its way is let arrive first, so that it
        // cannot land after the post and put older answers back.
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            if saver.busy() {
                ev.prevent_default();
                saver.submit_after(&ev);
            }
        };
        let on_input = move |ev: leptos::ev::Event| {
            if apply_event(&ev, answers, password).is_some() {
                if let Some(handle) = pending.get_value() {
                    handle.clear();
                }
                let handle = set_timeout_with_handle(
                    move || saver.save(),
                    std::time::Duration::from_millis(600),
                )
                .ok();
                pending.set_value(handle);
            }
        };
        let on_leave = move |ev: leptos::ev::FocusEvent| {
            use wasm_bindgen::JsCast;
            let Some(name) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.get_attribute("name"))
            else {
                return;
            };
            // A list is checked when focus leaves the whole group.
            let within_group = ev
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.get_attribute("name"))
                .is_some_and(|n| n == name);
            if !within_group {
                check_one(
                    &name,
                    answers,
                    password,
                    problems,
                    step,
                    today,
                    logged_in,
                    has_password,
                );
            }
        };
        (on_input, on_leave, on_submit)
    };
    #[cfg(not(feature = "hydrate"))]
    let (on_input, on_leave, on_submit) = (
        |_: leptos::ev::Event| {},
        |_: leptos::ev::FocusEvent| {},
        |_: leptos::ev::SubmitEvent| {},
    );

    let initial = answers.get_untracked();
    let values = StoredValue::new(initial.clone());
    let back = (step > 1).then(|| {
        view! {
            <button type="submit" name="go" value="back" class="button button-secondary" formnovalidate=true>
                {t().apply().back}
            </button>
        }
    });
    view! {
        <Title text=move || format!("{} — {}", step_title(t(), step), t().apply().title)/>
        <h1>{move || if is_change { t().apply().title_change } else { t().apply().title }}</h1>
        <p class="wizard-progress" id="wizard-progress">{move || (t().apply().step_of)(step, STEPS)} ": " <strong>{move || step_title(t(), step)}</strong></p>
        <nav aria-labelledby="wizard-progress" class="wizard-steps">
            <ol>
                {(1..=STEPS).map(|s| {
                    let reachable = s <= step_done + 1 && s != step;
                    view! {
                        <li class:current=s == step class:done=s <= step_done aria-current=(s == step).then_some("step")>
                            {if reachable {
                                view! { <a href=format!("/apply?step={s}")>{move || step_title(t(), s)}</a> }.into_any()
                            } else {
                                view! { <span>{move || step_title(t(), s)}</span> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
        <div class="wizard">
            <div class="wizard-main">
                <ErrorSummary problems=initial_problems/>
                <form method="post" action="/apply" class="form wizard-form" novalidate=true
                    on:input=on_input on:change=on_input on:focusout=on_leave on:submit=on_submit node_ref=form_ref>
                    <input type="hidden" name="step" value=step.to_string()/>
                    {match step {
                        1 => view! { <StepOrganisation values problems/> }.into_any(),
                        2 => view! { <StepActivity values problems/> }.into_any(),
                        3 => view! { <StepContact values problems account has_password ask_password=!is_change/> }.into_any(),
                        4 => view! { <StepCategory values problems today/> }.into_any(),
                        _ => view! { <StepCheck answers=initial.clone() account=logged_in/> }.into_any(),
                    }}
                    <div class="wizard-buttons">
                        <button type="submit" name="go" value="next" class="button">
                            {move || if step == STEPS { t().apply().submit } else { t().apply().next }}
                        </button>
                        {back}
                    </div>
                </form>
            </div>
            <EligibilityPanel answers today/>
        </div>
    }
}

/// Checks the step's rules and shows (or clears) the problem of `field`.
#[cfg(feature = "hydrate")]
#[allow(clippy::too_many_arguments)]
fn check_one(
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

#[component]
fn ErrorSummary(problems: Vec<(String, Problem)>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">{t().auth().error_summary}</h2>
                <ul>
                    {problems.into_iter().map(|(field, problem)| {
                        let anchor = format!("#field-{field}");
                        view! {
                            <li><a href=anchor>{field_label(t(), &field)} ": " {t().problems().of(problem)}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

type Problems = RwSignal<Vec<(String, Problem)>>;

fn problem_in(
    problems: Problems,
    field: &'static str,
) -> impl Fn() -> Option<Problem> + Copy + Send + Sync {
    move || problems.with(|p| p.iter().find(|(f, _)| f == field).map(|(_, p)| *p))
}

fn described_by(name: &str, hint: bool, problem: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("field-{name}-hint"));
    }
    if problem {
        ids.push(format!("field-{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
fn FieldError(name: &'static str, problem: Option<Problem>) -> impl IntoView {
    let i18n = use_i18n();
    problem.map(|p| view! { <p class="field-error" id=format!("field-{name}-error")>{i18n.t().problems().of(p)}</p> })
}

/// Label, hint, error and a one-line input.
#[component]
fn Input(
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
fn Area(
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
                aria-describedby=move || described_by(name, true, problem().is_some())>{value}</textarea>
        </div>
    }
}

#[component]
fn Choices(
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

#[component]
fn StepOrganisation(values: StoredValue<Answers>, problems: Problems) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let v = values.get_value();
    let form_problem = problem_in(problems, "legal_form");
    let current_form = v.legal_form.clone();
    view! {
        <Input name="name_ka" label=|t| t.apply().name_ka value=v.name_ka problems autocomplete="organization" required=true/>
        <Input name="name_en" label=|t| t.apply().name_en value=v.name_en problems lang="en" hint=|t| t.apply().name_en_hint/>
        <div class="field" class:field-invalid=move || form_problem().is_some()>
            <label for="field-legal_form">{t().reference().legal_form}</label>
            <p class="hint" id="field-legal_form-hint">{t().apply().legal_form_hint}</p>
            {move || view! { <FieldError name="legal_form" problem=form_problem()/> }}
            <select id="field-legal_form" name="legal_form" required=true
                aria-invalid=move || form_problem().map(|_| "true")
                aria-describedby=move || described_by("legal_form", true, form_problem().is_some())>
                <option value="" selected=current_form.is_empty()>{t().apply().choose}</option>
                {LEGAL_FORMS.iter().map(|e| view! {
                    <option value=e.code selected=e.code == current_form>{e.label(i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
        <Input name="id_code" label=|t| t.members().identification_code value=v.id_code problems inputmode="numeric" hint=|t| t.apply().id_code_hint required=true/>
        <Input name="registered_on" label=|t| t.apply().registered_on value=v.registered_on problems kind="date" hint=|t| t.apply().date_hint required=true/>
        <Choices name="region" legend=|t| t.apply().regions list=REGIONS selected=v.regions problems required=true/>
        <Choices name="sector" legend=|t| t.apply().sectors list=SECTORS selected=v.sectors problems required=true/>
    }
}

#[component]
fn StepActivity(values: StoredValue<Answers>, problems: Problems) -> impl IntoView {
    let v = values.get_value();
    view! {
        <Input name="activity_start" label=|t| t.apply().activity_start value=v.activity_start problems kind="date" hint=|t| t.apply().activity_start_hint/>
        <Area name="mission" label=|t| t.apply().mission value=v.mission problems max=application::MISSION_MAX required=true/>
        <Area name="projects" label=|t| t.apply().projects value=v.projects problems max=application::PROJECTS_MAX/>
        <Choices name="impact" legend=|t| t.apply().impact list=IMPACT_AREAS selected=v.impact problems/>
        <Area name="statement" label=|t| t.apply().statement value=v.statement problems max=application::STATEMENT_MAX hint=|t| t.apply().statement_hint/>
    }
}

#[component]
fn StepContact(
    values: StoredValue<Answers>,
    problems: Problems,
    account: Option<(String, String)>,
    has_password: bool,
    ask_password: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if let Some((name, email)) = account {
        return view! { <p>{move || (t().apply().signed_in_as)(&name, &email)}</p> }.into_any();
    }
    let v = values.get_value();
    view! {
        <p>{t().apply().contact_lead} " " <a href="/login?next=/apply%3Fstep%3D3">{t().apply().have_account}</a></p>
        <Input name="contact_name" label=|t| t.apply().contact_name value=v.contact_name problems autocomplete="name" required=true/>
        <Input name="contact_email" label=|t| t.apply().contact_email value=v.contact_email problems kind="email" autocomplete="email" required=true/>
        <Input name="contact_phone" label=|t| t.apply().contact_phone value=v.contact_phone problems kind="tel" autocomplete="tel" hint=|t| t.profile_edit().phone_hint required=true/>
        {ask_password.then(|| view! {
            <Input name="password" label=|t| t.auth().password value=String::new() problems kind="password" autocomplete="new-password"
                hint=if has_password { |t: &'static Messages| t.apply().password_kept } else { |t: &'static Messages| t.auth().password_hint }/>
            <Input name="password_confirm" label=|t| t.auth().password_confirm value=String::new() problems kind="password" autocomplete="new-password"/>
        })}
    }
    .into_any()
}

#[component]
fn StepCategory(values: StoredValue<Answers>, problems: Problems, today: Date) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let v = values.get_value();
    let assessment = v.assess(today).ok();
    let problem = problem_in(problems, "category");
    let consent_problem = problem_in(problems, "consent_data");
    let chosen = v.category.clone();
    view! {
        <fieldset id="field-category" class="choices" class:field-invalid=move || problem().is_some()
            aria-describedby=move || described_by("category", true, problem().is_some())>
            <legend>{t().apply().category_legend}</legend>
            <p class="hint" id="field-category-hint">{t().apply().category_hint}</p>
            {move || view! { <FieldError name="category" problem=problem()/> }}
            <ul class="plain choice-list">
                {Category::ALL.into_iter().map(|c| {
                    let verdict = assessment.map(|a| a.get(c));
                    let eligible = verdict.is_some_and(Verdict::is_eligible);
                    let id = format!("field-category-{}", c.code());
                    let note_id = format!("{id}-note");
                    view! {
                        <li class="radio">
                            <input type="radio" id=id.clone() name="category" value=c.code() checked=chosen == c.code()
                                disabled=!eligible aria-describedby=note_id.clone()/>
                            <label for=id>{move || label(CATEGORIES, c.code(), i18n.lang())}</label>
                            <p class="hint" id=note_id>{move || verdict.map(|v| verdict_text(t(), v)).unwrap_or_default()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
        <fieldset>
            <legend>{t().apply().consents}</legend>
            <div class="checkbox" class:field-invalid=move || consent_problem().is_some()>
                {move || view! { <FieldError name="consent_data" problem=consent_problem()/> }}
                <input type="checkbox" id="field-consent_data" name="consent_data" value="1" checked=v.consent_data
                    aria-invalid=move || consent_problem().map(|_| "true")
                    aria-describedby=move || described_by("consent_data", false, consent_problem().is_some())/>
                <label for="field-consent_data">{t().apply().consent_data}</label>
            </div>
            <div class="checkbox">
                <input type="checkbox" id="field-listed" name="listed" value="1" checked=v.listed/>
                <label for="field-listed">{t().apply().listed}</label>
            </div>
        </fieldset>
    }
}

/// The live eligibility panel: follows the answers as they change.
#[component]
fn EligibilityPanel(answers: RwSignal<Answers>, today: Date) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let assessment = Memo::new(move |_| answers.with(|a| a.assess(today)));
    let summary = move || match assessment.get() {
        Ok(a) => (t().apply().eligibility_summary)(&a),
        Err(invalid) => invalid_text(t(), invalid).to_string(),
    };
    let row = move |c: Category| {
        view! {
            <div>
                <dt>{move || label(CATEGORIES, c.code(), i18n.lang())}</dt>
                <dd>{move || match assessment.get() {
                    Ok(a) => verdict_text(t(), a.get(c)),
                    Err(_) => "—".to_string(),
                }}</dd>
            </div>
        }
    };
    view! {
        <aside class="eligibility" aria-labelledby="eligibility-title">
            <h2 id="eligibility-title">{t().apply().eligibility_title}</h2>
            <p role="status" class="eligibility-summary">{summary}</p>
            <dl class="eligibility-list">
                {row(Category::Full)}
                {row(Category::Associate)}
                {row(Category::Honorary)}
            </dl>
            <p class="hint">{t().apply().eligibility_note}</p>
        </aside>
    }
}
