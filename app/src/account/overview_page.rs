use super::api::load_account;
use super::AccountOverview;
use crate::auth::Role;
use crate::components::form::{ErrorSummary, Notice, TextField};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{page_value, PostForm};
use crate::error::AppError;
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_meta::Title;

const PASSWORD_FIELDS: &[(&str, Text)] = &[
    ("current_password", |t| t.auth().current_password),
    ("password", |t| t.auth().new_password),
];
const EMAIL_FIELDS: &[(&str, Text)] = &[
    ("email_password", |t| t.auth().current_password),
    ("new_email", |t| t.auth().new_email),
];

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let account = Resource::new(|| (), |_| load_account());
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
    } = account;
    let has_organisation = !organisation_ka.is_empty() || !organisation_en.is_empty();
    view! {
        {move || password_changed().then(|| view! { <Notice>{t().auth().account_password_changed}</Notice> })}
        {move || email_changed().then(|| view! { <Notice>{t().auth().account_email_changed}</Notice> })}
        {move || (!email_sent().is_empty()).then(|| view! { <Notice>{move || (t().auth().account_email_sent)(&email_sent())}</Notice> })}

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
                        " · " <a href=format!("/members/{organisation_slug}/edit")>{t().members().edit_profile}</a>
                    </dd>
                })}
            </dl>
            <p>{move || (t().auth().account_sessions)(sessions)}</p>
        </section>

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
    }
}
