//! Test harness: starts the real server on port 0 against a fresh database.
//! `ALLIANCE_TEST_DB=postgres` runs the same tests on PostgreSQL (a database
//! is created per test and dropped afterwards); the default is a SQLite file.

#![allow(dead_code)]

pub mod applicant;
pub mod assembly;

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

    /// A GET of the page at `path` in language `lang`: at its address in
    /// that language (`/en/…`), with the cookie of a visitor who reads it.
    pub async fn get_in(&self, lang: &str, path: &str) -> reqwest::Response {
        let address =
            app::domain::lang::Lang::from_code(lang).map_or(path.to_string(), |l| l.at(path));
        self.client
            .get(self.url(&address))
            .header("cookie", format!("lang={lang}"))
            .send()
            .await
            .expect("request reaches the server")
    }

    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// A second server instance on the same database (as behind a load
    /// balancer); it stops when the returned sender is dropped.
    pub async fn another_instance(&self) -> (SocketAddr, oneshot::Sender<()>) {
        let mut settings = Settings::new(
            &self.database.url,
            self.data_dir.clone(),
            "127.0.0.1:0".parse().expect("address"),
            PathBuf::from("target/site"),
        );
        settings.site.register_limit.max = 1000;
        let (stop, stopped) = oneshot::channel::<()>();
        let (started, addr) = oneshot::channel::<SocketAddr>();
        SERVER_RUNTIME.spawn(async move {
            let app = Application::build(&settings).await?;
            let _ = started.send(app.local_addr());
            app.run_until_stopped(async {
                let _ = stopped.await;
            })
            .await
        });
        (addr.await.expect("the second instance starts"), stop)
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
    spawn_app_with(|_| {}).await
}

/// Starts the server after `adjust` has changed its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    if std::env::var_os("RUST_LOG").is_some() {
        alliance::telemetry::init();
    }
    spawn_app_on(TestDatabase::create().await, adjust).await
}

/// Starts the server on a database a test has prepared (it is migrated
/// first, like any start).
pub async fn spawn_app_on(database: TestDatabase, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let data_dir = database.dir.join("data");
    let mut settings = Settings::new(
        &database.url,
        data_dir.clone(),
        "127.0.0.1:0".parse().expect("address"),
        PathBuf::from("target/site"),
    );
    adjust(&mut settings);
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
    let client = site_client(addr);
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

/// An HTTP client that, like a browser, sends the site's origin with every
/// request (a post carrying a session cookie without one is refused).
pub fn site_client(addr: SocketAddr) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "origin",
        format!("http://{addr}").parse().expect("origin header"),
    );
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .default_headers(headers)
        .build()
        .expect("http client")
}

/// Starts the server with the demo data loaded.
pub async fn spawn_demo_app() -> TestApp {
    let app = spawn_app().await;
    alliance::seed::demo(&app.db)
        .await
        .expect("demo data loads");
    app
}

impl TestApp {
    /// The mails written to the outbox so far, oldest first, once every
    /// queued one has left (mail leaves after the answer that queued it).
    pub async fn outbox(&self) -> Vec<String> {
        for _ in 0..500 {
            if app::db::mail_queue::waiting(&self.db).await.unwrap() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let dir = self.data_dir.join("outbox");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        paths.sort();
        paths
            .iter()
            .map(|p| decode_mail(&std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    /// A POST of a form, optionally with a session cookie.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).form(form);
        if let Some(token) = session {
            request = request.header("cookie", format!("alliance_session={token}"));
        }
        request.send().await.expect("request reaches the server")
    }

    /// A form post in English, signed in with `session` when given: to the
    /// Georgian address with the cookie of an English reader, as a page from
    /// before English had its own addresses posts (answered in English, its
    /// redirects at Georgian addresses; `/en/…` posts are tested apart).
    fn english_post(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let mut cookie = "lang=en".to_string();
        if let Some(token) = session {
            cookie.push_str(&format!("; alliance_session={token}"));
        }
        self.client
            .post(self.url(path))
            .form(form)
            .header("cookie", cookie)
    }

    /// A post the form kit sends in place (with JavaScript), in English:
    /// `kind` is the header's value (`"1"`, or `"stages"` from a form whose
    /// page shows outcomes of its own kind). The status, the JSON answer and
    /// the headers: never a redirect, never a page.
    pub async fn post_in_place(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
        kind: &str,
    ) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
        let response = self
            .english_post(path, form, session)
            .header("alliance-in-place", kind)
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        assert!(location(&response).is_empty(), "no redirect in place");
        assert_eq!(headers["content-type"], "application/json");
        (status, response.json().await.expect("JSON"), headers)
    }

    /// A form post in English that needs correcting: it must be answered
    /// with its page again (422); the page's HTML is returned.
    pub async fn post_form_again(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
    ) -> String {
        let response = self
            .english_post(path, form, session)
            .send()
            .await
            .expect("request reaches the server");
        assert_eq!(response.status(), 422, "{path} is shown again");
        assert!(location(&response).is_empty(), "no redirect");
        response.text().await.expect("a page")
    }

    /// A `multipart/form-data` post in English, signed in with `session`:
    /// the fields, and a file as (field, file name, bytes).
    pub async fn post_multipart(
        &self,
        path: &str,
        session: &str,
        fields: &[(&str, String)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.clone());
        }
        if let Some((field, file_name, bytes)) = file {
            form = form.part(
                field.to_string(),
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string()),
            );
        }
        self.client
            .post(self.url(path))
            .header("cookie", format!("alliance_session={session}; lang=en"))
            .multipart(form)
            .send()
            .await
            .expect("request reaches the server")
    }

    /// A GET with a session cookie.
    pub async fn get_as(&self, session: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", format!("alliance_session={session}"))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// Logs in and returns the session token, or the redirect it got instead.
    /// Signs in; a refusal is the status and the page that answered it.
    pub async fn login(&self, email: &str, password: &str) -> Result<String, String> {
        let response = self
            .post_form("/login", &[("email", email), ("password", password)], None)
            .await;
        match session_cookie(&response) {
            Some(token) => Ok(token),
            None => Err(format!(
                "{} {}",
                response.status().as_u16(),
                response.text().await.unwrap_or_default()
            )),
        }
    }

    /// Signs in with (email, password), which must work; the session token.
    pub async fn sign_in(&self, (email, password): (&str, &str)) -> String {
        self.login(email, password).await.expect("signs in")
    }

    /// A page in English (at its `/en/…` address) as the signed-in person,
    /// without hydration markers.
    pub async fn page_en(&self, session: &str, path: &str) -> String {
        let html = self
            .client
            .get(self.url(&app::domain::lang::Lang::En.at(path)))
            .header("cookie", format!("lang=en; alliance_session={session}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        without_markers(&html)
    }

    /// The one number a query gives (a count).
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.db.pool())
            .await
            .unwrap()
    }

    /// Creates a verified account directly.
    pub async fn create_account(
        &self,
        email: &str,
        role: &str,
        org: Option<&str>,
        password: &str,
    ) -> i64 {
        let account = alliance::accounts::NewAccount {
            email,
            role,
            org_slug: org,
            name: "Test Person",
            lang: "en",
        };
        alliance::accounts::create(&self.db, &account, password)
            .await
            .expect("account created")
            .get()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The session token a response sets, if any (not the clearing one).
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| c.strip_prefix("alliance_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
        .find(|token| !token.is_empty())
}

/// The token of the first link to `path` in a mail.
pub fn link_token(mail: &str, path: &str) -> String {
    let start = mail
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in:\n{mail}"));
    mail[start + path.len() + 7..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Undoes quoted-printable soft breaks and escapes, enough to read links.
fn decode_mail(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// A PNG of one colour, `width` × `height` pixels (an upload).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 120, 200, 255]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}
