//! Generated organisations for benchmarks: every sector, region, impact area
//! and category appears, with a deterministic spread.

use app::db::Db;
use app::directory::store::organisations::{self, NewOrganisation};
use app::domain::reference::{CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const BATCH: usize = 500;

pub async fn insert(db: &Db, count: usize) -> anyhow::Result<()> {
    let start = organisations::count_all(db).await? as usize;
    let mut rng = StdRng::seed_from_u64(start as u64 + 2016);
    let legal_forms: Vec<_> = LEGAL_FORMS
        .iter()
        .filter(|f| app::domain::reference::is_legal_entity(f.code))
        .collect();
    let mut batch = Vec::with_capacity(BATCH);
    for n in start..start + count {
        // The n-th entry always, so every code appears; then up to max-1 random ones.
        let pick =
            |rng: &mut StdRng, list: &'static [app::domain::reference::Entry], max: usize| {
                let mut codes: Vec<String> = vec![list[n % list.len()].code.to_string()];
                for _ in 1..rng.random_range(1..=max) {
                    codes.push(list[rng.random_range(0..list.len())].code.to_string());
                }
                codes.sort();
                codes.dedup();
                codes
            };
        let year = 2017 + (n % 9) as i32;
        batch.push(NewOrganisation {
            slug: format!("synthetic-{n:06}"),
            name_ka: format!("სინთეტიკური ორგანიზაცია {n:06}"),
            name_en: format!("Synthetic Organisation {n:06}"),
            legal_form: legal_forms[n % legal_forms.len()].code.into(),
            id_code: format!("{}", 600_000_000 + n),
            category: CATEGORIES[n % CATEGORIES.len()].code.into(),
            status: app::domain::directory::OrganisationStatus::Active,
            listed: n % 10 != 9,
            member_since: format!("{year}-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            activity_start: Some(format!("{}-{:02}-01", year - 2, 1 + n % 12)),
            description_ka: "სოციალური საწარმო, რომელიც ადგილობრივ თემს ემსახურება.".into(),
            description_en: "A social enterprise serving its local community.".into(),
            sectors: pick(&mut rng, SECTORS, 3),
            regions: pick(&mut rng, REGIONS, 2),
            impact_areas: pick(&mut rng, IMPACT_AREAS, 3),
            ..NewOrganisation::default()
        });
        if batch.len() == BATCH {
            organisations::insert_many(db, &batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        organisations::insert_many(db, &batch).await?;
    }
    Ok(())
}
