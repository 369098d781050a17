//! The `alliance` binary as an operator runs it.

mod common;

use common::TestDatabase;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn alliance() -> Command {
    Command::new(env!("CARGO_BIN_EXE_alliance"))
}

#[tokio::test]
async fn serve_migrates_answers_and_stops_gracefully_on_sigterm() {
    let database = TestDatabase::create().await;
    let mut child = alliance()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", &database.url)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("the server logs its address").unwrap();
        if let Some(rest) = line.split("addr=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let health = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status =
        wait_with_timeout(&mut child, Duration::from_secs(10)).expect("exits after SIGTERM");
    assert!(status.success(), "graceful exit, not a crash: {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
}

#[tokio::test]
async fn migrate_seed_and_backup_commands() {
    let database = TestDatabase::create().await;
    let run = |args: &[&str]| {
        let out = alliance()
            .args(args)
            .env("DATABASE_URL", &database.url)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(run(&["migrate"]).contains("migrations applied"));
    assert!(run(&["seed", "--demo"]).contains("demo data added"));
    assert!(run(&["seed", "--demo"]).contains("already present"));
    assert!(run(&["seed", "--synthetic", "25"]).contains("25 synthetic organisations added"));
    let target =
        std::env::temp_dir().join(format!("alliance-backup-{}", uuid::Uuid::new_v4().simple()));
    assert!(run(&["backup", target.to_str().unwrap()]).contains("backup written"));
    assert!(target.exists());
    let _ = std::fs::remove_file(&target);

    let bad = alliance()
        .args(["seed"])
        .env("DATABASE_URL", &database.url)
        .output()
        .unwrap();
    assert!(!bad.status.success(), "seed needs --demo or --synthetic");
}

fn wait_with_timeout(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    None
}

#[tokio::test]
async fn user_create_prints_a_generated_password_or_takes_one_on_stdin() {
    use std::io::Write;
    let database = TestDatabase::create().await;
    let generated = alliance()
        .args([
            "user",
            "create",
            "--email",
            "Admin@Example.ge",
            "--role",
            "admin",
        ])
        .env("DATABASE_URL", &database.url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let stdout = String::from_utf8_lossy(&generated.stdout);
    assert!(
        stdout.contains("created admin account Admin@Example.ge"),
        "{stdout}"
    );
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a password is printed");
    assert_eq!(password.len(), 22);

    let mut child = alliance()
        .args([
            "user",
            "create",
            "--email",
            "staff@example.ge",
            "--role",
            "staff",
        ])
        .env("DATABASE_URL", &database.url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"violet-harbour-47-lantern\n")
        .unwrap();
    let given = child.wait_with_output().unwrap();
    assert!(given.status.success());
    assert!(
        !String::from_utf8_lossy(&given.stdout).contains("password:"),
        "a given password is not echoed"
    );

    let refuse = |args: &[&str], stdin: &'static [u8]| {
        let mut child = alliance()
            .args(args)
            .env("DATABASE_URL", &database.url)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    assert!(refuse(
        &[
            "user",
            "create",
            "--email",
            "m@example.ge",
            "--role",
            "member"
        ],
        b""
    )
    .contains("--org"));
    assert!(refuse(
        &[
            "user",
            "create",
            "--email",
            "x@example.ge",
            "--role",
            "root"
        ],
        b""
    )
    .contains("role"));
    assert!(refuse(
        &[
            "user",
            "create",
            "--email",
            "w@example.ge",
            "--role",
            "staff"
        ],
        b"password1234\n"
    )
    .contains("too common"));
    assert!(refuse(
        &[
            "user",
            "create",
            "--email",
            "staff@example.ge",
            "--role",
            "staff"
        ],
        b""
    )
    .contains("already has an account"));

    let db = app::db::Db::connect(&database.url).await.unwrap();
    let user = app::db::users::by_email(&db, "admin@example.ge")
        .await
        .unwrap()
        .expect("stored lower-cased");
    assert!(user.email_verified_at.is_some());
    assert!(
        app::auth::server::password::verify(password.to_string(), Some(user.password_hash)).await
    );
}
