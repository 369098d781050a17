//! Builds the axum application around the Leptos app and runs it.

use crate::config::Settings;
use crate::routes;
use crate::security;
pub use crate::state::AppState;
use app::config::SiteConfig;
use app::db::{now_unix, rate_limits, sessions, tokens, Db};
use app::mail::Mailer;
use app::{shell, App};
use axum::{middleware, Router};
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::OnceLock;
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    live: std::sync::Arc<crate::live::Live>,
}

impl Application {
    /// Connects, migrates and binds; the server starts with `run_until_stopped`.
    pub async fn build(settings: &Settings) -> anyhow::Result<Application> {
        let db = Db::connect(&settings.database_url).await?;
        app::directory::store::listing::cache(&db).set_max_age(std::time::Duration::from_secs(
            settings.directory_cache_seconds,
        ));
        app::migrate(&db).await?;
        app::assemblies::store::keep_rules(&db, &settings.site.voting).await?;
        let listener = TcpListener::bind(settings.addr).await?;
        let addr = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("alliance")
            .site_root(settings.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .env(Env::PROD)
            .site_addr(addr)
            .build();
        let mut site = settings.site.clone();
        site.public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let mailer = Mailer::new(
            settings.smtp_url.as_deref(),
            &settings.data_dir,
            &settings.mail_from,
        )?;
        tracing::info!(?mailer, public_url = %site.public_url, "configured");
        for warning in start_warnings(&db, addr, &site.public_url, &mailer).await {
            warn_loudly(&warning);
        }
        tokio::spawn(maintenance(db.clone(), site.clone()));
        tokio::spawn(mail_deliveries(db.clone(), mailer.clone()));
        let live = crate::live::Live::start(db.clone(), &settings.database_url).await?;
        let news = {
            let live = live.clone();
            app::platform::LiveNews::new(move |assembly| {
                let live = live.clone();
                Box::pin(async move { live.publish(assembly).await })
            })
        };
        let router = router(AppState {
            app: app::platform::AppState {
                leptos_options,
                db: db.clone(),
                site,
                mailer,
                live: news,
            },
            pages: Default::default(),
            live: live.clone(),
            proxies: std::sync::Arc::new(settings.trusted_proxies.clone()),
        });
        Ok(Application {
            listener,
            router,
            db,
            live,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        use axum::serve::ListenerExt;
        // Without TCP_NODELAY the last segment of a larger response waits
        // for the client's delayed acknowledgement: about 40 ms per page.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::debug!(%error, "cannot set TCP_NODELAY");
            }
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown({
            // Live streams never end by themselves: they end when asked.
            let live = self.live.clone();
            async move {
                shutdown.await;
                live.close();
            }
        })
        .await?;
        self.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The app's routes, generated once per process. Generating them runs the
/// app with resource loading suppressed through a process-wide flag in
/// leptos_server; a resource first polled by a render meanwhile would wait
/// forever (leptos issue #4773). Several servers in one process (the tests)
/// must therefore never generate while another one renders.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || provide_request_context(&state)
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let site = Router::new()
        .merge(routes::router(&state.app))
        .leptos_routes_with_context(&state, routes, context.clone(), app_shell)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn(app::platform::post::answer_in_place))
        .layer(middleware::from_fn(security::refuse_nul_in_calls))
        .layer(middleware::from_fn_with_state(
            state.app.clone(),
            app::apply::post::draft_cookie,
        ))
        .layer(middleware::from_fn_with_state(
            (state.pages.clone(), state.db.clone()),
            crate::page_cache::directory_pages,
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.proxies.clone(),
            security::resolve_client,
        ))
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::new(security::SiteOrigin::of(&state.site.public_url)),
            security::refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            security::Https(state.site.public_url.starts_with("https://")),
            security::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(crate::telemetry::request_id))
        .with_state(state);
    // Outside the routes: the language comes off the path before routing
    // (a router's own layers run after it has matched).
    Router::new().fallback_service(middleware::from_fn(crate::language::page_language).layer(site))
}

/// What server functions and renders find in Leptos's context.
pub(crate) fn provide_request_context(state: &AppState) {
    app::platform::provide_request_context(&state.app);
}

/// Every ten minutes: forget expired sessions, links and rate-limit windows.
/// Sends the mail a restart left behind, and retries what failed.
async fn mail_deliveries(db: Db, mailer: Mailer) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(15));
    loop {
        every.tick().await;
        mailer.deliver_due(&db).await;
    }
}

async fn maintenance(db: Db, site: SiteConfig) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        let now = now_unix();
        let idle = now - site.sessions.idle_seconds;
        let created = now - site.sessions.absolute_seconds;
        let day_ago = now - 24 * 60 * 60;
        let result = tokio::try_join!(
            sessions::prune(&db, idle, created),
            tokens::prune(&db, now),
            rate_limits::prune(&db, day_ago),
            app::apply::store::prune_drafts(&db, app::apply::cookie::DRAFT_DAYS * 24 * 60 * 60)
        );
        if let Err(error) = result {
            tracing::warn!(%error, "maintenance failed");
        }
        // The Board's days are Tbilisi's.
        let today = app::apply::today();
        if let Err(error) = app::board::reminder::send_due(&db, &site, today).await {
            tracing::warn!(%error, "the Board's reminder failed");
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// What an operator must know at every start: the ways this server is not
/// fit to face the public as configured.
pub async fn start_warnings(
    db: &Db,
    addr: SocketAddr,
    public_url: &str,
    mailer: &Mailer,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if !addr.ip().is_loopback() && public_url.starts_with("http://") {
        warnings.push(format!(
            "listening on {addr} beyond this machine with an http:// public address: \
             passwords and sessions cross the network unencrypted; put a TLS proxy in front \
             and set --public-url https://…"
        ));
    }
    let mut demo = Vec::new();
    for (email, ..) in crate::seed::DEMO_ACCOUNTS {
        if matches!(app::db::users::by_email(db, email).await, Ok(Some(_))) {
            demo.push(*email);
        }
    }
    if !demo.is_empty() {
        warnings.push(format!(
            "demo accounts with published passwords exist ({}): remove them before real use",
            demo.join(", ")
        ));
    }
    if mailer.is_outbox() {
        warnings.push(
            "mail goes to the outbox folder, not to people: set --smtp-url for real use".into(),
        );
    }
    warnings
}

fn warn_loudly(warning: &str) {
    tracing::warn!("{warning}");
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprintln!("\x1b[1;31mWARNING: {warning}\x1b[0m");
    } else {
        eprintln!("WARNING: {warning}");
    }
}
