//! The pages, one file per area.

pub mod not_found;

/// Tells tests and tools that the page's own code is live in the browser
/// (`window.__allianceHydrated`). Each page says it: a split-out page's code
/// arrives after the rest of the document has hydrated, and until then its
/// forms and buttons work only as plain HTML.
pub fn announce_live() {
    leptos::prelude::Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        crate::browser::announce("__allianceHydrated");
    });
}

/// Groups pages into one lazy unit: the group's code is split out of the main
/// WebAssembly module and fetched the first time a visitor opens any page of
/// it. Each page stays a route of its own (`Lazy::<Route>`). Fewer, larger
/// groups keep the main module's JavaScript glue and the split loader small
/// (each split point adds an import and, with the code pages share, more
/// chunk files for the loader to describe), but a visitor opening one page of
/// a group downloads the code of all of them. So each public page a
/// visitor may open first (about, board, news, the directory, a profile) is a
/// group of its own; the pages behind them (account, application, assemblies,
/// back office) are grouped by area (measured in docs/PERFORMANCE.md).
///
/// `#[lazy]` names its preloader `__preload_<function>`; a declarative macro
/// cannot build that name, so the call spells it out.
macro_rules! lazy_pages {
    ($(#[$doc:meta])* $group:ident, $preload:ident, $which:ident { $($route:ident => $page:path),+ $(,)? }) => {
        #[doc(hidden)]
        #[allow(clippy::enum_variant_names)]
        pub enum $which {
            $($route),+
        }

        $(#[$doc])*
        #[leptos::lazy]
        fn $group(which: $which) -> leptos::prelude::AnyView {
            use leptos::prelude::IntoAny;
            $crate::pages::announce_live();
            match which {
                $($which::$route => $page().into_any()),+
            }
        }

        $(
            pub struct $route;

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> leptos::prelude::AnyView {
                    $group($which::$route).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )+
    };
}

lazy_pages!(
    /// The Alliance's history, mission, goals and structure.
    about_page, __preload_about_page, AboutPages {
        AboutRoute => crate::home::AboutPage,
    }
);

lazy_pages!(
    /// The contacts and the privacy notice.
    contact_pages, __preload_contact_pages, ContactPages {
        ContactRoute => crate::contact::ContactPage,
        PrivacyRoute => crate::contact::PrivacyPage,
    }
);

lazy_pages!(
    /// The Board and its term.
    board_page, __preload_board_page, BoardPages {
        BoardRoute => crate::board::BoardPage,
    }
);

lazy_pages!(
    /// The news list.
    news_list_page, __preload_news_list_page, NewsListPages {
        NewsListRoute => crate::news::NewsListPage,
    }
);

lazy_pages!(
    /// One news article.
    news_article_page, __preload_news_article_page, NewsArticlePages {
        NewsArticleRoute => crate::news::NewsArticlePage,
    }
);

lazy_pages!(
    /// The member directory.
    members_page, __preload_members_page, MembersPages {
        MembersRoute => crate::directory::MembersPage,
    }
);

lazy_pages!(
    /// A member's profile.
    profile_page, __preload_profile_page, ProfilePages {
        ProfileRoute => crate::directory::ProfilePage,
    }
);

lazy_pages!(
    /// Signing in and up, the account and the member's own profile form.
    account_pages, __preload_account_pages, AccountPages {
        LoginRoute => crate::account::LoginPage,
        RegisterRoute => crate::account::RegisterPage,
        VerifyRoute => crate::account::VerifyPage,
        ForgotRoute => crate::account::ForgotPage,
        ResetRoute => crate::account::ResetPage,
        InviteRoute => crate::account::InvitePage,
        ConfirmEmailRoute => crate::account::ConfirmEmailPage,
        AccountRoute => crate::account::AccountPage,
        MemberEditRoute => crate::directory::MemberEditPage,
    }
);

lazy_pages!(
    /// The membership application wizard and its status page.
    application_pages, __preload_application_pages, ApplicationPages {
        ApplyRoute => crate::apply::ApplyPage,
        ApplicationStatusRoute => crate::apply::ApplicationStatusPage,
    }
);

lazy_pages!(
    /// General Assemblies: the list, one assembly, a ballot, the projector.
    assembly_pages, __preload_assembly_pages, AssemblyPages {
        AssembliesRoute => crate::assemblies::AssembliesPage,
        AssemblyRoute => crate::assemblies::AssemblyPage,
        BallotRoute => crate::assemblies::BallotPage,
        ProjectorRoute => crate::assemblies::ProjectorPage,
        MinutesRoute => crate::assemblies::MinutesPage,
    }
);

lazy_pages!(
    /// The back office: accounts, organisations, applications under review,
    /// news posts.
    back_office_pages, __preload_back_office_pages, BackOfficePages {
        DashboardRoute => crate::dashboard::DashboardPage,
        UsersRoute => crate::account::UsersPage,
        ContactEditRoute => crate::contact::ContactEditPage,
        PostsRoute => crate::news::PostsPage,
        PostEditRoute => crate::news::PostEditPage,
        OrganisationsRoute => crate::directory::OrganisationsPage,
        ImportRoute => crate::directory::ImportPage,
        ReviewQueueRoute => crate::apply::ReviewQueuePage,
        ReviewRoute => crate::apply::ReviewPage,
        AuditRoute => crate::audit::AuditPage,
        BoardFormRoute => crate::board::BoardFormPage,
    }
);
