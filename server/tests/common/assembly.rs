//! An assembly's parts for tests: member organisations, their signed-in
//! representatives, staff, and an assembly in session.

use super::{location, TestApp};
use app::directory::store::organisations::{insert, NewOrganisation};

pub const PASSWORD: &str = "assembly-Tbilisi-2027-vote";

pub async fn org(app: &TestApp, n: u32, category: &str) -> i64 {
    let o = NewOrganisation {
        slug: format!("org-{n}"),
        name_ka: format!("ორგანიზაცია {n}"),
        name_en: format!("Organisation {n}"),
        legal_form: "llc".into(),
        id_code: format!("{:09}", 310_000_000 + n),
        category: category.into(),
        status: app::domain::directory::OrganisationStatus::Active,
        member_since: "2020-01-01".into(),
        ..NewOrganisation::default()
    };
    insert(&app.db, &o).await.unwrap().get()
}

/// A member organisation with a signed-in representative.
pub async fn delegate(app: &TestApp, n: u32, category: &str) -> (i64, String) {
    let id = org(app, n, category).await;
    let email = format!("rep{n}@org.example");
    app.create_account(&email, "member", Some(&format!("org-{n}")), PASSWORD)
        .await;
    (id, app.login(&email, PASSWORD).await.unwrap())
}

pub async fn staff(app: &TestApp) -> String {
    app.create_account("staff@alliance.example.org", "staff", None, PASSWORD)
        .await;
    app.login("staff@alliance.example.org", PASSWORD)
        .await
        .unwrap()
}

/// The assembly id in a redirect to its page (`/assemblies/7?done=…`).
pub fn assembly_id(page: &str) -> i64 {
    page.trim_start_matches("/assemblies/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Creates, announces and opens an assembly; returns its id.
pub async fn assembly_in_session(app: &TestApp, staff: &str) -> i64 {
    let created = app
        .post_form(
            "/assemblies",
            &[
                ("title_ka", "საერთო კრება 2027"),
                ("title_en", "General Assembly 2027"),
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
    assert_eq!(created.status(), 303);
    let page = location(&created);
    let id = assembly_id(&page);
    for from in ["draft", "announced"] {
        let moved = app
            .post_form(
                &format!("/assemblies/{id}"),
                &[("do", "advance"), ("from", from)],
                Some(staff),
            )
            .await;
        assert_eq!(moved.status(), 303);
    }
    id
}

/// A post to an assembly's page by `session`; where it was sent.
pub async fn act(app: &TestApp, id: i64, fields: &[(&str, &str)], session: &str) -> String {
    let response = app
        .post_form(&format!("/assemblies/{id}"), fields, Some(session))
        .await;
    assert_eq!(response.status(), 303, "{fields:?}");
    location(&response)
}
