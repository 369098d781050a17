//! Load test of General Assembly voting, run by `scripts/bench-assembly.sh`.
//!
//! 1. Ballots: N synthetic voting organisations (checked in, each with a
//!    signed-in delegate) cast one secret ballot each through the real server
//!    (HTTP, the two-step form's final post, the receipt page rendered), with
//!    C in flight at a time. Prints throughput, p50/p99 latency, errors, and
//!    ballots stored against receipts received — next to a raw loop of the
//!    same number of single-row insert-and-commit transactions on the same
//!    database with the same durability (the ceiling for one writer).
//! 2. Live fan-out during that burst: S screens hold the assembly's event
//!    stream open while the ballots are cast; for every receipt and every
//!    screen, the time from the receipt to that screen showing a turnout
//!    that counts it. Prints p50/p99/max and the updates never seen.
//!
//! The final post is answered as a browser asked for it: `page` (no
//! script: the ballot page rendered again with the receipt, as before) or
//! `in-place` (the page's code is live: the form sends its in-place header
//! and the answer is the receipt alone, as JSON).
//!
//! Usage: bench_assembly DATABASE_URL [voters] [in-flight] [screens] [page|in-place]

use alliance::config::Settings;
use alliance::startup::Application;
use app::assemblies::store::{self as assemblies, NewAssembly, NewPoll};
use app::assemblies::BallotStage;
use app::components::post_form::{InPlace, IN_PLACE_HEADER, IN_PLACE_STAGES};
use app::db::{now_unix, Backend, Db};
use app::directory::store::organisations::{insert_many, NewOrganisation};
use app::domain::voting::Rule;
use futures::StreamExt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The same allocator as the server's binary (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Whether an in-place answer is a receipt with a tracker code.
fn receipt_in_place(body: &str) -> bool {
    let Ok(InPlace::Stage { stage }) = serde_json::from_str(body) else {
        return false;
    };
    matches!(
        serde_json::from_str(&stage),
        Ok(BallotStage::Recorded {
            tracker: Some(_),
            ..
        })
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).cloned().expect("DATABASE_URL");
    let voters: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(2000);
    let in_flight: usize = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(64);
    let screens: usize = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(1000);
    let in_place = match args.get(5).map(String::as_str) {
        None | Some("page") => false,
        Some("in-place") => true,
        Some(other) => anyhow::bail!("the answer is `page` or `in-place`, not {other:?}"),
    };

    let db = Db::connect(&url).await?;
    app::migrate(&db).await?;
    let backend = if db.backend() == Backend::Postgres {
        "PostgreSQL"
    } else {
        "SQLite"
    };

    // Organisations, delegates with sessions, an assembly in session.
    let started = Instant::now();
    let orgs: Vec<NewOrganisation> = (0..voters)
        .map(|n| NewOrganisation {
            slug: format!("bench-{n}"),
            name_ka: format!("ორგანიზაცია {n}"),
            name_en: format!("Organisation {n}"),
            legal_form: "llc".into(),
            id_code: format!("{:09}", 500_000_000 + n),
            category: "full".into(),
            status: app::domain::directory::OrganisationStatus::Active,
            member_since: "2020-01-01".into(),
            ..NewOrganisation::default()
        })
        .collect();
    insert_many(&db, &orgs).await?;
    let ids: Vec<(app::domain::ids::OrganisationId, String)> =
        sqlx::query_as("SELECT id, slug FROM organisations WHERE slug LIKE 'bench-%' ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    let assembly = assemblies::create(
        &db,
        &NewAssembly {
            title_ka: "საერთო კრება",
            title_en: "General Assembly",
            kind: "ordinary",
            starts_at: now_unix(),
            place: "online",
            rules: Default::default(),
        },
    )
    .await?;
    assemblies::advance(&db, assembly, app::domain::assembly::AssemblyStatus::Draft).await?;
    assemblies::advance(
        &db,
        assembly,
        app::domain::assembly::AssemblyStatus::Announced,
    )
    .await?;
    let now = now_unix();
    let mut tokens = Vec::with_capacity(voters);
    for (org, slug) in &ids {
        // The password is never used: the delegates get sessions directly.
        let user: app::domain::ids::UserId = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role, organisation_id, display_name, lang, \
               email_verified_at, created_at, updated_at) \
             VALUES ($1, 'x', 'member', $2, 'Delegate', 'en', $3, $3, $3) RETURNING id",
        )
        .bind(format!("{slug}@bench.example"))
        .bind(org)
        .bind(now)
        .fetch_one(db.pool())
        .await?;
        tokens.push((
            *org,
            app::auth::server::session::start(&db, user, now).await?,
        ));
        assemblies::check_in(&db, assembly, *org, None).await?;
    }
    let poll = |title: &'static str| NewPoll {
        assembly_id: assembly,
        agenda_item_id: None,
        title_ka: title,
        title_en: title,
        kind: "motion",
        secret: true,
        rule: Rule::SimpleMajority,
        seats: 1,
        candidates: &[],
    };
    let ballots_poll = assemblies::create_poll(&db, &poll("ballots")).await?;
    assemblies::open_poll(&db, ballots_poll, &Default::default(), true).await?;
    println!(
        "{backend}: {voters} voting organisations prepared in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The ceiling: single-row insert-and-commit transactions, one after another.
    sqlx::query("CREATE TABLE bench_raw (id TEXT PRIMARY KEY, v TEXT NOT NULL)")
        .execute(db.pool())
        .await?;
    let started = Instant::now();
    for n in 0..voters {
        let mut tx = db.begin_write().await?;
        sqlx::query("INSERT INTO bench_raw (id, v) VALUES ($1, 'yes')")
            .bind(format!("{n:08}"))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    let raw = started.elapsed();
    println!(
        "raw insert+commit loop: {voters} commits in {:.2} s = {:.0} commits/s",
        raw.as_secs_f64(),
        voters as f64 / raw.as_secs_f64()
    );

    // The server, in this process, on port 0.
    let dir = std::env::temp_dir().join(format!("alliance-bench-{}", std::process::id()));
    let settings = Settings::new(
        &url,
        dir.clone(),
        "127.0.0.1:0".parse()?,
        "target/site".into(),
    );
    let app = Application::build(&settings).await?;
    let base = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    // The site's origin on every request, as a browser sends it: a post
    // with a session cookie and no origin is refused.
    let mut origin = reqwest::header::HeaderMap::new();
    origin.insert("origin", base.parse()?);
    let client = reqwest::Client::builder()
        .default_headers(origin)
        .pool_max_idle_per_host(in_flight.max(16))
        .timeout(Duration::from_secs(60))
        .build()?;

    // 2 (set up first). `screens` live streams of the assembly, each
    // noting every turnout of the ballots poll it is shown, with the time.
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel::<(usize, i64, Instant)>();
    let mut connected = Vec::new();
    // Why screens that never showed a snapshot did not (a status, an error).
    let refused = Arc::new(std::sync::Mutex::new(std::collections::BTreeMap::<
        String,
        usize,
    >::new()));
    for s in 0..screens {
        let (client, base, token, seen_tx, refused) = (
            client.clone(),
            base.clone(),
            tokens[s % tokens.len()].1.clone(),
            seen_tx.clone(),
            refused.clone(),
        );
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
        connected.push(ready_rx);
        tokio::spawn(async move {
            let why = match client
                .get(format!("{base}/assemblies/{assembly}/live"))
                .header("cookie", format!("alliance_session={token}"))
                .timeout(Duration::from_secs(3600))
                .send()
                .await
            {
                Ok(response) if response.status() == 200 => Ok(response),
                Ok(response) => Err(format!("status {}", response.status().as_u16())),
                Err(error) if error.is_connect() => Err("could not connect".to_string()),
                Err(error) if error.is_timeout() => Err("timed out".to_string()),
                Err(_) => Err("other error".to_string()),
            };
            let response = match why {
                Ok(response) => response,
                Err(why) => {
                    *refused.lock().unwrap().entry(why).or_default() += 1;
                    return;
                }
            };
            let mut stream = response.bytes_stream();
            let mut buffer = String::new();
            let mut ready = Some(ready_tx);
            let mut last = -1;
            while let Some(Ok(chunk)) = stream.next().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) else {
                        continue;
                    };
                    let Ok(value) = serde_json::from_str::<serde_json::Value>(data) else {
                        continue;
                    };
                    let voted = value["polls"]
                        .as_array()
                        .and_then(|ps| ps.iter().find(|p| p["id"] == ballots_poll.get()))
                        .and_then(|p| p["voted"].as_i64())
                        .unwrap_or(0);
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                    if voted != last {
                        last = voted;
                        let _ = seen_tx.send((s, voted, Instant::now()));
                    }
                }
            }
        });
    }
    drop(seen_tx);
    let mut open = 0;
    for ready in connected {
        if tokio::time::timeout(Duration::from_secs(60), ready)
            .await
            .is_ok_and(|r| r.is_ok())
        {
            open += 1;
        }
    }
    // What each screen saw, gathered while the ballots are cast.
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let gathered = tokio::spawn(async move {
        let mut seen: Vec<Vec<(i64, Instant)>> = vec![Vec::new(); screens];
        loop {
            tokio::select! {
                got = seen_rx.recv() => match got {
                    Some((s, voted, at)) => seen[s].push((voted, at)),
                    None => break,
                },
                _ = &mut stopped => break,
            }
        }
        while let Ok((s, voted, at)) = seen_rx.try_recv() {
            seen[s].push((voted, at));
        }
        seen
    });

    // 1. Every organisation casts one ballot, `in_flight` at a time.
    let tokens = Arc::new(tokens);
    let started = Instant::now();
    let results: Vec<(Duration, bool, Instant)> = futures::stream::iter(0..voters)
        .map(|i| {
            let (client, tokens, base) = (client.clone(), tokens.clone(), base.clone());
            async move {
                let (org, token) = &tokens[i];
                let sent = Instant::now();
                let mut post = client
                    .post(format!("{base}/assemblies/{assembly}/polls/{ballots_poll}"))
                    .header("cookie", format!("alliance_session={token}"));
                if in_place {
                    post = post.header(IN_PLACE_HEADER, IN_PLACE_STAGES);
                }
                let response = post
                    .form(&[
                        ("org", org.to_string()),
                        ("choice", "yes".into()),
                        ("confirm", "1".into()),
                    ])
                    .send()
                    .await;
                let ok = match response {
                    Ok(r) if r.status() == 200 => r.text().await.is_ok_and(|body| {
                        if in_place {
                            receipt_in_place(&body)
                        } else {
                            body.contains("class=\"tracker\"")
                        }
                    }),
                    _ => false,
                };
                (sent.elapsed(), ok, Instant::now())
            }
        })
        .buffer_unordered(in_flight)
        .collect()
        .await;
    let total = started.elapsed();
    let receipts = results.iter().filter(|(_, ok, _)| *ok).count();
    let mut latencies: Vec<Duration> = results.iter().map(|(d, _, _)| *d).collect();
    latencies.sort_unstable();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM secret_ballots WHERE poll_id = $1")
        .bind(ballots_poll)
        .fetch_one(db.pool())
        .await?;
    println!(
        "ballots ({} answers): {voters} cast in {:.2} s = {:.0} ballots/s ({in_flight} in flight); p50 {}, p99 {}, max {}; errors {}; stored {stored}, receipts {receipts}",
        if in_place { "in-place" } else { "page" },
        total.as_secs_f64(),
        voters as f64 / total.as_secs_f64(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        voters - receipts,
    );

    // 2. For the k-th receipt, each screen's first turnout of at least k.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut acknowledged: Vec<Instant> = results
        .iter()
        .filter(|(_, ok, _)| *ok)
        .map(|(_, _, at)| *at)
        .collect();
    acknowledged.sort_unstable();
    let _ = stop.send(());
    let seen = gathered.await?;
    let mut delays = Vec::with_capacity(acknowledged.len() * open);
    let mut missing = 0usize;
    for screen in seen.iter().filter(|s| !s.is_empty()) {
        for (k, at) in acknowledged.iter().enumerate() {
            let count = k as i64 + 1;
            let first = screen.partition_point(|(voted, _)| *voted < count);
            match screen.get(first) {
                Some((_, shown)) => delays.push(shown.saturating_duration_since(*at)),
                None => missing += 1,
            }
        }
    }
    delays.sort_unstable();
    println!(
        "live during the burst: {open} of {screens} screens connected; {} receipts each; receipt to screen p50 {}, p99 {}, max {}; updates never seen {missing}",
        acknowledged.len(),
        ms(percentile(&delays, 0.50)),
        ms(percentile(&delays, 0.99)),
        ms(*delays.last().unwrap_or(&Duration::ZERO)),
    );
    let refused = refused.lock().unwrap();
    if open < screens {
        let why: Vec<String> = refused
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        println!(
            "live: screens without a snapshot: {} ({})",
            screens - open,
            if why.is_empty() {
                "none refused: no snapshot within 60 s".into()
            } else {
                why.join(", ")
            }
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
