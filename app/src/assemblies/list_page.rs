//! The list of assemblies (`/assemblies`) and the secretariat's form to
//! announce one.

use super::api::list_assemblies;
use super::fields::value_of;
use super::fields::ProblemSummary;
use super::words::place_text;
use super::words::status_text;
use super::words::title_of;
use super::words::when;
use super::{AssembliesView, AssemblySubmitted};
use crate::auth::validate::Problem;
use crate::components::form::{problem_in, Input};
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
    } = view;
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
                        <a href=format!("/assemblies/{}", a.id)>{title_of(lang, &a)}</a>
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
    let t = use_i18n().t();
    let a = t.assemblies();
    let values = StoredValue::new(values);
    let typed = move |name: &str| values.with_value(|values| value_of(values, name));
    let option = move |name: &'static str, code: &'static str, label: &'static str| {
        let selected = typed(name) == code;
        view! { <option value=code selected=selected>{label}</option> }
    };
    let starts_problem = problems
        .iter()
        .find(|(f, _)| f == "starts_at")
        .map(|(_, p)| *p);
    view! {
        <section aria-labelledby="new-assembly" class="panel">
            <h2 id="new-assembly">{a.new_title}</h2>
            <ProblemSummary problems=problems.clone()/>
            <PostForm action="/assemblies">
                <Input name="title_ka" label=|t| t.assemblies().title_ka value=typed("title_ka") problem=problem_in(&problems, "title_ka")/>
                <Input name="title_en" label=|t| t.assemblies().title_en value=typed("title_en") problem=problem_in(&problems, "title_en")/>
                <div class="field">
                    <label for="field-kind">{a.kind}</label>
                    <select id="field-kind" name="kind">
                        {option("kind", "ordinary", a.kind_ordinary)}
                        {option("kind", "extraordinary", a.kind_extraordinary)}
                    </select>
                </div>
                <div class="field" class:field-invalid=starts_problem.is_some()>
                    <label for="field-starts_at">{a.starts_at}</label>
                    <p class="hint" id="field-starts_at-hint">{a.starts_at_hint}</p>
                    {starts_problem.map(|p| view! { <p class="field-error" id="field-starts_at-error">{t.problems().of(p)}</p> })}
                    <input id="field-starts_at" name="starts_at" type="datetime-local" value=typed("starts_at")
                        aria-invalid=starts_problem.map(|_| "true")
                        aria-describedby=if starts_problem.is_some() { "field-starts_at-hint field-starts_at-error" } else { "field-starts_at-hint" }/>
                </div>
                <div class="field">
                    <label for="field-place">{a.place}</label>
                    <select id="field-place" name="place">
                        {option("place", "hybrid", a.place_hybrid)}
                        {option("place", "in_person", a.place_in_person)}
                        {option("place", "online", a.place_online)}
                    </select>
                </div>
                <button type="submit" class="button">{a.create}</button>
            </PostForm>
        </section>
    }
}
