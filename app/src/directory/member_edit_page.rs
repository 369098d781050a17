//! Editing a member's profile (its representative, or the secretariat), and
//! the secretariat's list of every organisation. The form is a plain
//! multipart post: it works without JavaScript, carries the logo, and when
//! something needs correcting the server answers with this page again,
//! filled with everything that was typed and each problem next to its field.

use super::api::{list_organisations, load_profile_form};
use super::{ChangeEntry, OrganisationRow, ProfileForm, Submitted};
use crate::components::form::{
    Choices, FileField, Input, Notice, ProblemSummary, Select, TextArea,
};
use crate::components::loading::SignInRequired;
use crate::components::loading::{LoadError, Loading};
use crate::components::pager::{page_href, Pager};
use crate::components::post_form::{page_value, stage_answer, PostForm};
use crate::domain::date::Date;
use crate::domain::directory::OrganisationStatus;
use crate::domain::paging::page_param;
use crate::domain::profile;
use crate::domain::reference::{
    label, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS, STATUSES,
};
use crate::error::AppError;
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MemberEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let params = use_params_map();
    // Loaded again once saved (the answer says so).
    let saved = page_value("saved");
    let form = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), saved()),
        |(slug, _)| load_profile_form(slug),
    );
    // Changes sent in place that need correcting.
    let answered = stage_answer::<Submitted>();
    view! {
        <Title text=t().profile_edit().title/>
        <div class="container page">
            <Suspense fallback=Loading>
                {move || {
                let answered = answered.get();
                Suspend::new(async move {
                    match form.await {
                        Ok(mut form) => {
                            if let Some(again) = answered.filter(|a| a.slug == form.slug) {
                                form.values = again.values;
                                form.problems = again.problems;
                            }
                            view! { <EditForm form/> }.into_any()
                        }
                        Err(AppError::Unauthorized) => view! { <h1>{t().profile_edit().title}</h1><SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! {
                            <h1>{t().profile_edit().title}</h1>
                            <Notice error=true>{t().auth().forbidden}</Notice>
                        }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <h1>{t().errors.not_found_title}</h1>
                            <p>{t().members().not_found}</p>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
                }}
            </Suspense>
        </div>
    }
}

/// A form field's label by its name, for the error summary and the history.
fn field_label(t: &'static Messages, field: &str) -> &'static str {
    let e = t.profile_edit();
    match field {
        "name_ka" => e.name_ka,
        "name_en" => e.name_en,
        "description_ka" => e.description_ka,
        "description_en" => e.description_en,
        "products_ka" => e.products_ka,
        "products_en" => e.products_en,
        "website" => e.website,
        "email" => e.email,
        "phone" => e.phone,
        "sector" | "sectors" => e.sectors,
        "region" | "regions" => e.regions,
        "impact" => e.impact,
        "logo" => e.logo,
        "listed" => e.listing,
        "legal_form" => t.reference().legal_form,
        "id_code" => t.members().identification_code,
        "category" => t.reference().category,
        "status" => e.status,
        "member_since" => t.import().member_since,
        "activity_start" => t.import().activity_start,
        _ => "",
    }
}

#[component]
fn EditForm(form: ProfileForm) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let ProfileForm {
        slug,
        values,
        problems,
        logo_version,
        by_staff,
        history,
    } = form;
    let saved = page_value("saved");
    let names = StoredValue::new((values.name_ka.clone(), values.name_en.clone()));
    // `try_`: the title may be read once more while the router leaves the page.
    let name = move || {
        names
            .try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string())
            .unwrap_or_default()
    };
    let public = OrganisationStatus::from_code(&values.status) == Some(OrganisationStatus::Active)
        && values.listed;
    let problems = StoredValue::new(problems);
    let values = StoredValue::new(values);
    let text = move |name: &str| values.with_value(|v| v.text(name).to_string());
    let problem_of = move |field: &str| {
        problems.with_value(|p| p.iter().find(|(f, _)| f == field).map(|(_, p)| *p))
    };
    let action = format!("/members/{slug}/edit");
    view! {
        <Title text=move || format!("{} — {}", t().profile_edit().title, name())/>
        <h1>{t().profile_edit().title} <span class="subtitle">{name}</span></h1>
        <p class="lead">{t().profile_edit().lead}</p>
        {move || match saved().as_str() {
            "1" => Some(view! { <Notice>{t().profile_edit().saved}</Notice> }),
            "0" => Some(view! { <Notice>{t().profile_edit().unchanged}</Notice> }),
            _ => None,
        }}
        {if public {
            view! { <p><a href=crate::i18n::at(&format!("/members/{slug}"))>{t().profile_edit().view_public}</a></p> }.into_any()
        } else {
            view! { <p class="hint">{t().profile_edit().not_listed_note}</p> }.into_any()
        }}
        <ProblemSummary
            lines=problems
                .get_value()
                .into_iter()
                .map(|(field, p)| {
                    let label = field_label(t(), &field);
                    (field, Some(label), p)
                })
                .collect()
            note=t().profile_edit().logo_again
        />
        <PostForm action=action enctype="multipart/form-data" class="form profile-form">
            <fieldset>
                <legend>{t().profile_edit().names}</legend>
                <Input name="name_ka" label=|t| t.profile_edit().name_ka value=text("name_ka") problem=problem_of("name_ka") autocomplete="organization" required=true/>
                <Input name="name_en" label=|t| t.profile_edit().name_en value=text("name_en") problem=problem_of("name_en") autocomplete="off" lang="en"/>
            </fieldset>
            <fieldset>
                <legend>{t().profile_edit().about}</legend>
                <p class="hint">{t().profile_edit().fallback_hint}</p>
                <TextArea name="description_ka" label=|t| t.profile_edit().description_ka value=text("description_ka") problem=problem_of("description_ka") max=profile::DESCRIPTION_MAX rows=6/>
                <TextArea name="description_en" label=|t| t.profile_edit().description_en value=text("description_en") problem=problem_of("description_en") max=profile::DESCRIPTION_MAX rows=6 lang="en"/>
                <TextArea name="products_ka" label=|t| t.profile_edit().products_ka value=text("products_ka") problem=problem_of("products_ka") max=profile::PRODUCTS_MAX rows=4/>
                <TextArea name="products_en" label=|t| t.profile_edit().products_en value=text("products_en") problem=problem_of("products_en") max=profile::PRODUCTS_MAX rows=4 lang="en"/>
            </fieldset>
            <fieldset>
                <legend>{t().profile_edit().contacts}</legend>
                <Input name="website" label=|t| t.profile_edit().website value=text("website") problem=problem_of("website") kind="url" autocomplete="url" hint=|t| t.profile_edit().website_hint/>
                <Input name="email" label=|t| t.profile_edit().email value=text("email") problem=problem_of("email") kind="email" autocomplete="email"/>
                <Input name="phone" label=|t| t.profile_edit().phone value=text("phone") problem=problem_of("phone") kind="tel" autocomplete="tel" hint=|t| t.profile_edit().phone_hint/>
            </fieldset>
            <Choices name="sector" legend=|t| t.profile_edit().sectors list=SECTORS selected=values.with_value(|v| v.sectors.clone()) problem=problem_of("sector")/>
            <Choices name="region" legend=|t| t.profile_edit().regions list=REGIONS selected=values.with_value(|v| v.regions.clone()) problem=problem_of("region")/>
            <Choices name="impact" legend=|t| t.profile_edit().impact list=IMPACT_AREAS selected=values.with_value(|v| v.impact.clone()) problem=problem_of("impact")/>
            <fieldset id="field-logo" class:field-invalid=problem_of("logo").is_some()>
                <legend>{t().profile_edit().logo}</legend>
                {if logo_version > 0 {
                    view! {
                        <p>{t().profile_edit().logo_current}</p>
                        <img class="profile-logo" src=format!("/members/{slug}/logo?v={logo_version}") alt=move || (t().members().logo_alt)(&name()) width="128" height="128"/>
                        <div class="checkbox">
                            <input type="checkbox" id="field-remove_logo" name="remove_logo" value="1"/>
                            <label for="field-remove_logo">{t().profile_edit().logo_remove}</label>
                        </div>
                    }.into_any()
                } else {
                    view! { <p>{t().profile_edit().logo_none}</p> }.into_any()
                }}
                <FileField name="logo" label=|t| t.profile_edit().logo_new hint=|t| t.profile_edit().logo_hint
                    accept="image/png,image/jpeg,image/webp" problem=problem_of("logo")/>
            </fieldset>
            {by_staff.then(|| view! {
                <fieldset>
                    <legend>{t().profile_edit().membership}</legend>
                    <Select name="legal_form" label=|t| t.reference().legal_form list=LEGAL_FORMS current=text("legal_form") problem=problem_of("legal_form")/>
                    <Input name="id_code" label=|t| t.members().identification_code value=text("id_code") problem=problem_of("id_code") autocomplete="off" inputmode="numeric"/>
                    <Select name="category" label=|t| t.reference().category list=CATEGORIES current=text("category") problem=problem_of("category")/>
                    <Select name="status" label=|t| t.profile_edit().status list=STATUSES current=text("status") problem=problem_of("status")/>
                    <Input name="member_since" label=|t| t.import().member_since kind="date" value=text("member_since") problem=problem_of("member_since") required=true/>
                    <Input name="activity_start" label=|t| t.import().activity_start kind="date" value=text("activity_start") problem=problem_of("activity_start")/>
                </fieldset>
            })}
            <fieldset>
                <legend>{t().profile_edit().listing}</legend>
                <p class="hint" id="field-listed-hint">{t().profile_edit().listed_hint}</p>
                <div class="checkbox">
                    <input type="checkbox" id="field-listed" name="listed" value="1" checked=values.with_value(|v| v.listed) aria-describedby="field-listed-hint"/>
                    <label for="field-listed">{t().profile_edit().listed}</label>
                </div>
            </fieldset>
            <button type="submit" class="button">{t().profile_edit().save}</button>
        </PostForm>
        <History entries=history/>
    }
}

#[component]
fn History(entries: Vec<ChangeEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section aria-labelledby="history" class="history">
            <h2 id="history">{t().profile_edit().history}</h2>
            {if entries.is_empty() {
                view! { <p>{t().profile_edit().history_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{t().profile_edit().col_when}</th>
                                <th scope="col">{t().profile_edit().col_who}</th>
                                <th scope="col">{t().profile_edit().col_fields}</th>
                            </tr></thead>
                            <tbody>
                                {entries.into_iter().map(|entry| {
                                    let date = Date::from_unix(entry.at);
                                    let fields = entry.fields;
                                    view! {
                                        <tr>
                                            <td>{move || i18n.date(date)}</td>
                                            <td>{entry.who}</td>
                                            <td>{move || fields.iter().map(|f| field_label(t(), f)).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ")}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Every organisation, for the secretariat.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let query = use_query_map();
    let imported = page_value("imported");
    let lang = i18n.lang();
    let rows = Resource::new(
        move || page_param(query.read().get("page").as_deref()),
        move |page| list_organisations(lang, page),
    );
    view! {
        <Title text=t().profile_edit().orgs_title/>
        <div class="container page">
            <h1>{t().profile_edit().orgs_title}</h1>
            <p class="lead">{t().profile_edit().orgs_lead}</p>
            {move || {
                let n = imported();
                (!n.is_empty()).then(|| view! { <Notice>{(t().import().imported)(&n)}</Notice> })
            }}
            <p><a href=crate::i18n::at("/admin/organisations/import")>{t().import().link}</a></p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) => view! {
                            <p>{(t().profile_edit().orgs_count)(list.total)}</p>
                            <OrganisationTable rows=list.items/>
                            <Pager page=list.page pages=list.pages label=t().profile_edit().orgs_pages
                                href=|page| page_href("/admin/organisations", &[], page)/>
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
fn OrganisationTable(rows: Vec<OrganisationRow>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <div class="table-scroll">
            <table class="table">
                <caption class="visually-hidden">{t().profile_edit().orgs_title}</caption>
                <thead><tr>
                    <th scope="col">{t().profile_edit().col_name}</th>
                    <th scope="col">{t().reference().category}</th>
                    <th scope="col">{t().profile_edit().status}</th>
                    <th scope="col">{t().profile_edit().col_listed}</th>
                    <th scope="col"><span class="visually-hidden">{t().profile_edit().edit}</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let OrganisationRow { slug, name_ka, name_en, category, status, listed } = row;
                        let names = StoredValue::new((name_ka, name_en));
                        // `try_`: the title may be read once more while the router leaves the page.
    let name = move || {
        names
            .try_with_value(|(ka, en)| i18n.lang().pick(ka, en).to_string())
            .unwrap_or_default()
    };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{label(CATEGORIES, &category, i18n.lang())}</td>
                                <td>{label(STATUSES, status.code(), i18n.lang())}</td>
                                <td>{move || if listed { t().auth().yes } else { t().auth().no }}</td>
                                <td><a href=crate::i18n::at(&format!("/members/{slug}/edit"))
                                    aria-label=move || format!("{}: {}", t().profile_edit().edit, name())>
                                    {t().profile_edit().edit}
                                </a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
