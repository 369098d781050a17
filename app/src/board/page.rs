//! The Board page: the Board in office, the one elected to follow it, and
//! the past Boards; staff record a Board from here, and staff and the Board
//! see when the term ends soon.

use super::api::load_board;
use super::{BoardRecord, BoardSeat, BoardTerm};
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading};
use crate::domain::date::Date;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let record = Resource::new(|| (), |_| load_board());
    view! {
        <Title text=t().board().title/>
        <Meta name="description" content=t().board().lead/>
        <div class="container page">
            <h1>{t().board().title}</h1>
            <p class="lead">{t().board().lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match record.await {
                        Ok(record) => view! { <Record record/> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// An ISO date as the page's language writes it.
fn date_text(iso: &str) -> String {
    let i18n = use_i18n();
    Date::parse(iso)
        .map(|d| i18n.date(d))
        .unwrap_or_else(|_| iso.to_string())
}

#[component]
fn Record(record: BoardRecord) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.t().board();
    let done = use_query_map().with_untracked(|q| q.get("done").unwrap_or_default());
    let notice = (b.notice)(&done);
    let notice = (!notice.is_empty()).then(|| view! { <Notice>{notice}</Notice> });
    let reminder = record.reminder.map(|r| {
        let call = record
            .can_record
            .then(|| view! { " " <a href=crate::i18n::at("/assemblies")>{i18n.t().assemblies().title}</a> });
        view! { <Notice error=true>{(b.reminder)(&date_text(&r.ends_on), r.days_left)} {call}</Notice> }
    });
    let record_link = record.can_record.then(|| {
        view! { <p><a class="button button-secondary" href=crate::i18n::at("/board/new")>{b.record_by_hand}</a></p> }
    });
    let empty = record.current.is_none() && record.next.is_none() && record.past.is_empty();
    view! {
        {notice}
        {reminder}
        {record_link}
        {empty.then(|| view! { <p>{b.none}</p> })}
        {record.current.map(|term| view! { <Term term heading=b.current/> })}
        {record.next.map(|term| view! { <Term term heading=b.next/> })}
        {(!record.past.is_empty()).then(|| view! {
            <section class="past-boards" aria-labelledby="past-boards">
                <h2 id="past-boards">{b.past}</h2>
                {record.past.into_iter().map(|term| view! { <Term term heading=""/> }).collect_view()}
            </section>
        })}
    }
}

/// One term: its heading (the term's dates under "past Boards"), who
/// elected it, and its seats.
#[component]
fn Term(term: BoardTerm, heading: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let b = i18n.t().board();
    let lang = i18n.lang();
    let until = term.left_on.clone().unwrap_or_else(|| term.ends_on.clone());
    let dates = (b.term)(&date_text(&term.starts_on), &date_text(&until));
    let id = format!("term-{}", term.starts_on);
    let (title, sub) = if heading.is_empty() {
        (dates.clone(), None)
    } else {
        (heading.to_string(), Some(dates))
    };
    let level_two = !heading.is_empty();
    let elected = term.elected_at.map(|e| {
        view! {
            <p class="meta">
                {b.elected_at} " "
                <a href=crate::i18n::at(&format!("/assemblies/{}", e.assembly))>{lang.pick(&e.title_ka, &e.title_en).to_string()}</a>
            </p>
        }
    });
    view! {
        <section class="board-term" aria-labelledby=id.clone()>
            {if level_two {
                view! { <h2 id=id.clone()>{title.clone()}</h2> }.into_any()
            } else {
                view! { <h3 id=id.clone()>{title.clone()}</h3> }.into_any()
            }}
            {sub.map(|s| view! { <p class="term">{s}</p> })}
            {elected}
            <div class="table-scroll">
                <table class="table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{b.col_seat}</th>
                            <th scope="col">{b.col_person}</th>
                            <th scope="col">{b.col_role}</th>
                            <th scope="col">{b.col_organisation}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {term.seats.into_iter().map(|seat| view! { <SeatRow seat/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The words of a seat's role.
pub(super) fn role_text(role: &str) -> &'static str {
    let b = use_i18n().t().board();
    match role {
        "chair" => b.role_chair,
        "deputy_chair" => b.role_deputy_chair,
        _ => b.role_member,
    }
}

#[component]
fn SeatRow(seat: BoardSeat) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let BoardSeat {
        seat,
        role,
        person_ka,
        person_en,
        organisation_ka,
        organisation_en,
        organisation_slug,
    } = seat;
    let organisation = lang.pick(&organisation_ka, &organisation_en).to_string();
    view! {
        <tr>
            <td>{seat}</td>
            <th scope="row">{lang.pick(&person_ka, &person_en).to_string()}</th>
            <td>{role_text(&role)}</td>
            <td>
                {if organisation_slug.is_empty() {
                    view! { <span>{organisation}</span> }.into_any()
                } else {
                    view! { <a href=crate::i18n::at(&format!("/members/{organisation_slug}"))>{organisation}</a> }.into_any()
                }}
            </td>
        </tr>
    }
}
