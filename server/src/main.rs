//! `alliance`: the platform's one binary — serve, migrate, seed, backup.

use alliance::config::{Cli, Command, Settings};
use alliance::{seed, startup, telemetry};
use app::db::Db;
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();
    match cli.command {
        Command::Serve(ref serve) => {
            let app = startup::Application::build(&Settings::from_cli(&cli, serve)).await?;
            tracing::info!(addr = %app.local_addr(), "listening");
            app.run_until_stopped(startup::shutdown_signal()).await?;
        }
        Command::Migrate => {
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            println!("migrations applied");
        }
        Command::Seed(ref args) => {
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            seed::run(&db, args).await?;
        }
        Command::Backup { ref path } => {
            let db = Db::connect(&cli.database_url).await?;
            app::db::backup(&db, &cli.database_url, path).await?;
            println!("backup written to {}", path.display());
        }
    }
    Ok(())
}
