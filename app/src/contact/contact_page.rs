//! `/contact`: how to reach the Alliance, its secretariat and its Board.

use super::api::load_contacts;
use super::{ContactView, Contacts};
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading};
use crate::components::post_form::page_value;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().contact();
    let view_data = Resource::new(|| (), |_| load_contacts());
    let saved = page_value("saved");
    view! {
        <Title text=move || c().title/>
        <Meta name="description" content=move || c().lead/>
        <div class="container page narrow">
            <h1>{move || c().title}</h1>
            <p class="lead">{move || c().lead}</p>
            {move || (!saved().is_empty()).then(|| view! { <Notice>{move || c().saved}</Notice> })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match view_data.await {
                        Ok(data) => view! { <Shown data/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Shown(data: ContactView) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().contact();
    let lang = i18n.lang();
    let ContactView {
        contacts,
        updated_on,
        editable,
    } = data;
    let Contacts {
        address_ka,
        address_en,
        email,
        phone,
        secretariat_ka,
        secretariat_en,
        board_ka,
        board_en,
    } = contacts.clone();
    let address = lang.pick(&address_ka, &address_en).to_string();
    let secretariat = lang.pick(&secretariat_ka, &secretariat_en).to_string();
    let board = lang.pick(&board_ka, &board_en).to_string();
    let tel = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect::<String>();
    view! {
        {contacts.is_empty().then(|| view! { <p>{move || c().none}</p> })}
        {(!contacts.is_empty()).then(|| view! {
            <section aria-labelledby="alliance-contacts">
                <h2 id="alliance-contacts">{move || c().alliance_heading}</h2>
                <dl class="facts">
                    {(!address.is_empty()).then(|| view! {
                        <dt>{move || c().address}</dt>
                        <dd class="multiline">{address}</dd>
                    })}
                    {(!email.is_empty()).then(|| view! {
                        <dt>{move || c().email}</dt>
                        <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
                    })}
                    {(!phone.is_empty()).then(|| view! {
                        <dt>{move || c().phone}</dt>
                        <dd><a href=format!("tel:{tel}")>{phone.clone()}</a></dd>
                    })}
                </dl>
            </section>
        })}
        {(!secretariat.is_empty()).then(|| view! {
            <section aria-labelledby="secretariat-contacts">
                <h2 id="secretariat-contacts">{move || c().secretariat_heading}</h2>
                <p class="multiline">{secretariat}</p>
            </section>
        })}
        {(!board.is_empty()).then(|| view! {
            <section aria-labelledby="board-contacts">
                <h2 id="board-contacts">{move || c().board_heading}</h2>
                <p class="multiline">{board}</p>
                <p><a href=crate::i18n::at("/board")>{move || c().board_link}</a></p>
            </section>
        })}
        {crate::domain::date::Date::parse(&updated_on).ok().map(|date| {
            let date = i18n.date(date);
            view! { <p>{move || (c().updated)(&date)}</p> }
        })}
        <p><a href=crate::i18n::at("/privacy")>{move || c().privacy_link}</a></p>
        {editable.then(|| view! { <p><a class="button" href=crate::i18n::at("/admin/contact")>{move || c().edit}</a></p> })}
    }
}
