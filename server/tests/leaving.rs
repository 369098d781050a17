//! Leaving and withdrawing against the real server: an applicant withdraws
//! an application, a member organisation asks to leave and staff record the
//! end of its membership, a representative downloads the organisation's
//! data, and staff who chose to be told are mailed.

mod common;

use common::applicant::Applicant;
use common::{location, spawn_demo_app, TestApp};

const ADMIN: (&str, &str) = ("admin@alliance.example.org", "admin-demo-Alliance-2026");
const STAFF: (&str, &str) = ("staff@alliance.example.org", "staff-demo-Alliance-2026");
const BOARD: (&str, &str) = ("board@alliance.example.org", "board-demo-Alliance-2026");
const NAKARGI: (&str, &str) = ("nakargi@alliance.example.org", "member-demo-Alliance-2026");
const ERTAD: (&str, &str) = ("ertad@alliance.example.org", "member-demo-Alliance-2026");

async fn scalar(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// The mails sent to `to` so far.
async fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.outbox()
        .await
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")))
        .collect()
}

/// Lets the mail sent after an answer leave.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

async fn notify(app: &TestApp, session: &str, on: bool) {
    let form: &[(&str, &str)] = if on { &[("notify", "on")] } else { &[] };
    let response = app
        .post_form("/account/notifications", form, Some(session))
        .await;
    assert_eq!(response.status(), 303);
    let expected = if on { "on" } else { "off" };
    assert_eq!(
        location(&response),
        format!("/account?notify_saved={expected}")
    );
}

#[tokio::test]
async fn an_applicant_withdraws_an_open_application_and_staff_who_asked_are_told_of_it() {
    let app = spawn_demo_app().await;
    let staff = app.sign_in(STAFF).await;
    notify(&app, &staff, true).await;
    let admin = app.sign_in(ADMIN).await;
    notify(&app, &admin, false).await;
    // The setting is staff's: a representative cannot turn it on.
    let nakargi = app.sign_in(NAKARGI).await;
    let refused = app
        .post_form(
            "/account/notifications",
            &[("notify", "on")],
            Some(&nakargi),
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert!(app
        .page_en(&staff, "/account")
        .await
        .contains("Mail me when an application arrives"));
    assert!(!app
        .page_en(&nakargi, "/account")
        .await
        .contains("Mail me when an application arrives"));

    let a = Applicant::new(&app);
    a.fill("405999001", "2020-01-15", "full").await;
    let sent = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&sent), "/apply/status?sent=1");
    settle().await;
    let told = mails_to(&app, STAFF.0).await;
    assert_eq!(told.len(), 1, "staff who asked are told once");
    let id = app.count("SELECT MAX(id) FROM applications").await;
    assert!(told[0].contains(&format!("/admin/applications/{id}")));
    assert!(
        mails_to(&app, ADMIN.0).await.is_empty(),
        "not asked: not told"
    );
    assert!(mails_to(&app, BOARD.0).await.is_empty());

    let token = a.token().to_string();
    let status = || async {
        scalar(
            &app,
            &format!("SELECT status FROM applications WHERE id = {id}"),
        )
        .await
    };
    // Without the box ticked nothing happens, and the page says why.
    let unticked = a.post("/apply/withdraw", &[("token", &token)]).await;
    assert_eq!(unticked.status(), 303);
    let back = location(&unticked);
    assert!(back.contains("e_confirm=confirm_required"), "{back}");
    let page = a.get(&back).await.text().await.unwrap();
    assert!(
        page.contains("Tick this box to confirm."),
        "the problem is shown"
    );
    assert_eq!(status().await, "submitted");

    // Somebody else's account cannot withdraw it by its number.
    let response = app
        .post_form(
            "/apply/withdraw",
            &[("application", &id.to_string()), ("confirm", "yes")],
            Some(&nakargi),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("outcome=not_withdrawn"));
    // Nor a made-up link.
    let response = app
        .post_form(
            "/apply/withdraw",
            &[("token", "not-a-real-token"), ("confirm", "yes")],
            None,
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(status().await, "submitted");

    // The link's holder withdraws it: recorded in its history, once.
    let done = a
        .post("/apply/withdraw", &[("token", &token), ("confirm", "yes")])
        .await;
    assert_eq!(
        location(&done),
        format!("/apply/status?token={token}&outcome=withdrawn")
    );
    assert_eq!(status().await, "withdrawn");
    let again = a
        .post("/apply/withdraw", &[("token", &token), ("confirm", "yes")])
        .await;
    assert!(location(&again).contains("outcome=not_withdrawn"));
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM application_events WHERE application_id = {id} AND action = 'withdrawn'")).await,
        1
    );
    let page = a
        .get(&format!("/apply/status?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Withdrawn"));
    assert!(
        !page.contains("Withdraw the application"),
        "no second withdrawal offered"
    );

    // It waits for nobody: gone from the queue, and the code is free again.
    let queue = app.page_en(&staff, "/admin/applications").await;
    assert!(
        !queue.contains(&format!("/admin/applications/{id}\"")),
        "{queue}"
    );
    let b = Applicant::new(&app);
    b.fill_as("405999001", "2020-01-15", "full", "other@ksovili.example")
        .await;
}

/// Staff (or whoever `session` is) record that Nakargi's membership ended on `day`.
async fn end_membership(app: &TestApp, session: &str, day: &str) -> reqwest::Response {
    app.post_form(
        "/admin",
        &[
            ("do", "end_membership"),
            ("slug", "nakargi"),
            ("left_on", day),
        ],
        Some(session),
    )
    .await
}

#[tokio::test]
async fn a_member_asks_to_leave_and_staff_record_the_end_of_its_membership() {
    let app = spawn_demo_app().await;
    let staff = app.sign_in(STAFF).await;
    notify(&app, &staff, true).await;
    let nakargi = app.sign_in(NAKARGI).await;
    let account = app.page_en(&nakargi, "/account").await;
    assert!(account.contains("Ask to leave the Alliance"));

    // The box must be ticked; the reason typed is kept.
    let again = app
        .post_form_again(
            "/account/leave",
            &[("do", "ask"), ("reason", "Closing the workshop")],
            Some(&nakargi),
        )
        .await;
    assert!(again.contains("Tick this box to confirm."), "{again}");
    assert!(again.contains("Closing the workshop"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE slug = 'nakargi' AND leave_requested_at IS NOT NULL").await,
        0
    );
    // Only a representative of a member asks.
    let refused = app
        .post_form(
            "/account/leave",
            &[("do", "ask"), ("confirm", "yes")],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 403);

    let reason = "<script>alert(1)</script> We are closing the workshop.";
    let asked = app
        .post_form(
            "/account/leave",
            &[("do", "ask"), ("reason", reason), ("confirm", "yes")],
            Some(&nakargi),
        )
        .await;
    assert_eq!(location(&asked), "/account?leave=asked");
    // Asked twice (a double click): one request, one mail.
    let twice = app
        .post_form(
            "/account/leave",
            &[("do", "ask"), ("reason", reason), ("confirm", "yes")],
            Some(&nakargi),
        )
        .await;
    assert_eq!(twice.status(), 303);
    settle().await;
    let told = mails_to(&app, STAFF.0).await;
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("/admin"));
    assert!(app
        .page_en(&nakargi, "/account")
        .await
        .contains("Your organisation asked to leave the Alliance on"));
    let dashboard = app.page_en(&staff, "/admin").await;
    assert!(dashboard.contains("Members asking to leave"));
    assert!(dashboard.contains("Nakargi Embroidery Workshop"));
    assert!(dashboard.contains("We are closing the workshop."));
    assert!(
        dashboard.contains("asked to leave"),
        "the latest changes name the request for what it is"
    );
    assert!(
        !dashboard.contains("<script>alert(1)"),
        "the reason is escaped"
    );

    // The day is checked by the server: a real day, not in the future, not
    // before the organisation joined.
    for (day, error) in [
        ("2017-02-09", "left_on_early"),
        ("2999-01-01", "left_on_future"),
        ("next week", "left_on_invalid"),
    ] {
        let response = end_membership(&app, &staff, day).await;
        assert_eq!(
            location(&response),
            format!("/admin?error={error}&slug=nakargi"),
            "{day}"
        );
    }
    // Nobody but staff records it.
    let refused = end_membership(&app, &nakargi, "2026-01-01").await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        scalar(
            &app,
            "SELECT status FROM organisations WHERE slug = 'nakargi'"
        )
        .await,
        "active"
    );

    let votes_before = app.count("SELECT COUNT(*) FROM poll_votes v JOIN organisations o ON o.id = v.organisation_id WHERE o.slug = 'nakargi'").await;
    let active_before = app
        .count("SELECT COUNT(*) FROM organisations WHERE status = 'active'")
        .await;
    let ended = end_membership(&app, &staff, "2026-01-01").await;
    assert_eq!(ended.status(), 303);
    assert!(location(&ended).starts_with("/admin?ended="));
    assert!(app
        .page_en(&staff, "/admin")
        .await
        .contains("membership ended"));
    assert_eq!(
        scalar(
            &app,
            "SELECT status FROM organisations WHERE slug = 'nakargi'"
        )
        .await,
        "left"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT left_on FROM organisations WHERE slug = 'nakargi'"
        )
        .await,
        "2026-01-01"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE status = 'active'")
            .await,
        active_before - 1,
        "gone from the voting lists, which count active members"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM poll_votes v JOIN organisations o ON o.id = v.organisation_id WHERE o.slug = 'nakargi'").await,
        votes_before,
        "its past votes are kept"
    );
    // Gone from the directory and its profile; recorded twice in its history.
    let members = app.get_in("en", "/members").await.text().await.unwrap();
    assert!(!members.contains("Nakargi Embroidery Workshop"));
    assert_eq!(app.get_in("en", "/members/nakargi").await.status(), 404);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisation_changes c JOIN organisations o ON o.id = c.organisation_id WHERE o.slug = 'nakargi'").await,
        2
    );
    // … and in the audit log, by whom, in the same order.
    let audited: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT l.kind, l.actor_id FROM audit_log l JOIN organisations o \
         ON l.subject = 'organisation ' || CAST(o.id AS TEXT) \
         WHERE o.slug = 'nakargi' ORDER BY l.seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let kinds: Vec<&str> = audited.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["organisation.leave_requested", "organisation.left"]);
    assert!(audited.iter().all(|(_, actor)| actor.is_some()));
    assert!(matches!(app::audit::store::verify(&app.db).await.unwrap(), Ok((n, _)) if n >= 2));
    // Its representative speaks for it no more, at once.
    let account = app.page_en(&nakargi, "/account").await;
    assert!(!account.contains("Ask to leave the Alliance"));
    assert!(!account.contains("Nakargi Embroidery Workshop"));
    let refused = app
        .post_form("/account/leave", &[("do", "take_back")], Some(&nakargi))
        .await;
    assert_eq!(refused.status(), 403);
    let edit = app.get_as(&nakargi, "/members/nakargi/edit").await;
    assert_ne!(edit.status(), 200, "the profile is not theirs to edit");
    // A second recording finds nothing to end.
    let again = end_membership(&app, &staff, "2026-01-01").await;
    assert_eq!(location(&again), "/admin?error=not_ended");
}

#[tokio::test]
async fn a_request_to_leave_can_be_taken_back_before_the_end_is_recorded() {
    let app = spawn_demo_app().await;
    let ertad = app.sign_in(ERTAD).await;
    let asked = app
        .post_form(
            "/account/leave",
            &[("do", "ask"), ("confirm", "yes")],
            Some(&ertad),
        )
        .await;
    assert_eq!(location(&asked), "/account?leave=asked");
    let back = app
        .post_form("/account/leave", &[("do", "take_back")], Some(&ertad))
        .await;
    assert_eq!(location(&back), "/account?leave=taken_back");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE slug = 'ertad-cafe' AND leave_requested_at IS NULL AND status = 'active'").await,
        1
    );
    let staff = app.sign_in(STAFF).await;
    assert!(app
        .page_en(&staff, "/admin")
        .await
        .contains("No member organisation has asked to leave."));
}

#[tokio::test]
async fn a_representative_downloads_what_the_platform_holds_and_nothing_of_others() {
    let app = spawn_demo_app().await;
    // Signed out: sign in first.
    let response = app.get("/account/export").await;
    assert_ne!(response.status(), 200);

    let nakargi = app.sign_in(NAKARGI).await;
    let response = app.get_as(&nakargi, "/account/export").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"alliance-data-"));
    assert_eq!(headers["cache-control"], "no-store");
    let text = response.text().await.unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(data["account"]["email"], NAKARGI.0);
    assert_eq!(data["organisation"]["slug"], "nakargi");
    assert_eq!(
        data["organisation"]["name_en"],
        "Nakargi Embroidery Workshop"
    );
    assert_eq!(data["organisation"]["sectors"][0], "C");
    assert!(data["organisation"]["representatives"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["email"] == NAKARGI.0));
    assert!(!data["account"]["sessions"].as_array().unwrap().is_empty());
    // No secrets, nothing of another organisation.
    assert!(!text.contains("password") && !text.contains("token_hash"));
    let other: String =
        sqlx::query_scalar("SELECT id_code FROM organisations WHERE slug = 'ertad-cafe'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(!text.contains(&other));
    assert!(!text.contains(ERTAD.0));

    // Staff have no organisation: their account only.
    let staff = app.sign_in(STAFF).await;
    let data: serde_json::Value = app
        .get_as(&staff, "/account/export")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data["account"]["email"], STAFF.0);
    assert!(data["organisation"].is_null());
}
