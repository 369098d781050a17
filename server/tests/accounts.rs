//! Accounts end to end against the real server: registration, verification,
//! login, sessions, password reset and changes.

mod common;

use common::{link_token, location, session_cookie, spawn_app, spawn_app_with, spawn_demo_app};

const PASSWORD: &str = "violet-harbour-47-lantern";

/// Whether a session token is signed in: the account page shows the email.
async fn is_signed_in(app: &common::TestApp, token: &str, email: &str) -> bool {
    let html = app.get_as(token, "/account").await.text().await.unwrap();
    html.contains(email)
}

#[tokio::test]
async fn register_verify_by_mailed_link_then_log_in_and_out() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/register",
            &[
                ("name", "Nino Beridze"),
                ("email", "Nino@Example.GE"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        "/register?sent=1&email=nino%40example.ge"
    );

    let unverified = app
        .post_form_again(
            "/login",
            &[("email", "nino@example.ge"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert!(unverified.contains("Please confirm your email first."));
    assert!(unverified.contains(r#"value="nino@example.ge""#));
    let mails = app.outbox().await;
    assert_eq!(
        mails.len(),
        2,
        "the registration link, then a fresh one at the unverified login"
    );
    assert!(mails[0].contains("To: nino@example.ge"));
    let token = link_token(&mails[1], "/verify");

    let verify = app.post_form("/verify", &[("token", &token)], None).await;
    assert_eq!(
        location(&verify),
        "/login?verified=1&email=nino%40example.ge"
    );
    let again = app
        .post_form_again("/verify", &[("token", &token)], None)
        .await;
    assert!(
        again.contains("This link has expired or was already used."),
        "a link works once"
    );

    let session = app
        .login("nino@example.ge", PASSWORD)
        .await
        .expect("logged in");
    assert!(is_signed_in(&app, &session, "nino@example.ge").await);
    let logout = app.post_form("/logout", &[], Some(&session)).await;
    assert_eq!(location(&logout), "/");
    assert!(logout.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert!(
        !is_signed_in(&app, &session, "nino@example.ge").await,
        "the session ended on the server"
    );
}

#[tokio::test]
async fn links_expire() {
    let app = spawn_app().await;
    app.post_form(
        "/register",
        &[
            ("name", "A B"),
            ("email", "a@example.ge"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
        None,
    )
    .await;
    let token = link_token(&app.outbox().await[0], "/verify");
    sqlx::query("UPDATE one_time_tokens SET expires_at = $1")
        .bind(app::db::now_unix() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    let verify = app
        .post_form_again("/verify", &[("token", &token)], None)
        .await;
    assert!(verify.contains("This link has expired or was already used."));
}

#[tokio::test]
async fn bad_credentials_get_one_generic_answer() {
    let app = spawn_app().await;
    app.create_account("known@example.ge", "staff", None, PASSWORD)
        .await;
    let page = app
        .post_form_again(
            "/login",
            &[
                ("email", "known@example.ge"),
                ("password", "not-the-password-at-all"),
            ],
            None,
        )
        .await;
    let unknown_email = app
        .post_form_again(
            "/login",
            &[("email", "unknown@example.ge"), ("password", PASSWORD)],
            None,
        )
        .await;
    let main = |html: &str, email: &str| {
        let start = html.find("<main").expect("a main");
        let end = html.find("</main>").expect("a main");
        html[start..end].replace(email, "…")
    };
    assert_eq!(
        main(&page, "known@example.ge"),
        main(&unknown_email, "unknown@example.ge"),
        "the same page whether or not the address has an account"
    );
    assert!(page.contains("The email or password is not correct."));
    assert!(
        page.contains(r#"value="known@example.ge""#),
        "the typed email is kept"
    );
}

#[tokio::test]
async fn registration_does_not_reveal_existing_accounts() {
    let app = spawn_app().await;
    app.create_account("taken@example.ge", "staff", None, PASSWORD)
        .await;
    let form = [
        ("name", "Someone"),
        ("email", "taken@example.ge"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let response = app.post_form("/register", &form, None).await;
    assert_eq!(
        location(&response),
        "/register?sent=1&email=taken%40example.ge",
        "same answer as for a new address"
    );
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("already") || mails[0].contains("უკვე"),
        "the owner is told instead"
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1, "no second account");
}

#[tokio::test]
async fn registration_checks_every_field_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let form = [
        ("name", ""),
        ("email", "not an email"),
        ("password", "password1234"),
        ("password_confirm", "password1234"),
    ];
    let html = app.post_form_again("/register", &form, None).await;
    assert!(html.contains("There is a problem"));
    assert!(html.contains("Fill in this field."));
    assert!(html.contains("Enter an email address in the right format"));
    assert!(
        html.contains(r##"href="#field-email""##),
        "the summary links to the field"
    );
    assert!(html.contains("This password is too common or too easy to guess."));
    assert!(html.contains(r#"value="not an email""#));
    assert!(html.contains(r#"aria-invalid="true""#));
    let short = [
        ("name", "N"),
        ("email", "n@example.ge"),
        ("password", "short"),
        ("password_confirm", "short"),
    ];
    assert!(app
        .post_form_again("/register", &short, None)
        .await
        .contains("Use at least 12 characters."));
    let differ = [
        ("name", "N"),
        ("email", "n@example.ge"),
        ("password", PASSWORD),
        ("password_confirm", "violet-harbour-47-lanterns"),
    ];
    assert!(app
        .post_form_again("/register", &differ, None)
        .await
        .contains("The passwords do not match."));
    assert!(app.outbox().await.is_empty());
}

#[tokio::test]
async fn logging_in_rotates_the_session_id() {
    let app = spawn_app().await;
    app.create_account("s@example.ge", "staff", None, PASSWORD)
        .await;
    let first = app.login("s@example.ge", PASSWORD).await.unwrap();
    let response = app
        .post_form(
            "/login",
            &[("email", "s@example.ge"), ("password", PASSWORD)],
            Some(&first),
        )
        .await;
    let second = session_cookie(&response).expect("a new session");
    assert_ne!(first, second);
    assert!(
        !is_signed_in(&app, &first, "s@example.ge").await,
        "the old id is dead"
    );
    assert!(is_signed_in(&app, &second, "s@example.ge").await);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn sessions_expire_when_idle_and_when_old() {
    let app = spawn_app().await;
    app.create_account("t@example.ge", "staff", None, PASSWORD)
        .await;
    let lifetimes = app::auth::server::session::Lifetimes::default();
    let now = app::db::now_unix();

    let idle = app.login("t@example.ge", PASSWORD).await.unwrap();
    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(now - lifetimes.idle_seconds - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(
        !is_signed_in(&app, &idle, "t@example.ge").await,
        "idle too long"
    );

    let old = app.login("t@example.ge", PASSWORD).await.unwrap();
    sqlx::query("UPDATE sessions SET created_at = $1")
        .bind(now - lifetimes.absolute_seconds - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(
        !is_signed_in(&app, &old, "t@example.ge").await,
        "older than the absolute limit, however busy"
    );

    let fresh = app.login("t@example.ge", PASSWORD).await.unwrap();
    assert!(is_signed_in(&app, &fresh, "t@example.ge").await);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(left, 1, "expired sessions are deleted");
}

#[tokio::test]
async fn forgotten_password_reset_works_once_and_ends_sessions() {
    let app = spawn_app().await;
    app.create_account("r@example.ge", "staff", None, PASSWORD)
        .await;
    let before = app.login("r@example.ge", PASSWORD).await.unwrap();

    let unknown = app
        .post_form("/forgot", &[("email", "nobody@example.ge")], None)
        .await;
    assert_eq!(
        location(&unknown),
        "/forgot?sent=1&email=nobody%40example.ge"
    );
    assert!(
        app.outbox().await.is_empty(),
        "no mail for unknown addresses, same answer"
    );

    let known = app
        .post_form("/forgot", &[("email", "r@example.ge")], None)
        .await;
    assert_eq!(location(&known), "/forgot?sent=1&email=r%40example.ge");
    let token = link_token(&app.outbox().await[0], "/reset");
    let new_password = "amber-kettle-91-meadow";

    let weak = app
        .post_form_again(
            "/reset",
            &[
                ("token", &token),
                ("password", "qwertyuiop12"),
                ("password_confirm", "qwertyuiop12"),
            ],
            None,
        )
        .await;
    assert!(weak.contains("This password is too common or too easy to guess."));
    assert!(
        weak.contains(&format!(r#"value="{token}""#)),
        "the link survives a refused password"
    );

    let reset = app
        .post_form(
            "/reset",
            &[
                ("token", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            None,
        )
        .await;
    assert_eq!(location(&reset), "/login?reset=1&email=r%40example.ge");
    let again = app
        .post_form_again(
            "/reset",
            &[
                ("token", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            None,
        )
        .await;
    assert!(again.contains("This link has expired or was already used."));

    assert!(
        !is_signed_in(&app, &before, "r@example.ge").await,
        "sessions ended"
    );
    assert!(app.login("r@example.ge", PASSWORD).await.is_err());
    assert!(app.login("r@example.ge", new_password).await.is_ok());
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.create_account("c@example.ge", "staff", None, PASSWORD)
        .await;
    let here = app.login("c@example.ge", PASSWORD).await.unwrap();
    let elsewhere = app.login("c@example.ge", PASSWORD).await.unwrap();
    let new_password = "copper-lantern-58-orchard";
    // A reset link asked for earlier (by the owner, or by someone reading
    // the mailbox) must not undo the change.
    app.post_form("/forgot", &[("email", "c@example.ge")], None)
        .await;
    let reset_token = link_token(app.outbox().await.last().unwrap(), "/reset");

    let wrong = app
        .post_form_again(
            "/account/password",
            &[
                ("current_password", "nope-nope-nope"),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            Some(&here),
        )
        .await;
    assert!(wrong.contains("The password is not correct."));

    let changed = app
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(location(&changed), "/account?password_changed=1");
    assert!(
        is_signed_in(&app, &here, "c@example.ge").await,
        "this session stays"
    );
    assert!(
        !is_signed_in(&app, &elsewhere, "c@example.ge").await,
        "the other one ended"
    );
    assert!(app.login("c@example.ge", new_password).await.is_ok());
    let reset = app
        .post_form_again(
            "/reset",
            &[
                ("token", &reset_token),
                ("password", "another-lantern-77-orchard"),
                ("password_confirm", "another-lantern-77-orchard"),
            ],
            None,
        )
        .await;
    assert!(
        reset.contains("This link has expired or was already used."),
        "the reset link was voided"
    );

    let anonymous = app
        .post_form("/account/password", &[("current_password", PASSWORD)], None)
        .await;
    assert_eq!(location(&anonymous), "/login?next=%2Faccount%2Fpassword");
}

#[tokio::test]
async fn changing_the_email_needs_the_password_and_the_new_mailbox() {
    let app = spawn_app().await;
    app.create_account("old@example.ge", "staff", None, PASSWORD)
        .await;
    let session = app.login("old@example.ge", PASSWORD).await.unwrap();

    let wrong = app
        .post_form_again(
            "/account/email",
            &[
                ("email_password", "nope-nope-nope"),
                ("new_email", "new@example.ge"),
            ],
            Some(&session),
        )
        .await;
    assert!(wrong.contains("The password is not correct."));
    assert!(
        wrong.contains(r#"value="new@example.ge""#),
        "the new address is kept"
    );

    let sent = app
        .post_form(
            "/account/email",
            &[
                ("email_password", PASSWORD),
                ("new_email", "New@Example.ge"),
            ],
            Some(&session),
        )
        .await;
    assert_eq!(location(&sent), "/account?email_sent=new%40example.ge");
    let mail = &app.outbox().await[0];
    assert!(mail.contains("To: new@example.ge"));
    assert!(
        is_signed_in(&app, &session, "old@example.ge").await,
        "nothing changes before the link is used"
    );

    // Someone else signed in to the account, holding a reset link mailed
    // to the old address.
    let elsewhere = app.login("old@example.ge", PASSWORD).await.unwrap();
    app.post_form("/forgot", &[("email", "old@example.ge")], None)
        .await;
    let reset_mail = app.outbox().await.last().unwrap().clone();
    assert!(reset_mail.contains("To: old@example.ge"));
    let reset_token = link_token(&reset_mail, "/reset");

    let confirm = app
        .post_form(
            "/confirm-email",
            &[("token", &link_token(mail, "/confirm-email"))],
            Some(&session),
        )
        .await;
    assert_eq!(location(&confirm), "/account?email_changed=1");
    assert!(is_signed_in(&app, &session, "new@example.ge").await);
    assert!(
        !is_signed_in(&app, &elsewhere, "new@example.ge").await,
        "the other session ended"
    );
    let told = app.outbox().await.last().unwrap().clone();
    assert!(told.contains("To: old@example.ge"), "{told}");
    assert!(
        told.contains("new@example.ge"),
        "the old address is told the new one"
    );
    let new_password = "copper-lantern-58-orchard";
    let reset = app
        .post_form_again(
            "/reset",
            &[
                ("token", &reset_token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            None,
        )
        .await;
    assert!(
        reset.contains("This link has expired or was already used."),
        "a reset link mailed to the old address no longer works"
    );
    assert!(app.login("new@example.ge", PASSWORD).await.is_ok());
}

#[tokio::test]
async fn login_is_rate_limited_per_address_and_recovers() {
    let app = spawn_app_with(|settings| {
        settings.site.login_limit = app::auth::server::rate_limit::RateLimit {
            max: 3,
            window_seconds: 2,
        };
    })
    .await;
    // Start at the beginning of a window so all four attempts fall in it.
    let now = app::db::now_unix();
    tokio::time::sleep(std::time::Duration::from_millis(
        ((2 - now % 2) * 1000 + 50) as u64,
    ))
    .await;
    for _ in 0..3 {
        assert_ne!(
            app.post_form(
                "/login",
                &[("email", "x@example.ge"), ("password", "wrong")],
                None
            )
            .await
            .status(),
            429
        );
    }
    let limited = app
        .post_form(
            "/login",
            &[("email", "x@example.ge"), ("password", "wrong")],
            None,
        )
        .await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let recovered = app
        .post_form(
            "/login",
            &[("email", "x@example.ge"), ("password", "wrong")],
            None,
        )
        .await;
    assert_eq!(recovered.status(), 422, "a new window, a new allowance");
}

#[tokio::test]
async fn demo_accounts_can_log_in() {
    let app = spawn_demo_app().await;
    for (email, _, _, _, password) in alliance::seed::DEMO_ACCOUNTS {
        let session = app
            .login(email, password)
            .await
            .unwrap_or_else(|e| panic!("{email}: {e}"));
        assert!(is_signed_in(&app, &session, email).await);
    }
}

#[tokio::test]
async fn a_value_sent_is_never_echoed_unbounded_into_a_header() {
    let app = spawn_app().await;
    let long = "a".repeat(100_000);
    let georgian = "ა".repeat(100_000);
    let answers = [
        app.post_form(
            "/reset",
            &[
                ("token", &long),
                ("password", "short"),
                ("password_confirm", "x"),
            ],
            None,
        )
        .await,
        app.post_form("/login", &[("email", &georgian), ("password", "x")], None)
            .await,
        app.post_form("/forgot", &[("email", &long)], None).await,
        // An address is bounded by the client too (64 KB): 20,000 characters.
        app.get(&format!("/apply/resume?token={}", &long[..20_000]))
            .await,
        app.get(&format!("/login?next={}", &long[..20_000])).await,
    ];
    for response in answers {
        let size: usize = response
            .headers()
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .max()
            .unwrap_or(0);
        assert!(
            size < 4096,
            "{} answered with a {size}-byte header",
            response.url()
        );
        assert!(response.status().as_u16() < 500, "{}", response.status());
    }
}

/// A mail server that takes connections and never answers: a mail sent
/// while the request waits would hold the answer until the sender gives up.
async fn silent_mail_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("smtp://127.0.0.1:{port}")
}

/// How long `post` takes to be answered, in milliseconds; an answer slower
/// than five seconds counts as five seconds.
async fn answer_ms(post: impl std::future::Future<Output = reqwest::Response>) -> f64 {
    let started = std::time::Instant::now();
    let answered = tokio::time::timeout(std::time::Duration::from_secs(5), post).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(response) = answered {
        assert!(response.status().as_u16() < 400, "{}", response.status());
    }
    ms
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

/// The median answer times of `known(i)` and `unknown(i)`, taken in turn so
/// that the machine's noise falls on both alike.
async fn paired_medians<K, U, KF, UF>(tries: usize, known: K, unknown: U) -> (f64, f64)
where
    K: Fn(usize) -> KF,
    U: Fn(usize) -> UF,
    KF: std::future::Future<Output = reqwest::Response>,
    UF: std::future::Future<Output = reqwest::Response>,
{
    let (mut k, mut u) = (Vec::new(), Vec::new());
    for i in 0..tries {
        k.push(answer_ms(known(i)).await);
        u.push(answer_ms(unknown(i)).await);
    }
    (median(k), median(u))
}

#[tokio::test]
async fn known_and_unknown_addresses_are_answered_in_the_same_time() {
    let smtp = silent_mail_server().await;
    let app = spawn_app_with(|settings| {
        settings.smtp_url = Some(smtp.into());
        let many = app::auth::server::rate_limit::RateLimit {
            max: 1000,
            window_seconds: 600,
        };
        settings.site.register_limit = many;
    })
    .await;
    app.create_account("known@example.ge", "staff", None, PASSWORD)
        .await;
    const TRIES: usize = 30;
    let forgot = |email: String| {
        let app = &app;
        async move { app.post_form("/forgot", &[("email", &email)], None).await }
    };
    let (known, unknown) = paired_medians(
        TRIES,
        |_| forgot("known@example.ge".into()),
        |i| forgot(format!("nobody{i}@example.ge")),
    )
    .await;
    println!("forgot: known {known:.1} ms, unknown {unknown:.1} ms (medians of {TRIES})");
    assert!(
        (known - unknown).abs() < 20.0,
        "forgot: known {known:.1} ms, unknown {unknown:.1} ms"
    );

    let register = |email: String| {
        let app = &app;
        async move {
            let form = [
                ("name", "Someone"),
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ];
            app.post_form("/register", &form, None).await
        }
    };
    let (known, unknown) = paired_medians(
        TRIES,
        |_| register("known@example.ge".into()),
        |i| register(format!("new{i}@example.ge")),
    )
    .await;
    println!("register: known {known:.1} ms, unknown {unknown:.1} ms (medians of {TRIES})");
    assert!(
        (known - unknown).abs() < 20.0,
        "register: known {known:.1} ms, unknown {unknown:.1} ms"
    );
    // The mails wait in the queue for the mail server to answer.
    assert!(app::db::mail_queue::waiting(&app.db).await.unwrap() >= 2 * TRIES as i64);
}

#[tokio::test]
async fn forms_sent_in_place_get_the_answer_their_page_applies() {
    let app = spawn_app().await;
    app.create_account("known@example.ge", "staff", None, PASSWORD)
        .await;

    // A correction: what the page rendered again would show, without the
    // password.
    let (status, answer, _) = app
        .post_in_place(
            "/login",
            &[
                ("email", "known@example.ge"),
                ("password", "wrong-password-1"),
            ],
            None,
            "1",
        )
        .await;
    assert_eq!(status, 422);
    let posted = answer["Again"]["posted"].as_array().expect("the answer");
    let has = |k: &str, v: &str| posted.iter().any(|pair| pair[0] == k && pair[1] == v);
    assert!(has("error", "credentials"), "{answer}");
    assert!(has("email", "known@example.ge"), "{answer}");
    assert!(!answer.to_string().contains("wrong-password-1"));

    // Success that begins a session: the next page is loaded anew, and the
    // session cookie comes with the answer.
    let (status, answer, headers) = app
        .post_in_place(
            "/login",
            &[("email", "known@example.ge"), ("password", PASSWORD)],
            None,
            "1",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(answer["To"]["to"], "/account");
    assert_eq!(answer["To"]["load"], true);
    assert!(headers
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("alliance_session=")));

    // Success without a new session: the page moves on in place.
    let (status, answer, _) = app
        .post_in_place(
            "/register",
            &[
                ("name", "Nino Beridze"),
                ("email", "nino@example.ge"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
            "1",
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        answer["To"]["to"]
            .as_str()
            .unwrap()
            .starts_with("/register?sent="),
        "{answer}"
    );
    assert_eq!(answer["To"]["load"], false);

    // The same post without the header is the plain one: a redirect.
    let plain = app
        .post_form(
            "/register",
            &[
                ("name", "Eka Beridze"),
                ("email", "eka@example.ge"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(plain.status(), 303);
    assert!(location(&plain).starts_with("/register?sent="));
}

#[tokio::test]
async fn the_in_place_header_opens_no_door() {
    let app = spawn_app().await;
    // From another site, the header changes nothing: refused as before.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/register"))
        .form(&[("name", "X"), ("email", "x@example.ge")])
        .header("origin", "https://evil.example")
        .header("alliance-in-place", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // Signed out, a signed-in form's post is sent to sign in first: in
    // place, that is where the page goes.
    let (status, answer, _) = app
        .post_in_place(
            "/account/password",
            &[("current_password", "x"), ("password", "y")],
            None,
            "1",
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        answer["To"]["to"]
            .as_str()
            .unwrap()
            .starts_with("/login?next="),
        "{answer}"
    );
}
