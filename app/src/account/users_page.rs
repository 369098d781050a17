use super::api::list_accounts;
use super::AccountRow;
use crate::auth::Role;
use crate::components::form::Notice;
use crate::components::loading::SignInRequired;
use crate::components::loading::{LoadError, Loading};
use crate::components::pager::{page_href, Pager};
use crate::domain::paging::page_param;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The accounts, a page at a time, for administrators.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let query = use_query_map();
    let accounts = Resource::new(
        move || page_param(query.read().get("page").as_deref()),
        list_accounts,
    );
    view! {
        <Title text=t().auth().users_title/>
        <div class="container page">
            <h1>{t().auth().users_title}</h1>
            <p class="lead">{t().auth().users_lead}</p>
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
        </div>
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
                        <th scope="col">{t().auth().col_verified}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let role = Role::from_code(&row.role).unwrap_or(Role::Member);
                        let verified = row.verified == 1;
                        view! {
                            <tr>
                                <th scope="row">{row.email}</th>
                                <td>{row.display_name}</td>
                                <td>{t().auth().role(role)}</td>
                                <td>{row.organisation}</td>
                                <td>{move || if verified { t().auth().yes } else { t().auth().no }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
