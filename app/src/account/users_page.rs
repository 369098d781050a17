use super::api::list_accounts;
use super::AccountRow;
use crate::auth::Role;
use crate::components::form::{ErrorSummary, Input, Notice, TextField};
use crate::components::loading::SignInRequired;
use crate::components::loading::{LoadError, Loading};
use crate::components::pager::{page_href, Pager};
use crate::components::post_form::{page_value, problem_of, PostForm};
use crate::domain::paging::page_param;
use crate::error::AppError;
use crate::i18n::messages::People;
use crate::i18n::use_i18n;
use crate::i18n::Text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The accounts, a page at a time, for administrators.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let query = use_query_map();
    // Loaded again after every change (its answer's address, or the same
    // address again).
    let search = leptos_router::hooks::use_location().search;
    let again = crate::components::post_form::reposts();
    let accounts = Resource::new(
        move || {
            (
                page_param(query.read().get("page").as_deref()),
                search.get(),
                again(),
            )
        },
        |(page, _, _)| list_accounts(page),
    );
    view! {
        <Title text=t().auth().users_title/>
        <div class="container page">
            <h1>{t().auth().users_title}</h1>
            <p class="lead">{t().auth().users_lead}</p>
            <Outcome/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(list) => view! {
                            <p>{(t().auth().accounts_count)(list.total)}</p>
                            <AccountTable rows=list.items/>
                            <Pager page=list.page pages=list.pages label=t().auth().users_pages
                                href=|page| page_href("/admin/users", &[], page)/>
                        }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Transition>
            <InviteForm/>
        </div>
    }
}

/// What the last change did: the redirect's flag, or why it was refused.
#[component]
fn Outcome() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    type Said = fn(&People) -> fn(&str) -> String;
    let done: [(&'static str, Said); 5] = [
        ("invited", |p| p.invited),
        ("invited_again", |p| p.invited_again),
        ("role_changed", |p| p.role_changed),
        ("deactivated", |p| p.deactivated),
        ("reactivated", |p| p.reactivated),
    ];
    let error = page_value("error");
    view! {
        {done.into_iter().map(|(key, text)| {
            let email = page_value(key);
            move || (!email().is_empty()).then(|| view! { <Notice>{move || text(t().people())(&email())}</Notice> })
        }).collect_view()}
        {move || {
            let people = t().people();
            match error().as_str() {
                "last_admin" => Some(people.last_admin),
                "yourself" => Some(people.yourself),
                "gone" => Some(people.gone),
                _ => None,
            }.map(|text| view! { <Notice error=true>{text}</Notice> })
        }}
    }
}

const INVITE_FIELDS: &[(&str, Text)] = &[
    ("email", |t| t.auth().email),
    ("name", |t| t.auth().name),
    ("role", |t| t.auth().col_role),
    ("id_code", |t| t.people().id_code),
];

/// The roles an invitation may give, the representative's last.
const INVITED_ROLES: [Role; 4] = [Role::Staff, Role::Board, Role::Admin, Role::Member];

/// Inviting a person: address, name, role, for a representative the
/// organisation, and the language of the mail.
#[component]
fn InviteForm() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (role, lang) = (page_value("role"), page_value("lang"));
    let role_problem = problem_of("role");
    view! {
        <section aria-labelledby="invite">
            <h2 id="invite">{t().people().invite_heading}</h2>
            <p>{t().people().invite_lead}</p>
            <ErrorSummary fields=INVITE_FIELDS/>
            <PostForm action="/admin/users">
                <TextField name="email" label=|t| t.auth().email kind="email" autocomplete="off" keep="email"/>
                <TextField name="name" label=|t| t.auth().name autocomplete="off" keep="name"/>
                <div class="field" class:field-invalid=move || role_problem().is_some()>
                    <label for="field-role">{t().auth().col_role}</label>
                    <select id="field-role" name="role">
                        {INVITED_ROLES.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role() == r.code()>{t().auth().role(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Input name="id_code" label=|t| t.people().id_code value=Signal::derive(page_value("id_code"))
                    problem=Signal::derive(problem_of("id_code")) hint=|t| t.people().id_code_hint inputmode="numeric"/>
                <div class="field">
                    <label for="field-lang">{t().people().invite_lang}</label>
                    <select id="field-lang" name="lang">
                        <option value="ka" selected=move || lang() != "en">"ქართული"</option>
                        <option value="en" selected=move || lang() == "en" lang="en">"English"</option>
                    </select>
                </div>
                <button type="submit" class="button">{t().people().invite_submit}</button>
            </PostForm>
        </section>
    }
}

#[component]
fn AccountTable(rows: Vec<AccountRow>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <div class="table-scroll">
            <table class="table">
                <caption class="visually-hidden">{t().auth().users_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t().auth().col_email}</th>
                        <th scope="col">{t().auth().col_name}</th>
                        <th scope="col">{t().auth().col_role}</th>
                        <th scope="col">{t().auth().col_organisation}</th>
                        <th scope="col">{t().people().col_status}</th>
                        <th scope="col">{t().people().col_change}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let role = Role::from_code(&row.role).unwrap_or(Role::Member);
                        let status = row.status.clone();
                        let id = row.id.to_string();
                        let email = row.email.clone();
                        view! {
                            <tr>
                                <th scope="row">{row.email}</th>
                                <td>{row.display_name}</td>
                                <td>{t().auth().role(role)}</td>
                                <td>{row.organisation}</td>
                                <td>{move || match status.as_str() {
                                    "invited" => t().people().status_invited,
                                    "deactivated" => t().people().status_deactivated,
                                    _ => t().people().status_active,
                                }}</td>
                                <td><div class="row-actions"><AccountActions id email role status=row.status/></div></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One account's changes: its role, deactivating or reactivating it, and
/// for an invitation not yet accepted, sending it again.
#[component]
fn AccountActions(id: String, email: String, role: Role, status: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let select_id = format!("role-{id}");
    let (for_label, for_role, for_active, for_again) =
        (email.clone(), email.clone(), email.clone(), email);
    let (id_role, id_active) = (id.clone(), id.clone());
    let active = status != "deactivated";
    let invited = status == "invited";
    view! {
        <PostForm action="/admin/users/change" class="row-action">
            <input type="hidden" name="do" value="role"/>
            <input type="hidden" name="user" value=id_role/>
            <label class="visually-hidden" for=select_id.clone()>{move || (t().people().role_of)(&for_label)}</label>
            <select id=select_id name="role">
                {Role::ALL.into_iter().map(|r| view! {
                    <option value=r.code() selected=r == role>{t().auth().role(r)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button button-secondary"
                aria-label=move || (t().people().change_role_of)(&for_role)>{t().people().change_role}</button>
        </PostForm>
        <PostForm action="/admin/users/change" class="row-action">
            <input type="hidden" name="do" value=if active { "deactivate" } else { "reactivate" }/>
            <input type="hidden" name="user" value=id_active/>
            <button type="submit" class="button button-secondary"
                aria-label=move || if active { (t().people().deactivate_who)(&for_active) } else { (t().people().reactivate_who)(&for_active) }>
                {move || if active { t().people().deactivate } else { t().people().reactivate }}
            </button>
        </PostForm>
        {invited.then(|| view! {
            <PostForm action="/admin/users/change" class="row-action">
                <input type="hidden" name="do" value="invite_again"/>
                <input type="hidden" name="user" value=id/>
                <button type="submit" class="button button-secondary"
                    aria-label=move || (t().people().invite_again_who)(&for_again)>{t().people().invite_again}</button>
            </PostForm>
        })}
    }
}
