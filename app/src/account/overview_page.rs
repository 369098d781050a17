use super::api::load_account;
use super::{AccountOverview, LeaveRequest, Representative, REPRESENTATIVES_MAX};
use crate::auth::Role;
use crate::components::form::{
    described_by, ErrorSummary, FieldError, Notice, TextArea, TextField,
};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{page_value, problem_of, PostForm};
use crate::error::AppError;
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_meta::Title;

const PASSWORD_FIELDS: &[(&str, Text)] = &[
    ("current_password", |t| t.auth().current_password),
    ("password", |t| t.auth().new_password),
];
const COLLEAGUE_FIELDS: &[(&str, Text)] = &[
    ("colleague_name", |t| t.auth().name),
    ("colleague_email", |t| t.auth().email),
];
const LEAVE_FIELDS: &[(&str, Text)] = &[
    ("reason", |t| t.leaving().leave_reason),
    ("confirm", |t| t.leaving().leave_confirm),
];
const EMAIL_FIELDS: &[(&str, Text)] = &[
    ("email_password", |t| t.auth().current_password),
    ("new_email", |t| t.auth().new_email),
];

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    // Loaded again after every change (its answer's address, or the same
    // address again).
    let search = leptos_router::hooks::use_location().search;
    let again = crate::components::post_form::reposts();
    let account = Resource::new(move || (search.get(), again()), |_| load_account());
    view! {
        <Title text=t().auth().account_title/>
        <div class="container page narrow">
            <h1>{t().auth().account_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(account) => view! { <Account account/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Account(account: AccountOverview) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let flag = |name: &'static str| {
        let value = page_value(name);
        move || !value().is_empty()
    };
    let (password_changed, email_changed) = (flag("password_changed"), flag("email_changed"));
    let email_sent = page_value("email_sent");
    let AccountOverview {
        email,
        display_name,
        role,
        verified,
        organisation_ka,
        organisation_en,
        organisation_slug,
        sessions,
        representatives,
        notify_staff,
        leave,
        board_reminder,
    } = account;
    let board_reminder = board_reminder.map(|r| {
        let ends_on = crate::domain::date::Date::parse(&r.ends_on)
            .map(|d| i18n.date(d))
            .unwrap_or(r.ends_on);
        view! {
            <Notice error=true>
                {(t().board().reminder)(&ends_on, r.days_left)} " "
                <a href=crate::i18n::at("/board")>{t().board().title}</a>
            </Notice>
        }
    });
    let has_organisation = !organisation_ka.is_empty() || !organisation_en.is_empty();
    view! {
        {move || password_changed().then(|| view! { <Notice>{t().auth().account_password_changed}</Notice> })}
        {move || email_changed().then(|| view! { <Notice>{t().auth().account_email_changed}</Notice> })}
        {move || (!email_sent().is_empty()).then(|| view! { <Notice>{move || (t().auth().account_email_sent)(&email_sent())}</Notice> })}
        {board_reminder}

        <section aria-labelledby="details">
            <h2 id="details">{t().auth().account_details}</h2>
            <dl class="facts">
                <dt>{t().auth().name}</dt>
                <dd>{display_name}</dd>
                <dt>{t().auth().email}</dt>
                <dd>{email} {(!verified).then(|| view! { " (" {t().auth().account_email_unverified} ")" })}</dd>
                <dt>{t().auth().account_role}</dt>
                <dd>{move || if role == Role::Member && !has_organisation { t().auth().role_registered } else { t().auth().role(role) }}</dd>
                {has_organisation.then(|| view! {
                    <dt>{t().auth().account_organisation}</dt>
                    <dd>
                        {i18n.lang().pick(&organisation_ka, &organisation_en).to_string()}
                        " · " <a href=crate::i18n::at(&format!("/members/{organisation_slug}/edit"))>{t().members().edit_profile}</a>
                    </dd>
                })}
            </dl>
            <p>{move || (t().auth().account_sessions)(sessions)}</p>
        </section>

        {(!representatives.is_empty()).then(|| view! { <Representatives list=representatives/> })}
        {notify_staff.map(|on| view! { <Notifications on/> })}

        <section aria-labelledby="change-password">
            <h2 id="change-password">{t().auth().account_change_password}</h2>
            <p>{t().auth().account_password_lead}</p>
            <ErrorSummary fields=PASSWORD_FIELDS/>
            <PostForm action="/account/password">
                <TextField name="current_password" label=|t| t.auth().current_password kind="password" autocomplete="current-password"/>
                <TextField name="password" label=|t| t.auth().new_password kind="password" autocomplete="new-password" hint=|t| t.auth().password_hint/>
                <TextField name="password_confirm" label=|t| t.auth().password_confirm kind="password" autocomplete="new-password"/>
                <button type="submit" class="button">{t().auth().account_password_submit}</button>
            </PostForm>
        </section>

        <section aria-labelledby="change-email">
            <h2 id="change-email">{t().auth().account_change_email}</h2>
            <p>{t().auth().account_email_lead}</p>
            <ErrorSummary fields=EMAIL_FIELDS/>
            <PostForm action="/account/email">
                <TextField name="new_email" label=|t| t.auth().new_email kind="email" autocomplete="email" keep="new_email"/>
                <TextField name="email_password" label=|t| t.auth().current_password kind="password" autocomplete="current-password"/>
                <button type="submit" class="button">{t().auth().account_email_submit}</button>
            </PostForm>
        </section>

        <section aria-labelledby="your-data">
            <h2 id="your-data">{t().leaving().data_heading}</h2>
            <p>{t().leaving().data_lead}</p>
            <p><a href="/account/export" download rel="external">{t().leaving().data_link}</a></p>
        </section>

        {leave.map(|leave| view! { <Leave leave/> })}
    }
}

/// Staff's choice of mail about applications and requests to leave.
#[component]
fn Notifications(on: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.t().leaving();
    let saved = page_value("notify_saved");
    view! {
        <section aria-labelledby="notifications">
            <h2 id="notifications">{l().notify_heading}</h2>
            {move || match saved().as_str() {
                "on" => Some(view! { <Notice>{l().notify_on}</Notice> }),
                "off" => Some(view! { <Notice>{l().notify_off}</Notice> }),
                _ => None,
            }}
            <PostForm action="/account/notifications">
                <div class="field checkbox">
                    <input type="checkbox" id="field-notify" name="notify" value="on" checked=on/>
                    <label for="field-notify">{l().notify_label}</label>
                </div>
                <button type="submit" class="button">{l().notify_save}</button>
            </PostForm>
        </section>
    }
}

/// An organisation's request to leave: made (with the box ticked), or
/// standing, with the way to take it back.
#[component]
fn Leave(leave: LeaveRequest) -> impl IntoView {
    let i18n = use_i18n();
    let l = move || i18n.t().leaving();
    let outcome = page_value("leave");
    let reason = page_value("reason");
    let (confirm_problem, reason_problem) = (problem_of("confirm"), problem_of("reason"));
    view! {
        <section aria-labelledby="leaving">
            <h2 id="leaving">{l().leave_heading}</h2>
            {move || match outcome().as_str() {
                "asked" => Some(view! { <Notice>{l().leave_asked}</Notice> }),
                "taken_back" => Some(view! { <Notice>{l().leave_taken_back}</Notice> }),
                _ => None,
            }}
            {match leave.asked_at {
                Some(at) => {
                    let day = i18n.date(crate::domain::date::Date::from_unix(at));
                    view! {
                        <p>{(l().leave_pending)(&day)}</p>
                        <PostForm action="/account/leave">
                            <input type="hidden" name="do" value="take_back"/>
                            <button type="submit" class="button button-secondary">{l().leave_take_back}</button>
                        </PostForm>
                    }.into_any()
                }
                None => view! {
                    <p>{l().leave_lead}</p>
                    <ErrorSummary fields=LEAVE_FIELDS/>
                    <PostForm action="/account/leave">
                        <input type="hidden" name="do" value="ask"/>
                        {move || view! {
                            <TextArea name="reason" label=|t| t.leaving().leave_reason value=reason()
                                problem=reason_problem() max=2000 rows=3/>
                        }}
                        <div class="field" class:field-invalid=move || confirm_problem().is_some()>
                            {move || view! { <FieldError name="confirm" problem=confirm_problem()/> }}
                            <div class="checkbox">
                                <input type="checkbox" id="field-confirm" name="confirm" value="yes" required
                                    aria-invalid=move || confirm_problem().map(|_| "true")
                                    aria-describedby=move || described_by("confirm", false, confirm_problem().is_some())/>
                                <label for="field-confirm">{l().leave_confirm}</label>
                            </div>
                        </div>
                        <button type="submit" class="button button-danger">{l().leave_submit}</button>
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}

/// The organisation's representatives: each can remove another (never the
/// last) and invite a colleague while there are fewer than two.
#[component]
fn Representatives(list: Vec<Representative>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (invited, removed, error) = (
        page_value("invited"),
        page_value("removed"),
        page_value("error"),
    );
    let room = (list.len() as i64) < REPRESENTATIVES_MAX;
    let alone = list.len() == 1;
    view! {
        <section aria-labelledby="representatives">
            <h2 id="representatives">{t().people().reps_heading}</h2>
            <p>{t().people().reps_lead}</p>
            {move || (!invited().is_empty()).then(|| view! { <Notice>{move || (t().people().invited)(&invited())}</Notice> })}
            {move || (!removed().is_empty()).then(|| view! { <Notice>{move || (t().people().reps_removed)(&removed())}</Notice> })}
            {move || match error().as_str() {
                "reps_full" => Some(view! { <Notice error=true>{t().people().reps_full}</Notice> }),
                "reps_last" => Some(view! { <Notice error=true>{t().people().reps_last}</Notice> }),
                "gone" => Some(view! { <Notice error=true>{t().people().gone}</Notice> }),
                _ => None,
            }}
            <ul>
                {list.into_iter().map(|rep| {
                    let who = if rep.display_name.is_empty() { rep.email.clone() } else { rep.display_name.clone() };
                    view! {
                        <li>
                            {rep.display_name.clone()} " · " {rep.email.clone()}
                            {rep.you.then(|| view! { " (" {t().people().reps_you} ")" })}
                            {rep.pending.then(|| view! { " — " {t().people().reps_pending} })}
                            {(!alone).then(|| view! {
                                <PostForm action="/account/representatives" class="inline-form">
                                    <input type="hidden" name="do" value="remove"/>
                                    <input type="hidden" name="user" value=rep.id.to_string()/>
                                    <button type="submit" class="button button-secondary"
                                        aria-label=move || (t().people().reps_remove_who)(&who)>{t().people().reps_remove}</button>
                                </PostForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {room.then(|| view! {
                <h3>{t().people().colleague_heading}</h3>
                <ErrorSummary fields=COLLEAGUE_FIELDS/>
                <PostForm action="/account/representatives">
                    <input type="hidden" name="do" value="invite"/>
                    <TextField name="colleague_name" label=|t| t.auth().name autocomplete="off" keep="colleague_name"/>
                    <TextField name="colleague_email" label=|t| t.auth().email kind="email" autocomplete="off" keep="colleague_email"/>
                    <button type="submit" class="button">{t().people().invite_submit}</button>
                </PostForm>
            })}
        </section>
    }
}
