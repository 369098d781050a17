//! `/assemblies/:id/minutes`: an assembly's results and minutes as one
//! page that prints as a clean A4 record (the print stylesheet repeats the
//! title on every page and numbers the pages): its rules, each vote with
//! the quorum at its opening, its turnout and result, attendance with
//! check-in and check-out times, proxies, and the audit chain's entry at
//! the close.

use super::api::load_minutes;
use super::minutes::{Minutes, MinutesPoll};
use super::words::{place_text, rule_text, when};
use crate::components::loading::{Loading, Refused};
use crate::domain::ids::AssemblyId;
use crate::domain::reference::{label, CATEGORIES};
use crate::domain::voting::{Rule, Share};
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MinutesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(AssemblyId(0))
    };
    let minutes = Resource::new(id, load_minutes);
    view! {
        <div class="container page minutes">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match minutes.await {
                        Ok(m) => view! { <Record m/> }.into_any(),
                        Err(error) => view! { <Refused error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn percent(part: u64, whole: u64) -> String {
    Share { part, whole }
        .per_mille()
        .map(|m| format!("{}.{} %", m / 10, m % 10))
        .unwrap_or_else(|| "—".into())
}

#[component]
fn Record(m: Minutes) -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let a = t.assemblies();
    let assembly = &m.assembly;
    let name = lang
        .pick(&assembly.title_ka, &assembly.title_en)
        .to_string();
    let title = (a.minutes_title)(&name);
    let closed = assembly.status == "closed";
    let quorum = crate::domain::voting::Quorum::from_code(&assembly.quorum).unwrap_or_default();
    let categories = assembly
        .voting_categories
        .iter()
        .map(|c| label(CATEGORIES, c, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let id = assembly.id;
    view! {
        <Title text=title.clone()/>
        // A frame whose head Chromium prints at the top of every page (a
        // table's head repeats); on screen it is plain blocks, the head
        // hidden.
        <table class="print-frame" role="presentation">
        <thead><tr><td><p class="print-running-head" aria-hidden="true">{title.clone()}</p></td></tr></thead>
        <tbody><tr><td>
        <h1>{title}</h1>
        <p class="meta">{when(t, assembly.starts_at)} " · " {place_text(t, &assembly.place)}</p>
        <p class="no-print">
            <a href=crate::i18n::at(&format!("/assemblies/{id}"))>{a.back_to_assembly}</a> " · "
            <a href=format!("/assemblies/{id}/minutes.csv") download="">{a.minutes_csv}</a> " · "
            <a href=format!("/assemblies/{id}/minutes.json") download="">{a.minutes_json}</a>
        </p>
        {(!closed).then(|| view! { <p class="notice notice-error">{a.minutes_provisional}</p> })}
        <dl class="facts">
            <dt>{a.quorum_rule_label}</dt>
            <dd>{(a.quorum_rule)(quorum.numerator, quorum.denominator, quorum.strict)}</dd>
            <dt>{a.voting_categories}</dt>
            <dd>{categories}</dd>
            <dt>{a.proxies_per_holder}</dt>
            <dd>{(a.proxies_rule)(assembly.proxies_per_holder)}</dd>
        </dl>
        <section aria-labelledby="minutes-results">
            <h2 id="minutes-results">{a.results}</h2>
            {if m.polls.is_empty() {
                view! { <p>{a.polls_none}</p> }.into_any()
            } else {
                m.polls.into_iter().map(|poll| view! { <Vote poll/> }).collect_view().into_any()
            }}
        </section>
        <section aria-labelledby="minutes-attendance">
            <h2 id="minutes-attendance">{a.attendance}</h2>
            <p>{(a.attending)(m.attendance.len() as i64)}</p>
            <table class="table">
                <thead><tr>
                    <th scope="col">{a.col_organisation}</th>
                    <th scope="col">{a.col_votes}</th>
                    <th scope="col">{a.col_checked_in}</th>
                    <th scope="col">{a.col_checked_out}</th>
                </tr></thead>
                <tbody>
                    {m.attendance.into_iter().map(|line| view! {
                        <tr>
                            <th scope="row">{lang.pick(&line.name_ka, &line.name_en).to_string()}</th>
                            <td>{if line.votes { a.votes_yes } else { a.votes_no }}</td>
                            <td>{when(t, line.checked_in_at)}</td>
                            <td>{line.checked_out_at.map(|at| when(t, at))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="minutes-proxies">
            <h2 id="minutes-proxies">{a.proxies}</h2>
            {if m.proxies.is_empty() {
                view! { <p>{a.nobody}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr>
                            <th scope="col">{a.col_given_by}</th>
                            <th scope="col">{a.col_held_by}</th>
                        </tr></thead>
                        <tbody>
                            {m.proxies.into_iter().map(|p| view! {
                                <tr>
                                    <td>{lang.pick(&p.from_ka, &p.from_en).to_string()}</td>
                                    <td>{lang.pick(&p.to_ka, &p.to_en).to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        {m.closing.map(|c| view! { <p class="audit-mark">{(a.audit_at_close)(c.seq, &c.hash)}</p> })}
        <p class="no-print"><button type="button" class="button button-secondary" onclick="window.print()">{a.print}</button></p>
        </td></tr></tbody>
        </table>
    }
}

/// One vote: its wording, kind and rule, the quorum when it opened, the
/// turnout and the result.
#[component]
fn Vote(poll: MinutesPoll) -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let a = t.assemblies();
    let rule = Rule::from_code(&poll.rule).unwrap_or(Rule::SimpleMajority);
    let heading = lang.pick(&poll.title_ka, &poll.title_en).to_string();
    let quorum = poll
        .quorum_present
        .zip(poll.quorum_needed)
        .map(|(present, needed)| {
            if present >= needed {
                (a.opened_with_quorum)(present, needed)
            } else {
                (a.opened_without_quorum)(present, needed)
            }
        });
    view! {
        <article class="minutes-vote">
            <h3>{heading}</h3>
            <p class="meta">
                {if poll.kind == "motion" { a.motion } else { a.election }} " · "
                {if poll.secret { a.secret } else { a.named }} " · " {rule_text(t, rule)}
            </p>
            {quorum.map(|q| view! { <p>{q}</p> })}
            <p>{(a.turnout)(poll.ballots, poll.voters)}</p>
            {outcome(t, &poll)}
        </article>
    }
}

fn outcome(t: &'static Messages, poll: &MinutesPoll) -> AnyView {
    let a = t.assemblies();
    if let Some(m) = &poll.motion {
        let cast = m.cast();
        view! {
            <table class="results">
                <tbody>
                    <tr><th scope="row">{a.yes}</th><td>{m.yes}</td><td>{percent(m.yes, cast)}</td></tr>
                    <tr><th scope="row">{a.no}</th><td>{m.no}</td><td>{percent(m.no, cast)}</td></tr>
                    <tr><th scope="row">{a.abstain}</th><td>{m.abstain}</td><td></td></tr>
                </tbody>
            </table>
            <p class="outcome"><strong>{if m.passed { a.passed } else { a.failed }}</strong></p>
        }
        .into_any()
    } else if let Some(e) = &poll.election {
        let ballots = e.ballots;
        view! {
            <table class="results">
                <tbody>
                    {poll.candidates.iter().enumerate().map(|(i, name)| {
                        let votes = e.votes.get(i).copied().unwrap_or(0);
                        view! {
                            <tr>
                                <th scope="row">{name.clone()}</th>
                                <td>{votes}</td>
                                <td>{percent(votes, ballots)}</td>
                                <td>{e.elected.contains(&i).then_some(a.elected)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!e.runoff.is_empty()).then(|| view! { <p class="outcome">{(a.runoff)(e.runoff_seats)}</p> })}
        }
        .into_any()
    } else {
        view! { <p>{a.poll_open}</p> }.into_any()
    }
}
