use crate::components::form::{ErrorSummary, Notice, TextField};
use crate::components::post_form::{page_value, PostForm};
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, Text)] = &[
    ("name", |t| t.auth().name),
    ("email", |t| t.auth().email),
    ("password", |t| t.auth().password),
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (sent, email) = (page_value("sent"), page_value("email"));
    view! {
        <Title text=t().auth().register_title/>
        <div class="container page narrow">
            <h1>{t().auth().register_title}</h1>
            {move || if sent().is_empty() {
                view! {
                    <p class="lead">{t().auth().register_lead}</p>
                    <ErrorSummary fields=FIELDS/>
                    <PostForm action="/register">
                        <TextField name="name" label=|t| t.auth().name autocomplete="name" keep="name"/>
                        <TextField name="email" label=|t| t.auth().email kind="email" autocomplete="email" keep="email"/>
                        <TextField name="password" label=|t| t.auth().password kind="password" autocomplete="new-password" hint=|t| t.auth().password_hint/>
                        <TextField name="password_confirm" label=|t| t.auth().password_confirm kind="password" autocomplete="new-password"/>
                        <button type="submit" class="button">{t().auth().register_submit}</button>
                    </PostForm>
                    <p><a href=crate::i18n::at("/login")>{t().auth().have_account}</a></p>
                }.into_any()
            } else {
                view! { <Notice>{move || (t().auth().register_sent)(&email())}</Notice> }.into_any()
            }}
        </div>
    }
}
