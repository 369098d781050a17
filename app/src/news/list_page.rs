//! The news list, newest first, ten to a page.

use super::api::list_news;
use super::{NewsCard, PAGE_SIZE};
use crate::components::loading::{LoadError, Loading};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewsListPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let news = Resource::new(page, |page| list_news(page, PAGE_SIZE));
    view! {
        <Title text=t().news.title/>
        <div class="container page">
            <h1>{t().news.title}</h1>
            <p class="lead">{t().news.lead}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match news.await {
                        Ok(page) if page.items.is_empty() => view! { <p>{t().news.empty}</p> }.into_any(),
                        Ok(page) => {
                            let (current, pages) = (page.page, page.pages);
                            view! {
                                <ul class="card-list">
                                    {page.items.into_iter().map(|item| view! { <li><NewsCard item/></li> }).collect_view()}
                                </ul>
                                <Pager current pages/>
                            }.into_any()
                        }
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Pager(current: i64, pages: i64) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t().news.pagination>
                {(current > 1).then(|| view! {
                    <a rel="prev" href=format!("/news?page={}", current - 1)>{t().news.newer}</a>
                })}
                <span aria-current="page">{move || (t().news.page_of)(current, pages)}</span>
                {(current < pages).then(|| view! {
                    <a rel="next" href=format!("/news?page={}", current + 1)>{t().news.older}</a>
                })}
            </nav>
        }
    })
}
