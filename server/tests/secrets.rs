//! No password reaches a log line or a span. The server starts with a
//! database password (PostgreSQL; with trust authentication it is accepted
//! and unused) and an SMTP password; every record at every level, span
//! openings and closings included, is kept and searched for them.

mod common;

use std::io;
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::format::FmtSpan;

const DB_PASSWORD: &str = "db-pw-Zq7xW2";
const SMTP_PASSWORD: &str = "smtp-pw-Kc9vR4";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

fn with_password(url: &str) -> String {
    url.replacen(
        "postgres://postgres@",
        &format!("postgres://postgres:{DB_PASSWORD}@"),
        1,
    )
}

#[tokio::test]
async fn no_password_reaches_a_log_line_or_a_span() {
    let logs = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    let app = common::spawn_app_with(|settings| {
        settings.database_url = with_password(&settings.database_url).into();
        settings.smtp_url = Some(format!("smtp://alliance:{SMTP_PASSWORD}@127.0.0.1:9").into());
        let shown = format!("{settings:?}");
        assert!(
            !shown.contains(DB_PASSWORD) && !shown.contains(SMTP_PASSWORD),
            "the settings print no password: {shown}"
        );
    })
    .await;
    let url = with_password(app.database_url());
    if common::backend() == "postgres" {
        assert!(url.contains(DB_PASSWORD), "the test uses a password");
    }
    // A sign-up mails a link (the SMTP server is unreachable: an error is
    // logged), a failed sign-in, a second pool, a backup.
    let response = app
        .post_form(
            "/register",
            &[
                ("name", "Nino"),
                ("email", "nino@example.org"),
                ("password", "a long passphrase for the test"),
                ("password_confirm", "a long passphrase for the test"),
            ],
            None,
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    app.post_form(
        "/login",
        &[("email", "nino@example.org"), ("password", "wrong")],
        None,
    )
    .await;
    let db = app::db::Db::connect(&url).await.unwrap();
    std::fs::create_dir_all(&app.data_dir).unwrap();
    app::db::backup(&db, &url, &app.data_dir.join("secrets.backup"))
        .await
        .unwrap();
    // Mail leaves after the answer: wait for the sign-up's attempt.
    for _ in 0..500 {
        if String::from_utf8_lossy(&logs.0.lock().unwrap()).contains("could not send mail") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let logs = String::from_utf8_lossy(&logs.0.lock().unwrap()).to_string();
    assert!(
        logs.contains("/register") && logs.contains("backup"),
        "the logs were captured: {}",
        &logs[..logs.len().min(2000)]
    );
    // The sign-up's mail failed (no SMTP server): that error is logged
    // inside the request's span, with its id.
    let failure = logs
        .lines()
        .find(|line| line.contains("could not send mail"))
        .expect("the mail failure is logged");
    assert!(
        failure.contains(&format!("id={request_id}")),
        "the request's id is on its log lines: {failure}"
    );
    for (what, secret) in [("database", DB_PASSWORD), ("SMTP", SMTP_PASSWORD)] {
        let line = logs.lines().find(|line| line.contains(secret));
        assert!(line.is_none(), "the {what} password is logged: {line:?}");
    }
}
