//! The member directory. A GET form that works without JavaScript; with the
//! WebAssembly loaded, every change navigates in place (the URL keeps all
//! state, so back and forward restore it) and only the results re-render.
//! A lazy route (`pages::lazy_pages!`): its code loads only when a visitor
//! opens it.

use super::api::search_members;
use super::{DirectoryCard, Listing};
use crate::components::loading::{LoadError, Loading};
use crate::components::page_data::page_resource;
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

/// Puts keyboard focus back on the control the visitor used (browser only),
/// once the re-rendered form is in place: re-rendering sets the form's
/// attributes again, which closes its popover (the filter panel on a
/// phone), so this waits for the next task and opens it again.
fn restore_focus() {
    let Some(_id) = FOCUS_AFTER.with(|f| f.borrow_mut().take()) else {
        return;
    };
    #[cfg(feature = "hydrate")]
    gloo_timers::callback::Timeout::new(0, move || crate::browser::focus(&_id)).forget();
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
    let listing = page_resource(
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
    let chosen = FACETS
        .iter()
        .map(|(param, _)| current.selected(param).len())
        .sum::<usize>()
        + usize::from(!current.q.is_empty());
    let query = current.to_query();
    let download = |path: &str| {
        let lang = i18n.lang().code();
        if query.is_empty() {
            format!("{path}?lang={lang}")
        } else {
            format!("{path}?{query}&lang={lang}")
        }
    };
    view! {
        // On a phone the filters are a panel opened from the button above
        // the results (a popover: no script needed); on a wide screen they
        // stand beside the results (the stylesheet shows the popover).
        <form id="directory-filters" class="directory-filters" method="get" action=crate::i18n::at("/members") role="search"
            popover="auto" on:submit=on_submit>
            <div class="filters-head">
                <h2>{t().members().filters_heading}</h2>
                <button type="button" class="button button-secondary filters-close"
                    popovertarget="directory-filters" popovertargetaction="hide">{t().members().filters_close}</button>
            </div>
            <div class="field">
                <label for="directory-q">{t().members().search_label}</label>
                <p class="hint" id="directory-q-hint">{t().members().search_hint}</p>
                <input id="directory-q" name="q" type="search" value=current.q.clone() prop:value=current.q.clone()
                    aria-describedby="directory-q-hint" node_ref=search/>
            </div>
            {facet_groups}
            <div class="field">
                <label for="directory-sort">{t().members().sort_label}</label>
                <select id="directory-sort" name="sort" on:change=on_sort>
                    <option value="name" selected=current.sort == Sort::Name prop:selected=current.sort == Sort::Name>{t().members().sort_name}</option>
                    <option value="since" selected=current.sort == Sort::Since prop:selected=current.sort == Sort::Since>{t().members().sort_since}</option>
                </select>
            </div>
            <p class="actions">
                <button type="submit" class="button">{t().members().apply}</button>
            </p>
        </form>
        <section class="directory-results" aria-labelledby="results-count">
            <div class="results-bar">
                <p id="results-count" class="results-count" role="status">{move || (t().members().count)(total)}</p>
                <button type="button" class="button button-secondary filters-open" popovertarget="directory-filters">
                    {(t().members().filters_button)(chosen)}
                </button>
            </div>
            <ActiveFilters current=current.clone()/>
            {if listing.items.is_empty() {
                view! {
                    <div class="empty-state">
                        <p><strong>{t().members().no_match}</strong></p>
                        <p>{t().members().no_match_hint}</p>
                        <p><a class="button button-secondary" href=crate::i18n::at("/members")>{t().members().clear}</a></p>
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
            <p class="downloads">
                {t().members().download} " "
                <a href=download("/api/v1/members.xlsx") download>{t().members().spreadsheet}</a> " · "
                <a href=download("/api/v1/members.csv") download>"CSV"</a> " · "
                <a href=download("/api/v1/members") type="application/json">"JSON"</a>
            </p>
        </section>
    }
}

/// The chosen filters as chips above the results; each link removes its
/// filter, the last removes them all.
#[component]
fn ActiveFilters(current: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().members();
    if !current.is_filtered() {
        return ().into_any();
    }
    let chip = |label: String, without: Filters| {
        let name = (t.remove_filter)(&label);
        view! {
            <li><a class="chip" href=crate::i18n::at(&href(&without)) aria-label=name>
                {label} <span class="chip-x" aria-hidden="true">"×"</span>
            </a></li>
        }
    };
    let mut chips = Vec::new();
    for (param, list) in FACETS {
        for code in current.selected(param) {
            let label = format!(
                "{}: {}",
                facet_name(i18n, param),
                label(list, code, i18n.lang())
            );
            chips.push(chip(label, current.toggled(param, code)));
        }
    }
    if !current.q.is_empty() {
        let without = Filters {
            q: String::new(),
            page: 1,
            ..current.clone()
        };
        chips.push(chip((t.search_chip)(&current.q), without));
    }
    view! {
        <ul class="plain chips" aria-label=t.active_filters>
            {chips}
            <li><a class="chip-clear" href=crate::i18n::at("/members")>{t.clear}</a></li>
        </ul>
    }
    .into_any()
}

/// A facet's name in the visitor's language.
fn facet_name(i18n: crate::i18n::I18n, param: &str) -> &'static str {
    let r = i18n.t().reference();
    match param {
        "sector" => r.sector,
        "region" => r.region,
        "category" => r.category,
        _ => r.impact_area,
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
    // The sector, what most visitors look for, is open from the start.
    let open = param == "sector" || !selected.is_empty();
    let legend = move || facet_name(i18n, param);
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
                    <input type="checkbox" id=id.clone() name=param value=code checked=checked prop:checked=checked on:change=on_change/>
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
            <h2 class="card-title"><a href=crate::i18n::at(&format!("/members/{slug}"))>{name}</a></h2>
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
