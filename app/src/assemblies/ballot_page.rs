//! The ballot screen (`/assemblies/:id/polls/:poll`): choose, confirm, and
//! the receipt.

use super::api::load_ballot;
use super::words::{choice_label, choice_text, rule_text, title_of};
use super::{BallotStage, BallotView, PollView};
use crate::auth::validate::Problem;
use crate::components::form::Notice;
use crate::components::loading::{Loading, Refused};
use crate::components::post_form::PostForm;
use crate::domain::assembly::PollStatus;
use crate::domain::ids::{AssemblyId, OrganisationId, PollId};
use crate::domain::voting::Choice;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn BallotPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        (AssemblyId(get("id")), PollId(get("poll")))
    };
    let view = Resource::new(ids, |(a, p)| load_ballot(a, p));
    view! {
        <div class="container page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(view) => view! { <Ballots view/> }.into_any(),
                        Err(error) => view! { <Refused error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Ballots(view: BallotView) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let BallotView {
        assembly,
        poll,
        ballots,
        stage,
        own_org,
    } = view;
    // Casting keeps the assembly's live stream open for its page.
    super::following::hold(assembly.id);
    let title = lang.pick(&poll.title_ka, &poll.title_en).to_string();
    let back = format!("/assemblies/{}", assembly.id);
    let action = format!("/assemblies/{}/polls/{}", assembly.id, poll.id);
    // The outcome shown: as the page was rendered with it (without
    // JavaScript), then as each ballot form sent in place answers.
    let stage = RwSignal::new(stage);
    let cast_now = RwSignal::new(Vec::<OrganisationId>::new());
    let on_stage = Callback::new(move |json: String| {
        if let Ok(answer) = serde_json::from_str::<BallotStage>(&json) {
            if let BallotStage::Recorded { org, .. } = &answer {
                cast_now.try_update(|orgs| orgs.push(*org));
            }
            stage.try_set(Some(answer));
        }
    });
    let names = StoredValue::new(
        ballots
            .iter()
            .map(|b| (b.org, lang.pick(&b.name_ka, &b.name_en).to_string()))
            .collect::<Vec<_>>(),
    );
    let name_of = move |org: OrganisationId| {
        names.with_value(|names| {
            names
                .iter()
                .find(|(id, _)| *id == org)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        })
    };
    let stage_view = move || {
        stage.get().map(|stage| match stage {
            BallotStage::Recorded { org, tracker } => view! {
                <div class="notice notice-success" role="status">
                    <p><strong>{a.recorded}</strong> " " {name_of(org)}</p>
                    {tracker.map(|code| view! {
                        <p>{a.tracker} ": " <code class="tracker">{code}</code></p>
                        <p class="hint">{a.tracker_hint}</p>
                    })}
                </div>
            }
            .into_any(),
            BallotStage::Refused { reason, .. } => view! {
                <Notice error=true>{match reason.as_str() {
                    "already" => a.already_voted,
                    "not_a_voter" => a.not_a_voter,
                    "closed" => a.poll_not_open,
                    _ => t.problems().of(Problem::ChooseOne),
                }}</Notice>
            }
            .into_any(),
            BallotStage::Confirm { .. } => ().into_any(),
        })
    };
    let poll = StoredValue::new(poll);
    let ballots = StoredValue::new(ballots);
    let body = move || {
        let confirming = stage.with(|stage| match stage {
            Some(BallotStage::Confirm { org, choice }) => Some((*org, choice.clone())),
            _ => None,
        });
        let poll = poll.get_value();
        if let Some((org, choice)) = confirming {
            return view! {
                <Confirm poll org choice name=name_of(org) action=action.clone() on_stage
                    on_change=move || stage.set(None)/>
            }
            .into_any();
        }
        if poll.status != PollStatus::Open {
            return view! { <p>{a.poll_not_open}</p> }.into_any();
        }
        if ballots.with_value(Vec::is_empty) {
            return view! { <p>{a.no_ballot}</p> }.into_any();
        }
        ballots.get_value().into_iter().map(|b| {
            let org = b.org;
            let voted = b.voted || cast_now.with(|orgs| orgs.contains(&org));
            let name = lang.pick(&b.name_ka, &b.name_en).to_string();
            let heading = if Some(org) == own_org {
                (a.ballot_for)(&name)
            } else {
                (a.proxy_ballot_for)(&name)
            };
            let legend_id = format!("ballot-{org}");
            let labelled_by = legend_id.clone();
            if voted {
                return view! {
                    <section class="panel ballot" aria-labelledby=labelled_by>
                        <h2 id=legend_id>{heading}</h2>
                        <p class="checked-in">{a.already_voted}</p>
                    </section>
                }.into_any();
            }
            let choices = if poll.kind == "motion" {
                Choice::ALL.into_iter().map(|choice| {
                    let (value, label) = (choice.code(), choice_label(t, choice));
                    let id = format!("choice-{org}-{value}");
                    view! { <div class="radio"><input type="radio" id=id.clone() name="choice" value=value required=true/><label for=id>{label}</label></div> }
                }).collect_view().into_any()
            } else {
                view! {
                    <p class="hint">{(a.choose_up_to)(poll.seats)} " " {a.abstain_all}</p>
                    {poll.candidates.iter().enumerate().map(|(i, name)| {
                        let id = format!("mark-{org}-{i}");
                        view! { <div class="checkbox"><input type="checkbox" id=id.clone() name="mark" value=i.to_string()/><label for=id>{name.clone()}</label></div> }
                    }).collect_view()}
                }.into_any()
            };
            view! {
                <section class="panel ballot" aria-labelledby=labelled_by>
                    <PostForm action=action.clone() on_stage>
                        <input type="hidden" name="org" value=org.to_string()/>
                        <fieldset>
                            <legend id=legend_id><h2>{heading}</h2></legend>
                            {choices}
                        </fieldset>
                        <button type="submit" class="button">{a.review_vote}</button>
                    </PostForm>
                </section>
            }.into_any()
        }).collect_view().into_any()
    };
    let meta = poll.with_value(|poll| {
        format!(
            "{} · {} · {}",
            title_of(lang, &assembly),
            rule_text(t, poll.rule),
            if poll.secret { a.secret } else { a.named }
        )
    });
    view! {
        <Title text=title.clone()/>
        <p><a href=crate::i18n::at(&back)>{a.back_to_assembly}</a></p>
        <h1>{title}</h1>
        <p class="meta">{meta}</p>
        {stage_view}
        {body}
    }
}

/// The chosen ballot shown back before it is cast.
#[component]
fn Confirm(
    poll: PollView,
    org: OrganisationId,
    choice: String,
    name: String,
    action: String,
    on_stage: Callback<String>,
    on_change: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let a = use_i18n().t().assemblies();
    let t = use_i18n().t();
    let marks: Vec<String> = if poll.kind == "election" {
        choice
            .split(',')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect()
    } else {
        Vec::new()
    };
    let stored = if poll.kind == "election" {
        let indexes: Vec<usize> = marks.iter().filter_map(|m| m.parse().ok()).collect();
        serde_json::to_string(&indexes).unwrap_or_default()
    } else {
        choice.clone()
    };
    // With JavaScript, changing the choice goes back to the ballot where it
    // is; without, the link loads it.
    let change = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        on_change();
    };
    view! {
        <section aria-labelledby="confirm" class="panel">
            <h2 id="confirm" data-answer="">{a.confirm_title}</h2>
            <p>{(a.ballot_for)(&name)}</p>
            <p class="choice-review"><strong>{choice_text(t, &poll, &stored)}</strong></p>
            <p class="hint">{a.confirm_hint}</p>
            <PostForm action=action.clone() class="form-inline" on_stage>
                <input type="hidden" name="org" value=org.to_string()/>
                <input type="hidden" name="confirm" value="1"/>
                {if poll.kind == "election" {
                    marks.iter().map(|m| view! { <input type="hidden" name="mark" value=m.clone()/> }).collect_view().into_any()
                } else {
                    view! { <input type="hidden" name="choice" value=choice.clone()/> }.into_any()
                }}
                <button type="submit" class="button">{a.cast}</button>
                <a class="button button-secondary" href=crate::i18n::at(&action) on:click=change>{a.change}</a>
            </PostForm>
        </section>
    }
}
