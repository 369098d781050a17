//! `/privacy`: what the platform keeps, why, for how long, and what a
//! person may ask of the Alliance.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let p = i18n.t().privacy();
    view! {
        <Title text=p.title/>
        <Meta name="description" content=p.lead/>
        <div class="container page narrow">
            <h1>{p.title}</h1>
            <p class="lead">{p.lead}</p>
            {p.sections.iter().enumerate().map(|(i, section)| {
                let (labelled_by, id) = (format!("privacy-{i}"), format!("privacy-{i}"));
                view! {
                    <section aria-labelledby=labelled_by>
                        <h2 id=id>{section.heading}</h2>
                        {section.paragraphs.iter().map(|text| view! { <p>{*text}</p> }).collect_view()}
                        {(!section.items.is_empty()).then(|| view! {
                            <ul>{section.items.iter().map(|text| view! { <li>{*text}</li> }).collect_view()}</ul>
                        })}
                    </section>
                }
            }).collect_view()}
            <p><a href=crate::i18n::at("/contact")>{p.contact_link}</a></p>
        </div>
    }
}
