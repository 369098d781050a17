//! `alliance seed`: demo data for trying the platform, synthetic data for
//! benchmarks.

mod demo_assemblies;
mod demo_content;

/// The demo logins (email, role, organisation, name, password).
pub use demo_content::ACCOUNTS as DEMO_ACCOUNTS;
mod demo_organisations;
pub mod synthetic;

use crate::accounts::{self, NewAccount};
use crate::config::SeedArgs;
use app::board::store as board;
use app::board::store::NewSeat;
use app::db::Db;
use app::directory::store::organisations::{self, NewOrganisation};
use app::domain::date::Date;
use app::news::store as news;
use app::news::store::NewPost;

pub async fn run(db: &Db, args: &SeedArgs) -> anyhow::Result<()> {
    if args.demo {
        if demo(db).await? {
            println!("demo data added");
        } else {
            println!("demo data already present; nothing to do");
        }
    }
    if let Some(count) = args.synthetic {
        synthetic::insert(db, count).await?;
        println!("{count} synthetic organisations added");
    }
    Ok(())
}

/// Adds the demo organisations, news and Board. Returns false when they are
/// already there, so running it twice is harmless.
pub async fn demo(db: &Db) -> anyhow::Result<bool> {
    let first = demo_organisations::ORGS[0].slug;
    if organisations::id_by_slug(db, first).await?.is_some() {
        return Ok(false);
    }
    let orgs: Vec<NewOrganisation> = demo_organisations::ORGS
        .iter()
        .enumerate()
        .map(|(i, o)| NewOrganisation {
            slug: o.slug.into(),
            name_ka: o.name_ka.into(),
            name_en: o.name_en.into(),
            legal_form: o.legal_form.into(),
            id_code: format!("{}", 204_500_000 + i * 7_919),
            category: o.category.into(),
            status: o.status,
            listed: o.listed,
            member_since: o.member_since.into(),
            activity_start: Some(o.activity_start.into()),
            description_ka: o.about_ka.into(),
            description_en: o.about_en.into(),
            products_ka: o.products_ka.into(),
            products_en: o.products_en.into(),
            website: format!("https://{}.example.org", o.slug),
            email: format!("info@{}.example.org", o.slug),
            phone: format!("+995 32 2 {:02} {:02} {:02}", 10 + i, 20 + i, 30 + i),
            sectors: o.sectors.iter().map(|s| s.to_string()).collect(),
            regions: o.regions.iter().map(|s| s.to_string()).collect(),
            impact_areas: o.impact.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    organisations::insert_many(db, &orgs).await?;

    for &(slug, date, title_ka, title_en, summary_ka, summary_en, body_ka, body_en) in
        demo_content::POSTS
    {
        let published_at = Date::parse(date)?.to_days() * 86_400 + 12 * 3_600;
        let post = NewPost {
            slug: slug.into(),
            title_ka: title_ka.into(),
            title_en: title_en.into(),
            summary_ka: summary_ka.into(),
            summary_en: summary_en.into(),
            body_ka: body_ka.into(),
            body_en: body_en.into(),
            published_at,
        };
        news::insert(db, &post).await?;
    }

    for &(email, role, org, name, password) in demo_content::ACCOUNTS {
        let account = NewAccount {
            email,
            role,
            org_slug: org,
            name,
            lang: "ka",
        };
        accounts::create(db, &account, password).await?;
    }
    demo_applications(db).await?;
    let past = demo_assemblies::past_assembly(db).await?;
    demo_board(db, &past).await?;
    demo_assembly(db).await?;
    demo_assemblies::announced_assembly(db).await?;
    Ok(true)
}

/// Two Boards: the initial one (recorded by hand, its term ending as the
/// past assembly met) and the one that assembly elected, in office.
async fn demo_board(db: &Db, past: &demo_assemblies::PastAssembly) -> anyhow::Result<()> {
    let elected_on = Date::from_unix(past.starts_at + app::apply::TBILISI_OFFSET_SECONDS);
    let initial_from = Date::from_days(elected_on.to_days() - 3 * 365 - 1);
    let mut seats = Vec::new();
    for &(seat, role, person_ka, person_en, org) in demo_content::BOARD {
        seats.push(NewSeat {
            seat,
            role,
            person_ka: person_ka.into(),
            person_en: person_en.into(),
            organisation_id: organisations::id_by_slug(db, org).await?,
        });
    }
    let initial_to = app::board::term_end(initial_from).to_string();
    board::insert_term(db, &initial_from.to_string(), &initial_to, None, &seats).await?;

    let elected = board::elected(db, past.election)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's Board election is there"))?;
    let mut seats = Vec::new();
    for (i, name) in elected.names.iter().enumerate() {
        let english = demo_assemblies::CANDIDATES
            .iter()
            .find(|c| c.0 == name)
            .map_or("", |c| c.1);
        // The seats' organisations, as the initial Board's in turn.
        let org = demo_content::BOARD[i % demo_content::BOARD.len()].4;
        seats.push(NewSeat {
            seat: i as i64 + 1,
            role: match i {
                0 => "chair",
                1 => "deputy_chair",
                _ => "member",
            },
            person_ka: name.clone(),
            person_en: english.into(),
            organisation_id: organisations::id_by_slug(db, org).await?,
        });
    }
    let to = app::board::term_end(elected_on).to_string();
    board::insert_term(
        db,
        &elected_on.to_string(),
        &to,
        Some(past.election),
        &seats,
    )
    .await?;
    Ok(())
}

/// An assembly in session with its agenda and two prepared votes (staff open
/// them; member representatives check in and vote).
async fn demo_assembly(db: &Db) -> anyhow::Result<()> {
    use app::assemblies::store::{self as assemblies, NewAssembly, NewPoll};
    use app::domain::voting::Rule;
    // In session since the top of the hour the demo data was loaded.
    let starts_at = app::db::now_unix() / 3600 * 3600;
    let id = assemblies::create(
        db,
        &NewAssembly {
            title_ka: "წევრთა საერთო კრება 2027",
            title_en: "General Assembly of Members 2027",
            kind: "ordinary",
            starts_at,
            place: "hybrid",
            rules: Default::default(),
        },
    )
    .await?;
    assemblies::advance(db, id, app::domain::assembly::AssemblyStatus::Draft).await?;
    assemblies::advance(db, id, app::domain::assembly::AssemblyStatus::Announced).await?;
    let mut items = Vec::new();
    for (ka, en) in [
        (
            "2026 წლის ანგარიშის დამტკიცება",
            "Approval of the 2026 annual report",
        ),
        ("გამგეობის წევრის არჩევა", "Election to the Board"),
        ("სხვადასხვა", "Any other business"),
    ] {
        items.push(assemblies::add_agenda_item(db, id, ka, en).await?);
    }
    assemblies::create_poll(
        db,
        &NewPoll {
            assembly_id: id,
            agenda_item_id: items.first().copied(),
            title_ka: "ამტკიცებს თუ არა კრება 2026 წლის ანგარიშს?",
            title_en: "Does the assembly approve the 2026 annual report?",
            kind: "motion",
            secret: false,
            rule: Rule::SimpleMajority,
            seats: 1,
            candidates: &[],
        },
    )
    .await?;
    assemblies::create_poll(
        db,
        &NewPoll {
            assembly_id: id,
            agenda_item_id: items.get(1).copied(),
            title_ka: "გამგეობის ვაკანტური ადგილი",
            title_en: "The vacant Board seat",
            kind: "election",
            secret: true,
            rule: Rule::SimpleMajority,
            seats: 1,
            candidates: &["თამარ კვარაცხელია".into(), "ლევან ჯაფარიძე".into()],
        },
    )
    .await?;
    Ok(())
}

/// Three applications waiting in the review queue: one that qualifies for
/// full membership, one for associate membership only, one honorary.
async fn demo_applications(db: &Db) -> anyhow::Result<()> {
    use app::apply::store::{submit, Applicant};
    use app::domain::application::Answers;
    let password_hash =
        app::auth::server::password::hash("applicant-demo-Alliance-2026".into()).await?;
    let people = [
        ("tamar@mtis-tsqaro.example.org", "თამარ გელაშვილი"),
        ("levan@ezo.example.org", "ლევან ხარაძე"),
        ("nana@gza.example.org", "ნანა ჩიქოვანი"),
    ];
    let answers = [
        Answers {
            name_ka: "მთის წყარო".into(),
            name_en: "Mountain Spring".into(),
            legal_form: "llc".into(),
            id_code: "406100001".into(),
            registered_on: "2018-05-14".into(),
            regions: vec!["GE-MM".into(), "GE-SJ".into()],
            sectors: vec!["A".into(), "C".into()],
            activity_start: "2019-03-01".into(),
            mission: "ადგილობრივი ფერმერების ჩართვა მინერალური წყლისა და თაფლის წარმოებაში.".into(),
            projects: "სოფლის კოოპერატივების ტრენინგები; ეკოლოგიური შეფუთვა.".into(),
            impact: vec!["rural".into(), "environment".into()],
            category: "full".into(),
            consent_data: true,
            listed: true,
            ..Answers::default()
        },
        Answers {
            name_ka: "ეზო".into(),
            name_en: "Ezo Community Kitchen".into(),
            legal_form: "nnle".into(),
            id_code: "406100002".into(),
            registered_on: "2025-02-10".into(),
            regions: vec!["GE-TB".into()],
            sectors: vec!["I".into()],
            activity_start: "2025-06-01".into(),
            mission: "სამზარეულო, რომელიც დევნილ ქალებს დასაქმებას სთავაზობს.".into(),
            impact: vec!["idp".into(), "women".into()],
            category: "associate".into(),
            consent_data: true,
            listed: true,
            ..Answers::default()
        },
        Answers {
            name_ka: "გზა".into(),
            name_en: "Gza Foundation".into(),
            legal_form: "nnle".into(),
            id_code: "406100003".into(),
            registered_on: "2012-09-03".into(),
            regions: vec!["GE-TB".into(), "GE-IM".into()],
            sectors: vec!["P".into()],
            mission: "სოციალური მეწარმეობის სწავლება უმაღლეს სასწავლებლებში.".into(),
            statement: "ვაფინანსებთ სოციალური საწარმოების სტარტაპ-გრანტებს და ვატარებთ ტრენინგებს."
                .into(),
            category: "honorary".into(),
            consent_data: true,
            listed: true,
            ..Answers::default()
        },
    ];
    for ((email, name), answers) in people.iter().zip(answers) {
        let answers = Answers {
            contact_name: name.to_string(),
            contact_email: email.to_string(),
            contact_phone: "+995 599 00 00 00".into(),
            ..answers
        };
        let answers = &answers;
        let applicant = Applicant::New {
            email,
            password_hash: &password_hash,
            name,
            lang: "ka",
        };
        let key = app::auth::server::session::hash_token(&app::auth::server::session::new_token());
        submit(db, &key, answers, applicant, "ka", None, None).await?;
    }
    Ok(())
}
