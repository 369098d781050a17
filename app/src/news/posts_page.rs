//! `/admin/news`: every post for staff, drafts first, then by the time
//! each appears.

use super::api::list_posts;
use super::editing::PostState;
use super::PostRow;
use crate::assemblies::words::when;
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::pager::{page_href, Pager};
use crate::domain::paging::page_param;
use crate::error::AppError;
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub(super) fn state_text(t: &'static Messages, state: PostState) -> &'static str {
    let d = t.news_desk();
    match state {
        PostState::Draft => d.state_draft,
        PostState::Scheduled => d.state_scheduled,
        PostState::Published => d.state_published,
    }
}

#[component]
pub fn PostsPage() -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().news_desk();
    let query = use_query_map();
    let rows = Resource::new(
        move || page_param(query.read().get("page").as_deref()),
        list_posts,
    );
    view! {
        <Title text=d().list_title/>
        <div class="container page">
            <h1>{d().list_title}</h1>
            <p class="lead">{d().list_lead}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) => view! {
                            <p><a class="button" href=crate::i18n::at("/admin/news/new")>{d().write}</a></p>
                            {if list.items.is_empty() {
                                view! { <p>{d().empty}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{(d().count)(list.total)}</p>
                                    <PostTable rows=list.items/>
                                }.into_any()
                            }}
                            <Pager page=list.page pages=list.pages label=d().pages
                                href=|page| page_href("/admin/news", &[], page)/>
                            <p>
                                <a href="/news/feed.ka.xml" hreflang="ka">{d().feed} " — ქართული"</a>
                                " · "
                                <a href="/news/feed.en.xml" hreflang="en">{d().feed} " — English"</a>
                            </p>
                        }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn PostTable(rows: Vec<PostRow>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let d = t.news_desk();
    view! {
        <div class="table-scroll">
            <table class="table">
                <caption class="visually-hidden">{d.list_title}</caption>
                <thead><tr>
                    <th scope="col">{d.col_title}</th>
                    <th scope="col">{d.col_state}</th>
                    <th scope="col">{d.col_when}</th>
                    <th scope="col">{d.col_changed}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let title = i18n.lang().pick(&row.title_ka, &row.title_en).to_string();
                        let appears = match row.state {
                            PostState::Draft => "—".to_string(),
                            _ => when(t, row.published_at),
                        };
                        view! {
                            <tr>
                                <th scope="row"><a href=crate::i18n::at(&format!("/admin/news/{}", row.id))>{title}</a></th>
                                <td>{state_text(t, row.state)}</td>
                                <td>{appears}</td>
                                <td>{when(t, row.changed_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
