//! What the minutes of an assembly gather: who attended (with the times of
//! check-in and check-out), the proxies, each vote with the quorum at its
//! opening, its turnout and result, and the audit chain's entry at the
//! close.

use super::{election_result, motion_result, polls};
use crate::assemblies::minutes::{
    AttendanceLine, AuditMark, Minutes, MinutesAssembly, MinutesPoll, ProxyLine,
};
use crate::db::Db;
use crate::domain::assembly::PollStatus;
use crate::domain::ids::AssemblyId;

pub async fn minutes(db: &Db, id: AssemblyId) -> Result<Option<Minutes>, sqlx::Error> {
    let Some(assembly) = super::get(db, id).await? else {
        return Ok(None);
    };
    let categories = assembly.rules.category_codes();
    let voting = super::attendance::in_list(&categories);
    let attendance: Vec<(i64, String, String, i64, i64, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT o.id, o.name_ka, o.name_en, CASE WHEN o.category IN ({voting}) THEN 1 ELSE 0 END, \
             a.checked_in_at, a.checked_out_at \
             FROM attendance a JOIN organisations o ON o.id = a.organisation_id \
             WHERE a.assembly_id = $1 ORDER BY o.name_ka, o.id"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let proxies: Vec<(i64, String, String, i64, String, String, i64)> = sqlx::query_as(
        "SELECT f.id, f.name_ka, f.name_en, t.id, t.name_ka, t.name_en, p.created_at \
         FROM proxies p JOIN organisations f ON f.id = p.from_org \
         JOIN organisations t ON t.id = p.to_org \
         WHERE p.assembly_id = $1 ORDER BY p.created_at, f.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let mut votes = Vec::new();
    for p in polls(db, id).await? {
        if p.status == PollStatus::Draft {
            continue;
        }
        let closed = p.status == PollStatus::Closed;
        let (motion, election) = match (closed, p.kind.as_str()) {
            (true, "motion") => (Some(motion_result(db, p.id).await?), None),
            (true, _) => (None, Some(election_result(db, p.id).await?)),
            _ => (None, None),
        };
        votes.push(MinutesPoll {
            id: p.id.get(),
            title_ka: p.title_ka,
            title_en: p.title_en,
            kind: p.kind,
            secret: p.secret,
            rule: p.rule.code().to_string(),
            seats: p.seats,
            candidates: p.candidates,
            opened_at: p.opened_at,
            closed_at: p.closed_at,
            quorum_present: p.quorum_at_open.map(|q| q.0),
            quorum_needed: p.quorum_at_open.map(|q| q.1),
            voting_organisations: p.quorum_voters,
            without_quorum: p.quorum_at_open.map(|(present, needed)| present < needed),
            voters: p.voters,
            ballots: p.voted,
            motion,
            election,
        });
    }
    let closing: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT seq, hash, at FROM audit_log WHERE subject = $1 \
         AND kind IN ('assembly.closed', 'assembly.cancelled') ORDER BY seq DESC LIMIT 1",
    )
    .bind(format!("assembly {id}"))
    .fetch_optional(db.pool())
    .await?;
    Ok(Some(Minutes {
        assembly: MinutesAssembly {
            id: id.get(),
            title_ka: assembly.title_ka,
            title_en: assembly.title_en,
            kind: assembly.kind,
            starts_at: assembly.starts_at,
            place: assembly.place,
            status: assembly.status.code().to_string(),
            quorum: assembly.rules.quorum.code(),
            voting_categories: assembly.rules.categories,
            proxies_per_holder: assembly.rules.proxies_per_holder,
        },
        attendance: attendance
            .into_iter()
            .map(
                |(id, name_ka, name_en, votes, checked_in_at, checked_out_at)| AttendanceLine {
                    organisation_id: id,
                    name_ka,
                    name_en,
                    votes: votes == 1,
                    checked_in_at,
                    checked_out_at,
                },
            )
            .collect(),
        proxies: proxies
            .into_iter()
            .map(
                |(from_id, from_ka, from_en, to_id, to_ka, to_en, given_at)| ProxyLine {
                    from_id,
                    from_ka,
                    from_en,
                    to_id,
                    to_ka,
                    to_en,
                    given_at,
                },
            )
            .collect(),
        polls: votes,
        closing: closing.map(|(seq, hash, at)| AuditMark { seq, hash, at }),
    }))
}
