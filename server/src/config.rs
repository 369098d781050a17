//! Command line and environment. Every flag falls back to an environment
//! variable, then to a default that works from the repository root.

use crate::security::TrustedProxies;
use app::auth::server::rate_limit::RateLimit;
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "alliance",
    version,
    about = "The Social Enterprises Alliance platform"
)]
pub struct Cli {
    /// Database URL: `sqlite:PATH` or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:data/alliance.db",
        global = true
    )]
    pub database_url: ConnectionUrl,

    /// Folder for uploads and the mail outbox.
    #[arg(long, env = "ALLIANCE_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations and serve the site.
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate,
    /// Fill the database with demo or synthetic data.
    Seed(SeedArgs),
    /// Write an online, consistent copy of the database to PATH.
    Backup { path: PathBuf },
    /// Restore a backup written by `backup` into an empty database (a new
    /// SQLite file, or a PostgreSQL database without tables).
    Restore { path: PathBuf },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the whole chain: prints its end when every entry is intact;
    /// otherwise names the first entry that was changed, deleted or
    /// inserted and exits with status 1.
    Verify {
        /// The end the chain must have, as printed in minutes or an earlier
        /// run (`SEQ:HASH`): also catches a chain rewritten from some entry on.
        #[arg(long, value_name = "SEQ:HASH")]
        expect: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. Prints a generated password unless one is given on
    /// standard input.
    Create {
        #[arg(long)]
        email: String,
        /// admin, staff, board or member
        #[arg(long)]
        role: String,
        /// For a member representative: the organisation's slug.
        #[arg(long)]
        org: Option<String>,
        #[arg(long, default_value = "")]
        name: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "ALLIANCE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The built site (WebAssembly, JavaScript, CSS, fonts).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Where people reach the site, for links in mail; https:// also makes
    /// cookies Secure. Default: http://ADDR.
    #[arg(long, env = "ALLIANCE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server, e.g. smtps://user:password@smtp.example.org; without it
    /// mail goes to DATA_DIR/outbox.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<ConnectionUrl>,

    /// The sender of the platform's mail.
    #[arg(
        long,
        env = "ALLIANCE_MAIL_FROM",
        default_value = "Social Enterprises Alliance <no-reply@alliance.localhost>"
    )]
    pub mail_from: String,

    /// The reverse proxies in front of the server, whose X-Forwarded-For is
    /// believed: addresses or CIDR ranges, comma-separated (e.g.
    /// 127.0.0.1,10.0.0.0/8). The client is the rightmost forwarded address
    /// that is not one of them. Default: none (the socket peer is the client).
    #[arg(long, env = "ALLIANCE_TRUSTED_PROXIES", default_value = "", value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,

    /// Failed logins allowed per client address: MAX/SECONDS.
    #[arg(long, env = "ALLIANCE_LOGIN_LIMIT", default_value = "10/900", value_parser = parse_limit)]
    pub login_limit: RateLimit,

    /// Failed logins allowed per account, from any address: MAX/SECONDS.
    #[arg(long, env = "ALLIANCE_ACCOUNT_LOGIN_LIMIT", default_value = "10/900", value_parser = parse_limit)]
    pub account_login_limit: RateLimit,

    /// Registrations (and reset requests) allowed per client address: MAX/SECONDS.
    #[arg(long, env = "ALLIANCE_REGISTER_LIMIT", default_value = "5/3600", value_parser = parse_limit)]
    pub register_limit: RateLimit,

    /// How long a directory answer (page and counts) may be reused when no
    /// organisation changed in this process; 0 turns the cache off. Changes
    /// made through another instance show within this time.
    #[arg(long, env = "ALLIANCE_DIRECTORY_CACHE_SECONDS", default_value_t = 5)]
    pub directory_cache_seconds: u64,

    /// Membership categories that vote at a new General Assembly,
    /// comma-separated (full, associate, honorary); the others attend
    /// without a vote. Each assembly keeps the rules it was called with.
    #[arg(long, env = "ALLIANCE_VOTING_CATEGORIES", default_value = "full", value_delimiter = ',',
          value_parser = ["full", "associate", "honorary"])]
    pub voting_categories: Vec<String>,

    /// A new assembly's quorum: ">1/2" (more than half of the voting organisations
    /// present) or "2/3" (at least two thirds).
    #[arg(long, env = "ALLIANCE_QUORUM", default_value = ">1/2", value_parser = parse_quorum)]
    pub quorum: app::domain::voting::Quorum,

    /// How many proxies one organisation may hold at a new assembly (0-5).
    #[arg(long, env = "ALLIANCE_PROXIES_PER_HOLDER", default_value_t = 1)]
    pub proxies_per_holder: i64,
}

fn parse_quorum(text: &str) -> Result<app::domain::voting::Quorum, String> {
    app::domain::voting::Quorum::from_code(text).map_err(str::to_string)
}

fn parse_limit(text: &str) -> Result<RateLimit, String> {
    let (max, seconds) = text
        .split_once('/')
        .ok_or("expected MAX/SECONDS, e.g. 10/900")?;
    let max = max.trim().parse().map_err(|_| "MAX must be a number")?;
    let window_seconds: i64 = seconds
        .trim()
        .parse()
        .map_err(|_| "SECONDS must be a number")?;
    if window_seconds < 1 {
        return Err("SECONDS must be at least 1".into());
    }
    Ok(RateLimit {
        max,
        window_seconds,
    })
}

#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct SeedArgs {
    /// Fictional but realistic organisations, news and a Board (skipped when present).
    #[arg(long)]
    pub demo: bool,

    /// N generated organisations across every sector, region and category.
    #[arg(long, value_name = "N")]
    pub synthetic: Option<usize>,
}

/// Everything `serve` needs, gathered from the command line and environment.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: ConnectionUrl,
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    /// `None`: http:// and the address actually bound.
    pub public_url: Option<String>,
    pub smtp_url: Option<ConnectionUrl>,
    pub mail_from: String,
    /// Directory answers are reused for at most this long (0: never).
    pub directory_cache_seconds: u64,
    /// Proxies whose X-Forwarded-For names the client.
    pub trusted_proxies: TrustedProxies,
    /// Everything else the app reads at run time (sessions, rate limits, …);
    /// its `public_url` is filled in when the server binds.
    pub site: app::config::SiteConfig,
}

impl Settings {
    /// Defaults for everything but the database and the address.
    pub fn new(
        database_url: &str,
        data_dir: PathBuf,
        addr: SocketAddr,
        site_root: PathBuf,
    ) -> Settings {
        Settings {
            database_url: ConnectionUrl::from(database_url),
            data_dir,
            addr,
            site_root,
            public_url: None,
            smtp_url: None,
            mail_from: "Social Enterprises Alliance <no-reply@alliance.localhost>".into(),
            directory_cache_seconds: 5,
            trusted_proxies: TrustedProxies::default(),
            site: app::config::SiteConfig::default(),
        }
    }

    pub fn from_cli(cli: &Cli, serve: &ServeArgs) -> Settings {
        let mut settings = Settings::new(
            &cli.database_url,
            cli.data_dir.clone(),
            serve.addr,
            serve.site_root.clone(),
        );
        settings.public_url = serve.public_url.clone();
        settings.smtp_url = serve.smtp_url.clone();
        settings.mail_from = serve.mail_from.clone();
        settings.directory_cache_seconds = serve.directory_cache_seconds;
        settings.trusted_proxies = serve.trusted_proxies.clone();
        settings.site.login_limit = serve.login_limit;
        settings.site.account_login_limit = serve.account_login_limit;
        settings.site.register_limit = serve.register_limit;
        settings.site.voting = app::domain::voting::VotingRules {
            categories: app::domain::voting::VotingRules::categories_of(
                serve.voting_categories.iter().map(String::as_str),
            ),
            quorum: serve.quorum,
            proxies_per_holder: serve
                .proxies_per_holder
                .clamp(0, app::domain::voting::PROXIES_MAX),
        };
        settings
    }
}

/// A URL that may carry a password (the database's, the SMTP server's). It
/// reads as a `&str` where one is needed; `{:?}` shows it with the password
/// replaced, so printing the settings prints no secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionUrl(String);

impl std::ops::Deref for ConnectionUrl {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ConnectionUrl {
    fn from(url: &str) -> Self {
        ConnectionUrl(url.to_string())
    }
}

impl From<String> for ConnectionUrl {
    fn from(url: String) -> Self {
        ConnectionUrl(url)
    }
}

impl std::str::FromStr for ConnectionUrl {
    type Err = std::convert::Infallible;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Ok(ConnectionUrl::from(url))
    }
}

impl std::fmt::Debug for ConnectionUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", without_password(&self.0))
    }
}

/// `scheme://user:***@host/...`: the URL with any password hidden.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_and_nothing_else_changes() {
        assert_eq!(
            without_password("postgres://app:s3cret@db.example:5432/alliance?sslmode=require"),
            "postgres://app:***@db.example:5432/alliance?sslmode=require"
        );
        assert_eq!(
            without_password("smtps://mailer:p%40ss@smtp.example.org"),
            "smtps://mailer:***@smtp.example.org"
        );
        assert_eq!(
            without_password("postgres://app@db/alliance"),
            "postgres://app@db/alliance"
        );
        assert_eq!(
            without_password("sqlite:data/alliance.db"),
            "sqlite:data/alliance.db"
        );
        let settings = Settings {
            smtp_url: Some("smtp://u:hunter2@mail".into()),
            ..Settings::new(
                "postgres://app:s3cret@db/alliance",
                PathBuf::from("data"),
                "127.0.0.1:0".parse().unwrap(),
                PathBuf::from("target/site"),
            )
        };
        let shown = format!("{settings:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("hunter2"),
            "{shown}"
        );
        assert_eq!(&*settings.database_url, "postgres://app:s3cret@db/alliance");
    }
}
