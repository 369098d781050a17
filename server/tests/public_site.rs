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
async fn english_lives_at_its_own_addresses_and_georgian_at_the_plain_ones() {
    let app = spawn_demo_app().await;
    let site = format!("http://{}", app.addr);
    let english = app.get("/en/about").await;
    assert_eq!(english.status(), 200);
    // Reading an English page is remembered, for `/` only.
    let cookie = english.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    let html = english.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Goals of the Alliance"));
    assert!(html.contains("Carry out charitable activity."));
    // Its own address and both languages', for search engines.
    for link in [
        format!(r#"<link rel="canonical" href="{site}/en/about""#),
        format!(r#"<link rel="alternate" hreflang="ka" href="{site}/about""#),
        format!(r#"<link rel="alternate" hreflang="en" href="{site}/en/about""#),
        format!(r#"<link rel="alternate" hreflang="x-default" href="{site}/about""#),
    ] {
        assert!(html.contains(&link), "{link}");
    }
    // Links stay in English; the switch goes to the Georgian address.
    assert!(html.contains(r#"href="/en/members""#));
    assert!(
        !html.contains(r#"href="/members""#),
        "no Georgian link but the switch's"
    );
    assert!(html.contains(
        r#"<a href="/about" hreflang="ka" lang="ka" rel="external" class="lang-switch">"#
    ));

    // A Georgian address is Georgian, whatever the cookie says.
    let georgian = app.get_in("fr", "/about").await.text().await.unwrap();
    assert!(georgian.contains(r#"<html lang="ka""#));
    let georgian = app
        .client
        .get(app.url("/about"))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    let cookie = georgian.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("lang=ka;"),
        "the last page read was Georgian: {cookie}"
    );
    let georgian = georgian.text().await.unwrap();
    assert!(georgian.contains(r#"<html lang="ka""#));
    assert!(georgian.contains(&format!(r#"<link rel="canonical" href="{site}/about""#)));
    assert!(georgian.contains(
        r#"<a href="/en/about" hreflang="en" lang="en" rel="external" class="lang-switch">"#
    ));
    // A forged language header is the client's own, and dropped.
    let forged = app
        .client
        .get(app.url("/about"))
        .header("alliance-page-lang", "en")
        .send()
        .await
        .unwrap();
    assert!(
        forged.headers().get("set-cookie").is_none(),
        "a Georgian reader's cookie is left alone"
    );
    assert!(forged.text().await.unwrap().contains(r#"<html lang="ka""#));

    // The English home, with and without its slash; queries kept.
    for path in ["/en", "/en/"] {
        let home = app.get(path).await.text().await.unwrap();
        assert!(home.contains("Social Enterprises Alliance"), "{path}");
    }
    let page = app.get("/en/members?sector=C").await.text().await.unwrap();
    assert!(page.contains(&format!(
        r#"<link rel="canonical" href="{site}/en/members?sector=C""#
    )));
    // A path that merely starts with "en" is not English.
    assert_eq!(app.get("/enabled").await.status(), 404);
}

#[tokio::test]
async fn the_cookie_sends_a_reader_of_english_arriving_from_elsewhere_to_the_english_home() {
    let app = spawn_app().await;
    let home = |cookie: &'static str, site: Option<&'static str>| {
        let mut request = app.client.get(app.url("/")).header("cookie", cookie);
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    for site in [None, Some("none"), Some("cross-site")] {
        let response = home("lang=en", site).await.unwrap();
        assert_eq!(response.status(), 302, "{site:?}");
        assert_eq!(response.headers()["location"], "/en/");
    }
    // From a page of the site (the switch to Georgian), `/` is Georgian.
    let response = home("lang=en", Some("same-origin")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains(r#"<html lang="ka""#));
    // Only `/`: another Georgian address is never redirected.
    let about = app
        .client
        .get(app.url("/about"))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(about.status(), 200);
    let georgian = home("lang=ka", None).await.unwrap();
    assert_eq!(georgian.status(), 200);
}

#[tokio::test]
async fn forms_on_english_pages_answer_in_english_and_send_on_to_english_pages() {
    let app = spawn_demo_app().await;
    // A post that needs correcting comes back in English.
    let wrong = app
        .post_form(
            "/en/login",
            &[
                ("email", "nobody@example.ge"),
                ("password", "not-the-password"),
            ],
            None,
        )
        .await;
    assert!(wrong.status().is_client_error(), "{}", wrong.status());
    let page = wrong.text().await.unwrap();
    assert!(page.contains(r#"<html lang="en""#), "{page}");
    // A post that succeeds sends on to the English page.
    let signed_in = app
        .post_form(
            "/en/login",
            &[
                ("email", "nakargi@alliance.example.org"),
                ("password", "member-demo-Alliance-2026"),
            ],
            None,
        )
        .await;
    let to = common::location(&signed_in);
    assert!(to.starts_with("/en/"), "{to}");
    let session = common::session_cookie(&signed_in).expect("signed in");
    let out = app
        .client
        .post(app.url("/en/logout"))
        .header("cookie", format!("alliance_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(common::location(&out), "/en/");
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_in_both_languages_and_robots_name_it() {
    let app = spawn_demo_app().await;
    let site = format!("http://{}", app.addr);
    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    let xml = response.text().await.unwrap();
    for page in [
        "/", "/about", "/members", "/news", "/board", "/apply", "/contact", "/privacy",
    ] {
        let ka = format!("<loc>{site}{page}</loc>");
        let en = format!("<loc>{site}{}</loc>", app::domain::lang::Lang::En.at(page));
        assert!(xml.contains(&ka) && xml.contains(&en), "{page}");
    }
    // A profile and a post, each with the day it last changed and its translation.
    let profile = xml
        .split("<url>")
        .find(|u| u.contains(&format!("<loc>{site}/en/members/nakargi</loc>")))
        .expect("a listed member's profile");
    assert!(profile.contains("<lastmod>20"), "{profile}");
    assert!(profile.contains(&format!(r#"hreflang="ka" href="{site}/members/nakargi""#)));
    assert!(xml.contains(&format!("{site}/en/news/")), "news posts");
    let listed = app
        .count("SELECT COUNT(*) FROM organisations WHERE status = 'active' AND listed = 1")
        .await;
    let posts = app
        .count(&format!(
            "SELECT COUNT(*) FROM news_posts WHERE status = 'published' AND published_at <= {}",
            app::db::now_unix()
        ))
        .await;
    assert!(posts > 0);
    assert_eq!(
        xml.matches("<loc>").count() as i64,
        2 * (8 + listed + posts)
    );
    // Nothing of the back office, the account, or an unlisted organisation.
    assert!(!xml.contains("/admin") && !xml.contains("/account") && !xml.contains("/edit"));

    let robots = app.get("/robots.txt").await.text().await.unwrap();
    assert!(robots.contains(&format!("Sitemap: {site}/sitemap.xml")));
    for closed in [
        "/admin",
        "/en/admin",
        "/account",
        "/api/",
        "/apply?",
        "/en/apply?",
        "/members/*/edit",
    ] {
        assert!(
            robots.contains(&format!("Disallow: {closed}\n")),
            "{closed}"
        );
    }
    assert!(!robots.contains("Disallow: /members\n") && !robots.contains("Disallow: /\n"));
}

#[tokio::test]
async fn the_old_language_form_sends_to_the_page_at_the_chosen_languages_address() {
    let app = spawn_app().await;
    let site = format!("http://{}", app.addr);
    let response = app
        .post_form("/lang", &[("lang", "en"), ("next", "/news?page=2")], None)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{site}/en/news?page=2").as_str()
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"));
    let back = app
        .post_form("/lang", &[("lang", "ka"), ("next", "/en/news")], None)
        .await;
    assert_eq!(back.headers()["location"], format!("{site}/news").as_str());

    let elsewhere = app
        .post_form(
            "/lang",
            &[("lang", "ka"), ("next", "//evil.example/")],
            None,
        )
        .await;
    assert_eq!(
        elsewhere.headers()["location"],
        format!("{site}/").as_str(),
        "no open redirect"
    );

    let bad = app.post_form("/lang", &[("lang", "xx")], None).await;
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
    assert!(current.contains(r#"href="/en/members/nakargi""#));
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
    let response = app.get("/en/no/such/page").await;
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
