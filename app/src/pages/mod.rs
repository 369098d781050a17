//! The pages, one file per area.

pub mod about;
pub mod account;
pub mod apply;
pub mod assemblies;
pub mod board;
pub mod home;
pub mod member_edit;
pub mod members;
pub mod news;
pub mod not_found;
pub mod profile;
pub mod review;

/// Turns a page component into a lazy route: its code is split out of the
/// main WebAssembly module and fetched when a visitor first opens the page.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                $page().into_any()
            }
        }
    };
}

lazy_page!(AboutRoute, about::AboutPage);
lazy_page!(BoardRoute, board::BoardPage);
lazy_page!(NewsListRoute, news::NewsListPage);
lazy_page!(NewsArticleRoute, news::NewsArticlePage);
lazy_page!(LoginRoute, account::login::LoginPage);
lazy_page!(RegisterRoute, account::register::RegisterPage);
lazy_page!(VerifyRoute, account::forms::VerifyPage);
lazy_page!(ForgotRoute, account::forms::ForgotPage);
lazy_page!(ResetRoute, account::forms::ResetPage);
lazy_page!(ConfirmEmailRoute, account::forms::ConfirmEmailPage);
lazy_page!(AccountRoute, account::overview::AccountPage);
lazy_page!(UsersRoute, account::users::UsersPage);
lazy_page!(ProfileRoute, profile::ProfilePage);
lazy_page!(MemberEditRoute, member_edit::MemberEditPage);
lazy_page!(OrganisationsRoute, member_edit::OrganisationsPage);
lazy_page!(ApplyRoute, apply::ApplyPage);
lazy_page!(ApplicationStatusRoute, apply::ApplicationStatusPage);
lazy_page!(ReviewQueueRoute, review::ReviewQueuePage);
lazy_page!(ReviewRoute, review::ReviewPage);
lazy_page!(AssembliesRoute, assemblies::AssembliesPage);
lazy_page!(AssemblyRoute, assemblies::AssemblyPage);
lazy_page!(BallotRoute, assemblies::BallotPage);
lazy_page!(ProjectorRoute, assemblies::ProjectorPage);
