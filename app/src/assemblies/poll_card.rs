//! A poll on the assembly page, its results, and the form to add one.

use super::fields::value_of;
use super::following::Following;
use super::words::choice_text;
use super::words::poll_status_text;
use super::words::rule_text;
use super::PollView;
use crate::auth::validate::Problem;
use crate::components::form::{problem_in, Input};
use crate::components::post_form::PostForm;
use crate::components::rcdata::rcdata;
use crate::domain::assembly::PollStatus;
use crate::domain::ids::{AssemblyId, OrganisationId};
use crate::domain::voting::Rule;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub(super) fn NewPollForm(
    action: String,
    agenda: Vec<super::AgendaItem>,
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    view! {
        <details class="panel">
            <summary>{a.new_poll}</summary>
            <PostForm action=action.clone()>
                <input type="hidden" name="do" value="poll"/>
                <Input name="poll_ka" label=|t| t.assemblies().poll_title_ka value=value_of(&values, "poll_ka") problem=problem_in(&problems, "poll_ka")/>
                <Input name="poll_en" label=|t| t.assemblies().poll_title_en value=value_of(&values, "poll_en") problem=problem_in(&problems, "poll_en")/>
                <div class="field">
                    <label for="field-agenda_item">{a.poll_item}</label>
                    <select id="field-agenda_item" name="agenda_item">
                        <option value="">"—"</option>
                        {agenda.into_iter().map(|item| view! { <option value=item.id.to_string()>{format!("{}. {}", item.position, lang.pick(&item.title_ka, &item.title_en))}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{a.poll_kind}</legend>
                    <div class="radio"><input type="radio" id="kind-motion" name="kind" value="motion" checked=true/><label for="kind-motion">{a.motion}</label></div>
                    <div class="radio"><input type="radio" id="kind-election" name="kind" value="election"/><label for="kind-election">{a.election}</label></div>
                </fieldset>
                <div class="field checkbox">
                    <input type="checkbox" id="field-secret" name="secret" value="1" aria-describedby="field-secret-hint"/>
                    <label for="field-secret">{a.secret}</label>
                    <p class="hint" id="field-secret-hint">{a.secret_hint}</p>
                </div>
                <div class="field">
                    <label for="field-rule">{a.rule}</label>
                    <select id="field-rule" name="rule">
                        {Rule::ALL.into_iter().map(|r| view! { <option value=r.code()>{rule_text(t, r)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-seats">{a.seats}</label>
                    <input id="field-seats" name="seats" type="number" min="1" max="50" value="1" inputmode="numeric"/>
                </div>
                <div class="field" class:field-invalid=problems.iter().any(|(f, _)| f == "candidates")>
                    <label for="field-candidates">{a.candidates}</label>
                    <p class="hint" id="field-candidates-hint">{a.candidates_hint}</p>
                    {problems.iter().find(|(f, _)| f == "candidates").map(|(_, p)| view! { <p class="field-error" id="field-candidates-error">{t.problems().of(*p)}</p> })}
                    <textarea id="field-candidates" name="candidates" rows="4" aria-describedby="field-candidates-hint">{rcdata(&value_of(&values, "candidates"))}</textarea>
                </div>
                <button type="submit" class="button">{a.create_poll}</button>
            </PostForm>
        </details>
    }
}

#[component]
pub(super) fn PollCard(
    poll: PollView,
    assembly: AssemblyId,
    staff: bool,
    voter: bool,
    following: Following,
    names: StoredValue<Vec<(OrganisationId, String)>>,
) -> impl IntoView {
    let live = following.live;
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let title = lang.pick(&poll.title_ka, &poll.title_en).to_string();
    let heading_id = format!("poll-{}", poll.id);
    let labelled_by = heading_id.clone();
    let base = format!("/assemblies/{assembly}/polls/{}", poll.id);
    let control = match (staff, poll.status) {
        (true, PollStatus::Draft) => Some((a.open_poll, "open")),
        (true, PollStatus::Open) => Some((a.close_poll, "close")),
        _ => None,
    }
    .map(|(label, verb)| {
        // Without quorum, opening asks for the box to be ticked (the
        // server checks the quorum again as it opens).
        let quorum = following.quorum;
        let confirm_id = format!("without-quorum-{}", poll.id);
        let confirm = move || {
            (verb == "open" && !quorum.get().met).then(|| {
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=confirm_id.clone() name="without_quorum" value="yes"/>
                        <label for=confirm_id.clone()>{a.without_quorum}</label>
                    </div>
                }
            })
        };
        view! {
            <PostForm action=format!("/assemblies/{assembly}") class="form-inline">
                <input type="hidden" name="do" value=verb/>
                <input type="hidden" name="poll" value=poll.id.to_string()/>
                {confirm}
                <button type="submit" class="button button-secondary">{label}</button>
            </PostForm>
        }
    });
    let opened_quorum = poll.quorum_at_open.map(|(present, needed)| {
        let (text, class) = if present >= needed {
            ((a.opened_with_quorum)(present, needed), "meta")
        } else {
            (
                (a.opened_without_quorum)(present, needed),
                "meta without-quorum",
            )
        };
        view! { <p class=class>{text}</p> }
    });
    let vote_link = (voter && poll.status == PollStatus::Open).then(|| {
        view! {
            <a class="button" href=crate::i18n::at(&base)>{a.vote}</a>
        }
    });
    let results = (poll.status == PollStatus::Closed).then(
        || view! { <PollResults poll=poll.clone() lookup=format!("/assemblies/{assembly}")/> },
    );
    let board_steps = (staff && poll.status == PollStatus::Closed && poll.kind == "election")
        .then(|| board_steps(&poll, assembly));
    let poll_id = poll.id;
    let turnout = following.turnout(&poll);
    // Named votes: who voted what, as the live snapshots bring them.
    let named = (!poll.secret && poll.status != PollStatus::Draft).then(|| {
        let p = StoredValue::new(poll.clone());
        let initial: Vec<(String, String)> = poll
            .named
            .iter()
            .map(|v| {
                (
                    lang.pick(&v.name_ka, &v.name_en).to_string(),
                    v.choice.clone(),
                )
            })
            .collect();
        let rows = move || {
            live.with(|l| {
                l.as_ref()
                    .and_then(|l| l.poll(poll_id))
                    .filter(|lp| lp.status == PollStatus::Open)
                    .map(|lp| {
                        lp.named
                            .iter()
                            .map(|(org, choice)| {
                                let name = names.with_value(|n| {
                                    n.iter()
                                        .find(|(id, _)| id == org)
                                        .map(|(_, name)| name.clone())
                                });
                                (name.unwrap_or_else(|| format!("#{org}")), choice.clone())
                            })
                            .collect::<Vec<_>>()
                    })
            })
            .unwrap_or_else(|| initial.clone())
        };
        view! {
            <details>
                <summary>{a.named_votes}</summary>
                <ul>
                    {move || rows().into_iter().map(|(name, choice)| {
                        let choice = p.with_value(|p| choice_text(t, p, &choice));
                        view! { <li>{name} ": " {choice}</li> }
                    }).collect_view()}
                </ul>
            </details>
        }
    });
    view! {
        <article class="poll" aria-labelledby=labelled_by>
            <h3 id=heading_id>{title}</h3>
            <p class="meta">
                {if poll.kind == "motion" { a.motion } else { a.election }} " · "
                {if poll.secret { a.secret } else { a.named }} " · "
                {rule_text(t, poll.rule)} " · "
                <span class=format!("status status-{}", poll.status.code())>{poll_status_text(t, poll.status)}</span>
            </p>
            {opened_quorum}
            {(poll.status != PollStatus::Draft).then(|| view! { <p class="turnout">{move || { let (v, n) = turnout(); (a.turnout)(v, n) }}</p> })}
            {vote_link}
            {control}
            {results}
            {board_steps}
            {named}
        </article>
    }
}

/// After a closed election, staff's next step: the run-off its tie needs
/// (once), or confirming the elected as the new Board (the Board's form
/// walks the run-offs back to the election and refuses while a tie is
/// open).
fn board_steps(poll: &PollView, assembly: AssemblyId) -> impl IntoView + use<> {
    let a = use_i18n().t().assemblies();
    let tied = poll.election.as_ref().is_some_and(|e| !e.runoff.is_empty());
    let id = poll.id;
    match (tied, poll.runoff) {
        (true, None) => view! {
            <PostForm action=format!("/assemblies/{assembly}") class="form-inline">
                <input type="hidden" name="do" value="runoff"/>
                <input type="hidden" name="poll" value=id.to_string()/>
                <button type="submit" class="button button-secondary">{a.hold_runoff}</button>
            </PostForm>
        }
        .into_any(),
        (true, Some(runoff)) => {
            view! { <p class="meta"><a href=format!("#poll-{runoff}")>{a.runoff_held}</a></p> }.into_any()
        }
        _ => view! {
            <p><a class="button button-secondary" href=crate::i18n::at(&format!("/board/new?poll={id}"))>{a.confirm_board}</a></p>
        }
        .into_any(),
    }
}

#[component]
pub(super) fn PollResults(
    poll: PollView,
    /// The page the tracker lookup box posts to (none: no box, as on the
    /// projector).
    #[prop(optional, into)]
    lookup: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let a = t.assemblies();
    let percent = |part: u64, whole: u64| {
        crate::domain::voting::Share { part, whole }
            .per_mille()
            .map(|m| format!("{}.{} %", m / 10, m % 10))
            .unwrap_or_else(|| "—".into())
    };
    let counts = if let Some(m) = poll.motion {
        let cast = m.cast();
        view! {
            <table class="results">
                <caption>{a.results}</caption>
                <tbody>
                    <tr><th scope="row">{a.yes}</th><td>{m.yes}</td><td>{percent(m.yes, cast)}</td></tr>
                    <tr><th scope="row">{a.no}</th><td>{m.no}</td><td>{percent(m.no, cast)}</td></tr>
                    <tr><th scope="row">{a.abstain}</th><td>{m.abstain}</td><td></td></tr>
                </tbody>
            </table>
            <p class="outcome"><strong>{if m.passed { a.passed } else { a.failed }}</strong> " — " {rule_text(t, m.rule)}</p>
        }
        .into_any()
    } else if let Some(e) = poll.election.clone() {
        let ballots = e.ballots;
        view! {
            <table class="results">
                <caption>{a.results}</caption>
                <tbody>
                    {poll.candidates.iter().enumerate().map(|(i, name)| {
                        let votes = e.votes.get(i).copied().unwrap_or(0);
                        let elected = e.elected.contains(&i);
                        view! {
                            <tr>
                                <th scope="row">{name.clone()}</th>
                                <td>{votes}</td>
                                <td>{percent(votes, ballots)}</td>
                                <td>{elected.then_some(a.elected)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!e.runoff.is_empty()).then(|| view! { <p class="outcome">{(a.runoff)(e.runoff_seats)}</p> })}
        }
        .into_any()
    } else {
        ().into_any()
    };
    // A voter's tracker code, looked up with a plain GET (`?poll=&tracker=`):
    // the answer is read from the bulletin every participant sees.
    let query = leptos_router::hooks::use_query_map();
    let sought = query.with_untracked(|q| {
        (q.get("poll").as_deref() == Some(poll.id.to_string().as_str()))
            .then(|| q.get("tracker").unwrap_or_default())
            .filter(|typed| !typed.trim().is_empty())
            .map(|typed| super::words::tracker_as_shown(&typed))
    });
    let found = sought.as_ref().map(|code| {
        poll.bulletin
            .iter()
            .find(|line| &line.tracker == code)
            .map(|line| choice_text(t, &poll, &line.choice))
    });
    let lookup_box = lookup.filter(|_| poll.secret && !poll.bulletin.is_empty()).map(|page| {
        let field = format!("tracker-{}", poll.id);
        let answer = match (&sought, &found) {
            (Some(code), Some(Some(choice))) => Some(((a.tracker_found)(code, choice), "notice")),
            (Some(code), _) => Some(((a.tracker_missing)(code), "notice notice-error")),
            _ => None,
        };
        view! {
            <form method="get" action=format!("{page}#poll-{}", poll.id) class="form form-inline tracker-lookup">
                <input type="hidden" name="poll" value=poll.id.to_string()/>
                <div class="field">
                    <label for=field.clone()>{a.tracker_lookup}</label>
                    <input id=field name="tracker" type="text" autocomplete="off" spellcheck="false"
                        value=sought.clone().unwrap_or_default()/>
                </div>
                <button type="submit" class="button button-secondary">{a.tracker_find}</button>
            </form>
            {answer.map(|(text, class)| view! { <p class=class role="status">{text}</p> })}
        }
    });
    let open = matches!(found, Some(Some(_)));
    let bulletin = (!poll.bulletin.is_empty()).then(|| view! {
        {lookup_box}
        <details open=open>
            <summary>{a.bulletin}</summary>
            <p class="hint">{a.bulletin_hint}</p>
            <table class="bulletin">
                <thead><tr><th scope="col">{a.tracker}</th><th scope="col">{a.ballot_title}</th></tr></thead>
                <tbody>
                    {poll.bulletin.iter().map(|line| {
                        let mine = sought.as_deref() == Some(line.tracker.as_str());
                        view! {
                            <tr class:found=mine><td><code>{line.tracker.clone()}</code></td><td>{choice_text(t, &poll, &line.choice)}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    });
    view! { {counts} {bulletin} }
}
