use super::api::list_accounts;
use super::AccountRow;
use crate::auth::Role;
use crate::components::form::Notice;
use crate::components::loading::SignInRequired;
use crate::components::loading::{LoadError, Loading};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every account, for administrators.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let accounts = Resource::new(|| (), |_| list_accounts());
    view! {
        <Title text=t().auth().users_title/>
        <div class="container page">
            <h1>{t().auth().users_title}</h1>
            <p class="lead">{t().auth().users_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(rows) => view! { <AccountTable rows/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
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
