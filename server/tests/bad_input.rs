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
