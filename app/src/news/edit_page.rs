//! `/admin/news/{id}` (`new` for a new post): staff write a post in both
//! languages, preview it as visitors will see it, save it as a draft,
//! publish it at once or at a time to come, and unpublish it. A plain
//! multipart form: it works without JavaScript and carries the picture.

use super::api::load_post;
use super::editing::{self, PostState};
use super::posts_page::state_text;
use super::{PostForm, PostSubmitted, Preview};
use crate::assemblies::words::when;
use crate::components::form::{FileField, Input, Notice, ProblemSummary, TextArea};
use crate::components::loading::{LoadError, Loading, SignInRequired};
use crate::components::post_form::{stage_answer, PostForm as Form};
use crate::error::AppError;
use crate::i18n::{use_i18n, Messages};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The post's number in the address: 0 for `new`, -1 for anything else
/// that is not a number (no such post).
fn id_of(param: &str) -> i64 {
    match param {
        "new" => 0,
        other => other.parse().ok().filter(|id| *id > 0).unwrap_or(-1),
    }
}

#[component]
pub fn PostEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.t().news_desk();
    // The post and the outcome both come from the router's address. A new
    // post's first save moves to its own address with the outcome; when
    // only a route's parameter changes, the router updates the parameters
    // but not the route's own query (`use_query_map` would still give the
    // previous one).
    let location = use_location();
    // Kept as it was once the router has moved on to another page, so that
    // the form is not loaded again for an address that is not a post's.
    let key = Memo::new(move |before: Option<&(i64, String)>| {
        match crate::i18n::page_path(&location.pathname.read()).strip_prefix("/admin/news/") {
            Some(id) => (
                id_of(id),
                location.query.read().get("done").unwrap_or_default(),
            ),
            None => before.cloned().unwrap_or((-1, String::new())),
        }
    });
    let id = move || key.read().0;
    // The outcome travels with the post it belongs to.
    let form = Resource::new(
        move || key.get(),
        |(id, done)| async move { load_post(id).await.map(|form| (form, done)) },
    );
    // A preview, or changes that need correcting, sent in place.
    let answered = stage_answer::<PostSubmitted>();
    view! {
        <Title text=move || if id() == 0 { d().new_title } else { d().edit_title }/>
        <div class="container page">
            <p><a href=crate::i18n::at("/admin/news")>"← " {d().all_posts}</a></p>
            <Suspense fallback=Loading>
                {move || {
                let answered = answered.get();
                Suspend::new(async move {
                    match form.await {
                        Ok((mut form, mut done)) => {
                            if let Some(again) = answered.filter(|a| a.id == form.id) {
                                form.values = again.values;
                                form.problems = again.problems;
                                form.preview = again.preview;
                                // What the page answers now is the preview or the problems.
                                done.clear();
                            }
                            view! { <EditForm form done/> }.into_any()
                        }
                        Err(AppError::Unauthorized) => view! { <h1>{d().edit_title}</h1><SignInRequired/> }.into_any(),
                        Err(AppError::Forbidden) => view! {
                            <h1>{d().edit_title}</h1>
                            <Notice error=true>{i18n.t().auth().forbidden}</Notice>
                        }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <h1>{i18n.t().errors.not_found_title}</h1>
                            <p>{d().not_found}</p>
                        }.into_any(),
                        Err(_) => view! { <LoadError/> }.into_any(),
                    }
                })
                }}
            </Suspense>
        </div>
    }
}

/// A field's label by its name, for the error summary.
fn field_label(t: &'static Messages, field: &str) -> &'static str {
    let d = t.news_desk();
    match field {
        "title_ka" => d.title_ka,
        "title_en" => d.title_en,
        "summary_ka" => d.summary_ka,
        "summary_en" => d.summary_en,
        "body_ka" => d.body_ka,
        "body_en" => d.body_en,
        "picture" => d.picture_new,
        "image_alt_ka" => d.alt_ka,
        "image_alt_en" => d.alt_en,
        "slug" => d.slug,
        "publish_at" => d.publish_at,
        _ => "",
    }
}

/// The post form; `done`: what the last post did ("saved", "published",
/// "scheduled", "unpublished"), or empty.
#[component]
fn EditForm(form: PostForm, done: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let d = t.news_desk();
    let PostForm {
        id,
        values,
        problems,
        state,
        image_version,
        stored_slug,
        preview,
        ..
    } = form;
    let title = i18n
        .lang()
        .pick(&values.title_ka, &values.title_en)
        .to_string();
    let heading = if id == 0 { d.new_title } else { d.edit_title };
    let problems = StoredValue::new(problems);
    let values = StoredValue::new(values);
    let text = move |name: &str| values.with_value(|v| v.text(name).to_string());
    let problem_of = move |field: &str| {
        problems.with_value(|p| p.iter().find(|(f, _)| f == field).map(|(_, p)| *p))
    };
    let action = if id == 0 {
        "/admin/news/new".to_string()
    } else {
        format!("/admin/news/{id}")
    };
    let published_at = editing::read_local(&text("publish_at"));
    let status_line = match state {
        PostState::Draft if id == 0 => None,
        PostState::Draft => Some(state_text(t, state).to_string()),
        _ => Some(format!(
            "{} ({})",
            state_text(t, state),
            published_at.map_or_else(String::new, |at| (d.appears)(&when(t, at)))
        )),
    };
    let live = state == PostState::Published;
    let has_picture = image_version > 0;
    view! {
        <Title text=format!("{heading} — {title}")/>
        <h1>{heading} {(!title.is_empty()).then(|| view! { <span class="subtitle">{title.clone()}</span> })}</h1>
        {status_line.map(|line| view! { <p><strong>{d.status}</strong> " " {line}</p> })}
        {match done.as_str() {
            "saved" => Some(d.done_saved),
            "published" => Some(d.done_published),
            "scheduled" => Some(d.done_scheduled),
            "unpublished" => Some(d.done_unpublished),
            _ => None,
        }
        .map(|text| view! { <Notice>{text}</Notice> })}
        {live.then(|| view! { <p><a href=crate::i18n::at(&format!("/news/{stored_slug}"))>{d.view_public}</a></p> })}
        <ProblemSummary
            lines=problems
                .get_value()
                .into_iter()
                .map(|(field, p)| {
                    let label = field_label(t, &field);
                    (field, Some(label), p)
                })
                .collect()
            note=d.picture_again
        />
        {preview.map(|preview| view! { <PreviewSection preview values=values.get_value()/> })}
        <Form action=action enctype="multipart/form-data" class="form news-form">
            <fieldset>
                <legend>{d.in_georgian}</legend>
                <Input name="title_ka" label=|t| t.news_desk().title_ka value=text("title_ka") problem=problem_of("title_ka") required=true lang="ka"/>
                <TextArea name="summary_ka" label=|t| t.news_desk().summary_ka value=text("summary_ka") problem=problem_of("summary_ka")
                    max=editing::SUMMARY_MAX rows=2 hint=|t| t.news_desk().summary_hint lang="ka"/>
                <TextArea name="body_ka" label=|t| t.news_desk().body_ka value=text("body_ka") problem=problem_of("body_ka")
                    max=editing::BODY_MAX rows=14 hint=|t| t.news_desk().body_hint lang="ka"/>
            </fieldset>
            <fieldset>
                <legend>{d.in_english}</legend>
                <p class="hint">{d.english_hint}</p>
                <Input name="title_en" label=|t| t.news_desk().title_en value=text("title_en") problem=problem_of("title_en") lang="en"/>
                <TextArea name="summary_en" label=|t| t.news_desk().summary_en value=text("summary_en") problem=problem_of("summary_en")
                    max=editing::SUMMARY_MAX rows=2 hint=|t| t.news_desk().summary_hint lang="en"/>
                <TextArea name="body_en" label=|t| t.news_desk().body_en value=text("body_en") problem=problem_of("body_en")
                    max=editing::BODY_MAX rows=14 hint=|t| t.news_desk().body_hint lang="en"/>
            </fieldset>
            <fieldset id="field-picture">
                <legend>{d.picture}</legend>
                {if has_picture {
                    let alt = i18n.lang().pick(&text("image_alt_ka"), &text("image_alt_en")).to_string();
                    view! {
                        <p>{d.picture_current}</p>
                        <img class="news-picture-thumb" src=format!("/news/{stored_slug}/picture?v={image_version}") alt=alt width="300"/>
                        <div class="checkbox">
                            <input type="checkbox" id="field-remove_picture" name="remove_picture" value="1"/>
                            <label for="field-remove_picture">{d.picture_remove}</label>
                        </div>
                    }.into_any()
                } else {
                    view! { <p>{d.picture_none}</p> }.into_any()
                }}
                <FileField name="picture" label=|t| t.news_desk().picture_new hint=|t| t.news_desk().picture_hint
                    accept="image/png,image/jpeg,image/webp" problem=problem_of("picture")/>
                <Input name="image_alt_ka" label=|t| t.news_desk().alt_ka value=text("image_alt_ka") problem=problem_of("image_alt_ka")
                    hint=|t| t.news_desk().alt_hint lang="ka"/>
                <Input name="image_alt_en" label=|t| t.news_desk().alt_en value=text("image_alt_en") problem=problem_of("image_alt_en") lang="en"/>
            </fieldset>
            <fieldset>
                <legend>{d.publishing}</legend>
                <Input name="slug" label=|t| t.news_desk().slug value=text("slug") problem=problem_of("slug")
                    hint=|t| t.news_desk().slug_hint lang="en"/>
                <Input name="publish_at" label=|t| t.news_desk().publish_at value=text("publish_at") problem=problem_of("publish_at")
                    kind="datetime-local" hint=|t| t.news_desk().publish_at_hint/>
            </fieldset>
            // The first button is the one Enter presses: it only saves.
            <div class="actions">
                {match state {
                    PostState::Draft => view! {
                        <button type="submit" class="button button-secondary" name="do" value="save">{d.save_draft}</button>
                        <button type="submit" class="button button-secondary" name="do" value="preview">{d.preview}</button>
                        <button type="submit" class="button" name="do" value="publish">{d.publish}</button>
                    }.into_any(),
                    _ => view! {
                        <button type="submit" class="button" name="do" value="save">{d.save}</button>
                        <button type="submit" class="button button-secondary" name="do" value="preview">{d.preview}</button>
                        <button type="submit" class="button button-secondary" name="do" value="unpublish">{d.unpublish}</button>
                    }.into_any(),
                }}
            </div>
        </Form>
    }
}

/// The texts as visitors will see them, in both languages.
#[component]
fn PreviewSection(preview: Preview, values: editing::PostInput) -> impl IntoView {
    let d = use_i18n().t().news_desk();
    let Preview {
        body_ka,
        body_en,
        picture_sent,
    } = preview;
    let one = move |lang: &'static str,
                    heading: &'static str,
                    title: String,
                    summary: String,
                    body: String| {
        view! {
            <section class="preview-language" lang=lang>
                <h3>{heading}</h3>
                <article class="article">
                    <p class="preview-title">{title}</p>
                    {(!summary.is_empty()).then(|| view! { <p class="lead">{summary}</p> })}
                    <div class="prose" inner_html=body></div>
                </article>
            </section>
        }
    };
    view! {
        <section class="preview card" aria-labelledby="preview-heading" tabindex="-1" id="preview" data-answer="">
            <h2 id="preview-heading">{d.preview_heading}</h2>
            <p class="hint">{d.preview_note}</p>
            {picture_sent.then(|| view! { <p class="hint">{d.picture_again}</p> })}
            {one("ka", d.in_georgian, values.title_ka.clone(), values.summary_ka.clone(), body_ka)}
            {(!values.title_en.is_empty() || !body_en.is_empty()).then(|| {
                one("en", d.in_english, values.title_en.clone(), values.summary_en.clone(), body_en)
            })}
        </section>
    }
}
