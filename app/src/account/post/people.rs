//! People and roles: administrators invite, change roles, deactivate and
//! reactivate; an invited person accepts by choosing a password; an
//! organisation's representative invites a colleague and removes one.

use super::{form_again, lang_of, read_form, redirect, refuse, send, unavailable, Refusal};
use crate::account::store::{self, Invited, Refused, REPRESENTATIVES_MAX};
use crate::auth::server::links::{self, Purpose};
use crate::auth::server::password;
use crate::auth::validate::{self, Problem};
use crate::auth::{Caller, Role};
use crate::db::users::NewUser;
use crate::db::{now_unix, sessions, users};
use crate::domain::ids::{OrganisationId, UserId};
use crate::domain::lang::Lang;
use crate::i18n::mails::account as mails;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    id_code: String,
    #[serde(default)]
    lang: String,
}

/// `POST /admin/users` (administrators): invites a person with a role, or
/// as the representative of the organisation with the identification code
/// given. The address must not have an account yet.
pub async fn invite(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<InviteForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let email = validate::email(&form.email);
    let name = validate::name(&form.name);
    let role = Role::from_code(&form.role).ok_or(Problem::InvalidChoice);
    let mail_lang = Lang::from_code(&form.lang).unwrap_or(lang);
    let id_code = form.id_code.trim();
    let organisation = match role {
        Ok(Role::Member) if id_code.is_empty() => Err(Problem::Required),
        Ok(Role::Member) if !validate_id_code(id_code) => Err(Problem::IdCodeInvalid),
        Ok(Role::Member) => match store::organisation_by_id_code(&state.db, id_code).await {
            Ok(Some(found)) => Ok(Some(found)),
            Ok(None) => Err(Problem::UnknownOrganisation),
            Err(error) => return unavailable(lang, error),
        },
        _ => Ok(None),
    };
    let again = |problems: [(&'static str, Option<Problem>); 4]| {
        let mut shown: Vec<(&str, &str)> = vec![
            ("email", form.email.trim()),
            ("name", form.name.trim()),
            ("role", form.role.as_str()),
            ("id_code", id_code),
            ("lang", mail_lang.code()),
        ];
        for (key, problem) in problems {
            if let Some(problem) = problem {
                shown.push((key, problem.code()));
            }
        }
        shown
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let (email, name, role, organisation) = match (email, name, role, organisation) {
        (Ok(email), Ok(name), Ok(role), Ok(organisation)) => (email, name, role, organisation),
        (email, name, role, organisation) => {
            let shown = again([
                ("e_email", email.err()),
                ("e_name", name.err()),
                ("e_role", role.err()),
                ("e_id_code", organisation.err()),
            ]);
            let shown: Vec<(&str, &str)> = shown.iter().map(|(k, v)| (*k, v.as_str())).collect();
            return form_again(&state, parts, "/admin/users", &shown).await;
        }
    };
    let unusable = match unusable_password().await {
        Ok(hash) => hash,
        Err(error) => return unavailable(lang, error),
    };
    let account = NewUser {
        email: &email,
        password_hash: &unusable,
        role,
        organisation_id: organisation.as_ref().map(|(id, ..)| *id),
        display_name: &name,
        lang: mail_lang.code(),
        verified: false,
    };
    let now = now_unix();
    match store::invite(&state.db, &account, None, now).await {
        Ok(Invited::Sent(_, token)) => {
            let texts = crate::i18n::messages(mail_lang).auth();
            let org_name = organisation
                .as_ref()
                .map(|(_, ka, en)| mail_lang.pick(ka, en).to_string());
            let mail = mails::invitation(
                mail_lang,
                inviter(&session.caller),
                texts.role(role),
                org_name.as_deref(),
                &state
                    .site
                    .link(&mail_lang.at(&format!("/invite?token={token}"))),
            );
            send(&state, &email, mail).await;
            redirect("/admin/users", &[("invited", &email)])
        }
        Ok(Invited::Taken) => {
            let shown = again([
                ("e_email", Some(Problem::EmailTaken)),
                ("e_name", None),
                ("e_role", None),
                ("e_id_code", None),
            ]);
            let shown: Vec<(&str, &str)> = shown.iter().map(|(k, v)| (*k, v.as_str())).collect();
            form_again(&state, parts, "/admin/users", &shown).await
        }
        Ok(Invited::Full) => unreachable_full(lang),
        Err(error) => unavailable(lang, error),
    }
}

/// Nine digits, like every Georgian identification code.
fn validate_id_code(code: &str) -> bool {
    code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())
}

/// An administrator's invitation has no limit to reach.
fn unreachable_full(lang: Lang) -> Response {
    unavailable(lang, "an invitation without a limit reached one")
}

/// The hash of a random password nobody knows: an invited account cannot be
/// signed in to before its owner chooses one, and, hashed like any other,
/// a login attempt on it takes the same time as on any account.
pub(crate) async fn unusable_password() -> anyhow::Result<String> {
    password::hash(crate::auth::server::session::new_token()).await
}

fn inviter(caller: &Caller) -> &str {
    if caller.display_name.is_empty() {
        &caller.email
    } else {
        &caller.display_name
    }
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default, rename = "do")]
    action: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/users/change` (administrators): another role, deactivate,
/// reactivate, or send an invitation again. Never leaves the platform
/// without an active administrator.
pub async fn change(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let Some(form) = read_form::<ChangeForm>(request.into_body()).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let Some(id) = form.user.trim().parse::<i64>().ok().map(UserId) else {
        return refuse(lang, Refusal::BadForm);
    };
    let email = match users::by_id(&state.db, id).await {
        Ok(Some(user)) => user.email,
        Ok(None) => return redirect("/admin/users", &[("error", "gone")]),
        Err(error) => return unavailable(lang, error),
    };
    let by = session.caller.user_id;
    let (outcome, done) = match form.action.as_str() {
        "role" => {
            let Some(role) = Role::from_code(&form.role) else {
                return refuse(lang, Refusal::BadForm);
            };
            (
                store::set_role(&state.db.acting(by), id, role).await,
                "role_changed",
            )
        }
        "deactivate" => (
            store::set_active(&state.db, id, false, by).await,
            "deactivated",
        ),
        "reactivate" => (
            store::set_active(&state.db, id, true, by).await,
            "reactivated",
        ),
        "invite_again" => {
            return match store::invite_again(&state.db, id, now_unix()).await {
                Ok(Some((email, user_lang, token))) => {
                    let user = match users::by_id(&state.db, id).await {
                        Ok(Some(user)) => user,
                        Ok(None) => return redirect("/admin/users", &[("error", "gone")]),
                        Err(error) => return unavailable(lang, error),
                    };
                    let mail_lang = Lang::from_code(&user_lang).unwrap_or(lang);
                    let role = Role::from_code(&user.role).unwrap_or(Role::Member);
                    let org_name = match user.organisation_id {
                        Some(org) => organisation_name(&state, org, mail_lang).await,
                        None => None,
                    };
                    let mail = mails::invitation(
                        mail_lang,
                        inviter(&session.caller),
                        crate::i18n::messages(mail_lang).auth().role(role),
                        org_name.as_deref(),
                        &state
                            .site
                            .link(&mail_lang.at(&format!("/invite?token={token}"))),
                    );
                    send(&state, &email, mail).await;
                    redirect("/admin/users", &[("invited_again", &email)])
                }
                Ok(None) => redirect("/admin/users", &[("error", "gone")]),
                Err(error) => unavailable(lang, error),
            };
        }
        _ => return refuse(lang, Refusal::BadForm),
    };
    match outcome {
        Ok(Ok(())) => redirect("/admin/users", &[(done, &email)]),
        Ok(Err(Refused::LastAdmin)) => redirect("/admin/users", &[("error", "last_admin")]),
        Ok(Err(Refused::Yourself)) => redirect("/admin/users", &[("error", "yourself")]),
        Ok(Err(_)) => redirect("/admin/users", &[("error", "gone")]),
        Err(error) => unavailable(lang, error),
    }
}

async fn organisation_name(state: &AppState, org: OrganisationId, lang: Lang) -> Option<String> {
    crate::directory::store::organisations::names(&state.db, org)
        .await
        .ok()
        .flatten()
        .map(|(ka, en, _)| lang.pick(&ka, &en).to_string())
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /invite` (whoever holds the link): the invited person chooses a
/// password; the link proves the address, so the account is confirmed.
pub async fn accept(State(state): State<AppState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<AcceptForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let now = now_unix();
    let mut problem = validate::new_password(&form.password, &form.password_confirm).err();
    if problem.is_none() && password::too_common(&form.password, &[]).await {
        problem = Some(Problem::PasswordTooCommon);
    }
    if let Some(problem) = problem {
        let shown = [
            ("token", form.token.as_str()),
            ("e_password", problem.code()),
        ];
        return form_again(&state, parts, "/invite", &shown).await;
    }
    let consumed = match links::consume(&state.db, Purpose::Invitation, &form.token, now).await {
        Ok(consumed) => consumed,
        Err(error) => return unavailable(lang, error),
    };
    let Some((user_id, _)) = consumed else {
        return form_again(&state, parts, "/invite", &[("error", "invalid")]).await;
    };
    let hash = match password::hash(form.password).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(lang, error),
    };
    let done = async {
        users::set_password(&state.db, user_id, &hash).await?;
        users::mark_verified(&state.db, user_id).await?;
        sessions::delete_for_user(&state.db, user_id, None).await?;
        users::by_id(&state.db, user_id).await
    };
    match done.await {
        Ok(Some(user)) => redirect("/login", &[("invited", "1"), ("email", &user.email)]),
        Ok(None) => form_again(&state, parts, "/invite", &[("error", "invalid")]).await,
        Err(error) => unavailable(lang, error),
    }
}

#[derive(Deserialize)]
pub struct RepresentativesForm {
    #[serde(default, rename = "do")]
    action: String,
    #[serde(default)]
    colleague_email: String,
    #[serde(default)]
    colleague_name: String,
    #[serde(default)]
    user: String,
}

/// `POST /account/representatives` (an organisation's representative):
/// invites a colleague to represent the organisation too (up to
/// [`REPRESENTATIVES_MAX`]), or removes a representative (never the last).
pub async fn representatives(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(form) = read_form::<RepresentativesForm>(body).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let caller = &session.caller;
    let Some(org) = caller.represents() else {
        return refuse(lang, Refusal::Forbidden);
    };
    match form.action.as_str() {
        "remove" => {
            let Some(id) = form.user.trim().parse::<i64>().ok().map(UserId) else {
                return refuse(lang, Refusal::BadForm);
            };
            let email = match users::by_id(&state.db, id).await {
                Ok(user) => user.map(|u| u.email).unwrap_or_default(),
                Err(error) => return unavailable(lang, error),
            };
            match store::remove_representative(&state.db, org, id).await {
                Ok(Ok(())) if id == caller.user_id => redirect("/account", &[]),
                Ok(Ok(())) => redirect("/account", &[("removed", &email)]),
                Ok(Err(Refused::LastRepresentative)) => {
                    redirect("/account", &[("error", "reps_last")])
                }
                // Not one of this organisation's representatives: as if absent.
                Ok(Err(_)) => redirect("/account", &[("error", "gone")]),
                Err(error) => unavailable(lang, error),
            }
        }
        "invite" => {
            let email = validate::email(&form.colleague_email);
            let name = validate::name(&form.colleague_name);
            let (email, name) = match (email, name) {
                (Ok(email), Ok(name)) => (email, name),
                (email, name) => {
                    let shown = [
                        ("colleague_email", form.colleague_email.trim()),
                        ("colleague_name", form.colleague_name.trim()),
                        (
                            "e_colleague_email",
                            email.err().map(Problem::code).unwrap_or(""),
                        ),
                        (
                            "e_colleague_name",
                            name.err().map(Problem::code).unwrap_or(""),
                        ),
                    ];
                    return form_again(&state, parts, "/account", &shown).await;
                }
            };
            let unusable = match unusable_password().await {
                Ok(hash) => hash,
                Err(error) => return unavailable(lang, error),
            };
            let account = NewUser {
                email: &email,
                password_hash: &unusable,
                role: Role::Member,
                organisation_id: Some(org),
                display_name: &name,
                lang: lang.code(),
                verified: false,
            };
            let now = now_unix();
            match store::invite(&state.db, &account, Some(REPRESENTATIVES_MAX), now).await {
                Ok(Invited::Sent(_, token)) => {
                    let org_name = organisation_name(&state, org, lang).await;
                    let mail = mails::invitation(
                        lang,
                        inviter(caller),
                        crate::i18n::messages(lang).auth().role(Role::Member),
                        org_name.as_deref(),
                        &state.site.link(&lang.at(&format!("/invite?token={token}"))),
                    );
                    send(&state, &email, mail).await;
                    redirect("/account", &[("invited", &email)])
                }
                Ok(Invited::Taken) => {
                    let shown = [
                        ("colleague_email", email.as_str()),
                        ("colleague_name", name.as_str()),
                        ("e_colleague_email", Problem::EmailTaken.code()),
                    ];
                    form_again(&state, parts, "/account", &shown).await
                }
                Ok(Invited::Full) => redirect("/account", &[("error", "reps_full")]),
                Err(error) => unavailable(lang, error),
            }
        }
        _ => refuse(lang, Refusal::BadForm),
    }
}
