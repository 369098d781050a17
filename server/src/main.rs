//! `alliance`: the platform's one binary — serve, migrate, seed, back up and restore.

use alliance::accounts::{self, NewAccount};
use alliance::config::{AuditCommand, Cli, Command, Settings, UserCommand};
use alliance::{seed, startup, telemetry};
use app::db::Db;
use clap::Parser;

/// Rendering a page makes and frees thousands of small strings and
/// vectors: with glibc's allocator that was about 40 % of a directory
/// page's time (docs/DECISIONS.md, "Rendering a page").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            app::migrate(&db).await?;
            println!("migrations applied");
        }
        Command::Seed(ref args) => {
            let db = Db::connect(&cli.database_url).await?;
            app::migrate(&db).await?;
            seed::run(&db, args).await?;
        }
        Command::User(UserCommand::Create {
            ref email,
            ref role,
            ref org,
            ref name,
        }) => {
            let db = Db::connect(&cli.database_url).await?;
            app::migrate(&db).await?;
            let (password, generated) = password_from_stdin_or_new()?;
            if !generated {
                accounts::check_password(&password, email)?;
            }
            let account = NewAccount {
                email,
                role,
                org_slug: org.as_deref(),
                name,
                lang: "ka",
            };
            accounts::create(&db, &account, &password).await?;
            println!("created {role} account {email}");
            if generated {
                println!("password: {password}");
            }
        }
        Command::Backup { ref path } => {
            let db = Db::connect(&cli.database_url).await?;
            app::db::backup(&db, &cli.database_url, path).await?;
            println!("backup written to {}", path.display());
        }
        Command::Audit(AuditCommand::Verify { ref expect }) => {
            let db = Db::connect(&cli.database_url).await?;
            match app::audit::store::verify(&db).await? {
                Ok((entries, hash)) => {
                    if let Some(expect) = expect {
                        if !expect
                            .trim()
                            .eq_ignore_ascii_case(&format!("{entries}:{hash}"))
                        {
                            // The expected end must be an entry of this
                            // chain: the chain was rewritten or cut.
                            let seen = expect.split_once(':').and_then(|(seq, h)| {
                                seq.trim()
                                    .parse::<i64>()
                                    .ok()
                                    .map(|s| (s, h.trim().to_lowercase()))
                            });
                            let found = match seen {
                                Some((seq, h)) if seq <= entries => {
                                    app::audit::store::hash_of(&db, seq).await? == Some(h)
                                }
                                _ => false,
                            };
                            if !found {
                                eprintln!(
                                    "audit log broken: the chain does not pass through the expected end {expect}: it was rewritten or cut"
                                );
                                std::process::exit(1);
                            }
                        }
                    }
                    println!(
                        "audit log intact: {entries} entries; the chain ends at {entries}:{hash}"
                    );
                }
                Err(broken) => {
                    eprintln!("audit log broken: {broken}");
                    std::process::exit(1);
                }
            }
        }
        Command::Restore { ref path } => {
            app::db::restore(&cli.database_url, path).await?;
            // A backup from an older release gets this release's migrations.
            let db = Db::connect(&cli.database_url).await?;
            app::migrate(&db).await?;
            println!("restored {}", path.display());
        }
    }
    Ok(())
}

/// A password piped on standard input, or a generated one when standard
/// input is a terminal or empty.
fn password_from_stdin_or_new() -> anyhow::Result<(String, bool)> {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let line = line.trim_end_matches(['\r', '\n']);
        if !line.is_empty() {
            return Ok((line.to_string(), false));
        }
    }
    Ok((accounts::generate_password(), true))
}
