//! The Board page: the term in force and who holds each seat.

use super::api::current_board;
use super::{BoardSeat, BoardTerm};
use crate::components::loading::{LoadError, Loading};
use crate::domain::date::Date;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let board = Resource::new(|| (), |_| current_board());
    view! {
        <Title text=t().board().title/>
        <div class="container page">
            <h1>{t().board().title}</h1>
            <p class="lead">{t().board().lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(Some(term)) => view! { <Term term/> }.into_any(),
                        Ok(None) => view! { <p>{t().board().none}</p> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Term(term: BoardTerm) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let date = move |iso: &str| {
        Date::parse(iso)
            .map(|d| i18n.date(d))
            .unwrap_or_else(|_| iso.to_string())
    };
    let (starts_on, ends_on) = (term.starts_on.clone(), term.ends_on.clone());
    view! {
        <p class="term">{move || (t().board().term)(&date(&starts_on), &date(&ends_on))}</p>
        <div class="table-scroll">
            <table class="table">
                <caption class="visually-hidden">{t().board().title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t().board().col_seat}</th>
                        <th scope="col">{t().board().col_person}</th>
                        <th scope="col">{t().board().col_role}</th>
                        <th scope="col">{t().board().col_organisation}</th>
                    </tr>
                </thead>
                <tbody>
                    {term.seats.into_iter().map(|seat| view! { <SeatRow seat/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn SeatRow(seat: BoardSeat) -> impl IntoView {
    let i18n = use_i18n();
    let BoardSeat {
        seat,
        role,
        person_ka,
        person_en,
        organisation_ka,
        organisation_en,
        organisation_slug,
    } = seat;
    let role = move || {
        let b = i18n.t().board();
        match role.as_str() {
            "chair" => b.role_chair,
            "deputy_chair" => b.role_deputy_chair,
            _ => b.role_member,
        }
    };
    let organisation = move || {
        i18n.lang()
            .pick(&organisation_ka, &organisation_en)
            .to_string()
    };
    view! {
        <tr>
            <td>{seat}</td>
            <th scope="row">{i18n.lang().pick(&person_ka, &person_en).to_string()}</th>
            <td>{role}</td>
            <td>
                {if organisation_slug.is_empty() {
                    view! { <span>{organisation}</span> }.into_any()
                } else {
                    view! { <a href=format!("/members#{organisation_slug}")>{organisation}</a> }.into_any()
                }}
            </td>
        </tr>
    }
}
