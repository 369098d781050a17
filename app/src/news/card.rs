//! A post as other pages list it.

use super::NewsSummary;
use crate::domain::date::Date;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A post's date, in the visitor's language, as a `<time>` element.
#[component]
pub(super) fn PublishedAt(seconds: i64) -> impl IntoView {
    let i18n = use_i18n();
    let date = Date::from_unix(seconds);
    view! { <time datetime=date.to_string()>{move || i18n.date(date)}</time> }
}

/// A post in a list: title, date and summary. Its title is a level-2
/// heading on the news page and level 3 inside a section elsewhere.
#[component]
pub fn NewsCard(item: NewsSummary, #[prop(optional)] in_section: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/news/{}", item.slug);
    let NewsSummary {
        title_ka,
        title_en,
        summary_ka,
        summary_en,
        published_at,
        ..
    } = item;
    let title = view! { <a href=crate::i18n::at(&href)>{i18n.lang().pick(&title_ka, &title_en).to_string()}</a> };
    let heading = if in_section {
        view! { <h3 class="card-title">{title}</h3> }.into_any()
    } else {
        view! { <h2 class="card-title">{title}</h2> }.into_any()
    };
    view! {
        <article class="card">
            {heading}
            <p class="meta"><PublishedAt seconds=published_at/></p>
            <p>{i18n.lang().pick(&summary_ka, &summary_en).to_string()}</p>
        </article>
    }
}
