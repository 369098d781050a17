//! The storage layer and the commands around it, on SQLite or PostgreSQL.

mod common;

use app::db::Db;
use common::{spawn_app, TestDatabase};

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
    assert_eq!(scalar("SELECT COUNT(*) FROM board_members").await, 7);
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
