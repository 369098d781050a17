//! The demo's past General Assembly: a year ago, closed, with most full
//! members checked in, a proxy, a named motion and a secret Board election
//! voted and counted — so its results, its minutes and the audit log have
//! something to show.

use app::assemblies::store::{self as assemblies, BallotContent, NewAssembly, NewPoll, Opening};
use app::db::Db;
use app::domain::assembly::AssemblyStatus;
use app::domain::ids::{OrganisationId, PollId};
use app::domain::voting::{Choice, Rule, VotingRules};

/// The Board candidates of the past election (seven seats), in Georgian and
/// in English.
pub const CANDIDATES: [(&str, &str); 9] = [
    ("ნინო ბერიძე", "Nino Beridze"),
    ("გიორგი მაისურაძე", "Giorgi Maisuradze"),
    ("თამარ კვარაცხელია", "Tamar Kvaratskhelia"),
    ("დავით ლომიძე", "Davit Lomidze"),
    ("ეკა გელაშვილი", "Eka Gelashvili"),
    ("ლევან ჯაფარიძე", "Levan Japaridze"),
    ("მარიამ ცინცაძე", "Mariam Tsintsadze"),
    ("ზურაბ ხუციშვილი", "Zurab Khutsishvili"),
    ("ანა ჩხეიძე", "Ana Chkheidze"),
];

/// The past assembly: its Board election, and the day it met.
pub struct PastAssembly {
    pub election: PollId,
    pub starts_at: i64,
}

pub async fn past_assembly(db: &Db) -> anyhow::Result<PastAssembly> {
    let year = 365 * 24 * 3600;
    // At 11:00 in Tbilisi (07:00 UTC), a year ago.
    let day = 24 * 3600;
    let starts_at = (app::db::now_unix() - year) / day * day + 7 * 3600;
    let id = assemblies::create(
        db,
        &NewAssembly {
            title_ka: "წევრთა საერთო კრება 2026",
            title_en: "General Assembly of Members 2026",
            kind: "ordinary",
            starts_at,
            place: "in_person",
            rules: VotingRules::default(),
        },
    )
    .await?;
    assemblies::advance(db, id, AssemblyStatus::Draft).await?;
    let report = assemblies::add_agenda_item(
        db,
        id,
        "2025 წლის ანგარიშის დამტკიცება",
        "Approval of the 2025 annual report",
    )
    .await?;
    let board = assemblies::add_agenda_item(
        db,
        id,
        "გამგეობის არჩევა 2026–2029",
        "Election of the Board 2026–2029",
    )
    .await?;
    assemblies::advance(db, id, AssemblyStatus::Announced).await?;
    // The full members, by name: all but the last three attend; the first
    // absent one gives its proxy to the first present one.
    let full: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM organisations WHERE status = 'active' AND category = 'full' \
         ORDER BY name_ka, id",
    )
    .fetch_all(db.pool())
    .await?;
    let full: Vec<OrganisationId> = full.into_iter().map(|(id,)| OrganisationId(id)).collect();
    let present = &full[..full.len().saturating_sub(3)];
    if let (Some(from), Some(to)) = (full.get(present.len()), present.first()) {
        assemblies::give_proxy(db, id, *from, *to, 1).await?;
    }
    for org in present {
        assemblies::check_in(db, id, *org, None).await?;
    }
    let motion = assemblies::create_poll(
        db,
        &NewPoll {
            assembly_id: id,
            agenda_item_id: Some(report),
            title_ka: "ამტკიცებს თუ არა კრება 2025 წლის ანგარიშს?",
            title_en: "Does the assembly approve the 2025 annual report?",
            kind: "motion",
            secret: false,
            rule: Rule::SimpleMajority,
            seats: 1,
            candidates: &[],
        },
    )
    .await?;
    let candidates: Vec<String> = CANDIDATES.iter().map(|c| c.0.to_string()).collect();
    let election = assemblies::create_poll(
        db,
        &NewPoll {
            assembly_id: id,
            agenda_item_id: Some(board),
            title_ka: "გამგეობის არჩევა 2026–2029",
            title_en: "Board election 2026–2029",
            kind: "election",
            secret: true,
            rule: Rule::SimpleMajority,
            seats: 7,
            candidates: &candidates,
        },
    )
    .await?;
    let rules = VotingRules::default();
    for poll in [motion, election] {
        let opened = assemblies::open_poll(db, poll, &rules, false).await?;
        anyhow::ensure!(
            matches!(opened, Opening::Opened { .. }),
            "the demo's past assembly has its quorum"
        );
    }
    // Most approve the report; a few vote against or abstain.
    for (n, org) in present.iter().enumerate() {
        let choice = match n % 7 {
            5 => Choice::No,
            6 => Choice::Abstain,
            _ => Choice::Yes,
        };
        assemblies::cast(db, motion, *org, *org, &BallotContent::Motion(choice)).await?;
        // Seven marks each: the first candidate on every ballot, six of
        // the others in turn.
        let marks: Vec<usize> = std::iter::once(0)
            .chain((0..6).map(|k| 1 + (k + n % 3) % (CANDIDATES.len() - 1)))
            .collect();
        assemblies::cast(db, election, *org, *org, &BallotContent::Election(marks)).await?;
    }
    if let (Some(from), Some(holder)) = (full.get(present.len()), present.first()) {
        assemblies::cast(
            db,
            motion,
            *from,
            *holder,
            &BallotContent::Motion(Choice::Yes),
        )
        .await?;
    }
    for poll in [motion, election] {
        assemblies::close_poll(db, poll).await?;
    }
    assemblies::advance(db, id, AssemblyStatus::InSession).await?;
    // The store writes the moment the seed runs; the demo's history has the
    // times of the day it met: proxies two days before, check-ins in the
    // quarter hour before the start, the votes in its first two hours.
    for sql in [
        "UPDATE proxies SET created_at = $1 - 2 * 86400 WHERE assembly_id = $2",
        "UPDATE attendance SET checked_in_at = $1 - 900 + (organisation_id % 15) * 60 \
         WHERE assembly_id = $2",
        "UPDATE polls SET opened_at = $1 + 1800 + (id % 2) * 3600, \
         closed_at = $1 + 3000 + (id % 2) * 3600 WHERE assembly_id = $2",
    ] {
        sqlx::query(sql)
            .bind(starts_at)
            .bind(id)
            .execute(db.pool())
            .await?;
    }
    Ok(PastAssembly {
        election,
        starts_at,
    })
}

/// The demo's coming assembly: an extraordinary one in six weeks, announced
/// with its agenda (the invitations are the post's, not the seed's).
pub async fn announced_assembly(db: &Db) -> anyhow::Result<()> {
    let day = 24 * 3600;
    // 11:00 in Tbilisi (07:00 UTC), six weeks on.
    let starts_at = (app::db::now_unix() / day + 42) * day + 7 * 3600;
    let id = assemblies::create(
        db,
        &NewAssembly {
            title_ka: "რიგგარეშე საერთო კრება: საწევრო შენატანები",
            title_en: "Extraordinary General Assembly: membership fees",
            kind: "extraordinary",
            starts_at,
            place: "online",
            rules: VotingRules::default(),
        },
    )
    .await?;
    assemblies::add_agenda_item(
        db,
        id,
        "საწევრო შენატანების ახალი ოდენობა 2027 წლიდან",
        "New membership fees from 2027",
    )
    .await?;
    assemblies::add_agenda_item(db, id, "სხვადასხვა", "Any other business").await?;
    assemblies::advance(db, id, AssemblyStatus::Draft).await?;
    Ok(())
}
