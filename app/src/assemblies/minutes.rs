//! The minutes of an assembly as data: attendance with check-in and
//! check-out times, proxies, each vote's wording, rule, quorum at its
//! opening, turnout and result (the elected), and the audit chain's entry
//! at the close — downloaded by participants as JSON or CSV at
//! `/assemblies/{id}/minutes.json` and `.csv`. Times are Unix seconds.

use crate::domain::voting::{ElectionResult, MotionResult};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    pub assembly: MinutesAssembly,
    pub attendance: Vec<AttendanceLine>,
    pub proxies: Vec<ProxyLine>,
    pub polls: Vec<MinutesPoll>,
    /// The audit log's entry that closed (or cancelled) the assembly: its
    /// number and hash pin the record as it stood then.
    pub closing: Option<AuditMark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesAssembly {
    pub id: i64,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub starts_at: i64,
    pub place: String,
    pub status: String,
    pub quorum: String,
    pub voting_categories: Vec<String>,
    pub proxies_per_holder: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceLine {
    pub organisation_id: i64,
    pub name_ka: String,
    pub name_en: String,
    pub votes: bool,
    pub checked_in_at: i64,
    /// Still present when none.
    pub checked_out_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyLine {
    pub from_id: i64,
    pub from_ka: String,
    pub from_en: String,
    pub to_id: i64,
    pub to_ka: String,
    pub to_en: String,
    pub given_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesPoll {
    pub id: i64,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub secret: bool,
    pub rule: String,
    pub seats: i64,
    pub candidates: Vec<String>,
    pub opened_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// The quorum when the vote opened.
    pub quorum_present: Option<i64>,
    pub quorum_needed: Option<i64>,
    pub voting_organisations: Option<i64>,
    pub without_quorum: Option<bool>,
    pub voters: i64,
    pub ballots: i64,
    pub motion: Option<MotionResult>,
    pub election: Option<ElectionResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditMark {
    pub seq: i64,
    pub hash: String,
    pub at: i64,
}

/// The minutes as one CSV table: a `section` column (assembly, attendance,
/// proxy, vote, audit) and the same columns for every section.
#[cfg(feature = "ssr")]
pub fn csv(m: &Minutes) -> String {
    let field = crate::platform::csv::field;
    let mut out = String::from("section,id,name_ka,name_en,from,until,figures,result\r\n");
    let mut row = |cells: [String; 8]| {
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let a = &m.assembly;
    row([
        "assembly".into(),
        a.id.to_string(),
        a.title_ka.clone(),
        a.title_en.clone(),
        a.starts_at.to_string(),
        String::new(),
        format!(
            "quorum {}; voting {}; proxies per holder {}",
            a.quorum,
            a.voting_categories.join(" "),
            a.proxies_per_holder
        ),
        a.status.clone(),
    ]);
    for line in &m.attendance {
        row([
            "attendance".into(),
            line.organisation_id.to_string(),
            line.name_ka.clone(),
            line.name_en.clone(),
            line.checked_in_at.to_string(),
            opt(line.checked_out_at),
            if line.votes { "votes" } else { "no vote" }.into(),
            String::new(),
        ]);
    }
    for p in &m.proxies {
        row([
            "proxy".into(),
            p.from_id.to_string(),
            p.from_ka.clone(),
            p.from_en.clone(),
            p.given_at.to_string(),
            String::new(),
            format!("to {}", p.to_id),
            format!("{} / {}", p.to_ka, p.to_en),
        ]);
    }
    for p in &m.polls {
        let quorum = match (p.quorum_present, p.quorum_needed) {
            (Some(present), Some(needed)) => format!(
                "quorum {present} present, {needed} needed{}",
                if present < needed {
                    " (opened without quorum)"
                } else {
                    ""
                }
            ),
            _ => String::new(),
        };
        let result = match (&p.motion, &p.election) {
            (Some(r), _) => format!(
                "yes {} no {} abstain {}: {}",
                r.yes,
                r.no,
                r.abstain,
                if r.passed { "adopted" } else { "not adopted" }
            ),
            (_, Some(e)) => {
                let elected: Vec<&str> = e
                    .elected
                    .iter()
                    .filter_map(|i| p.candidates.get(*i).map(String::as_str))
                    .collect();
                format!("elected: {}", elected.join("; "))
            }
            _ => String::new(),
        };
        row([
            "vote".into(),
            p.id.to_string(),
            p.title_ka.clone(),
            p.title_en.clone(),
            opt(p.opened_at),
            opt(p.closed_at),
            format!(
                "{} {} {}; {quorum}; {} of {} voted",
                p.kind,
                if p.secret { "secret" } else { "named" },
                p.rule,
                p.ballots,
                p.voters
            ),
            result,
        ]);
    }
    if let Some(c) = &m.closing {
        row([
            "audit".into(),
            c.seq.to_string(),
            c.hash.clone(),
            String::new(),
            c.at.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    out
}

#[cfg(feature = "ssr")]
pub(crate) mod routes {
    //! The downloads, for the assembly's participants (a draft's for staff).

    use super::Minutes;
    use crate::auth::server::CurrentSession;
    use crate::auth::Access;
    use crate::domain::assembly::AssemblyStatus;
    use crate::domain::ids::AssemblyId;
    use crate::platform::routes::Routes;
    use crate::platform::AppState;
    use axum::extract::{Path, State};
    use axum::http::{header, StatusCode};
    use axum::response::{IntoResponse, Response};
    use axum::Extension;

    pub fn router() -> Routes<AppState> {
        Routes::new()
            .get("/assemblies/{id}/minutes.json", Access::Participant, json)
            .get("/assemblies/{id}/minutes.csv", Access::Participant, csv)
    }

    async fn load(
        state: &AppState,
        id: &str,
        current: Option<CurrentSession>,
    ) -> Result<Minutes, Response> {
        let Ok(id) = id.parse::<AssemblyId>() else {
            return Err(StatusCode::NOT_FOUND.into_response());
        };
        let staff = Access::Staff.allows(current.map(|s| s.caller).as_ref());
        match crate::assemblies::store::minutes(&state.db, id).await {
            Ok(Some(m)) if staff || m.assembly.status != AssemblyStatus::Draft.code() => Ok(m),
            Ok(_) => Err(StatusCode::NOT_FOUND.into_response()),
            Err(error) => {
                tracing::error!(%error, "minutes query failed");
                Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
            }
        }
    }

    /// The two downloads: one handler, one format each.
    #[derive(Clone, Copy)]
    enum Format {
        Json,
        Csv,
    }

    async fn download(
        state: AppState,
        id: String,
        current: Option<CurrentSession>,
        format: Format,
    ) -> Response {
        let m = match load(&state, &id, current).await {
            Ok(m) => m,
            Err(refused) => return refused,
        };
        let (content_type, ext, body) = match format {
            Format::Json => (
                "application/json",
                "json",
                serde_json::to_string_pretty(&m).unwrap_or_default(),
            ),
            // A byte order mark, so spreadsheets read the Georgian right.
            Format::Csv => (
                "text/csv; charset=utf-8",
                "csv",
                format!("\u{feff}{}", super::csv(&m)),
            ),
        };
        let disposition = format!(
            "attachment; filename=\"assembly-{}-minutes.{ext}\"",
            m.assembly.id
        );
        (
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response()
    }

    async fn json(
        State(state): State<AppState>,
        Path(id): Path<String>,
        Extension(current): Extension<Option<CurrentSession>>,
    ) -> Response {
        download(state, id, current, Format::Json).await
    }

    async fn csv(
        State(state): State<AppState>,
        Path(id): Path<String>,
        Extension(current): Extension<Option<CurrentSession>>,
    ) -> Response {
        download(state, id, current, Format::Csv).await
    }
}
