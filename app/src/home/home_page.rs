//! The home page: the Alliance in one screen, its figures and the latest news.

use super::api::load_home;
use super::SiteFigures;
use crate::components::loading::{LoadError, Loading};
use crate::i18n::{use_i18n, Text};
use crate::news::NewsCard;
use crate::news::NewsSummary;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    crate::pages::announce_live();
    let i18n = use_i18n();
    let t = move || i18n.t();
    let data = Resource::new(|| (), |_| load_home());

    view! {
        <Title text=""/>
        <Meta name="description" content=t().home.lead/>
        <section class="hero">
            <div class="container">
                <h1>{t().home.title}</h1>
                <p class="lead">{t().home.lead}</p>
                <p class="actions">
                    <a class="button" href=crate::i18n::at("/apply")>{t().home.cta_apply}</a>
                    <a class="button button-secondary" href=crate::i18n::at("/members")>{t().home.cta_members}</a>
                </p>
            </div>
        </section>

        <section class="container section two-columns">
            <div>
                <h2>{t().home.mission_heading}</h2>
                {(0..2).map(|i| view! { <p>{t().mission[i]}</p> }).collect_view()}
            </div>
            <div>
                <h2>{t().home.goals_heading}</h2>
                <ol class="goals">
                    {(0..8).map(|i| view! { <li>{t().goals[i]}</li> }).collect_view()}
                </ol>
                <p><a href=crate::i18n::at("/about")>{t().home.goals_more}</a></p>
            </div>
        </section>

        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <HomeSections figures=data.figures news=data.latest_news/> }.into_any(),
                    Err(_) => view! { <div class="container section"><LoadError/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The figures and the latest news.
#[component]
fn HomeSections(figures: SiteFigures, news: Vec<NewsSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section class="container section" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t().home.figures_heading}</h2>
            <Figures figures/>
        </section>

        <section class="container section" aria-labelledby="news-heading">
            <h2 id="news-heading">{t().home.latest_news}</h2>
            {if news.is_empty() {
                view! { <p>{t().news.empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {news.into_iter().map(|item| view! { <li><NewsCard item in_section=true/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href=crate::i18n::at("/news")>{t().home.all_news}</a></p>
        </section>
    }
}

#[component]
fn Figures(figures: SiteFigures) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let items: [(i64, Text); 7] = [
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
