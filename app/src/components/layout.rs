//! The frame of every page: skip link, header with navigation and language
//! switch, the main landmark and the footer.

use super::lang_switch::LangSwitch;
use crate::auth::viewer::use_viewer;
use crate::auth::Role;
use crate::i18n::Text;
use crate::i18n::{page_path, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    super::post_form::forget_posted_on_navigation();
    #[cfg(feature = "hydrate")]
    crate::browser::keep_addresses_current(i18n.lang());
    view! {
        <a class="skip-link" href="#main">{i18n.t().skip_to_content}</a>
        {Header().into_any()}
        <main id="main" tabindex="-1">{children()}</main>
        {Footer().into_any()}
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href=i18n.at("/")>
                    <span class="brand-mark" aria-hidden="true">"ს"</span>
                    <span class="brand-name">{t().site_name}</span>
                </a>
                <div class="header-tools">
                    <AccountLinks/>
                    <LangSwitch/>
                </div>
            </div>
            <nav class="container site-nav" aria-label=t().nav.label>
                <ul>
                    <NavLink href="/" label=|t| t.nav.home/>
                    <NavLink href="/about" label=|t| t.nav.about/>
                    <NavLink href="/members" label=|t| t.nav.members/>
                    <NavLink href="/news" label=|t| t.nav.news/>
                    <NavLink href="/board" label=|t| t.nav.board/>
                    <NavLink href="/apply" label=|t| t.nav.apply/>
                </ul>
            </nav>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <footer class="site-footer">
            <div class="container footer-grid">
                <section aria-labelledby="footer-about">
                    <h2 id="footer-about">{t().footer.about_heading}</h2>
                    <p>{t().footer.about_text}</p>
                </section>
                <section aria-labelledby="footer-links">
                    <h2 id="footer-links">{t().footer.links_heading}</h2>
                    <ul class="plain">
                        <li><a href=i18n.at("/about")>{t().nav.about}</a></li>
                        <li><a href=i18n.at("/members")>{t().nav.members}</a></li>
                        <li><a href=i18n.at("/board")>{t().nav.board}</a></li>
                        <li><a href=format!("/news/feed.{}.xml", i18n.lang().code())>{t().footer.news_feed}</a></li>
                        <li><a href=i18n.at("/contact")>{t().footer.contact}</a></li>
                        <li><a href=i18n.at("/privacy")>{t().footer.privacy}</a></li>
                    </ul>
                </section>
                <p class="footer-legal">
                    {t().footer.legal_name} " · " {t().footer.founded}
                </p>
            </div>
        </footer>
    }
}

/// A navigation link marked `aria-current="page"` on its section. A plain
/// `<a>`: the router already handles clicks on same-site links.
#[component]
fn NavLink(href: &'static str, label: Text) -> impl IntoView {
    let pathname = use_location().pathname;
    let current = move || {
        let path = pathname.get();
        let path = page_path(&path);
        let here = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        here.then_some("page")
    };
    let i18n = use_i18n();
    view! { <li><a href=i18n.at(href) aria-current=current>{move || label(i18n.t())}</a></li> }
}

/// "Log in", or the account link and a log-out button (a form: signing out
/// changes state, so it is a POST).
#[component]
fn AccountLinks() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    match use_viewer() {
        None => view! { <a class="header-link" href=i18n.at("/login")>{t().nav.login}</a> }.into_any(),
        Some(viewer) => view! {
            <a class="header-link" href=i18n.at("/assemblies")>{t().nav.assemblies}</a>
            {matches!(viewer.role, Role::Staff | Role::Board | Role::Admin).then(|| view! {
                <a class="header-link" href=i18n.at("/admin/applications")>{t().nav.review}</a>
            })}
            {matches!(viewer.role, Role::Staff | Role::Admin).then(|| view! {
                <a class="header-link" href=i18n.at("/admin")>{t().nav.dashboard}</a>
                <a class="header-link" href=i18n.at("/admin/organisations")>{t().nav.organisations}</a>
            })}
            {(viewer.role == Role::Admin).then(|| view! {
                <a class="header-link" href=i18n.at("/admin/users")>{t().nav.users}</a>
            })}
            <a class="header-link" href=i18n.at("/account")>
                <span class="visually-hidden">{t().nav.account} ": "</span>
                {viewer.name}
            </a>
            <form method="post" action=i18n.at("/logout") class="inline-form">
                <button type="submit" class="link-button">{t().nav.logout}</button>
            </form>
        }
        .into_any(),
    }
}
