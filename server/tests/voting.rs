//! Ballots in storage, on a fresh database (SQLite, or PostgreSQL with
//! `ALLIANCE_TEST_DB=postgres`): one ballot per organisation per poll under
//! concurrent casts, ballots equal "has voted" records, the close race, the
//! proxy rules, and nothing linking a secret ballot to its voter.

mod common;

use app::assemblies::store::{
    self as assemblies, cast, check_in, close_poll, create_poll, give_proxy, open_poll,
    BallotContent, Cast, NewAssembly, NewPoll, Opening, ProxyOutcome,
};
use app::directory::store::organisations::{insert, NewOrganisation};
use app::domain::ids::{AssemblyId, OrganisationId, PollId};
use app::domain::voting::{Choice, Rule, VotingRules};
use common::{spawn_app, TestApp};

/// The charter's rules; these tests open polls whatever the quorum (the
/// quorum's own tests are in assemblies.rs).
fn open_anyway() -> (VotingRules, bool) {
    (VotingRules::default(), true)
}

async fn org(app: &TestApp, n: u32, category: &str) -> OrganisationId {
    let o = NewOrganisation {
        slug: format!("org-{n}"),
        name_ka: format!("ორგანიზაცია {n}"),
        legal_form: "llc".into(),
        id_code: format!("{:09}", 300_000_000 + n),
        category: category.into(),
        status: app::domain::directory::OrganisationStatus::Active,
        member_since: "2020-01-01".into(),
        ..NewOrganisation::default()
    };
    insert(&app.db, &o).await.unwrap()
}

/// Full members numbered `numbers`, each checked in to `assembly`.
async fn present_voters(
    app: &TestApp,
    assembly: AssemblyId,
    numbers: std::ops::Range<u32>,
) -> Vec<OrganisationId> {
    let mut voters = Vec::new();
    for n in numbers {
        let id = org(app, n, "full").await;
        check_in(&app.db, assembly, id, None).await.unwrap();
        voters.push(id);
    }
    voters
}

async fn assembly(app: &TestApp) -> AssemblyId {
    let id = assemblies::create(
        &app.db,
        &NewAssembly {
            title_ka: "საერთო კრება",
            title_en: "General Assembly",
            kind: "ordinary",
            starts_at: 1_800_000_000,
            place: "hybrid",
            rules: Default::default(),
        },
    )
    .await
    .unwrap();
    assert!(
        assemblies::advance(&app.db, id, app::domain::assembly::AssemblyStatus::Draft)
            .await
            .unwrap()
    );
    assert!(assemblies::advance(
        &app.db,
        id,
        app::domain::assembly::AssemblyStatus::Announced
    )
    .await
    .unwrap());
    assert!(
        !assemblies::advance(
            &app.db,
            id,
            app::domain::assembly::AssemblyStatus::Announced
        )
        .await
        .unwrap(),
        "a step happens once"
    );
    id
}

async fn poll(app: &TestApp, assembly: AssemblyId, secret: bool) -> PollId {
    create_poll(
        &app.db,
        &NewPoll {
            assembly_id: assembly,
            agenda_item_id: None,
            title_ka: "ბიუჯეტის დამტკიცება",
            title_en: "Approval of the budget",
            kind: "motion",
            secret,
            rule: Rule::SimpleMajority,
            seats: 1,
            candidates: &[],
        },
    )
    .await
    .unwrap()
}

async fn count(app: &TestApp, sql: &str, poll: PollId) -> i64 {
    sqlx::query_scalar(sql)
        .bind(poll)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn fifty_concurrent_casts_for_one_organisation_record_one_ballot() {
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let voter = org(&app, 1, "full").await;
    check_in(&app.db, a, voter, None).await.unwrap();
    for secret in [false, true] {
        let p = poll(&app, a, secret).await;
        assert_eq!(
            open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
                .await
                .unwrap(),
            Opening::Opened { voters: 1 }
        );
        let casts = (0..50).map(|i| {
            let db = app.db.clone();
            let choice = if i % 2 == 0 { Choice::Yes } else { Choice::No };
            tokio::spawn(
                async move { cast(&db, p, voter, voter, &BallotContent::Motion(choice)).await },
            )
        });
        let outcomes: Vec<Cast> = futures_join(casts).await;
        let recorded = outcomes
            .iter()
            .filter(|o| matches!(o, Cast::Recorded { .. }))
            .count();
        let already = outcomes
            .iter()
            .filter(|o| **o == Cast::AlreadyVoted)
            .count();
        assert_eq!(
            (recorded, already),
            (1, 49),
            "secret={secret}: {outcomes:?}"
        );
        let votes = count(
            &app,
            "SELECT COUNT(*) FROM poll_votes WHERE poll_id = $1",
            p,
        )
        .await;
        let ballots = assemblies::ballots(&app.db, p).await.unwrap().len() as i64;
        assert_eq!((votes, ballots), (1, 1), "ballots equal has-voted records");
    }
}

async fn futures_join<T: Send + 'static>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<Result<T, sqlx::Error>>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await.unwrap().unwrap());
    }
    out
}

#[tokio::test]
async fn a_ballot_racing_the_close_is_counted_or_refused_never_lost() {
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let mut voters = Vec::new();
    for n in 0..40 {
        let id = org(&app, 100 + n, "full").await;
        check_in(&app.db, a, id, None).await.unwrap();
        voters.push(id);
    }
    let p = poll(&app, a, true).await;
    assert_eq!(
        open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
            .await
            .unwrap(),
        Opening::Opened { voters: 40 }
    );
    let casts: Vec<_> = voters
        .iter()
        .map(|&v| {
            let db = app.db.clone();
            tokio::spawn(
                async move { cast(&db, p, v, v, &BallotContent::Motion(Choice::Yes)).await },
            )
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert!(close_poll(&app.db, p).await.unwrap());
    let mut acknowledged = 0;
    for task in casts {
        match task.await.unwrap().unwrap() {
            Cast::Recorded { .. } => acknowledged += 1,
            Cast::Closed => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    let ballots = assemblies::ballots(&app.db, p).await.unwrap().len();
    let votes = count(
        &app,
        "SELECT COUNT(*) FROM poll_votes WHERE poll_id = $1",
        p,
    )
    .await;
    assert_eq!(
        ballots, acknowledged,
        "every acknowledged ballot is counted, no other"
    );
    assert_eq!(votes as usize, acknowledged);
    assert_eq!(
        cast(
            &app.db,
            p,
            voters[0],
            voters[0],
            &BallotContent::Motion(Choice::No)
        )
        .await
        .unwrap(),
        Cast::Closed
    );
    let result = assemblies::motion_result(&app.db, p).await.unwrap();
    assert_eq!(result.yes as usize, acknowledged);
}

#[tokio::test]
async fn proxies_follow_the_rules() {
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let giver = org(&app, 1, "full").await;
    let holder = org(&app, 2, "full").await;
    let second_giver = org(&app, 3, "full").await;
    let associate = org(&app, 4, "associate").await;
    let absent_holder = org(&app, 5, "full").await;
    let lapsing = org(&app, 6, "full").await;
    assert_eq!(
        give_proxy(&app.db, a, giver, holder, 1).await.unwrap(),
        ProxyOutcome::Given
    );
    assert_eq!(
        give_proxy(&app.db, a, giver, holder, 1).await.unwrap(),
        ProxyOutcome::AlreadyGiven
    );
    assert_eq!(
        give_proxy(&app.db, a, second_giver, holder, 1)
            .await
            .unwrap(),
        ProxyOutcome::HolderFull,
        "a holder carries at most one proxy"
    );
    assert_eq!(
        give_proxy(&app.db, a, holder, holder, 1).await.unwrap(),
        ProxyOutcome::SelfProxy
    );
    // Not for an assembly in preparation.
    let draft = assemblies::create(
        &app.db,
        &NewAssembly {
            title_ka: "რიგგარეშე კრება",
            title_en: "",
            kind: "extraordinary",
            starts_at: 1_800_000_000,
            place: "online",
            rules: Default::default(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        give_proxy(&app.db, draft, giver, holder, 1).await.unwrap(),
        ProxyOutcome::NotNow
    );
    // A proxy to a holder who does not come does not count.
    assert_eq!(
        give_proxy(&app.db, a, second_giver, absent_holder, 1)
            .await
            .unwrap(),
        ProxyOutcome::Given
    );
    // A proxy lapses when the giver checks in itself.
    assert_eq!(
        give_proxy(&app.db, a, lapsing, associate, 1).await.unwrap(),
        ProxyOutcome::Given
    );
    check_in(&app.db, a, holder, None).await.unwrap();
    check_in(&app.db, a, associate, None).await.unwrap();
    check_in(&app.db, a, lapsing, None).await.unwrap();

    let p = poll(&app, a, false).await;
    // Voters: holder, giver (through holder), lapsing (itself). The
    // associate attends without a vote; second_giver's holder is absent.
    assert_eq!(
        open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
            .await
            .unwrap(),
        Opening::Opened { voters: 3 }
    );
    let yes = BallotContent::Motion(Choice::Yes);
    assert_eq!(
        cast(&app.db, p, giver, giver, &yes).await.unwrap(),
        Cast::NotAVoter,
        "not checked in: the proxy votes"
    );
    assert_eq!(
        cast(&app.db, p, giver, holder, &yes).await.unwrap(),
        Cast::Recorded { tracker: None }
    );
    assert_eq!(
        cast(&app.db, p, holder, holder, &yes).await.unwrap(),
        Cast::Recorded { tracker: None }
    );
    assert_eq!(
        cast(&app.db, p, associate, associate, &yes).await.unwrap(),
        Cast::NotAVoter
    );
    assert_eq!(
        cast(&app.db, p, second_giver, absent_holder, &yes)
            .await
            .unwrap(),
        Cast::NotAVoter
    );
    assert_eq!(
        cast(&app.db, p, lapsing, associate, &yes).await.unwrap(),
        Cast::NotAVoter,
        "lapsed"
    );
    assert_eq!(
        cast(&app.db, p, lapsing, lapsing, &yes).await.unwrap(),
        Cast::Recorded { tracker: None }
    );
    assert_eq!(
        cast(
            &app.db,
            p,
            holder,
            holder,
            &BallotContent::Election(vec![0])
        )
        .await
        .unwrap(),
        Cast::Invalid
    );
}

#[tokio::test]
async fn nothing_links_a_secret_ballot_to_its_voter() {
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let mut voters = Vec::new();
    for n in 0..20 {
        let id = org(&app, 200 + n, "full").await;
        check_in(&app.db, a, id, None).await.unwrap();
        voters.push(id);
    }
    let p = poll(&app, a, true).await;
    open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
        .await
        .unwrap();
    let mut trackers = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let choice = if i < 12 { Choice::Yes } else { Choice::No };
        match cast(&app.db, p, *v, *v, &BallotContent::Motion(choice))
            .await
            .unwrap()
        {
            Cast::Recorded { tracker: Some(t) } => trackers.push(t),
            other => panic!("{other:?}"),
        }
    }
    // The table has no column for a voter or a time.
    let columns: Vec<String> = match common::backend() {
        "postgres" => sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'secret_ballots' ORDER BY ordinal_position",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap(),
        _ => sqlx::query_scalar("SELECT name FROM pragma_table_info('secret_ballots')")
            .fetch_all(app.db.pool())
            .await
            .unwrap(),
    };
    assert_eq!(columns, vec!["id", "poll_id", "tracker", "choice"]);
    if common::backend() == "sqlite" {
        let sql: String =
            sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = 'secret_ballots'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert!(sql.contains("WITHOUT ROWID"), "no hidden insertion order");
    }
    // Ids are random version-4 UUIDs; reading in id order is not voting order.
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT id, tracker FROM secret_ballots WHERE poll_id = $1 ORDER BY id")
            .bind(p)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert!(stored
        .iter()
        .all(|(id, _)| id.len() == 36 && &id[14..15] == "4"));
    let in_id_order: Vec<&String> = stored.iter().map(|(_, t)| t).collect();
    let in_cast_order: Vec<&String> = trackers.iter().collect();
    assert_ne!(
        in_id_order, in_cast_order,
        "20 ballots in cast order by chance: 1 in 20!"
    );
    // The bulletin appears after close, and each voter finds their code.
    assert!(assemblies::bulletin(&app.db, p).await.unwrap().is_empty());
    close_poll(&app.db, p).await.unwrap();
    let bulletin = assemblies::bulletin(&app.db, p).await.unwrap();
    assert_eq!(bulletin.len(), 20);
    for (i, t) in trackers.iter().enumerate() {
        let expected = if i < 12 { "yes" } else { "no" };
        assert!(bulletin.contains(&app::assemblies::BulletinLine {
            tracker: t.clone(),
            choice: expected.to_string(),
        }));
    }
    let result = assemblies::motion_result(&app.db, p).await.unwrap();
    assert_eq!(
        (result.yes, result.no, result.present, result.passed),
        (12, 8, 20, true)
    );
}

/// How closely a stored order follows the casting order: `order` lists, in
/// storage order, each item's position in the casting order, and the answer
/// is the share of neighbours that rise. The casting order itself gives 1.0
/// (or 0.0 backwards); an order unrelated to it about 0.5 (for 240 items the
/// spread is about 0.02).
fn rising_share(order: &[usize]) -> f64 {
    let rising = order.windows(2).filter(|w| w[0] < w[1]).count();
    rising as f64 / (order.len() - 1) as f64
}

/// PostgreSQL: the casting positions of a poll's secret ballots in the
/// table's heap order (which a plain SELECT and pg_dump follow).
async fn heap_order(app: &TestApp, poll: PollId, trackers: &[String]) -> Vec<usize> {
    let ballots: Vec<String> =
        sqlx::query_scalar("SELECT tracker FROM secret_ballots WHERE poll_id = $1 ORDER BY ctid")
            .bind(poll)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    ballots
        .iter()
        .map(|t| trackers.iter().position(|x| x == t).unwrap())
        .collect()
}

fn assert_unrelated(what: &str, order: &[usize], expected_len: usize) {
    assert_eq!(order.len(), expected_len, "{what}: every item found once");
    let share = rising_share(order);
    assert!(
        (0.35..=0.65).contains(&share),
        "{what} follows the order of casting (rising share {share:.2})"
    );
}

/// Every occurrence of each needle (all of one length) in `haystack`:
/// (offset, needle index), by offset.
fn occurrences(haystack: &[u8], needles: &[String]) -> Vec<(usize, usize)> {
    let Some(len) = needles.first().map(String::len) else {
        return Vec::new();
    };
    let index: std::collections::HashMap<&[u8], usize> = needles
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_bytes(), i))
        .collect();
    haystack
        .windows(len)
        .enumerate()
        .filter_map(|(at, w)| index.get(w).map(|i| (at, *i)))
        .collect()
}

/// The casting positions of the trackers in the order of their first
/// appearance in `bytes`.
fn first_appearances(bytes: &[u8], trackers: &[String]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    occurrences(bytes, trackers)
        .into_iter()
        .filter_map(|(_, i)| seen.insert(i).then_some(i))
        .collect()
}

#[tokio::test]
async fn after_the_close_nothing_in_storage_follows_the_order_of_casting() {
    const VOTERS: u32 = 240;
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let mut voters = present_voters(&app, a, 1000..1000 + VOTERS).await;
    // Cast in an order unrelated to the organisations' ids, one ballot after
    // another (the quietest hall: every cast its own transaction).
    voters.sort_by_cached_key(|_| uuid::Uuid::new_v4());
    let p = poll(&app, a, true).await;
    open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
        .await
        .unwrap();
    let mut trackers = Vec::new();
    for (i, v) in voters.iter().enumerate() {
        let choice = [Choice::Yes, Choice::No, Choice::Abstain][i % 3];
        match cast(&app.db, p, *v, *v, &BallotContent::Motion(choice))
            .await
            .unwrap()
        {
            Cast::Recorded { tracker: Some(t) } => trackers.push(t),
            other => panic!("{other:?}"),
        }
    }
    let cast_position = |org: i64| voters.iter().position(|v| v.get() == org).unwrap();
    let tracker_position = |t: &str| trackers.iter().position(|x| x == t).unwrap();
    assert!(close_poll(&app.db, p).await.unwrap());
    let n = VOTERS as usize;

    if common::backend() == "postgres" {
        // Rows written by one transaction share its id: before, each ballot
        // and its organisation's "has voted" row did.
        let pairs: Vec<(String, i64)> = sqlx::query_as(
            "SELECT b.tracker, v.organisation_id FROM secret_ballots b \
             JOIN poll_votes v ON v.poll_id = b.poll_id AND v.xmin = b.xmin WHERE b.poll_id = $1",
        )
        .bind(p)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        let mut partners = std::collections::HashMap::<String, Vec<i64>>::new();
        for (tracker, org) in pairs {
            partners.entry(tracker).or_default().push(org);
        }
        let named = partners
            .iter()
            .filter(|(t, orgs)| orgs.len() == 1 && cast_position(orgs[0]) == tracker_position(t))
            .count();
        assert_eq!(
            named, 0,
            "the xmin join names {named} secret ballots' organisations"
        );
        // The heap order, which a plain SELECT and pg_dump follow.
        let order = heap_order(&app, p, &trackers).await;
        assert_unrelated("the ballots' heap order", &order, n);
        let votes: Vec<i64> = sqlx::query_scalar(
            "SELECT organisation_id FROM poll_votes WHERE poll_id = $1 ORDER BY ctid",
        )
        .bind(p)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        let order: Vec<usize> = votes.iter().map(|o| cast_position(*o)).collect();
        assert_unrelated("the \"has voted\" heap order", &order, n);
        // The table's file itself, dead row versions included (when the
        // server's files are on this machine, as in CI).
        sqlx::query("CHECKPOINT")
            .execute(app.db.pool())
            .await
            .unwrap();
        let (data_dir, relation): (String, String) = sqlx::query_as(
            "SELECT current_setting('data_directory'), pg_relation_filepath('secret_ballots')",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        match std::fs::read(std::path::Path::new(&data_dir).join(&relation)) {
            Ok(heap) => {
                let mut copies = vec![0; n];
                for (_, i) in occurrences(&heap, &trackers) {
                    copies[i] += 1;
                }
                assert!(
                    copies.iter().all(|c| *c == 1),
                    "each ballot once in the table's file, no dead copy: {copies:?}"
                );
                assert_unrelated(
                    "the ballots in the table's file",
                    &first_appearances(&heap, &trackers),
                    n,
                );
            }
            Err(error) => eprintln!("table file {data_dir}/{relation} not read here: {error}"),
        }
    } else {
        assert!(
            sqlx::query("SELECT rowid FROM poll_votes")
                .fetch_all(app.db.pool())
                .await
                .is_err(),
            "\"has voted\" rows carry no rowid numbered in casting order"
        );
        let file = app.database_url().trim_start_matches("sqlite:").to_string();
        let wal = std::fs::read(format!("{file}-wal")).unwrap_or_default();
        assert!(
            occurrences(&wal, &trackers).is_empty(),
            "the write-ahead log keeps no page written while the poll was open"
        );
        let main = std::fs::read(&file).unwrap();
        let mut copies = vec![0; n];
        for (_, i) in occurrences(&main, &trackers) {
            copies[i] += 1;
        }
        for (i, copies) in copies.iter().enumerate() {
            assert_eq!(
                *copies, 2,
                "tracker {i}: its row and its index entry, no stale copy"
            );
        }
        assert_unrelated(
            "the trackers' order in the database file",
            &first_appearances(&main, &trackers),
            n,
        );
    }

    // A backup taken after the close.
    std::fs::create_dir_all(&app.data_dir).unwrap();
    let target = app.data_dir.join("after-close.backup");
    app::db::backup(&app.db, app.database_url(), &target)
        .await
        .unwrap();
    let bytes = if common::backend() == "postgres" {
        let restored = std::process::Command::new("pg_restore")
            .args(["--data-only", "--file", "-"])
            .arg(&target)
            .output()
            .expect("pg_restore runs");
        assert!(restored.status.success(), "{restored:?}");
        let sql = String::from_utf8(restored.stdout).unwrap();
        let votes_copy = sql
            .split("COPY public.poll_votes ")
            .nth(1)
            .and_then(|rest| rest.split("\\.").next())
            .unwrap();
        let order: Vec<usize> = votes_copy
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (poll, org) = line.split_once('\t')?;
                (poll == p.to_string()).then(|| cast_position(org.parse().unwrap()))
            })
            .collect();
        assert_unrelated("the \"has voted\" rows in the dump", &order, n);
        sql.into_bytes()
    } else {
        std::fs::read(&target).unwrap()
    };
    assert_unrelated(
        "the ballots in the backup",
        &first_appearances(&bytes, &trackers),
        n,
    );
}

#[tokio::test]
async fn while_a_poll_is_open_casts_that_arrive_together_are_written_together_in_random_order() {
    const VOTERS: u32 = 120;
    let app = spawn_app().await;
    let a = assembly(&app).await;
    let voters = present_voters(&app, a, 2000..2000 + VOTERS).await;
    let p = poll(&app, a, true).await;
    open_poll(&app.db, p, &open_anyway().0, open_anyway().1)
        .await
        .unwrap();
    // A hundred and twenty delegates press "cast" at once; one of them twice.
    let casts = voters
        .iter()
        .chain(std::iter::once(&voters[7]))
        .map(|v| cast(&app.db, p, *v, *v, &BallotContent::Motion(Choice::Yes)));
    let mut outcomes: Vec<Cast> = futures::future::join_all(casts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    // Of the two casts for one organisation, whichever the group took first
    // is recorded and the other refused.
    let twice = outcomes.pop().unwrap();
    if twice != Cast::AlreadyVoted {
        assert_eq!(outcomes[7], Cast::AlreadyVoted);
        outcomes[7] = twice;
    }
    let mut trackers = Vec::new();
    for outcome in outcomes {
        match outcome {
            Cast::Recorded { tracker: Some(t) } => trackers.push(t),
            other => panic!("{other:?}"),
        }
    }
    let n = VOTERS as usize;
    // The poll is still open: the order the ballots sit in says nothing of
    // the order they were cast in.
    let order = if common::backend() == "postgres" {
        heap_order(&app, p, &trackers).await
    } else {
        // The rows as the files hold them: the write-ahead log's page
        // images, then the database file.
        let file = app.database_url().trim_start_matches("sqlite:").to_string();
        let mut bytes = std::fs::read(format!("{file}-wal")).unwrap_or_default();
        bytes.extend(std::fs::read(&file).unwrap());
        first_appearances(&bytes, &trackers)
    };
    assert_unrelated("an open poll's ballots as stored", &order, n);
    if common::backend() == "postgres" {
        // One transaction wrote them all: its id joins every ballot to every
        // organisation of the group, so it names none.
        for table in ["secret_ballots", "poll_votes"] {
            let transactions = count(
                &app,
                &format!("SELECT COUNT(DISTINCT xmin::text) FROM {table} WHERE poll_id = $1"),
                p,
            )
            .await;
            assert_eq!(
                transactions, 1,
                "{table}: casts that arrived together, one transaction"
            );
        }
    }
    assert!(close_poll(&app.db, p).await.unwrap());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM secret_ballots WHERE poll_id = $1",
            p
        )
        .await,
        i64::from(VOTERS)
    );
}
