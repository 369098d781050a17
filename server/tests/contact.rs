//! The contact page administrators keep current, and the privacy notice.

mod common;

use common::{location, spawn_demo_app, TestApp};

async fn page_en(app: &TestApp, session: Option<&str>, path: &str) -> String {
    let cookie = match session {
        Some(session) => format!("lang=en; alliance_session={session}"),
        None => "lang=en".to_string(),
    };
    let response = app
        .client
        .get(app.url(&app::domain::lang::Lang::En.at(path)))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    common::without_markers(&response.text().await.unwrap())
}

#[tokio::test]
async fn administrators_keep_the_contacts_current_and_everyone_reads_them() {
    let app = spawn_demo_app().await;
    let before = page_en(&app, None, "/contact").await;
    assert!(before.contains("The Alliance has not published its contacts here yet."));
    assert!(
        !before.contains("Edit the contacts"),
        "visitors cannot edit"
    );
    assert!(before.contains("href=\"/en/privacy\""));
    let staff = app
        .login("staff@alliance.example.org", "staff-demo-Alliance-2026")
        .await
        .unwrap();
    assert!(!page_en(&app, Some(&staff), "/contact")
        .await
        .contains("Edit the contacts"));
    assert!(page_en(&app, Some(&staff), "/admin/contact")
        .await
        .contains("You do not have access to this page."));
    let refused = app
        .post_form("/admin/contact", &[("email", "x@example.ge")], Some(&staff))
        .await;
    assert_eq!(refused.status(), 403, "only administrators change them");

    let admin = app
        .login("admin@alliance.example.org", "admin-demo-Alliance-2026")
        .await
        .unwrap();
    assert!(page_en(&app, Some(&admin), "/contact")
        .await
        .contains("Edit the contacts"));
    let form = page_en(&app, Some(&admin), "/admin/contact").await;
    assert!(form.contains("Address in Georgian"));

    // Problems are shown next to their fields; nothing typed is lost.
    let again = app
        .post_form_again(
            "/admin/contact",
            &[
                ("address_ka", "თბილისი, ჭავჭავაძის 10"),
                ("email", "not an address"),
                ("phone", "call us"),
                ("board_en", &"x".repeat(1_001)),
            ],
            Some(&admin),
        )
        .await;
    assert!(again.contains("Enter an email address in the right format"));
    assert!(again.contains("Enter a phone number with 6 to 15 digits"));
    assert!(again.contains("This is too long."));
    assert!(again.contains("თბილისი, ჭავჭავაძის 10"));
    assert!(again.contains("value=\"not an address\""));
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing is saved while a field has a problem");

    let saved = app
        .post_form(
            "/admin/contact",
            &[
                ("address_ka", "თბილისი, ჭავჭავაძის 10"),
                (
                    "address_en",
                    "10 Chavchavadze Ave\n<script>alert(1)</script>\u{0}Tbilisi",
                ),
                ("email", " Info@Alliance.example.org "),
                ("phone", "+995 32 212 3456"),
                ("secretariat_en", "Nino, coordinator: +995 555 12 34 56"),
                ("board_en", "Write to the chair through the secretariat."),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&saved), "/contact?saved=1");
    let shown = page_en(&app, None, "/contact").await;
    assert!(shown.contains("10 Chavchavadze Ave"));
    assert!(
        !shown.contains("<script>alert(1)"),
        "kept as text, never as markup"
    );
    assert!(shown.contains("&lt;script&gt;"));
    assert!(shown.contains("href=\"mailto:info@alliance.example.org\""));
    assert!(shown.contains("href=\"tel:+995322123456\""));
    assert!(shown.contains("Nino, coordinator"));
    assert!(shown.contains("Last updated on"));
    let georgian = app.get("/contact").await.text().await.unwrap();
    assert!(
        georgian.contains("თბილისი, ჭავჭავაძის 10"),
        "each language its address"
    );
    let address_en: String = sqlx::query_scalar("SELECT address_en FROM contacts")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        !address_en.contains('\u{0}'),
        "a control character nobody types is dropped"
    );

    // Saved again: still one row, the new text.
    let again = app
        .post_form(
            "/admin/contact",
            &[("phone", "+995 32 200 0000")],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&again), "/contact?saved=1");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(rows, 1);
    let shown = page_en(&app, None, "/contact").await;
    assert!(shown.contains("+995 32 200 0000"));
    assert!(
        !shown.contains("10 Chavchavadze Ave"),
        "the form replaces every field"
    );
    app.stop().await.unwrap();
}

#[tokio::test]
async fn the_privacy_notice_is_there_in_both_languages_and_linked_from_every_page() {
    let app = spawn_demo_app().await;
    let english = page_en(&app, None, "/privacy").await;
    assert!(english.contains("<h1>Privacy notice</h1>"));
    for heading in ["Who is responsible", "What we keep", "Your rights"] {
        assert!(english.contains(heading), "{heading}");
    }
    let georgian = app.get("/privacy").await.text().await.unwrap();
    assert!(georgian.contains("კონფიდენციალურობის პოლიტიკა"));
    assert!(georgian.contains("პერსონალურ მონაცემთა დაცვის სამსახურს"));
    let home = page_en(&app, None, "/").await;
    assert!(home.contains("href=\"/en/privacy\""));
    assert!(home.contains("href=\"/en/contact\""));
    assert!(georgian.contains("href=\"/privacy\""));
    app.stop().await.unwrap();
}
