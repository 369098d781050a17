//! A crash during a burst of votes: the real server binary is killed with
//! SIGKILL while ballots are being cast, then started again on the same
//! database (SQLite file, or PostgreSQL with `ALLIANCE_TEST_DB=postgres`).
//! Every ballot whose receipt reached a voter must be there, and no
//! organisation may have two.

mod common;

use app::assemblies::store::{self as assemblies, NewAssembly, NewPoll};
use app::db::Db;
use app::directory::store::organisations::{insert, NewOrganisation};
use app::domain::voting::Rule;
use common::TestDatabase;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const VOTERS: u32 = 40;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(url: &str, data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_alliance"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", url)
        .env("ALLIANCE_DATA_DIR", data)
        .env("LEPTOS_SITE_ROOT", "target/site")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts")
}

async fn wait_ready(client: &reqwest::Client, port: u16) {
    for _ in 0..200 {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not answer /healthz");
}

#[tokio::test]
async fn every_acknowledged_ballot_survives_a_kill() {
    let database = TestDatabase::create().await;
    let data = std::env::temp_dir().join(format!("alliance-crash-{}", std::process::id()));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    // The first start creates the schema.
    let port = free_port();
    let mut server = start(&database.url, &data, port);
    wait_ready(&client, port).await;

    let db = Db::connect(&database.url).await.unwrap();
    let assembly = assemblies::create(
        &db,
        &NewAssembly {
            title_ka: "კრება",
            title_en: "Assembly",
            kind: "extraordinary",
            starts_at: 1_800_000_000,
            place: "online",
        },
    )
    .await
    .unwrap();
    assemblies::advance(&db, assembly, app::domain::assembly::AssemblyStatus::Draft)
        .await
        .unwrap();
    assemblies::advance(
        &db,
        assembly,
        app::domain::assembly::AssemblyStatus::Announced,
    )
    .await
    .unwrap();
    let mut voters = Vec::new();
    for n in 0..VOTERS {
        let org = insert(
            &db,
            &NewOrganisation {
                slug: format!("crash-{n}"),
                name_ka: format!("ორგანიზაცია {n}"),
                legal_form: "llc".into(),
                id_code: format!("{:09}", 320_000_000 + n),
                category: "full".into(),
                status: app::domain::directory::OrganisationStatus::Active,
                member_since: "2020-01-01".into(),
                ..NewOrganisation::default()
            },
        )
        .await
        .unwrap();
        let account = alliance::accounts::NewAccount {
            email: &format!("crash{n}@org.example"),
            role: "member",
            org_slug: Some(&format!("crash-{n}")),
            name: "Delegate",
            lang: "en",
        };
        let user = alliance::accounts::create(&db, &account, "crash-Test-password-2027")
            .await
            .unwrap();
        let token = app::auth::server::session::start(&db, user, app::db::now_unix())
            .await
            .unwrap();
        assemblies::check_in(&db, assembly, org, None)
            .await
            .unwrap();
        voters.push((org, token));
    }
    let poll = assemblies::create_poll(
        &db,
        &NewPoll {
            assembly_id: assembly,
            agenda_item_id: None,
            title_ka: "ფარული",
            title_en: "Secret",
            kind: "motion",
            secret: true,
            rule: Rule::SimpleMajority,
            seats: 1,
            candidates: &[],
        },
    )
    .await
    .unwrap();
    assert_eq!(
        assemblies::open_poll(&db, poll, &["full"]).await.unwrap(),
        Some(VOTERS as i64)
    );

    // Every voter casts (twice: a double click); the server is killed as
    // soon as five receipts have arrived, with the rest in flight.
    let url = format!("http://127.0.0.1:{port}/assemblies/{assembly}/polls/{poll}");
    let (first_ack, mut first_ack_seen) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut casts = Vec::new();
    for (org, token) in voters.iter().flat_map(|v| [v.clone(), v.clone()]) {
        let (client, url, first_ack) = (client.clone(), url.clone(), first_ack.clone());
        casts.push(tokio::spawn(async move {
            let sent = client
                .post(&url)
                .header("origin", format!("http://127.0.0.1:{port}"))
                .header("cookie", format!("alliance_session={token}"))
                .form(&[
                    ("org", org.to_string()),
                    ("choice", "yes".into()),
                    ("confirm", "1".into()),
                ])
                .send()
                .await;
            let Ok(response) = sent else { return None };
            if response.status() != 200 {
                return None;
            }
            let body = response.text().await.ok()?;
            let receipt = body.contains("class=\"tracker\"");
            if receipt {
                let _ = first_ack.send(());
            }
            receipt.then_some(org)
        }));
    }
    for _ in 0..5 {
        let _ = tokio::time::timeout(Duration::from_secs(10), first_ack_seen.recv()).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let mut acknowledged = Vec::new();
    for cast in casts {
        if let Ok(Some(org)) = cast.await {
            acknowledged.push(org);
        }
    }
    assert!(
        !acknowledged.is_empty(),
        "some ballots were acknowledged before the kill"
    );
    db.close().await;

    // Start again on the same database and count.
    let port = free_port();
    let mut server = start(&database.url, &data, port);
    wait_ready(&client, port).await;
    let db = Db::connect(&database.url).await.unwrap();
    let voted: Vec<app::domain::ids::OrganisationId> =
        sqlx::query_scalar("SELECT organisation_id FROM poll_votes WHERE poll_id = $1")
            .bind(poll)
            .fetch_all(db.pool())
            .await
            .unwrap();
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM secret_ballots WHERE poll_id = $1")
        .bind(poll)
        .fetch_one(db.pool())
        .await
        .unwrap();
    for org in &acknowledged {
        assert!(voted.contains(org), "acknowledged ballot of {org} is lost");
    }
    let mut unique = voted.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), voted.len(), "no organisation twice");
    assert_eq!(
        ballots,
        voted.len() as i64,
        "ballots equal has-voted records"
    );
    let mut unique_ack = acknowledged.clone();
    unique_ack.sort_unstable();
    unique_ack.dedup();
    assert_eq!(
        unique_ack.len(),
        acknowledged.len(),
        "one receipt per organisation"
    );
    eprintln!(
        "crash test: {} acknowledged before the kill, {} recorded",
        acknowledged.len(),
        voted.len()
    );
    db.close().await;
    server.kill().ok();
    server.wait().ok();
    let _ = std::fs::remove_dir_all(&data);
}
