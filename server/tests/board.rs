//! The Board's record through the real server (SQLite, or PostgreSQL with
//! `ALLIANCE_TEST_DB=postgres`): staff record the initial Board by hand; a
//! Board election with a tie for the last seat gets its run-off once, and
//! its elected are confirmed as the next Board once; the reminder before a
//! term ends is shown to staff and the Board and mailed once.

mod common;

use app::domain::date::Date;
use common::assembly::{act, assembly_in_session, delegate, org, staff, PASSWORD};
use common::{location, spawn_app, TestApp};

async fn text(response: reqwest::Response) -> String {
    response.text().await.unwrap()
}

/// The first day of a term that ends `days` from today.
fn start_ending_in(days: i64) -> Date {
    let end = Date::from_days(app::apply::today().to_days() + days);
    Date::parse(&format!(
        "{}-{:02}-{:02}",
        end.year() - 3,
        end.month(),
        end.day().min(28)
    ))
    .unwrap()
}

#[tokio::test]
async fn staff_record_the_initial_board_by_hand_and_are_reminded_before_it_ends() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, member) = delegate(&app, 1, "full").await;
    let o2 = org(&app, 2, "full").await;
    let o3 = org(&app, 3, "associate").await;
    app.create_account("board@alliance.example.org", "board", None, PASSWORD)
        .await;
    let board_member = app
        .login("board@alliance.example.org", PASSWORD)
        .await
        .unwrap();
    assert!(app
        .page_en(&staff, "/board")
        .await
        .contains("not been published yet"));

    // Only staff record a Board.
    assert!(app
        .page_en(&member, "/board/new")
        .await
        .contains("You do not have access"));
    let refused = app
        .post_form("/board", &[("starts_on", "2024-01-01")], Some(&member))
        .await;
    assert_eq!(refused.status(), 403);
    let anonymous = app
        .post_form("/board", &[("starts_on", "2024-01-01")], None)
        .await;
    assert!(location(&anonymous).starts_with("/login"));

    // Problems come back next to their fields, with everything typed.
    let (s1, s2, s3) = (o1.to_string(), o2.to_string(), o3.to_string());
    let wrong = app
        .post_form(
            "/board",
            &[
                ("starts_on", "2026-02-30"),
                ("person_ka_1", "ნინო <script>alert(1)</script>"),
                ("org_1", &s1),
                ("role_1", "chair"),
                ("person_ka_2", "გიორგი"),
                ("org_2", "99999"),
                ("role_2", "chair"),
                ("person_ka_3", ""),
                ("org_3", &s3),
                ("role_3", "member"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let page = text(wrong).await;
    assert!(page.contains("ნინო &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
    for problem in [
        "field-starts_on-error",
        "field-org_2-error",
        "field-person_ka_3-error",
        "ერთი უნდა იყოს",
    ] {
        assert!(page.contains(problem), "{problem}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM board_terms").await, 0);

    // A term ending in 60 days: recorded, shown with its dates and links.
    let start = start_ending_in(60);
    let end = app::board::term_end(start);
    let recorded = app
        .post_form(
            "/board",
            &[
                ("starts_on", &start.to_string()),
                ("person_ka_1", "ნინო ბერიძე"),
                ("person_en_1", "Nino Beridze"),
                ("org_1", &s1),
                ("role_1", "chair"),
                ("person_ka_2", "გიორგი კაპანაძე"),
                ("org_2", &s2),
                ("role_2", "deputy_chair"),
                ("person_ka_4", "თამარ ლომიძე"),
                ("org_4", &s3),
                ("role_4", "member"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(recorded.status(), 303);
    assert_eq!(location(&recorded), "/board?done=recorded");
    // A seat links to its organisation's profile while the profile is public.
    sqlx::query("UPDATE organisations SET listed = CASE WHEN slug = 'org-1' THEN 1 ELSE 0 END")
        .execute(app.db.pool())
        .await
        .unwrap();
    let public = text(app.get_in("en", "/board").await).await;
    assert!(public.contains("The Board in office"));
    assert!(public.contains("Nino Beridze"));
    assert_eq!(public.matches(r#"<th scope="row">"#).count(), 3);
    assert!(public.contains(r#"href="/en/members/org-1""#));
    assert!(!public.contains(r#"href="/en/members/org-2""#));
    let stored: Vec<(i64, String)> =
        sqlx::query_as("SELECT seat, person_ka FROM board_members ORDER BY seat")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(stored.len(), 3, "the blank third row is left out");
    assert_eq!(stored[2], (3, "თამარ ლომიძე".to_string()));
    let ends: String = sqlx::query_scalar("SELECT ends_on FROM board_terms")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(ends, end.to_string());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE kind = 'board.recorded'")
            .await,
        1
    );

    // A second Board from the same day overlaps.
    let again = app
        .post_form(
            "/board",
            &[
                ("starts_on", &start.to_string()),
                ("person_ka_1", "ნინო ბერიძე"),
                ("org_1", &s1),
                ("role_1", "chair"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(again.status(), 422);
    assert!(text(again).await.contains("field-starts_on-error"));
    assert_eq!(app.count("SELECT COUNT(*) FROM board_terms").await, 1);

    // The reminder: staff and the Board see it, visitors and members do not.
    let days_left = end.to_days() - app::apply::today().to_days();
    let staff_page = app.page_en(&staff, "/board").await;
    assert!(
        staff_page.contains(&format!("in {days_left} days")),
        "{days_left}"
    );
    assert!(app
        .page_en(&staff, "/admin")
        .await
        .contains(&format!("in {days_left} days")));
    for page in ["/board", "/account"] {
        assert!(app
            .page_en(&board_member, page)
            .await
            .contains(&format!("in {days_left} days")));
    }
    assert!(!public.contains(&format!("in {days_left} days")));
    assert!(!app
        .page_en(&member, "/board")
        .await
        .contains(&format!("in {days_left} days")));

    // Mailed once, to the Board (and staff who chose staff mail).
    let site = app::config::SiteConfig::default();
    let today = app::apply::today();
    let first = app::board::reminder::send_due(&app.db, &site, today)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    let second = app::board::reminder::send_due(&app.db, &site, today)
        .await
        .unwrap();
    assert!(second.is_empty(), "the reminder is mailed once");
    let (to, subject): (String, String) =
        sqlx::query_as("SELECT to_address, subject FROM mail_queue WHERE id = $1")
            .bind(first[0])
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(to, "board@alliance.example.org");
    assert!(subject.contains(&end.to_string()), "{subject}");
}

/// Marks candidates (by index) in a named election for one delegate.
async fn vote(app: &TestApp, assembly: i64, poll: i64, org: i64, session: &str, marks: &[&str]) {
    let org = org.to_string();
    let mut fields = vec![("org", org.as_str()), ("confirm", "1")];
    fields.extend(marks.iter().map(|m| ("mark", *m)));
    let done = app
        .post_form(
            &format!("/assemblies/{assembly}/polls/{poll}"),
            &fields,
            Some(session),
        )
        .await;
    assert_eq!(done.status(), 200);
}

#[tokio::test]
async fn a_tied_board_election_gets_one_runoff_and_its_elected_are_confirmed_once() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, d1) = delegate(&app, 1, "full").await;
    let (o2, d2) = delegate(&app, 2, "full").await;
    let (o3, d3) = delegate(&app, 3, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    for d in [&d1, &d2, &d3] {
        act(&app, id, &[("do", "check_in")], d).await;
    }
    act(
        &app,
        id,
        &[
            ("do", "poll"),
            ("poll_ka", "გამგეობის არჩევა"),
            ("poll_en", "Board election"),
            ("kind", "election"),
            ("rule", "simple"),
            ("seats", "2"),
            ("candidates", "ანა\nბელა\nდათო\nეკა"),
        ],
        &staff,
    )
    .await;
    let poll = app.count("SELECT MAX(id) FROM polls").await;
    let p = poll.to_string();
    act(&app, id, &[("do", "open"), ("poll", &p)], &staff).await;
    // Ana 3, Bela 1, Dato 1: Bela and Dato tie for the second seat.
    vote(&app, id, poll, o1, &d1, &["0", "1"]).await;
    vote(&app, id, poll, o2, &d2, &["0", "2"]).await;
    vote(&app, id, poll, o3, &d3, &["0"]).await;
    act(&app, id, &[("do", "close"), ("poll", &p)], &staff).await;

    // Confirming waits for the run-off.
    let form = app
        .page_en(&staff, &format!("/board/new?poll={poll}"))
        .await;
    assert!(form.contains("the last seats are tied"));
    assert!(!form.contains(r#"name="starts_on""#));
    let early = app
        .post_form(
            "/board",
            &[
                ("poll", &p),
                ("starts_on", "2027-03-12"),
                ("org_1", &o1.to_string()),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&early), format!("/board/new?poll={poll}"));
    assert_eq!(app.count("SELECT COUNT(*) FROM board_terms").await, 0);

    // The run-off: members may not prepare it; staff prepare it once.
    let assembly_page = app.page_en(&staff, &format!("/assemblies/{id}")).await;
    assert!(assembly_page.contains("Hold a run-off among the tied candidates"));
    let by_member = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "runoff"), ("poll", &p)],
            Some(&d1),
        )
        .await;
    assert_eq!(by_member.status(), 403);
    let first = act(&app, id, &[("do", "runoff"), ("poll", &p)], &staff).await;
    assert!(first.ends_with("done=runoff"), "{first}");
    let second = act(&app, id, &[("do", "runoff"), ("poll", &p)], &staff).await;
    assert!(second.ends_with("done=stale"), "{second}");
    let (runoff, title, seats, candidates): (i64, String, i64, String) =
        sqlx::query_as("SELECT id, title_ka, seats, candidates FROM polls WHERE runoff_of = $1")
            .bind(poll)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM polls").await, 2);
    assert_eq!(title, "განმეორებითი კენჭისყრა: გამგეობის არჩევა");
    assert_eq!(seats, 1);
    assert_eq!(candidates, r#"["ბელა","დათო"]"#);

    let r = runoff.to_string();
    act(&app, id, &[("do", "open"), ("poll", &r)], &staff).await;
    vote(&app, id, runoff, o1, &d1, &["1"]).await;
    vote(&app, id, runoff, o2, &d2, &["1"]).await;
    vote(&app, id, runoff, o3, &d3, &["0"]).await;
    act(&app, id, &[("do", "close"), ("poll", &r)], &staff).await;

    // Now the elected stand ready: the election's, then the run-off's.
    let form = app
        .page_en(&staff, &format!("/board/new?poll={runoff}"))
        .await;
    let (ana, dato) = (form.find("ანა").unwrap(), form.find("დათო").unwrap());
    assert!(ana < dato);
    assert!(!form.contains("ბელა</strong>"));
    let confirm = [
        ("poll", r.as_str()),
        ("starts_on", "2027-03-12"),
        // A name posted for an elected seat is not taken: the election's is.
        ("person_ka_1", "Mallory"),
        ("person_en_1", "Ana"),
        ("org_1", &*o1.to_string().leak()),
        ("role_1", "chair"),
        ("org_2", &*o2.to_string().leak()),
        ("role_2", "member"),
    ];
    let confirmed = app.post_form("/board", &confirm, Some(&staff)).await;
    assert_eq!(location(&confirmed), "/board?done=recorded");
    let twice = app.post_form("/board", &confirm, Some(&staff)).await;
    assert_eq!(location(&twice), "/board?done=confirmed_before");
    assert_eq!(app.count("SELECT COUNT(*) FROM board_terms").await, 1);
    let (term_poll, ends_on): (i64, String) =
        sqlx::query_as("SELECT poll_id, ends_on FROM board_terms")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((term_poll, ends_on.as_str()), (poll, "2030-03-12"));
    let names: Vec<(String, String)> =
        sqlx::query_as("SELECT person_ka, role FROM board_members ORDER BY seat")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        names,
        [
            ("ანა".to_string(), "chair".to_string()),
            ("დათო".to_string(), "member".to_string())
        ]
    );
    let public = text(app.get_in("en", "/board").await).await;
    assert!(public.contains("Term of office: 12 March 2027 – 12 March 2030"));
    assert!(public.contains(&format!(r#"href="/en/assemblies/{id}""#)));
    assert!(!public.contains("Mallory"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE kind = 'board.confirmed'")
            .await,
        1
    );
    let verified = app::audit::store::verify(&app.db).await.unwrap();
    assert!(verified.is_ok(), "{verified:?}");
}
