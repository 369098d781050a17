//! The security baseline: cross-site refusal on every path, headers on every
//! response, and who may call what — every server function and account
//! route, as every role.

mod common;

use app::auth::{Access, Role};
use app::domain::assembly::AssemblyStatus;
use app::domain::ids::OrganisationId;
use common::{location, spawn_demo_app, TestApp};
use leptos::server_fn::ServerFn;

const PASSWORD: &str = "violet-harbour-47-lantern";

/// Paths a forged form might target: account routes, server functions,
/// the language switch, pages and an address that does not exist.
fn mutating_targets() -> Vec<String> {
    let mut paths: Vec<String> = [
        "/login",
        "/logout",
        "/register",
        "/verify",
        "/forgot",
        "/reset",
        "/account/password",
        "/account/email",
        "/confirm-email",
        "/lang",
        "/",
        "/members",
        "/assemblies",
        "/assemblies/1",
        "/assemblies/1/polls/1",
        "/no/such/path",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    paths.extend(leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()));
    paths
}

#[tokio::test]
async fn cross_site_state_changes_are_refused_on_every_path() {
    let app = spawn_demo_app().await;
    for path in mutating_targets() {
        for method in [
            reqwest::Method::POST,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
            reqwest::Method::PATCH,
        ] {
            let by_origin = app
                .client
                .request(method.clone(), app.url(&path))
                .header("origin", "https://evil.example")
                .send()
                .await
                .unwrap();
            assert_eq!(
                by_origin.status(),
                403,
                "{method} {path} with a foreign Origin"
            );
            let by_fetch_site = app
                .client
                .request(method.clone(), app.url(&path))
                .header("sec-fetch-site", "cross-site")
                .send()
                .await
                .unwrap();
            assert_eq!(
                by_fetch_site.status(),
                403,
                "{method} {path} marked cross-site"
            );
        }
    }
}

#[tokio::test]
async fn same_origin_state_changes_pass() {
    let app = spawn_demo_app().await;
    let origin = format!("http://{}", app.addr);
    let response = app
        .client
        .post(app.url("/login"))
        .header("origin", &origin)
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "admin@alliance.example.org"),
            ("password", "admin-demo-Alliance-2026"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(common::session_cookie(&response).is_some());
    let lang = app
        .client
        .post(app.url("/lang"))
        .header("origin", &origin)
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(lang.status(), 303);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_demo_app().await;
    for path in [
        "/",
        "/about",
        "/news/feed.xml",
        "/healthz",
        "/favicon.ico",
        "/no/such/page",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
    }
    for path in [
        "/",
        "/members",
        "/members/nakargi",
        "/news",
        "/no/such/page",
    ] {
        let page = app.get(path).await;
        let csp = page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let html = page.text().await.unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: pages carry a nonce"));
        assert!(
            html.contains(&format!(r#"nonce="{nonce}""#)),
            "{path}: the hydration script has the policy's nonce"
        );
        // Data blocks (JSON-LD) are not scripts that run.
        let scripts = html.matches("<script").count()
            - html
                .matches(r#"<script type="application/ld+json""#)
                .count();
        assert_eq!(
            scripts,
            html.matches(&format!(r#"nonce="{nonce}""#)).count(),
            "{path}: every inline script carries it"
        );
    }
}

/// Who calls.
#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    /// Registered on the site, no organisation.
    Registered,
    MemberOfNakargi,
    MemberOfAnother,
    Staff,
    Board,
    Admin,
}

impl Who {
    const ALL: [Who; 7] = [
        Who::Anonymous,
        Who::Registered,
        Who::MemberOfNakargi,
        Who::MemberOfAnother,
        Who::Staff,
        Who::Board,
        Who::Admin,
    ];

    fn caller(self, nakargi: OrganisationId) -> Option<app::auth::Caller> {
        let (role, organisation_id) = match self {
            Who::Anonymous => return None,
            Who::Registered => (Role::Member, None),
            Who::MemberOfNakargi => (Role::Member, Some(nakargi)),
            Who::MemberOfAnother => (Role::Member, Some(OrganisationId(nakargi.get() + 1))),
            Who::Staff => (Role::Staff, None),
            Who::Board => (Role::Board, None),
            Who::Admin => (Role::Admin, None),
        };
        Some(app::auth::Caller {
            user_id: app::domain::ids::UserId(0),
            email: String::new(),
            display_name: String::new(),
            role,
            organisation_id,
        })
    }

    fn email(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Registered => Some(REGISTERED),
            Who::MemberOfNakargi => Some("nakargi@alliance.example.org"),
            Who::MemberOfAnother => Some("ertad@alliance.example.org"),
            Who::Staff => Some("staff@alliance.example.org"),
            Who::Board => Some("board@alliance.example.org"),
            Who::Admin => Some("admin@alliance.example.org"),
        }
    }
}

/// How an endpoint is called in the table.
enum Call {
    /// A server function by its path, with a URL-encoded argument body.
    ServerFn(&'static str, &'static str),
    /// A form route (its declared pattern, the path posted to, the fields).
    Form(
        &'static str,
        String,
        &'static [(&'static str, &'static str)],
    ),
    /// A multipart form route (pattern, path), posted empty (allowed callers
    /// get the form back with problems).
    Upload(&'static str, &'static str),
    /// A route read with GET (pattern, path).
    Get(&'static str, String),
}

impl Call {
    /// What the row is matched with among the declared routes.
    fn route(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Call::ServerFn(..) => None,
            Call::Form(pattern, ..) => Some(("POST", pattern)),
            Call::Upload(pattern, _) => Some(("POST", pattern)),
            Call::Get(pattern, _) => Some(("GET", pattern)),
        }
    }

    fn name(&self) -> String {
        match self {
            Call::ServerFn(p, _) | Call::Upload(_, p) => p.to_string(),
            Call::Form(_, p, _) | Call::Get(_, p) => p.clone(),
        }
    }
}

const REGISTERED: &str = "registered@example.ge";

async fn session_for(app: &TestApp, who: Who) -> Option<String> {
    let email = who.email()?;
    if email == REGISTERED {
        // A visitor's own account: a member role without an organisation.
        let hash = app::auth::server::password::hash(PASSWORD.to_string())
            .await
            .unwrap();
        let user = app::db::users::NewUser {
            email: REGISTERED,
            password_hash: &hash,
            role: Role::Member,
            organisation_id: None,
            display_name: "Visitor",
            lang: "ka",
            verified: true,
        };
        let _ = app::db::users::insert(&app.db, &user).await.unwrap();
        return Some(app.login(REGISTERED, PASSWORD).await.expect("login"));
    }
    let password = alliance::seed::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.0 == email)
        .map(|a| a.4)
        .unwrap();
    Some(app.login(email, password).await.expect("demo login"))
}

/// Refused means 401/403, or, for a form route, being sent to sign in.
async fn call(app: &TestApp, call: &Call, session: Option<&str>) -> bool {
    let (path, body): (&str, Vec<(String, String)>) = match call {
        Call::ServerFn(path, args) => (path, serde_urlencoded::from_str(args).unwrap()),
        Call::Form(_, path, form) => (
            path,
            form.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        Call::Get(_, path) => {
            let mut request = app.client.get(app.url(path));
            if let Some(token) = session {
                request = request.header("cookie", format!("alliance_session={token}"));
            }
            let status = request.send().await.unwrap().status().as_u16();
            return !matches!(status, 401 | 403);
        }
        Call::Upload(_, path) => {
            let mut request = app
                .client
                .post(app.url(path))
                .multipart(reqwest::multipart::Form::new().text("name_ka", ""));
            if let Some(token) = session {
                request = request.header("cookie", format!("alliance_session={token}"));
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            assert!(
                matches!(status, 303 | 403 | 422),
                "{path}: unexpected {status}"
            );
            return status == 422;
        }
    };
    let is_get = leptos::server_fn::axum::server_fn_paths()
        .any(|(p, m)| p == path && m == http::Method::GET);
    let response = if is_get {
        let mut request = app.client.get(app.url(path)).query(&body);
        if let Some(token) = session {
            request = request.header("cookie", format!("alliance_session={token}"));
        }
        request.send().await.unwrap()
    } else {
        let body: Vec<(&str, &str)> = body.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        app.post_form(path, &body, session).await
    };
    let status = response.status().as_u16();
    match call {
        Call::ServerFn(..) => {
            assert!(
                matches!(status, 200 | 401 | 403),
                "{path}: unexpected {status}"
            );
            status == 200
        }
        Call::Form(..) => {
            !matches!(status, 401 | 403) && !location(&response).starts_with("/login?next=")
        }
        Call::Upload(..) | Call::Get(..) => unreachable!(),
    }
}

#[tokio::test]
async fn every_server_function_and_route_admits_exactly_its_callers() {
    use app::account::api as account;
    use app::apply::api as apply;
    use app::assemblies::api as assemblies;
    use app::board::api as board;
    use app::directory::api as directory;
    use app::directory::api as member_edit;
    use app::directory::api as profile;
    use app::home::api as home;
    use app::news::api as news;
    let app = spawn_demo_app().await;
    let nakargi = app::directory::store::organisations::id_by_slug(&app.db, "nakargi")
        .await
        .unwrap()
        .unwrap();
    // One application, for the reviewers' functions.
    let answers = app::domain::application::Answers {
        name_ka: "ქსოვილი".into(),
        id_code: "405999999".into(),
        category: "associate".into(),
        ..Default::default()
    };
    let applicant = app::apply::store::Applicant::New {
        email: "applicant@example.ge",
        password_hash: "x",
        name: "Applicant",
        lang: "ka",
    };
    app::apply::store::submit(&app.db, "draft-hash", &answers, applicant, "ka", None, None)
        .await
        .unwrap();
    // An announced assembly with an open poll, for the assembly functions.
    let assembly = app::assemblies::store::create(
        &app.db,
        &app::assemblies::store::NewAssembly {
            title_ka: "საერთო კრება",
            title_en: "General Assembly",
            kind: "ordinary",
            starts_at: 1_900_000_000,
            place: "hybrid",
            rules: Default::default(),
        },
    )
    .await
    .unwrap();
    for from in [AssemblyStatus::Draft, AssemblyStatus::Announced] {
        app::assemblies::store::advance(&app.db, assembly, from)
            .await
            .unwrap();
    }
    let poll = app::assemblies::store::create_poll(
        &app.db,
        &app::assemblies::store::NewPoll {
            assembly_id: assembly,
            agenda_item_id: None,
            title_ka: "ბიუჯეტი",
            title_en: "Budget",
            kind: "motion",
            secret: true,
            rule: app::domain::voting::Rule::SimpleMajority,
            seats: 1,
            candidates: &[],
        },
    )
    .await
    .unwrap();
    app::assemblies::store::open_poll(&app.db, poll, &Default::default(), true)
        .await
        .unwrap();
    let assembly_args: &'static str = format!("id={assembly}&notice=").leak();
    let ballot_args: &'static str = format!("assembly={assembly}&poll={poll}").leak();
    let table: Vec<(Call, Access)> = vec![
        (Call::ServerFn(home::LoadHome::PATH, ""), Access::Anyone),
        (
            Call::ServerFn(assemblies::ListAssemblies::PATH, "page=1"),
            Access::Participant,
        ),
        (
            Call::ServerFn(assemblies::LoadAssembly::PATH, assembly_args),
            Access::Participant,
        ),
        (
            Call::ServerFn(
                assemblies::LoadMinutes::PATH,
                format!("id={assembly}").leak(),
            ),
            Access::Participant,
        ),
        (
            Call::ServerFn(assemblies::LoadBallot::PATH, ballot_args),
            Access::Participant,
        ),
        (
            Call::ServerFn(apply::LoadWizard::PATH, "step=1"),
            Access::Anyone,
        ),
        (
            Call::ServerFn(apply::SaveAnswers::PATH, "json=%7B%7D"),
            Access::Anyone,
        ),
        (
            Call::ServerFn(apply::LoadStatus::PATH, "token="),
            Access::Anyone,
        ),
        (
            Call::ServerFn(apply::ReviewQueue::PATH, "status=open&min_days=0&page=1"),
            Access::StaffOrBoard,
        ),
        (
            Call::ServerFn(apply::ReviewDetail::PATH, "id=1"),
            Access::StaffOrBoard,
        ),
        (
            Call::ServerFn(apply::UpgradeList::PATH, "page=1"),
            Access::StaffOrBoard,
        ),
        (
            Call::ServerFn(news::ListNews::PATH, "page=1&per_page=3"),
            Access::Anyone,
        ),
        (
            Call::ServerFn(news::GetNews::PATH, "slug=forum-2025"),
            Access::Anyone,
        ),
        (Call::ServerFn(board::LoadBoard::PATH, ""), Access::Anyone),
        (
            Call::ServerFn(board::LoadBoardForm::PATH, ""),
            Access::Staff,
        ),
        (
            Call::Form("/board", "/board".into(), &[("starts_on", "x")]),
            Access::Staff,
        ),
        (
            Call::ServerFn(directory::SearchMembers::PATH, "query=sector%3DC&lang=Ka"),
            Access::Anyone,
        ),
        (
            Call::ServerFn(profile::LoadMember::PATH, "slug=nakargi"),
            Access::Anyone,
        ),
        (
            Call::ServerFn(member_edit::LoadProfileForm::PATH, "slug=nakargi"),
            Access::MemberOf(nakargi),
        ),
        (
            Call::ServerFn(member_edit::ListOrganisations::PATH, "lang=Ka&page=1"),
            Access::Staff,
        ),
        (
            Call::Upload("/members/{slug}/edit", "/members/nakargi/edit"),
            Access::MemberOf(nakargi),
        ),
        (
            Call::Get("/members/{slug}/logo", "/members/nakargi/logo".into()),
            Access::Anyone,
        ),
        (
            Call::Get(
                "/assemblies/{id}/live",
                format!("/assemblies/{assembly}/live"),
            ),
            Access::Participant,
        ),
        (
            Call::Form("/assemblies", "/assemblies".into(), &[]),
            Access::Staff,
        ),
        (
            Call::Upload(
                "/assemblies/{id}/documents",
                format!("/assemblies/{assembly}/documents").leak(),
            ),
            Access::Staff,
        ),
        (
            Call::Get(
                "/assemblies/{id}/documents/{doc}",
                format!("/assemblies/{assembly}/documents/1"),
            ),
            Access::Participant,
        ),
        (
            Call::Get(
                "/assemblies/{id}/minutes.json",
                format!("/assemblies/{assembly}/minutes.json"),
            ),
            Access::Participant,
        ),
        (
            Call::Get(
                "/assemblies/{id}/minutes.csv",
                format!("/assemblies/{assembly}/minutes.csv"),
            ),
            Access::Participant,
        ),
        (
            Call::Form(
                "/assemblies/{id}/polls/{poll}",
                format!("/assemblies/{assembly}/polls/{poll}"),
                &[("choice", "none")],
            ),
            Access::Delegate,
        ),
        (
            Call::Form(
                "/admin/applications/{id}/decide",
                "/admin/applications/1/decide".into(),
                &[("action", "none")],
            ),
            Access::StaffOrBoard,
        ),
        (
            Call::Form("/apply", "/apply".into(), &[("step", "1")]),
            Access::Anyone,
        ),
        (
            Call::Get("/apply/resume", "/apply/resume?token=x".into()),
            Access::Anyone,
        ),
        (
            Call::Form(
                "/apply/resume",
                "/apply/resume".into(),
                &[("token", "x"), ("password", "y")],
            ),
            Access::Anyone,
        ),
        (
            Call::Form("/apply/reopen", "/apply/reopen".into(), &[("token", "x")]),
            Access::Anyone,
        ),
        (
            Call::Form(
                "/apply/withdraw",
                "/apply/withdraw".into(),
                &[("token", "x")],
            ),
            Access::Anyone,
        ),
        (
            Call::Form(
                "/account/notifications",
                "/account/notifications".into(),
                &[],
            ),
            Access::Staff,
        ),
        (
            Call::Form("/account/leave", "/account/leave".into(), &[("do", "ask")]),
            Access::Delegate,
        ),
        (
            Call::Get("/account/export", "/account/export".into()),
            Access::SignedIn,
        ),
        (
            Call::Form("/login", "/login".into(), &[("email", "nobody@example.ge")]),
            Access::Anyone,
        ),
        (
            Call::Form("/register", "/register".into(), &[]),
            Access::Anyone,
        ),
        (
            Call::Form("/verify", "/verify".into(), &[("token", "x")]),
            Access::Anyone,
        ),
        (
            Call::Form("/forgot", "/forgot".into(), &[("email", "")]),
            Access::Anyone,
        ),
        (
            Call::Form("/reset", "/reset".into(), &[("token", "x")]),
            Access::Anyone,
        ),
        (
            Call::Form("/confirm-email", "/confirm-email".into(), &[("token", "x")]),
            Access::Anyone,
        ),
        (
            Call::ServerFn(account::LoadAccount::PATH, ""),
            Access::SignedIn,
        ),
        (
            Call::ServerFn(account::ListAccounts::PATH, "page=1"),
            Access::Admin,
        ),
        (
            Call::Form(
                "/account/password",
                "/account/password".into(),
                &[("current_password", "x")],
            ),
            Access::SignedIn,
        ),
        (
            Call::Form(
                "/account/email",
                "/account/email".into(),
                &[("email_password", "x"), ("new_email", "y@example.ge")],
            ),
            Access::SignedIn,
        ),
        (Call::Get("/healthz", "/healthz".into()), Access::Anyone),
        (
            Call::Get("/news/feed.xml", "/news/feed.xml".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/news/feed.ka.xml", "/news/feed.ka.xml".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/news/feed.en.xml", "/news/feed.en.xml".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/sitemap.xml", "/sitemap.xml".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/robots.txt", "/robots.txt".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/news/{slug}/picture", "/news/none/picture".into()),
            Access::Anyone,
        ),
        (
            Call::ServerFn(app::news::api::ListPosts::PATH, "page=1"),
            Access::Staff,
        ),
        (
            Call::ServerFn(
                app::audit::api::LoadAudit::PATH,
                "page=1&who=&what=&from=&to=",
            ),
            Access::Staff,
        ),
        (
            Call::ServerFn(app::news::api::LoadPost::PATH, "id=0"),
            Access::Staff,
        ),
        (
            Call::Upload("/admin/news/{id}", "/admin/news/new"),
            Access::Staff,
        ),
        (
            Call::ServerFn(app::directory::api::LoadImport::PATH, ""),
            Access::Staff,
        ),
        (
            Call::Upload("/admin/organisations/import", "/admin/organisations/import"),
            Access::Staff,
        ),
        (
            Call::Get(
                "/admin/organisations/import/template.csv",
                "/admin/organisations/import/template.csv".into(),
            ),
            Access::Staff,
        ),
        (
            Call::Form("/lang", "/lang".into(), &[("lang", "en")]),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/members", "/api/v1/members".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/members.csv", "/api/v1/members.csv".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/members.xlsx", "/api/v1/members.xlsx".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/members/{slug}", "/api/v1/members/nakargi".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/sectors", "/api/v1/sectors".into()),
            Access::Anyone,
        ),
        (
            Call::Get("/api/v1/regions", "/api/v1/regions".into()),
            Access::Anyone,
        ),
        (
            Call::Form("/invite", "/invite".into(), &[("token", "x")]),
            Access::Anyone,
        ),
        (
            Call::Form("/admin/users", "/admin/users".into(), &[("email", "")]),
            Access::Admin,
        ),
        (
            Call::Form(
                "/admin/users/change",
                "/admin/users/change".into(),
                &[("do", "deactivate"), ("user", "0")],
            ),
            Access::Admin,
        ),
        (
            Call::Form(
                "/account/representatives",
                "/account/representatives".into(),
                &[("do", "invite")],
            ),
            Access::Delegate,
        ),
        (
            Call::ServerFn(app::contact::api::LoadContacts::PATH, ""),
            Access::Anyone,
        ),
        (
            Call::Form("/admin/contact", "/admin/contact".into(), &[("email", "x")]),
            Access::Admin,
        ),
        (
            Call::ServerFn(app::dashboard::api::LoadDashboard::PATH, ""),
            Access::Staff,
        ),
        (
            Call::Form(
                "/admin",
                "/admin".into(),
                &[("do", "upgrade"), ("slug", "none")],
            ),
            Access::Staff,
        ),
        // Last: it ends the session the rows above use.
        (Call::Form("/logout", "/logout".into(), &[]), Access::Anyone),
    ];
    // The assembly page's forms share one route; checking in is for
    // delegates (their own organisation) and staff (any), the rest staff's.
    let either: Vec<(Call, [Access; 2])> = vec![(
        Call::Form(
            "/assemblies/{id}",
            format!("/assemblies/{assembly}"),
            vec![("do", "check_in"), ("org", &*format!("{nakargi}").leak())].leak(),
        ),
        [Access::Delegate, Access::Staff],
    )];
    // Every declared route is in one of the tables: none escapes the check.
    for declared in alliance::routes::declared() {
        let covered = table
            .iter()
            .map(|(c, _)| c)
            .chain(either.iter().map(|(c, _)| c))
            .any(|c| c.route() == Some((declared.method, declared.path)));
        assert!(
            covered,
            "{} {} has no row in the access table",
            declared.method, declared.path
        );
    }
    // Every registered server function is in the table: none escapes the check.
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            table
                .iter()
                .any(|(c, _)| matches!(c, Call::ServerFn(p, _) if *p == path)),
            "{path} has no row in the access table"
        );
    }
    for who in Who::ALL {
        let session = session_for(&app, who).await;
        for (endpoint, [a, b]) in &either {
            let caller = who.caller(nakargi);
            let expected = a.allows(caller.as_ref()) || b.allows(caller.as_ref());
            let got = call(&app, endpoint, session.as_deref()).await;
            let name = endpoint.name();
            assert_eq!(got, expected, "{who:?} calling {name} ({a:?} or {b:?})");
        }
        for (endpoint, access) in &table {
            let expected = access.allows(who.caller(nakargi).as_ref());
            let got = call(&app, endpoint, session.as_deref()).await;
            let name = endpoint.name();
            assert_eq!(
                got, expected,
                "{who:?} calling {name} (declared {access:?})"
            );
        }
    }
}

#[tokio::test]
async fn account_pages_need_a_session_and_admin_pages_an_administrator() {
    let app = spawn_demo_app().await;
    let anonymous = app.get_in("en", "/account").await.text().await.unwrap();
    assert!(anonymous.contains("Please log in to see this page."));
    let member = session_for(&app, Who::MemberOfNakargi).await.unwrap();
    let account = app
        .client
        .get(app.url("/en/account"))
        .header("cookie", format!("alliance_session={member}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(account.contains("nakargi@alliance.example.org"));
    assert!(account.contains("Member organisation representative"));
    assert!(account.contains("Nakargi Embroidery Workshop"));
    let users = app
        .client
        .get(app.url("/en/admin/users"))
        .header("cookie", format!("alliance_session={member}; lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(users.contains("You do not have access to this page."));
    assert!(!users.contains("admin@alliance.example.org"));
    let admin = session_for(&app, Who::Admin).await.unwrap();
    let users = app
        .get_as(&admin, "/admin/users")
        .await
        .text()
        .await
        .unwrap();
    assert!(users.contains("staff@alliance.example.org"));
    let _ = PASSWORD;
}

#[tokio::test]
async fn a_session_cookie_needs_the_sites_exact_origin_to_change_anything() {
    let app = spawn_demo_app().await;
    let session = session_for(&app, Who::Staff).await.unwrap();
    // A client that sends no Origin and no Sec-Fetch-Site.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |origin: Option<String>| {
        let mut request = bare
            .post(app.url("/lang"))
            .header("cookie", format!("alliance_session={session}"))
            .form(&[("lang", "en")]);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send()
    };
    assert_eq!(
        post(None).await.unwrap().status(),
        403,
        "no origin, a session"
    );
    let other_scheme = format!("https://{}", app.addr);
    assert_eq!(
        post(Some(other_scheme)).await.unwrap().status(),
        403,
        "the scheme counts"
    );
    let other_port = format!("http://127.0.0.1:{}", app.addr.port() + 1);
    assert_eq!(
        post(Some(other_port)).await.unwrap().status(),
        403,
        "the port counts"
    );
    let own = format!("http://{}", app.addr);
    assert_eq!(post(Some(own)).await.unwrap().status(), 303);
    let alias = format!("http://localhost:{}", app.addr.port());
    assert_eq!(
        post(Some(alias)).await.unwrap().status(),
        303,
        "a loopback alias"
    );
    // Without a session, a script may still post (registration, language).
    let anonymous = bare
        .post(app.url("/lang"))
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 303);
}

#[tokio::test]
async fn over_https_every_response_asks_for_https_only() {
    let plain = spawn_demo_app().await;
    let response = plain.get("/").await;
    assert!(response
        .headers()
        .get("strict-transport-security")
        .is_none());
    let secure = common::spawn_app_with(|settings| {
        settings.public_url = Some("https://alliance.example".into());
    })
    .await;
    for path in ["/", "/healthz", "/no/such/page"] {
        let response = secure.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
    // The test client's origin (http://127.0.0.1:…) is not this site's.
    let refused = secure
        .client
        .post(secure.url("/login"))
        .form(&[("email", "a@b.ge"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn over_https_cookies_are_host_only_and_a_planted_plain_one_is_ignored() {
    let secure = common::spawn_app_with(|settings| {
        settings.public_url = Some("https://alliance.example".into());
    })
    .await;
    secure
        .create_account("host@example.ge", "staff", None, PASSWORD)
        .await;
    let login = secure
        .client
        .post(secure.url("/login"))
        .header("origin", "https://alliance.example")
        .form(&[("email", "host@example.ge"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303);
    let set = login.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.starts_with("__Host-alliance_session="), "{set}");
    assert!(set.contains("; Path=/;") && set.ends_with("; Secure") && !set.contains("Domain"));
    let token = set
        .trim_start_matches("__Host-alliance_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let account_with = |cookie: String| {
        let secure = &secure;
        async move {
            secure
                .client
                .get(secure.url("/account"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert!(account_with(format!("__Host-alliance_session={token}"))
        .await
        .contains("host@example.ge"));
    // A cookie without the prefix is what a sibling subdomain or a plain-HTTP
    // page could plant: the server does not read it.
    assert!(!account_with(format!("alliance_session={token}"))
        .await
        .contains("host@example.ge"));

    // The wizard's draft cookie too.
    let wizard = secure.get("/apply").await;
    let draft = wizard.headers()["set-cookie"].to_str().unwrap();
    assert!(draft.starts_with("__Host-alliance_draft="), "{draft}");
    assert!(draft.ends_with("; Secure"));

    // Over plain HTTP, the plain names.
    let plain = common::spawn_app().await;
    let draft = plain.get("/apply").await.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(draft.starts_with("alliance_draft="), "{draft}");
}

#[tokio::test]
async fn the_server_warns_at_start_when_it_is_not_fit_for_the_public() {
    let app = spawn_demo_app().await;
    let outbox = app::mail::Mailer::new(None, &app.data_dir, "Alliance <a@b.ge>").unwrap();
    let warnings = alliance::startup::start_warnings(
        &app.db,
        "0.0.0.0:3000".parse().unwrap(),
        "http://alliance.example",
        &outbox,
    )
    .await;
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].contains("http://"));
    assert!(warnings[1].contains("admin@alliance.example.org"));
    assert!(warnings[2].contains("outbox"));
    let fresh = common::spawn_app().await;
    let smtp = app::mail::Mailer::new(
        Some("smtp://alliance:secret@127.0.0.1:2525"),
        &fresh.data_dir,
        "Alliance <a@b.ge>",
    )
    .unwrap();
    let none = alliance::startup::start_warnings(
        &fresh.db,
        "0.0.0.0:3000".parse().unwrap(),
        "https://alliance.example",
        &smtp,
    )
    .await;
    assert!(none.is_empty(), "{none:#?}");
}

#[tokio::test]
async fn every_response_carries_a_request_id_of_the_servers_own() {
    let app = common::spawn_app().await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = app
            .client
            .get(app.url("/healthz"))
            .header("x-request-id", "forged-id")
            .send()
            .await
            .unwrap();
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        assert_ne!(id, "forged-id", "an id the client sends is not believed");
        assert!(
            id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()),
            "{id}"
        );
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1], "each request has its own");
}

#[tokio::test]
async fn refusals_are_pages_in_the_visitors_language() {
    let app = common::spawn_app().await;
    for (lang, title) in [("en", "Request refused"), ("ka", "მოთხოვნა უარყოფილია")]
    {
        let refused = app
            .client
            .post(app.url("/login"))
            .header("origin", "https://evil.example")
            .header("cookie", format!("lang={lang}"))
            .form(&[("email", "a@example.org"), ("password", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 403);
        assert!(refused.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let page = refused.text().await.unwrap();
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{page}");
        assert!(page.contains(title), "{page}");
    }
    // A body no form of the site sends (over the limit) is refused with a
    // page that says what to do, not a bare status.
    let huge = "x".repeat(300 * 1024);
    let refused = app
        .client
        .post(app.url("/apply"))
        .header("cookie", "lang=en")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("step=1&name_ka={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let page = refused.text().await.unwrap();
    assert!(page.contains("The form could not be read"), "{page}");
}
