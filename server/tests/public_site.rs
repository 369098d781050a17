//! The public site, rendered by the real server: languages, pages and data.

mod common;

use common::{spawn_app, spawn_demo_app};

#[tokio::test]
async fn health_check_answers_200() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn home_is_georgian_by_default() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"<html lang="ka""#),
        "{}",
        &html[..200.min(html.len())]
    );
    assert!(html.contains("სოციალურ საწარმოთა ალიანსი"));
    assert!(!html.contains("Social Enterprises Alliance</"));
}

#[tokio::test]
async fn the_language_cookie_selects_english() {
    let app = spawn_app().await;
    let html = app.get_in("en", "/about").await.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Goals of the Alliance"));
    assert!(html.contains("Carry out charitable activity."));
    let unknown = app.get_in("fr", "/").await.text().await.unwrap();
    assert!(
        unknown.contains(r#"<html lang="ka""#),
        "unknown languages fall back to Georgian"
    );
}

#[tokio::test]
async fn the_language_form_sets_the_cookie_and_returns() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/lang"))
        .form(&[("lang", "en"), ("next", "/news?page=2")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/news?page=2");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"));

    let elsewhere = app
        .client
        .post(app.url("/lang"))
        .form(&[("lang", "ka"), ("next", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.headers()["location"], "/", "no open redirect");

    let bad = app
        .client
        .post(app.url("/lang"))
        .form(&[("lang", "xx")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn about_page_tells_history_mission_goals_and_structure_in_both_languages() {
    let app = spawn_app().await;
    let ka = app.get("/about").await.text().await.unwrap();
    for text in [
        "ისტორიული რაკურსი",
        "2016 წლის 8 ნოემბერს",
        "ალიანსის მისიის განაცხადი",
        "საქველმოქმედო საქმიანობის წარმოება",
        "სრულუფლებიანი წევრი",
        "წევრთა საერთო კრება",
        "7 წევრისაგან შემდგარი გამგეობა",
    ] {
        assert!(ka.contains(text), "missing: {text}");
    }
    let goals = ka
        .split(r#"<ol class="goals">"#)
        .nth(1)
        .unwrap()
        .split("</ol>")
        .next()
        .unwrap();
    assert_eq!(goals.matches("<li>").count(), 8, "eight goals");
    let en = app.get_in("en", "/about").await.text().await.unwrap();
    for text in [
        "Historical background",
        "8 November 2016",
        "Full member",
        "Associate member",
        "Honorary member",
        "General Assembly",
        "seven members",
    ] {
        assert!(en.contains(text), "missing: {text}");
    }
}

#[tokio::test]
async fn home_shows_figures_from_the_database_and_the_latest_news() {
    let app = spawn_demo_app().await;
    let listed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations WHERE status = 'active' AND listed = 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let html = common::without_markers(&app.get_in("en", "/").await.text().await.unwrap());
    assert!(
        html.contains(&format!(r#"<span class="figure-value">{listed}</span><span class="figure-label">member organisations"#)),
        "figure of {listed} members missing"
    );
    assert!(
        html.contains(r#"<span class="figure-value">12</span><span class="figure-label">regions"#)
    );
    assert!(
        html.contains("General Assembly approves the 2025 report"),
        "newest post listed"
    );
    assert!(
        !html.contains("The Alliance elects a new Board"),
        "only the three newest posts"
    );
}

#[tokio::test]
async fn news_list_pages_and_articles() {
    let app = spawn_demo_app().await;
    let list = app.get("/news").await.text().await.unwrap();
    assert!(list.contains("სოციალური მეწარმეობის ფორუმი 2025"));
    assert!(list.contains(r#"href="/news/forum-2025""#));

    let article = app.get_in("en", "/news/general-assembly-2026").await;
    assert_eq!(article.status(), 200);
    let html = article.text().await.unwrap();
    assert!(html.contains(
        "<title>General Assembly approves the 2025 report — Social Enterprises Alliance</title>"
    ));
    assert!(
        html.contains("<strong>approved</strong>"),
        "Markdown is rendered"
    );
    assert!(html.contains("20 March 2026"));

    let missing = app.get("/news/no-such-post").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn news_bodies_cannot_run_scripts() {
    let app = spawn_app().await;
    let post = app::news::store::NewPost {
        slug: "xss".into(),
        title_ka: "</title><script>alert('title')</script>".into(),
        title_en: String::new(),
        summary_ka: String::new(),
        summary_en: String::new(),
        body_ka: "hello <script>alert('body')</script><img src=x onerror=alert(1)>".into(),
        body_en: String::new(),
        published_at: 1_700_000_000,
    };
    app::news::store::insert(&app.db, &post).await.unwrap();
    let html = app.get("/news/xss").await.text().await.unwrap();
    assert!(!html.contains("<script>alert("), "no script survives");
    assert!(!html.contains("onerror"), "no handler survives");
    assert!(
        html.contains("&lt;/title&gt;&lt;script&gt;alert"),
        "the title is shown as text"
    );
}

#[tokio::test]
async fn board_page_lists_the_board_in_office_with_its_term_and_the_past_board() {
    let app = spawn_demo_app().await;
    let html = app.get_in("en", "/board").await.text().await.unwrap();
    // Last year's assembly elected the Board in office.
    let (starts_on, ends_on): (String, String) =
        sqlx::query_as("SELECT starts_on, ends_on FROM board_terms WHERE poll_id IS NOT NULL")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let day = |iso: &str| {
        let en = app::i18n::messages(app::domain::lang::Lang::En);
        (en.format_date)(app::domain::date::Date::parse(iso).unwrap())
    };
    let current =
        &html[html.find("The Board in office").unwrap()..html.find("Past Boards").unwrap()];
    assert!(current.contains(&format!(
        "Term of office: {} – {}",
        day(&starts_on),
        day(&ends_on)
    )));
    assert!(current.contains("Elected at"));
    assert!(current.contains("General Assembly of Members 2026"));
    assert_eq!(current.matches(r#"<th scope="row">"#).count(), 7);
    assert!(current.contains("Nino Beridze"));
    assert!(current.contains("Chair"));
    assert!(current.contains(r#"href="/members/nakargi""#));
    // The initial Board, whose term ended as the assembly met.
    let past = &html[html.find("Past Boards").unwrap()..];
    assert_eq!(past.matches(r#"<th scope="row">"#).count(), 7);
    assert!(past.contains("Giorgi Kapanadze"));
    let ka = app.get("/board").await.text().await.unwrap();
    assert!(ka.contains("ნინო ბერიძე"));
    assert!(ka.contains("თავმჯდომარე"));
}

#[tokio::test]
async fn unknown_pages_answer_404_in_the_visitors_language() {
    let app = spawn_app().await;
    let response = app.get_in("en", "/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn the_news_feed_is_atom() {
    let app = spawn_demo_app().await;
    let response = app.get("/news/feed.xml").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let xml = response.text().await.unwrap();
    assert!(xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?>"#));
    // Its own address is the feed of the visitor's language (Georgian here).
    assert!(xml.contains(&format!(
        r#"<link rel="self" href="http://{}/news/feed.ka.xml"/>"#,
        app.addr
    )));
    // Links come from the configured address, not the request's Host.
    let forged = app
        .client
        .get(app.url("/news/feed.xml"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!forged.contains("evil.example"), "{forged}");
    assert_eq!(forged, xml);
    assert_eq!(xml.matches("<entry>").count(), 6);
    assert!(xml.contains("<updated>2026-03-20T12:00:00Z</updated>"));
}
