//! The secretariat's dashboard: what waits, the one-step upgrade, mail
//! that could not be sent, the latest changes.

mod common;

use common::{location, spawn_demo_app, TestApp};

const STAFF: (&str, &str) = ("staff@alliance.example.org", "staff-demo-Alliance-2026");

async fn page_en(app: &TestApp, session: &str, path: &str) -> String {
    let response = app
        .client
        .get(app.url(&app::domain::lang::Lang::En.at(path)))
        .header("cookie", format!("lang=en; alliance_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    common::without_markers(&response.text().await.unwrap())
}

/// The part of the dashboard under heading `id`.
fn part<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

#[tokio::test]
async fn the_dashboard_shows_what_waits_and_upgrades_an_associate_in_one_step() {
    let app = spawn_demo_app().await;
    let staff = app.login(STAFF.0, STAFF.1).await.unwrap();
    let board = app
        .login("board@alliance.example.org", "board-demo-Alliance-2026")
        .await
        .unwrap();
    assert_eq!(
        app.get_as(&board, "/admin").await.status(),
        403,
        "the dashboard is the secretariat's"
    );

    // Applications waiting, oldest first.
    let expected: Vec<(String, i64)> = sqlx::query_as(
        "SELECT name_en, id FROM applications WHERE status IN ('submitted', 'resubmitted') \
         ORDER BY submitted_at, id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(!expected.is_empty(), "the demo has applications waiting");
    let html = page_en(&app, &staff, "/admin").await;
    let waiting = part(&html, "dash-waiting");
    let mut at = 0;
    for (_, id) in &expected {
        let found = waiting[at..]
            .find(&format!("/admin/applications/{id}\""))
            .unwrap_or_else(|| panic!("application {id} in order"));
        at += found + 1;
    }

    // An associate with two years of activity, and one without.
    for (slug, start) in [("nakargi", "2019-05-01"), ("ertad-cafe", "2026-01-01")] {
        sqlx::query(
            "UPDATE organisations SET category = 'associate', status = 'active', activity_start = $1 \
             WHERE slug = $2",
        )
        .bind(start)
        .bind(slug)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let html = page_en(&app, &staff, "/admin").await;
    let upgrades = part(&html, "dash-upgrades");
    assert!(upgrades.contains("/members/nakargi\""));
    assert!(!upgrades.contains("/members/ertad-cafe\""));
    assert!(upgrades.contains("aria-label=\"Make a full member: Nakargi Embroidery Workshop\""));

    // The server checks again: not yet two years, or not an associate.
    let early = app
        .post_form(
            "/admin",
            &[("do", "upgrade"), ("slug", "ertad-cafe")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&early), "/admin?error=not_upgraded");
    let done = app
        .post_form(
            "/admin",
            &[("do", "upgrade"), ("slug", "nakargi")],
            Some(&staff),
        )
        .await;
    assert_eq!(
        location(&done),
        "/admin?upgraded=%E1%83%9C%E1%83%90%E1%83%A5%E1%83%90%E1%83%A0%E1%83%92%E1%83%98"
    );
    let category: String =
        sqlx::query_scalar("SELECT category FROM organisations WHERE slug = 'nakargi'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(category, "full");
    let again = app
        .post_form(
            "/admin",
            &[("do", "upgrade"), ("slug", "nakargi")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&again), "/admin?error=not_upgraded", "never twice");
    let html = page_en(&app, &staff, "/admin").await;
    let changes = part(&html, "dash-changes");
    assert!(changes.contains("profile changed"));
    assert!(changes.contains("/members/nakargi\""));
    assert!(changes.contains("by staff@alliance.example.org"));
    let members = app
        .get("/members?category=full")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        members.contains("/members/nakargi\""),
        "the directory shows the new category"
    );

    // An assembly being prepared, and what it lacks.
    app::assemblies::store::create(
        &app.db,
        &app::assemblies::store::NewAssembly {
            title_ka: "რიგგარეშე კრება",
            title_en: "Extraordinary Assembly",
            kind: "extraordinary",
            starts_at: 4_000_000_000,
            place: "online",
            rules: Default::default(),
        },
    )
    .await
    .unwrap();
    let html = page_en(&app, &staff, "/admin").await;
    let assemblies = part(&html, "dash-assemblies");
    let at = assemblies.find("Extraordinary Assembly").unwrap();
    assert!(assemblies[at..].contains("not announced yet; no agenda yet"));
    app.stop().await.unwrap();
}

#[tokio::test]
async fn mail_given_up_is_shown_without_its_text_until_dismissed() {
    let app = spawn_demo_app().await;
    let staff = app.login(STAFF.0, STAFF.1).await.unwrap();
    // Nothing listens on port 9 of this machine: every attempt fails.
    let refused = app::mail::Mailer::new(
        Some("smtp://127.0.0.1:9"),
        &app.data_dir,
        "Alliance <a@b.ge>",
    )
    .unwrap();
    let now = app::db::now_unix();
    let id = app::db::mail_queue::enqueue(
        &app.db,
        "gone@example.ge",
        "Reset your password",
        "https://alliance.example/reset?token=secret-link-token",
        None,
        now,
    )
    .await
    .unwrap();
    refused.deliver_queued(&app.db, id).await;
    let (attempts, error): (i64, Option<String>) =
        sqlx::query_as("SELECT attempts, last_error FROM mail_queue WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(!error.unwrap_or_default().is_empty(), "the error is kept");
    let html = page_en(&app, &staff, "/admin").await;
    assert!(part(&html, "dash-mail").contains("1 mail could not be sent yet"));

    // The last attempt: given up, kept without its text.
    sqlx::query("UPDATE mail_queue SET attempts = 11, next_attempt_at = 0 WHERE id = $1")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    refused.deliver_queued(&app.db, id).await;
    let body: String = sqlx::query_scalar("SELECT body FROM mail_queue WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(body, "", "a mailed link is not kept in clear");
    assert_eq!(app::db::mail_queue::waiting(&app.db).await.unwrap(), 0);
    assert!(
        app::db::mail_queue::due(&app.db, now + 1_000_000, 10)
            .await
            .unwrap()
            .is_empty(),
        "never tried again"
    );
    let html = page_en(&app, &staff, "/admin").await;
    let mail = part(&html, "dash-mail");
    assert!(mail.contains("gone@example.ge"));
    assert!(mail.contains("Reset your password"));
    assert!(!html.contains("secret-link-token"));

    let dismissed = app
        .post_form(
            "/admin",
            &[("do", "dismiss_mail"), ("mail", &id.to_string())],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&dismissed), "/admin?dismissed=1");
    let html = page_en(&app, &staff, "/admin").await;
    assert!(part(&html, "dash-mail").contains("Every mail has left."));
    app.stop().await.unwrap();
}
