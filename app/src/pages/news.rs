use crate::api::news::{get_news, list_news, NewsSummary, PAGE_SIZE};
use crate::components::loading::{LoadError, Loading};
use crate::domain::date::Date;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// A post's date, in the visitor's language, as a `<time>` element.
#[component]
fn PublishedAt(seconds: i64) -> impl IntoView {
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
    let title = view! { <a href=href>{i18n.lang().pick(&title_ka, &title_en).to_string()}</a> };
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
                            view! {
                                <Title text=title.clone()/>
                                <Meta name="description" content=summary.clone()/>
                                <article class="article">
                                    <p><a href="/news">"← " {t().news.back}</a></p>
                                    <h1>{title}</h1>
                                    <p class="meta">{t().news.published} " " <PublishedAt seconds=s.published_at/></p>
                                    <p class="lead">{summary}</p>
                                    <div class="prose" inner_html=body></div>
                                </article>
                            }.into_any()
                        }
                        Err(AppError::NotFound) => view! {
                            <Title text=t().errors.not_found_title/>
                            <h1>{t().errors.not_found_title}</h1>
                            <p>{t().news.not_found}</p>
                            <p><a href="/news">{t().news.back}</a></p>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
