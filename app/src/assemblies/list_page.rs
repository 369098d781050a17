//! The list of assemblies (`/assemblies`) and the secretariat's form to
//! announce one.

use super::api::list_assemblies;
use super::fields::ProblemSummary;
use super::fields::{rules_values, DetailsFields};
use super::words::place_text;
use super::words::status_text;
use super::words::title_of;
use super::words::when;
use super::{AssembliesView, AssemblySubmitted};
use crate::auth::validate::Problem;
use crate::components::loading::{Loading, Refused};
use crate::components::pager::{page_href, Pager};
use crate::components::post_form::{stage_answer, PostForm};
use crate::domain::paging::page_param;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AssembliesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let query = use_query_map();
    let list = Resource::new(
        move || page_param(query.read().get("page").as_deref()),
        list_assemblies,
    );
    // A new assembly sent in place that needs correcting.
    let answered = stage_answer::<AssemblySubmitted>();
    view! {
        <Title text=t.assemblies().title/>
        <div class="container page">
            <h1>{t.assemblies().title}</h1>
            <Suspense fallback=Loading>
                {move || {
                    let answered = answered.get();
                    Suspend::new(async move {
                        match list.await {
                            Ok(mut view) => {
                                if let Some(again) = answered {
                                    view.problems = again.problems;
                                    view.values = again.values;
                                }
                                view! { <AssemblyList view/> }.into_any()
                            }
                            Err(error) => view! { <Refused error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn AssemblyList(view: AssembliesView) -> impl IntoView {
    let AssembliesView {
        list,
        staff,
        problems,
        values,
        rules,
    } = view;
    // A new assembly starts from the configured rules, unless a refused
    // post brings back what was chosen.
    let values = if values.is_empty() {
        rules_values(&rules)
    } else {
        values
    };
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let (page, pages) = (list.page, list.pages);
    let list = list.items;
    let items = if list.is_empty() {
        view! { <p>{t.assemblies().none}</p> }.into_any()
    } else {
        view! {
            <ul class="assembly-list">
                {list.into_iter().map(|a| view! {
                    <li>
                        <a href=crate::i18n::at(&format!("/assemblies/{}", a.id))>{title_of(lang, &a)}</a>
                        <span class="meta">
                            {when(t, a.starts_at)} " · " {place_text(t, &a.place)} " · "
                            <span class=format!("status status-{}", a.status.code())>{status_text(t, a.status)}</span>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {items}
        <Pager page pages label=t.assemblies().list_pages href=|page| page_href("/assemblies", &[], page)/>
        {staff.then(|| view! { <NewAssemblyForm problems values/> })}
    }
}

#[component]
fn NewAssemblyForm(
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let a = use_i18n().t().assemblies();
    view! {
        <section aria-labelledby="new-assembly" class="panel">
            <h2 id="new-assembly">{a.new_title}</h2>
            <ProblemSummary problems=problems.clone()/>
            <PostForm action="/assemblies">
                <DetailsFields problems values/>
                <button type="submit" class="button">{a.create}</button>
            </PostForm>
        </section>
    }
}
