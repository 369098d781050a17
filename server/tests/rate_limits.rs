//! Login limits behind a reverse proxy, on a fresh database: a forged
//! `X-Forwarded-For` buys no new attempts, clients behind one proxy are
//! counted apart, one account is limited from any address, a hall of
//! delegates behind one address signing in correctly is never locked out,
//! and the limiter refuses logins when its counters are unreachable.

mod common;

use app::auth::server::rate_limit::RateLimit;
use common::{spawn_app_with, TestApp};
use futures::future::join_all;

const PASSWORD: &str = "violet-harbour-47-lantern";

/// Long windows: a test never straddles two.
fn limit(max: i64) -> RateLimit {
    RateLimit {
        max,
        window_seconds: 24 * 3600,
    }
}

async fn behind_proxy(per_address: i64, per_account: i64) -> TestApp {
    spawn_app_with(|settings| {
        settings.trusted_proxies = alliance::security::TrustedProxies::parse("127.0.0.1").unwrap();
        settings.site.login_limit = limit(per_address);
        settings.site.account_login_limit = limit(per_account);
    })
    .await
}

/// A login through the proxy for the client the proxy saw (the rightmost
/// entry); `claimed` is what the client wrote in the header itself.
async fn login_via(
    app: &TestApp,
    claimed: &str,
    client: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/login"))
        .header("x-forwarded-for", format!("{claimed}, {client}"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_forged_forwarded_for_buys_no_new_attempts() {
    let app = behind_proxy(3, 100).await;
    for i in 0..3 {
        let claimed = format!("203.0.113.{i}");
        let response = login_via(&app, &claimed, "198.51.100.7", "x@example.ge", "wrong").await;
        assert_eq!(response.status(), 422, "attempt {i}: asked again");
    }
    let forged = login_via(
        &app,
        "203.0.113.99",
        "198.51.100.7",
        "x@example.ge",
        "wrong",
    )
    .await;
    assert_eq!(
        forged.status(),
        429,
        "a new first entry is not a new client"
    );
}

#[tokio::test]
async fn without_named_proxies_the_header_is_not_read() {
    let app = spawn_app_with(|settings| settings.site.login_limit = limit(2)).await;
    for i in 0..3 {
        let response = login_via(
            &app,
            "203.0.113.1",
            &format!("198.51.100.{i}"),
            "x@example.ge",
            "wrong",
        )
        .await;
        let expected = if i < 2 { 422 } else { 429 };
        assert_eq!(
            response.status(),
            expected,
            "attempt {i}: the peer is the client"
        );
    }
}

#[tokio::test]
async fn clients_behind_one_proxy_are_counted_apart() {
    let app = behind_proxy(3, 100).await;
    app.create_account("nino@example.ge", "board", None, PASSWORD)
        .await;
    for _ in 0..3 {
        login_via(&app, "", "198.51.100.7", "x@example.ge", "wrong").await;
    }
    let locked = login_via(&app, "", "198.51.100.7", "nino@example.ge", PASSWORD).await;
    assert_eq!(locked.status(), 429);
    let neighbour = login_via(&app, "", "198.51.100.8", "nino@example.ge", PASSWORD).await;
    assert_eq!(neighbour.status(), 303);
    assert!(
        common::session_cookie(&neighbour).is_some(),
        "another client signs in"
    );
    // IPv6 neighbours in one /64 are one client.
    for _ in 0..3 {
        login_via(&app, "", "2001:db8:7:7::1", "x@example.ge", "wrong").await;
    }
    let same_block = login_via(&app, "", "2001:db8:7:7::2", "nino@example.ge", PASSWORD).await;
    assert_eq!(same_block.status(), 429);
}

#[tokio::test]
async fn one_account_is_limited_from_any_address() {
    let app = behind_proxy(100, 3).await;
    app.create_account("nino@example.ge", "board", None, PASSWORD)
        .await;
    app.create_account("eka@example.ge", "board", None, PASSWORD)
        .await;
    for i in 0..3 {
        let response = login_via(
            &app,
            "",
            &format!("198.51.100.{i}"),
            "nino@example.ge",
            "guess",
        )
        .await;
        assert_eq!(response.status(), 422, "asked again");
    }
    let rotated = login_via(&app, "", "198.51.100.50", "NINO@example.ge", PASSWORD).await;
    assert_eq!(
        rotated.status(),
        429,
        "a fourth address gets no further against the account"
    );
    let other = login_via(&app, "", "198.51.100.50", "eka@example.ge", PASSWORD).await;
    assert!(
        common::session_cookie(&other).is_some(),
        "other accounts are not affected"
    );
}

#[tokio::test]
async fn a_hall_behind_one_address_signs_in_correctly_without_lockout() {
    let app = behind_proxy(10, 10).await;
    let emails: Vec<String> = (0..100)
        .map(|i| format!("delegate{i}@example.ge"))
        .collect();
    for email in &emails {
        app.create_account(email, "board", None, PASSWORD).await;
    }
    // Ten at a time, like a hall at the start of an assembly, all through
    // one NAT address.
    for group in emails.chunks(10) {
        let logins = group
            .iter()
            .map(|email| login_via(&app, "", "198.51.100.200", email, PASSWORD));
        for (email, response) in group.iter().zip(join_all(logins).await) {
            assert!(
                common::session_cookie(&response).is_some(),
                "{email}: {}",
                response.status()
            );
        }
    }
    // The same account signing in again and again is no failure either.
    for _ in 0..20 {
        let again = login_via(&app, "", "198.51.100.200", &emails[0], PASSWORD).await;
        assert!(common::session_cookie(&again).is_some());
    }
}

#[tokio::test]
async fn login_is_refused_when_the_counters_are_unreachable() {
    let app = behind_proxy(10, 10).await;
    app.create_account("nino@example.ge", "board", None, PASSWORD)
        .await;
    sqlx::query("DROP TABLE rate_limits")
        .execute(app.db.pool())
        .await
        .unwrap();
    let response = login_via(&app, "", "198.51.100.7", "nino@example.ge", PASSWORD).await;
    assert_eq!(response.status(), 503, "fail closed, not open");
    assert!(common::session_cookie(&response).is_none());
}
