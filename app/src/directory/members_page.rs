//! The member directory. A GET form that works without JavaScript; with the
//! WebAssembly loaded, every change navigates in place (the URL keeps all
//! state, so back and forward restore it) and only the results re-render.
//! A lazy route (`pages::lazy_pages!`): its code loads only when a visitor
//! opens it.

use super::api::search_members;
use super::{DirectoryCard, Listing};
use crate::components::loading::{LoadError, Loading};
use crate::components::pager::Pager;
use crate::domain::date::Date;
use crate::domain::directory::{Filters, Sort, FACETS};
use crate::domain::reference::{label, Entry, CATEGORIES, REGIONS, SECTORS};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_query_map};

/// The filters in the current URL.
fn current_filters() -> Memo<Filters> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for param in [
            "sector", "region", "category", "impact", "q", "sort", "page",
        ] {
            for value in query.get_all(param).unwrap_or_default() {
                pairs.push((param.to_string(), value));
            }
        }
        Filters::parse_lenient(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    })
}

thread_local! {
    /// The control that changed the filters, to focus again once the
    /// results (and with them the form) have re-rendered.
    static FOCUS_AFTER: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn remember_focus(id: &str) {
    FOCUS_AFTER.with(|f| *f.borrow_mut() = Some(id.to_string()));
}

/// Puts keyboard focus back on the control the visitor used (browser only).
fn restore_focus() {
    let Some(_id) = FOCUS_AFTER.with(|f| f.borrow_mut().take()) else {
        return;
    };
    #[cfg(feature = "hydrate")]
    crate::browser::focus(&_id);
}

fn href(filters: &Filters) -> String {
    let query = filters.to_query();
    if query.is_empty() {
        "/members".into()
    } else {
        format!("/members?{query}")
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let filters = current_filters();
    let listing = Resource::new(
        move || (filters.get().to_query(), i18n.lang()),
        |(query, lang)| search_members(query, lang),
    );
    view! {
        <Title text=t().members().title/>
        <Meta name="description" content=t().members().lead/>
        <div class="container page">
            <h1>{t().members().title}</h1>
            <p class="lead">{t().members().lead}</p>
            <div class="directory">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match listing.await {
                            Ok(listing) => view! { <Directory listing filters/> }.into_any(),
                            Err(_) => view! { <LoadError/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

#[component]
fn Directory(listing: Listing, filters: Memo<Filters>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let navigate = use_navigate();
    let go = move |next: Filters| navigate(&href(&next), Default::default());
    let current = filters.get_untracked();
    Effect::new(|_| {
        restore_focus();
        // The filters answer from here on (tests wait for this: the page
        // can be hydrated while this part, behind its Suspense, is not yet).
        #[cfg(feature = "hydrate")]
        crate::browser::announce("__allianceDirectory");
    });
    let total = listing.total;
    let facet_groups = FACETS
        .iter()
        .map(|(param, list)| {
            let counts = listing.counts(param).to_vec();
            view! { <FacetGroup param=*param list=*list counts filters go=go.clone()/> }
        })
        .collect_view();
    let on_sort = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let sort = if event_target_value(&ev) == "since" {
                Sort::Since
            } else {
                Sort::Name
            };
            remember_focus("directory-sort");
            go(Filters {
                sort,
                page: 1,
                ..filters.get_untracked()
            });
        }
    };
    let search = NodeRef::<leptos::html::Input>::new();
    let on_submit = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let q = search.get().map(|input| input.value()).unwrap_or_default();
            remember_focus("directory-q");
            go(Filters {
                q,
                page: 1,
                ..filters.get_untracked()
            });
        }
    };
    view! {
        <form class="directory-filters" method="get" action="/members" role="search" on:submit=on_submit>
            <h2 class="visually-hidden">{t().members().filters_heading}</h2>
            <div class="field">
                <label for="directory-q">{t().members().search_label}</label>
                <p class="hint" id="directory-q-hint">{t().members().search_hint}</p>
                <input id="directory-q" name="q" type="search" value=current.q.clone() aria-describedby="directory-q-hint" node_ref=search/>
            </div>
            {facet_groups}
            <div class="field">
                <label for="directory-sort">{t().members().sort_label}</label>
                <select id="directory-sort" name="sort" on:change=on_sort>
                    <option value="name" selected=current.sort == Sort::Name>{t().members().sort_name}</option>
                    <option value="since" selected=current.sort == Sort::Since>{t().members().sort_since}</option>
                </select>
            </div>
            <p class="actions">
                <button type="submit" class="button">{t().members().apply}</button>
                {current.is_filtered().then(|| view! { <a href="/members">{t().members().clear}</a> })}
            </p>
        </form>
        <section class="directory-results" aria-labelledby="results-count">
            <p id="results-count" class="results-count" role="status">{move || (t().members().count)(total)}</p>
            {if listing.items.is_empty() {
                view! {
                    <div class="empty-state">
                        <p><strong>{t().members().no_match}</strong></p>
                        <p>{t().members().no_match_hint}</p>
                        <p><a class="button button-secondary" href="/members">{t().members().clear}</a></p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="card-list member-list">
                        {listing.items.into_iter().map(|card| view! { <li><MemberCard card/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Pager page=listing.page pages=listing.pages label=t().members().results_pages
                href=move |page| href(&Filters { page, ..current.clone() })/>
        </section>
    }
}

/// One facet as a group of checkboxes with counts. With JavaScript each
/// change applies at once; without, the form's button applies them.
#[component]
fn FacetGroup<F>(
    param: &'static str,
    list: &'static [Entry],
    counts: Vec<(String, i64)>,
    filters: Memo<Filters>,
    go: F,
) -> impl IntoView
where
    F: Fn(Filters) + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let selected = filters.get_untracked().selected(param).to_vec();
    let open = !selected.is_empty();
    let legend = move || {
        let r = i18n.t().reference();
        match param {
            "sector" => r.sector,
            "region" => r.region,
            "category" => r.category,
            _ => r.impact_area,
        }
    };
    let options = list
        .iter()
        .zip(counts)
        .map(|(entry, (_, count))| {
            let checked = selected.iter().any(|c| c == entry.code);
            let id = format!("f-{param}-{}", entry.code);
            let go = go.clone();
            let code = entry.code;
            let focus_id = id.clone();
            let on_change = move |_| {
                remember_focus(&focus_id);
                go(filters.get_untracked().toggled(param, code))
            };
            view! {
                <li class:facet-empty=count == 0 && !checked>
                    <input type="checkbox" id=id.clone() name=param value=code checked=checked on:change=on_change/>
                    <label for=id>
                        {entry.label(i18n.lang())}
                        " " <span class="facet-count">{format!("({count})")}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="facet" open=open>
            <summary>{legend}</summary>
            <fieldset>
                <legend class="visually-hidden">{legend}</legend>
                <ul class="plain facet-options">{options}</ul>
            </fieldset>
        </details>
    }
}

#[component]
fn MemberCard(card: DirectoryCard) -> impl IntoView {
    let i18n = use_i18n();
    let DirectoryCard {
        slug,
        name_ka,
        name_en,
        category,
        member_since,
        sectors,
        regions,
        logo_version,
        summary_ka,
        summary_en,
        ..
    } = card;
    let since = Date::parse(&member_since).ok();
    let name = move || i18n.lang().pick(&name_ka, &name_en).to_string();
    let list = move |codes: &[String], table: &'static [Entry]| {
        codes
            .iter()
            .map(|c| label(table, c, i18n.lang()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <article class="card member-card">
            {(logo_version > 0).then(|| view! {
                <img class="member-logo" src=format!("/members/{slug}/logo?v={logo_version}") alt="" width="64" height="64" loading="lazy"/>
            })}
            <h2 class="card-title"><a href=format!("/members/{slug}")>{name}</a></h2>
            <p class="badge">{label(CATEGORIES, &category, i18n.lang())}</p>
            <p>{i18n.lang().pick(&summary_ka, &summary_en).to_string()}</p>
            <dl class="facts">
                <dt>{i18n.t().members().member_since}</dt>
                <dd>{move || since.map(|d| i18n.date(d)).unwrap_or_default()}</dd>
                <dt>{i18n.t().reference().sector}</dt>
                <dd>{move || list(&sectors, SECTORS)}</dd>
                <dt>{i18n.t().reference().region}</dt>
                <dd>{move || list(&regions, REGIONS)}</dd>
            </dl>
        </article>
    }
}
