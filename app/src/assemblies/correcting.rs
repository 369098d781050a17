//! What the secretariat corrects on an assembly's page: its details and
//! its cancellation (before the session), the agenda (moved and removed
//! before the session, its text corrected until the assembly is over), and
//! its documents. Each is a plain form post to the page's own address
//! (documents to their own, as `multipart/form-data`).

use super::fields::{rules_values, value_of, DetailsFields};
use super::{AgendaItem, DocumentLine};
use crate::auth::validate::Problem;
use crate::components::form::{problem_in, Input};
use crate::components::post_form::PostForm;
use crate::domain::assembly::{Assembly, AssemblyStatus};
use crate::domain::calendar;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The assembly's details to correct, and the way to cancel it; open when
/// a post of theirs needs correcting.
#[component]
pub(super) fn DetailsPanel(
    assembly: Assembly,
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let t = use_i18n().t();
    let a = t.assemblies();
    let action = format!("/assemblies/{}", assembly.id);
    let posted = value_of(&values, "do");
    let refused = posted == "details" && !problems.is_empty();
    let shown = if refused {
        values.clone()
    } else {
        [
            ("title_ka", assembly.title_ka.clone()),
            ("title_en", assembly.title_en.clone()),
            ("kind", assembly.kind.clone()),
            (
                "starts_at",
                calendar::local_value(assembly.starts_at, crate::apply::TBILISI_OFFSET_SECONDS),
            ),
            ("place", assembly.place.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain(rules_values(&assembly.rules))
        .collect()
    };
    let details_problems = if refused {
        problems.clone()
    } else {
        Vec::new()
    };
    let confirm_problem = (posted == "cancel")
        .then(|| problem_in(&problems, "confirm"))
        .flatten();
    let announced = assembly.status == AssemblyStatus::Announced;
    view! {
        <details class="panel correcting" open=refused>
            <summary>{a.edit_details}</summary>
            {announced.then(|| view! { <p class="hint">{a.details_hint}</p> })}
            <PostForm action=action.clone()>
                <input type="hidden" name="do" value="details"/>
                <DetailsFields problems=details_problems values=shown/>
                <button type="submit" class="button">{a.save_details}</button>
            </PostForm>
        </details>
        <details class="panel correcting" open=confirm_problem.is_some()>
            <summary>{a.cancel_title}</summary>
            <p class="hint" id="cancel-hint">{a.cancel_hint}</p>
            <PostForm action=action>
                <input type="hidden" name="do" value="cancel"/>
                <div class="field checkbox" class:field-invalid=confirm_problem.is_some()>
                    {confirm_problem.map(|p| view! { <p class="field-error" id="field-confirm-error">{t.problems().of(p)}</p> })}
                    <input type="checkbox" id="field-confirm" name="confirm" value="yes"
                        aria-invalid=confirm_problem.map(|_| "true")
                        aria-describedby=if confirm_problem.is_some() { "cancel-hint field-confirm-error" } else { "cancel-hint" }/>
                    <label for="field-confirm">{a.cancel_confirm}</label>
                </div>
                <button type="submit" class="button button-danger">{a.cancel_assembly}</button>
            </PostForm>
        </details>
    }
}

/// The agenda as staff see it while it can change: each item with its
/// buttons (up, down and remove before the session) and the form that
/// corrects its text.
#[component]
pub(super) fn AgendaEditor(
    assembly: Assembly,
    agenda: Vec<AgendaItem>,
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let a = i18n.t().assemblies();
    let action = format!("/assemblies/{}", assembly.id);
    let before = assembly.status.before_session();
    let last = agenda.len().saturating_sub(1);
    let problems = StoredValue::new(problems);
    let values = StoredValue::new(values);
    let button = move |action: &str,
                       act: &'static str,
                       item: String,
                       label: &'static str,
                       name: String,
                       class: &'static str| {
        view! {
            <PostForm action=action.to_string() class="form-inline agenda-action">
                <input type="hidden" name="do" value=act/>
                <input type="hidden" name="item" value=item/>
                <button type="submit" class=class aria-label=format!("{label}: {name}")>{label}</button>
            </PostForm>
        }
    };
    view! {
        <ol class="agenda agenda-editing">
            {agenda.into_iter().enumerate().map(|(index, item)| {
                let AgendaItem { id, title_ka, title_en, .. } = item;
                let name = lang.pick(&title_ka, &title_en).to_string();
                let (ka_field, en_field) = (format!("item_{id}_ka"), format!("item_{id}_en"));
                let refused = values.with_value(|v| value_of(v, "do") == "item_correct" && value_of(v, "item") == id.to_string());
                let (ka, en) = if refused {
                    values.with_value(|v| (value_of(v, &ka_field), value_of(v, &en_field)))
                } else {
                    (title_ka.clone(), title_en.clone())
                };
                let (ka_problem, en_problem) = problems.with_value(|p| (problem_in(p, &ka_field), problem_in(p, &en_field)));
                let moves = before.then(|| view! {
                    {(index > 0).then(|| button(&action, "item_up", id.to_string(), a.move_up, name.clone(), "button button-small button-secondary"))}
                    {(index < last).then(|| button(&action, "item_down", id.to_string(), a.move_down, name.clone(), "button button-small button-secondary"))}
                    {button(&action, "item_remove", id.to_string(), a.remove_item, name.clone(), "button button-small button-danger")}
                });
                view! {
                    <li>
                        <span class="agenda-title">{name.clone()}</span>
                        <div class="agenda-actions">{moves}</div>
                        <details class="correcting" open=ka_problem.or(en_problem).is_some()>
                            <summary>{a.correct_item}</summary>
                            <PostForm action=action.clone()>
                                <input type="hidden" name="do" value="item_correct"/>
                                <input type="hidden" name="item" value=id.to_string()/>
                                <p class="hint">{a.correct_hint}</p>
                                <ItemField name=ka_field label=a.item_title_ka value=ka problem=ka_problem/>
                                <ItemField name=en_field label=a.item_title_en value=en problem=en_problem/>
                                <button type="submit" class="button button-secondary">{a.save_item}</button>
                            </PostForm>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A text field named after its item (the kit's `Input` takes fixed names).
#[component]
fn ItemField(
    name: String,
    label: &'static str,
    value: String,
    problem: Option<Problem>,
) -> impl IntoView {
    let t = use_i18n().t();
    let id = format!("field-{name}");
    let error = format!("field-{name}-error");
    view! {
        <div class="field" class:field-invalid=problem.is_some()>
            <label for=id.clone()>{label}</label>
            {problem.map(|p| view! { <p class="field-error" id=error.clone()>{t.problems().of(p)}</p> })}
            <input id=id name=name type="text" value=value autocomplete="off"
                aria-invalid=problem.map(|_| "true") aria-describedby=problem.map(|_| error.clone())/>
        </div>
    }
}

/// The assembly's documents, to download; staff attach and remove them
/// until the assembly is over.
#[component]
pub(super) fn Documents(
    assembly: Assembly,
    documents: Vec<DocumentLine>,
    staff: bool,
    problems: Vec<(String, Problem)>,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let t = i18n.t();
    let a = t.assemblies();
    let id = assembly.id;
    let editing = staff && !assembly.status.is_over();
    let list = if documents.is_empty() {
        view! { <p>{a.documents_none}</p> }.into_any()
    } else {
        view! {
            <ul class="documents">
                {documents.into_iter().map(|d| {
                    let title = lang.pick(&d.title_ka, &d.title_en).to_string();
                    let label = format!("{}: {title}", a.remove_document);
                    let remove = editing.then(|| view! {
                        <PostForm action=format!("/assemblies/{id}") class="form-inline">
                            <input type="hidden" name="do" value="document_remove"/>
                            <input type="hidden" name="document" value=d.id.to_string()/>
                            <button type="submit" class="button button-small button-danger"
                                aria-label=label>{a.remove_document}</button>
                        </PostForm>
                    });
                    view! {
                        <li>
                            <a href=format!("/assemblies/{id}/documents/{}", d.id) rel="external" download=d.file_name.clone()>{title}</a>
                            " " <span class="hint">{(a.doc_size)(d.size)}</span>
                            {remove}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let refused = value_of(&values, "do") == "document";
    let (ka, en) = if refused {
        (value_of(&values, "doc_ka"), value_of(&values, "doc_en"))
    } else {
        Default::default()
    };
    let file_problem = problem_in(&problems, "file");
    let form = editing.then(|| view! {
        <PostForm action=format!("/assemblies/{id}/documents") enctype="multipart/form-data">
            <Input name="doc_ka" label=|t| t.assemblies().doc_title_ka value=ka problem=problem_in(&problems, "doc_ka")/>
            <Input name="doc_en" label=|t| t.assemblies().doc_title_en value=en problem=problem_in(&problems, "doc_en")/>
            <div class="field" class:field-invalid=file_problem.is_some()>
                <label for="field-file">{a.doc_file}</label>
                <p class="hint" id="field-file-hint">{a.doc_file_hint}</p>
                {file_problem.map(|p| view! { <p class="field-error" id="field-file-error">{t.problems().of(p)}</p> })}
                <input id="field-file" name="file" type="file" accept="application/pdf,.pdf"
                    aria-invalid=file_problem.map(|_| "true")
                    aria-describedby=if file_problem.is_some() { "field-file-hint field-file-error" } else { "field-file-hint" }/>
            </div>
            <button type="submit" class="button button-secondary">{a.attach}</button>
        </PostForm>
    });
    view! {
        <section aria-labelledby="documents">
            <h2 id="documents">{a.documents}</h2>
            {list}
            {form}
        </section>
    }
}
