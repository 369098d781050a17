//! One news article.

use super::api::get_news;
use super::card::PublishedAt;
use crate::components::loading::{LoadError, Loading};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewsArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let params = use_params_map();
    let article = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_news,
    );
    view! {
        <div class="container page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(a) => {
                            let s = a.summary;
                            let (title_ka, title_en) = (s.title_ka.clone(), s.title_en.clone());
                            let title = move || i18n.lang().pick(&title_ka, &title_en).to_string();
                            let (sum_ka, sum_en) = (s.summary_ka.clone(), s.summary_en.clone());
                            let summary = move || i18n.lang().pick(&sum_ka, &sum_en).to_string();
                            let (body_ka, body_en) = (a.body_ka, a.body_en);
                            let body = move || i18n.lang().pick(&body_ka, &body_en).to_string();
                            let picture = (s.image_version > 0).then(|| {
                                let src = format!("/news/{}/picture?v={}", s.slug, s.image_version);
                                let alt = i18n.lang().pick(&a.image_alt_ka, &a.image_alt_en).to_string();
                                view! { <img class="news-picture" src=src alt=alt/> }
                            });
                            view! {
                                <Title text=title.clone()/>
                                <Meta name="description" content=summary.clone()/>
                                <article class="article">
                                    <p><a href=crate::i18n::at("/news")>"← " {t().news.back}</a></p>
                                    <h1>{title}</h1>
                                    <p class="meta">{t().news.published} " " <PublishedAt seconds=s.published_at/></p>
                                    <p class="lead">{summary}</p>
                                    {picture}
                                    <div class="prose" inner_html=body></div>
                                </article>
                            }.into_any()
                        }
                        Err(AppError::NotFound) => view! {
                            <Title text=t().errors.not_found_title/>
                            <h1>{t().errors.not_found_title}</h1>
                            <p>{t().news.not_found}</p>
                            <p><a href=crate::i18n::at("/news")>{t().news.back}</a></p>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
