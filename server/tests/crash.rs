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
        // Applications come from one address here.
        .env("ALLIANCE_REGISTER_LIMIT", "1000/3600")
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
            rules: Default::default(),
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
        assemblies::open_poll(&db, poll, &Default::default(), true)
            .await
            .unwrap(),
        assemblies::Opening::Opened {
            voters: VOTERS as i64
        }
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

/// Answers that qualify for full membership, for organisation `name` with
/// identification code `code` and contact `email`.
fn qualifying(name: String, code: u32, email: &str) -> app::domain::application::Answers {
    app::domain::application::Answers {
        name_ka: format!("ორგანიზაცია {code}"),
        name_en: name.clone(),
        legal_form: "llc".into(),
        id_code: format!("{code:09}"),
        registered_on: "2018-05-14".into(),
        regions: vec!["GE-MM".into()],
        sectors: vec!["A".into()],
        activity_start: "2019-03-01".into(),
        mission: "ადგილობრივი ფერმერების ჩართვა წარმოებაში.".into(),
        projects: "სოფლის კოოპერატივების ტრენინგები.".into(),
        impact: vec!["rural".into()],
        category: "full".into(),
        consent_data: true,
        listed: true,
        contact_name: name,
        contact_email: email.to_string(),
        contact_phone: "+995 599 00 00 00".into(),
        ..Default::default()
    }
}

/// Every mail queued or sent, as text: the queue first, then the outbox
/// folder, so a mail the restarted server sends meanwhile is seen at least
/// once. (A mail whose delivery the kill interrupted stays held in the queue
/// for a while, then leaves again: delivery is at least once.)
async fn mails(db: &Db, data: &std::path::Path) -> Vec<String> {
    let queued: Vec<String> = sqlx::query_scalar("SELECT to_address FROM mail_queue")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let mut all: Vec<String> = queued.into_iter().map(|to| format!("To: {to}")).collect();
    all.extend(
        std::fs::read_dir(data.join("outbox"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    all
}

/// An application's submission, a review decision and a profile edit are
/// one change each: after a kill with many in flight, each is wholly there
/// (with the applicant's mail, for a submission its account and history,
/// for an approval the new member) or wholly absent; and every one whose
/// answer arrived is there.
#[tokio::test]
async fn submissions_decisions_and_profile_edits_are_whole_or_absent_after_a_kill() {
    use app::apply::store::{submit, Applicant};
    const EACH: u32 = 30;
    const PASSWORD: &str = "crash-Test-password-2027";
    let database = TestDatabase::create().await;
    let data = std::env::temp_dir().join(format!("alliance-crash-whole-{}", std::process::id()));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let port = free_port();
    let mut server = start(&database.url, &data, port);
    wait_ready(&client, port).await;
    let db = Db::connect(&database.url).await.unwrap();
    let now = app::db::now_unix();

    let staff = alliance::accounts::create(
        &db,
        &alliance::accounts::NewAccount {
            email: "staff@crash.example",
            role: "staff",
            org_slug: None,
            name: "Staff",
            lang: "en",
        },
        PASSWORD,
    )
    .await
    .unwrap();
    let staff_token = app::auth::server::session::start(&db, staff, now)
        .await
        .unwrap();
    let password_hash = app::auth::server::password::hash(PASSWORD.into())
        .await
        .unwrap();
    for n in 0..EACH {
        let email = format!("applicant{n}@crash.example");
        let answers = qualifying(format!("Applicant {n}"), 406_200_000 + n, &email);
        let key = app::auth::server::session::hash_token(&app::auth::server::session::new_token());
        let applicant = Applicant::New {
            email: &email,
            password_hash: &password_hash,
            name: "Applicant",
            lang: "en",
        };
        submit(&db, &key, &answers, applicant, "en", None, None)
            .await
            .unwrap();
    }
    let mut editors = Vec::new();
    for n in 0..EACH {
        let slug = format!("edit-{n}");
        insert(
            &db,
            &NewOrganisation {
                slug: slug.clone(),
                name_ka: format!("ორგანიზაცია {n}"),
                legal_form: "llc".into(),
                id_code: format!("{:09}", 330_000_000 + n),
                category: "full".into(),
                status: app::domain::directory::OrganisationStatus::Active,
                member_since: "2020-01-01".into(),
                ..NewOrganisation::default()
            },
        )
        .await
        .unwrap();
        let user = alliance::accounts::create(
            &db,
            &alliance::accounts::NewAccount {
                email: &format!("editor{n}@crash.example"),
                role: "member",
                org_slug: Some(&slug),
                name: "Editor",
                lang: "en",
            },
            PASSWORD,
        )
        .await
        .unwrap();
        let token = app::auth::server::session::start(&db, user, now)
            .await
            .unwrap();
        editors.push((n, slug, token));
    }
    let applications: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, version FROM applications ORDER BY id")
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(applications.len(), EACH as usize);
    let mut drafts = Vec::new();
    for n in 0..EACH {
        let token = app::auth::server::session::new_token();
        let draft = app::apply::store::Draft {
            answers: qualifying(
                format!("Newcomer {n}"),
                406_300_000 + n,
                &format!("submitter{n}@crash.example"),
            ),
            password_hash: password_hash.clone(),
            step_done: 4,
            application_id: None,
            resume_sent_to: String::new(),
        };
        app::apply::store::save_draft(&db, &app::auth::server::session::hash_token(&token), &draft)
            .await
            .unwrap();
        drafts.push((n, token));
    }

    // Every decision and every edit at once; the server is killed as soon
    // as one of each has been answered, with the rest in flight.
    let base = format!("http://127.0.0.1:{port}");
    let (acked, mut acks) = tokio::sync::mpsc::unbounded_channel::<()>();
    let (saved_ack, mut saves) = tokio::sync::mpsc::unbounded_channel::<()>();
    let (sent_ack, mut sents) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut submissions = Vec::new();
    for (n, token) in drafts.iter().cloned() {
        let (client, base, acked) = (client.clone(), base.clone(), sent_ack.clone());
        submissions.push(tokio::spawn(async move {
            let response = client
                .post(format!("{base}/apply"))
                .header("origin", &base)
                .header("cookie", format!("alliance_draft={token}; lang=en"))
                .form(&[("step", "5"), ("go", "next")])
                .send()
                .await
                .ok()?;
            let location = response.headers().get("location")?.to_str().ok()?;
            let sent = location.starts_with("/apply/status");
            if sent {
                let _ = acked.send(());
            }
            sent.then_some(n)
        }));
    }
    let mut decisions = Vec::new();
    for (i, (id, version)) in applications.iter().copied().enumerate() {
        let (client, base, acked, staff_token) = (
            client.clone(),
            base.clone(),
            acked.clone(),
            staff_token.clone(),
        );
        let (action, done_as) = if i % 2 == 0 {
            ("approve", "approved")
        } else {
            ("reject", "rejected")
        };
        decisions.push(tokio::spawn(async move {
            let response = client
                .post(format!("{base}/admin/applications/{id}/decide"))
                .header("origin", &base)
                .header("cookie", format!("alliance_session={staff_token}"))
                .form(&[
                    ("version", version.to_string()),
                    ("action", action.into()),
                    ("granted", "full".into()),
                    ("message", "Decided in the crash test.".into()),
                ])
                .send()
                .await
                .ok()?;
            let location = response.headers().get("location")?.to_str().ok()?;
            let done = location.ends_with(&format!("done={done_as}"));
            if done {
                let _ = acked.send(());
            }
            done.then_some(id)
        }));
    }
    let mut edits = Vec::new();
    for (n, slug, token) in editors.iter().cloned() {
        let (client, base, acked) = (client.clone(), base.clone(), saved_ack.clone());
        edits.push(tokio::spawn(async move {
            let form = reqwest::multipart::Form::new()
                .text("name_ka", format!("ორგანიზაცია {n}"))
                .text("name_en", format!("Edited {n}"))
                .text("description_ka", "აღწერა")
                .text("description_en", "A description")
                .text("sector", "A")
                .text("region", "GE-TB")
                .text("listed", "1");
            let response = client
                .post(format!("{base}/members/{slug}/edit"))
                .header("origin", &base)
                .header("cookie", format!("alliance_session={token}"))
                .multipart(form)
                .send()
                .await
                .ok()?;
            let location = response.headers().get("location")?.to_str().ok()?;
            let saved = location.contains("saved=1");
            if saved {
                let _ = acked.send(());
            }
            saved.then_some(n)
        }));
    }
    let _ = tokio::time::timeout(Duration::from_secs(10), acks.recv()).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), saves.recv()).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), sents.recv()).await;
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let mut decided = Vec::new();
    for d in decisions {
        if let Ok(Some(id)) = d.await {
            decided.push(id);
        }
    }
    let mut edited = Vec::new();
    for e in edits {
        if let Ok(Some(n)) = e.await {
            edited.push(n);
        }
    }
    let mut submitted = Vec::new();
    for sub in submissions {
        if let Ok(Some(n)) = sub.await {
            submitted.push(n);
        }
    }
    assert!(
        !decided.is_empty() && !edited.is_empty() && !submitted.is_empty(),
        "some of each were answered before the kill"
    );
    db.close().await;

    // Start again on the same database and look at every one.
    let port = free_port();
    let mut server = start(&database.url, &data, port);
    wait_ready(&client, port).await;
    let db = Db::connect(&database.url).await.unwrap();
    let mails = mails(&db, &data).await;
    let mut taken = 0;
    for (i, (id, _)) in applications.iter().enumerate() {
        let (status, organisation): (String, Option<i64>) =
            sqlx::query_as("SELECT status, organisation_id FROM applications WHERE id = $1")
                .bind(id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        let events: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM application_events WHERE application_id = $1 AND action IN ('approved', 'rejected')",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        let told = mails
            .iter()
            .any(|m| m.contains(&format!("applicant{i}@crash.example")));
        let members: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id_code = $1")
                .bind(format!("{:09}", 406_200_000 + i))
                .fetch_one(db.pool())
                .await
                .unwrap();
        if status == "submitted" {
            assert!(!decided.contains(id), "answered decision on {id} is lost");
            assert_eq!(
                (events, told, organisation, members),
                (0, false, None, 0),
                "{id}: half a decision"
            );
        } else {
            taken += 1;
            assert_eq!(events, 1, "{id} ({status}): its history");
            assert!(told, "{id} ({status}): the applicant's mail");
            let approved = status == "approved";
            assert_eq!(organisation.is_some(), approved, "{id}: its organisation");
            assert_eq!(members, i64::from(approved), "{id}: one new member");
        }
    }
    let mut arrived = 0;
    for (n, token) in &drafts {
        let code = format!("{:09}", 406_300_000 + n);
        let email = format!("submitter{n}@crash.example");
        let application: Option<i64> =
            sqlx::query_scalar("SELECT id FROM applications WHERE id_code = $1")
                .bind(&code)
                .fetch_optional(db.pool())
                .await
                .unwrap();
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let draft_left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM application_drafts WHERE token_hash = $1")
                .bind(app::auth::server::session::hash_token(token))
                .fetch_one(db.pool())
                .await
                .unwrap();
        let told = mails.iter().filter(|m| m.contains(&email)).count();
        match application {
            Some(id) => {
                arrived += 1;
                let events: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM application_events WHERE application_id = $1",
                )
                .bind(id)
                .fetch_one(db.pool())
                .await
                .unwrap();
                assert_eq!(
                    (accounts, draft_left, events, told > 0),
                    (1, 0, 1, true),
                    "{email}: the application, its account, its draft gone, its history, its mail"
                );
            }
            None => {
                assert!(
                    !submitted.contains(n),
                    "answered submission of {email} is lost"
                );
                assert_eq!(
                    (accounts, draft_left, told),
                    (0, 1, 0),
                    "{email}: half a submission"
                );
            }
        }
    }
    let mut changed = 0;
    for (n, slug, _) in &editors {
        let name_en: String =
            sqlx::query_scalar("SELECT name_en FROM organisations WHERE slug = $1")
                .bind(slug)
                .fetch_one(db.pool())
                .await
                .unwrap();
        let history: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM organisation_changes c JOIN organisations o ON o.id = c.organisation_id WHERE o.slug = $1",
        )
        .bind(slug)
        .fetch_one(db.pool())
        .await
        .unwrap();
        if name_en == format!("Edited {n}") {
            changed += 1;
            assert_eq!(history, 1, "{slug}: the edit and its history");
        } else {
            assert!(!edited.contains(n), "answered edit of {slug} is lost");
            assert_eq!(history, 0, "{slug}: history without the edit");
        }
    }
    eprintln!(
        "crash test: {} submissions, {} decisions and {} edits answered before the kill; \
         {arrived}, {taken} and {changed} there after it",
        submitted.len(),
        decided.len(),
        edited.len()
    );
    db.close().await;
    server.kill().ok();
    server.wait().ok();
    let _ = std::fs::remove_dir_all(&data);
}
