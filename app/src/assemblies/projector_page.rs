//! The projector (`/assemblies/:id/projector`): quorum and results for the hall.

use super::assembly_page::AssemblyLoader;
use super::following::Following;
use super::following::QuorumFigure;
use super::poll_card::PollResults;
use super::words::poll_status_text;
use super::words::title_of;
use super::AssemblyView;
use crate::domain::assembly::PollStatus;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/assemblies/:id/projector`: the current vote on a big screen — the
/// agenda item, the question, the turnout and, once closed, the result —
/// in large, high-contrast type, following the session live.
#[component]
pub fn ProjectorPage() -> impl IntoView {
    view! {
        <div class="projector">
            <AssemblyLoader page=|view| view! { <Projector view/> }.into_any()/>
        </div>
    }
}

#[component]
fn Projector(view: AssemblyView) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let id = view.assembly.id;
    let title = title_of(lang, &view.assembly);
    let following = Following::start(
        id,
        view.assembly.status,
        view.polls.clone(),
        view.quorum,
        view.agenda.clone(),
    );
    let agenda = following.agenda;
    let polls = following.polls;
    // The vote now open, or else the one closed last.
    let current = move || {
        polls.with(|ps| {
            ps.iter()
                .rev()
                .find(|p| p.status == PollStatus::Open)
                .or_else(|| {
                    ps.iter()
                        .filter(|p| p.status == PollStatus::Closed)
                        .max_by_key(|p| (p.closed_at, p.id))
                })
                .cloned()
        })
    };
    view! {
        <Title text=title.clone()/>
        <h1 class="projector-assembly">{title}</h1>
        <div class="projector-quorum"><QuorumFigure quorum=following.quorum/></div>
        {move || match current() {
            None => view! { <p class="projector-question">{a.polls_none}</p> }.into_any(),
            Some(poll) => {
                let item = poll.agenda_item_id.and_then(|item| {
                    agenda.with(|agenda| {
                        agenda.iter().find(|a| a.id == item).map(|a| format!("{}. {}", a.position, lang.pick(&a.title_ka, &a.title_en)))
                    })
                });
                let turnout = following.turnout(&poll);
                let closed = poll.status == PollStatus::Closed;
                view! {
                    {item.map(|item| view! { <p class="projector-item">{item}</p> })}
                    <p class="projector-question">{lang.pick(&poll.title_ka, &poll.title_en).to_string()}</p>
                    <p class="projector-status">{poll_status_text(t, poll.status)} " · " {if poll.secret { a.secret } else { a.named }}</p>
                    <p class="projector-turnout" role="status">{move || { let (v, n) = turnout(); (a.turnout)(v, n) }}</p>
                    {closed.then(|| view! { <div class="projector-results"><PollResults poll=poll.clone()/></div> })}
                }
                .into_any()
            }
        }}
    }
}
