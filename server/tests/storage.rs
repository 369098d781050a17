//! The storage layer and the commands around it, on SQLite or PostgreSQL.

mod common;

use app::db::Db;
use common::{spawn_app, spawn_demo_app, TestDatabase};

#[tokio::test]
async fn migrations_can_run_again() {
    let database = TestDatabase::create().await;
    let db = Db::connect(&database.url).await.unwrap();
    app::migrate(&db).await.unwrap();
    app::migrate(&db)
        .await
        .expect("a second run finds nothing to do");
    let tables: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(tables, 0);
}

#[tokio::test]
async fn demo_seed_is_complete_and_idempotent() {
    let app = spawn_app().await;
    assert!(
        alliance::seed::demo(&app.db).await.unwrap(),
        "first run adds data"
    );
    assert!(
        !alliance::seed::demo(&app.db).await.unwrap(),
        "second run adds nothing"
    );
    let scalar = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(db.pool())
                .await
                .unwrap()
        }
    };
    assert!(scalar("SELECT COUNT(*) FROM organisations").await >= 40);
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT region) FROM organisation_regions").await,
        12
    );
    assert!(scalar("SELECT COUNT(DISTINCT sector) FROM organisation_sectors").await >= 10);
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT category) FROM organisations").await,
        3
    );
    assert!(
        scalar("SELECT COUNT(*) FROM organisations WHERE name_en = '' OR name_ka = ''").await == 0
    );
    assert!(scalar("SELECT COUNT(*) FROM news_posts").await >= 5);
    assert_eq!(scalar("SELECT COUNT(*) FROM board_members").await, 14);
    // Last year's assembly is closed with its votes counted; this year's
    // is in session; the audit chain holds it all, intact.
    assert_eq!(
        scalar("SELECT COUNT(*) FROM assemblies WHERE status = 'closed'").await,
        1
    );
    assert_eq!(
        scalar("SELECT COUNT(*) FROM assemblies WHERE status = 'in_session'").await,
        1
    );
    assert_eq!(
        scalar("SELECT COUNT(*) FROM assemblies WHERE status = 'announced'").await,
        1
    );
    // The initial Board and the one last year's assembly elected.
    assert_eq!(scalar("SELECT COUNT(*) FROM board_terms").await, 2);
    assert_eq!(
        scalar("SELECT COUNT(*) FROM board_terms WHERE poll_id IS NOT NULL").await,
        1
    );
    assert_eq!(
        scalar("SELECT COUNT(*) FROM polls WHERE status = 'closed'").await,
        2
    );
    assert!(scalar("SELECT COUNT(*) FROM secret_ballots").await >= 20);
    assert_eq!(
        scalar("SELECT COUNT(*) FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE p.kind = 'motion' AND p.status = 'closed'").await,
        scalar("SELECT COUNT(*) FROM poll_voters v JOIN polls p ON p.id = v.poll_id WHERE p.kind = 'motion' AND p.status = 'closed'").await,
        "every voter of the past motion voted, the proxy too"
    );
    assert!(matches!(
        app::audit::store::verify(&app.db).await.unwrap(),
        Ok((n, _)) if n > 50
    ));
}

#[tokio::test]
async fn synthetic_seed_covers_every_sector_region_and_category() {
    let app = spawn_app().await;
    let args = alliance::config::SeedArgs {
        demo: false,
        synthetic: Some(300),
    };
    alliance::seed::run(&app.db, &args).await.unwrap();
    let scalar = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(db.pool())
                .await
                .unwrap()
        }
    };
    assert_eq!(scalar("SELECT COUNT(*) FROM organisations").await, 300);
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT sector) FROM organisation_sectors").await,
        21
    );
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT region) FROM organisation_regions").await,
        12
    );
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT impact_area) FROM organisation_impact_areas").await,
        13
    );
    assert_eq!(
        scalar("SELECT COUNT(DISTINCT category) FROM organisations").await,
        3
    );
    alliance::seed::run(&app.db, &args)
        .await
        .expect("a second batch continues the numbering");
    assert_eq!(scalar("SELECT COUNT(*) FROM organisations").await, 600);
}

#[tokio::test]
async fn one_open_membership_per_identification_code() {
    let app = spawn_app().await;
    let org = app::directory::store::organisations::NewOrganisation {
        slug: "first".into(),
        name_ka: "პირველი".into(),
        legal_form: "llc".into(),
        id_code: "123456789".into(),
        category: "full".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        listed: true,
        member_since: "2020-01-01".into(),
        ..Default::default()
    };
    app::directory::store::organisations::insert(&app.db, &org)
        .await
        .unwrap();
    let twin = app::directory::store::organisations::NewOrganisation {
        slug: "second".into(),
        ..org.clone()
    };
    assert!(
        app::directory::store::organisations::insert(&app.db, &twin)
            .await
            .is_err(),
        "the same code twice is refused"
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1, "and nothing half-written remains");
}

#[tokio::test]
async fn backup_is_a_consistent_copy_taken_while_serving() {
    let app = spawn_app().await;
    alliance::seed::demo(&app.db).await.unwrap();
    let target = app.data_dir.with_file_name("backup.copy");
    // The server keeps answering while the copy is made.
    let (backup, page) = tokio::join!(
        app::db::backup(&app.db, app.database_url(), &target),
        app.get("/members")
    );
    backup.expect("backup succeeds");
    assert_eq!(page.status(), 200);
    assert!(std::fs::metadata(&target).unwrap().len() > 0);
    assert!(
        app::db::backup(&app.db, app.database_url(), &target)
            .await
            .is_err(),
        "never overwrites"
    );

    if common::backend() == "sqlite" {
        let copy = Db::connect(&format!("sqlite:{}", target.display()))
            .await
            .unwrap();
        let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
            .fetch_one(copy.pool())
            .await
            .unwrap();
        assert!(orgs >= 40, "the copy holds the data");
    } else {
        let list = std::process::Command::new("pg_restore")
            .arg("--list")
            .arg(&target)
            .output()
            .unwrap();
        assert!(list.status.success());
        assert!(String::from_utf8_lossy(&list.stdout).contains("TABLE DATA public organisations"));
    }
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_database_serves_the_same_data() {
    let app = spawn_demo_app().await;
    let admin = app
        .login("admin@alliance.example.org", "admin-demo-Alliance-2026")
        .await
        .expect("the demo admin signs in");
    let target = app.data_dir.with_file_name("backup.copy");
    app::db::backup(&app.db, app.database_url(), &target)
        .await
        .expect("backup succeeds");
    let before = served(&app, &admin).await;

    assert!(
        matches!(
            app::db::restore(app.database_url(), &target).await,
            Err(app::db::BackupError::NotEmpty)
        ),
        "a restore never writes over a database that holds data"
    );
    let empty = TestDatabase::create().await;
    assert!(
        app::db::restore(&empty.url, &app.data_dir.with_file_name("no.such.file"))
            .await
            .is_err(),
        "a missing file is refused"
    );
    app::db::restore(&empty.url, &target)
        .await
        .expect("restores into an empty database");
    let restored = common::spawn_app_on(empty, |_| {}).await;
    let admin = restored
        .login("admin@alliance.example.org", "admin-demo-Alliance-2026")
        .await
        .expect("the accounts came back with their passwords");
    let after = served(&restored, &admin).await;
    assert_eq!(before.len(), after.len());
    for ((path, before), (_, after)) in before.iter().zip(&after) {
        assert_eq!(
            before, after,
            "{path} serves the same data after the restore"
        );
    }
    restored.stop().await.unwrap();
    app.stop().await.unwrap();
}

/// What the platform serves from its data: the open data whole, and the
/// text of public and staff pages (without the per-answer nonce).
async fn served(app: &common::TestApp, admin: &str) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for path in [
        "/api/v1/members.csv",
        "/api/v1/members?page=2",
        "/news",
        "/board",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        pages.push((
            path.to_string(),
            comparable(app, &response.text().await.unwrap()),
        ));
    }
    for path in [
        "/assemblies",
        "/admin/applications",
        "/admin/users",
        "/admin/organisations",
    ] {
        let response = app.get_as(admin, path).await;
        assert_eq!(response.status(), 200, "{path}");
        pages.push((
            path.to_string(),
            comparable(app, &response.text().await.unwrap()),
        ));
    }
    assert!(
        pages[0].1.lines().count() > 40,
        "the demo members are listed"
    );
    pages
}

/// The page without what differs between two answers of one server, or two
/// servers: the per-answer nonce and the server's own address.
fn comparable(app: &common::TestApp, html: &str) -> String {
    without_nonce(html).replace(&app.addr.to_string(), "SERVER")
}

fn without_nonce(html: &str) -> String {
    let mut out = html.to_string();
    let mut rest = html;
    while let Some(at) = rest.find("nonce=\"") {
        let after = &rest[at + 7..];
        let nonce = after.split('"').next().unwrap_or_default();
        if !nonce.is_empty() {
            // The nonce also appears outside its attribute.
            out = out.replace(nonce, "NONCE");
        }
        rest = after;
    }
    out
}

#[tokio::test]
async fn write_transactions_wait_for_each_other() {
    // Many concurrent read-then-write transactions: none fails with "busy".
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for n in 0..20 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM news_posts").fetch_one(&mut *tx).await?;
            sqlx::query("INSERT INTO news_posts (slug, title_ka, published_at, created_at) VALUES ($1, $2, 0, 0)")
                .bind(format!("post-{n}"))
                .bind(format!("{count}"))
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("no transaction fails");
    }
    let titles: Vec<String> = sqlx::query_scalar("SELECT title_ka FROM news_posts")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(titles.len(), 20, "every write landed");
    if common::backend() == "sqlite" {
        // BEGIN IMMEDIATE takes the write lock before the read, so each
        // transaction saw all the ones before it. (PostgreSQL's default
        // isolation lets them overlap; code there relies on constraints.)
        let mut counts: Vec<i64> = titles.iter().map(|t| t.parse().unwrap()).collect();
        counts.sort_unstable();
        assert_eq!(counts, (0..20).collect::<Vec<_>>(), "serialised");
    }
}
