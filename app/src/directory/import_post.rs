//! `POST /admin/organisations/import` (staff): a CSV file of member
//! organisations is checked and shown row by row ("check"), and imported,
//! all rows or none ("import"). The checked file travels back with the
//! import as text and is checked again in full: what the preview showed is
//! never trusted. The template is served here too.

use super::import::{self, FileProblem, Row};
use super::store::import::{self as store, Imported};
use super::ImportSubmitted;
use crate::auth::validate::Problem;
use crate::auth::Access;
use crate::db::now_unix;
use crate::domain::lang::Lang;
use crate::platform::post::{multipart_of, page_with_status, redirect, unavailable};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

const PAGE: &str = "/admin/organisations/import";
/// The file twice over (the checked text, and a file chosen anew) and the
/// form around it.
const FORM_BODY_LIMIT: usize = 2 * import::FILE_MAX_BYTES + 64 * 1024;

pub fn router() -> Routes<AppState> {
    Routes::new()
        .route(
            PAGE,
            "POST",
            Access::Staff,
            FORM_BODY_LIMIT,
            post(act).layer(DefaultBodyLimit::max(FORM_BODY_LIMIT)),
        )
        .get(
            "/admin/organisations/import/template.csv",
            Access::Staff,
            template,
        )
}

/// `GET /admin/organisations/import/template.csv`.
async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"members-template.csv\"",
            ),
        ],
        import::template(),
    )
        .into_response()
}

async fn act(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = crate::platform::post::lang_of(request.headers());
    let (parts, mut multipart) = match multipart_of(request, &state).await {
        Ok(read) => read,
        Err(refused) => return *refused,
    };
    let mut file: Option<Vec<u8>> = None;
    let mut checked = String::new();
    let mut action = String::new();
    // The fields of one organisation added by hand, by column.
    let mut typed: Vec<(String, String)> = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                let read = match name.as_str() {
                    "file" => field.bytes().await.map(|b| {
                        if !b.is_empty() {
                            file = Some(b.to_vec());
                        }
                    }),
                    "csv" => field.text().await.map(|t| checked = t),
                    "do" => field.text().await.map(|t| action = t),
                    column if import::COLUMNS.contains(&column) => {
                        field.text().await.map(|value| {
                            match typed.iter_mut().find(|(c, _)| *c == name) {
                                // Checkboxes: several codes in one cell.
                                Some((_, cell)) => {
                                    cell.push(';');
                                    cell.push_str(&value);
                                }
                                None => typed.push((name.clone(), value)),
                            }
                        })
                    }
                    _ => Ok(()),
                };
                if let Err(error) = read {
                    return error.into_response();
                }
            }
            Ok(None) => break,
            Err(error) => return error.into_response(),
        }
    }
    if action == "add" {
        return add_one(&state, parts, &session, typed).await;
    }
    // A file chosen anew wins over the one checked before.
    let bytes = file.unwrap_or_else(|| checked.into_bytes());
    let table = if bytes.is_empty() {
        Err(FileProblem::Empty)
    } else {
        import::read(&bytes)
    };
    let table = match table {
        Ok(table) => table,
        Err(problem) => {
            let shown = ImportSubmitted {
                file_problem: Some(problem),
                ..ImportSubmitted::default()
            };
            return page_with_status(&state, parts, PAGE, shown, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let mut rows = import::check(&table, crate::apply::today());
    if let Err(error) = mark_taken(&state, &mut rows).await {
        return unavailable(lang, error);
    }
    let ready = rows.iter().all(|r| r.problems.is_empty());
    let text = String::from_utf8(bytes).unwrap_or_default();
    if action != "import" || !ready {
        let status = if action == "import" {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        let shown = ImportSubmitted {
            csv: if ready { text } else { String::new() },
            rows,
            ..ImportSubmitted::default()
        };
        return page_with_status(&state, parts, PAGE, shown, status).await;
    }
    match write(&state, &session, &rows).await {
        Ok(Imported::Done { organisations, .. }) => redirect(
            "/admin/organisations",
            &[("imported", &organisations.to_string())],
        ),
        Ok(Imported::Changed) => {
            // Checked again: the rows now show what was taken meanwhile.
            if let Err(error) = mark_taken(&state, &mut rows).await {
                return unavailable(lang, error);
            }
            let shown = ImportSubmitted {
                rows,
                changed: true,
                ..ImportSubmitted::default()
            };
            page_with_status(&state, parts, PAGE, shown, StatusCode::CONFLICT).await
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Writes checked rows, with the invitations of their representatives
/// (sent once the rows are in).
async fn write(
    state: &AppState,
    session: &crate::auth::server::CurrentSession,
    rows: &[Row],
) -> Result<Imported, anyhow::Error> {
    let unusable = crate::account::post::unusable_password().await?;
    let inviter = if session.caller.display_name.is_empty() {
        session.caller.email.clone()
    } else {
        session.caller.display_name.clone()
    };
    let site = state.site.clone();
    let invitation = move |lang: Lang, organisation: &str, token: &str| {
        let role = crate::i18n::messages(lang)
            .auth()
            .role(crate::auth::Role::Member);
        crate::i18n::mails::account::invitation(
            lang,
            &inviter,
            role,
            Some(organisation),
            &site.link(&lang.at(&format!("/invite?token={token}"))),
        )
    };
    let by = session.caller.user_id;
    let imported = store::import(&state.db, rows, &unusable, by, &invitation, now_unix()).await?;
    if let Imported::Done { mails, .. } = &imported {
        for mail in mails {
            state.mailer.deliver_soon(&state.db, *mail);
        }
    }
    Ok(imported)
}

/// One organisation added by hand: the form's fields are a row like a
/// file's, with the same checks; a row that needs correcting is shown in
/// the form again with each problem next to its field.
async fn add_one(
    state: &AppState,
    parts: axum::http::request::Parts,
    session: &crate::auth::server::CurrentSession,
    typed: Vec<(String, String)>,
) -> Response {
    let lang = crate::platform::post::lang_of(&parts.headers);
    let typed = typed
        .into_iter()
        .map(|(column, value)| {
            (
                column,
                crate::platform::post::typed_text(value.trim().to_string()),
            )
        })
        .collect();
    let mut rows = import::check(&vec![(0, typed)], crate::apply::today());
    if let Err(error) = mark_taken(state, &mut rows).await {
        return unavailable(lang, error);
    }
    let again = |rows: Vec<Row>, changed: bool| ImportSubmitted {
        one: rows.into_iter().next(),
        changed,
        ..ImportSubmitted::default()
    };
    if rows.iter().any(|r| !r.problems.is_empty()) {
        let shown = again(rows, false);
        return page_with_status(state, parts, PAGE, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match write(state, session, &rows).await {
        Ok(Imported::Done { .. }) => redirect("/admin/organisations", &[("imported", "1")]),
        Ok(Imported::Changed) => {
            if let Err(error) = mark_taken(state, &mut rows).await {
                return unavailable(lang, error);
            }
            let shown = again(rows, true);
            page_with_status(state, parts, PAGE, shown, StatusCode::CONFLICT).await
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Adds to each row what the database already holds: a current member's
/// identification code, an address that has an account.
async fn mark_taken(state: &AppState, rows: &mut [Row]) -> Result<(), sqlx::Error> {
    let (codes, emails) = store::taken(&state.db, rows).await?;
    for row in rows.iter_mut() {
        if codes.contains(&row.id_code) {
            row.problems
                .push(("identification_code".into(), Problem::IdCodeTaken));
        }
        if emails.contains(&row.rep_email) {
            row.problems
                .push(("representative_email".into(), Problem::EmailTaken));
        }
    }
    Ok(())
}
