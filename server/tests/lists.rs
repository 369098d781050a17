//! Every list a page at a time and the export streamed, against the real
//! server on a fresh database (SQLite, or PostgreSQL with
//! `ALLIANCE_TEST_DB=postgres`): no request reads or renders a whole table.

mod common;

use app::directory::store::organisations::{insert, NewOrganisation};
use common::{spawn_app, TestApp};

const PASSWORD: &str = "a-long-test-password-2026";

/// An active, listed associate member that reached two years of activity
/// long ago (so it is also on the upgrade list).
fn org(n: u32) -> NewOrganisation {
    NewOrganisation {
        slug: format!("org-{n:03}"),
        name_ka: format!("ორგანიზაცია {n:03}"),
        name_en: format!("Organisation {n:03}"),
        legal_form: "llc".into(),
        id_code: format!("{:09}", 400_000_000 + n),
        category: "associate".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        listed: true,
        member_since: "2020-01-15".into(),
        activity_start: Some("2019-01-01".into()),
        sectors: vec!["C".into()],
        regions: vec!["GE-TB".into()],
        ..NewOrganisation::default()
    }
}

async fn page_as(app: &TestApp, session: &str, path: &str) -> String {
    let response = app.get_as(session, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// The `marker…"` texts a page shows (in its main part, not the data
/// it carries for the browser), in order.
fn links(html: &str, marker: &str) -> Vec<String> {
    let html = &html[..html.find("</main>").unwrap_or(html.len())];
    html.match_indices(marker)
        .map(|(at, _)| {
            let rest = &html[at..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Reads every page of a list by following its "next" links from `first`,
/// checking each page holds at most 50 rows, and returns the rows in order.
async fn every_page(app: &TestApp, session: &str, first: &str, marker: &str) -> Vec<String> {
    let mut rows = Vec::new();
    let mut path = first.to_string();
    let mut pages = 0;
    loop {
        let whole = page_as(app, session, &path).await;
        // The review page's second list (upgrades) has a pager of its own.
        let html = &whole[..whole
            .find("id=\"upgrades\"")
            .or_else(|| whole.find("</main>"))
            .unwrap()];
        let found = links(html, marker);
        assert!(
            found.len() <= 50,
            "{path}: {} rows on one page",
            found.len()
        );
        rows.extend(found);
        pages += 1;
        assert!(pages < 10, "{path}: the pager never ends");
        let next = html
            .find("rel=\"next\" href=\"")
            .map(|at| {
                let rest = &html[at + "rel=\"next\" href=\"".len()..];
                rest[..rest.find('"').unwrap()].replace("&amp;", "&")
            })
            .filter(|next| next.starts_with(first.split('?').next().unwrap()));
        match next {
            Some(next) => path = next,
            None => return rows,
        }
    }
}

#[tokio::test]
async fn every_staff_list_shows_fifty_rows_a_page_and_every_row_once() {
    let app = spawn_app().await;
    for n in 0..120 {
        insert(&app.db, &org(n)).await.unwrap();
    }
    app.create_account("admin@alliance.example.org", "admin", None, PASSWORD)
        .await;
    let admin = app
        .login("admin@alliance.example.org", PASSWORD)
        .await
        .unwrap();
    let now = app::db::now_unix();
    let mut users = Vec::new();
    for n in 0..64 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role, display_name, lang, created_at, updated_at) \
             VALUES ($1, 'x', 'member', 'Person', 'ka', $2, $2) RETURNING id",
        )
        .bind(format!("person-{n:03}@example.org"))
        .bind(now)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        users.push(id);
    }
    for (n, user) in users.iter().enumerate().take(55) {
        sqlx::query(
            "INSERT INTO applications (user_id, id_code, name_ka, name_en, answers, category, status, \
               lang, status_token_hash, submitted_at, updated_at) \
             VALUES ($1, $2, $3, $4, '{}', 'full', 'submitted', 'ka', $5, $6, $6)",
        )
        .bind(user)
        .bind(format!("{:09}", 300_000_000 + n))
        .bind(format!("განმცხადებელი {n:03}"))
        .bind(format!("Applicant {n:03}"))
        .bind(format!("token-{n}"))
        .bind(now - 86_400 * 40 + n as i64)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    for n in 0..53 {
        let id = app::assemblies::store::create(
            &app.db,
            &app::assemblies::store::NewAssembly {
                title_ka: &format!("კრება {n:03}"),
                title_en: &format!("Assembly {n:03}"),
                kind: "ordinary",
                starts_at: now + 86_400 * (n + 1),
                place: "hybrid",
                rules: Default::default(),
            },
        )
        .await
        .unwrap();
        sqlx::query("UPDATE assemblies SET status = 'announced' WHERE id = $1")
            .bind(id)
            .execute(app.db.pool())
            .await
            .unwrap();
    }

    let expect = |rows: Vec<String>, total: usize, what: &str| {
        let mut distinct = rows.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(rows.len(), total, "{what}: every row, none twice");
        assert_eq!(distinct.len(), total, "{what}: every row, none twice");
    };
    // The address heads its row (it is also in the row's labels).
    let accounts = every_page(&app, &admin, "/admin/users", ">person-").await;
    expect(accounts, 64, "accounts");
    let organisations = every_page(&app, &admin, "/admin/organisations", "/members/org-").await;
    // The Georgian list is in Georgian alphabetical order.
    let mut sorted = organisations.clone();
    sorted.sort();
    assert_eq!(organisations, sorted);
    expect(organisations, 120, "organisations");
    let applications = every_page(
        &app,
        &admin,
        "/admin/applications?status=open&age=30",
        "/admin/applications/",
    )
    .await;
    expect(applications, 55, "applications older than 30 days");
    let assemblies = every_page(&app, &admin, "/assemblies", "/assemblies/").await;
    expect(assemblies, 53, "assemblies");

    // The upgrade list has its own pages, which keep the queue's filters.
    let first = page_as(&app, &admin, "/admin/applications?status=all").await;
    assert!(first.contains("href=\"/admin/applications?status=all&amp;upgrades=2#upgrades\""));
    let mut upgrade_rows = Vec::new();
    for n in 1..=3 {
        let html = page_as(
            &app,
            &admin,
            &format!("/admin/applications?status=all&upgrades={n}"),
        )
        .await;
        let section = &html[html.find("id=\"upgrades\"").unwrap()..];
        upgrade_rows.extend(links(section, "/members/org-"));
    }
    upgrade_rows.sort();
    upgrade_rows.dedup();
    assert_eq!(upgrade_rows.len(), 120, "every associate ready to upgrade");

    // A page past the end shows the last one; a page that is not a number
    // the first.
    let past = page_as(&app, &admin, "/admin/users?page=99").await;
    assert!(past.contains("person-063@"));
    let junk = page_as(&app, &admin, "/admin/users?page=x").await;
    assert!(junk.contains("admin@alliance.example.org"));
}

#[tokio::test]
async fn the_csv_export_is_streamed_in_parts_with_every_member_once_in_order() {
    let app = spawn_app().await;
    for n in 0..450 {
        let mut o = org(n);
        // Out of name order on insertion.
        o.name_ka = format!("ორგანიზაცია {:03}", (n * 7) % 450);
        insert(&app.db, &o).await.unwrap();
    }
    let hidden = NewOrganisation {
        listed: false,
        ..org(999)
    };
    insert(&app.db, &hidden).await.unwrap();
    let response = app.get("/api/v1/members.csv").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().get("content-length").is_none(),
        "sent as it is read, not built whole first"
    );
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(lines[0].starts_with("slug,name_ka,name_en,"));
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|line| line.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(names.len(), 450, "every listed member, none twice");
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted, "in the listing's order, each once");
    assert!(!text.contains("org-999"));
}
