//! Command line and environment. Every flag falls back to an environment
//! variable, then to a default that works from the repository root.

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
    pub database_url: String,

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
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "ALLIANCE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The built site (WebAssembly, JavaScript, CSS, fonts).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
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
    pub database_url: String,
    pub data_dir: PathBuf,
    pub addr: SocketAddr,
    pub site_root: PathBuf,
}

impl Settings {
    pub fn from_cli(cli: &Cli, serve: &ServeArgs) -> Settings {
        Settings {
            database_url: cli.database_url.clone(),
            data_dir: cli.data_dir.clone(),
            addr: serve.addr,
            site_root: serve.site_root.clone(),
        }
    }
}
