//! One assembly (`/assemblies/:id`): its agenda, quorum, check-in, proxies
//! and polls.

use super::api::load_assembly;
use super::correcting::{AgendaEditor, DetailsPanel, Documents};
use super::fields::value_of;
use super::fields::ProblemSummary;
use super::following::Following;
use super::following::QuorumFigure;
use super::poll_card::NewPollForm;
use super::poll_card::PollCard;
use super::words::place_text;
use super::words::status_text;
use super::words::title_of;
use super::words::when;
use super::{AssemblySubmitted, AssemblyView};
use crate::components::form::Notice;
use crate::components::form::{problem_in, Input};
use crate::components::loading::{Loading, Refused};
use crate::components::post_form::{page_value, reposts, stage_answer, PostForm};
use crate::domain::assembly::AssemblyStatus;
use crate::domain::ids::AssemblyId;
use crate::domain::reference::{label, CATEGORIES};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Loads the assembly of the route (`:id`) and renders `page` with it.
#[component]
pub(super) fn AssemblyLoader(page: fn(AssemblyView) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(AssemblyId(0))
    };
    let notice = page_value("done");
    // Adding a second item answers with the address of the first.
    let again = reposts();
    let view = Resource::new(
        move || (id(), notice(), again()),
        |(id, notice, _)| load_assembly(id, notice),
    );
    // A form sent in place that needs correcting.
    let answered = stage_answer::<AssemblySubmitted>();
    view! {
        <Suspense fallback=Loading>
            {move || {
                let answered = answered.get();
                Suspend::new(async move {
                    match view.await {
                        Ok(mut view) => {
                            if let Some(again) = answered {
                                view.problems = again.problems;
                                view.values = again.values;
                            }
                            page(view)
                        }
                        Err(error) => view! { <Refused error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn AssemblyPage() -> impl IntoView {
    view! {
        <div class="container page">
            <AssemblyLoader page=|view| view! { <Assembly view/> }.into_any()/>
        </div>
    }
}

#[component]
fn Assembly(view: AssemblyView) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let AssemblyView {
        assembly,
        agenda,
        documents,
        polls,
        quorum,
        me,
        staff,
        organisations,
        problems,
        values,
        notice,
    } = view;
    let id = assembly.id;
    let title = title_of(lang, &assembly);
    let rules = {
        let r = &assembly.rules;
        let categories = r
            .categories
            .iter()
            .map(|c| label(CATEGORIES, c, lang))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <h3 id="rules">{a.rules}</h3>
            <dl class="rules" aria-labelledby="rules">
                <dt>{a.quorum_rule_label}</dt>
                <dd>{(a.quorum_rule)(r.quorum.numerator, r.quorum.denominator, r.quorum.strict)}</dd>
                <dt>{a.voting_categories}</dt>
                <dd>{categories}</dd>
                <dt>{a.proxies_per_holder}</dt>
                <dd>{(a.proxies_rule)(r.proxies_per_holder)}</dd>
            </dl>
        }
    };
    let in_session = assembly.status == AssemblyStatus::InSession;
    let notice_text = (a.notice)(&notice);
    let notice_view = (!notice_text.is_empty()).then(|| {
        let error = matches!(
            notice.as_str(),
            "proxy_full"
                | "proxy_given"
                | "stale"
                | "polls_open"
                | "no_quorum"
                | "proxies_closed"
                | "too_late"
                | "item_has_polls"
        );
        view! { <Notice error=error>{notice_text}</Notice> }
    });
    let action = format!("/assemblies/{id}");
    let editing = staff && !assembly.status.is_over();
    let staff_controls = editing.then(|| {
        let (label, hint, class) = match assembly.status {
            AssemblyStatus::Draft => (a.announce, Some(a.announce_hint), "button"),
            AssemblyStatus::Announced => (a.start_session, None, "button"),
            // Closing ends the assembly for good: not the page's main button.
            _ => (a.close_assembly, None, "button button-danger"),
        };
        view! {
            <PostForm action=action.clone() class="form form-inline">
                <input type="hidden" name="do" value="advance"/>
                <input type="hidden" name="from" value=assembly.status.code()/>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                <button type="submit" class=class>{label}</button>
            </PostForm>
        }
    });
    let following = Following::start(id, assembly.status, polls, quorum, agenda.clone());
    let Following {
        polls,
        status,
        quorum,
        agenda: live_agenda,
        ..
    } = following;
    let agenda_items = agenda.clone();
    let details = (staff && assembly.status.before_session()).then(|| {
        view! { <DetailsPanel assembly=assembly.clone() problems=problems.clone() values=values.clone()/> }
    });
    let agenda_list = if agenda_items.is_empty() {
        view! { <p>{a.agenda_empty}</p> }.into_any()
    } else if editing {
        view! { <AgendaEditor assembly=assembly.clone() agenda=agenda_items problems=problems.clone() values=values.clone()/> }.into_any()
    } else {
        // Read live: a correction made during the session reaches every screen.
        view! {
            <ol class="agenda">
                {move || live_agenda.get().into_iter().map(|item| view! { <li>{lang.pick(&item.title_ka, &item.title_en).to_string()}</li> }).collect_view()}
            </ol>
        }.into_any()
    };
    let documents = view! { <Documents assembly=assembly.clone() documents staff problems=problems.clone() values=values.clone()/> };
    let voter = me
        .as_ref()
        .is_some_and(|m| m.votes || !m.proxies_held.is_empty());
    let names = StoredValue::new(
        organisations
            .iter()
            .map(|o| (o.id, lang.pick(&o.name_ka, &o.name_en).to_string()))
            .collect::<Vec<_>>(),
    );
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="meta">
            {when(t, assembly.starts_at)} " · " {place_text(t, &assembly.place)} " · "
            {if assembly.kind == "extraordinary" { a.kind_extraordinary } else { a.kind_ordinary }} " · "
            <span class=move || format!("status status-{}", status.get().code())>{move || status_text(t, status.get())}</span>
        </p>
        <p>
            <a href=crate::i18n::at(&format!("/assemblies/{id}/projector"))>{a.projector}</a>
            {matches!(assembly.status, AssemblyStatus::InSession | AssemblyStatus::Closed).then(|| view! {
                " · " {a.minutes} ": "
                <a href=crate::i18n::at(&format!("/assemblies/{id}/minutes"))>{a.minutes_page}</a>
                " · "
                <a href=format!("/assemblies/{id}/minutes.csv") download="">{a.minutes_csv}</a>
                " · "
                <a href=format!("/assemblies/{id}/minutes.json") download="">{a.minutes_json}</a>
            })}
        </p>
        {notice_view}
        <ProblemSummary problems=problems.clone()/>
        {staff_controls}
        {details}
        <div class="assembly">
            <div class="assembly-main">
                <section aria-labelledby="agenda">
                    <h2 id="agenda">{a.agenda}</h2>
                    {agenda_list}
                    {editing.then(|| {
                        let (item_ka, item_en) = (value_of(&values, "item_ka"), value_of(&values, "item_en"));
                        let (ka_problem, en_problem) = (problem_in(&problems, "item_ka"), problem_in(&problems, "item_en"));
                        view! {
                            <PostForm action=action.clone()>
                                <input type="hidden" name="do" value="agenda"/>
                                <Input name="item_ka" label=|t| t.assemblies().item_title_ka value=item_ka problem=ka_problem/>
                                <Input name="item_en" label=|t| t.assemblies().item_title_en value=item_en problem=en_problem/>
                                <button type="submit" class="button button-secondary">{a.add_item}</button>
                            </PostForm>
                        }
                    })}
                </section>
                {documents}
                <section aria-labelledby="polls">
                    <h2 id="polls">{a.polls}</h2>
                    {move || {
                        let polls = polls.get();
                        if polls.is_empty() {
                            view! { <p>{a.polls_none}</p> }.into_any()
                        } else {
                            polls.into_iter().map(|p| view! { <PollCard poll=p assembly=id staff voter following names/> }).collect_view().into_any()
                        }
                    }}
                    {editing.then(|| view! { <NewPollForm action=action.clone() agenda problems=problems.clone() values=values.clone()/> })}
                </section>
            </div>
            <aside class="assembly-side" aria-labelledby="quorum">
                <h2 id="quorum">{a.quorum}</h2>
                <QuorumFigure quorum/>
                {rules}
                {me.map(|m| view! { <MyOrganisation me=m action=action.clone() in_session organisations=organisations.clone()/> })}
                {staff.then(|| view! { <StaffCheckIn action=action.clone() in_session organisations/> })}
            </aside>
        </div>
    }
}

#[component]
fn MyOrganisation(
    me: super::MyPart,
    action: String,
    in_session: bool,
    organisations: Vec<super::OrgLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let name = lang.pick(&me.name_ka, &me.name_en).to_string();
    let check_in = if me.checked_in && in_session {
        view! {
            <p class="checked-in">{a.checked_in}</p>
            <PostForm action=action.clone() class="">
                <input type="hidden" name="do" value="check_out"/>
                <p class="hint" id="check-out-hint">{a.check_out_hint}</p>
                <button type="submit" class="button button-secondary" aria-describedby="check-out-hint">{a.check_out}</button>
            </PostForm>
        }
        .into_any()
    } else if me.checked_in {
        view! { <p class="checked-in">{a.checked_in}</p> }.into_any()
    } else if in_session {
        view! {
            <p>{a.not_checked_in}</p>
            <PostForm action=action.clone() class="">
                <input type="hidden" name="do" value="check_in"/>
                <button type="submit" class="button">{a.check_in}</button>
            </PostForm>
        }
        .into_any()
    } else {
        view! { <p class="hint">{a.check_in_opens}</p> }.into_any()
    };
    let held = (!me.proxies_held.is_empty()).then(|| {
        let names = me
            .proxies_held
            .iter()
            .map(|name| name.pick(lang).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p>{(a.proxies_held)(&names)}</p> }
    });
    let proxy = if !me.votes {
        view! { <p class="hint">{a.no_vote}</p> }.into_any()
    } else if let Some(to) = &me.proxy_to {
        view! {
            <p>{(a.proxy_given)(to.pick(lang))}</p>
            <PostForm action=action.clone() class="">
                <input type="hidden" name="do" value="withdraw_proxy"/>
                <button type="submit" class="button button-secondary">{a.withdraw_proxy}</button>
            </PostForm>
        }
        .into_any()
    } else if !me.checked_in {
        let others: Vec<_> = organisations
            .into_iter()
            .filter(|o| o.votes && o.id != me.org_id)
            .collect();
        view! {
            <PostForm action=action.clone()>
                <input type="hidden" name="do" value="proxy"/>
                <div class="field">
                    <label for="field-proxy">{a.proxy_to}</label>
                    <p class="hint" id="field-proxy-hint">{a.proxy_hint}</p>
                    <select id="field-proxy" name="to" aria-describedby="field-proxy-hint">
                        {others.into_iter().map(|o| view! { <option value=o.id.to_string()>{lang.pick(&o.name_ka, &o.name_en).to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">{a.give_proxy}</button>
            </PostForm>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <section aria-labelledby="my-organisation" class="panel">
            <h2 id="my-organisation">{a.your_organisation}</h2>
            <p><strong>{name}</strong></p>
            {check_in}
            {held}
            {proxy}
        </section>
    }
}

#[component]
fn StaffCheckIn(
    action: String,
    in_session: bool,
    organisations: Vec<super::OrgLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    view! {
        <section aria-labelledby="attendance" class="panel">
            <h2 id="attendance">{a.attendance}</h2>
            <ul class="attendance-list">
                {organisations.into_iter().map(|o| {
                    let super::OrgLine { id, name_ka, name_en, votes, checked_in: present } = o;
                    let name = lang.pick(&name_ka, &name_en).to_string();
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            <span class="hint">{if votes { a.votes_yes } else { a.votes_no }}</span>
                            {if present && in_session {
                                view! {
                                    <span class="checked-in">{a.checked_in}</span>
                                    <PostForm action=action.clone() class="">
                                        <input type="hidden" name="do" value="check_out"/>
                                        <input type="hidden" name="org" value=id.to_string()/>
                                        <button type="submit" class="button button-small button-secondary" aria-label=format!("{}: {name}", a.staff_check_out)>{a.staff_check_out}</button>
                                    </PostForm>
                                }.into_any()
                            } else if present {
                                view! { <span class="checked-in">{a.checked_in}</span> }.into_any()
                            } else if in_session {
                                view! {
                                    <PostForm action=action.clone() class="">
                                        <input type="hidden" name="do" value="check_in"/>
                                        <input type="hidden" name="org" value=id.to_string()/>
                                        <button type="submit" class="button button-small" aria-label=format!("{}: {name}", a.staff_check_in)>{a.staff_check_in}</button>
                                    </PostForm>
                                }.into_any()
                            } else {
                                ().into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
