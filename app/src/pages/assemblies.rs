//! General Assemblies: the list (`/assemblies`), one assembly with its
//! agenda, quorum, check-in, proxies and votes (`/assemblies/:id`), and the
//! ballot screen (`/assemblies/:id/polls/:poll`). Every action is a form
//! post to the server's assembly routes, so all of it works without
//! JavaScript; the pages are rendered in the page's language once.

use crate::api::assemblies::{
    list_assemblies, load_assembly, load_ballot, AssembliesView, AssemblyItem, AssemblyView,
    BallotStage, BallotView, LiveSnapshot, PollView, QuorumView,
};
use crate::auth::validate::Problem;
use crate::components::form::{query_value, Notice};
use crate::components::loading::Loading;
use crate::components::loading::Refused;
use crate::domain::date::Date;
use crate::domain::voting::Rule;
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// "12 March 2027, 10:00" in Tbilisi time.
pub fn when(t: &'static Messages, at: i64) -> String {
    let local = at + crate::apply::TBILISI_OFFSET_SECONDS;
    let minutes = local.rem_euclid(86_400) / 60;
    format!(
        "{}, {:02}:{:02}",
        (t.format_date)(Date::from_unix(local)),
        minutes / 60,
        minutes % 60
    )
}

pub fn status_text(t: &'static Messages, status: &str) -> &'static str {
    match status {
        "draft" => t.assemblies().status_draft,
        "announced" => t.assemblies().status_announced,
        "in_session" => t.assemblies().status_in_session,
        _ => t.assemblies().status_closed,
    }
}

pub fn place_text(t: &'static Messages, place: &str) -> &'static str {
    match place {
        "in_person" => t.assemblies().place_in_person,
        "online" => t.assemblies().place_online,
        _ => t.assemblies().place_hybrid,
    }
}

fn rule_text(t: &'static Messages, rule: Rule) -> &'static str {
    match rule {
        Rule::SimpleMajority => t.assemblies().rule_simple,
        Rule::AbsoluteMajority => t.assemblies().rule_absolute,
        Rule::TwoThirds => t.assemblies().rule_two_thirds,
    }
}

fn poll_status_text(t: &'static Messages, status: &str) -> &'static str {
    match status {
        "draft" => t.assemblies().poll_draft,
        "open" => t.assemblies().poll_open,
        _ => t.assemblies().poll_closed,
    }
}

/// A stored ballot as words: "Yes", or the marked candidates.
fn choice_text(t: &'static Messages, poll: &PollView, choice: &str) -> String {
    match choice {
        "yes" => t.assemblies().yes.into(),
        "no" => t.assemblies().no.into(),
        "abstain" => t.assemblies().abstain.into(),
        marks => {
            let marks: Vec<usize> = serde_json::from_str(marks).unwrap_or_default();
            if marks.is_empty() {
                t.assemblies().abstain.into()
            } else {
                marks
                    .iter()
                    .filter_map(|i| poll.candidates.get(*i).cloned())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    }
}

fn title_of(lang: crate::i18n::Lang, a: &AssemblyItem) -> String {
    lang.pick(&a.title_ka, &a.title_en).to_string()
}

#[component]
pub fn AssembliesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let list = Resource::new(|| (), |_| list_assemblies());
    view! {
        <Title text=t.assemblies().title/>
        <div class="container page">
            <h1>{t.assemblies().title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(view) => view! { <AssemblyList view/> }.into_any(),
                        Err(error) => view! { <Refused error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AssemblyList(view: AssembliesView) -> impl IntoView {
    let AssembliesView {
        list,
        staff,
        problems,
        values,
    } = view;
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let items = if list.is_empty() {
        view! { <p>{t.assemblies().none}</p> }.into_any()
    } else {
        view! {
            <ul class="assembly-list">
                {list.into_iter().map(|a| view! {
                    <li>
                        <a href=format!("/assemblies/{}", a.id)>{title_of(lang, &a)}</a>
                        <span class="meta">
                            {when(t, a.starts_at)} " · " {place_text(t, &a.place)} " · "
                            <span class=format!("status status-{}", a.status)>{status_text(t, &a.status)}</span>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {items}
        {staff.then(|| view! { <NewAssemblyForm problems values/> })}
    }
}

#[component]
fn NewAssemblyForm(
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_i18n().t();
    let a = t.assemblies();
    let typed = |name: &str| value_of(&values, name);
    let option = |name: &'static str, code: &'static str, label: &'static str| {
        let selected = typed(name) == code;
        view! { <option value=code selected=selected>{label}</option> }
    };
    let starts_problem = problems
        .iter()
        .find(|(f, _)| f == "starts_at")
        .map(|(_, p)| *p);
    view! {
        <section aria-labelledby="new-assembly" class="panel">
            <h2 id="new-assembly">{a.new_title}</h2>
            <ProblemSummary problems=problems.clone()/>
            <form method="post" action="/assemblies" class="form">
                <Field name="title_ka" label=a.title_ka problems=problems.clone() value=typed("title_ka")/>
                <Field name="title_en" label=a.title_en problems=problems.clone() value=typed("title_en")/>
                <div class="field">
                    <label for="field-kind">{a.kind}</label>
                    <select id="field-kind" name="kind">
                        {option("kind", "ordinary", a.kind_ordinary)}
                        {option("kind", "extraordinary", a.kind_extraordinary)}
                    </select>
                </div>
                <div class="field" class:field-invalid=starts_problem.is_some()>
                    <label for="field-starts_at">{a.starts_at}</label>
                    <p class="hint" id="field-starts_at-hint">{a.starts_at_hint}</p>
                    {starts_problem.map(|p| view! { <p class="field-error" id="field-starts_at-error">{t.problems().of(p)}</p> })}
                    <input id="field-starts_at" name="starts_at" type="datetime-local" value=typed("starts_at")
                        aria-invalid=starts_problem.map(|_| "true")
                        aria-describedby=if starts_problem.is_some() { "field-starts_at-hint field-starts_at-error" } else { "field-starts_at-hint" }/>
                </div>
                <div class="field">
                    <label for="field-place">{a.place}</label>
                    <select id="field-place" name="place">
                        {option("place", "hybrid", a.place_hybrid)}
                        {option("place", "in_person", a.place_in_person)}
                        {option("place", "online", a.place_online)}
                    </select>
                </div>
                <button type="submit" class="button">{a.create}</button>
            </form>
        </section>
    }
}

fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The problems of a refused post, each linking to its field (GOV.UK).
#[component]
fn ProblemSummary(problems: Vec<(String, Problem)>) -> impl IntoView {
    let t = use_i18n().t();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t.auth().error_summary}</h2>
                <ul>
                    {problems.into_iter().map(|(field, p)| view! {
                        <li><a href=format!("#field-{field}")>{t.problems().of(p)}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled text input with its problem, if the last post had one.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    problems: Vec<(String, Problem)>,
    #[prop(optional)] value: String,
) -> impl IntoView {
    let t = use_i18n().t();
    let problem = problems.iter().find(|(f, _)| f == name).map(|(_, p)| *p);
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=id.clone()>{label}</label>
            {problem.map(|p| view! { <p class="field-error" id=error_id.clone()>{t.problems().of(p)}</p> })}
            <input id=id name=name type="text" value=value
                aria-invalid=problem.map(|_| "true")
                aria-describedby=problem.map(|_| error_id.clone())/>
        </div>
    }
}

/// Loads the assembly of the route (`:id`) and renders `page` with it.
#[component]
fn AssemblyLoader(page: fn(AssemblyView) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let notice = query_value("done");
    let view = Resource::new(
        move || (id(), notice()),
        |(id, notice)| load_assembly(id, notice),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(view) => page(view),
                    Err(error) => view! { <Refused error/> }.into_any(),
                }
            })}
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

/// What follows the session live on a screen: the latest snapshot, the
/// polls (loaded again when one opens or closes) and the assembly's status.
#[derive(Clone, Copy)]
struct Following {
    live: RwSignal<Option<LiveSnapshot>>,
    polls: RwSignal<Vec<PollView>>,
    status: RwSignal<String>,
    quorum: Signal<QuorumView>,
}

impl Following {
    fn start(id: i64, status: &str, polls: Vec<PollView>, quorum: QuorumView) -> Following {
        let live = RwSignal::new(None::<LiveSnapshot>);
        let polls = RwSignal::new(polls);
        let status = RwSignal::new(status.to_string());
        watch_live(id, live, status, polls);
        let quorum = Signal::derive(move || {
            live.with(|l| l.as_ref().map(|l| l.quorum))
                .unwrap_or(quorum)
        });
        Following {
            live,
            polls,
            status,
            quorum,
        }
    }

    /// A poll's turnout (voted, voters): live, or as loaded.
    fn turnout(self, poll: &PollView) -> impl Fn() -> (i64, i64) + Copy + Send + Sync + 'static {
        let (id, voted, voters) = (poll.id, poll.voted, poll.voters);
        let live = self.live;
        move || {
            live.with(|l| {
                l.as_ref()
                    .and_then(|l| l.poll(id))
                    .map(|p| (p.voted, p.voters))
            })
            .unwrap_or((voted, voters))
        }
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
    let in_session = assembly.status == "in_session";
    let notice_text = (a.notice)(&notice);
    let notice_view = (!notice_text.is_empty()).then(|| {
        let error = matches!(
            notice.as_str(),
            "proxy_full" | "proxy_given" | "stale" | "polls_open" | "proxies_closed"
        );
        view! { <Notice error=error>{notice_text}</Notice> }
    });
    let action = format!("/assemblies/{id}");
    let staff_controls = (staff && assembly.status != "closed").then(|| {
        let (label, hint, class) = match assembly.status.as_str() {
            "draft" => (a.announce, Some(a.announce_hint), "button"),
            "announced" => (a.start_session, None, "button"),
            // Closing ends the assembly for good: not the page's main button.
            _ => (a.close_assembly, None, "button button-danger"),
        };
        view! {
            <form method="post" action=action.clone() class="form form-inline">
                <input type="hidden" name="do" value="advance"/>
                <input type="hidden" name="from" value=assembly.status.clone()/>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                <button type="submit" class=class>{label}</button>
            </form>
        }
    });
    let agenda_items = agenda.clone();
    let voter = me
        .as_ref()
        .is_some_and(|m| m.votes || !m.proxies_held.is_empty());
    let names = StoredValue::new(
        organisations
            .iter()
            .map(|(id, ka, en, _, _)| (*id, lang.pick(ka, en).to_string()))
            .collect::<Vec<_>>(),
    );
    let following = Following::start(id, &assembly.status, polls, quorum);
    let Following {
        polls,
        status,
        quorum,
        ..
    } = following;
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="meta">
            {when(t, assembly.starts_at)} " · " {place_text(t, &assembly.place)} " · "
            {if assembly.kind == "extraordinary" { a.kind_extraordinary } else { a.kind_ordinary }} " · "
            <span class=move || format!("status status-{}", status.get())>{move || status_text(t, &status.get())}</span>
        </p>
        <p><a href=format!("/assemblies/{id}/projector")>{a.projector}</a></p>
        {notice_view}
        <ProblemSummary problems=problems.clone()/>
        {staff_controls}
        <div class="assembly">
            <div class="assembly-main">
                <section aria-labelledby="agenda">
                    <h2 id="agenda">{a.agenda}</h2>
                    {if agenda_items.is_empty() {
                        view! { <p>{a.agenda_empty}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="agenda">
                                {agenda_items.into_iter().map(|(_, _, ka, en)| view! { <li>{lang.pick(&ka, &en).to_string()}</li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    {(staff && assembly.status != "closed").then(|| view! {
                        <form method="post" action=action.clone() class="form">
                            <input type="hidden" name="do" value="agenda"/>
                            <Field name="item_ka" label=a.item_title_ka problems=problems.clone() value=value_of(&values, "item_ka")/>
                            <Field name="item_en" label=a.item_title_en problems=vec![] value=value_of(&values, "item_en")/>
                            <button type="submit" class="button button-secondary">{a.add_item}</button>
                        </form>
                    })}
                </section>
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
                    {(staff && assembly.status != "closed").then(|| view! { <NewPollForm action=action.clone() agenda problems=problems.clone() values=values.clone()/> })}
                </section>
            </div>
            <aside class="assembly-side" aria-labelledby="quorum">
                <h2 id="quorum">{a.quorum}</h2>
                <QuorumFigure quorum/>
                {me.map(|m| view! { <MyOrganisation me=m action=action.clone() in_session organisations=organisations.clone()/> })}
                {staff.then(|| view! { <StaffCheckIn action=action.clone() in_session organisations/> })}
            </aside>
        </div>
    }
}

/// Present voting organisations against all, and whether that is enough.
#[component]
fn QuorumFigure(quorum: Signal<QuorumView>) -> impl IntoView {
    let a = use_i18n().t().assemblies();
    view! {
        <p class="quorum-figure" role="status">
            <strong>{move || { let q = quorum.get(); (a.quorum_count)(q.present, q.voters) }}</strong>
            " (" {move || (a.quorum_needed)(quorum.get().needed)} ")"
        </p>
        <meter min="0" max=move || quorum.get().voters.max(1).to_string() value=move || quorum.get().present.to_string()
            low=move || quorum.get().needed.max(1).to_string() optimum=move || quorum.get().voters.max(1).to_string()
            aria-label=a.quorum></meter>
        <p class:quorum-met=move || quorum.get().met>{move || if quorum.get().met { a.quorum_met } else { a.quorum_not_met }}</p>
        <p class="hint">{move || (a.attending)(quorum.get().attending)}</p>
    }
}

/// In the browser: listens to the assembly's live snapshots. Counts update
/// in place; when a poll opens or closes (or the assembly moves on), the
/// polls are loaded again. The browser's EventSource reconnects by itself.
#[allow(unused_variables)]
fn watch_live(
    id: i64,
    live: RwSignal<Option<LiveSnapshot>>,
    status: RwSignal<String>,
    polls: RwSignal<Vec<PollView>>,
) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let Ok(source) = web_sys::EventSource::new(&format!("/assemblies/{id}/live")) else {
            return;
        };
        let on_snapshot = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(snapshot) = event
                    .data()
                    .as_string()
                    .and_then(|text| serde_json::from_str::<LiveSnapshot>(&text).ok())
                else {
                    return;
                };
                let shown = (
                    status.get_untracked(),
                    polls.with_untracked(|ps| {
                        ps.iter()
                            .filter(|p| p.status != "draft")
                            .map(|p| (p.id, p.status.clone()))
                            .collect::<Vec<_>>()
                    }),
                );
                if snapshot.shape() != shown {
                    leptos::task::spawn_local(async move {
                        if let Ok(view) = load_assembly(id, String::new()).await {
                            status.set(view.assembly.status);
                            polls.set(view.polls);
                        }
                    });
                }
                live.set(Some(snapshot));
            },
        );
        let _ = source
            .add_event_listener_with_callback("snapshot", on_snapshot.as_ref().unchecked_ref());
        on_snapshot.forget();
        let source = StoredValue::new_local(source);
        on_cleanup(move || source.with_value(|s| s.close()));
    });
}

#[component]
fn MyOrganisation(
    me: crate::api::assemblies::MyPart,
    action: String,
    in_session: bool,
    organisations: Vec<crate::api::assemblies::OrgLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    let name = lang.pick(&me.name_ka, &me.name_en).to_string();
    let check_in = if me.checked_in {
        view! { <p class="checked-in">{a.checked_in}</p> }.into_any()
    } else if in_session {
        view! {
            <p>{a.not_checked_in}</p>
            <form method="post" action=action.clone()>
                <input type="hidden" name="do" value="check_in"/>
                <button type="submit" class="button">{a.check_in}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="hint">{a.check_in_opens}</p> }.into_any()
    };
    let held = (!me.proxies_held.is_empty()).then(|| {
        let names = me
            .proxies_held
            .iter()
            .map(|(ka, en)| lang.pick(ka, en).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p>{(a.proxies_held)(&names)}</p> }
    });
    let proxy = if !me.votes {
        view! { <p class="hint">{a.no_vote}</p> }.into_any()
    } else if let Some((ka, en)) = &me.proxy_to {
        view! { <p>{(a.proxy_given)(lang.pick(ka, en))}</p> }.into_any()
    } else if !me.checked_in {
        let others: Vec<_> = organisations
            .into_iter()
            .filter(|o| o.3 && o.0 != me.org_id)
            .collect();
        view! {
            <form method="post" action=action.clone() class="form">
                <input type="hidden" name="do" value="proxy"/>
                <div class="field">
                    <label for="field-proxy">{a.proxy_to}</label>
                    <p class="hint" id="field-proxy-hint">{a.proxy_hint}</p>
                    <select id="field-proxy" name="to" aria-describedby="field-proxy-hint">
                        {others.into_iter().map(|(id, ka, en, _, _)| view! { <option value=id.to_string()>{lang.pick(&ka, &en).to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">{a.give_proxy}</button>
            </form>
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
    organisations: Vec<crate::api::assemblies::OrgLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let lang = i18n.lang();
    let a = t.assemblies();
    view! {
        <section aria-labelledby="attendance" class="panel">
            <h2 id="attendance">{a.attendance}</h2>
            <ul class="attendance-list">
                {organisations.into_iter().map(|(id, ka, en, votes, present)| {
                    let name = lang.pick(&ka, &en).to_string();
                    view! {
                        <li>
                            <span>{name.clone()}</span>
                            <span class="hint">{if votes { a.votes_yes } else { a.votes_no }}</span>
                            {if present {
                                view! { <span class="checked-in">{a.checked_in}</span> }.into_any()
                            } else if in_session {
                                view! {
                                    <form method="post" action=action.clone()>
                                        <input type="hidden" name="do" value="check_in"/>
                                        <input type="hidden" name="org" value=id.to_string()/>
                                        <button type="submit" class="button button-small" aria-label=format!("{}: {name}", a.staff_check_in)>{a.staff_check_in}</button>
                                    </form>
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

#[component]
fn NewPollForm(
    action: String,
    agenda: Vec<(i64, i64, String, String)>,
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
            <form method="post" action=action.clone() class="form">
                <input type="hidden" name="do" value="poll"/>
                <Field name="poll_ka" label=a.poll_title_ka problems=problems.clone() value=value_of(&values, "poll_ka")/>
                <Field name="poll_en" label=a.poll_title_en problems=vec![] value=value_of(&values, "poll_en")/>
                <div class="field">
                    <label for="field-agenda_item">{a.poll_item}</label>
                    <select id="field-agenda_item" name="agenda_item">
                        <option value="">"—"</option>
                        {agenda.into_iter().map(|(id, pos, ka, en)| view! { <option value=id.to_string()>{format!("{pos}. {}", lang.pick(&ka, &en))}</option> }).collect_view()}
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
                    <textarea id="field-candidates" name="candidates" rows="4" aria-describedby="field-candidates-hint">{value_of(&values, "candidates")}</textarea>
                </div>
                <button type="submit" class="button">{a.create_poll}</button>
            </form>
        </details>
    }
}

#[component]
fn PollCard(
    poll: PollView,
    assembly: i64,
    staff: bool,
    voter: bool,
    following: Following,
    names: StoredValue<Vec<(i64, String)>>,
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
    let control = match (staff, poll.status.as_str()) {
        (true, "draft") => Some((a.open_poll, "open")),
        (true, "open") => Some((a.close_poll, "close")),
        _ => None,
    }
    .map(|(label, verb)| {
        view! {
            <form method="post" action=format!("/assemblies/{assembly}") class="form-inline">
                <input type="hidden" name="do" value=verb/>
                <input type="hidden" name="poll" value=poll.id.to_string()/>
                <button type="submit" class="button button-secondary">{label}</button>
            </form>
        }
    });
    let vote_link = (voter && poll.status == "open").then(|| {
        view! {
            <a class="button" href=base.clone()>{a.vote}</a>
        }
    });
    let results = (poll.status == "closed").then(|| view! { <PollResults poll=poll.clone()/> });
    let poll_id = poll.id;
    let turnout = following.turnout(&poll);
    // Named votes: who voted what, as the live snapshots bring them.
    let named = (!poll.secret && poll.status != "draft").then(|| {
        let p = StoredValue::new(poll.clone());
        let initial: Vec<(String, String)> = poll
            .named
            .iter()
            .map(|(ka, en, choice)| (lang.pick(ka, en).to_string(), choice.clone()))
            .collect();
        let rows = move || {
            live.with(|l| {
                l.as_ref()
                    .and_then(|l| l.poll(poll_id))
                    .filter(|lp| lp.status == "open")
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
                <span class=format!("status status-{}", poll.status)>{poll_status_text(t, &poll.status)}</span>
            </p>
            {(poll.status != "draft").then(|| view! { <p class="turnout">{move || { let (v, n) = turnout(); (a.turnout)(v, n) }}</p> })}
            {vote_link}
            {control}
            {results}
            {named}
        </article>
    }
}

#[component]
fn PollResults(poll: PollView) -> impl IntoView {
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
    let bulletin = (!poll.bulletin.is_empty()).then(|| view! {
        <details>
            <summary>{a.bulletin}</summary>
            <p class="hint">{a.bulletin_hint}</p>
            <table class="bulletin">
                <thead><tr><th scope="col">{a.tracker}</th><th scope="col">{a.ballot_title}</th></tr></thead>
                <tbody>
                    {poll.bulletin.iter().map(|(tracker, choice)| view! {
                        <tr><td><code>{tracker.clone()}</code></td><td>{choice_text(t, &poll, choice)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    });
    view! { {counts} {bulletin} }
}

#[component]
pub fn BallotPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        (get("id"), get("poll"))
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
    let title = lang.pick(&poll.title_ka, &poll.title_en).to_string();
    let back = format!("/assemblies/{}", assembly.id);
    let action = format!("/assemblies/{}/polls/{}", assembly.id, poll.id);
    let name_of = {
        let ballots = ballots.clone();
        move |org: i64| {
            ballots
                .iter()
                .find(|b| b.0 == org)
                .map(|(_, ka, en, _)| lang.pick(ka, en).to_string())
                .unwrap_or_default()
        }
    };
    let stage_view = stage.clone().map(|stage| match stage {
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
    });
    let confirming = match &stage {
        Some(BallotStage::Confirm { org, choice }) => Some((*org, choice.clone())),
        _ => None,
    };
    let body = if let Some((org, choice)) = confirming {
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
        view! {
            <section aria-labelledby="confirm" class="panel">
                <h2 id="confirm">{a.confirm_title}</h2>
                <p>{(a.ballot_for)(&name_of(org))}</p>
                <p class="choice-review"><strong>{choice_text(t, &poll, &stored)}</strong></p>
                <p class="hint">{a.confirm_hint}</p>
                <form method="post" action=action.clone() class="form-inline">
                    <input type="hidden" name="org" value=org.to_string()/>
                    <input type="hidden" name="confirm" value="1"/>
                    {if poll.kind == "election" {
                        marks.iter().map(|m| view! { <input type="hidden" name="mark" value=m.clone()/> }).collect_view().into_any()
                    } else {
                        view! { <input type="hidden" name="choice" value=choice.clone()/> }.into_any()
                    }}
                    <button type="submit" class="button">{a.cast}</button>
                    <a class="button button-secondary" href=format!("/assemblies/{}/polls/{}", assembly.id, poll.id)>{a.change}</a>
                </form>
            </section>
        }
        .into_any()
    } else if poll.status != "open" {
        view! { <p>{a.poll_not_open}</p> }.into_any()
    } else if ballots.is_empty() {
        view! { <p>{a.no_ballot}</p> }.into_any()
    } else {
        ballots.iter().map(|(org, ka, en, voted)| {
            let name = lang.pick(ka, en).to_string();
            let heading = if Some(*org) == own_org {
                (a.ballot_for)(&name)
            } else {
                (a.proxy_ballot_for)(&name)
            };
            let legend_id = format!("ballot-{org}");
            let labelled_by = legend_id.clone();
            if *voted {
                return view! {
                    <section class="panel ballot" aria-labelledby=labelled_by>
                        <h2 id=legend_id>{heading}</h2>
                        <p class="checked-in">{a.already_voted}</p>
                    </section>
                }.into_any();
            }
            let choices = if poll.kind == "motion" {
                [("yes", a.yes), ("no", a.no), ("abstain", a.abstain)].into_iter().map(|(value, label)| {
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
                    <form method="post" action=action.clone() class="form">
                        <input type="hidden" name="org" value=org.to_string()/>
                        <fieldset>
                            <legend id=legend_id><h2>{heading}</h2></legend>
                            {choices}
                        </fieldset>
                        <button type="submit" class="button">{a.review_vote}</button>
                    </form>
                </section>
            }.into_any()
        }).collect_view().into_any()
    };
    view! {
        <Title text=title.clone()/>
        <p><a href=back.clone()>{a.back_to_assembly}</a></p>
        <h1>{title}</h1>
        <p class="meta">{title_of(lang, &assembly)} " · " {rule_text(t, poll.rule)} " · " {if poll.secret { a.secret } else { a.named }}</p>
        {stage_view}
        {body}
    }
}

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
    let agenda = StoredValue::new(view.agenda.clone());
    let following = Following::start(id, &view.assembly.status, view.polls.clone(), view.quorum);
    let polls = following.polls;
    // The vote now open, or else the one closed last.
    let current = move || {
        polls.with(|ps| {
            ps.iter()
                .rev()
                .find(|p| p.status == "open")
                .or_else(|| {
                    ps.iter()
                        .filter(|p| p.status == "closed")
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
                    agenda.with_value(|agenda| {
                        agenda.iter().find(|(id, ..)| *id == item).map(|(_, pos, ka, en)| format!("{pos}. {}", lang.pick(ka, en)))
                    })
                });
                let turnout = following.turnout(&poll);
                let closed = poll.status == "closed";
                view! {
                    {item.map(|item| view! { <p class="projector-item">{item}</p> })}
                    <p class="projector-question">{lang.pick(&poll.title_ka, &poll.title_en).to_string()}</p>
                    <p class="projector-status">{poll_status_text(t, &poll.status)} " · " {if poll.secret { a.secret } else { a.named }}</p>
                    <p class="projector-turnout" role="status">{move || { let (v, n) = turnout(); (a.turnout)(v, n) }}</p>
                    {closed.then(|| view! { <div class="projector-results"><PollResults poll=poll.clone()/></div> })}
                }
                .into_any()
            }
        }}
    }
}
