//! The Alliance's history, mission, goals and structure.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// History, mission, goals and structure, from the Alliance's own text.
#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    let a = move || i18n.t().about();
    view! {
        <Title text=move || a().title/>
        <Meta name="description" content=move || a().lead/>
        <div class="container page">
            <h1>{move || a().title}</h1>
            <p class="lead">{move || a().lead}</p>

            <section aria-labelledby="history">
                <h2 id="history">{move || a().history_heading}</h2>
                {(0..2).map(|i| view! { <p>{move || a().history[i]}</p> }).collect_view()}
            </section>

            <section aria-labelledby="mission">
                <h2 id="mission">{move || a().mission_heading}</h2>
                {(0..2).map(|i| view! { <p>{move || i18n.t().mission[i]}</p> }).collect_view()}
            </section>

            <section aria-labelledby="goals">
                <h2 id="goals">{move || a().goals_heading}</h2>
                <ol class="goals">
                    {(0..8).map(|i| view! { <li>{move || i18n.t().goals[i]}</li> }).collect_view()}
                </ol>
            </section>

            <section aria-labelledby="structure">
                <h2 id="structure">{move || a().structure_heading}</h2>
                <p>{move || a().structure_intro}</p>
                <ul class="category-list">
                    {(0..3).map(|i| view! {
                        <li>
                            <h3>{move || a().categories[i].name}</h3>
                            <p>{move || a().categories[i].rule}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <h3>{move || a().assembly_heading}</h3>
                <p>{move || a().assembly_text}</p>
                <h3>{move || a().board_heading}</h3>
                <p>{move || a().board_text}</p>
                <p><a href=crate::i18n::at("/board")>{move || a().board_link}</a></p>
            </section>
        </div>
    }
}
