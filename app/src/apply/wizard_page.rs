//! The membership application wizard (`/apply`).
//!
//! Each step is a plain form that posts to `/apply`: the server checks it,
//! saves the draft and shows the next step, or shows the same step again
//! with every answer kept and each problem next to its field. With
//! JavaScript the eligibility panel follows the answers as they are typed,
//! fields are checked when they are left, and answers are saved on the
//! server as they are typed, so a reload loses nothing.

use super::api::load_wizard;
use super::check::{invalid_text, verdict_text, StepCheck};
#[cfg(feature = "hydrate")]
use super::wizard_browser::{apply_event, check_one, take_typed, Saver};
use super::wizard_fields::{live, problem_in, ErrorSummary, Problems};
use super::words::step_title;
use super::{SignedInAs, WizardSubmitted, WizardView};
use crate::components::form::{described_by, Choices, FieldError, Input, TextArea};
use crate::components::loading::{LoadError, Loading};
use crate::components::post_form::{page_value, stage_answer};
use crate::domain::application;
use crate::domain::application::{Answers, STEPS};
use crate::domain::date::Date;
use crate::domain::eligibility::{Category, Verdict};
use crate::domain::reference::{label, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS};
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let step = page_value("step");
    let wizard = Resource::new(move || step().parse::<u8>().unwrap_or(1), load_wizard);
    // A step sent in place that needs correcting.
    let answered = stage_answer::<WizardSubmitted>();
    view! {
        <Title text=t().apply().title/>
        <Meta name="description" content=t().apply().description/>
        <div class="container page">
            <Suspense fallback=Loading>
                {move || {
                    let answered = answered.get();
                    Suspend::new(async move {
                        match wizard.await {
                            Ok(mut view) => {
                                if let Some(again) = answered {
                                    view.step = again.step;
                                    view.answers = again.answers;
                                    view.problems = again.problems;
                                }
                                view! { <Wizard view/> }.into_any()
                            }
                            Err(_) => view! { <h1>{t().apply().title}</h1><LoadError/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
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
        let pending = crate::browser::Later::new();
        let saver = Saver::new(answers);
        let sender =
            crate::components::post_form::InPlaceSender::new(crate::i18n::at("/apply"), None);
        // The post carries every answer: a save still waiting is dropped,
        // and a save already on its way is let arrive first, so that it
        // cannot land after the post and put older answers back. The post
        // is sent in place.
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            pending.cancel();
            if saver.busy() {
                ev.prevent_default();
                saver.submit_after(&ev);
            } else {
                sender.send(&ev);
            }
        };
        // The step's form is taken away when the wizard moves on in place;
        // a field that had focus then still reports leaving it.
        let gone = move || answers.is_disposed() || problems.is_disposed();
        let on_input = move |ev: leptos::ev::Event| {
            if gone() {
                return;
            }
            if apply_event(&ev, answers, password).is_some() {
                pending.run(600, move || saver.save());
            }
        };
        let on_leave = move |ev: leptos::ev::FocusEvent| {
            if gone() {
                return;
            }
            let Some(name) = crate::browser::name_of(ev.target()) else {
                return;
            };
            let going_to = crate::browser::name_of(ev.related_target());
            // Leaving for the step's buttons sends the step, which the server
            // checks: a message shown or taken away now would move the
            // button from under the pointer, and the click would be lost.
            if going_to.as_deref() == Some("go") {
                return;
            }
            // A list is checked when focus leaves the whole group.
            let within_group = going_to.is_some_and(|n| n == name);
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
        <p class="wizard-progress" id="wizard-progress" data-answer="">{move || (t().apply().step_of)(step, STEPS)} ": " <strong>{move || step_title(t(), step)}</strong></p>
        <nav aria-labelledby="wizard-progress" class="wizard-steps">
            <ol>
                {(1..=STEPS).map(|s| {
                    let reachable = s <= step_done + 1 && s != step;
                    view! {
                        <li class:current=s == step class:done=s <= step_done aria-current=(s == step).then_some("step")>
                            {if reachable {
                                view! { <a href=crate::i18n::at(&format!("/apply?step={s}"))>{move || step_title(t(), s)}</a> }.into_any()
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
                <form method="post" action=crate::i18n::at("/apply") class="form wizard-form" novalidate=true
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

#[component]
fn StepOrganisation(values: StoredValue<Answers>, problems: Problems) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let v = values.get_value();
    let form_problem = problem_in(problems, "legal_form");
    let current_form = v.legal_form.clone();
    view! {
        <Input name="name_ka" label=|t| t.apply().name_ka value=v.name_ka problem=live(problems, "name_ka") autocomplete="organization" required=true/>
        <Input name="name_en" label=|t| t.apply().name_en value=v.name_en problem=live(problems, "name_en") lang="en" hint=|t| t.apply().name_en_hint/>
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
        <Input name="id_code" label=|t| t.members().identification_code value=v.id_code problem=live(problems, "id_code") inputmode="numeric" hint=|t| t.apply().id_code_hint required=true/>
        <Input name="registered_on" label=|t| t.apply().registered_on value=v.registered_on problem=live(problems, "registered_on") kind="date" hint=|t| t.apply().date_hint required=true/>
        <Choices name="region" legend=|t| t.apply().regions list=REGIONS selected=v.regions problem=live(problems, "region") required=true/>
        <Choices name="sector" legend=|t| t.apply().sectors list=SECTORS selected=v.sectors problem=live(problems, "sector") required=true/>
    }
}

#[component]
fn StepActivity(values: StoredValue<Answers>, problems: Problems) -> impl IntoView {
    let v = values.get_value();
    view! {
        <Input name="activity_start" label=|t| t.apply().activity_start value=v.activity_start problem=live(problems, "activity_start") kind="date" hint=|t| t.apply().activity_start_hint/>
        <TextArea name="mission" label=|t| t.apply().mission value=v.mission problem=live(problems, "mission") max=application::MISSION_MAX required=true/>
        <TextArea name="projects" label=|t| t.apply().projects value=v.projects problem=live(problems, "projects") max=application::PROJECTS_MAX/>
        <Choices name="impact" legend=|t| t.apply().impact list=IMPACT_AREAS selected=v.impact problem=live(problems, "impact")/>
        <TextArea name="statement" label=|t| t.apply().statement value=v.statement problem=live(problems, "statement") max=application::STATEMENT_MAX hint=|t| t.apply().statement_hint/>
    }
}

#[component]
fn StepContact(
    values: StoredValue<Answers>,
    problems: Problems,
    account: Option<SignedInAs>,
    has_password: bool,
    ask_password: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if let Some(who) = account {
        return view! { <p>{move || (t().apply().signed_in_as)(&who.name, &who.email)}</p> }
            .into_any();
    }
    let v = values.get_value();
    view! {
        <p>{t().apply().contact_lead} " " <a href=crate::i18n::at("/login?next=/apply%3Fstep%3D3")>{t().apply().have_account}</a></p>
        <Input name="contact_name" label=|t| t.apply().contact_name value=v.contact_name problem=live(problems, "contact_name") autocomplete="name" required=true/>
        <Input name="contact_email" label=|t| t.apply().contact_email value=v.contact_email problem=live(problems, "contact_email") kind="email" autocomplete="email" required=true/>
        <Input name="contact_phone" label=|t| t.apply().contact_phone value=v.contact_phone problem=live(problems, "contact_phone") kind="tel" autocomplete="tel" hint=|t| t.profile_edit().phone_hint required=true/>
        {ask_password.then(|| view! {
            <Input name="password" label=|t| t.auth().password value=String::new() problem=live(problems, "password") kind="password" autocomplete="new-password"
                hint=if has_password { |t: &'static Messages| t.apply().password_kept } else { |t: &'static Messages| t.auth().password_hint }/>
            <Input name="password_confirm" label=|t| t.auth().password_confirm value=String::new() problem=live(problems, "password_confirm") kind="password" autocomplete="new-password"/>
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
