//! A reviewer's decision: approve, return for changes or reject, guarded
//! by the application's version.

use crate::apply::store::{self as applications, Decided, Decision};
use crate::apply::{today, DecisionSubmitted};
use crate::auth::validate::Problem;
use crate::db::mail_queue::Outgoing;
use crate::domain::application::MESSAGE_MAX;
use crate::domain::eligibility::Category;
use crate::domain::ids::ApplicationId;
use crate::domain::lang::Lang;
use crate::i18n::mails::application::{self as mails, Decided as Told};
use crate::platform::post::{
    lang_of, page_again, read_body, redirect, refuse, unavailable, value, Refusal, FORM_BODY_LIMIT,
};
use crate::platform::{AppState, SignedIn};
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// `POST /admin/applications/{id}/decide` (staff and Board): `version`,
/// `action` = approve | reject | return, `granted`, `message`.
pub(super) async fn decide(
    State(state): State<AppState>,
    Path(id): Path<ApplicationId>,
    SignedIn(session): SignedIn,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let version: i64 = value(&posted, "version").parse().unwrap_or(-1);
    let message = value(&posted, "message").trim().to_string();
    let app = match applications::by_id(&state.db, id).await {
        Ok(Some(app)) => app,
        Ok(None) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    };
    let today = today();
    let decision = match value(&posted, "action") {
        "approve" => {
            let granted = value(&posted, "granted");
            let eligible = Category::from_code(granted).is_some_and(|c| {
                app.answers
                    .assess(today)
                    .is_ok_and(|a| a.get(c).is_eligible())
            });
            if !eligible {
                let problem = if granted.is_empty() {
                    Problem::Required
                } else {
                    Problem::NotEligible
                };
                let submitted = DecisionSubmitted {
                    id,
                    problems: vec![("granted".into(), problem)],
                    message,
                };
                return page_again(
                    &state,
                    parts,
                    &format!("/admin/applications/{id}"),
                    submitted,
                )
                .await;
            }
            Decision::Approve {
                category: granted.to_string(),
                today: today.to_string(),
            }
        }
        action @ ("reject" | "return") => {
            let problem = if message.is_empty() {
                Some(Problem::Required)
            } else if message.chars().count() > MESSAGE_MAX {
                Some(Problem::TooLong)
            } else {
                None
            };
            if let Some(problem) = problem {
                let submitted = DecisionSubmitted {
                    id,
                    problems: vec![("message".into(), problem)],
                    message,
                };
                return page_again(
                    &state,
                    parts,
                    &format!("/admin/applications/{id}"),
                    submitted,
                )
                .await;
            }
            if action == "reject" {
                Decision::Reject {
                    reason: message.clone(),
                }
            } else {
                Decision::Return {
                    message: message.clone(),
                }
            }
        }
        _ => return refuse(lang, Refusal::BadForm),
    };
    // The applicant's mail is written with the decision: it leaves if and
    // only if the decision is taken.
    let to_lang = Lang::from_code(&app.lang).unwrap_or_default();
    let told = mails::decided(
        to_lang,
        match &decision {
            Decision::Approve { category, .. } => Told::Approved(category),
            Decision::Reject { .. } => Told::Rejected,
            Decision::Return { .. } => Told::Returned,
        },
        &message,
        &state.site.link(&to_lang.at("/apply/status")),
    );
    let tell = Outgoing {
        to: &app.email,
        subject: &told.subject,
        body: &told.body,
    };
    let actor = session.caller.user_id;
    let outcome = match applications::decide(&state.db, id, version, actor, &decision, tell).await {
        Ok(outcome) => outcome,
        Err(error) => return unavailable(lang, error),
    };
    let path = format!("/admin/applications/{id}");
    match outcome {
        Decided::Done { mail, .. } => {
            state.mailer.deliver_soon(&state.db, mail);
            tracing::info!(
                application = id.get(),
                action = decision.action(),
                "application decided"
            );
            redirect(&path, &[("done", decision.action())])
        }
        Decided::Stale => redirect(&path, &[("done", "stale")]),
        Decided::CodeMember => redirect(&path, &[("done", "member")]),
    }
}
