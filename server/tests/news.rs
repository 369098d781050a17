//! Staff write news against the real server, starting from an empty
//! database: preview, draft, schedule, publish, unpublish; a post that needs
//! correcting keeps what was typed; the picture is re-encoded and shown to
//! visitors only once the post is published; the feed in each language
//! lists published posts only.

mod common;

use common::{location, png, spawn_app, TestApp};

const PASSWORD: &str = "news-desk-Tbilisi-2027";

/// A new server with one staff account and one Board member (signed in,
/// not staff); their sessions.
async fn news_desk() -> (TestApp, String, String) {
    let app = spawn_app().await;
    app.create_account("desk@alliance.ge", "staff", None, PASSWORD)
        .await;
    app.create_account("member@example.ge", "board", None, PASSWORD)
        .await;
    let staff = app.sign_in(("desk@alliance.ge", PASSWORD)).await;
    let member = app.sign_in(("member@example.ge", PASSWORD)).await;
    (app, staff, member)
}

fn typed(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

/// A post's fields, with the button pressed.
fn post_fields(
    action: &'static str,
    extra: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let mut all = typed(&[
        ("title_ka", "საერთო კრება მარტში"),
        ("title_en", "General Assembly in March"),
        ("summary_ka", "კრება 12 მარტს."),
        ("summary_en", "The assembly meets on 12 March."),
        ("body_ka", "**ყველა** წევრი მოწვეულია."),
        ("body_en", "**Every** member is invited."),
        ("do", action),
    ]);
    for (k, v) in extra {
        all.retain(|(name, _)| name != k);
        all.push((*k, v.to_string()));
    }
    all
}

async fn public_status(app: &TestApp, path: &str) -> u16 {
    app.get(path).await.status().as_u16()
}

async fn feed(app: &TestApp, lang: &str) -> String {
    let response = app.get(&format!("/news/feed.{lang}.xml")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    response.text().await.unwrap()
}

/// A `datetime-local` value in Tbilisi, `seconds` from now.
fn tbilisi_in(seconds: i64) -> String {
    app::news::editing::local_input(app::db::now_unix() + seconds)
}

#[tokio::test]
async fn staff_preview_save_schedule_publish_and_unpublish_a_post() {
    let (app, staff, _) = news_desk().await;

    // A preview renders the Markdown on the server, safely, and stores nothing.
    let preview = post_fields(
        "preview",
        &[(
            "body_ka",
            "**ყველა** <script>alert(1)</script>[x](javascript:alert(1))",
        )],
    );
    let response = app
        .post_multipart("/admin/news/new", &staff, &preview, None)
        .await;
    assert_eq!(response.status(), 200);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(html.contains("<strong>ყველა</strong>"), "{html}");
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("Nothing is saved until you press Save or Publish."));
    assert_eq!(app.count("SELECT COUNT(*) FROM news_posts").await, 0);

    // Saved as a draft: the address is made from the English title.
    let response = app
        .post_multipart("/admin/news/new", &staff, &post_fields("save", &[]), None)
        .await;
    assert_eq!(response.status(), 303);
    let to = location(&response);
    assert!(to.ends_with("?done=saved"), "{to}");
    let id: i64 = to["/admin/news/".len()..to.find('?').unwrap()]
        .parse()
        .unwrap();
    let slug: String = sqlx::query_scalar("SELECT slug FROM news_posts WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(slug, "general-assembly-in-march");
    let article = format!("/news/{slug}");
    assert_eq!(
        public_status(&app, &article).await,
        404,
        "a draft is not public"
    );
    assert!(!feed(&app, "ka").await.contains("საერთო კრება მარტში"));
    let page = app.page_en(&staff, &to).await;
    assert!(page.contains("The post is saved."), "{page}");
    let list = app.page_en(&staff, "/admin/news").await;
    assert!(
        list.contains("General Assembly in March") && list.contains("Draft"),
        "{list}"
    );

    // Published for a time to come: scheduled, still not public.
    let path = format!("/admin/news/{id}");
    let later = tbilisi_in(2 * 86_400);
    let fields = post_fields("publish", &[("slug", &slug), ("publish_at", &later)]);
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(location(&response), format!("{path}?done=scheduled"));
    assert_eq!(
        public_status(&app, &article).await,
        404,
        "not before its time"
    );
    assert!(!feed(&app, "en").await.contains("General Assembly in March"));
    let page = app.page_en(&staff, &path).await;
    assert!(page.contains("Scheduled"), "{page}");

    // Its time comes: on the public page and in each language's feed.
    sqlx::query("UPDATE news_posts SET published_at = $1 WHERE id = $2")
        .bind(app::db::now_unix() - 60)
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(public_status(&app, &article).await, 200);
    let ka = feed(&app, "ka").await;
    assert!(ka.contains("<title>საერთო კრება მარტში</title>"), "{ka}");
    assert!(ka.contains("xml:lang=\"ka\""));
    assert!(ka.contains("/news/feed.ka.xml"));
    let en = feed(&app, "en").await;
    assert!(
        en.contains("<title>General Assembly in March</title>"),
        "{en}"
    );
    assert!(en.contains("<summary>The assembly meets on 12 March.</summary>"));

    // Editing a published post keeps it published, under the same address.
    let fields = post_fields(
        "save",
        &[
            ("slug", &slug),
            ("title_en", "General Assembly on 12 March"),
        ],
    );
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(location(&response), format!("{path}?done=saved"));
    assert!(feed(&app, "en")
        .await
        .contains("General Assembly on 12 March"));

    // Unpublished: gone from the public page and the feeds, kept for staff.
    let fields = post_fields("unpublish", &[("slug", &slug)]);
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(location(&response), format!("{path}?done=unpublished"));
    assert_eq!(public_status(&app, &article).await, 404);
    assert!(!feed(&app, "en").await.contains("General Assembly"));
    assert_eq!(app.count("SELECT COUNT(*) FROM news_posts").await, 1);

    // Published again at once.
    let fields = post_fields("publish", &[("slug", &slug)]);
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(location(&response), format!("{path}?done=published"));
    assert_eq!(public_status(&app, &article).await, 200);
    app.stop().await.unwrap();
}

#[tokio::test]
async fn a_post_that_needs_correcting_keeps_everything_typed() {
    let (app, staff, _) = news_desk().await;
    let long_body = "ა".repeat(5_000);
    let fields = post_fields(
        "publish",
        &[
            ("title_ka", ""),
            ("body_en", &long_body),
            ("slug", "Big Slug"),
            ("publish_at", "next week"),
        ],
    );
    let file = Some(("picture", "photo.png", b"not really a picture".to_vec()));
    let response = app
        .post_multipart("/admin/news/new", &staff, &fields, file)
        .await;
    assert_eq!(response.status(), 422);
    let html = common::without_markers(&response.text().await.unwrap());
    assert!(
        html.contains("Fill in this field."),
        "the Georgian title is needed"
    );
    assert!(html.contains("Use only small Latin letters, digits and hyphens"));
    assert!(html.contains("Enter a date and a time, like 2027-03-12 10:00."));
    assert!(html.contains("The picture must be a PNG, JPEG or WebP image."));
    assert!(html.contains("Describe the picture for people who cannot see it."));
    assert!(html.contains(&long_body), "a long text comes back whole");
    assert!(html.contains("value=\"Big Slug\""));
    assert_eq!(app.count("SELECT COUNT(*) FROM news_posts").await, 0);

    // A draft needs only its Georgian title; publishing also its text.
    let draft = typed(&[("title_ka", "მხოლოდ სათაური"), ("do", "publish")]);
    let response = app
        .post_multipart("/admin/news/new", &staff, &draft, None)
        .await;
    assert_eq!(response.status(), 422);
    let draft = typed(&[("title_ka", "მხოლოდ სათაური"), ("do", "save")]);
    let response = app
        .post_multipart("/admin/news/new", &staff, &draft, None)
        .await;
    assert_eq!(response.status(), 303);
    // Made from the Georgian title when there is no English one.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM news_posts WHERE slug = 'mkholod-satauri'")
            .await,
        1
    );

    // The same title again: the made address gets a number; a typed one
    // that is taken is the person's to change.
    let response = app
        .post_multipart("/admin/news/new", &staff, &draft, None)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM news_posts WHERE slug = 'mkholod-satauri-2'")
            .await,
        1
    );
    let taken = typed(&[
        ("title_ka", "სხვა"),
        ("slug", "mkholod-satauri"),
        ("do", "save"),
    ]);
    let response = app
        .post_multipart("/admin/news/new", &staff, &taken, None)
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Another post already has this address."));
    assert_eq!(app.count("SELECT COUNT(*) FROM news_posts").await, 2);
    app.stop().await.unwrap();
}

#[tokio::test]
async fn the_picture_is_reencoded_and_public_only_with_its_post() {
    let (app, staff, member) = news_desk().await;
    let fields = post_fields(
        "save",
        &[
            ("image_alt_ka", "კრების დარბაზი"),
            ("image_alt_en", "The assembly hall"),
        ],
    );
    let file = Some(("picture", "hall.png", png(2400, 1600)));
    let response = app
        .post_multipart("/admin/news/new", &staff, &fields, file)
        .await;
    assert_eq!(response.status(), 303);
    let path = location(&response).split('?').next().unwrap().to_string();
    let picture = "/news/general-assembly-in-march/picture";

    // A draft's picture: staff see it, nobody else.
    assert_eq!(public_status(&app, picture).await, 404);
    assert_eq!(app.get_as(&member, picture).await.status(), 404);
    let response = app.get_as(&staff, picture).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let bytes = response.bytes().await.unwrap();
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((image.width(), image.height()), (1200, 800));

    // Kept, it still needs its description.
    let fields = post_fields("publish", &[("slug", "general-assembly-in-march")]);
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Describe the picture"));

    // Published: everyone sees it, with its description, cached by version.
    let fields = post_fields(
        "publish",
        &[
            ("slug", "general-assembly-in-march"),
            ("image_alt_ka", "კრების დარბაზი"),
            ("image_alt_en", "The assembly hall"),
        ],
    );
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(response.status(), 303);
    let response = app.get(&format!("{picture}?v=1")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let article = app
        .page_en(&member, "/news/general-assembly-in-march")
        .await;
    assert!(
        article.contains(&format!("src=\"{picture}?v=1\""))
            && article.contains("alt=\"The assembly hall\""),
        "{article}"
    );

    // Removed: gone, and its descriptions with it.
    let mut fields = post_fields("save", &[("slug", "general-assembly-in-march")]);
    fields.push(("remove_picture", "1".into()));
    let response = app.post_multipart(&path, &staff, &fields, None).await;
    assert_eq!(response.status(), 303);
    assert_eq!(public_status(&app, picture).await, 404);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM news_posts WHERE image_version = 0 AND image_alt_en = ''")
            .await,
        1
    );
    app.stop().await.unwrap();
}

#[tokio::test]
async fn only_staff_write_news_and_what_they_write_cannot_carry_a_script() {
    let (app, staff, member) = news_desk().await;
    let fields = post_fields("publish", &[]);
    let response = app
        .post_multipart("/admin/news/new", &member, &fields, None)
        .await;
    assert_eq!(response.status(), 403, "a member cannot write news");
    let response = app
        .client
        .post(app.url("/admin/news/new"))
        .send()
        .await
        .unwrap();
    assert!(
        location(&response).starts_with("/login"),
        "a stranger is sent to sign in"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM news_posts").await, 0);
    assert_eq!(app.get_as(&member, "/admin/news").await.status(), 403);
    assert!(!app
        .page_en(&member, "/admin/news")
        .await
        .contains("Write a post"));

    // A title and a body with markup: escaped in the page and the feed,
    // the body's script removed.
    let fields = post_fields(
        "publish",
        &[
            ("title_en", "<script>alert('title')</script>"),
            (
                "body_en",
                "<img src=x onerror=alert(1)> <script>alert(2)</script>",
            ),
            ("slug", "markup"),
        ],
    );
    let response = app
        .post_multipart("/admin/news/new", &staff, &fields, None)
        .await;
    assert_eq!(response.status(), 303);
    let article = app.page_en(&member, "/news/markup").await;
    assert!(!article.contains("<script>alert("), "{article}");
    assert!(!article.contains("onerror"));
    let en = feed(&app, "en").await;
    assert!(
        en.contains("&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt;"),
        "{en}"
    );

    // A post that does not exist, or a made-up number.
    let response = app
        .post_multipart("/admin/news/999", &staff, &fields, None)
        .await;
    assert_eq!(response.status(), 404);
    let response = app
        .post_multipart("/admin/news/abc", &staff, &fields, None)
        .await;
    assert_eq!(response.status(), 404);
    app.stop().await.unwrap();
}
