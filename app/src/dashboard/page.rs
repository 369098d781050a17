//! `/admin`: the secretariat's dashboard.

use super::api::load_dashboard;
use super::{Change, Dashboard, FailedMail, Leaving, Preparing, Upgrade, Waiting};
use crate::components::form::Notice;
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{page_value, PostForm};
use crate::domain::date::Date;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    // Loaded again after every action (its answer's address, or the same
    // address again).
    let search = leptos_router::hooks::use_location().search;
    let again = crate::components::post_form::reposts();
    let data = Resource::new(move || (search.get(), again()), |_| load_dashboard());
    view! {
        <Title text=move || d().title/>
        <div class="container page">
            <h1>{move || d().title}</h1>
            <p class="lead">{move || d().lead}</p>
            <nav class="desk-links" aria-label=move || d().links_label>
                <ul class="plain inline-list">
                    <li><a href=crate::i18n::at("/admin/news")>{move || i18n.t().news_desk().list_title}</a></li>
                    <li><a href=crate::i18n::at("/admin/organisations")>{move || i18n.t().nav.organisations}</a></li>
                    <li><a href=crate::i18n::at("/admin/contact")>{move || d().contacts_link}</a></li>
                    <li><a href=crate::i18n::at("/admin/audit")>{move || i18n.t().audit().title}</a></li>
                </ul>
            </nav>
            <Outcome/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <Parts data/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Outcome() -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let (upgraded, dismissed, ended, error) = (
        page_value("upgraded"),
        page_value("dismissed"),
        page_value("ended"),
        page_value("error"),
    );
    view! {
        {move || (!upgraded().is_empty()).then(|| view! { <Notice>{move || (d().upgraded)(&upgraded())}</Notice> })}
        {move || (!dismissed().is_empty()).then(|| view! { <Notice>{move || d().dismissed}</Notice> })}
        {move || (!ended().is_empty()).then(|| view! { <Notice>{move || (d().ended)(&ended())}</Notice> })}
        {move || (error() == "not_upgraded").then(|| view! { <Notice error=true>{move || d().not_upgraded}</Notice> })}
        {move || (error() == "not_ended").then(|| view! { <Notice error=true>{move || d().not_ended}</Notice> })}
    }
}

#[component]
fn Parts(data: Dashboard) -> impl IntoView {
    let Dashboard {
        today,
        waiting,
        waiting_total,
        upgrades,
        upgrades_total,
        assemblies,
        leaving,
        mail_retrying,
        mail_failed,
        changes,
        board_reminder,
    } = data;
    let i18n = use_i18n();
    let board_reminder = board_reminder.map(|r| {
        let ends_on = Date::parse(&r.ends_on)
            .map(|d| i18n.date(d))
            .unwrap_or(r.ends_on);
        view! {
            <Notice error=true>
                {(i18n.t().board().reminder)(&ends_on, r.days_left)} " "
                <a href=crate::i18n::at("/board")>{i18n.t().board().title}</a>
            </Notice>
        }
    });
    view! {
        {board_reminder}
        <div class="dashboard">
            <WaitingPart waiting total=waiting_total/>
            <UpgradesPart upgrades total=upgrades_total/>
            <AssembliesPart assemblies/>
            <LeavingPart leaving today=today.unwrap_or(Date::from_unix(0))/>
            <MailPart retrying=mail_retrying failed=mail_failed/>
            <ChangesPart changes/>
        </div>
    }
}

/// A Unix time as the day it fell on, in the page's language.
fn day(seconds: i64) -> String {
    use_i18n().date(Date::from_unix(seconds))
}

#[component]
fn WaitingPart(waiting: Vec<Waiting>, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let lang = i18n.lang();
    view! {
        <section aria-labelledby="dash-waiting" class="dashboard-part">
            <h2 id="dash-waiting">{move || d().waiting_heading}</h2>
            {if waiting.is_empty() {
                view! { <p>{move || d().waiting_none}</p> }.into_any()
            } else {
                view! {
                    <p>{move || (d().waiting_count)(total)}</p>
                    <ul class="plain">
                        {waiting.into_iter().map(|w| {
                            let sent = day(w.submitted_at);
                            view! {
                                <li>
                                    <a href=crate::i18n::at(&format!("/admin/applications/{}", w.id))>{lang.pick(&w.name_ka, &w.name_en).to_string()}</a>
                                    " — " {move || (d().sent_on)(&sent)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href=crate::i18n::at("/admin/applications")>{move || d().all_applications}</a></p>
        </section>
    }
}

#[component]
fn UpgradesPart(upgrades: Vec<Upgrade>, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let lang = i18n.lang();
    view! {
        <section aria-labelledby="dash-upgrades" class="dashboard-part">
            <h2 id="dash-upgrades">{move || d().upgrades_heading}</h2>
            {if upgrades.is_empty() {
                view! { <p>{move || d().upgrades_none}</p> }.into_any()
            } else {
                view! {
                    <p>{move || (d().upgrades_count)(total)}</p>
                    <ul class="plain">
                        {upgrades.into_iter().map(|u| {
                            let name = lang.pick(&u.name_ka, &u.name_en).to_string();
                            let since = i18n.date(u.since);
                            let who = name.clone();
                            view! {
                                <li class="dashboard-row">
                                    <span>
                                        <a href=crate::i18n::at(&format!("/members/{}", u.slug))>{name}</a>
                                        " — " {move || (d().upgrade_since)(&since)}
                                    </span>
                                    <PostForm action="/admin" class="inline-form">
                                        <input type="hidden" name="do" value="upgrade"/>
                                        <input type="hidden" name="slug" value=u.slug.clone()/>
                                        <button type="submit" class="button button-secondary"
                                            aria-label=move || (d().upgrade_who)(&who)>{move || d().upgrade}</button>
                                    </PostForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn AssembliesPart(assemblies: Vec<Preparing>) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let lang = i18n.lang();
    view! {
        <section aria-labelledby="dash-assemblies" class="dashboard-part">
            <h2 id="dash-assemblies">{move || d().assemblies_heading}</h2>
            {assemblies.is_empty().then(|| view! { <p>{move || d().assemblies_none}</p> })}
            <ul class="plain">
                {assemblies.into_iter().map(|a| {
                    let when = day(a.starts_at);
                    let mut lacks: Vec<&'static str> = Vec::new();
                    if a.status == "draft" {
                        lacks.push(i18n.t().dashboard().lacks_announcement);
                    }
                    if a.agenda_items == 0 {
                        lacks.push(i18n.t().dashboard().lacks_agenda);
                    }
                    if a.documents == 0 {
                        lacks.push(i18n.t().dashboard().lacks_documents);
                    }
                    let state = if lacks.is_empty() {
                        (i18n.t().dashboard().ready)(a.agenda_items, a.documents)
                    } else {
                        lacks.join("; ")
                    };
                    let ready = state.clone();
                    let lacking = !lacks.is_empty();
                    view! {
                        <li>
                            <a href=crate::i18n::at(&format!("/assemblies/{}", a.id))>{lang.pick(&a.title_ka, &a.title_en).to_string()}</a>
                            " — " {when} ": " <span class:dashboard-lacks=lacking>{ready}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p><a href=crate::i18n::at("/assemblies")>{move || d().all_assemblies}</a></p>
        </section>
    }
}

/// The members that asked to leave, each with the day its membership
/// ended to record (today unless staff change it).
#[component]
fn LeavingPart(leaving: Vec<Leaving>, today: Date) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let lang = i18n.lang();
    let (error, error_slug) = (page_value("error"), page_value("slug"));
    let today = today.to_string();
    view! {
        <section aria-labelledby="dash-leaving" class="dashboard-part">
            <h2 id="dash-leaving">{move || d().leaving_heading}</h2>
            {leaving.is_empty().then(|| view! { <p>{move || d().leaving_none}</p> })}
            <ul class="plain">
                {leaving.into_iter().map(|l| {
                    let name = lang.pick(&l.name_ka, &l.name_en).to_string();
                    let asked = day(l.asked_at);
                    let who = name.clone();
                    let field = format!("left-on-{}", l.slug);
                    let problem_id = format!("{field}-problem");
                    let slug = l.slug.clone();
                    let today = today.clone();
                    let problem = Signal::derive(move || {
                        if error_slug() != slug {
                            return None;
                        }
                        match error().as_str() {
                            "left_on_invalid" => Some(d().left_on_invalid),
                            "left_on_future" => Some(d().left_on_future),
                            "left_on_early" => Some(d().left_on_early),
                            _ => None,
                        }
                    });
                    let problem = move || problem.get();
                    let reason = l.reason.clone();
                    view! {
                        <li class="dashboard-leaving">
                            <p>
                                <a href=crate::i18n::at(&format!("/members/{}", l.slug))>{name}</a>
                                " — " {move || (d().asked_on)(&asked)}
                            </p>
                            {(!reason.is_empty()).then(|| view! { <p class="multiline">{move || (d().reason)(&reason)}</p> })}
                            <PostForm action="/admin" class="inline-form">
                                <input type="hidden" name="do" value="end_membership"/>
                                <input type="hidden" name="slug" value=l.slug.clone()/>
                                <div class="field">
                                    <label for=field.clone()>{move || d().left_on}</label>
                                    <input type="date" id=field.clone() name="left_on" required
                                        value=today.clone() min=l.member_since.clone() max=today.clone()
                                        aria-invalid=move || problem().map(|_| "true")
                                        aria-describedby=move || problem().map(|_| problem_id.clone())/>
                                    {move || problem().map(|text| view! {
                                        <p class="field-error" id=format!("left-on-{}-problem", l.slug)>{text}</p>
                                    })}
                                </div>
                                <button type="submit" class="button button-secondary"
                                    aria-label=move || (d().end_who)(&who)>{move || d().end_membership}</button>
                            </PostForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn MailPart(retrying: i64, failed: Vec<FailedMail>) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let all_well = retrying == 0 && failed.is_empty();
    view! {
        <section aria-labelledby="dash-mail" class="dashboard-part">
            <h2 id="dash-mail">{move || d().mail_heading}</h2>
            {all_well.then(|| view! { <p>{move || d().mail_ok}</p> })}
            {(retrying > 0).then(|| view! { <p>{move || (d().mail_retrying)(retrying)}</p> })}
            {(!failed.is_empty()).then(|| view! {
                <p>{move || d().mail_failed_lead}</p>
                <ul class="plain">
                    {failed.into_iter().map(|m| {
                        let when = day(m.failed_at);
                        let to = m.to_address.clone();
                        view! {
                            <li class="dashboard-row">
                                <span>
                                    {m.to_address} " — " <q>{m.subject}</q> " — " {when}
                                    {(!m.last_error.is_empty()).then(|| view! { <br/><code>{m.last_error}</code> })}
                                </span>
                                <PostForm action="/admin" class="inline-form">
                                    <input type="hidden" name="do" value="dismiss_mail"/>
                                    <input type="hidden" name="mail" value=m.id.to_string()/>
                                    <button type="submit" class="button button-secondary"
                                        aria-label=move || (d().dismiss_who)(&to)>{move || d().dismiss}</button>
                                </PostForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn ChangesPart(changes: Vec<Change>) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().dashboard();
    let lang = i18n.lang();
    view! {
        <section aria-labelledby="dash-changes" class="dashboard-part">
            <h2 id="dash-changes">{move || d().changes_heading}</h2>
            {changes.is_empty().then(|| view! { <p>{move || d().changes_none}</p> })}
            <ul class="plain">
                {changes.into_iter().map(|c| {
                    let when = day(c.happened_at);
                    let kind = c.kind.clone();
                    let actor = c.actor.clone();
                    view! {
                        <li>
                            {when} " — " {move || d().kind(&kind)} ": "
                            <a href=crate::i18n::at(&c.link)>{lang.pick(&c.name_ka, &c.name_en).to_string()}</a>
                            {(!actor.is_empty()).then(|| view! { " — " {move || (d().by)(&actor)} })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
