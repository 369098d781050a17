//! General Assemblies through the real server on a fresh database (SQLite,
//! or PostgreSQL with `ALLIANCE_TEST_DB=postgres`): staff call, announce
//! (invitations with a calendar file) and open an assembly; delegates check
//! in, give proxies and vote in two steps; the quorum, results, named votes
//! and the bulletin of a secret poll are shown; refused input is kept.

mod common;

use app::assemblies::store::keep_rules;
use app::domain::voting::{Quorum, VotingRules};
use common::assembly::{act, assembly_id, assembly_in_session, delegate, staff, PASSWORD};
use common::{location, spawn_app, TestApp};

async fn text(response: reqwest::Response) -> String {
    response.text().await.unwrap()
}

#[tokio::test]
async fn staff_call_and_announce_an_assembly_with_a_calendar_invitation() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    delegate(&app, 1, "full").await;
    delegate(&app, 2, "associate").await;

    // Bad input is refused with the problems and everything typed kept.
    let refused = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", ""),
                ("title_en", "<script>alert(1)</script>"),
                ("kind", "ordinary"),
                ("starts_at", "2027-02-30T10:00"),
                ("place", "moon"),
                ("quorum", "9/2"),
                ("voting_categories", "full"),
                ("voting_categories", "everyone"),
                ("proxies_per_holder", "99"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = text(refused).await;
    assert!(html.contains("error-summary"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "kept, as text"
    );
    assert!(!html.contains("<script>alert(1)"));
    for field in ["quorum", "voting_categories", "proxies_per_holder"] {
        assert!(
            html.contains(&format!("href=\"#field-{field}\"")),
            "{field}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM assemblies").await, 0);

    let created = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", "საერთო კრება 2027"),
                ("title_en", "General Assembly 2027"),
                ("kind", "extraordinary"),
                ("starts_at", "2027-03-12T10:00"),
                ("place", "online"),
                ("quorum", ">1/2"),
                ("voting_categories", "full"),
                ("proxies_per_holder", "1"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(created.status(), 303);
    let page = location(&created);
    assert!(page.ends_with("?done=created"), "{page}");
    let id = page
        .trim_start_matches("/assemblies/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let starts: i64 = app.count("SELECT starts_at FROM assemblies").await;
    assert_eq!(starts, 1_804_831_200, "10:00 in Tbilisi is 06:00 UTC");

    // A draft is for staff only; members see it once announced.
    let (_, member) = delegate(&app, 3, "full").await;
    assert_eq!(
        app.get_as(&member, &format!("/assemblies/{id}"))
            .await
            .status(),
        404
    );
    let announce = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "advance"), ("from", "draft")],
            Some(&staff),
        )
        .await;
    assert_eq!(
        location(&announce),
        format!("/assemblies/{id}?done=announced")
    );
    // A second click (or another tab) does not announce again.
    let again = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "advance"), ("from", "draft")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&again), format!("/assemblies/{id}?done=stale"));
    let mails = app.outbox().await;
    let invitations: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("BEGIN:VCALENDAR"))
        .collect();
    assert_eq!(invitations.len(), 3, "one per member representative");
    let first = invitations
        .iter()
        .find(|m| m.contains("rep1@org.example"))
        .unwrap();
    assert!(
        first.contains("Invitation: General Assembly 2027"),
        "in the representative's language"
    );
    assert!(first.contains("DTSTART:20270312T060000Z"));
    assert!(first.contains(&format!("/assemblies/{id}")));
    let page = text(app.get_as(&member, &format!("/assemblies/{id}")).await).await;
    assert!(page.contains("საერთო კრება 2027"));

    // Members cannot call or move assemblies.
    let forbidden = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "advance"), ("from", "announced")],
            Some(&member),
        )
        .await;
    assert_eq!(forbidden.status(), 403);
    let anonymous = app
        .post_form("/assemblies", &[("title_ka", "x")], None)
        .await;
    assert_eq!(anonymous.status(), 303);
    assert!(location(&anonymous).starts_with("/login"));
}

#[tokio::test]
async fn delegates_check_in_and_the_quorum_follows() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, d1) = delegate(&app, 1, "full").await;
    let (_, d2) = delegate(&app, 2, "full").await;
    let (o3, _) = delegate(&app, 3, "full").await;
    let (_, associate) = delegate(&app, 4, "associate").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");

    let before = text(app.get_as(&d1, &page).await).await;
    assert!(
        before.contains("ხმის უფლების მქონე 3 ორგანიზაციიდან ესწრება 0"),
        "quorum figure"
    );
    assert!(before.contains("საჭიროა 2"));

    for session in [&d1, &d1] {
        let done = app
            .post_form(&page, &[("do", "check_in")], Some(session))
            .await;
        assert_eq!(location(&done), format!("{page}?done=checked_in"));
    }
    // An associate attends without a vote: present, but not in the quorum.
    app.post_form(&page, &[("do", "check_in")], Some(&associate))
        .await;
    let after = text(app.get_as(&d2, &page).await).await;
    assert!(after.contains("ხმის უფლების მქონე 3 ორგანიზაციიდან ესწრება 1"));
    assert!(after.contains("კვორუმი არ შედგა."));
    // Staff check an organisation in on site.
    let on_site = app
        .post_form(
            &page,
            &[("do", "check_in"), ("org", &o3.to_string())],
            Some(&staff),
        )
        .await;
    assert_eq!(on_site.status(), 303);
    let met = text(app.get_as(&d2, &page).await).await;
    assert!(met.contains("ესწრება 2"));
    assert!(met.contains("კვორუმი შედგა."));
    assert_eq!(app.count("SELECT COUNT(*) FROM attendance").await, 3);
    // A member cannot check in another organisation.
    app.post_form(
        &page,
        &[("do", "check_in"), ("org", &o3.to_string())],
        Some(&d2),
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM attendance").await,
        4,
        "the post checked in the caller's own organisation only"
    );
}

#[tokio::test]
async fn a_secret_motion_is_voted_in_two_steps_with_a_tracker_and_a_proxy() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, d1) = delegate(&app, 1, "full").await;
    let (o2, d2) = delegate(&app, 2, "full").await;
    let (o3, d3) = delegate(&app, 3, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");
    // Organisation 3 cannot come and gives its proxy to organisation 1.
    let proxy = app
        .post_form(
            &page,
            &[("do", "proxy"), ("to", &o1.to_string())],
            Some(&d3),
        )
        .await;
    assert_eq!(location(&proxy), format!("{page}?done=proxy"));
    for d in [&d1, &d2] {
        app.post_form(&page, &[("do", "check_in")], Some(d)).await;
    }
    let poll = app
        .post_form(
            &page,
            &[
                ("do", "poll"),
                ("poll_ka", "ბიუჯეტის დამტკიცება"),
                ("poll_en", "Approval of the budget"),
                ("agenda_item", ""),
                ("kind", "motion"),
                ("secret", "1"),
                ("rule", "simple"),
                ("seats", "1"),
                ("candidates", ""),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&poll), format!("{page}?done=poll"));
    let poll_id = app.count("SELECT MAX(id) FROM polls").await;
    let ballot = format!("{page}/polls/{poll_id}");
    let p = poll_id.to_string();
    let opened = app
        .post_form(&page, &[("do", "open"), ("poll", &p)], Some(&staff))
        .await;
    assert_eq!(location(&opened), format!("{page}?done=opened"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM poll_voters").await,
        3,
        "two present, one by proxy"
    );

    // The proxy holder sees both ballots, labelled.
    let screen = text(app.get_as(&d1, &ballot).await).await;
    assert!(screen.contains("ბიულეტენი: ორგანიზაცია 1"));
    assert!(screen.contains("მინდობილობით ბიულეტენი: ორგანიზაცია 3"));

    // Step one shows the choice back and records nothing.
    let vote = ballot.clone();
    let o1s = o1.to_string();
    let confirm = app
        .post_form(&vote, &[("org", &o1s), ("choice", "yes")], Some(&d1))
        .await;
    assert_eq!(confirm.status(), 200);
    assert_eq!(
        confirm.headers()["cache-control"],
        "no-store",
        "no cache keeps a ballot's choice"
    );
    let confirm = text(confirm).await;
    assert!(confirm.contains("გადაამოწმეთ თქვენი ხმა"));
    assert_eq!(app.count("SELECT COUNT(*) FROM poll_votes").await, 0);
    // Step two records it and shows the tracker code once.
    let recorded = app
        .post_form(
            &vote,
            &[("org", &o1s), ("choice", "yes"), ("confirm", "1")],
            Some(&d1),
        )
        .await;
    assert_eq!(recorded.status(), 200);
    assert_eq!(
        recorded.headers()["cache-control"],
        "no-store",
        "no cache keeps a tracker code"
    );
    let recorded = text(recorded).await;
    assert!(recorded.contains("თქვენი ორგანიზაციის ხმა აღრიცხულია."));
    let tracker = recorded
        .split("<code class=\"tracker\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_string();
    assert_eq!(tracker.len(), 14);
    // Once only, whoever tries again.
    let twice = app
        .post_form(
            &vote,
            &[("org", &o1s), ("choice", "no"), ("confirm", "1")],
            Some(&d1),
        )
        .await;
    assert_eq!(twice.status(), 409);
    assert!(text(twice)
        .await
        .contains("ამ ორგანიზაციამ ამ კენჭისყრაში ხმა უკვე მისცა."));
    // The holder casts the proxy ballot; organisation 2 cannot cast for 3.
    let o3s = o3.to_string();
    let stolen = app
        .post_form(
            &vote,
            &[("org", &o3s), ("choice", "no"), ("confirm", "1")],
            Some(&d2),
        )
        .await;
    assert_eq!(stolen.status(), 409);
    // With JavaScript, the holder checks and casts the proxy ballot where
    // the ballot page is: each answer is the outcome the page shows, and
    // no cache keeps it.
    let stage_of = |answer: &serde_json::Value| -> serde_json::Value {
        serde_json::from_str(answer["Stage"]["stage"].as_str().expect("an outcome"))
            .expect("the outcome's JSON")
    };
    let (status, answer, headers) = app
        .post_in_place(
            &vote,
            &[("org", &o3s), ("choice", "no")],
            Some(&d1),
            "stages",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers["cache-control"], "no-store");
    let confirm = stage_of(&answer);
    assert_eq!(confirm["Confirm"]["choice"], "no", "{answer}");
    assert_eq!(confirm["Confirm"]["org"].to_string(), o3s);
    assert_eq!(app.count("SELECT COUNT(*) FROM poll_votes").await, 1);
    let (status, answer, headers) = app
        .post_in_place(
            &vote,
            &[("org", &o3s), ("choice", "no"), ("confirm", "1")],
            Some(&d1),
            "stages",
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers["cache-control"], "no-store");
    let receipt = stage_of(&answer);
    let proxy_tracker = receipt["Recorded"]["tracker"].as_str().expect("a tracker");
    assert_eq!(proxy_tracker.len(), 14);
    assert_ne!(proxy_tracker, tracker);
    // Again in place: refused, as the page would say.
    let (status, answer, _) = app
        .post_in_place(
            &vote,
            &[("org", &o3s), ("choice", "yes"), ("confirm", "1")],
            Some(&d1),
            "stages",
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(stage_of(&answer)["Refused"]["reason"], "already");
    let o2s = o2.to_string();
    let nonsense = app
        .post_form(
            &vote,
            &[("org", &o2s), ("choice", "maybe"), ("confirm", "1")],
            Some(&d2),
        )
        .await;
    assert_eq!(nonsense.status(), 422);
    app.post_form(
        &vote,
        &[("org", &o2s), ("choice", "yes"), ("confirm", "1")],
        Some(&d2),
    )
    .await;

    // While open: turnout only, no bulletin, no results.
    let open = text(app.get_as(&d2, &page).await).await;
    assert!(open.contains("ხმა მისცა 3-დან 3-მა"));
    assert!(!open.contains(&tracker));
    assert_eq!(app.count("SELECT COUNT(*) FROM secret_ballots").await, 3);

    let closed = app
        .post_form(&page, &[("do", "close"), ("poll", &p)], Some(&staff))
        .await;
    assert_eq!(location(&closed), format!("{page}?done=poll_closed"));
    let anonymous = text(app.get_in("en", &page).await).await;
    assert!(!anonymous.contains(&tracker), "for signed-in members only");
    let results = text(app.get_as(&d2, &page).await).await;
    assert!(results.contains("მიღებულია"), "2 yes, 1 no: adopted");
    assert!(results.contains("66.7 %"));
    assert!(
        results.contains(&tracker),
        "the tracker is in the published bulletin"
    );
    // The voter finds it with the box, however the code is typed.
    let typed = tracker.to_lowercase().replace('-', " ");
    let found = app
        .page_en(
            &d1,
            &format!("{page}?poll={p}&tracker={}", typed.replace(' ', "+")),
        )
        .await;
    assert!(
        found.contains(&format!(
            "The ballot with tracker code {tracker} was counted as: Yes."
        )),
        "found"
    );
    assert!(found.contains(r#"<tr class="found">"#));
    let missing = app
        .page_en(
            &d1,
            &format!("{page}?poll={p}&tracker=%3Cb%3EAAAA-BBBB-CCCC"),
        )
        .await;
    assert!(missing.contains("No ballot of this vote has the tracker code &lt;b&gt;AAAA-BBBB-CCCC"));
    assert!(!missing.contains("<b>AAAA"), "typed text is shown as text");
    // A ballot after the close is refused, not lost.
    let late = app
        .post_form(
            &vote,
            &[("org", &o2s), ("choice", "no"), ("confirm", "1")],
            Some(&d2),
        )
        .await;
    assert_eq!(late.status(), 409);
    assert_eq!(app.count("SELECT COUNT(*) FROM secret_ballots").await, 3);
}

#[tokio::test]
async fn a_named_election_shows_who_voted_what_and_who_is_elected() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, d1) = delegate(&app, 1, "full").await;
    let (o2, d2) = delegate(&app, 2, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");
    for d in [&d1, &d2] {
        app.post_form(&page, &[("do", "check_in")], Some(d)).await;
    }
    // An election needs candidates; what was typed comes back.
    let refused = app
        .post_form(
            &page,
            &[
                ("do", "poll"),
                ("poll_ka", "გამგეობის არჩევა"),
                ("kind", "election"),
                ("rule", "simple"),
                ("seats", "2"),
                ("candidates", ""),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(text(refused).await.contains("value=\"გამგეობის არჩევა\""));
    let created = app
        .post_form(
            &page,
            &[
                ("do", "poll"),
                ("poll_ka", "გამგეობის არჩევა"),
                ("poll_en", "Board election"),
                ("kind", "election"),
                ("rule", "simple"),
                ("seats", "1"),
                ("candidates", "ნინო ბერიძე\nGiorgi Lomidze\n"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(created.status(), 303);
    let poll_id = app.count("SELECT MAX(id) FROM polls").await;
    let ballot = format!("{page}/polls/{poll_id}");
    let p = poll_id.to_string();
    app.post_form(&page, &[("do", "open"), ("poll", &p)], Some(&staff))
        .await;
    let vote = ballot.clone();
    let too_many = app
        .post_form(
            &vote,
            &[
                ("org", &o1.to_string()),
                ("mark", "0"),
                ("mark", "1"),
                ("confirm", "1"),
            ],
            Some(&d1),
        )
        .await;
    assert_eq!(too_many.status(), 409, "at most one mark for one seat");
    for (org, session) in [(o1, &d1), (o2, &d2)] {
        let done = app
            .post_form(
                &vote,
                &[("org", &org.to_string()), ("mark", "0"), ("confirm", "1")],
                Some(session),
            )
            .await;
        assert_eq!(done.status(), 200);
        assert!(
            !text(done).await.contains("class=\"tracker\""),
            "named polls have no tracker"
        );
    }
    app.post_form(&page, &[("do", "close"), ("poll", &p)], Some(&staff))
        .await;
    let results = text(app.get_as(&d1, &page).await).await;
    assert!(results.contains("არჩეულია"));
    assert!(results.contains("ორგანიზაცია 2"));
    assert!(results.contains("ნინო ბერიძე"));
    assert_eq!(app.count("SELECT COUNT(*) FROM named_ballots").await, 2);
}

/// Reads server-sent events until one named `snapshot` arrives (or `wait`
/// passes) and returns its data.
async fn next_snapshot<B: AsRef<[u8]>>(
    stream: &mut (impl futures::Stream<Item = reqwest::Result<B>> + Unpin),
    buffer: &mut String,
    wait: std::time::Duration,
) -> Option<serde_json::Value> {
    use futures::StreamExt;
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.lines().any(|l| l == "event: snapshot") {
                let data: String = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
                    .collect();
                return serde_json::from_str(&data).ok();
            }
        }
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .ok()??
            .ok()?;
        buffer.push_str(&String::from_utf8_lossy(chunk.as_ref()));
    }
}

async fn open_stream(
    base: &str,
    client: &reqwest::Client,
    session: &str,
    id: i64,
) -> reqwest::Response {
    client
        .get(format!("{base}/assemblies/{id}/live"))
        .header("cookie", format!("alliance_session={session}"))
        .timeout(std::time::Duration::from_secs(30))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn open_screens_receive_each_change_within_a_second() {
    use std::time::Duration;
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, d1) = delegate(&app, 1, "full").await;
    let (o2, d2) = delegate(&app, 2, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");

    let anonymous = app
        .client
        .get(app.url(&format!("{page}/live")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    let base = format!("http://{}", app.addr);
    let response = open_stream(&base, &app.client, &d1, id).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    assert_eq!(
        response.headers()["x-accel-buffering"],
        "no",
        "a buffering proxy is asked to pass events on at once"
    );
    let mut stream = response.bytes_stream();
    let mut buffer = String::new();
    let first = next_snapshot(&mut stream, &mut buffer, Duration::from_secs(2))
        .await
        .unwrap();
    assert_eq!(first["status"], "in_session");
    assert_eq!(first["quorum"]["present"], 0);
    assert_eq!(first["quorum"]["voters"], 2);

    let started = std::time::Instant::now();
    app.post_form(&page, &[("do", "check_in")], Some(&d2)).await;
    let next = next_snapshot(&mut stream, &mut buffer, Duration::from_secs(1))
        .await
        .expect("the check-in arrives within a second");
    assert_eq!(next["quorum"]["present"], 1);
    assert!(started.elapsed() < Duration::from_secs(1));

    // A named poll: its votes arrive as they are cast, by organisation.
    app.post_form(&page, &[("do", "check_in")], Some(&d1)).await;
    app.post_form(
        &page,
        &[
            ("do", "poll"),
            ("poll_ka", "დღის წესრიგის დამტკიცება"),
            ("kind", "motion"),
            ("rule", "simple"),
            ("seats", "1"),
        ],
        Some(&staff),
    )
    .await;
    let poll = app.count("SELECT MAX(id) FROM polls").await.to_string();
    app.post_form(&page, &[("do", "open"), ("poll", &poll)], Some(&staff))
        .await;
    app.post_form(
        &format!("{page}/polls/{poll}"),
        &[
            ("org", &o2.to_string()),
            ("choice", "yes"),
            ("confirm", "1"),
        ],
        Some(&d2),
    )
    .await;
    let mut seen = None;
    for _ in 0..5 {
        let s = next_snapshot(&mut stream, &mut buffer, Duration::from_secs(1))
            .await
            .unwrap();
        if s["polls"][0]["voted"] == 1 {
            seen = Some(s);
            break;
        }
    }
    let seen = seen.expect("the ballot's turnout arrives");
    assert_eq!(seen["polls"][0]["status"], "open");
    assert_eq!(seen["polls"][0]["voters"], 2);
    assert_eq!(seen["polls"][0]["named"][0][0], o2);
    assert_eq!(seen["polls"][0]["named"][0][1], "yes");
}

#[tokio::test]
async fn a_secret_poll_streams_turnout_only() {
    use std::time::Duration;
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, d1) = delegate(&app, 1, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");
    app.post_form(&page, &[("do", "check_in")], Some(&d1)).await;
    app.post_form(
        &page,
        &[
            ("do", "poll"),
            ("poll_ka", "ფარული"),
            ("kind", "motion"),
            ("secret", "1"),
            ("rule", "simple"),
            ("seats", "1"),
        ],
        Some(&staff),
    )
    .await;
    let poll = app.count("SELECT MAX(id) FROM polls").await.to_string();
    app.post_form(&page, &[("do", "open"), ("poll", &poll)], Some(&staff))
        .await;
    let base = format!("http://{}", app.addr);
    let mut stream = open_stream(&base, &app.client, &d1, id)
        .await
        .bytes_stream();
    let mut buffer = String::new();
    next_snapshot(&mut stream, &mut buffer, Duration::from_secs(2))
        .await
        .unwrap();
    app.post_form(
        &format!("{page}/polls/{poll}"),
        &[("org", &o1.to_string()), ("choice", "no"), ("confirm", "1")],
        Some(&d1),
    )
    .await;
    // A snapshot for an earlier change (the poll opening, relayed late
    // under load) may come first; none of them carries a ballot's content.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    loop {
        let wait = deadline.saturating_duration_since(tokio::time::Instant::now());
        let s = next_snapshot(&mut stream, &mut buffer, wait)
            .await
            .expect("a snapshot with the ballot counted");
        assert_eq!(s["polls"][0]["named"], serde_json::json!([]));
        assert!(!s.to_string().contains("\"no\""), "no ballot content: {s}");
        if s["polls"][0]["voted"] == 1 {
            break;
        }
    }
}

/// Two server instances on one PostgreSQL database: a change made through
/// one reaches the screens connected to the other (LISTEN/NOTIFY). SQLite
/// runs one instance, so there is nothing to relay there.
#[tokio::test]
async fn changes_reach_screens_on_another_instance() {
    use std::time::Duration;
    if common::backend() != "postgres" {
        return;
    }
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, d1) = delegate(&app, 1, "full").await;
    let (_, d2) = delegate(&app, 2, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let (second, _stop) = app.another_instance().await;
    let base = format!("http://{second}");
    let mut stream = open_stream(&base, &app.client, &d1, id)
        .await
        .bytes_stream();
    let mut buffer = String::new();
    let first = next_snapshot(&mut stream, &mut buffer, Duration::from_secs(2))
        .await
        .unwrap();
    assert_eq!(first["quorum"]["present"], 0);
    // The check-in goes through the first instance.
    app.post_form(
        &format!("/assemblies/{id}"),
        &[("do", "check_in")],
        Some(&d2),
    )
    .await;
    let next = next_snapshot(&mut stream, &mut buffer, Duration::from_secs(1))
        .await
        .expect("relayed within a second");
    assert_eq!(next["quorum"]["present"], 1);
}

/// An account registered on the site, with no organisation: signed in, but
/// not a participant of any assembly.
async fn registered(app: &TestApp) -> String {
    let email = "visitor@example.ge";
    app.post_form(
        "/register",
        &[
            ("name", "Visitor"),
            ("email", email),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
        None,
    )
    .await;
    let mail = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.contains(&format!("To: {email}")))
        .expect("verification mail");
    let token = common::link_token(&mail, "/verify");
    app.post_form("/verify", &[("token", &token)], None).await;
    app.login(email, PASSWORD).await.unwrap()
}

#[tokio::test]
async fn assemblies_are_for_participants_and_close_only_with_every_vote_closed() {
    use leptos::server_fn::ServerFn;
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, d1) = delegate(&app, 1, "full").await;
    let (o2, d2) = delegate(&app, 2, "full").await;
    let visitor = registered(&app).await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");
    app.post_form(&page, &[("do", "check_in")], Some(&d1)).await;
    app.post_form(
        &page,
        &[
            ("do", "poll"),
            ("poll_ka", "ბიუჯეტი"),
            ("kind", "motion"),
            ("rule", "simple"),
            ("seats", "1"),
        ],
        Some(&staff),
    )
    .await;
    let poll = app.count("SELECT MAX(id) FROM polls").await;
    // One of two present: opened without quorum, confirmed.
    app.post_form(
        &page,
        &[
            ("do", "open"),
            ("poll", &poll.to_string()),
            ("without_quorum", "yes"),
        ],
        Some(&staff),
    )
    .await;

    // A signed-in account without an organisation reads and does nothing.
    let base = format!("http://{}", app.addr);
    for (path, args) in [
        (app::assemblies::api::ListAssemblies::PATH, "page=1".into()),
        (
            app::assemblies::api::LoadAssembly::PATH,
            format!("id={id}&notice="),
        ),
        (
            app::assemblies::api::LoadBallot::PATH,
            format!("assembly={id}&poll={poll}"),
        ),
    ] {
        let response = app
            .client
            .get(format!("{base}{path}?{args}"))
            .header("cookie", format!("alliance_session={visitor}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
        let member = app
            .client
            .get(format!("{base}{path}?{args}"))
            .header("cookie", format!("alliance_session={d1}"))
            .send()
            .await
            .unwrap();
        assert_eq!(member.status(), 200, "{path} for a delegate");
    }
    let html = text(app.get_as(&visitor, &page).await).await;
    assert!(!html.contains("ბიუჯეტი"), "no agenda or poll for a visitor");
    assert_eq!(
        open_stream(&base, &app.client, &visitor, id).await.status(),
        403
    );
    for action in [vec![("do", "check_in")], vec![("do", "proxy"), ("to", "1")]] {
        let refused = app.post_form(&page, &action, Some(&visitor)).await;
        assert_eq!(refused.status(), 403, "{action:?}");
    }
    let vote = app
        .post_form(
            &format!("{page}/polls/{poll}"),
            &[
                ("org", &o1.to_string()),
                ("choice", "yes"),
                ("confirm", "1"),
            ],
            Some(&visitor),
        )
        .await;
    assert_eq!(vote.status(), 403);

    // Drafts are the secretariat's alone, on the live stream too; an
    // assembly that does not exist gets no stream.
    let draft = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", "რიგგარეშე კრება"),
                ("kind", "extraordinary"),
                ("starts_at", "2027-05-12T10:00"),
                ("place", "online"),
                ("quorum", ">1/2"),
                ("voting_categories", "full"),
                ("proxies_per_holder", "1"),
            ],
            Some(&staff),
        )
        .await;
    let draft_id = assembly_id(&location(&draft));
    assert_eq!(
        open_stream(&base, &app.client, &d1, draft_id)
            .await
            .status(),
        404
    );
    assert_eq!(
        open_stream(&base, &app.client, &staff, draft_id)
            .await
            .status(),
        200
    );
    assert_eq!(
        open_stream(&base, &app.client, &d1, 999_999).await.status(),
        404
    );
    // No proxy for a draft.
    let early = app
        .post_form(
            &format!("/assemblies/{draft_id}"),
            &[("do", "proxy"), ("to", &o1.to_string())],
            Some(&d2),
        )
        .await;
    assert_eq!(
        location(&early),
        format!("/assemblies/{draft_id}?done=proxies_closed")
    );

    // The assembly does not close while a vote is open.
    let close = [("do", "advance"), ("from", "in_session")];
    let refused = app.post_form(&page, &close, Some(&staff)).await;
    assert_eq!(location(&refused), format!("{page}?done=polls_open"));
    let status: String = sqlx::query_scalar("SELECT status FROM assemblies WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "in_session");
    app.post_form(
        &page,
        &[("do", "close"), ("poll", &poll.to_string())],
        Some(&staff),
    )
    .await;
    let closed = app.post_form(&page, &close, Some(&staff)).await;
    assert_eq!(location(&closed), format!("{page}?done=closed"));
    // Once closed: no proxies, and no poll opens.
    let late = app
        .post_form(
            &page,
            &[("do", "proxy"), ("to", &o1.to_string())],
            Some(&d2),
        )
        .await;
    assert_eq!(location(&late), format!("{page}?done=proxies_closed"));
    let _ = o2;
}

#[tokio::test]
async fn one_session_holds_a_bounded_number_of_live_streams() {
    use alliance::live::STREAMS_PER_SESSION;
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, d1) = delegate(&app, 1, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let base = format!("http://{}", app.addr);
    let mut open = Vec::new();
    for _ in 0..STREAMS_PER_SESSION {
        let stream = open_stream(&base, &app.client, &d1, id).await;
        assert_eq!(stream.status(), 200);
        open.push(stream);
    }
    let refused = open_stream(&base, &app.client, &d1, id).await;
    assert_eq!(refused.status(), 429, "one screen too many");
    assert!(refused.headers().contains_key("retry-after"));
    // Another session is not affected.
    assert_eq!(
        open_stream(&base, &app.client, &staff, id).await.status(),
        200
    );
    // A closed screen gives its place back (the server notices when it next
    // writes to it: the check-in below is such a change).
    drop(open.pop());
    app.post_form(
        &format!("/assemblies/{id}"),
        &[("do", "check_in")],
        Some(&d1),
    )
    .await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let again = open_stream(&base, &app.client, &d1, id).await;
        if again.status() == 200 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the place came back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// The agenda's Georgian texts in order, as stored.
async fn agenda_order(app: &TestApp, id: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT position, title_ka FROM agenda_items WHERE assembly_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

async fn item_id(app: &TestApp, title_ka: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM agenda_items WHERE title_ka = $1")
        .bind(title_ka)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id.to_string()
}

/// Prepares a motion on an agenda item.
async fn motion_on(app: &TestApp, id: i64, item: &str, question: &str, staff: &str) {
    let fields = [
        ("do", "poll"),
        ("poll_ka", question),
        ("poll_en", ""),
        ("agenda_item", item),
        ("kind", "motion"),
        ("rule", "simple"),
        ("seats", "1"),
        ("candidates", ""),
    ];
    assert!(act(app, id, &fields, staff).await.ends_with("done=poll"));
}

/// Corrects an agenda item's text (Georgian, English).
async fn correct(
    app: &TestApp,
    id: i64,
    item: &str,
    (ka, en): (&str, &str),
    staff: &str,
) -> reqwest::Response {
    let (ka_field, en_field) = (format!("item_{item}_ka"), format!("item_{item}_en"));
    let fields = [
        ("do", "item_correct"),
        ("item", item),
        (ka_field.as_str(), ka),
        (en_field.as_str(), en),
    ];
    app.post_form(&format!("/assemblies/{id}"), &fields, Some(staff))
        .await
}

/// Creates a draft assembly with the agenda items given; returns its id.
async fn draft_with_agenda(app: &TestApp, staff: &str, items: &[&str]) -> i64 {
    let created = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", "რიგითი კრება"),
                ("title_en", "Ordinary Assembly"),
                ("kind", "ordinary"),
                ("starts_at", "2027-03-12T10:00"),
                ("place", "hybrid"),
                ("quorum", ">1/2"),
                ("voting_categories", "full"),
                ("proxies_per_holder", "1"),
            ],
            Some(staff),
        )
        .await;
    let id = assembly_id(&location(&created));
    for item in items {
        let added = act(
            app,
            id,
            &[("do", "agenda"), ("item_ka", item), ("item_en", "")],
            staff,
        )
        .await;
        assert!(added.ends_with("done=item"), "{added}");
    }
    id
}

#[tokio::test]
async fn staff_correct_an_assembly_before_its_session_and_the_members_are_told() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, member) = delegate(&app, 1, "full").await;
    delegate(&app, 2, "full").await;
    let id = draft_with_agenda(&app, &staff, &["ა", "ბ", "გ"]).await;
    let (a, b, c) = (
        item_id(&app, "ა").await,
        item_id(&app, "ბ").await,
        item_id(&app, "გ").await,
    );

    // The agenda is reordered and trimmed without gaps; the first item does
    // not move up.
    assert!(act(&app, id, &[("do", "item_up"), ("item", &c)], &staff)
        .await
        .ends_with("done=moved"));
    act(&app, id, &[("do", "item_up"), ("item", &a)], &staff).await;
    let order = agenda_order(&app, id).await;
    assert_eq!(
        order,
        [(1, "ა".into()), (2, "გ".into()), (3, "ბ".into())],
        "{order:?}"
    );
    act(&app, id, &[("do", "item_down"), ("item", &a)], &staff).await;
    assert!(
        act(&app, id, &[("do", "item_remove"), ("item", &b)], &staff)
            .await
            .ends_with("done=item_removed")
    );
    assert_eq!(
        agenda_order(&app, id).await,
        [(1, "გ".into()), (2, "ა".into())]
    );
    // An item another assembly holds, or none, is not this page's to move.
    let elsewhere = draft_with_agenda(&app, &staff, &["სხვა"]).await;
    let other = item_id(&app, "სხვა").await;
    assert!(
        act(&app, id, &[("do", "item_remove"), ("item", &other)], &staff)
            .await
            .ends_with("done=stale")
    );
    assert_eq!(agenda_order(&app, elsewhere).await.len(), 1);
    assert!(act(&app, id, &[("do", "item_up"), ("item", "x")], &staff)
        .await
        .ends_with("done=stale"));

    // An item with a vote stays.
    motion_on(&app, id, &a, "დავამტკიცოთ?", &staff).await;
    assert!(
        act(&app, id, &[("do", "item_remove"), ("item", &a)], &staff)
            .await
            .ends_with("done=item_has_polls")
    );
    assert_eq!(agenda_order(&app, id).await.len(), 2);

    // A correction that needs correcting is shown with what was typed.
    let refused = correct(&app, id, &a, (" ", "<b>kept</b>"), &staff).await;
    assert_eq!(refused.status(), 422);
    let html = text(refused).await;
    assert!(
        html.contains(&format!("href=\"#field-item_{a}_ka\"")),
        "the summary links the field"
    );
    assert!(html.contains("&lt;b&gt;kept&lt;/b&gt;"));
    let corrected = correct(&app, id, &a, ("ანგარიში", "Report"), &staff).await;
    assert!(location(&corrected).ends_with("done=item_saved"));

    // Details of a draft change silently; bad ones are refused and kept.
    let refused = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[
                ("do", "details"),
                ("title_ka", ""),
                ("title_en", "Typed title"),
                ("kind", "annual"),
                ("starts_at", "2027-13-01T10:00"),
                ("place", "hybrid"),
                ("quorum", ">1/2"),
                ("voting_categories", "full"),
                ("proxies_per_holder", "1"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = text(refused).await;
    assert!(html.contains("Typed title"));
    assert!(html.contains("href=\"#field-starts_at\""));
    let details = |title_en: &'static str, starts_at: &'static str| {
        [
            ("do", "details"),
            ("title_ka", "რიგითი კრება"),
            ("title_en", title_en),
            ("kind", "ordinary"),
            ("starts_at", starts_at),
            ("place", "hybrid"),
            ("quorum", ">1/2"),
            ("voting_categories", "full"),
            ("proxies_per_holder", "1"),
        ]
    };
    assert!(act(
        &app,
        id,
        &details("Annual Assembly", "2027-03-12T10:00"),
        &staff
    )
    .await
    .ends_with("done=details"));

    // Members move nothing.
    for fields in [
        &[("do", "item_up"), ("item", c.as_str())][..],
        &details("Mine", "2027-03-12T10:00")[..],
        &[("do", "cancel"), ("confirm", "yes")][..],
    ] {
        let forbidden = app
            .post_form(&format!("/assemblies/{id}"), fields, Some(&member))
            .await;
        assert_eq!(forbidden.status(), 403, "{fields:?}");
    }

    // Announced: a new title is not news; a new time is, with the same
    // calendar event, its sequence counted.
    act(&app, id, &[("do", "advance"), ("from", "draft")], &staff).await;
    let invitations = app.outbox().await.len();
    assert!(act(
        &app,
        id,
        &details("Annual General Assembly", "2027-03-12T10:00"),
        &staff
    )
    .await
    .ends_with("done=details"));
    assert_eq!(app.outbox().await.len(), invitations);
    assert!(act(
        &app,
        id,
        &details("Annual General Assembly", "2027-03-19T11:00"),
        &staff
    )
    .await
    .ends_with("done=details_mailed"));
    let mails = app.outbox().await;
    let changed: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("Changed: Annual General Assembly"))
        .collect();
    assert_eq!(changed.len(), 2, "one per member representative");
    assert!(changed[0].contains("DTSTART:20270319T070000Z"));
    assert!(changed[0].contains(&format!("UID:assembly-{id}@")));
    assert!(changed[0].contains("SEQUENCE:1"));
    // Moving items is over once the session starts; see the next test.

    // Cancelling needs its box ticked.
    let refused = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "cancel")],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(text(refused).await.contains("field-confirm-error"));
    assert!(
        act(&app, id, &[("do", "cancel"), ("confirm", "yes")], &staff)
            .await
            .ends_with("done=cancelled")
    );
    let mails = app.outbox().await;
    let cancelled: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("Cancelled: Annual General Assembly"))
        .collect();
    assert_eq!(cancelled.len(), 2);
    assert!(cancelled[0].contains("STATUS:CANCELLED"));
    assert!(cancelled[0].contains("SEQUENCE:2"));
    let page = app.page_en(&member, &format!("/assemblies/{id}")).await;
    assert!(page.contains("Cancelled"), "the members see it cancelled");

    // Nothing happens in a cancelled assembly.
    for (fields, outcome) in [
        (&[("do", "advance"), ("from", "announced")][..], "stale"),
        (&[("do", "advance"), ("from", "cancelled")][..], "stale"),
        (&details("Again", "2027-04-01T10:00")[..], "too_late"),
        (&[("do", "item_up"), ("item", c.as_str())][..], "too_late"),
        (&[("do", "cancel"), ("confirm", "yes")][..], "too_late"),
    ] {
        let went = act(&app, id, fields, &staff).await;
        assert!(
            went.ends_with(&format!("done={outcome}")),
            "{fields:?}: {went}"
        );
    }
    let proxy = act(&app, id, &[("do", "proxy"), ("to", "2")], &member).await;
    assert!(proxy.ends_with("done=proxies_closed"), "{proxy}");
    let status: String = sqlx::query_scalar("SELECT status FROM assemblies WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(status, "closed");
    assert_eq!(app.outbox().await.len(), mails.len(), "no more mail");
    let dashboard = app.page_en(&staff, "/admin").await;
    assert!(
        !dashboard.contains("Annual General Assembly"),
        "not being prepared"
    );
}

/// A small valid PDF.
fn pdf(text: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% {text}\n\
         trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    .into_bytes()
}

#[tokio::test]
async fn documents_are_pdfs_kept_for_participants_and_the_agenda_is_corrected_in_session() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (_, member) = delegate(&app, 1, "full").await;
    let visitor = registered(&app).await;
    let id = draft_with_agenda(&app, &staff, &["ანგარიში"]).await;
    let path = format!("/assemblies/{id}/documents");
    let dashboard = app.page_en(&staff, "/admin").await;
    assert!(dashboard.contains("no documents yet"));

    let titles = || {
        vec![
            ("doc_ka", "დღის წესრიგი".to_string()),
            ("doc_en", "Agenda <i>draft</i>".to_string()),
        ]
    };
    // Not a PDF, whatever its name: refused, the titles kept.
    let refused = app
        .post_multipart(
            &path,
            &staff,
            &titles(),
            Some((
                "file",
                "agenda.pdf",
                b"<html><script>alert(1)</script>".to_vec(),
            )),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = text(refused).await;
    assert!(html.contains("Choose a PDF file."));
    assert!(html.contains("Agenda &lt;i&gt;draft&lt;/i&gt;"));
    // Over 10 MB.
    let mut big = pdf("big");
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let refused = app
        .post_multipart(&path, &staff, &titles(), Some(("file", "big.pdf", big)))
        .await;
    assert_eq!(refused.status(), 422);
    assert!(text(refused).await.contains("10 MB or smaller"));
    // No file, no title.
    let refused = app
        .post_multipart(&path, &staff, &[("doc_ka", String::new())], None)
        .await;
    assert_eq!(refused.status(), 422);
    let html = text(refused).await;
    assert!(html.contains("href=\"#field-doc_ka\"") && html.contains("href=\"#field-file\""));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM assembly_documents").await,
        0
    );
    // A member may not attach one.
    let forbidden = app
        .post_multipart(&path, &member, &titles(), Some(("file", "a.pdf", pdf("x"))))
        .await;
    assert_eq!(forbidden.status(), 403);

    let bytes = pdf("the agenda");
    let attached = app
        .post_multipart(
            &path,
            &staff,
            &titles(),
            Some(("file", "../../დღის წესრიგი.pdf", bytes.clone())),
        )
        .await;
    assert_eq!(
        location(&attached),
        format!("/assemblies/{id}?done=document")
    );
    let doc: i64 = app.count("SELECT id FROM assembly_documents").await;
    let link = format!("/assemblies/{id}/documents/{doc}");

    // A draft's documents are staff's; served as a download with its name.
    assert_eq!(app.get_as(&member, &link).await.status(), 404);
    let served = app.get_as(&staff, &link).await;
    assert_eq!(served.status(), 200);
    let header = |name: &str| {
        served
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "application/pdf");
    let disposition = header("content-disposition");
    assert!(disposition.starts_with("attachment; "), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%E1%83%93%E1%83%A6%E1%83%98%E1%83%A1%20"),
        "{disposition}"
    );
    assert!(!disposition.contains(".."), "no path in the name");
    assert!(header("content-security-policy").contains("sandbox"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(header("cache-control").starts_with("private"));
    let etag = header("etag");
    assert_eq!(served.bytes().await.unwrap().to_vec(), bytes);
    let revalidated = app
        .client
        .get(app.url(&link))
        .header("cookie", format!("alliance_session={staff}"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);

    // Announced: participants download it; others do not.
    act(&app, id, &[("do", "advance"), ("from", "draft")], &staff).await;
    assert_eq!(app.get_as(&member, &link).await.status(), 200);
    assert_eq!(app.get_as(&visitor, &link).await.status(), 403);
    let stranger = app.get(&link).await;
    assert!(matches!(stranger.status().as_u16(), 401 | 403 | 303));
    assert_ne!(
        stranger
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap()),
        Some("application/pdf")
    );
    let elsewhere = draft_with_agenda(&app, &staff, &[]).await;
    for wrong in [
        format!("/assemblies/{elsewhere}/documents/{doc}"),
        format!("/assemblies/{id}/documents/{}", doc + 1),
        format!("/assemblies/{id}/documents/x"),
    ] {
        assert_eq!(app.get_as(&staff, &wrong).await.status(), 404, "{wrong}");
    }
    let page = app.page_en(&member, &format!("/assemblies/{id}")).await;
    assert!(page.contains(&link) && page.contains("Agenda &lt;i&gt;draft&lt;/i&gt;"));
    assert!(page.contains("PDF, 1 KB"));
    let dashboard = app.page_en(&staff, "/admin").await;
    assert!(dashboard.contains("announced; 1 agenda item, 1 document"));

    // In session: an item's text is corrected, its vote untouched; the
    // order stays.
    act(
        &app,
        id,
        &[("do", "advance"), ("from", "announced")],
        &staff,
    )
    .await;
    let item = item_id(&app, "ანგარიში").await;
    motion_on(&app, id, &item, "ანგარიშის დამტკიცება", &staff).await;
    let poll_before: (String, i64, String) =
        sqlx::query_as("SELECT title_ka, agenda_item_id, status FROM polls")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    // A screen following the session sees the correction.
    let base = format!("http://{}", app.addr);
    let mut stream = open_stream(&base, &app.client, &member, id)
        .await
        .bytes_stream();
    let mut buffer = String::new();
    let wait = std::time::Duration::from_secs(2);
    let first = next_snapshot(&mut stream, &mut buffer, wait).await.unwrap();
    assert_eq!(first["agenda"][0]["title_en"], "");
    let corrected = correct(
        &app,
        id,
        &item,
        ("წლიური ანგარიში", "Annual report"),
        &staff,
    )
    .await;
    assert!(location(&corrected).ends_with("done=item_saved"));
    let poll_after: (String, i64, String) =
        sqlx::query_as("SELECT title_ka, agenda_item_id, status FROM polls")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(poll_before, poll_after);
    // (A snapshot of the vote prepared just before may come first.)
    let mut corrected = None;
    while let Some(snapshot) = next_snapshot(&mut stream, &mut buffer, wait).await {
        if snapshot["agenda"][0]["title_en"] == "Annual report" {
            corrected = Some(snapshot);
            break;
        }
    }
    let corrected = corrected.expect("the corrected agenda reaches the screen");
    assert_eq!(corrected["polls"], first["polls"], "the vote as it was");
    assert!(app
        .page_en(&member, &format!("/assemblies/{id}"))
        .await
        .contains("Annual report"));
    assert!(
        act(&app, id, &[("do", "item_remove"), ("item", &item)], &staff)
            .await
            .ends_with("done=too_late")
    );
    assert!(act(
        &app,
        id,
        &[
            ("do", "details"),
            ("title_ka", "x"),
            ("kind", "ordinary"),
            ("starts_at", "2027-03-12T10:00"),
            ("place", "online"),
            ("quorum", ">1/2"),
            ("voting_categories", "full"),
            ("proxies_per_holder", "1")
        ],
        &staff
    )
    .await
    .ends_with("done=too_late"));

    // Removed by staff only, until the assembly is over.
    let forbidden = app
        .post_form(
            &format!("/assemblies/{id}"),
            &[("do", "document_remove"), ("document", &doc.to_string())],
            Some(&member),
        )
        .await;
    assert_eq!(forbidden.status(), 403);
    assert!(act(
        &app,
        id,
        &[("do", "document_remove"), ("document", &doc.to_string())],
        &staff
    )
    .await
    .ends_with("done=document_removed"));
    assert_eq!(app.get_as(&member, &link).await.status(), 404);
}

/// Prepares a motion on no agenda item.
async fn prepare_motion(app: &TestApp, id: i64, question: &str, staff: &str) {
    let fields = [
        ("do", "poll"),
        ("poll_ka", question),
        ("poll_en", ""),
        ("agenda_item", ""),
        ("kind", "motion"),
        ("rule", "simple"),
        ("seats", "1"),
        ("candidates", ""),
    ];
    assert!(act(app, id, &fields, staff).await.ends_with("done=poll"));
}

/// A poll's quorum as kept when it opened: (present, needed, voters).
async fn quorum_at_open(app: &TestApp, question: &str) -> (Option<i64>, Option<i64>, Option<i64>) {
    sqlx::query_as(
        "SELECT quorum_present, quorum_needed, quorum_voters FROM polls WHERE title_ka = $1",
    )
    .bind(question)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}

async fn poll_status(app: &TestApp, question: &str) -> String {
    sqlx::query_scalar("SELECT status FROM polls WHERE title_ka = $1")
        .bind(question)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn poll_id(app: &TestApp, question: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM polls WHERE title_ka = $1")
        .bind(question)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id.to_string()
}

#[tokio::test]
async fn each_assembly_keeps_its_rules_and_opens_a_poll_without_quorum_only_when_confirmed() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, first) = delegate(&app, 1, "full").await;
    let (_, second) = delegate(&app, 2, "full").await;
    let (_, third) = delegate(&app, 3, "associate").await;
    let (_, fourth) = delegate(&app, 4, "full").await;

    // The form starts from the configured rules.
    let form = app.page_en(&staff, "/assemblies").await;
    assert!(form.contains("More than half of the voting organisations present"));
    assert!(
        form.contains(r#"value="full" checked"#),
        "full members vote by default"
    );

    // Called with its own rules: at least two thirds, associates vote too,
    // two proxies per holder.
    let created = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", "რიგგარეშე კრება"),
                ("title_en", "Extraordinary Assembly"),
                ("kind", "extraordinary"),
                ("starts_at", "2027-06-01T11:00"),
                ("place", "in_person"),
                ("quorum", "2/3"),
                ("voting_categories", "associate"),
                ("voting_categories", "full"),
                ("proxies_per_holder", "2"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(created.status(), 303);
    let id = assembly_id(&location(&created));
    let stored: (String, String, i64) = sqlx::query_as(
        "SELECT quorum, voting_categories, proxies_per_holder FROM assemblies WHERE id = $1",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(stored, ("2/3".into(), "full,associate".into(), 2));

    // Another configuration (a restart with other settings) changes no
    // assembly that has its rules; one called before rules were kept gets
    // the configured ones once.
    let other = VotingRules {
        categories: vec!["full".into()],
        quorum: Quorum::from_code(">1/2").unwrap(),
        proxies_per_holder: 0,
    };
    assert_eq!(keep_rules(&app.db, &other).await.unwrap(), 0);
    sqlx::query(
        "INSERT INTO assemblies (title_ka, kind, starts_at, place, status, created_at) \
         VALUES ('ძველი კრება', 'ordinary', 1700000000, 'online', 'closed', 1700000000)",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    assert_eq!(keep_rules(&app.db, &other).await.unwrap(), 1);
    assert_eq!(
        keep_rules(&app.db, &VotingRules::default()).await.unwrap(),
        0
    );
    let legacy: (String, String, i64) = sqlx::query_as(
        "SELECT quorum, voting_categories, proxies_per_holder FROM assemblies \
         WHERE title_ka = 'ძველი კრება'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(legacy, (">1/2".into(), "full".into(), 0));

    let page = format!("/assemblies/{id}");
    for from in ["draft", "announced"] {
        act(&app, id, &[("do", "advance"), ("from", from)], &staff).await;
    }
    let html = app.page_en(&first, &page).await;
    assert!(html.contains("At least two thirds of the voting organisations present"));
    assert!(html.contains("Associate member"));
    assert!(html.contains("At most 2 proxies per organisation"));
    assert!(
        html.contains("0 of 4 voting organisations present"),
        "associates count"
    );

    // Two proxies to one holder (the charter's default would refuse the second).
    for giver in [&second, &fourth] {
        let given = app
            .post_form(
                &page,
                &[("do", "proxy"), ("to", &o1.to_string())],
                Some(giver),
            )
            .await;
        assert!(
            location(&given).ends_with("done=proxy"),
            "{}",
            location(&given)
        );
    }

    // One of four present; two thirds needs three.
    app.post_form(&page, &[("do", "check_in")], Some(&first))
        .await;
    let question = "ვამტკიცებთ თუ არა დღის წესრიგს?";
    prepare_motion(&app, id, question, &staff).await;
    let poll = poll_id(&app, question).await;
    let html = app.page_en(&staff, &page).await;
    assert!(html.contains("Open without quorum"), "the box is offered");
    let refused = act(&app, id, &[("do", "open"), ("poll", &poll)], &staff).await;
    assert!(refused.ends_with("done=no_quorum"), "{refused}");
    assert_eq!(poll_status(&app, question).await, "draft");
    let html = app.page_en(&staff, &refused).await;
    assert!(html.contains("The quorum is not met. To open the vote anyway"));
    // A member cannot open it, box or not.
    let member = app
        .post_form(
            &page,
            &[("do", "open"), ("poll", &poll), ("without_quorum", "yes")],
            Some(&first),
        )
        .await;
    assert_eq!(member.status(), 403);
    assert_eq!(poll_status(&app, question).await, "draft");
    let opened = act(
        &app,
        id,
        &[("do", "open"), ("poll", &poll), ("without_quorum", "yes")],
        &staff,
    )
    .await;
    assert!(opened.ends_with("done=opened"), "{opened}");
    assert_eq!(
        quorum_at_open(&app, question).await,
        (Some(1), Some(3), Some(4))
    );
    let html = app.page_en(&first, &page).await;
    assert!(html.contains("Opened without quorum: 1 present, 3 needed."));
    let voters: i64 = app
        .count(&format!(
            "SELECT COUNT(*) FROM poll_voters WHERE poll_id = {poll}"
        ))
        .await;
    assert_eq!(voters, 3, "the holder votes for itself and its two proxies");

    // With the associate present too, three of four: the quorum is met and
    // the next poll opens without the box.
    app.post_form(&page, &[("do", "check_in")], Some(&third))
        .await;
    app.post_form(&page, &[("do", "check_in")], Some(&fourth))
        .await;
    let next = "ვირჩევთ თუ არა თავმჯდომარეს?";
    prepare_motion(&app, id, next, &staff).await;
    let html = app.page_en(&staff, &page).await;
    assert!(!html.contains("Open without quorum"), "no box with quorum");
    let next_poll = poll_id(&app, next).await;
    let opened = act(&app, id, &[("do", "open"), ("poll", &next_poll)], &staff).await;
    assert!(opened.ends_with("done=opened"), "{opened}");
    assert_eq!(
        quorum_at_open(&app, next).await,
        (Some(3), Some(3), Some(4))
    );
    let html = app.page_en(&first, &page).await;
    assert!(html.contains("Opened with quorum: 3 present, 3 needed."));
}

#[tokio::test]
async fn a_delegate_checks_out_and_a_proxy_is_withdrawn_before_the_next_vote() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (o1, first) = delegate(&app, 1, "full").await;
    let (o2, second) = delegate(&app, 2, "full").await;
    let (_, third) = delegate(&app, 3, "full").await;
    let id = assembly_in_session(&app, &staff).await;
    let page = format!("/assemblies/{id}");
    let answer = |response: reqwest::Response| location(&response);

    // The third gives its proxy to the first; the first two check in.
    let given = app
        .post_form(
            &page,
            &[("do", "proxy"), ("to", &o1.to_string())],
            Some(&third),
        )
        .await;
    assert!(answer(given).ends_with("done=proxy"));
    for session in [&first, &second] {
        app.post_form(&page, &[("do", "check_in")], Some(session))
            .await;
    }
    let html = app.page_en(&first, &page).await;
    assert!(html.contains("2 of 3 voting organisations present"));
    assert!(html.contains("Check out"));

    // A member checks out only its own organisation, whatever it posts.
    let own = app
        .post_form(
            &page,
            &[("do", "check_out"), ("org", &o2.to_string())],
            Some(&first),
        )
        .await;
    assert!(answer(own).ends_with("done=checked_out"));
    let present: Vec<i64> = sqlx::query_scalar(
        "SELECT organisation_id FROM attendance WHERE checked_out_at IS NULL ORDER BY organisation_id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(present, [o2], "the first left; the second stays");
    let html = app.page_en(&second, &page).await;
    assert!(html.contains("1 of 3 voting organisations present"));
    let again = app
        .post_form(&page, &[("do", "check_out")], Some(&first))
        .await;
    assert!(answer(again).ends_with("done=stale"), "already out");

    // A vote opened now: the first is out, so neither it nor the proxy it
    // holds votes.
    let question = "ბიუჯეტი?";
    prepare_motion(&app, id, question, &staff).await;
    let poll = poll_id(&app, question).await;
    act(
        &app,
        id,
        &[("do", "open"), ("poll", &poll), ("without_quorum", "yes")],
        &staff,
    )
    .await;
    let voters: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT organisation_id FROM poll_voters WHERE poll_id = {poll} ORDER BY organisation_id"
    ))
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(voters, [o2]);
    act(&app, id, &[("do", "close"), ("poll", &poll)], &staff).await;

    // Back in the hall, and the third takes back its proxy: the next vote
    // has the first for itself only.
    app.post_form(&page, &[("do", "check_in")], Some(&first))
        .await;
    let withdrawn = app
        .post_form(&page, &[("do", "withdraw_proxy")], Some(&third))
        .await;
    assert!(answer(withdrawn).ends_with("done=proxy_withdrawn"));
    let nothing = app
        .post_form(&page, &[("do", "withdraw_proxy")], Some(&third))
        .await;
    assert!(answer(nothing).ends_with("done=stale"));
    let html = app.page_en(&third, &page).await;
    assert!(html.contains("Give the proxy"), "it may give one again");
    let next = "ანგარიში?";
    prepare_motion(&app, id, next, &staff).await;
    let next_poll = poll_id(&app, next).await;
    let opened = act(&app, id, &[("do", "open"), ("poll", &next_poll)], &staff).await;
    assert!(opened.ends_with("done=opened"), "two of three: quorum");
    let voters: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT organisation_id FROM poll_voters WHERE poll_id = {next_poll} ORDER BY organisation_id"
    ))
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(voters, [o1, o2]);

    // Staff check an organisation out on site; a visitor account cannot.
    let on_site = act(
        &app,
        id,
        &[("do", "check_out"), ("org", &o2.to_string())],
        &staff,
    )
    .await;
    assert!(on_site.ends_with("done=checked_out"));
    let visitor = registered(&app).await;
    let refused = app
        .post_form(
            &page,
            &[("do", "check_out"), ("org", &o1.to_string())],
            Some(&visitor),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM audit_log WHERE kind IN ('attendance.checked_out', 'proxy.withdrawn', 'attendance.checked_in') ORDER BY seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        kinds,
        [
            "attendance.checked_in",
            "attendance.checked_in",
            "attendance.checked_out",
            "attendance.checked_in",
            "proxy.withdrawn",
            "attendance.checked_out",
        ]
    );
    // After the session nobody checks out.
    act(&app, id, &[("do", "close"), ("poll", &next_poll)], &staff).await;
    act(
        &app,
        id,
        &[("do", "advance"), ("from", "in_session")],
        &staff,
    )
    .await;
    let late = app
        .post_form(&page, &[("do", "check_out")], Some(&first))
        .await;
    assert!(answer(late).ends_with("done=stale"));

    // The minutes, as data: attendance with its times, the votes with the
    // quorum at their opening, and the audit entry that closed it.
    let response = app.get_as(&first, &format!("{page}/minutes.json")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let minutes: serde_json::Value = response.json().await.unwrap();
    assert_eq!(minutes["assembly"]["status"], "closed");
    assert_eq!(minutes["assembly"]["quorum"], ">1/2");
    let attendance = minutes["attendance"].as_array().unwrap();
    assert_eq!(attendance.len(), 2);
    let second_line = attendance
        .iter()
        .find(|l| l["organisation_id"] == o2)
        .unwrap();
    assert!(
        second_line["checked_out_at"].is_i64(),
        "staff checked it out"
    );
    assert!(
        minutes["proxies"].as_array().unwrap().is_empty(),
        "withdrawn"
    );
    let votes = minutes["polls"].as_array().unwrap();
    assert_eq!(votes.len(), 2);
    assert_eq!(votes[0]["quorum_present"], 1);
    assert_eq!(votes[0]["quorum_needed"], 2);
    assert_eq!(votes[0]["without_quorum"], true);
    assert_eq!(votes[1]["without_quorum"], false);
    assert_eq!(votes[1]["voters"], 2);
    // The figures are the stored ballots' count.
    let poll: app::domain::ids::PollId = next_poll.parse().unwrap();
    let stored = app::assemblies::store::motion_result(&app.db, poll)
        .await
        .unwrap();
    let ballots: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM poll_votes WHERE poll_id = {poll}"
    ))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(votes[1]["ballots"], ballots);
    assert_eq!(votes[1]["motion"], serde_json::to_value(stored).unwrap());
    assert_eq!(stored.yes + stored.no + stored.abstain, ballots as u64);
    // The printable page reads the same.
    let printable = app.page_en(&first, &format!("{page}/minutes")).await;
    assert!(printable.contains(&format!(
        "<th scope=\"row\">Yes</th><td>{}</td>",
        stored.yes
    )));
    assert!(printable.contains(&format!("{ballots} of 2 have voted")));
    assert!(printable.contains(&hash_of_close(&app).await));
    let (seq, hash): (i64, String) = sqlx::query_as(
        "SELECT seq, hash FROM audit_log WHERE kind = 'assembly.closed' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(minutes["closing"]["seq"], seq);
    assert_eq!(minutes["closing"]["hash"], hash);
    let csv = app.get_as(&first, &format!("{page}/minutes.csv")).await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}section,id,name_ka,name_en,from,until,figures,result\r\n"));
    assert_eq!(csv.matches("\r\nattendance,").count(), 2);
    assert_eq!(csv.matches("\r\nvote,").count(), 2);
    assert!(csv.contains("(opened without quorum)"));
    assert!(csv.contains(&format!("\r\naudit,{seq},{hash},")));
    // Participants only.
    let visitor_minutes = app.get_as(&visitor, &format!("{page}/minutes.json")).await;
    assert_eq!(visitor_minutes.status(), 403);
    assert_ne!(app.get(&format!("{page}/minutes.csv")).await.status(), 200);
    assert_eq!(
        app.get_as(&first, "/assemblies/999/minutes.json")
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get_as(&first, "/assemblies/x/minutes.csv")
            .await
            .status(),
        404
    );
}

/// The hash of the audit entry that closed the latest assembly.
async fn hash_of_close(app: &TestApp) -> String {
    sqlx::query_scalar(
        "SELECT hash FROM audit_log WHERE kind = 'assembly.closed' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap()
}
