//! The membership application's form posts: each wizard step, sending,
//! reopening a returned application, the resume link, and reviewers'
//! decisions. They work without JavaScript: a good post is answered with a
//! redirect (303) to the next page; a post that needs correcting with the
//! same page rendered again (422), every answer kept and each problem next
//! to its field.

use crate::startup::AppState;
use app::apply::cookie::draft_cookie_value;
use app::apply::store::{self as applications, Applicant, Decided, Decision, Draft, Submission};
use app::apply::{today, DecisionSubmitted, WizardSubmitted, DRAFT_COOKIE};
use app::auth::server::session::{hash_token, new_token};
use app::auth::server::{password, rate_limit, CurrentSession};
use app::auth::validate::{self, Problem};
use app::auth::Access;
use app::db::{now_unix, users};
use app::domain::application::{check_step, first_failing_step, Account, MESSAGE_MAX, STEPS};
use app::domain::eligibility::Category;
use app::domain::lang::Lang;
use app::platform::post::{lang_of, page_again, redirect, too_many_attempts, unavailable};
pub(crate) use app::platform::post::{read_body, value, FORM_BODY_LIMIT};
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use std::collections::HashMap;
use std::net::SocketAddr;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/apply", post(step))
        .route("/apply/resume", get(resume).post(resume_with_password))
        .route("/apply/reopen", post(reopen))
        .route("/admin/applications/{id}/decide", post(decide))
}

fn cookie_of(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Gives a visitor of the wizard a draft token before the page renders, so
/// the page and its server functions find the same draft.
pub async fn draft_cookie(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let wizard = request.method() == Method::GET && request.uri().path() == "/apply";
    if !wizard || cookie_of(request.headers(), DRAFT_COOKIE).is_some() {
        return next.run(request).await;
    }
    let token = new_token();
    if let Ok(value) = HeaderValue::from_str(&format!("{DRAFT_COOKIE}={token}")) {
        request.headers_mut().append(header::COOKIE, value);
    }
    let mut response = next.run(request).await;
    set_cookie(
        &mut response,
        &draft_cookie_value(&token, state.site.secure_cookies()),
    );
    response
}

/// `POST /apply`: one step of the wizard (`step`, `go` = next | back).
async fn step(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let step: u8 = value(&posted, "step").parse().unwrap_or(1).clamp(1, STEPS);
    let (token, new_cookie) = match cookie_of(&headers, DRAFT_COOKIE) {
        Some(token) => (token, false),
        None => (new_token(), true),
    };
    let hash = hash_token(&token);
    let mut response = match step_inner(
        &state, peer, current, &headers, parts, &posted, step, &token, &hash, lang,
    )
    .await
    {
        Ok(response) => response,
        Err(error) => unavailable(lang, error),
    };
    if new_cookie {
        set_cookie(
            &mut response,
            &draft_cookie_value(&token, state.site.secure_cookies()),
        );
    }
    response
}

#[allow(clippy::too_many_arguments)]
async fn step_inner(
    state: &AppState,
    peer: SocketAddr,
    current: Option<CurrentSession>,
    headers: &HeaderMap,
    parts: axum::http::request::Parts,
    posted: &[(String, String)],
    step: u8,
    token: &str,
    hash: &str,
    lang: Lang,
) -> Result<Response, anyhow::Error> {
    let db = &state.db;
    let today = today();
    let stored = applications::load_draft(db, hash).await?;
    // Sent already (a second click, another tab): its status page.
    if stored.is_none() && step == STEPS && applications::by_status_token(db, hash).await?.is_some()
    {
        return Ok(redirect("/apply/status", &[("sent", "1")]));
    }
    let mut draft = stored.unwrap_or_default();
    // The steps are taken in order.
    if step > draft.step_done + 1 {
        return Ok(redirect(
            "/apply",
            &[("step", &(draft.step_done + 1).to_string())],
        ));
    }
    if step < STEPS {
        draft.answers.take_step(step, posted);
    }
    if value(posted, "go") == "back" {
        applications::save_draft(db, hash, &draft).await?;
        return Ok(redirect(
            "/apply",
            &[("step", &step.saturating_sub(1).max(1).to_string())],
        ));
    }
    let logged_in = current.is_some();
    let (typed_password, typed_confirm) =
        (value(posted, "password"), value(posted, "password_confirm"));
    let account = if logged_in {
        Account::LoggedIn
    } else if step == 3 && !(typed_password.is_empty() && typed_confirm.is_empty()) {
        Account::Typed {
            password: typed_password,
            confirm: typed_confirm,
        }
    } else {
        Account::Saved(!draft.password_hash.is_empty() || draft.application_id.is_some())
    };

    if step == STEPS {
        return submit(
            state, peer, current, headers, parts, draft, token, hash, lang,
        )
        .await;
    }

    let mut problems = check_step(&draft.answers, step, today, account);
    if problems.is_empty() && step == 1 {
        if let Some(problem) = code_problem(state, &draft).await? {
            problems.push(("id_code".into(), problem));
        }
    }
    // A returned application's applicant has an account already.
    if problems.is_empty() && step == 3 && !logged_in && draft.application_id.is_none() {
        // This step looks the address up, hashes a password and mails the
        // resume link: limited per client like a login.
        let client = state.proxies.client_key(peer, headers);
        let limit = state.site.login_limit;
        if let Err(wait) = rate_limit::check(db, "apply-account", &client, limit, now_unix()).await
        {
            return Ok(too_many_attempts(lang, wait, "/apply?step=3"));
        }
        let email = validate::email(&draft.answers.contact_email).unwrap_or_default();
        if users::by_email(db, &email).await?.is_some() {
            problems.push(("contact_email".into(), Problem::EmailHasAccount));
        } else if let Account::Typed {
            password: typed, ..
        } = account
        {
            let personal = [email.as_str(), draft.answers.contact_name.as_str()];
            if password::too_common(typed, &personal).await {
                problems.push(("password".into(), Problem::PasswordTooCommon));
            } else {
                draft.password_hash = password::hash(typed.to_string()).await?;
            }
        }
    }
    if !problems.is_empty() {
        applications::save_draft(db, hash, &draft).await?;
        let submitted = WizardSubmitted {
            step,
            answers: draft.answers,
            problems,
        };
        return Ok(page_again(state, parts, &format!("/apply?step={step}"), submitted).await);
    }
    draft.step_done = draft.step_done.max(step);
    // The resume link goes out once we know where to send it.
    let resume_to = match &current {
        Some(session) => Some(session.caller.email.clone()),
        None if step >= 3 => validate::email(&draft.answers.contact_email).ok(),
        None => None,
    };
    let mail_resume = resume_to.filter(|to| *to != draft.resume_sent_to);
    if let Some(to) = &mail_resume {
        draft.resume_sent_to = to.clone();
    }
    applications::save_draft(db, hash, &draft).await?;
    if let Some(to) = mail_resume {
        let link = state.site.link(&format!("/apply/resume?token={token}"));
        send(state, &to, mails::resume(lang, &link)).await;
    }
    Ok(redirect("/apply", &[("step", &(step + 1).to_string())]))
}

/// An identification code that a member or another open application has.
async fn code_problem(state: &AppState, draft: &Draft) -> Result<Option<Problem>, sqlx::Error> {
    let code = draft.answers.id_code.trim();
    let member: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE id_code = $1 AND status <> 'left'")
            .bind(code)
            .fetch_optional(state.db.pool())
            .await?;
    if member.is_some() {
        return Ok(Some(Problem::IdCodeTaken));
    }
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM applications WHERE id_code = $1 \
         AND status IN ('submitted', 'returned', 'resubmitted')",
    )
    .bind(code)
    .fetch_optional(state.db.pool())
    .await?;
    Ok(match open {
        Some(id) if Some(id) != draft.application_id => Some(Problem::ApplicationOpen),
        _ => None,
    })
}

#[allow(clippy::too_many_arguments)]
async fn submit(
    state: &AppState,
    peer: SocketAddr,
    current: Option<CurrentSession>,
    headers: &HeaderMap,
    parts: axum::http::request::Parts,
    draft: Draft,
    token: &str,
    hash: &str,
    lang: Lang,
) -> Result<Response, anyhow::Error> {
    let db = &state.db;
    let now = now_unix();
    let ip = state.proxies.client_key(peer, headers);
    if let Err(wait) = rate_limit::check(db, "apply", &ip, state.site.register_limit, now).await {
        return Ok(too_many_attempts(lang, wait, "/apply?step=5"));
    }
    // Everything is checked again: the steps may have been posted by anyone.
    let account = if current.is_some() {
        Account::LoggedIn
    } else {
        Account::Saved(!draft.password_hash.is_empty() || draft.application_id.is_some())
    };
    let today = today();
    if let Some((step, problems)) = first_failing_step(&draft.answers, today, account) {
        let submitted = WizardSubmitted {
            step,
            answers: draft.answers,
            problems,
        };
        return Ok(page_again(state, parts, &format!("/apply?step={step}"), submitted).await);
    }
    let mut draft = draft;
    if let Some(session) = &current {
        // A signed-in applicant is the contact person.
        draft.answers.contact_name = session.caller.display_name.clone();
        draft.answers.contact_email = session.caller.email.clone();
    }
    let email = validate::email(&draft.answers.contact_email).unwrap_or_default();
    let name = draft.answers.contact_name.trim().to_string();
    let applicant = match &current {
        Some(session) => Applicant::Existing(session.caller.user_id),
        None => Applicant::New {
            email: &email,
            password_hash: &draft.password_hash,
            name: &name,
            lang: lang.code(),
        },
    };
    let again = |step: u8, field: &str, problem: Problem| WizardSubmitted {
        step,
        answers: draft.answers.clone(),
        problems: vec![(field.to_string(), problem)],
    };
    let outcome = applications::submit(
        db,
        hash,
        &draft.answers,
        applicant,
        lang.code(),
        draft.application_id,
    )
    .await?;
    match outcome {
        Submission::Sent { id, user_id } => {
            let to = match &current {
                Some(session) => session.caller.email.clone(),
                None => email.clone(),
            };
            let status = state.site.link(&format!("/apply/status?token={token}"));
            let verified = users::by_id(db, user_id)
                .await?
                .is_some_and(|u| u.email_verified_at.is_some());
            let verify = if verified {
                None
            } else {
                let link = app::auth::server::links::issue(
                    db,
                    app::auth::server::links::Purpose::VerifyEmail,
                    user_id,
                    "",
                    now,
                )
                .await?;
                Some(state.site.link(&format!("/verify?token={link}")))
            };
            let resubmitted = draft.application_id.is_some();
            send(
                state,
                &to,
                mails::received(lang, &status, verify.as_deref(), resubmitted),
            )
            .await;
            tracing::info!(application = id, "application sent");
            Ok(redirect("/apply/status", &[("sent", "1")]))
        }
        Submission::CodeOpen => Ok(page_again(
            state,
            parts,
            "/apply?step=1",
            again(1, "id_code", Problem::ApplicationOpen),
        )
        .await),
        Submission::CodeMember => Ok(page_again(
            state,
            parts,
            "/apply?step=1",
            again(1, "id_code", Problem::IdCodeTaken),
        )
        .await),
        Submission::EmailTaken => Ok(page_again(
            state,
            parts,
            "/apply?step=3",
            again(3, "contact_email", Problem::EmailHasAccount),
        )
        .await),
        Submission::NotReturned => Ok(redirect("/apply/status", &[])),
    }
}

/// The longest resume token read; real ones are 43 characters.
const TOKEN_MAX: usize = 128;

/// `GET /apply/resume?token=…`: the link mailed to continue an application.
/// Opening it sets nothing: a link can be forwarded, leaked or planted (an
/// attacker mails their own draft's link, so that the victim types into a
/// draft the attacker can read, with a password the attacker chose). The
/// draft opens only with the password chosen for it at step 3, or, for a
/// draft started while signed in, for that account.
async fn resume(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang_of(&headers);
    let token: String = query
        .get("token")
        .map(|t| t.chars().take(TOKEN_MAX).collect())
        .unwrap_or_default();
    let draft = if token.is_empty() {
        None
    } else {
        match applications::load_draft(&state.db, &hash_token(&token)).await {
            Ok(draft) => draft,
            Err(error) => return unavailable(lang, error),
        }
    };
    let Some(draft) = draft else {
        return redirect("/apply/status", &[("token", &token)]);
    };
    if !draft.password_hash.is_empty() {
        return resume_form(lang, &token, false);
    }
    // Started while signed in: the account it was started from.
    let owner = !draft.resume_sent_to.is_empty()
        && current
            .as_ref()
            .is_some_and(|s| s.caller.email == draft.resume_sent_to);
    if owner {
        return open_draft(&state, &token);
    }
    let back = format!("/apply/resume?token={token}");
    redirect("/login", &[("next", &back)])
}

/// `POST /apply/resume` (`token`, `password`): opens the draft for the
/// person who chose its password. Rate limited like a login.
async fn resume_with_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(posted) = read_body(request.into_body(), FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let token: String = value(&posted, "token").chars().take(TOKEN_MAX).collect();
    let client = state.proxies.client_key(peer, &headers);
    let limit = state.site.login_limit;
    if let Err(wait) = rate_limit::check(&state.db, "resume", &client, limit, now_unix()).await {
        return too_many_attempts(lang, wait, "/apply");
    }
    let draft = match applications::load_draft(&state.db, &hash_token(&token)).await {
        Ok(draft) => draft,
        Err(error) => return unavailable(lang, error),
    };
    let hash = draft
        .map(|d| d.password_hash)
        .filter(|hash| !hash.is_empty());
    let typed = value(&posted, "password").to_string();
    if password::verify(typed, hash).await {
        open_draft(&state, &token)
    } else {
        resume_form(lang, &token, true)
    }
}

/// Puts the draft's token in the visitor's cookie and opens the wizard.
fn open_draft(state: &AppState, token: &str) -> Response {
    let mut response = redirect("/apply", &[]);
    set_cookie(
        &mut response,
        &draft_cookie_value(token, state.site.secure_cookies()),
    );
    response
}

/// The page that asks for the draft's password (422 after a wrong one).
fn resume_form(lang: Lang, token: &str, wrong: bool) -> Response {
    let (title, text, label, button, error, forgot) = match lang {
        Lang::Ka => (
            "განაცხადის გაგრძელება",
            "თქვენი პასუხების დასაცავად შეიყვანეთ პაროლი, რომელიც განაცხადის მე-3 ნაბიჯზე აირჩიეთ.",
            "პაროლი",
            "გაგრძელება",
            "პაროლი არასწორია.",
            "პაროლი დაგავიწყდათ? შეგიძლიათ დაიწყოთ ახალი განაცხადი.",
        ),
        Lang::En => (
            "Continue your application",
            "To protect your answers, enter the password you chose at step 3 of the application.",
            "Password",
            "Continue",
            "The password is not right.",
            "Forgot the password? You can start a new application.",
        ),
    };
    let token = escape_attribute(token);
    let (invalid, message) = if wrong {
        (
            " aria-invalid=\"true\" aria-describedby=\"password-error\"",
            format!("<p class=\"field-error\" id=\"password-error\">{error}</p>"),
        )
    } else {
        ("", String::new())
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/alliance.css\"></head>\
         <body><main id=\"main\" class=\"container page\"><h1>{title}</h1><p>{text}</p>\
         <form method=\"post\" action=\"/apply/resume\" class=\"form\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <div class=\"field\"><label for=\"password\">{label}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{invalid}>\
         {message}</div><button type=\"submit\" class=\"button\">{button}</button></form>\
         <p><a href=\"/apply\">{forgot}</a></p></main></body></html>",
        code = lang.code(),
    );
    let status = if wrong {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut response = (status, axum::response::Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `POST /apply/reopen` (`token`): changes to an application returned for
/// changes are made in the wizard, under the application's own token.
async fn reopen(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Response {
    let lang = lang_of(&headers);
    let Some(posted) = read_body(request.into_body(), FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let token = value(&posted, "token").to_string();
    match applications::reopen(&state.db, &hash_token(&token)).await {
        Ok(true) => {
            let mut response = redirect("/apply", &[("step", "1")]);
            set_cookie(
                &mut response,
                &draft_cookie_value(&token, state.site.secure_cookies()),
            );
            response
        }
        Ok(false) => redirect("/apply/status", &[("token", &token)]),
        Err(error) => unavailable(lang, error),
    }
}

/// `POST /admin/applications/{id}/decide` (staff and Board): `version`,
/// `action` = approve | reject | return, `granted`, `message`.
async fn decide(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(session) = current else {
        return redirect("/login", &[("next", &format!("/admin/applications/{id}"))]);
    };
    if !Access::StaffOrBoard.allows(Some(&session.caller)) {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let version: i64 = value(&posted, "version").parse().unwrap_or(-1);
    let message = value(&posted, "message").trim().to_string();
    let app = match applications::by_id(&state.db, id).await {
        Ok(Some(app)) => app,
        Ok(None) => return (StatusCode::NOT_FOUND, "not found").into_response(),
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
        _ => return (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    };
    let outcome =
        match applications::decide(&state.db, id, version, session.caller.user_id, &decision).await
        {
            Ok(outcome) => outcome,
            Err(error) => return unavailable(lang, error),
        };
    let path = format!("/admin/applications/{id}");
    match outcome {
        Decided::Done { .. } => {
            let to_lang = Lang::from_code(&app.lang).unwrap_or_default();
            let link = state.site.link("/apply/status");
            send(
                &state,
                &app.email,
                mails::decided(to_lang, &decision, &message, &link),
            )
            .await;
            tracing::info!(
                application = id,
                action = decision.action(),
                "application decided"
            );
            redirect(&path, &[("done", decision.action())])
        }
        Decided::Stale => redirect(&path, &[("done", "stale")]),
        Decided::CodeMember => redirect(&path, &[("done", "member")]),
    }
}

async fn send(state: &AppState, to: &str, mail: mails::Mail) {
    if let Err(error) = state.mailer.send(to, &mail.subject, &mail.body).await {
        tracing::error!(%error, "could not send application mail");
    }
}

/// The application mails, in the recipient's language.
mod mails {
    use app::apply::store::Decision;
    use app::domain::lang::Lang;

    pub struct Mail {
        pub subject: String,
        pub body: String,
    }

    const SIGN_KA: &str = "\n\nსოციალურ საწარმოთა ალიანსი\n";
    const SIGN_EN: &str = "\n\nSocial Enterprises Alliance\n";

    pub fn resume(lang: Lang, link: &str) -> Mail {
        match lang {
            Lang::Ka => Mail {
                subject: "თქვენი განაცხადის გაგრძელება — სოციალურ საწარმოთა ალიანსი".into(),
                body: format!("გამარჯობა!\n\nთქვენი პასუხები შენახულია. განაცხადის გასაგრძელებლად ნებისმიერ დროს გახსენით ეს ბმული (30 დღის განმავლობაში) და შეიყვანეთ პაროლი, რომელიც განაცხადში აირჩიეთ (ან შედით თქვენს ანგარიშზე):\n\n{link}{SIGN_KA}"),
            },
            Lang::En => Mail {
                subject: "Continue your application — Social Enterprises Alliance".into(),
                body: format!("Hello,\n\nYour answers are saved. To continue your application at any time, open this link (within 30 days) and enter the password you chose in the application (or sign in to your account):\n\n{link}{SIGN_EN}"),
            },
        }
    }

    pub fn received(lang: Lang, status: &str, verify: Option<&str>, resubmitted: bool) -> Mail {
        match lang {
            Lang::Ka => {
                let verify = verify
                    .map(|v| {
                        format!(
                            "\n\nგთხოვთ, დაადასტუროთ ელფოსტა (ბმული მოქმედებს 48 საათი):\n\n{v}"
                        )
                    })
                    .unwrap_or_default();
                let what = if resubmitted {
                    "შესწორებული განაცხადი მივიღეთ"
                } else {
                    "თქვენი გაწევრიანების განაცხადი მივიღეთ"
                };
                Mail {
                    subject: "განაცხადი მიღებულია — სოციალურ საწარმოთა ალიანსი".into(),
                    body: format!("გამარჯობა!\n\n{what}. მისი სტატუსი და ისტორია ამ ბმულზეა:\n\n{status}{verify}{SIGN_KA}"),
                }
            }
            Lang::En => {
                let verify = verify.map(|v| format!("\n\nPlease confirm your email address (the link works for 48 hours):\n\n{v}")).unwrap_or_default();
                let what = if resubmitted {
                    "We have received your changed application"
                } else {
                    "We have received your membership application"
                };
                Mail {
                    subject: "Application received — Social Enterprises Alliance".into(),
                    body: format!("Hello,\n\n{what}. Its status and history are at this link:\n\n{status}{verify}{SIGN_EN}"),
                }
            }
        }
    }

    pub fn decided(lang: Lang, decision: &Decision, message: &str, link: &str) -> Mail {
        let category = |code: &str| {
            app::domain::reference::label(app::domain::reference::CATEGORIES, code, lang)
        };
        match (lang, decision) {
            (Lang::Ka, Decision::Approve { category: c, .. }) => Mail {
                subject: "თქვენი განაცხადი დამტკიცდა — სოციალურ საწარმოთა ალიანსი".into(),
                body: format!("გამარჯობა!\n\nმოგესალმებით ალიანსში! თქვენი ორგანიზაცია გახდა {}. ორგანიზაციის პროფილის რედაქტირება შეგიძლიათ სისტემაში შესვლის შემდეგ:\n\n{link}{SIGN_KA}", category(c)),
            },
            (Lang::En, Decision::Approve { category: c, .. }) => Mail {
                subject: "Your application is approved — Social Enterprises Alliance".into(),
                body: format!("Hello,\n\nWelcome to the Alliance! Your organisation is now a member: {}. Log in to keep your organisation's profile current:\n\n{link}{SIGN_EN}", category(c)),
            },
            (Lang::Ka, Decision::Reject { .. }) => Mail {
                subject: "გადაწყვეტილება თქვენს განაცხადზე — სოციალურ საწარმოთა ალიანსი".into(),
                body: format!("გამარჯობა!\n\nსამწუხაროდ, თქვენი განაცხადი არ დაკმაყოფილდა. მიზეზი:\n\n{message}\n\n{link}{SIGN_KA}"),
            },
            (Lang::En, Decision::Reject { .. }) => Mail {
                subject: "Decision on your application — Social Enterprises Alliance".into(),
                body: format!("Hello,\n\nWe are sorry: your application was not accepted. The reason:\n\n{message}\n\n{link}{SIGN_EN}"),
            },
            (Lang::Ka, Decision::Return { .. }) => Mail {
                subject: "განაცხადი დაგიბრუნდათ შესასწორებლად — სოციალურ საწარმოთა ალიანსი".into(),
                body: format!("გამარჯობა!\n\nგთხოვთ, შეასწოროთ განაცხადი და ხელახლა გამოგზავნოთ. შეტყობინება:\n\n{message}\n\nგანაცხადის გვერდი (გამოიყენეთ ბმული პირველი წერილიდან ან შედით სისტემაში):\n\n{link}{SIGN_KA}"),
            },
            (Lang::En, Decision::Return { .. }) => Mail {
                subject: "Your application needs changes — Social Enterprises Alliance".into(),
                body: format!("Hello,\n\nPlease change your application and send it again. The message:\n\n{message}\n\nThe application's page (use the link from our first email, or log in):\n\n{link}{SIGN_EN}"),
            },
        }
    }
}
