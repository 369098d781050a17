//! The pages a mailed link opens, and the forgotten-password page.

use crate::components::form::{ErrorSummary, Notice, TextField};
use crate::components::post_form::{page_value, PostForm};
use crate::i18n::{use_i18n, Messages, Text};
use leptos::prelude::*;
use leptos_meta::Title;

/// A link's page: a button that posts the link's token (opening a link never
/// changes anything by itself), or why the link no longer works.
#[component]
fn LinkPage(
    action: &'static str,
    title: Text,
    lead: Text,
    submit: Text,
    #[prop(optional)] fields: Option<fn() -> AnyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (token, error) = (page_value("token"), page_value("error"));
    view! {
        <Title text=move || title(t())/>
        <div class="container page narrow">
            <h1>{move || title(t())}</h1>
            {move || match error().as_str() {
                "" => view! {
                    <p class="lead">{move || lead(t())}</p>
                    <PostForm action=action>
                        <input type="hidden" name="token" value=token/>
                        {fields.map(|f| f())}
                        <button type="submit" class="button">{move || submit(t())}</button>
                    </PostForm>
                }.into_any(),
                "taken" => view! { <Notice error=true>{t().auth().email_taken}</Notice> }.into_any(),
                _ => view! { <Notice error=true>{t().auth().link_invalid}</Notice> }.into_any(),
            }}
        </div>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    view! {
        <LinkPage action="/verify" title=|t: &Messages| t.auth().verify_title
            lead=|t: &Messages| t.auth().verify_lead submit=|t: &Messages| t.auth().verify_submit/>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! {
        <LinkPage action="/confirm-email" title=|t: &Messages| t.auth().confirm_email_title
            lead=|t: &Messages| t.auth().confirm_email_lead submit=|t: &Messages| t.auth().confirm_email_submit/>
    }
}

const RESET_FIELDS: &[(&str, Text)] = &[("password", |t| t.auth().new_password)];

/// A new password, twice: a reset link's and an invitation's page.
fn new_password_fields() -> AnyView {
    view! {
        <ErrorSummary fields=RESET_FIELDS/>
        <TextField name="password" label=|t| t.auth().new_password kind="password" autocomplete="new-password" hint=|t| t.auth().password_hint/>
        <TextField name="password_confirm" label=|t| t.auth().password_confirm kind="password" autocomplete="new-password"/>
    }
    .into_any()
}

#[component]
pub fn ResetPage() -> impl IntoView {
    view! {
        <LinkPage action="/reset" title=|t: &Messages| t.auth().reset_title
            lead=|t: &Messages| t.auth().reset_lead submit=|t: &Messages| t.auth().reset_submit fields=new_password_fields/>
    }
}

/// The invitation's page: the invited person chooses a password.
#[component]
pub fn InvitePage() -> impl IntoView {
    view! {
        <LinkPage action="/invite" title=|t: &Messages| t.people().accept_title
            lead=|t: &Messages| t.people().accept_lead submit=|t: &Messages| t.people().accept_submit fields=new_password_fields/>
    }
}

const FORGOT_FIELDS: &[(&str, Text)] = &[("email", |t| t.auth().email)];

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (sent, email) = (page_value("sent"), page_value("email"));
    view! {
        <Title text=t().auth().forgot_title/>
        <div class="container page narrow">
            <h1>{t().auth().forgot_title}</h1>
            {move || if sent().is_empty() {
                view! {
                    <p class="lead">{t().auth().forgot_lead}</p>
                    <ErrorSummary fields=FORGOT_FIELDS/>
                    <PostForm action="/forgot">
                        <TextField name="email" label=|t| t.auth().email kind="email" autocomplete="email" keep="email"/>
                        <button type="submit" class="button">{t().auth().forgot_submit}</button>
                    </PostForm>
                }.into_any()
            } else {
                view! { <Notice>{move || (t().auth().forgot_sent)(&email())}</Notice> }.into_any()
            }}
        </div>
    }
}
