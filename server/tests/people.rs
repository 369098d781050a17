//! People and roles against the real server: invitations, role changes,
//! deactivation, the last administrator, and an organisation's
//! representatives inviting and removing each other.

mod common;

use common::{link_token, location, spawn_demo_app, TestApp};

const ADMIN: (&str, &str) = ("admin@alliance.example.org", "admin-demo-Alliance-2026");
const STAFF: (&str, &str) = ("staff@alliance.example.org", "staff-demo-Alliance-2026");
const NAKARGI: (&str, &str) = ("nakargi@alliance.example.org", "member-demo-Alliance-2026");
const ERTAD: (&str, &str) = ("ertad@alliance.example.org", "member-demo-Alliance-2026");
const PASSWORD: &str = "violet-harbour-47-lantern";

/// Whether the session sees the applications waiting (staff's page).
async fn sees_the_queue(app: &TestApp, session: &str) -> bool {
    let page = app.page_en(session, "/admin/applications").await;
    assert!(page.contains("Membership applications"));
    !page.contains("You do not have access") && !page.contains("Please log in")
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn id_code(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar("SELECT id_code FROM organisations WHERE slug = $1")
        .bind(slug)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// The last mail to `to`.
async fn mail_to(app: &TestApp, to: &str) -> String {
    app.outbox()
        .await
        .into_iter()
        .rev()
        .find(|m| m.contains(&format!("To: {to}")))
        .unwrap_or_else(|| panic!("a mail to {to}"))
}

async fn change(app: &TestApp, session: &str, action: &str, user: i64, role: &str) -> String {
    let user = user.to_string();
    let response = app
        .post_form(
            "/admin/users/change",
            &[("do", action), ("user", &user), ("role", role)],
            Some(session),
        )
        .await;
    assert_eq!(response.status(), 303, "{action}");
    location(&response)
}

#[tokio::test]
async fn an_administrator_invites_a_person_who_chooses_a_password_and_signs_in() {
    let app = spawn_demo_app().await;
    let admin = app.sign_in(ADMIN).await;

    // Every field is checked, and what was typed is kept.
    let again = app
        .post_form_again(
            "/admin/users",
            &[
                ("email", "not-an-address"),
                ("name", "<script>alert(1)</script>"),
                ("role", "superuser"),
                ("lang", "en"),
            ],
            Some(&admin),
        )
        .await;
    assert!(again.contains("Enter an email address in the right format"));
    assert!(again.contains("Choose one of the options offered."));
    assert!(again.contains("value=\"not-an-address\""));
    assert!(!again.contains("<script>alert(1)"), "the name is escaped");
    let again = app
        .post_form_again(
            "/admin/users",
            &[
                ("email", "rep@example.ge"),
                ("name", "Rep"),
                ("role", "member"),
                ("id_code", ""),
            ],
            Some(&admin),
        )
        .await;
    assert!(
        again.contains("Fill in this field."),
        "a representative needs an organisation"
    );
    let again = app
        .post_form_again(
            "/admin/users",
            &[
                ("email", "rep@example.ge"),
                ("name", "Rep"),
                ("role", "member"),
                ("id_code", "123"),
            ],
            Some(&admin),
        )
        .await;
    assert!(again.contains("The identification code has exactly 9 digits."));
    let again = app
        .post_form_again(
            "/admin/users",
            &[
                ("email", "rep@example.ge"),
                ("name", "Rep"),
                ("role", "member"),
                ("id_code", "999999999"),
            ],
            Some(&admin),
        )
        .await;
    assert!(again.contains("No member organisation has this identification code."));
    assert!(again.contains("value=\"999999999\""));

    // A member of the secretariat, invited in English.
    let response = app
        .post_form(
            "/admin/users",
            &[
                ("email", "Tamar@Example.GE"),
                ("name", "Tamar Kapanadze"),
                ("role", "staff"),
                ("lang", "en"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(
        location(&response),
        "/admin/users?invited=tamar%40example.ge"
    );
    let mail = mail_to(&app, "tamar@example.ge").await;
    assert!(mail.contains("as Secretariat"), "{mail}");
    let token = link_token(&mail, "/invite");
    let list = app.page_en(&admin, "/admin/users").await;
    assert!(list.contains("tamar@example.ge"));
    assert!(list.contains("Invited"));
    assert!(
        app.login("tamar@example.ge", PASSWORD).await.is_err(),
        "no password works before the invitation is accepted"
    );
    let taken = app
        .post_form_again(
            "/admin/users",
            &[
                ("email", "tamar@example.ge"),
                ("name", "Again"),
                ("role", "board"),
            ],
            Some(&admin),
        )
        .await;
    assert!(taken.contains("This email already belongs to an account."));

    // Accepting: the password rules hold, then the link works once.
    let weak = app
        .post_form_again(
            "/invite",
            &[
                ("token", &token),
                ("password", "password1234"),
                ("password_confirm", "password1234"),
            ],
            None,
        )
        .await;
    assert!(weak.contains("too common"));
    let accepted = app
        .post_form(
            "/invite",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(
        location(&accepted),
        "/login?invited=1&email=tamar%40example.ge"
    );
    let used = app
        .post_form_again(
            "/invite",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert!(used.contains("This link has expired or was already used."));
    let tamar = app
        .login("tamar@example.ge", PASSWORD)
        .await
        .expect("signs in");
    assert!(
        sees_the_queue(&app, &tamar).await,
        "the new staff member works"
    );

    // A representative of a member organisation, by its identification code.
    let code = id_code(&app, "kakhuri-putkari").await;
    let response = app
        .post_form(
            "/admin/users",
            &[
                ("email", "eka@example.ge"),
                ("name", "Eka"),
                ("role", "member"),
                ("id_code", &code),
                ("lang", "ka"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(location(&response), "/admin/users?invited=eka%40example.ge");
    let org: Option<i64> =
        sqlx::query_scalar("SELECT organisation_id FROM users WHERE email = 'eka@example.ge'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let kakhuri = app::directory::store::organisations::id_by_slug(&app.db, "kakhuri-putkari")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org, Some(kakhuri.get()));
    let mail = mail_to(&app, "eka@example.ge").await;
    assert!(mail.contains("მოწვევა"), "in Georgian: {mail}");

    // Sent again: the first link stops working.
    let first = link_token(&mail, "/invite");
    let eka = user_id(&app, "eka@example.ge").await;
    assert_eq!(
        change(&app, &admin, "invite_again", eka, "").await,
        "/admin/users?invited_again=eka%40example.ge"
    );
    let second = link_token(&mail_to(&app, "eka@example.ge").await, "/invite");
    assert_ne!(first, second);
    let stale = app
        .post_form_again(
            "/invite",
            &[
                ("token", &first),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert!(stale.contains("This link has expired or was already used."));
    app.stop().await.unwrap();
}

#[tokio::test]
async fn deactivation_ends_the_sessions_at_once_and_reactivation_lets_them_back() {
    let app = spawn_demo_app().await;
    let admin = app.sign_in(ADMIN).await;
    let staff = app.sign_in(STAFF).await;
    assert!(sees_the_queue(&app, &staff).await);
    let id = user_id(&app, STAFF.0).await;
    assert_eq!(
        change(&app, &admin, "deactivate", id, "").await,
        "/admin/users?deactivated=staff%40alliance.example.org"
    );
    let account = app.page_en(&staff, "/account").await;
    assert!(
        account.contains("Please log in to see this page."),
        "the session ended"
    );
    let refused = app
        .post_form_again("/login", &[("email", STAFF.0), ("password", STAFF.1)], None)
        .await;
    assert!(refused.contains("This account has been deactivated."));
    let wrong = app
        .post_form_again(
            "/login",
            &[("email", STAFF.0), ("password", "not-the-password-1")],
            None,
        )
        .await;
    assert!(
        !wrong.contains("deactivated"),
        "without the password, nothing is said about the account"
    );
    let before = app.outbox().await.len();
    let forgot = app.post_form("/forgot", &[("email", STAFF.0)], None).await;
    assert_eq!(forgot.status(), 303, "the same answer as for any address");
    assert_eq!(
        app.outbox().await.len(),
        before,
        "no reset link for a deactivated account"
    );
    assert!(app
        .page_en(&admin, "/admin/users")
        .await
        .contains("Deactivated"));

    assert_eq!(
        change(&app, &admin, "reactivate", id, "").await,
        "/admin/users?reactivated=staff%40alliance.example.org"
    );
    let staff = app.sign_in(STAFF).await;
    assert!(sees_the_queue(&app, &staff).await);

    // A role change takes effect on the next request.
    assert_eq!(
        change(&app, &admin, "role", id, "board").await,
        "/admin/users?role_changed=staff%40alliance.example.org"
    );
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(role, "board");
    let forged = app
        .post_form(
            "/admin/users/change",
            &[("do", "role"), ("user", &id.to_string()), ("role", "owner")],
            Some(&admin),
        )
        .await;
    assert_eq!(forged.status(), 400, "a role nobody offers is refused");
    app.stop().await.unwrap();
}

#[tokio::test]
async fn the_last_active_administrator_can_be_neither_demoted_nor_deactivated() {
    let app = spawn_demo_app().await;
    let admin = app.sign_in(ADMIN).await;
    let me = user_id(&app, ADMIN.0).await;
    assert_eq!(
        change(&app, &admin, "role", me, "staff").await,
        "/admin/users?error=last_admin"
    );
    assert_eq!(
        change(&app, &admin, "deactivate", me, "").await,
        "/admin/users?error=yourself"
    );
    let page = app.page_en(&admin, "/admin/users?error=last_admin").await;
    assert!(page.contains("The platform needs at least one active administrator."));

    // Two administrators demote each other at the same moment: one stays.
    for round in 0..5 {
        let second = format!("second{round}@example.ge");
        app.create_account(&second, "admin", None, PASSWORD).await;
        let second_session = app.sign_in((&second, PASSWORD)).await;
        let second_id = user_id(&app, &second).await;
        let demote = |session: String, id: i64| {
            let app = &app;
            async move {
                let id = id.to_string();
                let form = [("do", "role"), ("user", id.as_str()), ("role", "staff")];
                let response = app
                    .post_form("/admin/users/change", &form, Some(&session))
                    .await;
                format!("{} {}", response.status().as_u16(), location(&response))
            }
        };
        let (a, b) = tokio::join!(
            demote(admin.clone(), second_id),
            demote(second_session.clone(), me),
        );
        let admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(admins, 1, "round {round}: {a} / {b}");
        // One demotion is made; the other is refused as the last
        // administrator's, or, arriving after its sender lost the role, as
        // not an administrator's.
        let done = [&a, &b]
            .iter()
            .filter(|o| o.contains("role_changed"))
            .count();
        let refused = [&a, &b]
            .iter()
            .filter(|o| o.contains("last_admin") || o.starts_with("403"))
            .count();
        assert_eq!((done, refused), (1, 1), "round {round}: {a} / {b}");
        // The demo administrator stays the one for the next round.
        sqlx::query("UPDATE users SET role = CASE WHEN id = $1 THEN 'admin' ELSE 'staff' END WHERE id IN ($1, $2)")
            .bind(me)
            .bind(second_id)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    // A deactivated administrator does not count.
    app.create_account("third@example.ge", "admin", None, PASSWORD)
        .await;
    let third = user_id(&app, "third@example.ge").await;
    change(&app, &admin, "deactivate", third, "").await;
    assert_eq!(
        change(&app, &admin, "role", me, "staff").await,
        "/admin/users?error=last_admin"
    );
    app.stop().await.unwrap();
}

#[tokio::test]
async fn a_representative_invites_a_colleague_and_removes_one_but_never_the_last() {
    let app = spawn_demo_app().await;
    let nakargi = app.sign_in(NAKARGI).await;
    let account = app.page_en(&nakargi, "/account").await;
    assert!(
        account.contains("Your organisation's representatives")
            || account.contains("Your organisation&#x27;s representatives")
    );

    // Alone, the representative cannot remove themselves.
    let me = user_id(&app, NAKARGI.0).await;
    let alone = app
        .post_form(
            "/account/representatives",
            &[("do", "remove"), ("user", &me.to_string())],
            Some(&nakargi),
        )
        .await;
    assert_eq!(location(&alone), "/account?error=reps_last");

    let again = app
        .post_form_again(
            "/account/representatives",
            &[
                ("do", "invite"),
                ("colleague_email", "x"),
                ("colleague_name", "Salome"),
            ],
            Some(&nakargi),
        )
        .await;
    assert!(again.contains("Enter an email address in the right format"));
    assert!(again.contains("value=\"Salome\""));

    let invited = app
        .post_form(
            "/account/representatives",
            &[
                ("do", "invite"),
                ("colleague_email", "salome@example.ge"),
                ("colleague_name", "Salome"),
            ],
            Some(&nakargi),
        )
        .await;
    assert_eq!(location(&invited), "/account?invited=salome%40example.ge");
    let token = link_token(&mail_to(&app, "salome@example.ge").await, "/invite");
    // Two at once cannot pass the limit of two together.
    let (a, b) = tokio::join!(
        app.post_form(
            "/account/representatives",
            &[
                ("do", "invite"),
                ("colleague_email", "third@example.ge"),
                ("colleague_name", "Third")
            ],
            Some(&nakargi),
        ),
        app.post_form(
            "/account/representatives",
            &[
                ("do", "invite"),
                ("colleague_email", "fourth@example.ge"),
                ("colleague_name", "Fourth")
            ],
            Some(&nakargi),
        ),
    );
    assert_eq!(location(&a), "/account?error=reps_full");
    assert_eq!(location(&b), "/account?error=reps_full");

    let accepted = app
        .post_form(
            "/invite",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(accepted.status(), 303);
    let salome = app.sign_in(("salome@example.ge", PASSWORD)).await;
    let theirs = app.page_en(&salome, "/account").await;
    assert!(
        theirs.contains("Nakargi"),
        "the colleague represents the organisation"
    );
    let salome_id = user_id(&app, "salome@example.ge").await;

    // Another organisation's representative cannot remove them.
    let ertad = app.sign_in(ERTAD).await;
    let foreign = app
        .post_form(
            "/account/representatives",
            &[("do", "remove"), ("user", &salome_id.to_string())],
            Some(&ertad),
        )
        .await;
    assert_eq!(location(&foreign), "/account?error=gone");
    let org: Option<i64> = sqlx::query_scalar("SELECT organisation_id FROM users WHERE id = $1")
        .bind(salome_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(org.is_some(), "still a representative");

    let removed = app
        .post_form(
            "/account/representatives",
            &[("do", "remove"), ("user", &salome_id.to_string())],
            Some(&nakargi),
        )
        .await;
    assert_eq!(location(&removed), "/account?removed=salome%40example.ge");
    let theirs = app.page_en(&salome, "/account").await;
    assert!(
        theirs.contains("Registered user"),
        "the account stays, without the organisation"
    );
    assert!(!theirs.contains("Nakargi"));
    app.stop().await.unwrap();
}
