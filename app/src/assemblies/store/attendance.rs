//! Who is present: check-in, representatives, the organisations that may
//! vote, and proxies.

use crate::assemblies::{OrgLine, OrgName};
use crate::audit::store::{self as audit, Entry};
use crate::db::{now_unix, Backend, Db};
use crate::domain::ids::{AssemblyId, OrganisationId, UserId};

/// Who is present: (voting organisations checked in, all voting
/// organisations, every organisation checked in).
pub async fn attendance(
    db: &Db,
    assembly: AssemblyId,
    voting_categories: &[&str],
) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as(&attendance_sql(voting_categories))
        .bind(assembly)
        .fetch_one(db.pool())
        .await
}

/// The query of `attendance` (its one parameter: the assembly), also run
/// inside the transaction that opens a poll.
pub(super) fn attendance_sql(voting_categories: &[&str]) -> String {
    let categories = in_list(voting_categories);
    format!(
        "SELECT \
           (SELECT COUNT(*) FROM attendance a JOIN organisations o ON o.id = a.organisation_id \
             WHERE a.assembly_id = $1 AND a.checked_out_at IS NULL AND o.status = 'active' \
               AND o.category IN ({categories})), \
           (SELECT COUNT(*) FROM organisations o WHERE o.status = 'active' AND o.category IN ({categories})), \
           (SELECT COUNT(*) FROM attendance a WHERE a.assembly_id = $1 AND a.checked_out_at IS NULL)"
    )
}

pub async fn is_checked_in(
    db: &Db,
    assembly: AssemblyId,
    org: OrganisationId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM attendance WHERE assembly_id = $1 AND organisation_id = $2 \
         AND checked_out_at IS NULL",
    )
    .bind(assembly)
    .bind(org)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Where to announce an assembly: every representative of an active member
/// (email, display name, language).
pub async fn representatives(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.lang FROM users u \
         JOIN organisations o ON o.id = u.organisation_id \
         WHERE u.role = 'member' AND o.status = 'active' ORDER BY u.email",
    )
    .fetch_all(db.pool())
    .await
}

/// Active member organisations with whether they vote and whether they are
/// checked in, by Georgian name.
pub async fn organisations(
    db: &Db,
    assembly: AssemblyId,
    voting_categories: &[&str],
) -> Result<Vec<OrgLine>, sqlx::Error> {
    let categories = in_list(voting_categories);
    let rows: Vec<(OrganisationId, String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT o.id, o.name_ka, o.name_en, \
           CASE WHEN o.category IN ({categories}) THEN 1 ELSE 0 END, \
           CASE WHEN a.organisation_id IS NULL THEN 0 ELSE 1 END \
         FROM organisations o LEFT JOIN attendance a \
           ON a.assembly_id = $1 AND a.organisation_id = o.id AND a.checked_out_at IS NULL \
         WHERE o.status = 'active' ORDER BY o.name_ka, o.id"
    ))
    .bind(assembly)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name_ka, name_en, votes, present)| OrgLine {
            id,
            name_ka,
            name_en,
            votes: votes == 1,
            checked_in: present == 1,
        })
        .collect())
}

/// The proxy `org` gave (to whom) and the proxies it holds (from whom).
pub async fn proxies_of(
    db: &Db,
    assembly: AssemblyId,
    org: OrganisationId,
) -> Result<(Option<OrgName>, Vec<OrgName>), sqlx::Error> {
    let name = |(ka, en): (String, String)| OrgName { ka, en };
    let given: Option<(String, String)> = sqlx::query_as(
        "SELECT o.name_ka, o.name_en FROM proxies p JOIN organisations o ON o.id = p.to_org \
         WHERE p.assembly_id = $1 AND p.from_org = $2",
    )
    .bind(assembly)
    .bind(org)
    .fetch_optional(db.pool())
    .await?;
    let held: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.name_ka, o.name_en FROM proxies p JOIN organisations o ON o.id = p.from_org \
         WHERE p.assembly_id = $1 AND p.to_org = $2 ORDER BY o.name_ka",
    )
    .bind(assembly)
    .bind(org)
    .fetch_all(db.pool())
    .await?;
    Ok((given.map(name), held.into_iter().map(name).collect()))
}

/// `'full', 'associate'`: a list for `IN (...)` from fixed category codes.
pub(super) fn in_list(categories: &[&str]) -> String {
    let list = categories
        .iter()
        .filter(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'))
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ");
    if list.is_empty() {
        "''".into()
    } else {
        list
    }
}

/// Checks an organisation in (again, after a check-out); false when it
/// is present already.
pub async fn check_in(
    db: &Db,
    assembly: AssemblyId,
    org: OrganisationId,
    by: Option<UserId>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "INSERT INTO attendance (assembly_id, organisation_id, checked_in_by, checked_in_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (assembly_id, organisation_id) DO UPDATE \
         SET checked_in_by = $3, checked_in_at = $4, checked_out_at = NULL, checked_out_by = NULL \
         WHERE attendance.checked_out_at IS NOT NULL",
    )
    .bind(assembly)
    .bind(org)
    .bind(by)
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    let first = done.rows_affected() == 1;
    if first {
        let entry = Entry::new("attendance.checked_in", format!("assembly {assembly}"))
            .by(by)
            .with("organisation", org.get());
        audit::append(db, &mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(first)
}

/// Checks a present organisation out (its delegate left the hall); false
/// when it was not present.
pub async fn check_out(
    db: &Db,
    assembly: AssemblyId,
    org: OrganisationId,
    by: Option<UserId>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE attendance SET checked_out_at = $1, checked_out_by = $2 \
         WHERE assembly_id = $3 AND organisation_id = $4 AND checked_out_at IS NULL",
    )
    .bind(now_unix())
    .bind(by)
    .bind(assembly)
    .bind(org)
    .execute(&mut *tx)
    .await?;
    let left = done.rows_affected() == 1;
    if left {
        let entry = Entry::new("attendance.checked_out", format!("assembly {assembly}"))
            .by(by)
            .with("organisation", org.get());
        audit::append(db, &mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(left)
}

/// What withdrawing a proxy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    Withdrawn,
    /// The organisation had given no proxy.
    NoProxy,
    /// Only while the assembly is announced or in session.
    NotNow,
}

/// `from` takes back its proxy; polls already open keep their voters, the
/// next ones are opened without it.
pub async fn withdraw_proxy(
    db: &Db,
    assembly: AssemblyId,
    from: OrganisationId,
) -> Result<Withdrawal, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let lock = match db.backend() {
        Backend::Postgres => "SELECT status FROM assemblies WHERE id = $1 FOR SHARE",
        Backend::Sqlite => "SELECT status FROM assemblies WHERE id = $1",
    };
    let status: Option<String> = sqlx::query_scalar(lock)
        .bind(assembly)
        .fetch_optional(&mut *tx)
        .await?;
    if !matches!(status.as_deref(), Some("announced" | "in_session")) {
        return Ok(Withdrawal::NotNow);
    }
    let to: Option<i64> = sqlx::query_scalar(
        "DELETE FROM proxies WHERE assembly_id = $1 AND from_org = $2 RETURNING to_org",
    )
    .bind(assembly)
    .bind(from)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(to) = to else {
        return Ok(Withdrawal::NoProxy);
    };
    let entry = Entry::new("proxy.withdrawn", format!("assembly {assembly}"))
        .with("from", from.get())
        .with("to", to);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Withdrawal::Withdrawn)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyOutcome {
    Given,
    /// The holder already carries as many proxies as allowed.
    HolderFull,
    /// The organisation already gave its proxy for this assembly.
    AlreadyGiven,
    /// An organisation cannot hold its own proxy.
    SelfProxy,
    /// Proxies are given only while the assembly is announced or in session.
    NotNow,
}

/// `from` authorises `to` to vote for it at `assembly`; a holder carries at
/// most `per_holder` proxies.
pub async fn give_proxy(
    db: &Db,
    assembly: AssemblyId,
    from: OrganisationId,
    to: OrganisationId,
    per_holder: i64,
) -> Result<ProxyOutcome, sqlx::Error> {
    if from == to {
        return Ok(ProxyOutcome::SelfProxy);
    }
    let mut tx = db.begin_write().await?;
    if db.backend() == Backend::Postgres {
        // Serialises proxies given to one holder at the same time.
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(assembly.get() as i32)
            .bind(to.get() as i32)
            .execute(&mut *tx)
            .await?;
    }
    let lock = match db.backend() {
        Backend::Postgres => "SELECT status FROM assemblies WHERE id = $1 FOR SHARE",
        Backend::Sqlite => "SELECT status FROM assemblies WHERE id = $1",
    };
    let status: Option<String> = sqlx::query_scalar(lock)
        .bind(assembly)
        .fetch_optional(&mut *tx)
        .await?;
    if !matches!(status.as_deref(), Some("announced" | "in_session")) {
        return Ok(ProxyOutcome::NotNow);
    }
    let given: Option<i64> =
        sqlx::query_scalar("SELECT to_org FROM proxies WHERE assembly_id = $1 AND from_org = $2")
            .bind(assembly)
            .bind(from)
            .fetch_optional(&mut *tx)
            .await?;
    if given.is_some() {
        return Ok(ProxyOutcome::AlreadyGiven);
    }
    let held: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM proxies WHERE assembly_id = $1 AND to_org = $2")
            .bind(assembly)
            .bind(to)
            .fetch_one(&mut *tx)
            .await?;
    if held >= per_holder {
        return Ok(ProxyOutcome::HolderFull);
    }
    let done = sqlx::query(
        "INSERT INTO proxies (assembly_id, from_org, to_org, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (assembly_id, from_org) DO NOTHING",
    )
    .bind(assembly)
    .bind(from)
    .bind(to)
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(ProxyOutcome::AlreadyGiven);
    }
    let entry = Entry::new("proxy.given", format!("assembly {assembly}"))
        .with("from", from.get())
        .with("to", to.get());
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(ProxyOutcome::Given)
}
