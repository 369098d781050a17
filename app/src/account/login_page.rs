use crate::components::form::{Notice, TextField};
use crate::components::post_form::{page_value, PostForm};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (error, next) = (page_value("error"), page_value("next"));
    let flag = |name: &'static str| {
        let value = page_value(name);
        move || !value().is_empty()
    };
    let (verified, reset, email_changed) = (flag("verified"), flag("reset"), flag("email_changed"));
    let invited = flag("invited");
    view! {
        <Title text=t().auth().login_title/>
        <Meta name="description" content=t().auth().login_lead/>
        <div class="container page narrow">
            <h1>{t().auth().login_title}</h1>
            <p class="lead">{t().auth().login_lead}</p>
            {move || match error().as_str() {
                "credentials" => Some(view! { <Notice error=true>{t().auth().login_failed}</Notice> }.into_any()),
                "unverified" => Some(view! { <Notice error=true>{t().auth().login_unverified}</Notice> }.into_any()),
                "deactivated" => Some(view! { <Notice error=true>{t().people().login_deactivated}</Notice> }.into_any()),
                _ => None,
            }}
            {move || verified().then(|| view! { <Notice>{t().auth().login_verified}</Notice> })}
            {move || reset().then(|| view! { <Notice>{t().auth().login_reset_done}</Notice> })}
            {move || email_changed().then(|| view! { <Notice>{t().auth().login_email_changed}</Notice> })}
            {move || invited().then(|| view! { <Notice>{t().people().login_invited}</Notice> })}
            <PostForm action="/login">
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label=|t| t.auth().email kind="email" autocomplete="username" keep="email"/>
                <TextField name="password" label=|t| t.auth().password kind="password" autocomplete="current-password"/>
                <button type="submit" class="button">{t().auth().login_submit}</button>
            </PostForm>
            <p><a href=crate::i18n::at("/forgot")>{t().auth().forgot_link}</a></p>
            <p><a href=crate::i18n::at("/register")>{t().auth().register_link}</a></p>
        </div>
    }
}
