//! The applicant's status page (`/apply/status`): each application with its
//! history, found by the status link's token or the signed-in account.

use super::api::load_status;
use super::StatusView;
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading};
use crate::components::post_form::{page_value, problem_of, PostForm};
use crate::domain::application::ApplicationStatus;
use crate::domain::date::Date;
use crate::domain::reference::{label, CATEGORIES};
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApplicationStatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let token = page_value("token");
    let sent = page_value("sent");
    let outcome = page_value("outcome");
    // Loaded again after a withdrawal (its answer's address differs).
    let found = Resource::new(
        move || (token(), outcome()),
        |(token, _)| load_status(token),
    );
    view! {
        <Title text=t().apply().status_title/>
        <div class="container page">
            <h1>{t().apply().status_title}</h1>
            {move || (sent() == "1").then(|| view! { <Notice>{t().apply().sent_notice}</Notice> })}
            {move || match outcome().as_str() {
                "withdrawn" => Some(view! { <Notice>{t().leaving().withdrawn}</Notice> }),
                "not_withdrawn" => Some(view! { <Notice error=true>{t().leaving().not_withdrawn}</Notice> }),
                _ => None,
            }}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(list) if list.is_empty() && sent() == "1" => view! { <p>{t().apply().sent_check_mail}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p>{t().apply().status_none}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|s| view! { <StatusCard status=s/> }).collect_view().into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The word for an application status or an event's action.
pub fn status_label(t: &'static Messages, status: &str) -> &'static str {
    let s = t.apply().statuses;
    match status {
        "submitted" => s[0],
        "returned" => s[1],
        "resubmitted" => s[2],
        "approved" => s[3],
        "rejected" => s[4],
        "withdrawn" => s[5],
        _ => "",
    }
}

#[component]
fn StatusCard(status: StatusView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let StatusView {
        id,
        name_ka,
        name_en,
        category,
        status,
        granted,
        submitted_at,
        events,
        organisation_slug,
        token,
        ..
    } = status;
    let names = StoredValue::new((name_ka, name_en));
    let name = move || {
        names
            .try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string())
            .unwrap_or_default()
    };
    let returned = status == ApplicationStatus::Returned;
    let (which, confirm_problem) = (page_value("application"), problem_of("confirm"));
    // The problem shows at the application it was posted for.
    let confirm_problem = move || confirm_problem().filter(|_| which() == id.to_string());
    let withdraw_token = token.clone();
    view! {
        <section class="card status-card" aria-labelledby="status-name">
            <h2 id="status-name">{name}</h2>
            <dl class="summary-list">
                <div><dt>{t().apply().status_label}</dt><dd><strong class=format!("status status-{}", status.code())>{move || status_label(t(), status.code())}</strong></dd></div>
                <div><dt>{t().apply().requested}</dt><dd>{label(CATEGORIES, &category, i18n.lang())}</dd></div>
                {granted.map(|g| view! { <div><dt>{t().apply().granted}</dt><dd>{label(CATEGORIES, &g, i18n.lang())}</dd></div> })}
                <div><dt>{t().apply().submitted_on}</dt><dd>{move || i18n.date(Date::from_unix(submitted_at + crate::apply::TBILISI_OFFSET_SECONDS))}</dd></div>
            </dl>
            {organisation_slug.map(|slug| view! { <p><a href=crate::i18n::at(&format!("/members/{slug}"))>{t().apply().see_profile}</a></p> })}
            {(returned).then(|| view! {
                <PostForm action="/apply/reopen" class="form-inline">
                    <input type="hidden" name="token" value=token.unwrap_or_default()/>
                    <button type="submit" class="button">{t().apply().change_answers}</button>
                </PostForm>
            })}
            {status.is_open().then(|| {
                let field = format!("withdraw-confirm-{id}");
                let error_id = format!("{field}-error");
                let described = error_id.clone();
                view! {
                    <details class="withdraw" open=move || confirm_problem().is_some()>
                        <summary>{t().leaving().withdraw_heading}</summary>
                        <p>{t().leaving().withdraw_lead}</p>
                        <PostForm action="/apply/withdraw">
                            {match withdraw_token {
                                Some(token) => view! { <input type="hidden" name="token" value=token/> }.into_any(),
                                None => view! { <input type="hidden" name="application" value=id.to_string()/> }.into_any(),
                            }}
                            <div class="field" class:field-invalid=move || confirm_problem().is_some()>
                                {move || confirm_problem().map(|p| view! {
                                    <p class="field-error" id=error_id.clone()>{t().problems().of(p)}</p>
                                })}
                                <div class="checkbox">
                                    <input type="checkbox" id=field.clone() name="confirm" value="yes" required
                                        aria-invalid=move || confirm_problem().map(|_| "true")
                                        aria-describedby=move || confirm_problem().map(|_| described.clone())/>
                                    <label for=field.clone()>{t().leaving().withdraw_confirm}</label>
                                </div>
                            </div>
                            <button type="submit" class="button button-danger">{t().leaving().withdraw_submit}</button>
                        </PostForm>
                    </details>
                }
            })}
            <h3>{t().apply().history}</h3>
            <ol class="timeline">
                {events.into_iter().map(|e| {
                    let at = Date::from_unix(e.at + crate::apply::TBILISI_OFFSET_SECONDS);
                    let action = e.action.clone();
                    view! {
                        <li>
                            <strong>{move || status_label(t(), &action)}</strong> " — " {move || i18n.date(at)}
                            {(!e.message.is_empty()).then(|| view! { <blockquote class="reviewer-message">{e.message.clone()}</blockquote> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
