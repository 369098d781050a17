//! `/admin/contact`: administrators keep the contacts current.

use super::api::load_contacts;
use super::{Contacts, ADDRESS_MAX, PEOPLE_MAX};
use crate::components::form::{ErrorSummary, Input, Notice, TextArea};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{page_value, problem_of, PostForm};
use crate::i18n::{use_i18n, Text};
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, Text)] = &[
    ("address_ka", |t| t.contact().address_ka),
    ("address_en", |t| t.contact().address_en),
    ("email", |t| t.contact().email),
    ("phone", |t| t.contact().phone),
    ("secretariat_ka", |t| t.contact().secretariat_ka),
    ("secretariat_en", |t| t.contact().secretariat_en),
    ("board_ka", |t| t.contact().board_ka),
    ("board_en", |t| t.contact().board_en),
];

#[component]
pub fn ContactEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().contact();
    let data = Resource::new(|| (), |_| load_contacts());
    view! {
        <Title text=move || c().edit_title/>
        <div class="container page narrow">
            <h1>{move || c().edit_title}</h1>
            <p class="lead">{move || c().edit_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) if data.editable => view! { <ContactForm stored=data.contacts/> }.into_any(),
                        Ok(_) => view! { <SignInOrForbidden/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Not an administrator: sign in, or this page is not theirs.
#[component]
fn SignInOrForbidden() -> impl IntoView {
    let i18n = use_i18n();
    let signed_in = crate::auth::viewer::use_viewer().is_some();
    if signed_in {
        view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any()
    } else {
        view! { <SignInRequired/> }.into_any()
    }
}

/// The form: what was typed (after a post to correct) or what is stored.
#[component]
fn ContactForm(stored: Contacts) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().contact();
    // Rendered again after a post to correct: show what was typed, even
    // a field emptied on purpose.
    let again = !page_value("sent")().is_empty();
    let value = move |name: &'static str, stored: &str| {
        let typed = page_value(name)();
        if again {
            typed
        } else {
            stored.to_string()
        }
    };
    view! {
        <ErrorSummary fields=FIELDS/>
        <PostForm action="/admin/contact">
            <TextArea name="address_ka" label=|t| t.contact().address_ka value=value("address_ka", &stored.address_ka)
                problem=Signal::derive(problem_of("address_ka")) max=ADDRESS_MAX rows=3 lang="ka"/>
            <TextArea name="address_en" label=|t| t.contact().address_en value=value("address_en", &stored.address_en)
                problem=Signal::derive(problem_of("address_en")) max=ADDRESS_MAX rows=3 lang="en"/>
            <Input name="email" label=|t| t.contact().email kind="email" value=value("email", &stored.email)
                problem=Signal::derive(problem_of("email"))/>
            <Input name="phone" label=|t| t.contact().phone kind="tel" value=value("phone", &stored.phone)
                problem=Signal::derive(problem_of("phone")) hint=|t| t.contact().phone_hint/>
            <TextArea name="secretariat_ka" label=|t| t.contact().secretariat_ka value=value("secretariat_ka", &stored.secretariat_ka)
                problem=Signal::derive(problem_of("secretariat_ka")) max=PEOPLE_MAX rows=4 lang="ka"/>
            <TextArea name="secretariat_en" label=|t| t.contact().secretariat_en value=value("secretariat_en", &stored.secretariat_en)
                problem=Signal::derive(problem_of("secretariat_en")) max=PEOPLE_MAX rows=4 lang="en"/>
            <TextArea name="board_ka" label=|t| t.contact().board_ka value=value("board_ka", &stored.board_ka)
                problem=Signal::derive(problem_of("board_ka")) max=PEOPLE_MAX rows=4 lang="ka"/>
            <TextArea name="board_en" label=|t| t.contact().board_en value=value("board_en", &stored.board_en)
                problem=Signal::derive(problem_of("board_en")) max=PEOPLE_MAX rows=4 lang="en"/>
            <button type="submit" class="button">{move || c().save}</button>
        </PostForm>
    }
}
