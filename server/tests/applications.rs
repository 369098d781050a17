//! Membership applications against the real server on a fresh database
//! (SQLite, or PostgreSQL with `ALLIANCE_TEST_DB=postgres`): the wizard's
//! posts, sending, the one-open-application rule under concurrent sends,
//! review decisions (and two reviewers at once), and the returned loop.

mod common;

use app::domain::date::Date;
use app::domain::lang::Lang;
use app::i18n::messages;
use common::applicant::Applicant;
use common::{location, spawn_app_with, TestApp};

const PASSWORD: &str = "reviewer-Password-2026";

async fn app() -> TestApp {
    spawn_app_with(|settings| {
        settings.site.register_limit.max = 1000;
    })
    .await
}

async fn reviewer(app: &TestApp) -> String {
    app.create_account("staff@alliance.example.org", "staff", None, PASSWORD)
        .await;
    app.login("staff@alliance.example.org", PASSWORD)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_step_with_problems_is_shown_again_with_everything_typed() {
    let app = app().await;
    let a = Applicant::new(&app);
    let response = a
        .post(
            "/apply",
            &[
                ("step", "1"),
                ("go", "next"),
                ("name_ka", "<script>alert(1)</script>ქსოვილი"),
                ("legal_form", "llc"),
                ("id_code", "12345"),
                ("registered_on", "2031-01-01"),
                ("sector", "C"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("The identification code has exactly 9 digits."));
    assert!(html.contains("The date must be today or earlier."));
    assert!(
        html.contains("Choose at least one."),
        "regions are required"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;ქსოვილი"),
        "typed text kept, as text"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("value=\"12345\""));
    assert!(
        html.contains("href=\"#field-id_code\""),
        "the error summary links to the field"
    );
    // A later step cannot be skipped to.
    let response = a.post("/apply", &[("step", "4"), ("go", "next")]).await;
    assert_eq!(location(&response), "/apply?step=1");
}

#[tokio::test]
async fn the_eligibility_panel_is_rendered_by_the_server_after_each_step() {
    let app = app().await;
    let a = Applicant::new(&app);
    // Started about seven months ago: associate now, full later.
    let today = Date::from_unix(app::db::now_unix() + app::apply::TBILISI_OFFSET_SECONDS);
    let start = Date::from_days(today.to_days() - 210);
    a.fill("405000001", &start.to_string(), "associate").await;
    let full_from = (messages(Lang::En).format_date)(start.add_months(24));
    let html = a.get("/apply?step=2").await.text().await.unwrap();
    let expected =
        format!("Qualifies for associate membership now; for full membership from {full_from}.");
    assert!(html.contains(&expected), "{expected} not in the page");
    // Full membership cannot be requested yet; the server refuses it.
    let response = a
        .post(
            "/apply",
            &[
                ("step", "4"),
                ("go", "next"),
                ("category", "full"),
                ("consent_data", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Choose a category your organisation qualifies for today."));
}

#[tokio::test]
async fn an_application_is_sent_once_and_approved_into_the_directory() {
    let app = app().await;
    let a = Applicant::new(&app);
    a.fill("405000002", "2020-01-15", "full").await;
    let check = a.get("/apply?step=5").await.text().await.unwrap();
    assert!(check.contains("Ksovili Weavers") && check.contains("Imereti"));

    // A double click, or several tabs: eight sends at once make one application.
    let sends = (0..8).map(|_| a.post("/apply", &[("step", "5"), ("go", "next")]));
    for response in futures::future::join_all(sends).await {
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), "/apply/status?sent=1");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM applications").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email = 'nino@ksovili.example' AND email_verified_at IS NULL").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM application_drafts").await,
        0,
        "the draft is gone"
    );
    let mails = app.outbox().await;
    let received = mails
        .iter()
        .find(|m| m.contains("We have received your membership application"))
        .expect("confirmation mail");
    let token = common::link_token(received, "/apply/status");
    assert_eq!(token, a.token());
    assert!(received.contains("/verify?token="));
    // The status page opens from the link without a session.
    let status = app
        .get_in("en", &format!("/apply/status?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(status.contains("Submitted") && status.contains("Ksovili Weavers"));

    // Another application for the same code is refused.
    let b = Applicant::new(&app);
    let response = b
        .post(
            "/apply",
            &[
                ("step", "1"),
                ("go", "next"),
                ("name_ka", "სხვა"),
                ("legal_form", "llc"),
                ("id_code", "405000002"),
                ("registered_on", "2019-04-01"),
                ("region", "GE-TB"),
                ("sector", "C"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("already being considered"));

    // Review: the queue, the detail with eligibility as of today.
    let staff = reviewer(&app).await;
    let queue = app
        .get_as(&staff, "/admin/applications")
        .await
        .text()
        .await
        .unwrap();
    assert!(queue.contains("/admin/applications/1"), "{queue}");
    let detail = app
        .get_as(&staff, "/admin/applications/1")
        .await
        .text()
        .await
        .unwrap();
    assert!(detail.contains("nino@ksovili.example"));
    let version = "1";
    // Approval needs an eligible category.
    let refused = app
        .post_form(
            "/admin/applications/1/decide",
            &[
                ("version", version),
                ("action", "approve"),
                ("granted", "honorary"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    // Two reviewers at once: one decision.
    let approve_form = [
        ("version", version),
        ("action", "approve"),
        ("granted", "full"),
    ];
    let reject_form = [
        ("version", version),
        ("action", "reject"),
        ("message", "Duplicate"),
    ];
    let (approve, reject) = tokio::join!(
        app.post_form("/admin/applications/1/decide", &approve_form, Some(&staff)),
        app.post_form("/admin/applications/1/decide", &reject_form, Some(&staff)),
    );
    let outcomes = [location(&approve), location(&reject)];
    assert_eq!(
        outcomes
            .iter()
            .filter(|l| l.ends_with("done=stale"))
            .count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM application_events WHERE action IN ('approved', 'rejected')"
        )
        .await,
        1
    );
    let approved = outcomes[0].ends_with("done=approved");
    if approved {
        assert_eq!(app.count("SELECT COUNT(*) FROM organisations WHERE id_code = '405000002' AND status = 'active' AND category = 'full'").await, 1);
        let directory = app
            .get_in("en", "/members?sector=C")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            directory.contains("Ksovili Weavers"),
            "the new member is listed"
        );
        let api = app.get("/api/v1/members/ksovili-weavers").await;
        assert_eq!(api.status(), 200);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email = 'nino@ksovili.example'").await,
            1,
            "the applicant represents the new member"
        );
        assert!(app
            .outbox()
            .await
            .iter()
            .any(|m| m.contains("Welcome to the Alliance!")));
    } else {
        assert_eq!(app.count("SELECT COUNT(*) FROM organisations").await, 0);
        assert!(app.outbox().await.iter().any(|m| m.contains("Duplicate")));
    }
}

/// The browser saves answers as they are typed; such saves may reach the
/// server while a step is being posted (the account step hashes the
/// password, which takes a while). They must not undo the step reached or
/// the password, and a save arriving after the send must not bring the
/// draft back.
#[tokio::test]
async fn saves_while_typing_do_not_undo_a_posted_step() {
    use leptos::server_fn::ServerFn;
    let app = app().await;
    let a = Applicant::new(&app);
    a.fill_steps("405000031", "2020-01-15", "full", "nino@ksovili.example", 2)
        .await;
    let hash = app::auth::server::session::hash_token(a.token());
    let draft = app::apply::store::load_draft(&app.db, &hash)
        .await
        .unwrap()
        .unwrap();
    let mut answers = draft.answers.clone();
    // What the account step's page holds: the answers so far and the
    // account step as typed (never the password).
    answers.contact_name = "Nino Beridze".into();
    answers.contact_email = "nino@ksovili.example".into();
    answers.contact_phone = "+995 555 12 34 56".into();
    let json = serde_json::to_string(&answers).unwrap();
    let autosave = || async {
        app.client
            .post(app.url(app::apply::api::SaveAnswers::PATH))
            .header("cookie", &a.cookies)
            .form(&[("json", json.as_str())])
            .send()
            .await
            .unwrap()
    };
    // The account step posted again while saves keep arriving.
    let step3 = a.post(
        "/apply",
        &[
            ("step", "3"),
            ("go", "next"),
            ("contact_name", "Nino Beridze"),
            ("contact_email", "nino@ksovili.example"),
            ("contact_phone", "+995 555 12 34 56"),
            ("password", "weaving-Looms-of-Imereti"),
            ("password_confirm", "weaving-Looms-of-Imereti"),
        ],
    );
    // Saves keep arriving, two at a time, for as long as the post takes.
    let posted = std::sync::atomic::AtomicBool::new(false);
    let step3 = async {
        let response = step3.await;
        posted.store(true, std::sync::atomic::Ordering::SeqCst);
        response
    };
    let saves = async {
        let mut saves = 0;
        while !posted.load(std::sync::atomic::Ordering::SeqCst) {
            let (a, b) = futures::join!(autosave(), autosave());
            assert!(a.status().is_success() && b.status().is_success());
            saves += 2;
        }
        saves
    };
    let (step3, saves) = futures::join!(step3, saves);
    assert_eq!(location(&step3), "/apply?step=4");
    assert!(saves > 0);
    let after = app::apply::store::load_draft(&app.db, &hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.step_done, 3, "the step reached is kept");
    assert!(!after.password_hash.is_empty(), "the password is kept");
    assert_eq!(
        after.answers.contact_name, "Nino Beridze",
        "the typed answers are kept"
    );
    assert_eq!(after.answers.mission, "Jobs for women weavers");
    let step4 = a
        .post(
            "/apply",
            &[
                ("step", "4"),
                ("go", "next"),
                ("category", "full"),
                ("consent_data", "1"),
                ("listed", "1"),
            ],
        )
        .await;
    assert_eq!(location(&step4), "/apply?step=5");
    let check = a.get("/apply?step=5").await;
    assert_eq!(check.status(), 200);
    assert!(check.text().await.unwrap().contains("Nino Beridze"));

    let sent = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&sent), "/apply/status?sent=1");
    assert_eq!(autosave().await.status(), 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM application_drafts").await,
        0,
        "a late save does not make the sent draft again"
    );
    let again = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&again), "/apply/status?sent=1");
    assert_eq!(app.count("SELECT COUNT(*) FROM applications").await, 1);
}

#[tokio::test]
async fn a_returned_application_is_changed_and_sent_again() {
    let app = app().await;
    let a = Applicant::new(&app);
    a.fill("405000003", "2020-01-15", "full").await;
    a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    let staff = reviewer(&app).await;
    // A message is required to return an application.
    let refused = app
        .post_form(
            "/admin/applications/1/decide",
            &[("version", "1"), ("action", "return"), ("message", " ")],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let returned = app
        .post_form(
            "/admin/applications/1/decide",
            &[
                ("version", "1"),
                ("action", "return"),
                ("message", "Please add your projects."),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&returned), "/admin/applications/1?done=returned");
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.contains("Please add your projects.")));
    // From the mailed link (the address is not confirmed: the wizard's
    // cookie alone does not open it).
    let status = a.get("/apply/status").await.text().await.unwrap();
    assert!(!status.contains("Please add your projects."));
    let status = a
        .get(&format!("/apply/status?token={}", a.token()))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        status.contains("Returned for changes") && status.contains("Please add your projects.")
    );

    // The applicant reopens it in the wizard, changes an answer, sends it.
    let reopened = a.post("/apply/reopen", &[("token", a.token())]).await;
    assert_eq!(location(&reopened), "/apply?step=1");
    let step2 = a.get("/apply?step=2").await.text().await.unwrap();
    assert!(
        step2.contains("Jobs for women weavers"),
        "the answers are back"
    );
    let response = a
        .post(
            "/apply",
            &[
                ("step", "2"),
                ("go", "next"),
                ("activity_start", "2020-01-15"),
                ("mission", "Jobs for women weavers"),
                ("projects", "A weaving school in Kutaisi"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let sent = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&sent), "/apply/status?sent=1");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM applications").await,
        1,
        "the same application"
    );
    let detail = app
        .get_as(&staff, "/admin/applications/1")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        detail.contains("ხელახლა გაგზავნილია") && detail.contains("A weaving school in Kutaisi")
    );
    // The old version cannot be decided any more.
    let stale = app
        .post_form(
            "/admin/applications/1/decide",
            &[("version", "2"), ("action", "approve"), ("granted", "full")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&stale), "/admin/applications/1?done=stale");
    let approved = app
        .post_form(
            "/admin/applications/1/decide",
            &[
                ("version", "3"),
                ("action", "approve"),
                ("granted", "associate"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&approved), "/admin/applications/1?done=approved");
}

#[tokio::test]
async fn only_staff_and_the_board_review() {
    let app = app().await;
    let org = app::directory::store::organisations::NewOrganisation {
        slug: "nakargi".into(),
        name_ka: "ნაქარგი".into(),
        legal_form: "llc".into(),
        id_code: "400000001".into(),
        category: "full".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        member_since: "2020-01-01".into(),
        ..Default::default()
    };
    app::directory::store::organisations::insert(&app.db, &org)
        .await
        .unwrap();
    app.create_account("member@example.org", "member", Some("nakargi"), PASSWORD)
        .await;
    let member = app.login("member@example.org", PASSWORD).await.unwrap();
    let page = app.get_as(&member, "/admin/applications").await;
    assert_eq!(page.status(), 403);
    let post = app
        .post_form(
            "/admin/applications/1/decide",
            &[("version", "1"), ("action", "approve"), ("granted", "full")],
            Some(&member),
        )
        .await;
    assert_eq!(post.status(), 403);
    let anonymous = app
        .post_form("/admin/applications/1/decide", &[("version", "1")], None)
        .await;
    assert_eq!(
        location(&anonymous),
        "/login?next=%2Fadmin%2Fapplications%2F1"
    );
}

#[tokio::test]
async fn a_signed_in_applicant_skips_the_account_step_and_is_the_contact() {
    let app = app().await;
    let hash = app::auth::server::password::hash(PASSWORD.into())
        .await
        .unwrap();
    let user = app::db::users::NewUser {
        email: "lela@example.ge",
        password_hash: &hash,
        role: app::auth::Role::Member,
        organisation_id: None,
        display_name: "Lela Abashidze",
        lang: "en",
        verified: true,
    };
    let user_id = app::db::users::insert(&app.db, &user)
        .await
        .unwrap()
        .unwrap();
    let session = app.login("lela@example.ge", PASSWORD).await.unwrap();
    let mut a = Applicant::new(&app);
    a.cookies = format!("{}; alliance_session={session}", a.cookies);
    let steps: [&[(&str, &str)]; 4] = [
        &[
            ("step", "1"),
            ("go", "next"),
            ("name_ka", "ლელა"),
            ("legal_form", "jsc"),
            ("id_code", "405000009"),
            ("registered_on", "2015-01-01"),
            ("region", "GE-AJ"),
            ("sector", "I"),
        ],
        &[
            ("step", "2"),
            ("go", "next"),
            ("activity_start", "2016-01-01"),
            ("mission", "Tourism jobs"),
        ],
        &[("step", "3"), ("go", "next")],
        &[
            ("step", "4"),
            ("go", "next"),
            ("category", "full"),
            ("consent_data", "1"),
        ],
    ];
    for form in steps {
        let response = a.post("/apply", form).await;
        assert_eq!(response.status(), 303, "{:?}", response.text().await);
    }
    let step3 = a.get("/apply?step=3").await.text().await.unwrap();
    assert!(step3.contains("You are applying as Lela Abashidze (lela@example.ge)."));
    // The resume link went to the account's address at once.
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.contains("lela@example.ge") && m.contains("/apply/resume?token=")));
    // That link opens the draft for Lela's account only.
    let token = resume_token(&app, "lela@example.ge").await;
    let stranger = Applicant::new(&app);
    let refused = stranger.get(&format!("/apply/resume?token={token}")).await;
    assert!(location(&refused).starts_with("/en/login?next="));
    assert!(refused.headers().get("set-cookie").is_none());
    let own = a.get(&format!("/apply/resume?token={token}")).await;
    assert_eq!(location(&own), "/en/apply");
    assert!(own.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("alliance_draft="));
    let sent = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&sent), "/apply/status?sent=1");
    let (owner, answers): (i64, String) =
        sqlx::query_as("SELECT user_id, answers FROM applications")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(owner, user_id.get());
    assert!(answers.contains("lela@example.ge") && answers.contains("Lela Abashidze"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users").await,
        1,
        "no second account"
    );
}

#[tokio::test]
async fn associates_with_two_years_of_experience_are_listed_for_an_upgrade() {
    let app = app().await;
    let member = |slug: &str, name: &str, code: &str, start: &str| {
        app::directory::store::organisations::NewOrganisation {
            slug: slug.into(),
            name_ka: name.into(),
            name_en: name.into(),
            legal_form: "llc".into(),
            id_code: code.into(),
            category: "associate".into(),
            status: app::domain::directory::OrganisationStatus::Active,
            member_since: "2024-01-01".into(),
            activity_start: Some(start.into()),
            ..Default::default()
        }
    };
    let today = Date::from_unix(app::db::now_unix() + app::apply::TBILISI_OFFSET_SECONDS);
    let ready = Date::from_days(today.to_days() - 800);
    let not_yet = Date::from_days(today.to_days() - 400);
    for org in [
        member("ready", "Ready Weavers", "400000011", &ready.to_string()),
        member("not-yet", "Young Bakers", "400000012", &not_yet.to_string()),
    ] {
        app::directory::store::organisations::insert(&app.db, &org)
            .await
            .unwrap();
    }
    let staff = reviewer(&app).await;
    let page = app
        .client
        .get(app.url("/en/admin/applications"))
        .header("cookie", format!("alliance_session={staff}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let since = (messages(Lang::En).format_date)(ready.add_months(24));
    assert!(
        page.contains(&format!("eligible for full membership since {since}")),
        "{since}"
    );
    assert!(page.contains("Ready Weavers"));
    assert!(!page.contains("Young Bakers"));
}

#[tokio::test]
async fn sending_is_rate_limited_per_client_and_keeps_the_draft() {
    let app = spawn_app_with(|settings| settings.site.register_limit.max = 0).await;
    let a = Applicant::new(&app);
    a.fill("405000021", "2020-01-15", "full").await;
    let refused = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert!(refused.text().await.unwrap().contains("Too many attempts"));
    assert_eq!(app.count("SELECT COUNT(*) FROM applications").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM application_drafts").await,
        1,
        "nothing typed is lost"
    );
}

#[tokio::test]
async fn reviewers_see_possible_duplicates() {
    let app = app().await;
    let first = Applicant::new(&app);
    first.fill("405000031", "2020-01-15", "full").await;
    first.post("/apply", &[("step", "5"), ("go", "next")]).await;
    // Same names, another code and email: a duplicate by name.
    let second = Applicant::new(&app);
    second
        .fill_as("405000032", "2020-01-15", "full", "other@ksovili.example")
        .await;
    second
        .post("/apply", &[("step", "5"), ("go", "next")])
        .await;
    let staff = reviewer(&app).await;
    let page = |id: i64| {
        let app = &app;
        let staff = staff.clone();
        async move {
            app.client
                .get(app.url(&format!("/en/admin/applications/{id}")))
                .header("cookie", format!("alliance_session={staff}; lang=en"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let detail = page(2).await;
    assert!(
        detail.contains("href=\"/en/admin/applications/1\""),
        "links the other application"
    );
    assert!(!detail.contains("No other application or member has the same"));
    // An application unlike any other says so.
    let third = Applicant::new(&app);
    third
        .fill_as("405000033", "2020-01-15", "full", "third@example.ge")
        .await;
    third
        .post(
            "/apply",
            &[
                ("step", "1"),
                ("go", "next"),
                ("name_ka", "სულ სხვა"),
                ("name_en", "Quite Different"),
                ("legal_form", "llc"),
                ("id_code", "405000033"),
                ("registered_on", "2019-04-01"),
                ("region", "GE-TB"),
                ("sector", "C"),
            ],
        )
        .await;
    third.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert!(page(3).await.contains(
        "No other application or member has the same identification code, name or email."
    ));
}

/// The token of the resume link in the last mail to `email`.
#[tokio::test]
async fn the_wizard_does_not_tell_whether_an_address_has_an_account() {
    let app = app().await;
    let hash = app::auth::server::password::hash(PASSWORD.into())
        .await
        .unwrap();
    let owner_account = app::db::users::NewUser {
        email: "taken@ksovili.example",
        password_hash: &hash,
        role: app::auth::Role::Member,
        organisation_id: None,
        display_name: "Tamar Gelashvili",
        lang: "en",
        verified: true,
    };
    app::db::users::insert(&app.db, &owner_account)
        .await
        .unwrap()
        .unwrap();
    // Two strangers, one typing the address of an account: every step
    // answers both the same (`fill_as` checks each step goes on).
    let known = Applicant::new(&app);
    known
        .fill_as("405000011", "2020-01-15", "full", "taken@ksovili.example")
        .await;
    let fresh = Applicant::new(&app);
    fresh
        .fill_as("405000012", "2020-01-15", "full", "new@ksovili.example")
        .await;
    for a in [&known, &fresh] {
        let sent = a.post("/apply", &[("step", "5"), ("go", "next")]).await;
        assert_eq!(location(&sent), "/apply/status?sent=1");
    }
    // The status page each browser lands on reads the same.
    let main_of = |html: String| {
        let start = html.find("<main").expect("a main");
        let end = html.find("</main>").expect("a main");
        html[start..end].to_string()
    };
    let known_page = main_of(
        known
            .get("/apply/status?sent=1")
            .await
            .text()
            .await
            .unwrap(),
    );
    let fresh_page = main_of(
        fresh
            .get("/apply/status?sent=1")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(known_page, fresh_page);
    assert!(known_page.contains("Open the email we have sent you"));

    // Nothing was sent with the account's address: its owner is told.
    assert_eq!(app.count("SELECT COUNT(*) FROM applications").await, 1);
    let told = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.contains("To: taken@ksovili.example") && m.contains("already has an account"))
        .expect("the owner is told");
    let token = common::link_token(&told, "/apply/resume");
    assert_eq!(token, known.token());

    // The owner signs in, opens the draft with the password chosen in it,
    // and sends it from the account.
    let session = app.login("taken@ksovili.example", PASSWORD).await.unwrap();
    let mut owner = Applicant::new(&app);
    owner.cookies = format!("alliance_session={session}; lang=en");
    let opened = owner
        .post(
            "/apply/resume",
            &[("token", &token), ("password", "weaving-Looms-of-Imereti")],
        )
        .await;
    assert_eq!(location(&opened), "/apply");
    owner.cookies = format!("alliance_draft={token}; {}", owner.cookies);
    let sent = owner.post("/apply", &[("step", "5"), ("go", "next")]).await;
    assert_eq!(location(&sent), "/apply/status?sent=1");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM applications a JOIN users u ON u.id = a.user_id \
             WHERE u.email = 'taken@ksovili.example'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users").await,
        2,
        "no second account for the address"
    );
}

async fn resume_token(app: &TestApp, email: &str) -> String {
    let mail = app
        .outbox()
        .await
        .into_iter()
        .rev()
        .find(|m| m.contains(&format!("To: {email}")))
        .expect("a resume mail");
    common::link_token(&mail, "/apply/resume")
}

#[tokio::test]
async fn a_resume_link_alone_opens_no_draft_and_cannot_be_planted() {
    let app = app().await;
    // The attacker starts a draft with a password of their choosing and
    // gets its resume link in their own mailbox.
    let attacker = Applicant::new(&app);
    attacker
        .fill_steps("405111222", "2019-01-01", "full", "attacker@example.org", 3)
        .await;
    let planted = resume_token(&app, "attacker@example.org").await;
    // The victim opens the planted link: nothing about the draft is set in
    // their browser, and the page asks for the draft's password.
    let victim = Applicant::new(&app);
    let opened = victim.get(&format!("/apply/resume?token={planted}")).await;
    assert_eq!(opened.status(), 200);
    assert!(
        opened
            .headers()
            .get_all("set-cookie")
            .iter()
            .next()
            .is_none(),
        "the link sets no cookie"
    );
    let page = opened.text().await.unwrap();
    assert!(
        page.contains("enter the password you chose at step 3"),
        "{page}"
    );
    assert!(
        !page.contains("Ksovili"),
        "no answer shown before the password"
    );
    // A wrong password is refused, with the message by the field.
    let wrong = victim
        .post(
            "/apply/resume",
            &[("token", &planted), ("password", "guess-guess-guess")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.headers().get("set-cookie").is_none());
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("The password is not right."));

    // The applicant with the password continues from another browser.
    let later = Applicant::new(&app);
    let resumed = later
        .post(
            "/apply/resume",
            &[
                ("token", &planted),
                ("password", "weaving-Looms-of-Imereti"),
            ],
        )
        .await;
    assert_eq!(location(&resumed), "/apply");
    let cookie = resumed.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with(&format!("alliance_draft={planted};")),
        "{cookie}"
    );

    // Guessing is rate limited like a login.
    let limited = spawn_app_with(|settings| {
        settings.site.login_limit = app::auth::server::rate_limit::RateLimit {
            max: 2,
            window_seconds: 24 * 3600,
        }
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = limited
            .post_form("/apply/resume", &[("token", "x"), ("password", "y")], None)
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, vec![422, 422, 429]);

    // Logging out forgets the browser's draft.
    let session = {
        app.create_account("staff@example.ge", "staff", None, PASSWORD)
            .await;
        app.login("staff@example.ge", PASSWORD).await.unwrap()
    };
    let out = app.post_form("/logout", &[], Some(&session)).await;
    assert!(out
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("alliance_draft=;")));
}

#[tokio::test]
async fn the_account_step_is_rate_limited_per_client() {
    // It looks an address up, hashes a password and mails a link.
    let app = spawn_app_with(|settings| {
        settings.site.login_limit = app::auth::server::rate_limit::RateLimit {
            max: 2,
            window_seconds: 24 * 3600,
        };
    })
    .await;
    let a = Applicant::new(&app);
    a.fill_steps("405000031", "2020-01-15", "full", "nino@ksovili.example", 2)
        .await;
    let step3 = [
        ("step", "3"),
        ("go", "next"),
        ("contact_name", "Nino Beridze"),
        ("contact_email", "nino@ksovili.example"),
        ("contact_phone", "+995 555 12 34 56"),
        ("password", "weaving-Looms-of-Imereti"),
        ("password_confirm", "weaving-Looms-of-Imereti"),
    ];
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(a.post("/apply", &step3).await.status().as_u16());
    }
    assert_eq!(statuses, vec![303, 303, 429]);
}
