//! The member directory, its open data and member self-service, against the
//! real server on a fresh database (SQLite, or PostgreSQL with
//! `ALLIANCE_TEST_DB=postgres`).

mod common;

use app::directory::store::organisations::{insert, NewOrganisation};
use app::domain::directory::{Filters, FACETS};
use app::domain::lang::Lang;
use common::{location, png, spawn_app, TestApp};
use serde_json::Value;

/// An active, listed organisation; tests change what they need.
fn org(slug: &str, name_ka: &str, name_en: &str, n: u32) -> NewOrganisation {
    NewOrganisation {
        slug: slug.into(),
        name_ka: name_ka.into(),
        name_en: name_en.into(),
        legal_form: "llc".into(),
        id_code: format!("{:09}", 400_000_000 + n),
        category: "full".into(),
        status: app::domain::directory::OrganisationStatus::Active,
        listed: true,
        member_since: format!("20{:02}-01-15", 10 + n % 15),
        description_ka: String::new(),
        description_en: String::new(),
        sectors: vec!["C".into()],
        regions: vec!["GE-TB".into()],
        ..NewOrganisation::default()
    }
}

async fn api(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app.get(&format!("/api/v1/members{query}")).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn slugs(listing: &Value) -> Vec<String> {
    listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn only_active_consenting_members_are_listed_shown_or_exported() {
    let app = spawn_app().await;
    insert(&app.db, &org("listed", "ჩამოთვლილი", "Listed", 1))
        .await
        .unwrap();
    let suspended = NewOrganisation {
        status: app::domain::directory::OrganisationStatus::Suspended,
        ..org("suspended", "შეჩერებული", "Suspended", 2)
    };
    let unlisted = NewOrganisation {
        listed: false,
        ..org("unlisted", "დამალული", "Unlisted", 3)
    };
    let left = NewOrganisation {
        status: app::domain::directory::OrganisationStatus::Left,
        ..org("left", "გასული", "Left", 4)
    };
    for o in [suspended, unlisted, left] {
        insert(&app.db, &o).await.unwrap();
    }
    let (status, listing) = api(&app, "").await;
    assert_eq!(status, 200);
    assert_eq!(listing["total"], 1);
    assert_eq!(slugs(&listing), vec!["listed"]);
    let csv = app.get("/api/v1/members.csv").await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "header and one row:\n{csv}");
    let html = app.get("/members").await.text().await.unwrap();
    assert!(html.contains("ჩამოთვლილი"));
    for hidden in ["suspended", "unlisted", "left"] {
        assert_eq!(
            app.get(&format!("/api/v1/members/{hidden}")).await.status(),
            404,
            "{hidden}"
        );
        assert_eq!(
            app.get(&format!("/members/{hidden}")).await.status(),
            404,
            "{hidden}"
        );
        assert!(
            !html.contains(&format!("/members/{hidden}\"")),
            "{hidden} on the page"
        );
    }
    assert_eq!(app.get("/members/listed").await.status(), 200);
}

/// Three sectors, three regions, two categories, with known overlaps.
async fn spread(app: &TestApp) {
    // slug, sectors, regions, category, impact areas
    type Row<'a> = (
        &'a str,
        &'a [&'a str],
        &'a [&'a str],
        &'a str,
        &'a [&'a str],
    );
    let rows: [Row; 6] = [
        ("a", &["A"], &["GE-TB"], "full", &["women"]),
        ("b", &["A", "C"], &["GE-KA"], "full", &["youth"]),
        (
            "c",
            &["C"],
            &["GE-TB", "GE-KA"],
            "associate",
            &["women", "youth"],
        ),
        ("d", &["J"], &["GE-IM"], "associate", &[]),
        ("e", &["C", "J"], &["GE-IM"], "full", &["environment"]),
        ("f", &["A"], &["GE-KA"], "associate", &["environment"]),
    ];
    for (i, (slug, sectors, regions, category, impact)) in rows.iter().enumerate() {
        let o = NewOrganisation {
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            impact_areas: impact.iter().map(|s| s.to_string()).collect(),
            category: category.to_string(),
            ..org(
                slug,
                &format!("ორგანიზაცია {slug}"),
                &format!("Organisation {slug}"),
                i as u32,
            )
        };
        insert(&app.db, &o).await.unwrap();
    }
}

#[tokio::test]
async fn filters_are_or_within_a_facet_and_and_across_facets() {
    let app = spawn_app().await;
    spread(&app).await;
    for (query, expected) in [
        ("?sector=A", vec!["a", "b", "f"]),
        ("?sector=A&sector=J", vec!["a", "b", "d", "e", "f"]),
        ("?sector=C&region=GE-KA", vec!["b", "c"]),
        ("?sector=c&region=ge-ka", vec!["b", "c"]),
        ("?category=associate&impact=youth", vec!["c"]),
        ("?region=GE-IM&category=full", vec!["e"]),
        ("?sector=U", vec![]),
    ] {
        let (status, listing) = api(&app, query).await;
        assert_eq!(status, 200, "{query}");
        let mut got = slugs(&listing);
        got.sort();
        assert_eq!(got, expected, "{query}");
        assert_eq!(listing["total"], expected.len(), "{query}");
    }
}

#[tokio::test]
async fn each_facet_value_counts_what_choosing_it_would_give() {
    let app = spawn_app().await;
    spread(&app).await;
    let pairs = [("sector", "C"), ("region", "GE-KA"), ("impact", "youth")];
    let filters = Filters::parse(pairs).unwrap();
    let listing = app::directory::store::listing::search(&app.db, &filters, Lang::Ka)
        .await
        .unwrap();
    assert_eq!(listing.total, 2, "b and c");
    // Each count, against the same question asked through the link tables:
    // the other facets' filters plus this one value.
    for (param, list) in FACETS {
        for (code, count) in listing.counts(param) {
            let mut pairs: Vec<(&str, &str)> =
                pairs.iter().copied().filter(|(p, _)| *p != param).collect();
            pairs.push((param, code));
            let others = Filters::parse(pairs.clone()).unwrap();
            let expected = count_by_links(&app, &others).await;
            assert_eq!(*count, expected, "{param}={code} with {pairs:?}");
        }
        assert_eq!(listing.counts(param).len(), list.len());
    }
    // And the page shows them next to each checkbox.
    let html = app
        .get("/members?sector=C&region=GE-KA&impact=youth")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"id="f-sector-C""#));
    assert!(html.contains("(2)"));
}

/// Counts listed organisations matching `filters` with EXISTS over the link tables.
async fn count_by_links(app: &TestApp, filters: &Filters) -> i64 {
    let mut sql = String::from(
        "SELECT COUNT(*) FROM organisations o WHERE o.status = 'active' AND o.listed = 1",
    );
    for (table, column, values) in [
        ("organisation_sectors", "sector", &filters.sectors),
        ("organisation_regions", "region", &filters.regions),
        ("organisation_impact_areas", "impact_area", &filters.impact),
    ] {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM {table} t WHERE t.organisation_id = o.id AND t.{column} IN ({}))",
                list.join(", ")
            ));
        }
    }
    if !filters.categories.is_empty() {
        let list: Vec<String> = filters
            .categories
            .iter()
            .map(|v| format!("'{v}'"))
            .collect();
        sql.push_str(&format!(" AND o.category IN ({})", list.join(", ")));
    }
    sqlx::query_scalar(&sql)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn search_finds_both_scripts_in_both_languages_ignoring_case() {
    let app = spawn_app().await;
    let nakargi = NewOrganisation {
        description_ka: "ტრადიციული ქართული ნაქარგობა".into(),
        description_en: "Traditional Georgian EMBROIDERY by women in Guria".into(),
        products_en: "Scarves and table linen".into(),
        ..org("nakargi", "ნაქარგი", "Nakargi Workshop", 1)
    };
    let other = NewOrganisation {
        description_en: "100% organic honey".into(),
        ..org("taplo", "თაფლო", "Taplo", 2)
    };
    insert(&app.db, &nakargi).await.unwrap();
    insert(&app.db, &other).await.unwrap();
    for q in [
        "ნაქარგ",
        "nakargi",
        "NAKARGI",
        "embroidery",
        "Embroidery",
        "guria",
        "scarves",
        "ნაქარგობა",
        "traditsiuli",
    ] {
        let (status, listing) =
            api(&app, &format!("?q={}", app::domain::directory::encode(q))).await;
        assert_eq!(status, 200);
        assert_eq!(slugs(&listing), vec!["nakargi"], "q={q}");
    }
    let (_, honey) = api(&app, "?q=100%25").await;
    assert_eq!(slugs(&honey), vec!["taplo"], "a literal percent sign");
    let (_, wildcard) = api(&app, "?q=%25").await;
    assert_eq!(slugs(&wildcard), vec!["taplo"], "% is not a wildcard");
    let (_, underscore) = api(&app, "?q=_").await;
    assert_eq!(underscore["total"], 0, "_ is not a wildcard");
    let html = app.get("/members?q=nakargi").await.text().await.unwrap();
    assert!(html.contains("ნაქარგი") && !html.contains("თაფლო"));
}

#[tokio::test]
async fn sorting_by_georgian_alphabet_english_name_and_membership_date() {
    let app = spawn_app().await;
    // Georgian order ა ბ გ … ც differs from Unicode-unaware byte order only
    // in general, so the English names are chosen to sort differently.
    let rows = [
        ("c", "ციცინათელა", "Alpha", "2012-05-01"),
        ("a", "ბაზარი", "Charlie", "2020-01-10"),
        ("b", "აისი", "Bravo", "2016-03-03"),
    ];
    for (i, (slug, ka, en, since)) in rows.iter().enumerate() {
        let o = NewOrganisation {
            member_since: since.to_string(),
            ..org(slug, ka, en, i as u32)
        };
        insert(&app.db, &o).await.unwrap();
    }
    let (_, by_name) = api(&app, "").await;
    assert_eq!(slugs(&by_name), vec!["b", "a", "c"], "ა, ბ, ც");
    let (_, since) = api(&app, "?sort=since").await;
    assert_eq!(slugs(&since), vec!["a", "b", "c"], "newest first");
    let english =
        app::directory::store::listing::search(&app.db, &Filters::parse([]).unwrap(), Lang::En)
            .await
            .unwrap();
    let order: Vec<&str> = english.items.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(order, vec!["c", "b", "a"], "Alpha, Bravo, Charlie");
    let html = app.get_in("en", "/members").await.text().await.unwrap();
    let at = |name: &str| html.find(name).unwrap_or_else(|| panic!("{name}"));
    assert!(at("Alpha") < at("Bravo") && at("Bravo") < at("Charlie"));
}

#[tokio::test]
async fn pages_of_twenty_with_the_total_and_clamped_page_numbers() {
    let app = spawn_app().await;
    let orgs: Vec<NewOrganisation> = (0..45)
        .map(|i| {
            org(
                &format!("org-{i:02}"),
                &format!("ორგანიზაცია {i:02}"),
                &format!("Org {i:02}"),
                i,
            )
        })
        .collect();
    app::directory::store::organisations::insert_many(&app.db, &orgs)
        .await
        .unwrap();
    let (_, first) = api(&app, "").await;
    assert_eq!(
        (
            first["total"].as_i64(),
            first["pages"].as_i64(),
            first["page"].as_i64()
        ),
        (Some(45), Some(3), Some(1))
    );
    assert_eq!(slugs(&first).len(), 20);
    let (_, last) = api(&app, "?page=3").await;
    assert_eq!(slugs(&last).len(), 5);
    let (_, beyond) = api(&app, "?page=99").await;
    assert_eq!(beyond["page"], 3);
    let mut all: Vec<String> = Vec::new();
    for page in 1..=3 {
        all.extend(slugs(&api(&app, &format!("?page={page}")).await.1));
    }
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 45, "every member once across the pages");
    let html = app
        .get_in("en", "/members?page=2")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Page 2 of 3"));
    assert!(
        html.contains(r#"href="/en/members?page=3""#) && html.contains(r#"href="/en/members""#)
    );
    assert!(html.contains("45 member organisations"));
}

#[tokio::test]
async fn unknown_filter_values_get_400_naming_the_parameter() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("sector=Z", "sector"),
        ("region=GE-XX", "region"),
        ("category=gold", "category"),
        ("impact=x", "impact"),
        ("sort=size", "sort"),
        ("page=two", "page"),
        ("page=0", "page"),
    ] {
        for path in [
            "/api/v1/members",
            "/api/v1/members.csv",
            "/api/v1/members.xlsx",
        ] {
            let response = app.get(&format!("{path}?{query}")).await;
            assert_eq!(response.status(), 400, "{path}?{query}");
            assert_eq!(response.headers()["access-control-allow-origin"], "*");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["parameter"], parameter, "{path}?{query}");
            assert!(body["error"].as_str().unwrap().contains(parameter));
        }
    }
    let missing = app.get("/api/v1/members/no-such-member").await;
    assert_eq!(missing.status(), 404);
    assert!(missing.json::<Value>().await.unwrap()["error"].is_string());
    // The page never fails on a bad URL: it drops what it cannot read.
    let page = app.get("/members?sector=Z&page=two").await;
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn open_data_in_json_and_csv_with_reference_lists() {
    let app = spawn_app().await;
    let tricky = NewOrganisation {
        website: "https://example.ge".into(),
        phone: "+995 32 212 34 56".into(),
        email: "info@example.ge".into(),
        impact_areas: vec!["women".into()],
        ..org("tricky", "ხელობა, \"ოსტატები\"", "=cmd|' /C calc'!A0", 1)
    };
    insert(&app.db, &tricky).await.unwrap();
    let response = app.get("/api/v1/members/tricky").await;
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let member: Value = response.json().await.unwrap();
    assert_eq!(member["name"]["ka"], "ხელობა, \"ოსტატები\"");
    assert_eq!(member["sectors"], serde_json::json!(["C"]));
    assert_eq!(member["impact_areas"], serde_json::json!(["women"]));
    assert!(member["url"].as_str().unwrap().ends_with("/members/tricky"));
    let csv = app.get("/api/v1/members.csv?sector=C").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let mut lines = text.split("\r\n");
    assert!(lines
        .next()
        .unwrap()
        .starts_with("slug,name_ka,name_en,category"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("tricky,\"ხელობა, \"\"ოსტატები\"\"\",'=cmd"),
        "{row}"
    );
    assert!(row.contains(",'+995 32 212 34 56"), "{row}");

    // The spreadsheet: the same selection, labels in the asked language,
    // Georgian intact, every cell text (never a formula) or a date.
    let xlsx = app.get("/api/v1/members.xlsx?sector=C&lang=en").await;
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("members.xlsx"));
    let bytes = xlsx.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let strings = part("xl/sharedStrings.xml");
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(strings.contains("Name (Georgian)") && strings.contains("Member since"));
    assert!(
        strings.contains("ხელობა, &quot;ოსტატები&quot;")
            || strings.contains("ხელობა, \"ოსტატები\"")
    );
    assert!(strings.contains("=cmd|' /C calc'!A0"), "kept as typed");
    assert!(strings.contains("Manufacturing"), "sectors by name");
    assert!(strings.contains("+995 32 212 34 56"));
    assert!(!sheet.contains("<f>"), "no formula anywhere");
    assert_eq!(
        sheet.matches("<row ").count(),
        2,
        "the header and the one member"
    );
    let georgian = app
        .get("/api/v1/members.xlsx?sector=C")
        .await
        .bytes()
        .await
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(georgian.to_vec())).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(
        strings.contains("სახელწოდება") && strings.contains("დამამუშავებელი"),
        "{strings}"
    );
    let sectors: Value = app.get("/api/v1/sectors").await.json().await.unwrap();
    assert_eq!(
        sectors.as_array().unwrap().len(),
        21,
        "NACE sections A to U"
    );
    let regions: Value = app.get("/api/v1/regions").await.json().await.unwrap();
    assert_eq!(regions.as_array().unwrap().len(), 12);
    assert!(regions
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "GE-AB"));
}

#[tokio::test]
async fn the_profile_page_has_meta_and_json_ld_and_never_runs_stored_markup() {
    let app = spawn_app().await;
    let o = NewOrganisation {
        description_en: "We make <script>alert('x')</script> things & more".into(),
        website: "https://nakargi.ge".into(),
        ..org(
            "nakargi",
            "ნაქარგი </script><script>alert(1)</script>",
            "Nakargi",
            1,
        )
    };
    insert(&app.db, &o).await.unwrap();
    let response = app.get_in("en", "/members/nakargi").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "stored markup is text");
    assert!(html.contains(r#"<script type="application/ld+json">"#));
    assert!(html.contains(r#""@type":"Organization""#));
    assert!(html.contains(r#"property="og:title""#));
    assert!(html.contains(r#"<meta name="description""#));
    assert!(html.contains("We make &lt;script&gt;"));
    assert!(html.contains(r#"href="https://nakargi.ge""#));
}

// ---- member self-service ------------------------------------------------

const PASSWORD: &str = "a-long-test-password-2026";

/// The edit form's fields for an organisation as inserted by `org`.
fn form_of(name_en: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name_ka", "ნაქარგი".into()),
        ("name_en", name_en.into()),
        ("description_ka", "ქართული ნაქარგობა".into()),
        ("description_en", "Georgian embroidery".into()),
        ("products_ka", String::new()),
        ("products_en", String::new()),
        ("website", "nakargi.ge".into()),
        ("email", "info@nakargi.ge".into()),
        ("phone", "+995 599 12 34 56".into()),
        ("sector", "C".into()),
        ("sector", "S".into()),
        ("region", "GE-GU".into()),
        ("impact", "women".into()),
        ("listed", "1".into()),
    ]
}

async fn post_edit(
    app: &TestApp,
    slug: &str,
    session: &str,
    fields: &[(&'static str, String)],
    logo: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let path = format!("/members/{slug}/edit");
    let logo = logo.map(|(name, bytes)| ("logo", name, bytes));
    app.post_multipart(&path, session, fields, logo).await
}

async fn member_app() -> (TestApp, String) {
    let app = spawn_app().await;
    insert(&app.db, &org("nakargi", "ნაქარგი", "Nakargi", 1))
        .await
        .unwrap();
    insert(&app.db, &org("taplo", "თაფლო", "Taplo", 2))
        .await
        .unwrap();
    app.create_account("rep@nakargi.ge", "member", Some("nakargi"), PASSWORD)
        .await;
    let session = app.login("rep@nakargi.ge", PASSWORD).await.unwrap();
    (app, session)
}

#[tokio::test]
async fn a_representative_edits_the_profile_in_both_languages_and_it_is_recorded() {
    let (app, session) = member_app().await;
    let page = app.get_as(&session, "/members/nakargi/edit").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(r#"name="name_en""#));
    let response = post_edit(
        &app,
        "nakargi",
        &session,
        &form_of("Nakargi Embroidery"),
        None,
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/members/nakargi/edit?saved=1");
    let member: Value = app
        .get("/api/v1/members/nakargi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["name"]["en"], "Nakargi Embroidery");
    assert_eq!(member["website"], "https://nakargi.ge");
    assert_eq!(member["sectors"], serde_json::json!(["C", "S"]));
    assert_eq!(member["regions"], serde_json::json!(["GE-GU"]));
    assert_eq!(member["description"]["ka"], "ქართული ნაქარგობა");
    // Search sees the new text at once.
    let (_, found) = api(&app, "?q=embroidery").await;
    assert_eq!(slugs(&found), vec!["nakargi"]);
    // Saving the same again changes nothing and records nothing.
    let again = post_edit(
        &app,
        "nakargi",
        &session,
        &form_of("Nakargi Embroidery"),
        None,
    )
    .await;
    assert_eq!(location(&again), "/members/nakargi/edit?saved=0");
    let changes: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT user_id, changes FROM organisation_changes")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(changes.len(), 1);
    assert!(changes[0].0.is_some(), "who");
    let recorded: Value = serde_json::from_str(&changes[0].1).unwrap();
    assert_eq!(
        recorded["name_en"],
        serde_json::json!(["Nakargi", "Nakargi Embroidery"])
    );
    let edit = app
        .get_as(&session, "/members/nakargi/edit")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains("rep@nakargi.ge"),
        "the history names who changed it"
    );
    // A representative cannot change the category or status, whatever is posted.
    let mut sneaky = form_of("Nakargi Embroidery");
    sneaky.push(("category", "honorary".into()));
    sneaky.push(("status", "suspended".into()));
    post_edit(&app, "nakargi", &session, &sneaky, None).await;
    let member: Value = app
        .get("/api/v1/members/nakargi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["category"], "full");
}

#[tokio::test]
async fn bad_input_is_explained_next_to_each_field_and_nothing_typed_is_lost() {
    let (app, session) = member_app().await;
    let mut fields = form_of("Nakargi <b>bold</b>");
    fields.retain(|(n, _)| *n != "website" && *n != "region");
    fields.push(("website", "javascript:alert(1)".into()));
    fields.push(("products_en", "x".repeat(2001)));
    let response = post_edit(
        &app,
        "nakargi",
        &session,
        &fields,
        Some(("logo.svg", b"<svg onload='alert(1)'/>".to_vec())),
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Enter a web address like https://example.ge"));
    assert!(html.contains("Choose at least one."));
    assert!(html.contains("This is too long."));
    assert!(html.contains("The logo must be a PNG, JPEG or WebP image."));
    assert!(
        html.contains("Nakargi &lt;b&gt;bold&lt;/b&gt;"),
        "typed values are kept, as text"
    );
    assert!(
        html.contains(r#"value="javascript:alert(1)""#),
        "even the wrong ones"
    );
    assert!(html.contains("ქართული ნაქარგობა"));
    assert!(
        html.contains(r##"href="#field-website""##),
        "the summary links to the field"
    );
    let member: Value = app
        .get("/api/v1/members/nakargi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["name"]["en"], "Nakargi", "nothing was saved");
}

#[tokio::test]
async fn logos_are_checked_resized_stored_and_cached() {
    let (app, session) = member_app().await;
    let big = post_edit(
        &app,
        "nakargi",
        &session,
        &form_of("Nakargi"),
        Some(("big.png", png(4097, 10))),
    )
    .await;
    assert_eq!(big.status(), 422);
    assert!(big
        .text()
        .await
        .unwrap()
        .contains("at most 4096 × 4096 pixels"));
    let heavy = vec![0u8; 1024 * 1024 + 10];
    let too_heavy = post_edit(
        &app,
        "nakargi",
        &session,
        &form_of("Nakargi"),
        Some(("heavy.png", heavy)),
    )
    .await;
    assert_eq!(too_heavy.status(), 422);
    assert!(too_heavy.text().await.unwrap().contains("1 MB or smaller"));
    // A PNG named .jpg is judged by its content.
    let ok = post_edit(
        &app,
        "nakargi",
        &session,
        &form_of("Nakargi"),
        Some(("logo.jpg", png(800, 400))),
    )
    .await;
    assert_eq!(ok.status(), 303);
    let member: Value = app
        .get("/api/v1/members/nakargi")
        .await
        .json()
        .await
        .unwrap();
    let logo_url = member["logo"].as_str().expect("a logo address").to_string();
    assert!(
        logo_url.ends_with("/members/nakargi/logo?v=1"),
        "{logo_url}"
    );
    let logo = app.get("/members/nakargi/logo?v=1").await;
    assert_eq!(logo.status(), 200);
    assert_eq!(logo.headers()["content-type"], "image/png");
    assert_eq!(
        logo.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let image = image::load_from_memory(&logo.bytes().await.unwrap()).unwrap();
    assert_eq!((image.width(), image.height()), (256, 128));
    let html = app.get("/members").await.text().await.unwrap();
    assert!(html.contains("/members/nakargi/logo?v=1"));
    // Removing it.
    let mut remove = form_of("Nakargi");
    remove.push(("remove_logo", "1".into()));
    post_edit(&app, "nakargi", &session, &remove, None).await;
    assert_eq!(app.get("/members/nakargi/logo?v=1").await.status(), 404);
}

/// A refusal is answered only after the upload has been read: answering while
/// the browser is still sending a large logo closes the connection under it,
/// and the person sees a reset connection instead of the page.
#[tokio::test]
async fn a_refused_upload_still_gets_its_answer() {
    let (app, session) = member_app().await;
    // Well inside the route's limit, far larger than the socket buffers.
    let large = vec![0x42_u8; 8 * 1024 * 1024];
    let other = post_edit(
        &app,
        "taplo",
        &session,
        &form_of("Taken over"),
        Some(("logo.png", large.clone())),
    )
    .await;
    assert_eq!(other.status(), 403);
    let unknown = post_edit(
        &app,
        "nobody",
        &session,
        &form_of("X"),
        Some(("logo.png", large.clone())),
    )
    .await;
    assert_eq!(unknown.status(), 404);
    let anonymous = post_edit(
        &app,
        "taplo",
        "none",
        &form_of("X"),
        Some(("logo.png", large)),
    )
    .await;
    assert!(anonymous.status().is_redirection());
    assert!(anonymous.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
}

#[tokio::test]
async fn nobody_edits_another_organisation_but_staff_and_staff_can_suspend() {
    let (app, session) = member_app().await;
    let other = post_edit(&app, "taplo", &session, &form_of("Taken over"), None).await;
    assert_eq!(other.status(), 403);
    let page = app
        .client
        .get(app.url("/en/members/taplo/edit"))
        .header("cookie", format!("alliance_session={session}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You do not have access to this page."));
    let anonymous = app
        .get_in("en", "/members/taplo/edit")
        .await
        .text()
        .await
        .unwrap();
    assert!(anonymous.contains("Please log in to see this page."));
    app.create_account("staff@alliance.ge", "staff", None, PASSWORD)
        .await;
    let staff = app.login("staff@alliance.ge", PASSWORD).await.unwrap();
    // Asked before the change, so a cached answer exists that must not survive it.
    let (_, before) = api(&app, "").await;
    assert_eq!(before["total"], 2);
    assert!(app
        .get("/members")
        .await
        .text()
        .await
        .unwrap()
        .contains("თაფლო"));
    let list = app
        .get_as(&staff, "/admin/organisations")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("/members/taplo/edit"));
    // Georgian order (თ before ნ) in Georgian, English order in English.
    assert!(
        list.find("/members/taplo/edit").unwrap() < list.find("/members/nakargi/edit").unwrap()
    );
    let list_en = app
        .client
        .get(app.url("/en/admin/organisations"))
        .header("cookie", format!("alliance_session={staff}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list_en.find("/members/nakargi/edit").unwrap()
            < list_en.find("/members/taplo/edit").unwrap()
    );
    let mut suspend = form_of("Taplo");
    suspend.retain(|(n, _)| *n != "name_ka");
    suspend.extend([
        ("name_ka", "თაფლო".to_string()),
        ("legal_form", "llc".into()),
        ("id_code", "400000002".into()),
        ("category", "associate".into()),
        ("status", "suspended".into()),
        // The staff's form carries the membership's dates too.
        ("member_since", "2012-01-15".into()),
    ]);
    let response = post_edit(&app, "taplo", &staff, &suspend, None).await;
    assert_eq!(
        response.status(),
        303,
        "{}",
        response.text().await.unwrap_or_default()
    );
    assert_eq!(app.get("/api/v1/members/taplo").await.status(), 404);
    let (_, listing) = api(&app, "").await;
    assert_eq!(slugs(&listing), vec!["nakargi"]);
    assert!(!app
        .get("/members")
        .await
        .text()
        .await
        .unwrap()
        .contains("თაფლო"));
    // Another member's identification code is refused with a message.
    let mut taken = suspend.clone();
    taken.retain(|(n, _)| *n != "id_code" && *n != "status");
    taken.extend([
        ("id_code", "400000001".to_string()),
        ("status", "active".into()),
    ]);
    let refused = post_edit(&app, "taplo", &staff, &taken, None).await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("already has this identification code"));
}

fn nonce_of(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("pages carry a nonce")
        .to_string()
}

#[tokio::test]
async fn anonymous_directory_pages_are_kept_whole_each_with_its_own_nonce() {
    let app = common::spawn_app_with(|settings| settings.directory_cache_seconds = 1).await;
    insert(&app.db, &org("kept", "შენახული", "Kept", 1))
        .await
        .unwrap();
    let first = app.get_in("en", "/members?sector=C").await;
    let first_nonce = nonce_of(&first);
    let first_html = first.text().await.unwrap();
    let second = app.get_in("en", "/members?sector=C").await;
    let second_nonce = nonce_of(&second);
    let second_html = second.text().await.unwrap();
    assert_ne!(first_nonce, second_nonce, "a nonce is never reused");
    assert!(second_html.contains(&format!(r#"nonce="{second_nonce}""#)));
    assert!(!second_html.contains(&first_nonce));
    assert_eq!(
        first_html.replace(&first_nonce, "N"),
        second_html.replace(&second_nonce, "N"),
        "the same page"
    );
    // Another language is another page.
    let georgian = app
        .get_in("ka", "/members?sector=C")
        .await
        .text()
        .await
        .unwrap();
    assert!(georgian.contains("lang=\"ka\""));
    // A write by another instance (here: the test's own connection) shows
    // once the kept page is older than the cache's age.
    insert(&app.db, &org("added", "დამატებული", "Added Later", 2))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let third = app
        .get_in("en", "/members?sector=C")
        .await
        .text()
        .await
        .unwrap();
    assert!(third.contains("Added Later"));
}

#[tokio::test]
async fn the_index_answers_as_the_database_would_and_sees_every_write_at_once() {
    let app = spawn_app().await;
    alliance::seed::synthetic::insert(&app.db, 600)
        .await
        .expect("synthetic organisations");
    let queries: &[&[(&str, &str)]] = &[
        &[],
        &[("sector", "C")],
        &[("sector", "C"), ("sector", "J"), ("region", "GE-TB")],
        &[("category", "full"), ("impact", "youth")],
        &[
            ("sector", "A"),
            ("region", "GE-KA"),
            ("impact", "youth"),
            ("category", "associate"),
        ],
        &[("q", "00012")],
        &[("q", "ორგანიზაცია 0003"), ("sort", "since")],
        &[("q", "sintetikuri"), ("sector", "C"), ("page", "3")],
        &[("q", "%_\\")],
        &[("sort", "since"), ("page", "9")],
        &[("region", "GE-TB"), ("page", "999")],
    ];
    for pairs in queries {
        let filters = Filters::parse(pairs.iter().copied()).unwrap();
        for lang in [Lang::Ka, Lang::En] {
            let index = app::directory::store::index::of(&app.db)
                .current(&app.db)
                .await
                .unwrap()
                .search(&filters, lang);
            let database =
                app::directory::store::listing::search_in_database(&app.db, &filters, lang)
                    .await
                    .unwrap();
            assert_eq!(index, database, "{pairs:?} in {lang:?}");
        }
    }
    let everything = Filters::parse([]).unwrap();
    assert_eq!(
        app::directory::store::index::of(&app.db)
            .current(&app.db)
            .await
            .unwrap()
            .search(&everything, Lang::En)
            .total,
        540,
        "nine in ten synthetic organisations are listed"
    );

    // A write through another connection (another instance, or by hand)
    // shows in the next answer, with the cache of answers off.
    let other = app::db::Db::connect(app.database_url()).await.unwrap();
    sqlx::query("UPDATE organisations SET listed = 0 WHERE slug = 'synthetic-000000'")
        .execute(other.pool())
        .await
        .unwrap();
    app::directory::store::listing::cache(&app.db).set_max_age(std::time::Duration::ZERO);
    let after = app::directory::store::listing::search(&app.db, &everything, Lang::En)
        .await
        .unwrap();
    assert_eq!(after.total, 539);
    assert!(after
        .items
        .iter()
        .all(|card| card.slug != "synthetic-000000"));
    let page = app
        .get_in("en", "/members?q=synthetic+organisation+00000")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("/members/synthetic-000000\""),
        "unlisted by hand, gone at once"
    );
    assert!(page.contains("/members/synthetic-000001\""));
    // The search is a removable chip above the results; the downloads
    // carry the same selection.
    assert!(page.contains(r#"aria-label="Remove filter: “synthetic organisation 00000”""#));
    assert!(page.contains("/api/v1/members.xlsx?q=synthetic+organisation+00000"));
}
