use crate::api::home::{home_figures, SiteFigures};
use crate::api::news::list_news;
use crate::components::loading::{LoadError, Loading};
use crate::i18n::use_i18n;
use crate::pages::news::NewsCard;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let figures = Resource::new(|| (), |_| home_figures());
    let news = Resource::new(|| (), |_| list_news(1, 3));

    view! {
        <Title text=""/>
        <Meta name="description" content=move || t().home.lead/>
        <section class="hero">
            <div class="container">
                <h1>{move || t().home.title}</h1>
                <p class="lead">{move || t().home.lead}</p>
                <p class="actions">
                    <a class="button" href="/members">{move || t().home.cta_members}</a>
                    <a class="button button-secondary" href="/about">{move || t().home.goals_more}</a>
                </p>
            </div>
        </section>

        <section class="container section" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{move || t().home.figures_heading}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(f) => view! { <Figures figures=f/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>

        <section class="container section two-columns">
            <div>
                <h2>{move || t().home.mission_heading}</h2>
                {move || t().about.mission.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            </div>
            <div>
                <h2>{move || t().home.goals_heading}</h2>
                <ol class="goals">
                    {move || t().about.goals.iter().map(|g| view! { <li>{*g}</li> }).collect_view()}
                </ol>
                <p><a href="/about">{move || t().home.goals_more}</a></p>
            </div>
        </section>

        <section class="container section" aria-labelledby="news-heading">
            <h2 id="news-heading">{move || t().home.latest_news}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match news.await {
                        Ok(page) if page.items.is_empty() => view! { <p>{move || t().news.empty}</p> }.into_any(),
                        Ok(page) => view! {
                            <ul class="card-list">
                                {page.items.into_iter().map(|item| view! { <li><NewsCard item/></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
            <p><a href="/news">{move || t().home.all_news}</a></p>
        </section>
    }
}

#[component]
fn Figures(figures: SiteFigures) -> impl IntoView {
    let t = move || use_i18n().t();
    let items: [(i64, fn(&'static crate::i18n::Messages) -> &'static str); 7] = [
        (figures.members, |m| m.home.figure_members),
        (figures.full, |m| m.home.figure_full),
        (figures.associate, |m| m.home.figure_associate),
        (figures.honorary, |m| m.home.figure_honorary),
        (figures.regions, |m| m.home.figure_regions),
        (figures.sectors, |m| m.home.figure_sectors),
        (figures.years, |m| m.home.figure_years),
    ];
    view! {
        <ul class="figures">
            {items.into_iter().map(|(value, label)| view! {
                <li>
                    <span class="figure-value">{value}</span>
                    <span class="figure-label">{move || label(t())}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
