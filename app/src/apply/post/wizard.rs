//! The wizard's posts: each step (checked, saved, and answered with the
//! next step or the same one with its problems) and sending.

use crate::apply::cookie::draft_cookie_value;
use crate::apply::store::{self as applications, Applicant, Draft, Submission};
use crate::apply::{today, WizardSubmitted, DRAFT_COOKIE};
use crate::auth::server::session::{hash_token, new_token};
use crate::auth::server::{password, rate_limit, CurrentSession};
use crate::auth::validate::{self, Problem};
use crate::db::now_unix;
use crate::domain::application::{check_step, first_failing_step, Account, STEPS};
use crate::domain::ids::ApplicationId;
use crate::domain::lang::Lang;
use crate::i18n::mails::application as mails;
use crate::i18n::mails::staff as staff_mails;
use crate::platform::post::send;
use crate::platform::post::{
    lang_of, page_again, read_body, redirect, refuse, too_many_attempts, unavailable, value,
    with_cookie, Refusal, FORM_BODY_LIMIT,
};
use crate::platform::{AppState, ClientKey};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

/// `POST /apply`: one step of the wizard (`step`, `go` = next | back).
pub(super) async fn step(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let step: u8 = value(&posted, "step").parse().unwrap_or(1).clamp(1, STEPS);
    let (token, new_cookie) =
        match crate::platform::site_cookie(&headers, DRAFT_COOKIE, state.site.secure_cookies()) {
            Some(token) => (token, false),
            None => (new_token(), true),
        };
    let hash = hash_token(&token);
    let response = match step_inner(
        &state, &client, current, &headers, parts, &posted, step, &token, &hash, lang,
    )
    .await
    {
        Ok(response) => response,
        Err(error) => unavailable(lang, error),
    };
    if new_cookie {
        with_cookie(
            response,
            &draft_cookie_value(&token, state.site.secure_cookies()),
        )
    } else {
        response
    }
}

#[allow(clippy::too_many_arguments)]
async fn step_inner(
    state: &AppState,
    client: &str,
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
            state, client, current, headers, parts, draft, token, hash, lang,
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
        let limit = state.site.login_limit;
        if let Err(wait) = rate_limit::check(db, "apply-account", client, limit, now_unix()).await {
            return Ok(too_many_attempts(lang, wait, "/apply?step=3"));
        }
        // Whether the address has an account is not said here (anyone may
        // type any address): its owner learns it by mail when the
        // application is sent.
        let email = validate::email(&draft.answers.contact_email).unwrap_or_default();
        if let Account::Typed {
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
        let link = state
            .site
            .link(&lang.at(&format!("/apply/resume?token={token}")));
        send(state, &to, mails::resume(lang, &link)).await;
    }
    Ok(redirect("/apply", &[("step", &(step + 1).to_string())]))
}

/// An identification code that a member or another open application has.
async fn code_problem(state: &AppState, draft: &Draft) -> Result<Option<Problem>, sqlx::Error> {
    use applications::CodeHolder;
    Ok(
        match applications::code_holder(&state.db, draft.answers.id_code.trim()).await? {
            CodeHolder::Member => Some(Problem::IdCodeTaken),
            CodeHolder::OpenApplication(id) if Some(id) != draft.application_id => {
                Some(Problem::ApplicationOpen)
            }
            _ => None,
        },
    )
}

#[allow(clippy::too_many_arguments)]
async fn submit(
    state: &AppState,
    client: &str,
    current: Option<CurrentSession>,
    _headers: &HeaderMap,
    parts: axum::http::request::Parts,
    draft: Draft,
    token: &str,
    hash: &str,
    lang: Lang,
) -> Result<Response, anyhow::Error> {
    let db = &state.db;
    let now = now_unix();
    if let Err(wait) = rate_limit::check(db, "apply", client, state.site.register_limit, now).await
    {
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
    // The applicant is told with the submission's own transaction: the
    // mail leaves if and only if the application is sent (once, however
    // often the draft is posted).
    let to = match &current {
        Some(session) => session.caller.email.clone(),
        None => email.clone(),
    };
    let status = state
        .site
        .link(&lang.at(&format!("/apply/status?token={token}")));
    let resubmitted = draft.application_id.is_some();
    let compose = |verify_token: Option<&str>| {
        let verify = verify_token.map(|t| state.site.link(&lang.at(&format!("/verify?token={t}"))));
        mails::received(lang, &status, verify.as_deref(), resubmitted)
    };
    let organisation = draft.answers.name_ka.trim().to_string();
    let staff = |staff_lang: Lang, id: ApplicationId| {
        let link = state
            .site
            .link(&staff_lang.at(&format!("/admin/applications/{id}")));
        staff_mails::application_arrived(staff_lang, &organisation, resubmitted, &link)
    };
    let tell = applications::Tell {
        to: &to,
        compose: &compose,
        staff: &staff,
    };
    let outcome = applications::submit(
        db,
        hash,
        &draft.answers,
        applicant,
        lang.code(),
        draft.application_id,
        Some(&tell),
    )
    .await?;
    match outcome {
        Submission::Sent { id, mails, .. } => {
            for mail in mails {
                state.mailer.deliver_soon(db, mail);
            }
            tracing::info!(application = id.get(), "application sent");
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
        Submission::EmailTaken => {
            // The same answer as for a new address; the account's owner is
            // told by mail, and sends the application after signing in.
            let link = state
                .site
                .link(&lang.at(&format!("/apply/resume?token={token}")));
            send(state, &email, mails::has_account(lang, &link)).await;
            Ok(redirect("/apply/status", &[("sent", "1")]))
        }
        Submission::NotReturned => Ok(redirect("/apply/status", &[])),
    }
}
