//! Reviewing applications (`/admin/applications`), for the secretariat and
//! the Board: the queue, one application with everything needed to decide,
//! and the associate members who may now become full members. Decisions
//! are plain form posts to the server's application routes.

use super::api::{review_detail, review_queue, upgrade_list};
use super::check::{invalid_text, verdict_text, StepCheck};
use super::status_page::status_label;
use super::{DecisionSubmitted, DuplicateView, QueueRow, ReviewView, UpgradeRow};
use crate::auth::validate::Problem;
use crate::components::form::Notice;
use crate::components::loading::{Loading, Refused};
use crate::components::pager::{page_href, Pager};
use crate::components::post_form::{page_value, stage_answer, PostForm};
use crate::components::rcdata::rcdata;
use crate::domain::application::MESSAGE_MAX;
use crate::domain::date::Date;
use crate::domain::eligibility::Category;
use crate::domain::paging::page_param;
use crate::domain::reference::{label, CATEGORIES};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn local_date(at: i64) -> Date {
    Date::from_unix(at + crate::apply::TBILISI_OFFSET_SECONDS)
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let status = page_value("status");
    let age = page_value("age");
    let page = page_value("page");
    let rows = Resource::new(
        move || {
            (
                status(),
                age().parse::<u32>().unwrap_or(0),
                page_param(Some(&page())),
            )
        },
        |(status, age, page)| review_queue(status, age, page),
    );
    let upgrades_page = page_value("upgrades");
    let upgrades = Resource::new(move || page_param(Some(&upgrades_page())), upgrade_list);
    let options = [
        "open",
        "returned",
        "approved",
        "rejected",
        "withdrawn",
        "all",
    ];
    view! {
        <Title text=t().apply().review_title/>
        <div class="container page">
            <h1>{t().apply().review_title}</h1>
            <form method="get" action=crate::i18n::at("/admin/applications") class="form form-inline">
                <div class="field">
                    <label for="filter-status">{t().apply().status_label}</label>
                    <select id="filter-status" name="status">
                        {options.into_iter().map(|o| {
                            let selected = move || { status() == o || (o == "open" && status().is_empty()) };
                            view! { <option value=o selected=selected>{move || match o {
                                "open" => t().apply().filter_open,
                                "all" => t().apply().filter_all,
                                other => status_label(t(), other),
                            }}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-age">{t().apply().filter_age}</label>
                    <select id="filter-age" name="age">
                        {[0u32, 7, 30].into_iter().map(|days| view! {
                            <option value=days.to_string() selected=move || { age().parse::<u32>().unwrap_or(0) == days }>
                                {move || (t().apply().older_than)(days)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t().apply().filter_show}</button>
            </form>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) => {
                            let filters = [("status", status()), ("age", age())];
                            view! {
                                <QueueTable rows=list.items total=list.total/>
                                <Pager page=list.page pages=list.pages label=t().apply().queue_pages
                                    href=move |page| page_href("/admin/applications", &filters, page)/>
                            }.into_any()
                        }
                        Err(error) => view! { <Refused error/> }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="upgrades">
                <h2 id="upgrades">{t().apply().upgrades_title}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match upgrades.await {
                            Ok(list) => {
                                let filters = [("status", status()), ("age", age()), ("page", page())];
                                view! {
                                    <UpgradeTable rows=list.items/>
                                    <Pager page=list.page pages=list.pages label=t().apply().upgrades_pages
                                        href=move |n| upgrades_href(&filters, n)/>
                                }.into_any()
                            }
                            Err(_) => ().into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}

/// The review page with the upgrade list's page `n` (its own parameter,
/// so the queue stays where it is).
fn upgrades_href(filters: &[(&str, String)], n: i64) -> String {
    let mut pairs = filters.to_vec();
    if n > 1 {
        pairs.push(("upgrades", n.to_string()));
    }
    page_href("/admin/applications", &pairs, 1) + "#upgrades"
}

#[component]
fn QueueTable(rows: Vec<QueueRow>, total: i64) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if rows.is_empty() {
        return view! { <p role="status">{t().apply().queue_empty}</p> }.into_any();
    }
    let count = usize::try_from(total).unwrap_or_default();
    view! {
        <p role="status">{move || (t().apply().queue_count)(count)}</p>
        <div class="table-scroll">
            <table class="table">
                <caption class="visually-hidden">{t().apply().review_title}</caption>
                <thead><tr>
                    <th scope="col">{t().profile_edit().col_name}</th>
                    <th scope="col">{t().apply().requested}</th>
                    <th scope="col">{t().apply().status_label}</th>
                    <th scope="col">{t().apply().submitted_on}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let names = StoredValue::new((row.name_ka, row.name_en));
                        let name = move || names.try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string()).unwrap_or_default();
                        let status = row.status;
                        let category = row.category;
                        let submitted = local_date(row.submitted_at);
                        view! {
                            <tr>
                                <th scope="row"><a href=crate::i18n::at(&format!("/admin/applications/{}", row.id))>{name}</a></th>
                                <td>{label(CATEGORIES, &category, i18n.lang())}</td>
                                <td>{move || status_label(t(), status.code())}</td>
                                <td>{move || i18n.date(submitted)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn UpgradeTable(rows: Vec<UpgradeRow>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if rows.is_empty() {
        return view! { <p>{t().apply().upgrades_none}</p> }.into_any();
    }
    view! {
        <ul class="plain upgrade-list">
            {rows.into_iter().map(|row| {
                let names = StoredValue::new((row.name_ka, row.name_en));
                let name = move || names.try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string()).unwrap_or_default();
                let since = row.since;
                view! {
                    <li>
                        <a href=crate::i18n::at(&format!("/members/{}/edit", row.slug))>{name}</a>
                        " — " {move || (t().apply().upgrade_since)(i18n.date(since))}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let params = use_params_map();
    // Loaded again after a decision (the answer names what was done).
    let done = page_value("done");
    let detail = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or(crate::domain::ids::ApplicationId(0));
            (id, done())
        },
        |(id, _)| review_detail(id),
    );
    // A decision sent in place that needs correcting.
    let answered = stage_answer::<DecisionSubmitted>();
    view! {
        <Title text=t().apply().review_title/>
        <div class="container page">
            <p><a href=crate::i18n::at("/admin/applications")>{t().apply().back_to_queue}</a></p>
            <Suspense fallback=Loading>
                {move || {
                    let answered = answered.get();
                    Suspend::new(async move {
                        match detail.await {
                            Ok((view, problems, message)) => {
                                let (problems, message) = match answered {
                                    Some(again) if again.id == view.id => (again.problems, again.message),
                                    _ => (problems, message),
                                };
                                view! { <Review view problems message/> }.into_any()
                            }
                            Err(error) => view! { <h1>{t().apply().review_title}</h1><Refused error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn Review(view: ReviewView, problems: Vec<(String, Problem)>, message: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let done = page_value("done");
    let ReviewView {
        id,
        version,
        status,
        category,
        granted,
        answers,
        applicant_email,
        applicant_name,
        lang,
        submitted_at,
        assessment,
        today,
        events,
        duplicates,
        organisation_slug,
    } = view;
    let names = StoredValue::new((answers.name_ka.clone(), answers.name_en.clone()));
    let name = move || {
        names
            .try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string())
            .unwrap_or_default()
    };
    let decidable = status.can_decide();
    let eligible: Vec<Category> = assessment
        .map(|a| a.eligible().collect())
        .unwrap_or_default();
    let problem_of = |field: &str| problems.iter().find(|(f, _)| f == field).map(|(_, p)| *p);
    let requested = category.clone();
    let submitted = local_date(submitted_at);
    let action = format!("/admin/applications/{id}/decide");
    view! {
        <Title text=move || format!("{} — {}", name(), t().apply().review_title)/>
        <h1>{name}</h1>
        {move || match done().as_str() {
            "stale" => Some(view! { <Notice error=true>{t().apply().decided_elsewhere}</Notice> }.into_any()),
            "member" => Some(view! { <Notice error=true>{t().problems().id_code_taken}</Notice> }.into_any()),
            "" => None,
            other => {
                let other = other.to_string();
                Some(view! { <Notice>{move || (t().apply().decision_recorded)(status_label(t(), &other))}</Notice> }.into_any())
            }
        }}
        <dl class="summary-list">
            <div><dt>{t().apply().status_label}</dt><dd><strong class=format!("status status-{}", status.code())>{move || status_label(t(), status.code())}</strong></dd></div>
            <div><dt>{t().apply().requested}</dt><dd>{label(CATEGORIES, &category, i18n.lang())}</dd></div>
            {granted.map(|g| view! { <div><dt>{t().apply().granted}</dt><dd>{label(CATEGORIES, &g, i18n.lang())}</dd></div> })}
            <div><dt>{t().apply().applicant}</dt><dd>{format!("{applicant_name} <{applicant_email}> ({lang})")}</dd></div>
            <div><dt>{t().apply().submitted_on}</dt><dd>{move || i18n.date(submitted)}</dd></div>
        </dl>
        {organisation_slug.map(|slug| view! { <p><a href=crate::i18n::at(&format!("/members/{slug}"))>{t().apply().see_profile}</a></p> })}
        <section aria-labelledby="review-eligibility" class="eligibility">
            <h2 id="review-eligibility">{move || (t().apply().eligibility_today)(i18n.date(today))}</h2>
            {match assessment {
                Some(a) => view! {
                    <p>{move || (t().apply().eligibility_summary)(&a)}</p>
                    <dl class="eligibility-list">
                        {Category::ALL.into_iter().map(|c| view! {
                            <div><dt>{move || label(CATEGORIES, c.code(), i18n.lang())}</dt><dd>{move || verdict_text(t(), a.get(c))}</dd></div>
                        }).collect_view()}
                    </dl>
                }.into_any(),
                None => {
                    let invalid = answers.assess(today).err();
                    view! { <p>{move || invalid.map(|i| invalid_text(t(), i)).unwrap_or_default()}</p> }.into_any()
                }
            }}
        </section>
        <Duplicates duplicates/>
        <section aria-labelledby="review-answers">
            <h2 id="review-answers">{t().apply().answers_title}</h2>
            <StepCheck answers account=false review=true/>
        </section>
        <section aria-labelledby="review-history">
            <h2 id="review-history">{t().apply().history}</h2>
            <ol class="timeline">
                {events.into_iter().map(|e| {
                    let at = local_date(e.at);
                    let action = e.action.clone();
                    view! {
                        <li>
                            <strong>{move || status_label(t(), &action)}</strong> " — " {move || i18n.date(at)}
                            {e.actor.map(|who| format!(" — {who}"))}
                            {(!e.message.is_empty()).then(|| view! { <blockquote class="reviewer-message">{e.message.clone()}</blockquote> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        {decidable.then(|| {
            let message_problem = problem_of("message");
            let approve_problem = problem_of("granted");
            view! {
                <section aria-labelledby="review-decide" class="decide">
                    <h2 id="review-decide">{t().apply().decide_title}</h2>
                    <PostForm action=action.clone()>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <input type="hidden" name="action" value="approve"/>
                        <fieldset id="field-granted" class="choices" class:field-invalid=approve_problem.is_some()>
                            <legend>{t().apply().approve_as}</legend>
                            {approve_problem.map(|p| view! { <p class="field-error">{t().problems().of(p)}</p> })}
                            {if eligible.is_empty() {
                                view! { <p>{t().apply().none_eligible}</p> }.into_any()
                            } else {
                                let requested = requested.clone();
                                view! {
                                    <ul class="plain choice-list">
                                        {eligible.iter().map(|c| {
                                            let code = c.code();
                                            let id = format!("granted-{code}");
                                            view! {
                                                <li class="radio">
                                                    <input type="radio" id=id.clone() name="granted" value=code checked=code == requested/>
                                                    <label for=id>{move || label(CATEGORIES, code, i18n.lang())}</label>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </fieldset>
                        <button type="submit" class="button" disabled=eligible.is_empty()>{t().apply().approve}</button>
                    </PostForm>
                    <PostForm action=action.clone()>
                        <input type="hidden" name="version" value=version.to_string()/>
                        <div class="field" class:field-invalid=message_problem.is_some()>
                            <label for="field-message">{t().apply().message_label}</label>
                            <p class="hint" id="field-message-hint">{t().apply().message_hint} " " {move || (t().profile_edit().chars_max)(MESSAGE_MAX)}</p>
                            {message_problem.map(|p| view! { <p class="field-error" id="field-message-error">{t().problems().of(p)}</p> })}
                            <textarea id="field-message" name="message" rows=4
                                data-answer=message_problem.map(|_| "")
                                aria-invalid=message_problem.map(|_| "true")
                                aria-describedby=if message_problem.is_some() { "field-message-hint field-message-error" } else { "field-message-hint" }>{rcdata(&message)}</textarea>
                        </div>
                        <div class="wizard-buttons">
                            <button type="submit" name="action" value="return" class="button">{t().apply().return_for_changes}</button>
                            <button type="submit" name="action" value="reject" class="button button-danger">{t().apply().reject}</button>
                        </div>
                    </PostForm>
                </section>
            }
        })}
    }
}

#[component]
fn Duplicates(duplicates: Vec<DuplicateView>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section aria-labelledby="review-duplicates">
            <h2 id="review-duplicates">{t().apply().duplicates_title}</h2>
            {if duplicates.is_empty() {
                view! { <p>{t().apply().duplicates_none}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {duplicates.into_iter().map(|d| {
                            let href = if d.kind == "application" {
                                format!("/admin/applications/{}", d.id)
                            } else {
                                String::new()
                            };
                            let matched = d.matched.clone();
                            let kind = d.kind.clone();
                            view! {
                                <li>
                                    {if href.is_empty() { view! { <span>{d.name.clone()}</span> }.into_any() } else { view! { <a href=crate::i18n::at(&href)>{d.name.clone()}</a> }.into_any() }}
                                    " — " {move || if kind == "application" { t().apply().dup_application } else { t().apply().dup_organisation }}
                                    " — " {move || matched.iter().map(|m| match m.as_str() {
                                        "code" => t().members().identification_code,
                                        "name" => t().profile_edit().col_name,
                                        _ => t().apply().contact_email,
                                    }).collect::<Vec<_>>().join(", ")}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
