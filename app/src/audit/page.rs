//! `/admin/audit`: the log for staff, the latest first, filtered by who,
//! what and when (a plain GET form: the address carries the filter).

use super::api::load_audit;
use super::{AuditFilter, AuditLine, AuditView};
use crate::assemblies::words::when;
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::pager::{page_href, Pager};
use crate::domain::paging::page_param;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let d = t.audit();
    let query = use_query_map();
    let view = Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).unwrap_or_default();
            (
                page_param(q.get("page").as_deref()),
                get("who"),
                get("what"),
                get("from"),
                get("to"),
            )
        },
        |(page, who, what, from, to)| load_audit(page, who, what, from, to),
    );
    view! {
        <Title text=d.title/>
        <div class="container page">
            <h1>{d.title}</h1>
            <p class="lead">{d.lead}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(v) => view! { <AuditBody view=v/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{t.auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn AuditBody(view: AuditView) -> impl IntoView {
    let t = use_i18n().t();
    let d = t.audit();
    let AuditView {
        lines,
        filter,
        kinds,
        head_seq,
        head_hash,
        bad_date,
    } = view;
    let params: Vec<(&'static str, String)> = [
        ("who", filter.who.clone()),
        ("what", filter.what.clone()),
        ("from", filter.from.clone()),
        ("to", filter.to.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let href = move |page: i64| page_href("/admin/audit", &params, page);
    view! {
        <Filters filter kinds/>
        {bad_date.then(|| view! { <Notice error=true>{d.bad_date}</Notice> })}
        <p class="meta">{(d.head)(head_seq, &head_hash)}</p>
        <p role="status">{(d.count)(lines.total)}</p>
        {if lines.items.is_empty() {
            view! { <p>{d.empty}</p> }.into_any()
        } else {
            view! { <AuditTable lines=lines.items.clone()/> }.into_any()
        }}
        <Pager page=lines.page pages=lines.pages label=d.pages href/>
    }
}

#[component]
fn Filters(filter: AuditFilter, kinds: Vec<String>) -> impl IntoView {
    let t = use_i18n().t();
    let d = t.audit();
    // The families ("poll") before the kinds ("poll.opened").
    let mut families: Vec<String> = kinds
        .iter()
        .filter_map(|k| k.split_once('.').map(|(family, _)| family.to_string()))
        .collect();
    families.dedup();
    let choices: Vec<(String, String)> = families
        .into_iter()
        .map(|f| (f.clone(), format!("{f}.*")))
        .chain(kinds.into_iter().map(|k| {
            let words = (d.kind)(&k);
            let label = if words.is_empty() {
                k.clone()
            } else {
                format!("{words} ({k})")
            };
            (k, label)
        }))
        .collect();
    let chosen = filter.what.clone();
    view! {
        <form method="get" action=crate::i18n::at("/admin/audit") class="form filters panel" aria-label=d.filters>
            <div class="field">
                <label for="audit-who">{d.who}</label>
                <p class="hint" id="audit-who-hint">{d.who_hint}</p>
                <input id="audit-who" name="who" type="email" value=filter.who aria-describedby="audit-who-hint"/>
            </div>
            <div class="field">
                <label for="audit-what">{d.what}</label>
                <select id="audit-what" name="what">
                    <option value="">{d.what_any}</option>
                    {choices.into_iter().map(|(code, label)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-from">{d.from}</label>
                <input id="audit-from" name="from" type="date" value=filter.from/>
            </div>
            <div class="field">
                <label for="audit-to">{d.to}</label>
                <input id="audit-to" name="to" type="date" value=filter.to/>
            </div>
            <p>
                <button type="submit" class="button">{d.apply}</button>
                " "
                <a href=crate::i18n::at("/admin/audit")>{d.clear}</a>
            </p>
        </form>
    }
}

#[component]
fn AuditTable(lines: Vec<AuditLine>) -> impl IntoView {
    let t = use_i18n().t();
    let d = t.audit();
    view! {
        <div class="table-scroll">
            <table class="table audit">
                <caption class="visually-hidden">{d.title}</caption>
                <thead><tr>
                    <th scope="col">{d.col_seq}</th>
                    <th scope="col">{d.col_when}</th>
                    <th scope="col">{d.col_who}</th>
                    <th scope="col">{d.col_what}</th>
                    <th scope="col">{d.col_subject}</th>
                    <th scope="col">{d.col_detail}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let words = (d.kind)(&l.kind);
                        let what = if words.is_empty() { l.kind.clone() } else { words.to_string() };
                        view! {
                            <tr>
                                <th scope="row" title=l.hash>{l.seq}</th>
                                <td>{when(t, l.at)}</td>
                                <td>{l.actor.unwrap_or_else(|| d.platform.to_string())}</td>
                                <td><span title=l.kind>{what}</span></td>
                                <td>{l.subject}</td>
                                <td><code>{l.detail}</code></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
