//! Bad input on every account form, the application wizard's steps and the
//! language switch: generated text in every field (any Unicode, control
//! characters and NUL, markup, very long values) and bodies that are not
//! forms at all. Whatever comes, the answer is not a 5xx, no header grows
//! with the input, what is shown back is escaped, and a refused post writes
//! no account and no application.

mod common;

use common::TestApp;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

const CASES: usize = 24;
const SCRIPT: &str = "<script>alert(1)</script>";

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f<>\"'&;=%+]{0,40}",
        Just(SCRIPT.to_string()),
        Just(format!("</textarea>{SCRIPT}")),
        Just(format!("</title>{SCRIPT}")),
        (1usize..4000).prop_map(|n| "ა".repeat(n)),
        (1usize..300).prop_map(|n| "\u{0}".repeat(n)),
        Just("a@b.ge".to_string()),
        Just("2020-02-30".to_string()),
        Just("99999999999999999999999".to_string()),
    ]
}

async fn app() -> TestApp {
    common::spawn_app_with(|settings| {
        let many = app::auth::server::rate_limit::RateLimit {
            max: 100_000,
            window_seconds: 600,
        };
        settings.site.login_limit = many;
        settings.site.account_login_limit = many;
        settings.site.register_limit = many;
    })
    .await
}

async fn rows(app: &TestApp) -> (i64, i64) {
    let count = |table: &'static str| async move {
        sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    (count("users").await, count("applications").await)
}

/// Posts `body` (an urlencoded form, or anything) and checks the answer.
async fn post_checked(app: &TestApp, path: &str, cookie: &str, body: Vec<u8>, shown: &str) {
    let before = rows(app).await;
    let response = app
        .client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(body)
        .send()
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    assert!(status < 500, "{path} answered {status} to {shown:?}");
    assert!(
        !matches!(status, 404 | 405),
        "{path} is no form route ({status})"
    );
    for (name, value) in response.headers() {
        assert!(
            value.len() < 4096,
            "{path}: a {}-byte {name} header for {shown:?}",
            value.len()
        );
    }
    let text = response.text().await.unwrap_or_default();
    assert!(!text.contains(SCRIPT), "{path} shows markup unescaped");
    if status == 400 || status == 422 {
        assert_eq!(
            rows(app).await,
            before,
            "{path} wrote after refusing {shown:?}"
        );
    }
}

fn form(fields: &[(&str, String)]) -> Vec<u8> {
    serde_urlencoded::to_string(fields).unwrap().into_bytes()
}

#[tokio::test]
async fn generated_text_in_every_field_of_every_form() {
    let app = app().await;
    let forms: [(&str, &[&str]); 9] = [
        ("/login", &["email", "password", "next"]),
        (
            "/register",
            &["name", "email", "password", "password_confirm"],
        ),
        ("/forgot", &["email"]),
        ("/reset", &["token", "password", "password_confirm"]),
        ("/verify", &["token"]),
        ("/confirm-email", &["token"]),
        ("/lang", &["lang", "next"]),
        ("/apply/resume", &["token", "password"]),
        ("/apply/reopen", &["token"]),
    ];
    let steps: [&[&str]; 5] = [
        &[
            "name_ka",
            "name_en",
            "legal_form",
            "id_code",
            "registered_on",
            "region",
            "sector",
        ],
        &[
            "activity_start",
            "mission",
            "projects",
            "impact",
            "support_statement",
        ],
        &[
            "contact_name",
            "contact_email",
            "contact_phone",
            "password",
            "password_confirm",
        ],
        &["category", "consent_data", "listed"],
        &[],
    ];
    let mut runner = TestRunner::deterministic();
    let strategy = hostile();
    let mut next = move || strategy.new_tree(&mut runner).unwrap().current();
    for case in 0..CASES {
        for (path, fields) in forms {
            let values: Vec<(&str, String)> = fields.iter().map(|f| (*f, next())).collect();
            post_checked(&app, path, "lang=en", form(&values), &format!("{values:?}")).await;
        }
        let cookie = format!("alliance_draft=bad-input-{case}; lang=en");
        for (i, fields) in steps.iter().enumerate() {
            let mut values: Vec<(&str, String)> = vec![("step", (i + 1).to_string())];
            values.push(("go", if case % 3 == 0 { next() } else { "next".into() }));
            values.extend(fields.iter().map(|f| (*f, next())));
            post_checked(
                &app,
                "/apply",
                &cookie,
                form(&values),
                &format!("{values:?}"),
            )
            .await;
        }
    }
}

#[tokio::test]
async fn bodies_that_are_not_forms() {
    let app = app().await;
    let bodies: Vec<Vec<u8>> = vec![
        b"%".to_vec(),
        b"email=%zz".to_vec(),
        b"email=%FF%FE&password=%C3%28".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x80],
        b"=&=&==&&&".to_vec(),
        format!("{}=1", "k".repeat(100_000)).into_bytes(),
        "&".repeat(50_000).into_bytes(),
        b"step=99999999999999999999&go=next".to_vec(),
        b"step=-1&go=next".to_vec(),
        vec![b'a'; 300 * 1024],
    ];
    let paths = [
        "/login",
        "/register",
        "/forgot",
        "/reset",
        "/verify",
        "/confirm-email",
        "/lang",
        "/apply",
        "/apply/resume",
        "/apply/reopen",
    ];
    for path in paths {
        for body in &bodies {
            let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).to_string();
            post_checked(
                &app,
                path,
                "alliance_draft=bad-body; lang=en",
                body.clone(),
                &shown,
            )
            .await;
        }
    }
}

#[tokio::test]
async fn generated_text_in_the_signed_in_forms_and_the_open_data_queries() {
    let app = app().await;
    alliance::seed::demo(&app.db)
        .await
        .expect("demo data loads");
    let in_session: String =
        sqlx::query_scalar::<_, i64>("SELECT id FROM assemblies WHERE status = 'in_session'")
            .fetch_one(app.db.pool())
            .await
            .map(|id| format!("/assemblies/{id}"))
            .unwrap();
    let staff = app
        .login("staff@alliance.example.org", "staff-demo-Alliance-2026")
        .await
        .expect("staff signs in");
    let cookie = format!("alliance_session={staff}; lang=en");
    let profile = [
        "name_ka",
        "name_en",
        "description_ka",
        "description_en",
        "products_ka",
        "products_en",
        "website",
        "email",
        "phone",
        "sector",
        "region",
        "impact",
        "listed",
        "legal_form",
        "id_code",
        "category",
        "status",
    ];
    let assembly = [
        "do",
        "from",
        "title_ka",
        "title_en",
        "kind",
        "place",
        "starts_at",
        "item_ka",
        "item_en",
        "poll_ka",
        "poll_en",
        "rule",
        "seats",
        "secret",
        "candidates",
        "agenda_item",
        "poll",
        "org",
        "to",
    ];
    let mut runner = TestRunner::deterministic();
    let strategy = hostile();
    let mut next = move || strategy.new_tree(&mut runner).unwrap().current();
    for case in 0..CASES {
        // The profile form (multipart), with a logo that is not a picture.
        let mut multipart = reqwest::multipart::Form::new();
        for field in profile {
            multipart = multipart.text(field, next());
        }
        if case % 2 == 0 {
            multipart = multipart.part(
                "logo",
                reqwest::multipart::Part::bytes(next().into_bytes()).file_name(next()),
            );
        }
        let response = app
            .client
            .post(app.url("/members/nakargi/edit"))
            .header("cookie", &cookie)
            .multipart(multipart)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().as_u16() < 500,
            "profile: {}",
            response.status()
        );
        let text = response.text().await.unwrap_or_default();
        if let Some(at) = text.find(SCRIPT) {
            let from = text.floor_char_boundary(at.saturating_sub(300));
            let to = text.floor_char_boundary((at + 60).min(text.len()));
            panic!(
                "the profile form shows markup unescaped: …{}…",
                &text[from..to]
            );
        }

        // Whatever was saved, the public profile shows it as text.
        let page = app.get("/members/nakargi").await.text().await.unwrap();
        assert!(
            !page.contains(SCRIPT),
            "the profile page shows markup unescaped"
        );

        // The assemblies' forms: calling one, and every action on the demo's
        // assembly in session.
        let values: Vec<(&str, String)> = assembly.iter().map(|f| (*f, next())).collect();
        post_checked(
            &app,
            "/assemblies",
            &cookie,
            form(&values),
            &format!("{values:?}"),
        )
        .await;
        for action in [
            "advance", "agenda", "poll", "open", "close", "check_in", "proxy",
        ] {
            let mut values: Vec<(&str, String)> =
                assembly[1..].iter().map(|f| (*f, next())).collect();
            values.push(("do", action.into()));
            post_checked(
                &app,
                &in_session,
                &cookie,
                form(&values),
                &format!("{values:?}"),
            )
            .await;
        }

        // The directory's and the open data's queries.
        let query = serde_urlencoded::to_string([
            ("q", next()),
            ("sector", next()),
            ("region", next()),
            ("category", next()),
            ("page", next()),
            ("sort", next()),
        ])
        .unwrap();
        for path in [
            "/members",
            "/api/v1/members",
            "/api/v1/members.csv",
            "/api/v1/members.xlsx",
        ] {
            let response = app.get(&format!("{path}?{query}")).await;
            let status = response.status().as_u16();
            assert!(status < 500, "{path}?{query} answered {status}");
            let kind = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_string();
            let text = response.text().await.unwrap_or_default();
            if kind.starts_with("text/html") {
                assert!(!text.contains(SCRIPT), "{path} shows markup unescaped");
            } else {
                // Data, never read as a page (with `nosniff` on every answer).
                assert!(
                    kind.starts_with("application/json")
                        || kind.starts_with("text/csv")
                        || kind.starts_with("application/vnd.openxmlformats"),
                    "{path}: {kind}"
                );
            }
        }
    }

    // Multipart bodies that break off or lie about their boundary.
    let broken: [(&str, &[u8]); 4] = [
        ("multipart/form-data; boundary=X", b"--X\r\nContent-Disposition: form-data; name=\"name_ka\"\r\n\r\nabc"),
        ("multipart/form-data; boundary=X", b"--Y\r\n\r\n--Y--"),
        ("multipart/form-data", b"--X\r\n"),
        ("multipart/form-data; boundary=X", b"--X\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n\r\n\x89PNG\r\n"),
    ];
    for (content_type, body) in broken {
        let response = app
            .client
            .post(app.url("/members/nakargi/edit"))
            .header("cookie", &cookie)
            .header("content-type", content_type)
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        assert!(
            response.status().as_u16() < 500,
            "{content_type}: {}",
            response.status()
        );
    }
}

#[tokio::test]
async fn stored_text_that_closes_a_title_or_a_text_area_stays_text() {
    let app = app().await;
    alliance::seed::demo(&app.db)
        .await
        .expect("demo data loads");
    let staff = app
        .login("staff@alliance.example.org", "staff-demo-Alliance-2026")
        .await
        .expect("staff signs in");
    sqlx::query(
        "UPDATE organisations SET name_en = $1, description_en = $2 WHERE slug = 'nakargi'",
    )
    .bind(format!("</title>{SCRIPT}"))
    .bind(format!("</textarea>{SCRIPT}"))
    .execute(app.db.pool())
    .await
    .unwrap();
    // The public profile's title is the organisation's name.
    let profile = app
        .get_in("en", "/members/nakargi")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        profile.contains("<title>&lt;/title&gt;&lt;script&gt;"),
        "the name is in the title"
    );
    assert!(!profile.contains(SCRIPT));
    // The edit form's text area holds the description.
    let edit = app
        .client
        .get(app.url("/en/members/nakargi/edit"))
        .header("cookie", format!("alliance_session={staff}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains("&lt;/textarea&gt;&lt;script&gt;"),
        "the description is in its field"
    );
    assert!(!edit.contains(SCRIPT));
}

#[tokio::test]
async fn generated_input_in_ballots_review_decisions_and_server_functions() {
    use app::assemblies::store as assemblies;
    let app = app().await;
    alliance::seed::demo(&app.db)
        .await
        .expect("demo data loads");
    let staff = app
        .login("staff@alliance.example.org", "staff-demo-Alliance-2026")
        .await
        .expect("staff signs in");
    let member = app
        .login("nakargi@alliance.example.org", "member-demo-Alliance-2026")
        .await
        .expect("a delegate signs in");
    let staff_cookie = format!("alliance_session={staff}; lang=en");
    let member_cookie = format!("alliance_session={member}; lang=en");

    // The demo assembly's motion and election, open, the delegate's
    // organisation checked in.
    let assembly: i64 = sqlx::query_scalar("SELECT id FROM assemblies WHERE status = 'in_session'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let polls: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, kind FROM polls WHERE assembly_id = $1 ORDER BY id")
            .bind(assembly)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let nakargi = app::directory::store::organisations::id_by_slug(&app.db, "nakargi")
        .await
        .unwrap()
        .expect("the delegate's organisation");
    assemblies::check_in(
        &app.db,
        app::domain::ids::AssemblyId(assembly),
        nakargi,
        None,
    )
    .await
    .unwrap();
    let everyone = app::domain::voting::VotingRules {
        categories: app::domain::voting::CATEGORIES
            .iter()
            .map(|c| c.to_string())
            .collect(),
        ..Default::default()
    };
    for (poll, _) in &polls {
        let opened =
            assemblies::open_poll(&app.db, app::domain::ids::PollId(*poll), &everyone, true)
                .await
                .unwrap();
        assert!(
            matches!(opened, assemblies::Opening::Opened { voters } if voters > 0),
            "poll {poll} opens"
        );
    }
    let application: i64 = sqlx::query_scalar("SELECT id FROM applications ORDER BY id LIMIT 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let ballots = || async {
        sqlx::query_as::<_, (i64, i64)>(
            "SELECT poll_id, COUNT(*) FROM poll_votes GROUP BY poll_id, organisation_id",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap()
    };

    let mut runner = TestRunner::deterministic();
    let strategy = hostile();
    let mut next = move || strategy.new_tree(&mut runner).unwrap().current();
    let server_functions: Vec<(String, bool)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_string(), method == http::Method::GET))
        .collect();
    for case in 0..CASES {
        // Ballots: the organisation, the choice, the marks, the confirmation —
        // each generated, or the real one, so that a generated value meets
        // valid others.
        for (poll, kind) in &polls {
            let mut values: Vec<(&str, String)> = vec![
                (
                    "org",
                    if case % 2 == 0 {
                        nakargi.to_string()
                    } else {
                        next()
                    },
                ),
                ("confirm", if case % 3 == 0 { "1".into() } else { next() }),
            ];
            if kind == "election" {
                let marks = match case % 4 {
                    0 => vec![next()],
                    1 => vec!["0".into(), "0".into()],
                    2 => vec!["9999".into()],
                    _ => vec![next(), next(), next()],
                };
                values.extend(marks.into_iter().map(|m| ("mark", m)));
            } else {
                values.push(("choice", if case % 4 == 0 { "yes".into() } else { next() }));
            }
            post_checked(
                &app,
                &format!("/assemblies/{assembly}/polls/{poll}"),
                &member_cookie,
                form(&values),
                &format!("{values:?}"),
            )
            .await;
        }
        assert!(
            ballots().await.iter().all(|(_, n)| *n == 1),
            "an organisation has two ballots in a poll"
        );

        // A review decision: the action, the category granted, the message
        // and the version.
        let values: Vec<(&str, String)> = vec![
            (
                "action",
                match case % 4 {
                    0 => "return".into(),
                    1 => "reject".into(),
                    2 => "approve".into(),
                    _ => next(),
                },
            ),
            ("granted", next()),
            ("message", next()),
            ("version", next()),
        ];
        post_checked(
            &app,
            &format!("/admin/applications/{application}/decide"),
            &staff_cookie,
            form(&values),
            &format!("{values:?}"),
        )
        .await;

        // Every server function, signed in and not, with generated
        // arguments: in its query (GET) or as a form, and as JSON.
        for (path, is_get) in &server_functions {
            let pairs = [
                ("id", next()),
                ("slug", next()),
                ("query", next()),
                ("lang", next()),
                ("json", next()),
                ("token", next()),
            ];
            for cookie in ["lang=en", staff_cookie.as_str()] {
                let request = if *is_get {
                    // (An address has a length the client keeps to.)
                    let short: Vec<(&str, String)> = pairs
                        .iter()
                        .map(|(k, v)| (*k, v.chars().take(200).collect()))
                        .collect();
                    app.client
                        .get(app.url(path))
                        .query(&short)
                        .header("cookie", cookie)
                } else if case % 2 == 0 {
                    app.client
                        .post(app.url(path))
                        .form(&pairs)
                        .header("cookie", cookie)
                } else {
                    app.client
                        .post(app.url(path))
                        .header("content-type", "application/json")
                        .body(next())
                        .header("cookie", cookie)
                };
                let response = request.send().await.expect("an answer");
                let status = response.status().as_u16();
                assert!(status < 500, "{path} answered {status} to {pairs:?}");
                let text = response.text().await.unwrap_or_default();
                assert!(!text.contains(SCRIPT), "{path} echoes markup: {text}");
            }
        }
    }
}
