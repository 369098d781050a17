//! The HTML shell and the router.

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{path, Lazy, SsrMode};

/// The document around the app, rendered only on the server. Static head
/// elements live here rather than in `App`, so the browser bundle carries no
/// code for them.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The header's signed-in state, handed to the browser (see auth::viewer).
    #[cfg(feature = "ssr")]
    let caller = crate::auth::server::caller();
    #[cfg(not(feature = "ssr"))]
    let caller: Option<crate::auth::Caller> = None;
    let viewer_name = caller.as_ref().map(|c| {
        if c.display_name.is_empty() {
            c.email.clone()
        } else {
            c.display_name.clone()
        }
    });
    let viewer_role = caller.map(|c| c.role.code());
    #[cfg(feature = "ssr")]
    let addresses = addresses();
    #[cfg(not(feature = "ssr"))]
    let addresses: Option<[String; 3]> = None;
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="stylesheet" id="leptos" href="/pkg/alliance.css"/>
                <link rel="preload" href="/fonts/noto-sans-georgian.woff2" r#as="font" r#type="font/woff2" crossorigin="anonymous"/>
                <link rel="icon" href="/favicon.ico" sizes="any"/>
                // The feeds' language is in their titles: `hreflang` on an
                // alternate link names the page's own translations for
                // search engines, which take these for invalid ones.
                <link rel="alternate" r#type="application/atom+xml" href="/news/feed.ka.xml" title="სიახლეები (Atom, ქართულად)"/>
                <link rel="alternate" r#type="application/atom+xml" href="/news/feed.en.xml" title="News (Atom, in English)"/>
                // The page's own address and its two languages' (search
                // engines show the reader's; Georgian is the default).
                {addresses.map(|[canonical, ka, en]| view! {
                    <link rel="canonical" href=canonical/>
                    <link rel="alternate" hreflang="ka" href=ka.clone()/>
                    <link rel="alternate" hreflang="en" href=en/>
                    <link rel="alternate" hreflang="x-default" href=ka/>
                })}
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body data-viewer=viewer_name data-viewer-role=viewer_role>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n();
    crate::auth::viewer::provide_viewer();
    crate::components::post_form::provide_posted();
    let t = move || i18n.t();
    view! {
        <Html attr:lang=i18n.lang().code()/>
        // The empty text under every page's own keeps the title from going
        // blank while a page's split-out code is on its way (the title is
        // rebuilt in the browser before that page's own joins): meanwhile
        // it reads the site's name.
        <Title formatter=move |page: String| title_text(&page, t().site_name) text=""/>
        // The browser's address carries `/en` on an English page; the server
        // took it off before rendering, so only the browser's router has it.
        <Router base=router_base(i18n.lang())>
            <Layout>
                // Flat: no route nests, and the flat router is smaller in the bundle.
                // Async rendering: every page arrives whole, so it reads the same
                // without JavaScript (and to crawlers) as with it.
                <FlatRoutes fallback=pages::not_found::NotFound>
                    <Route path=path!("") view=crate::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/about") view={Lazy::<pages::AboutRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/news") view={Lazy::<pages::NewsListRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/news/:slug") view={Lazy::<pages::NewsArticleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/board") view={Lazy::<pages::BoardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/board/new") view={Lazy::<pages::BoardFormRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/contact") view={Lazy::<pages::ContactRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/privacy") view={Lazy::<pages::PrivacyRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin") view={Lazy::<pages::DashboardRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin/contact") view={Lazy::<pages::ContactEditRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin/news") view={Lazy::<pages::PostsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/admin/news/:id") view={Lazy::<pages::PostEditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members") view={Lazy::<pages::MembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members/:slug") view={Lazy::<pages::ProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members/:slug/edit") view={Lazy::<pages::MemberEditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view={Lazy::<pages::OrganisationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations/import") view={Lazy::<pages::ImportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/apply") view={Lazy::<pages::ApplyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/apply/status") view={Lazy::<pages::ApplicationStatusRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications") view={Lazy::<pages::ReviewQueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications/:id") view={Lazy::<pages::ReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies") view={Lazy::<pages::AssembliesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:id") view={Lazy::<pages::AssemblyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:id/projector") view={Lazy::<pages::ProjectorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:id/minutes") view={Lazy::<pages::MinutesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assemblies/:id/polls/:poll") view={Lazy::<pages::BallotRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<pages::LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register") view={Lazy::<pages::RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/verify") view={Lazy::<pages::VerifyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot") view={Lazy::<pages::ForgotRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/reset") view={Lazy::<pages::ResetRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/invite") view={Lazy::<pages::InviteRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/confirm-email") view={Lazy::<pages::ConfirmEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    // The account page's two forms post to these, and a post
                    // that needs correcting is answered there with the page.
                    <Route path=path!("/account/password") view={Lazy::<pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/email") view={Lazy::<pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view={Lazy::<pages::UsersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view={Lazy::<pages::AuditRoute>::new()} ssr=SsrMode::Async/>
                </FlatRoutes>
            </Layout>
        </Router>
    }
}

fn router_base(lang: crate::i18n::Lang) -> &'static str {
    if cfg!(feature = "hydrate") && lang == crate::i18n::Lang::En {
        "/en"
    } else {
        ""
    }
}

/// The page's absolute address (with its query) in its own language, in
/// Georgian and in English.
#[cfg(feature = "ssr")]
fn addresses() -> Option<[String; 3]> {
    use crate::i18n::Lang;
    let parts = use_context::<http::request::Parts>()?;
    let site = use_context::<crate::config::SiteConfig>()?;
    let lang = crate::platform::post::lang_of(&parts.headers);
    let path = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    Some([lang, Lang::Ka, Lang::En].map(|lang| site.link(&lang.at(path))))
}

/// "Page — Site", or the site's name alone. leptos_meta writes the server's
/// `<title>` without escaping, so the server escapes here: a title taken from
/// the database can never close the element and inject markup. The browser
/// sets `document.title`, which is plain text and needs no escaping.
fn title_text(page: &str, site: &str) -> String {
    let text = if page.is_empty() {
        site.to_string()
    } else {
        format!("{page} — {site}")
    };
    #[cfg(feature = "ssr")]
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    text
}
