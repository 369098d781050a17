//! `/admin/organisations/import`: staff bring in the existing member
//! organisations from a CSV file. The file is checked first and every row
//! shown with what it will create or what is wrong with it; the import
//! itself takes every row or none.

use super::api::load_import;
use super::import::{FileProblem, Row};
use super::ImportSubmitted;
use crate::components::form::{Choices, Input, Notice, ProblemSummary, Select, SummaryLine};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{stage_answer, PostForm};
use crate::domain::reference::{label, Entry, CATEGORIES, LEGAL_FORMS, REGIONS, SECTORS};
use crate::error::AppError;
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let m = move || i18n.t().import();
    let data = Resource::new(|| (), |_| load_import());
    let answered = stage_answer::<ImportSubmitted>();
    view! {
        <Title text=m().title/>
        <div class="container page">
            <p><a href=crate::i18n::at("/admin/organisations")>"← " {i18n.t().profile_edit().orgs_title}</a></p>
            <h1>{m().title}</h1>
            <p class="lead">{m().lead}</p>
            <Suspense fallback=Loading>
                {move || {
                let answered = answered.get();
                Suspend::new(async move {
                    match data.await {
                        Ok(shown) => {
                            let shown = answered.or(shown).unwrap_or_default();
                            view! { <Import shown/> }.into_any()
                        }
                        Err(AppError::Unauthorized) => view! { <SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
                }}
            </Suspense>
        </div>
    }
}

fn file_problem_text(t: &'static Messages, problem: &FileProblem) -> String {
    let m = t.import();
    match problem {
        FileProblem::Empty => m.file_empty.to_string(),
        FileProblem::TooLarge => m.file_too_large.to_string(),
        FileProblem::NotUtf8 => m.file_not_utf8.to_string(),
        FileProblem::MissingColumn(column) => (m.file_missing_column)(column),
        FileProblem::TooManyRows => m.file_too_many_rows.to_string(),
        FileProblem::Unreadable(line) => (m.file_unreadable)(*line),
    }
}

#[component]
fn Import(shown: ImportSubmitted) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let m = t.import();
    let ImportSubmitted {
        rows,
        file_problem,
        csv,
        changed,
        one,
    } = shown;
    let file_error = file_problem.map(|p| file_problem_text(t, &p));
    let with_problems = rows.iter().filter(|r| !r.problems.is_empty()).count();
    let invitations = rows.iter().filter(|r| !r.rep_email.is_empty()).count();
    let total = rows.len();
    let ready = total > 0 && with_problems == 0 && !csv.is_empty();
    view! {
        {changed.then(|| view! { <Notice error=true>{m.changed}</Notice> })}
        <section aria-labelledby="import-file">
            <h2 id="import-file">{m.file_heading}</h2>
            <p><a href="/admin/organisations/import/template.csv" download="members-template.csv">{m.template_link}</a></p>
            <p class="hint">{m.template_hint}</p>
            <PostForm action="/admin/organisations/import" enctype="multipart/form-data" class="form">
                <div class="field" class:field-invalid=file_error.is_some()>
                    <label for="field-file">{m.file_label}</label>
                    <p class="hint" id="field-file-hint">{m.file_hint}</p>
                    {file_error.clone().map(|text| view! { <p class="field-error" id="field-file-error" role="alert">{text}</p> })}
                    <input type="file" id="field-file" name="file" accept=".csv,text/csv" required=true
                        aria-invalid=file_error.as_ref().map(|_| "true")
                        aria-describedby=if file_error.is_some() { "field-file-hint field-file-error" } else { "field-file-hint" }/>
                </div>
                <button type="submit" class="button" name="do" value="check">{m.check}</button>
            </PostForm>
            <Codes/>
        </section>
        {(total > 0).then(|| view! {
            <section aria-labelledby="import-rows" data-answer="">
                <h2 id="import-rows">{m.rows_heading}</h2>
                {if with_problems > 0 {
                    view! { <div class="error-summary" role="alert" tabindex="-1"><p>{(m.rows_with_problems)(with_problems, total)}</p></div> }.into_any()
                } else {
                    view! { <p role="status">{(m.rows_ready)(total, invitations)}</p> }.into_any()
                }}
                <RowTable rows/>
                {ready.then(|| view! {
                    <PostForm action="/admin/organisations/import" enctype="multipart/form-data" class="form">
                        <input type="hidden" name="csv" value=csv.clone()/>
                        <button type="submit" class="button" name="do" value="import">{(m.import_button)(total)}</button>
                    </PostForm>
                })}
            </section>
        })}
        <AddOne typed=one.unwrap_or_default()/>
    }
}

/// The languages an invitation can be written in.
static LANGUAGES: &[Entry] = &[
    Entry {
        code: "ka",
        ka: "ქართული",
        en: "Georgian",
    },
    Entry {
        code: "en",
        ka: "ინგლისური",
        en: "English",
    },
];

/// One organisation by hand, with the fields of a file's row.
#[component]
fn AddOne(typed: Row) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let m = t.import();
    let problems = typed.problems.clone();
    let problem_of =
        move |column: &str| problems.iter().find(|(c, _)| c == column).map(|(_, p)| *p);
    let lines: Vec<SummaryLine> = typed
        .problems
        .iter()
        .map(|(column, p)| (column.clone(), Some(field_label(t, column)), *p))
        .collect();
    view! {
        <section aria-labelledby="add-one">
            <h2 id="add-one">{m.add_heading}</h2>
            <p>{m.add_lead}</p>
            <ProblemSummary lines/>
            <PostForm action="/admin/organisations/import" enctype="multipart/form-data" class="form">
                <Input name="name_ka" label=|t| t.profile_edit().name_ka value=typed.name_ka.clone() problem=problem_of("name_ka") required=true lang="ka"/>
                <Input name="name_en" label=|t| t.profile_edit().name_en value=typed.name_en.clone() problem=problem_of("name_en") lang="en"/>
                <Input name="identification_code" label=|t| t.members().identification_code value=typed.id_code.clone()
                    problem=problem_of("identification_code") inputmode="numeric" required=true/>
                <Select name="legal_form" label=|t| t.reference().legal_form list=LEGAL_FORMS current=typed.legal_form.clone() problem=problem_of("legal_form")/>
                <Select name="category" label=|t| t.reference().category list=CATEGORIES current=typed.category.clone() problem=problem_of("category")/>
                <Input name="member_since" label=|t| t.import().member_since kind="date" value=typed.member_since.clone() problem=problem_of("member_since") required=true/>
                <Input name="activity_start" label=|t| t.import().activity_start kind="date" value=typed.activity_start.clone() problem=problem_of("activity_start")/>
                <Choices name="sectors" legend=|t| t.profile_edit().sectors list=SECTORS selected=typed.sectors.clone() problem=problem_of("sectors") required=true/>
                <Choices name="regions" legend=|t| t.profile_edit().regions list=REGIONS selected=typed.regions.clone() problem=problem_of("regions")/>
                <fieldset>
                    <legend>{m.contacts}</legend>
                    <Input name="email" label=|t| t.profile_edit().email kind="email" value=typed.email.clone() problem=problem_of("email")/>
                    <Input name="phone" label=|t| t.profile_edit().phone kind="tel" value=typed.phone.clone() problem=problem_of("phone")/>
                    <Input name="website" label=|t| t.profile_edit().website kind="url" value=typed.website.clone() problem=problem_of("website")/>
                </fieldset>
                <fieldset>
                    <legend>{m.rep_legend}</legend>
                    <p class="hint">{m.rep_hint}</p>
                    <Input name="representative_name" label=|t| t.import().rep_name value=typed.rep_name.clone() problem=problem_of("representative_name")/>
                    <Input name="representative_email" label=|t| t.import().rep_email kind="email" value=typed.rep_email.clone() problem=problem_of("representative_email")/>
                    <Select name="representative_language" label=|t| t.import().rep_language list=LANGUAGES current=typed.rep_lang.clone() problem=problem_of("representative_language")/>
                </fieldset>
                <button type="submit" class="button" name="do" value="add">{m.add_button}</button>
            </PostForm>
        </section>
    }
}

/// A field's label by its column, for the error summary.
fn field_label(t: &'static Messages, column: &str) -> &'static str {
    let m = t.import();
    let e = t.profile_edit();
    match column {
        "name_ka" => e.name_ka,
        "name_en" => e.name_en,
        "identification_code" => t.members().identification_code,
        "legal_form" => t.reference().legal_form,
        "category" => t.reference().category,
        "member_since" => m.member_since,
        "activity_start" => m.activity_start,
        "sectors" => e.sectors,
        "regions" => e.regions,
        "email" => e.email,
        "phone" => e.phone,
        "website" => e.website,
        "representative_name" => m.rep_name,
        "representative_email" => m.rep_email,
        "representative_language" => m.rep_language,
        _ => "",
    }
}

#[component]
fn RowTable(rows: Vec<Row>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let m = t.import();
    view! {
        <div class="table-scroll">
            <table class="table import-table">
                <caption class="visually-hidden">{m.rows_heading}</caption>
                <thead><tr>
                    <th scope="col">{m.col_line}</th>
                    <th scope="col">{m.col_name}</th>
                    <th scope="col">{t.members().identification_code}</th>
                    <th scope="col">{t.reference().category}</th>
                    <th scope="col">{m.col_since}</th>
                    <th scope="col">{m.col_outcome}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let name = i18n.lang().pick(&row.name_ka, &row.name_en).to_string();
                        let category = if CATEGORIES.iter().any(|c| c.code == row.category) {
                            label(CATEGORIES, &row.category, i18n.lang())
                        } else {
                            row.category.clone()
                        };
                        let outcome = if row.problems.is_empty() {
                            let invite = (!row.rep_email.is_empty()).then(|| (m.will_invite)(&row.rep_email));
                            view! {
                                <p>{m.will_create}</p>
                                {invite.map(|text| view! { <p>{text}</p> })}
                            }.into_any()
                        } else {
                            view! {
                                <ul class="row-problems">
                                    {row.problems.into_iter().map(|(column, problem)| view! {
                                        <li><code>{column}</code> ": " {t.problems().of(problem)}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        view! {
                            <tr>
                                <td>{row.line}</td>
                                <th scope="row">{name}</th>
                                <td>{row.id_code}</td>
                                <td>{category}</td>
                                <td>{row.member_since}</td>
                                <td>{outcome}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The codes a file may use, list by list.
#[component]
fn Codes() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let m = t.import();
    let list = move |column: &'static str, heading: &'static str, entries: &'static [Entry]| {
        view! {
            <details class="codes">
                <summary>{heading} " (" <code>{column}</code> ")"</summary>
                <table class="table">
                    <thead><tr><th scope="col">{m.col_code}</th><th scope="col">{m.col_meaning}</th></tr></thead>
                    <tbody>
                        {entries.iter().map(|e| view! {
                            <tr><td><code>{e.code}</code></td><td>{e.label(i18n.lang())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        }
    };
    view! {
        <h3>{m.codes_heading}</h3>
        {list("category", t.reference().category, CATEGORIES)}
        {list("legal_form", t.reference().legal_form, LEGAL_FORMS)}
        {list("sectors", m.sectors, SECTORS)}
        {list("regions", m.regions, REGIONS)}
    }
}
