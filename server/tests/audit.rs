//! The audit log through the real server on a fresh database (SQLite, or
//! PostgreSQL with `ALLIANCE_TEST_DB=postgres`): an assembly's decisions
//! and events are chained as they happen, by whom; a secret ballot is a
//! bare fact; concurrent appends from two instances never fork the chain;
//! `alliance audit verify` names the first entry changed, deleted or
//! inserted; staff read the log with filters, nobody else does.

mod common;

use app::assemblies::store::{cast, BallotContent, Cast};
use app::audit::chain::Break;
use app::audit::store::{record, verify, Entry};
use app::db::Db;
use app::directory::store::organisations::{insert, NewOrganisation};
use app::domain::ids::{OrganisationId, PollId};
use app::domain::voting::Choice;
use common::{location, spawn_app, TestApp};
use std::process::Command;

const PASSWORD: &str = "audit-Tbilisi-2027-chain";

async fn org(app: &TestApp, n: u32) -> i64 {
    let o = NewOrganisation {
        slug: format!("org-{n}"),
        name_ka: format!("ორგანიზაცია {n}"),
        name_en: format!("Organisation {n}"),
        legal_form: "llc".into(),
        id_code: format!("{:09}", 320_000_000 + n),
        category: "full".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        member_since: "2020-01-01".into(),
        ..NewOrganisation::default()
    };
    insert(&app.db, &o).await.unwrap().get()
}

async fn account(app: &TestApp, email: &str, role: &str, org: Option<&str>) -> (i64, String) {
    app.create_account(email, role, org, PASSWORD).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    (id, app.login(email, PASSWORD).await.unwrap())
}

/// (kind, actor, subject, detail) of every entry, in order.
async fn entries(app: &TestApp) -> Vec<(String, Option<i64>, String, String)> {
    sqlx::query_as("SELECT kind, actor_id, subject, detail FROM audit_log ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)], session: &str) -> String {
    let response = app.post_form(path, fields, Some(session)).await;
    assert_eq!(response.status(), 303, "{fields:?}");
    location(&response)
}

fn alliance_verify(app: &TestApp, expect: Option<&str>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_alliance"));
    command
        .args(["audit", "verify"])
        .env("DATABASE_URL", app.database_url());
    if let Some(expect) = expect {
        command.args(["--expect", expect]);
    }
    let out = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn exec(db: &Db, sql: &str) {
    sqlx::query(sql).execute(db.pool()).await.unwrap();
}

#[tokio::test]
async fn an_assembly_is_recorded_as_it_happens_and_tampering_is_named() {
    let app = spawn_app().await;
    let (staff_id, staff) = account(&app, "staff@alliance.example.org", "staff", None).await;
    let o1 = org(&app, 1).await;
    let (member_id, member) = account(&app, "rep1@org.example", "member", Some("org-1")).await;
    org(&app, 2).await;

    let created = post(
        &app,
        "/assemblies",
        &[
            ("title_ka", "საერთო კრება"),
            ("title_en", "General Assembly"),
            ("kind", "ordinary"),
            ("starts_at", "2027-03-12T10:00"),
            ("place", "hybrid"),
            ("quorum", ">1/2"),
            ("voting_categories", "full"),
            ("proxies_per_holder", "1"),
        ],
        &staff,
    )
    .await;
    let id: i64 = created
        .trim_start_matches("/assemblies/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let page = format!("/assemblies/{id}");
    for from in ["draft", "announced"] {
        post(&app, &page, &[("do", "advance"), ("from", from)], &staff).await;
    }
    post(&app, &page, &[("do", "check_in")], &member).await;
    for (question, secret) in [("ფარული?", "1"), ("ღია?", "")] {
        let mut fields = vec![
            ("do", "poll"),
            ("poll_ka", question),
            ("poll_en", ""),
            ("agenda_item", ""),
            ("kind", "motion"),
            ("rule", "simple"),
            ("seats", "1"),
            ("candidates", ""),
        ];
        if !secret.is_empty() {
            fields.push(("secret", secret));
        }
        post(&app, &page, &fields, &staff).await;
    }
    let polls: Vec<i64> = sqlx::query_scalar("SELECT id FROM polls ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    for poll in &polls {
        let poll = poll.to_string();
        // One of two present: opened without quorum, confirmed.
        let opened = post(
            &app,
            &page,
            &[("do", "open"), ("poll", &poll), ("without_quorum", "yes")],
            &staff,
        )
        .await;
        assert!(opened.ends_with("done=opened"), "{opened}");
    }
    let org = OrganisationId(o1);
    for (poll, choice) in polls.iter().zip([Choice::Yes, Choice::No]) {
        let done = cast(
            &app.db,
            PollId(*poll),
            org,
            org,
            &BallotContent::Motion(choice),
        )
        .await
        .unwrap();
        assert!(matches!(done, Cast::Recorded { .. }));
    }
    for poll in &polls {
        let poll = poll.to_string();
        post(&app, &page, &[("do", "close"), ("poll", &poll)], &staff).await;
    }

    // Each event in order, by whom; the quorum as it stood at each opening.
    let log = entries(&app).await;
    let kinds: Vec<&str> = log.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "assembly.created",
            "assembly.announced",
            "assembly.in_session",
            "attendance.checked_in",
            "poll.created",
            "poll.created",
            "poll.opened",
            "poll.opened",
            "ballot.secret",
            "ballot.named",
            "poll.closed",
            "poll.closed",
        ]
    );
    let subject = format!("assembly {id}");
    assert_eq!(log[0].1, Some(staff_id));
    assert_eq!(log[0].2, subject);
    assert!(log[0].3.contains(r#""quorum":">1/2""#), "{}", log[0].3);
    assert_eq!(log[3].1, Some(member_id), "the member checked in");
    assert!(log[3].3.contains(&format!(r#""organisation":{o1}"#)));
    assert!(log[6].3.contains(r#""present":1"#) && log[6].3.contains(r#""needed":2"#));
    assert!(
        log[6].3.contains(r#""without_quorum":true"#),
        "{}",
        log[6].3
    );
    // The secret ballot: its poll, and nothing else — no one, no content.
    assert_eq!(log[8].1, None);
    assert_eq!(log[8].2, format!("poll {}", polls[0]));
    assert_eq!(log[8].3, "{}");
    // The named ballot is public anyway: its organisation and choice.
    assert!(
        log[9].3.contains(&format!(r#""organisation":{o1}"#))
            && log[9].3.contains(r#""choice":"no""#)
    );
    assert!(log[10].3.contains(r#""ballots":1"#));

    // Intact: the command says so and prints the chain's end.
    let (head_seq, head_hash): (i64, String) = sqlx::query_as("SELECT seq, hash FROM audit_head")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(head_seq, 12);
    assert_eq!(verify(&app.db).await.unwrap(), Ok((12, head_hash.clone())));
    let end = format!("12:{head_hash}");
    let (ok, said) = alliance_verify(&app, Some(&end));
    assert!(ok, "{said}");
    assert!(
        said.contains(&format!("12 entries; the chain ends at {end}")),
        "{said}"
    );

    // Someone with the database changes what an entry records.
    let original: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE seq = 4")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    exec(
        &app.db,
        r#"UPDATE audit_log SET detail = '{"organisation":999}' WHERE seq = 4"#,
    )
    .await;
    assert_eq!(
        verify(&app.db).await.unwrap(),
        Err(Break::Changed { seq: 4 })
    );
    let (ok, said) = alliance_verify(&app, None);
    assert!(!ok);
    assert!(said.contains("entry 4 was changed"), "{said}");
    // … and makes its hash match: the next entry no longer follows it.
    let forged: (i64, Option<i64>, String, String, String) = sqlx::query_as(
        "SELECT at, actor_id, kind, subject, prev_hash FROM audit_log WHERE seq = 4",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let rehash = app::audit::chain::link(
        &forged.4,
        &app::audit::chain::canonical(
            4,
            forged.0,
            forged.1,
            &forged.2,
            &forged.3,
            r#"{"organisation":999}"#,
        ),
    );
    sqlx::query("UPDATE audit_log SET hash = $1 WHERE seq = 4")
        .bind(&rehash)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        verify(&app.db).await.unwrap(),
        Err(Break::DoesNotFollow { seq: 5 })
    );
    let (ok, said) = alliance_verify(&app, None);
    assert!(
        !ok && said.contains("entry 5 does not follow entry 4"),
        "{said}"
    );
    // Put back, the chain is whole again.
    let real_hash: String = sqlx::query_scalar("SELECT prev_hash FROM audit_log WHERE seq = 5")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET detail = $1, hash = $2 WHERE seq = 4")
        .bind(&original)
        .bind(&real_hash)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(verify(&app.db).await.unwrap().is_ok());

    // An entry deleted in the middle, then one at the end.
    let kept: (i64, Option<i64>, String, String, String, String, String) = sqlx::query_as(
        "SELECT at, actor_id, kind, subject, detail, prev_hash, hash FROM audit_log WHERE seq = 7",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    exec(&app.db, "DELETE FROM audit_log WHERE seq = 7").await;
    assert_eq!(
        verify(&app.db).await.unwrap(),
        Err(Break::Missing { seq: 7 })
    );
    let (ok, said) = alliance_verify(&app, None);
    assert!(!ok && said.contains("entry 7 is missing"), "{said}");
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_id, kind, subject, detail, prev_hash, hash) \
         VALUES (7, $1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(kept.0)
    .bind(kept.1)
    .bind(&kept.2)
    .bind(&kept.3)
    .bind(&kept.4)
    .bind(&kept.5)
    .bind(&kept.6)
    .execute(app.db.pool())
    .await
    .unwrap();
    assert!(verify(&app.db).await.unwrap().is_ok());
    exec(&app.db, "DELETE FROM audit_log WHERE seq = 12").await;
    assert_eq!(
        verify(&app.db).await.unwrap(),
        Err(Break::End {
            head_seq: 12,
            last_seq: 11
        })
    );
    // Cut with the end moved back too: only the printed end tells.
    let eleven: String = sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = 11")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_head SET seq = 11, hash = $1")
        .bind(&eleven)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(verify(&app.db).await.unwrap().is_ok());
    let (ok, said) = alliance_verify(&app, Some(&end));
    assert!(
        !ok && said.contains("does not pass through the expected end"),
        "{said}"
    );
    let (ok, said) = alliance_verify(&app, Some(&format!("11:{eleven}")));
    assert!(ok, "{said}");
}

#[tokio::test]
async fn concurrent_appends_from_two_instances_keep_one_chain() {
    let app = spawn_app().await;
    // A second pool on the same database, as a second instance has.
    let other = Db::connect(app.database_url()).await.unwrap();
    let writes = (0..60).map(|i| {
        let db = if i % 2 == 0 {
            app.db.clone()
        } else {
            other.clone()
        };
        tokio::spawn(async move {
            record(
                &db,
                &Entry::new("test.append", format!("writer {i}")).with("i", i),
            )
            .await
            .unwrap()
        })
    });
    let mut seqs = Vec::new();
    for write in writes {
        seqs.push(write.await.unwrap());
    }
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=60).collect::<Vec<i64>>(),
        "no number twice, none skipped"
    );
    assert!(matches!(verify(&app.db).await.unwrap(), Ok((60, _))));
}

#[tokio::test]
async fn staff_read_the_log_with_filters_and_nobody_else_does() {
    let app = spawn_app().await;
    let (_, staff) = account(&app, "staff@alliance.example.org", "staff", None).await;
    let (_, admin) = account(&app, "admin@alliance.example.org", "admin", None).await;
    org(&app, 1).await;
    let (member_id, member) = account(&app, "rep1@org.example", "member", Some("org-1")).await;
    // The administrator makes the member's account staff, then member again.
    for role in ["staff", "member"] {
        let done = app
            .post_form(
                "/admin/users/change",
                &[
                    ("do", "role"),
                    ("user", &member_id.to_string()),
                    ("role", role),
                ],
                Some(&admin),
            )
            .await;
        assert_eq!(done.status(), 303);
    }
    record(&app.db, &Entry::new("test.platform", "nothing"))
        .await
        .unwrap();

    let html = app.page_en(&staff, "/admin/audit").await;
    assert!(html.contains("Audit log"));
    assert!(html.contains("3 entries"), "two role changes and one more");
    assert!(html.contains("Role changed"));
    assert!(html.contains("admin@alliance.example.org"), "who did it");
    assert!(html.contains("the platform"));
    assert!(html.contains("The chain ends at entry 3"));
    let filtered = app
        .page_en(
            &staff,
            "/admin/audit?what=account.role&who=ADMIN@alliance.example.org",
        )
        .await;
    assert!(filtered.contains("2 entries"), "{filtered}");
    assert!(
        filtered.contains(r#""to":"staff""#)
            || filtered.contains("&quot;to&quot;:&quot;staff&quot;")
    );
    let family = app.page_en(&staff, "/admin/audit?what=test").await;
    assert!(family.contains("1 entry"));
    let nobody = app
        .page_en(&staff, "/admin/audit?who=nobody@example.org")
        .await;
    assert!(nobody.contains("No entry matches."));
    let future = app.page_en(&staff, "/admin/audit?from=2099-01-01").await;
    assert!(future.contains("No entry matches."));
    let bad = app.page_en(&staff, "/admin/audit?from=yesterday").await;
    assert!(bad.contains("A date could not be read"));
    assert!(bad.contains("3 entries"));
    // A filter cannot reach the SQL: quotes and wildcards are plain text.
    let odd = app
        .page_en(&staff, "/admin/audit?what=%25&who=%27%20OR%201%3D1%20--")
        .await;
    assert!(odd.contains("No entry matches."));

    let refused = app.page_en(&member, "/admin/audit").await;
    assert!(!refused.contains("Role changed"));
    assert!(refused.contains("You do not have access to this page."));
    assert!(!refused.contains("The chain ends"));
    let anonymous = app.get("/admin/audit").await.text().await.unwrap();
    assert!(!anonymous.contains("Role changed"));
}
