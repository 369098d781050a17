//! Importing member organisations: what the database already holds that a
//! file's rows would clash with, and the import itself, all rows or none.

use super::organisations::{insert_in, record_change, NewOrganisation};
use crate::auth::server::links::{self, Purpose};
use crate::auth::Role;
use crate::db::mail_queue::{enqueue_in, Outgoing};
use crate::db::users::{self, NewUser};
use crate::db::Db;
use crate::directory::import::Row;
use crate::domain::directory::OrganisationStatus;
use crate::domain::ids::UserId;
use crate::domain::lang::Lang;
use crate::i18n::mails::Mail;
use std::collections::HashSet;

/// The identification codes of current members (not those who left) and
/// the addresses of existing accounts, among those a file names.
#[tracing::instrument(skip_all, fields(rows = rows.len()))]
pub async fn taken(
    db: &Db,
    rows: &[Row],
) -> Result<(HashSet<String>, HashSet<String>), sqlx::Error> {
    let mut codes = HashSet::new();
    let mut emails = HashSet::new();
    // One query per row keeps the SQL the same on both databases; a file
    // has at most a thousand rows.
    for row in rows {
        if !row.id_code.is_empty() {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM organisations WHERE id_code = $1 AND status <> 'left'",
            )
            .bind(&row.id_code)
            .fetch_optional(db.pool())
            .await?;
            if found.is_some() {
                codes.insert(row.id_code.clone());
            }
        }
        if !row.rep_email.is_empty() {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM users WHERE lower(email) = $1")
                    .bind(&row.rep_email)
                    .fetch_optional(db.pool())
                    .await?;
            if found.is_some() {
                emails.insert(row.rep_email.clone());
            }
        }
    }
    Ok((codes, emails))
}

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub enum Imported {
    /// Every row is in: the organisations, and the invitation mails queued.
    Done {
        organisations: usize,
        mails: Vec<i64>,
    },
    /// Something a row needs was taken while the file was being looked at
    /// (an identification code, an address): nothing was written.
    Changed,
}

/// Brings in every row (already checked) in one transaction: each
/// organisation as an active, listed member, a line in its history, and for
/// a named representative an account to be claimed through an invitation
/// mailed in the representative's language. `invitation` writes that mail
/// from the language, the organisation's name in it and the link's token.
#[tracing::instrument(skip_all, fields(rows = rows.len()))]
pub async fn import(
    db: &Db,
    rows: &[Row],
    unusable_password: &str,
    by: UserId,
    invitation: &(dyn Fn(Lang, &str, &str) -> Mail + Send + Sync),
    now: i64,
) -> Result<Imported, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut mails = Vec::new();
    for row in rows {
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM organisations WHERE id_code = $1 AND status <> 'left'",
        )
        .bind(&row.id_code)
        .fetch_optional(&mut *tx)
        .await?;
        if taken.is_some() {
            return Ok(Imported::Changed);
        }
        let slug = free_slug(&mut tx, row).await?;
        let org = NewOrganisation {
            slug,
            name_ka: row.name_ka.clone(),
            name_en: row.name_en.clone(),
            legal_form: row.legal_form.clone(),
            id_code: row.id_code.clone(),
            category: row.category.clone(),
            status: OrganisationStatus::Active,
            listed: true,
            member_since: row.member_since.clone(),
            activity_start: (!row.activity_start.is_empty()).then(|| row.activity_start.clone()),
            description_ka: String::new(),
            description_en: String::new(),
            products_ka: String::new(),
            products_en: String::new(),
            website: row.website.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            sectors: row.sectors.clone(),
            regions: row.regions.clone(),
            impact_areas: Vec::new(),
        };
        let id = match insert_in(&mut tx, &org).await {
            // Another import or an approval took the code meanwhile.
            Err(error) if crate::db::is_unique_violation(&error) => return Ok(Imported::Changed),
            other => other?,
        };
        let change = serde_json::json!({ "imported": ["", row.member_since] });
        record_change(db, &mut tx, id, by, &change, now).await?;
        if row.rep_email.is_empty() {
            continue;
        }
        let lang = Lang::from_code(&row.rep_lang).unwrap_or(Lang::Ka);
        let user = NewUser {
            email: &row.rep_email,
            password_hash: unusable_password,
            role: Role::Member,
            organisation_id: Some(id),
            display_name: &row.rep_name,
            lang: lang.code(),
            verified: false,
        };
        let Some(user_id) = users::insert_in(&mut tx, &user).await? else {
            return Ok(Imported::Changed);
        };
        let token = links::issue_in(&mut tx, Purpose::Invitation, user_id, "", now).await?;
        let mail = invitation(lang, lang.pick(&row.name_ka, &row.name_en), &token);
        let outgoing = Outgoing {
            to: &row.rep_email,
            subject: &mail.subject,
            body: &mail.body,
        };
        mails.push(enqueue_in(&mut tx, outgoing, now).await?);
    }
    tx.commit().await?;
    super::listing::cache(db).changed();
    Ok(Imported::Done {
        organisations: rows.len(),
        mails,
    })
}

/// A slug from the English name (or the Georgian one in Latin letters),
/// with a number added while another organisation has it.
async fn free_slug(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    row: &Row,
) -> Result<String, sqlx::Error> {
    let base = crate::domain::slug::from_names(&row.name_en, &row.name_ka, "member");
    let mut slug = base.clone();
    let mut n = 2;
    loop {
        let taken: Option<i64> = sqlx::query_scalar("SELECT 1 FROM organisations WHERE slug = $1")
            .bind(&slug)
            .fetch_optional(&mut **tx)
            .await?;
        if taken.is_none() {
            return Ok(slug);
        }
        slug = format!("{base}-{n}");
        n += 1;
    }
}
