//! Bringing in the existing members from a CSV file, against the real
//! server: the template, the check that shows every row's problems before
//! anything is written, the import of every row or none, the invitations
//! it mails, and the attacks (someone else posting, a file with markup, the
//! same file twice, a forged import that skipped the check).

mod common;

use common::{location, spawn_app, TestApp};

const PASSWORD: &str = "import-desk-Tbilisi-2027";
const PAGE: &str = "/admin/organisations/import";

/// A new server with one member already in (code 400000009), a staff
/// account and a Board member's; their sessions.
async fn import_desk() -> (TestApp, String, String) {
    let app = spawn_app().await;
    let existing = app::directory::store::organisations::NewOrganisation {
        slug: "existing".into(),
        name_ka: "არსებული".into(),
        name_en: "Existing".into(),
        legal_form: "llc".into(),
        id_code: "400000009".into(),
        category: "full".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        listed: true,
        member_since: "2018-01-01".into(),
        activity_start: None,
        description_ka: String::new(),
        description_en: String::new(),
        products_ka: String::new(),
        products_en: String::new(),
        website: String::new(),
        email: String::new(),
        phone: String::new(),
        sectors: vec!["C".into()],
        regions: vec!["GE-TB".into()],
        impact_areas: vec![],
    };
    app::directory::store::organisations::insert(&app.db, &existing)
        .await
        .unwrap();
    app.create_account("desk@alliance.ge", "staff", None, PASSWORD)
        .await;
    app.create_account("board@alliance.ge", "board", None, PASSWORD)
        .await;
    let staff = app.sign_in(("desk@alliance.ge", PASSWORD)).await;
    let board = app.sign_in(("board@alliance.ge", PASSWORD)).await;
    (app, staff, board)
}

/// A file saved by a spreadsheet set to Georgian: a byte order mark,
/// semicolons, labels where codes are expected, a quoted cell.
const GOOD: &str = "\u{feff}name_ka;name_en;identification_code;category;member_since;sectors;regions;representative_name;representative_email;representative_language\r\n\
    \"ქსოვილი; შპს\";Ksovili;400000101;Full member;2019-05-14;C;GE-TB;Nino Beridze;nino@ksovili.ge;en\r\n\
    თაფლი;;400000102;associate;2023-02-01;A,S;GE-KA;;;\r\n";

async fn check(app: &TestApp, session: &str, file: &str) -> reqwest::Response {
    let fields = vec![("do", "check".to_string())];
    let file = Some(("file", "members.csv", file.as_bytes().to_vec()));
    app.post_multipart(PAGE, session, &fields, file).await
}

async fn import(app: &TestApp, session: &str, csv: &str) -> reqwest::Response {
    let fields = vec![("do", "import".to_string()), ("csv", csv.to_string())];
    app.post_multipart(PAGE, session, &fields, None).await
}

async fn organisations(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM organisations").await
}

#[tokio::test]
async fn staff_check_a_file_and_import_every_row_with_its_invitation() {
    let (app, staff, _) = import_desk().await;

    let template = app
        .get_as(&staff, "/admin/organisations/import/template.csv")
        .await;
    assert_eq!(template.status(), 200);
    assert_eq!(
        template.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = template.text().await.unwrap();
    assert!(text.starts_with("\u{feff}name_ka,identification_code,category,member_since,sectors"));

    // The check shows every row and writes nothing.
    let response = check(&app, &staff, GOOD).await;
    assert_eq!(response.status(), 200);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(
        html.contains("Every row is right: 2 organisations"),
        "{html}"
    );
    assert!(html.contains("An invitation goes to nino@ksovili.ge."));
    assert!(html.contains("Import 2 organisations"));
    assert_eq!(organisations(&app).await, 1);

    // The import: both organisations, listed, with their lists and history;
    // the representative's account waits for its invitation to be accepted.
    let response = import(&app, &staff, GOOD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/admin/organisations?imported=2");
    assert_eq!(organisations(&app).await, 3);
    let row: (String, String, String, String, i64) = sqlx::query_as(
        "SELECT slug, name_ka, category, member_since, listed FROM organisations WHERE id_code = '400000101'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "ksovili".into(),
            "ქსოვილი; შპს".into(),
            "full".into(),
            "2019-05-14".into(),
            1
        )
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM organisations WHERE slug = 'tapli' AND category = 'associate'"
        )
        .await,
        1,
        "a slug from the Georgian name"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM organisation_sectors s JOIN organisations o ON o.id = s.organisation_id \
             WHERE o.id_code = '400000102'"
        )
        .await,
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisation_changes WHERE changes LIKE '%imported%'")
            .await,
        2
    );
    let dashboard = app.page_en(&staff, "/admin").await;
    assert!(
        dashboard.contains("member brought in by import"),
        "the latest changes say how the members came"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM users u JOIN organisations o ON o.id = u.organisation_id \
             WHERE u.email = 'nino@ksovili.ge' AND u.email_verified_at IS NULL AND u.lang = 'en' \
               AND o.id_code = '400000101'"
        )
        .await,
        1
    );
    let mails: Vec<String> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.contains("To: nino@ksovili.ge"))
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("Ksovili") && mails[0].contains("/invite?token="),
        "{}",
        mails[0]
    );
    // The invitation works: the representative chooses a password.
    let token = common::link_token(&mails[0], "/invite");
    let response = app
        .post_form(
            "/invite",
            &[
                ("token", &token),
                ("password", "ksovili-weavers-Tbilisi-27"),
                ("password_confirm", "ksovili-weavers-Tbilisi-27"),
            ],
            None,
        )
        .await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    app.sign_in(("nino@ksovili.ge", "ksovili-weavers-Tbilisi-27"))
        .await;
    assert_eq!(app.get("/members/ksovili").await.status(), 200);

    // The same file again adds nothing: both codes are members now.
    let response = import(&app, &staff, GOOD).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Another member organisation already has this identification code."));
    assert!(html.contains("This email already belongs to an account."));
    assert_eq!(organisations(&app).await, 3);
    app.stop().await.unwrap();
}

#[tokio::test]
async fn a_file_with_a_problem_imports_nothing_and_says_what_on_each_row() {
    let (app, staff, _) = import_desk().await;
    let file = "name_ka,identification_code,category,member_since,sectors,representative_name,representative_email\n\
        კარგი,400000201,full,2020-01-01,C,,\n\
        ,400000009,full,2020-01-01,Q99,,\n\
        მეორე,4000,gold,2031-01-01,C,,\n\
        მესამე,400000201,associate,2020-01-01,S,Someone,desk@alliance.ge\n";
    let response = check(&app, &staff, file).await;
    assert_eq!(response.status(), 200);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(html.contains("3 of 4 rows need correcting"), "{html}");
    for message in [
        "Fill in this field.",
        "Another member organisation already has this identification code.",
        "This is not one of the codes listed on the import page.",
        "The identification code has exactly 9 digits.",
        "The date must be today or earlier.",
        "Another row of the file has the same value.",
        "This email already belongs to an account.",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(!html.contains("name=\"csv\""), "no import is offered");

    // An import posted without the check (or with the file changed since)
    // is checked again in full: nothing is written, not even the good row.
    let response = import(&app, &staff, file).await;
    assert_eq!(response.status(), 422);
    assert_eq!(organisations(&app).await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 2);

    // Files that cannot be read say why.
    let response = check(&app, &staff, "name_ka,category\nx,full\n").await;
    assert_eq!(response.status(), 422);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(
        html.contains("The file has no column “identification_code”"),
        "{html}"
    );
    let fields = vec![("do", "check".to_string())];
    let latin1 = Some(("file", "m.csv", b"name_ka,identification_code,category,member_since,sectors\n\xe9,400000301,full,2020-01-01,C\n".to_vec()));
    let response = app.post_multipart(PAGE, &staff, &fields, latin1).await;
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("The file is not UTF-8 text"));
    app.stop().await.unwrap();
}

#[tokio::test]
async fn only_staff_import_and_markup_in_a_file_stays_text() {
    let (app, staff, board) = import_desk().await;
    assert_eq!(check(&app, &board, GOOD).await.status(), 403);
    assert_eq!(import(&app, &board, GOOD).await.status(), 403);
    let template = app
        .get_as(&board, "/admin/organisations/import/template.csv")
        .await;
    assert_eq!(template.status(), 403);
    let response = app.client.post(app.url(PAGE)).send().await.unwrap();
    assert!(location(&response).starts_with("/login"));
    assert_eq!(organisations(&app).await, 1);

    let file = "name_ka,name_en,identification_code,category,member_since,sectors\n\
        <script>alert(1)</script>,<img src=x onerror=alert(2)>,400000401,full,2020-01-01,C\n";
    let response = check(&app, &staff, file).await;
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "escaped in the preview");
    let response = import(&app, &staff, file).await;
    assert_eq!(response.status(), 303);
    let slug: String =
        sqlx::query_scalar("SELECT slug FROM organisations WHERE id_code = '400000401'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(slug, "img-src-x-onerror-alert-2");
    let profile = app
        .get_in("en", &format!("/members/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!profile.contains("<img src=x") && !profile.contains("<script>alert(1)"));
    app.stop().await.unwrap();
}

#[tokio::test]
async fn staff_add_one_organisation_by_hand_with_the_same_checks() {
    let (app, staff, board) = import_desk().await;
    let form = |name_ka: &str, code: &str| -> Vec<(&'static str, String)> {
        vec![
            ("name_ka", name_ka.to_string()),
            ("name_en", "Hand Made Weavers".to_string()),
            ("identification_code", code.to_string()),
            ("legal_form", "cooperative".to_string()),
            ("category", "associate".to_string()),
            ("member_since", "2022-04-01".to_string()),
            ("sectors", "C".to_string()),
            ("sectors", "S".to_string()),
            ("regions", "GE-IM".to_string()),
            ("representative_name", "Eka Gelashvili".to_string()),
            ("representative_email", "eka@handmade.ge".to_string()),
            ("representative_language", "ka".to_string()),
            ("do", "add".to_string()),
        ]
    };

    // Needs correcting: told next to each field, with what was typed kept.
    let response = app
        .post_multipart(PAGE, &staff, &form("", "400000009"), None)
        .await;
    assert_eq!(response.status(), 422);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(html.contains("Fill in this field."), "{html}");
    assert!(html.contains("Another member organisation already has this identification code."));
    assert!(html.contains("value=\"Hand Made Weavers\""));
    assert!(html.contains("value=\"eka@handmade.ge\""));
    assert_eq!(organisations(&app).await, 1);

    // Only staff.
    let response = app
        .post_multipart(PAGE, &board, &form("ხელნაკეთი", "400000501"), None)
        .await;
    assert_eq!(response.status(), 403);

    let response = app
        .post_multipart(PAGE, &staff, &form("ხელნაკეთი", "400000501"), None)
        .await;
    assert_eq!(location(&response), "/admin/organisations?imported=1");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM organisation_sectors s JOIN organisations o ON o.id = s.organisation_id \
             WHERE o.id_code = '400000501' AND o.slug = 'hand-made-weavers' AND o.legal_form = 'cooperative'"
        )
        .await,
        2
    );
    let mails = app.outbox().await;
    assert!(mails
        .iter()
        .any(|m| m.contains("To: eka@handmade.ge") && m.contains("/invite?token=")));
    app.stop().await.unwrap();
}

#[tokio::test]
async fn staff_correct_the_day_a_member_joined_and_its_activity_start() {
    let (app, staff, _) = import_desk().await;
    let profile = |member_since: &str, activity_start: &str| -> Vec<(&'static str, String)> {
        vec![
            ("name_ka", "არსებული".to_string()),
            ("name_en", "Existing".to_string()),
            ("sector", "C".to_string()),
            ("region", "GE-TB".to_string()),
            ("legal_form", "llc".to_string()),
            ("id_code", "400000009".to_string()),
            ("category", "full".to_string()),
            ("status", "active".to_string()),
            ("member_since", member_since.to_string()),
            ("activity_start", activity_start.to_string()),
            ("listed", "1".to_string()),
        ]
    };
    let path = "/members/existing/edit";
    let response = app
        .post_multipart(path, &staff, &profile("2031-01-01", "someday"), None)
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("The date must be today or earlier."));
    assert!(html.contains("Enter a real date, like 2024-03-15."));

    let response = app
        .post_multipart(path, &staff, &profile("2016-11-08", "2014-05-01"), None)
        .await;
    assert_eq!(location(&response), "/members/existing/edit?saved=1");
    let row: (String, Option<String>) = sqlx::query_as(
        "SELECT member_since, activity_start FROM organisations WHERE slug = 'existing'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(row, ("2016-11-08".into(), Some("2014-05-01".into())));
    let page = app.page_en(&staff, path).await;
    assert!(page.contains("value=\"2016-11-08\""));
    assert!(
        page.contains("Member since"),
        "the history names the change"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisation_changes WHERE changes LIKE '%member_since%'")
            .await,
        1
    );
    app.stop().await.unwrap();
}
