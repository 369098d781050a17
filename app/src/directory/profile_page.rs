//! A member's public profile: everything the directory knows, with Open Graph
//! and schema.org data for search engines and link previews.

use super::api::load_member;
use super::MemberProfile;
use crate::components::loading::{LoadError, Loading};
use crate::domain::date::Date;
use crate::domain::reference::{
    label, Entry, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS,
};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let params = use_params_map();
    let profile = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        load_member,
    );
    view! {
        <div class="container page">
            <p><a href=crate::i18n::at("/members")>"← " {t().members().back}</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(Some(profile)) => view! { <Profile profile/> }.into_any(),
                        Ok(None) => view! {
                            <Title text=t().errors.not_found_title/>
                            <h1>{t().errors.not_found_title}</h1>
                            <p>{t().members().not_found}</p>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// schema.org Organization as JSON-LD, safe inside a `<script>` element.
fn json_ld(p: &MemberProfile) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": p.name_ka,
        "alternateName": p.name_en,
        "url": p.url,
        "identifier": p.id_code,
        "description": if p.description_en.is_empty() { &p.description_ka } else { &p.description_en },
        "memberOf": { "@type": "Organization", "name": "Social Enterprises Alliance" },
        "areaServed": p.regions.iter().map(|r| label(REGIONS, r, crate::domain::lang::Lang::En)).collect::<Vec<_>>(),
    });
    let extra = [
        ("email", &p.email),
        ("telephone", &p.phone),
        ("sameAs", &p.website),
    ];
    for (key, text) in extra {
        if !text.is_empty() {
            value[key] = serde_json::Value::String(text.clone());
        }
    }
    if let Some(logo) = &p.logo_url {
        value["logo"] = serde_json::Value::String(logo.clone());
    }
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[component]
fn Profile(profile: MemberProfile) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let json = json_ld(&profile);
    let p = StoredValue::new(profile);
    // `try_`: the page's title and meta may be read once more while the
    // router leaves the page, after its values are gone.
    let text = move |f: fn(&MemberProfile) -> (&String, &String)| {
        p.try_with_value(|p| {
            let (ka, en) = f(p);
            i18n.lang().pick(ka, en).to_string()
        })
        .unwrap_or_default()
    };
    let name = move || text(|p| (&p.name_ka, &p.name_en));
    let description = move || text(|p| (&p.description_ka, &p.description_en));
    let products = move || text(|p| (&p.products_ka, &p.products_en));
    let list = move |f: fn(&MemberProfile) -> &Vec<String>, table: &'static [Entry]| {
        p.try_with_value(|p| {
            f(p).iter()
                .map(|c| label(table, c, i18n.lang()))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
    };
    let since = p.with_value(|p| Date::parse(&p.member_since).ok());
    let (slug, logo_version, url, logo_url, website, email, phone) = p.with_value(|p| {
        (
            p.slug.clone(),
            p.logo_version,
            p.url.clone(),
            p.logo_url.clone(),
            p.website.clone(),
            p.email.clone(),
            p.phone.clone(),
        )
    });
    view! {
        <Title text=name/>
        <Meta name="description" content=description/>
        <Meta property="og:type" content="profile"/>
        <Meta property="og:title" content=name/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        {logo_url.map(|logo| view! { <Meta property="og:image" content=logo/> })}
        <script type="application/ld+json" inner_html=json></script>
        <article class="profile">
            <header class="profile-header">
                {(logo_version > 0).then(|| view! {
                    <img class="profile-logo" src=format!("/members/{slug}/logo?v={logo_version}")
                        alt=move || (t().members().logo_alt)(&name()) width="128" height="128"/>
                })}
                <div>
                    <h1>{name}</h1>
                    <p class="badge">{move || p.try_with_value(|p| label(CATEGORIES, &p.category, i18n.lang())).unwrap_or_default()}</p>
                </div>
            </header>
            <dl class="facts">
                <dt>{t().members().member_since}</dt>
                <dd>{move || since.map(|d| i18n.date(d)).unwrap_or_default()}</dd>
                <dt>{t().reference().legal_form}</dt>
                <dd>{move || p.try_with_value(|p| label(LEGAL_FORMS, &p.legal_form, i18n.lang())).unwrap_or_default()}</dd>
                <dt>{t().members().identification_code}</dt>
                <dd>{move || p.try_with_value(|p| p.id_code.clone()).unwrap_or_default()}</dd>
                <dt>{t().reference().sector}</dt>
                <dd>{move || list(|p| &p.sectors, SECTORS)}</dd>
                <dt>{t().reference().region}</dt>
                <dd>{move || list(|p| &p.regions, REGIONS)}</dd>
                <dt>{t().reference().impact_area}</dt>
                <dd>{move || list(|p| &p.impact, IMPACT_AREAS)}</dd>
            </dl>
            <h2>{t().members().description}</h2>
            <p class="prose-text">{description}</p>
            {move || (!products().is_empty()).then(|| view! {
                <h2>{t().members().products}</h2>
                <p class="prose-text">{products}</p>
            })}
            <h2>{t().members().contacts}</h2>
            <dl class="facts">
                {(!website.is_empty()).then(|| view! {
                    <dt>{t().members().website}</dt>
                    <dd><a href=website.clone() rel="noopener noreferrer nofollow">{website.clone()}</a></dd>
                })}
                {(!email.is_empty()).then(|| view! {
                    <dt>{t().members().email}</dt>
                    <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
                })}
                {(!phone.is_empty()).then(|| view! {
                    <dt>{t().members().phone}</dt>
                    <dd><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></dd>
                })}
            </dl>
        </article>
    }
}
