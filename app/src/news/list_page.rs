//! The news list, newest first, ten to a page.

use super::api::list_news;
use super::{NewsCard, PAGE_SIZE};
use crate::components::loading::{LoadError, Loading};
use crate::components::pager::{page_href, Pager};
use crate::domain::paging::page_param;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewsListPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let query = use_query_map();
    let page = move || page_param(query.read().get("page").as_deref());
    let news = Resource::new(page, |page| list_news(page, PAGE_SIZE));
    view! {
        <Title text=t().news.title/>
        <Meta name="description" content=t().news.lead/>
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
                                <Pager page=current pages label=t().news.pagination
                                    previous=t().news.newer next=t().news.older
                                    href=|page| page_href("/news", &[], page)/>
                            }.into_any()
                        }
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
