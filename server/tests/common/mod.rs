//! Test harness: starts the real server on port 0 against a fresh database.
//! `ALLIANCE_TEST_DB=postgres` runs the same tests on PostgreSQL (a database
//! is created per test and dropped afterwards); the default is a SQLite file.

#![allow(dead_code)]

use alliance::config::Settings;
use alliance::startup::Application;
use app::db::Db;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::LazyLock;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: Db,
    pub data_dir: PathBuf,
    database: TestDatabase,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// A GET with the language cookie set.
    pub async fn get_in(&self, lang: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", format!("lang={lang}"))
            .send()
            .await
            .expect("request reaches the server")
    }

    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// Stops the server gracefully and waits until it has finished.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.server.take() {
            Some(server) => server.await?,
            None => Ok(()),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub fn backend() -> &'static str {
    match std::env::var("ALLIANCE_TEST_DB").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

/// A database that exists only for one test.
pub struct TestDatabase {
    pub url: String,
    dir: PathBuf,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = std::env::temp_dir().join(format!("alliance-test-{id}"));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        if backend() == "postgres" {
            let admin = admin_url();
            let name = format!("alliance_test_{id}");
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("PostgreSQL is reachable");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&pool)
                .await
                .expect("create test database");
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin)
                .to_string();
            TestDatabase {
                url: format!("{base}/{name}"),
                dir,
                pg_name: Some(name),
            }
        } else {
            TestDatabase {
                url: format!("sqlite:{}/alliance.db", dir.display()),
                dir,
                pg_name: None,
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(name) = self.pg_name.take() {
            // Drop runs outside async code: a short-lived runtime on its own thread.
            let admin = admin_url();
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let pool = sqlx::PgPool::connect(&admin).await?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&pool)
                        .await?;
                    pool.close().await;
                    Ok::<_, sqlx::Error>(())
                })?;
                Ok::<_, anyhow::Error>(())
            })
            .join();
        }
    }
}

fn admin_url() -> String {
    std::env::var("ALLIANCE_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The HTML without the empty comments hydration uses as markers, so tests
/// can match markup the way a reader sees it.
pub fn without_markers(html: &str) -> String {
    html.replace("<!>", "").replace("<!---->", "")
}

/// Servers run on one long-lived, multi-threaded runtime, as in production:
/// each `#[tokio::test]` has its own short-lived runtime, and work a server
/// spawned there would die with it when the test ends.
static SERVER_RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("server runtime")
});

/// Starts the server on a fresh, migrated, empty database.
pub async fn spawn_app() -> TestApp {
    if std::env::var_os("RUST_LOG").is_some() {
        alliance::telemetry::init();
    }
    let database = TestDatabase::create().await;
    let data_dir = database.dir.join("data");
    let settings = Settings {
        database_url: database.url.clone(),
        data_dir: data_dir.clone(),
        addr: "127.0.0.1:0".parse().expect("address"),
        site_root: PathBuf::from("target/site"),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let (started, addr) = oneshot::channel::<SocketAddr>();
    let server = SERVER_RUNTIME.spawn(async move {
        let app = Application::build(&settings).await?;
        let _ = started.send(app.local_addr());
        app.run_until_stopped(async {
            let _ = stopped.await;
        })
        .await
    });
    let addr = match addr.await {
        Ok(addr) => addr,
        Err(_) => panic!("the application did not start: {:?}", server.await),
    };
    let db = Db::connect(&database.url).await.expect("second pool");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("http client");
    TestApp {
        addr,
        client,
        db,
        data_dir,
        database,
        stop: Some(stop),
        server: Some(server),
    }
}

/// Starts the server with the demo data loaded.
pub async fn spawn_demo_app() -> TestApp {
    let app = spawn_app().await;
    alliance::seed::demo(&app.db)
        .await
        .expect("demo data loads");
    app
}
