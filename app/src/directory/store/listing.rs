//! The directory's answers: a page with the facet counts comes from the
//! in-memory index (`super::index`), kept for a few seconds per filter set;
//! exports walk the database in the listing's order. Facets are bitmasks on
//! the organisation, so no query joins; the same answer as a counting query
//! (`search_in_database`) is what the index is tested against.

use crate::db::Db;
use crate::directory::{DirectoryCard, Facet, Listing};
use crate::domain::directory::{self, Filters, Sort, FACETS, PAGE_SIZE};
use crate::domain::lang::Lang;
use crate::domain::paging::Window;
use crate::domain::reference::{Entry, IMPACT_AREAS, REGIONS, SECTORS};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Recent directory answers of one database: facet counts and page for a
/// filter set. An answer is reused while no organisation has been written
/// through this process (every write calls `changed`). After `max_age` one
/// request recomputes it while the others keep getting the previous answer,
/// so a busy page never stalls on the counting query; writes by other
/// instances behind the same database therefore show within about
/// `max_age`. A max age of zero turns the cache off.
#[derive(Debug)]
pub struct ListingCache {
    generation: AtomicU64,
    max_age_ms: AtomicU64,
    entries: Mutex<HashMap<String, CachedListing>>,
}

#[derive(Debug)]
struct CachedListing {
    generation: u64,
    at: Instant,
    listing: Listing,
    /// A request is recomputing this answer.
    refreshing: bool,
}

/// Distinct filter sets kept at once; beyond it the cache starts afresh.
const CACHE_ENTRIES: usize = 1024;

/// The directory's cache of recent answers, kept with the database.
pub fn cache(db: &Db) -> std::sync::Arc<ListingCache> {
    db.shared::<ListingCache>()
}

impl Default for ListingCache {
    fn default() -> Self {
        ListingCache {
            generation: AtomicU64::new(0),
            max_age_ms: AtomicU64::new(5_000),
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl ListingCache {
    pub fn set_max_age(&self, max_age: Duration) {
        self.max_age_ms
            .store(max_age.as_millis() as u64, Ordering::Relaxed);
        self.changed();
    }

    /// Forgets every answer: an organisation was written.
    /// How long an answer is kept (zero: not at all).
    pub fn max_age(&self) -> Duration {
        Duration::from_millis(self.max_age_ms.load(Ordering::Relaxed))
    }

    /// Moves on with every local write; answers of an older one are stale.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    /// A usable answer, or `None`: the caller computes it (and `put`s it).
    fn get(&self, key: &str) -> Option<Listing> {
        let max_age = Duration::from_millis(self.max_age_ms.load(Ordering::Relaxed));
        if max_age.is_zero() {
            return None;
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let mut entries = self.entries.lock().ok()?;
        let entry = entries.get_mut(key)?;
        if entry.generation != generation {
            return None;
        }
        let age = entry.at.elapsed();
        if age < max_age || (entry.refreshing && age < 4 * max_age) {
            return Some(entry.listing.clone());
        }
        // Stale: this caller recomputes; the others keep the old answer.
        entry.refreshing = true;
        None
    }

    /// Keeps an answer computed while the generation was `generation`.
    fn put(&self, key: String, generation: u64, listing: &Listing) {
        if self.max_age_ms.load(Ordering::Relaxed) == 0 {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CACHE_ENTRIES && !entries.contains_key(&key) {
                entries.clear();
            }
            entries.insert(
                key,
                CachedListing {
                    generation,
                    at: Instant::now(),
                    listing: listing.clone(),
                    refreshing: false,
                },
            );
        }
    }
}

/// Bumped when the derived columns' meaning changes; rows below it are
/// recomputed at start-up.
pub const INDEX_VERSION: i64 = 1;

const LISTED: &str = "status = 'active' AND listed = 1";

/// The SQL condition for one facet's selected values ("1 = 1" when none).
fn facet_condition(param: &str, list: &[Entry], selected: &[String]) -> String {
    if selected.is_empty() {
        return "1 = 1".into();
    }
    let mask = directory::mask(list, selected);
    match param {
        "sector" => format!("(sectors_mask & {mask}) <> 0"),
        "region" => format!("(regions_mask & {mask}) <> 0"),
        "impact" => format!("(impact_mask & {mask}) <> 0"),
        // Codes come from the reference list, never from the request.
        _ => {
            let codes: Vec<String> = list
                .iter()
                .filter(|e| selected.iter().any(|s| s == e.code))
                .map(|e| format!("'{}'", e.code))
                .collect();
            format!("category IN ({})", codes.join(", "))
        }
    }
}

/// What to match each facet value against.
fn value_condition(param: &str, index: usize, code: &str) -> String {
    match param {
        "sector" => format!("(sectors_mask & {}) <> 0", 1i64 << index),
        "region" => format!("(regions_mask & {}) <> 0", 1i64 << index),
        "impact" => format!("(impact_mask & {}) <> 0", 1i64 << index),
        _ => format!("category = '{code}'"),
    }
}

/// `search_text LIKE $1` with LIKE's wildcards escaped, or nothing.
fn search_pattern(filters: &Filters) -> Option<String> {
    let q = directory::normalise_query(&filters.q);
    if q.is_empty() {
        return None;
    }
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Some(format!("%{escaped}%"))
}

/// The listed organisations' condition with the search (`$1` when there is
/// a pattern), and each facet's own condition.
fn conditions(filters: &Filters) -> (String, Option<String>, Vec<String>) {
    let pattern = search_pattern(filters);
    let base = match pattern {
        Some(_) => format!("{LISTED} AND search_text LIKE $1 ESCAPE '\\'"),
        None => LISTED.to_string(),
    };
    let facets = FACETS
        .iter()
        .map(|(param, list)| facet_condition(param, list, filters.selected(param)))
        .collect();
    (base, pattern, facets)
}

fn order_by(db: &Db, sort: Sort, lang: Lang) -> String {
    match (sort, lang) {
        (Sort::Since, _) => "member_since DESC, id DESC".to_string(),
        (Sort::Name, Lang::Ka) => format!("name_ka COLLATE {}, id", db.binary_collation()),
        (Sort::Name, Lang::En) => format!("name_sort_en COLLATE {}, id", db.binary_collation()),
    }
}

/// One page of the directory with the facet counts, from the cache when an
/// answer for the same filters is fresh, otherwise from the index.
#[tracing::instrument(skip(db))]
pub async fn search(db: &Db, filters: &Filters, lang: Lang) -> Result<Listing, sqlx::Error> {
    let key = format!("{}|{}", lang.code(), filters.to_query());
    if let Some(listing) = cache(db).get(&key) {
        return Ok(listing);
    }
    let generation = cache(db).generation.load(Ordering::SeqCst);
    let listing = super::index::of(db)
        .current(db)
        .await?
        .search(filters, lang);
    cache(db).put(key, generation, &listing);
    Ok(listing)
}

/// The same answer as the index gives, computed by the database: one
/// counting scan and one ordered, limited query. The index is tested
/// against it.
pub async fn search_in_database(
    db: &Db,
    filters: &Filters,
    lang: Lang,
) -> Result<Listing, sqlx::Error> {
    let (base, pattern, conditions) = conditions(filters);

    // One pass: the total, and for each facet value the count under every
    // other facet's filter (so a value shows what choosing it would give).
    let mut columns = vec![format!(
        "COUNT(CASE WHEN {} THEN 1 END)",
        conditions.join(" AND ")
    )];
    for (f, (param, list)) in FACETS.iter().enumerate() {
        let others: Vec<&str> = conditions
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != f)
            .map(|(_, c)| c.as_str())
            .collect();
        for (i, entry) in list.iter().enumerate() {
            columns.push(format!(
                "COUNT(CASE WHEN {} AND {} THEN 1 END)",
                others.join(" AND "),
                value_condition(param, i, entry.code)
            ));
        }
    }
    let counts_sql = format!(
        "SELECT {} FROM organisations WHERE {base}",
        columns.join(", ")
    );
    let mut counts_query = sqlx::query(&counts_sql);
    if let Some(p) = &pattern {
        counts_query = counts_query.bind(p);
    }
    let row = counts_query.fetch_one(db.pool()).await?;
    let mut values = (0..columns.len()).map(|i| row.try_get::<i64, _>(i));
    let total = values.next().transpose()?.unwrap_or(0);
    let mut facets = Vec::with_capacity(FACETS.len());
    for (param, list) in FACETS {
        let mut counts = Vec::with_capacity(list.len());
        for entry in list {
            counts.push((
                entry.code.to_string(),
                values.next().transpose()?.unwrap_or(0),
            ));
        }
        facets.push(Facet {
            param: param.to_string(),
            counts,
        });
    }

    let window = Window::of(total, filters.page, PAGE_SIZE);
    let (page, pages) = (window.page, window.pages);
    let order = order_by(db, filters.sort, lang);
    let page_sql = format!(
        "SELECT slug, name_ka, name_en, category, member_since, sectors_mask, regions_mask, impact_mask, \
           logo_version, description_ka, description_en \
         FROM organisations WHERE {base} AND {} ORDER BY {order} LIMIT {} OFFSET {}",
        conditions.join(" AND "),
        window.limit,
        window.offset
    );
    let mut page_query = sqlx::query(&page_sql);
    if let Some(p) = &pattern {
        page_query = page_query.bind(p);
    }
    let items = page_query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(card_from_row)
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Listing {
        total,
        page,
        pages,
        items,
        facets,
    })
}

/// The ids of every listed organisation matching the filters, in the
/// listing's order: what an export goes through, a part at a time, with
/// [`export_part`] (paging does not apply).
#[tracing::instrument(skip(db))]
pub async fn export_ids(db: &Db, filters: &Filters) -> Result<Vec<i64>, sqlx::Error> {
    let (base, pattern, conditions) = conditions(filters);
    let sql = format!(
        "SELECT id FROM organisations WHERE {base} AND {} ORDER BY {}",
        conditions.join(" AND "),
        order_by(db, filters.sort, Lang::Ka)
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql);
    if let Some(p) = &pattern {
        query = query.bind(p);
    }
    query.fetch_all(db.pool()).await
}

/// The organisations of `ids` (a part of [`export_ids`]), whole, in the
/// listing's order; one that stopped matching the filters since (unlisted,
/// say) is left out.
#[tracing::instrument(skip(db, ids), fields(ids = ids.len()))]
pub async fn export_part(
    db: &Db,
    filters: &Filters,
    ids: &[i64],
) -> Result<Vec<crate::directory::MemberProfile>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (base, pattern, conditions) = conditions(filters);
    // The ids are integers the database gave, written as literals so a part
    // of any size stays within every driver's limit on parameters.
    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
    let sql = format!(
        "SELECT {} FROM organisations WHERE {base} AND {} AND id IN ({}) ORDER BY {}",
        super::profile_row::PROFILE_COLUMNS,
        conditions.join(" AND "),
        listed.join(","),
        order_by(db, filters.sort, Lang::Ka)
    );
    let mut query = sqlx::query_as::<_, super::profile_row::ProfileRow>(&sql);
    if let Some(p) = &pattern {
        query = query.bind(p);
    }
    Ok(query
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// A card's summary: the description's first 180 characters.
pub(super) fn summary(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(180).collect();
    if chars.next().is_some() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

fn card_from_row(row: &sqlx::any::AnyRow) -> Result<DirectoryCard, sqlx::Error> {
    Ok(DirectoryCard {
        slug: row.try_get("slug")?,
        name_ka: row.try_get("name_ka")?,
        name_en: row.try_get("name_en")?,
        category: row.try_get("category")?,
        member_since: row.try_get("member_since")?,
        sectors: directory::codes(SECTORS, row.try_get("sectors_mask")?),
        regions: directory::codes(REGIONS, row.try_get("regions_mask")?),
        impact: directory::codes(IMPACT_AREAS, row.try_get("impact_mask")?),
        logo_version: row.try_get("logo_version")?,
        summary_ka: summary(&row.try_get::<String, _>("description_ka")?),
        summary_en: summary(&row.try_get::<String, _>("description_en")?),
    })
}

/// Recomputes the derived columns of every organisation written before the
/// current `INDEX_VERSION` (after a migration, or rows from older code).
#[tracing::instrument(skip(db))]
pub async fn reindex_stale(db: &Db) -> Result<u64, sqlx::Error> {
    let ids: Vec<crate::domain::ids::OrganisationId> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE index_version < $1")
            .bind(INDEX_VERSION)
            .fetch_all(db.pool())
            .await?;
    for id in &ids {
        let mut tx = db.begin_write().await?;
        refresh_derived(&mut tx, *id).await?;
        tx.commit().await?;
    }
    cache(db).changed();
    Ok(ids.len() as u64)
}

/// Derives masks, search text and English sort key from the organisation's
/// rows, inside the caller's transaction.
pub async fn refresh_derived(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: crate::domain::ids::OrganisationId,
) -> Result<(), sqlx::Error> {
    let codes = |table: &'static str, column: &'static str| {
        format!("SELECT {column} FROM {table} WHERE organisation_id = $1")
    };
    let sectors: Vec<String> = sqlx::query_scalar(&codes("organisation_sectors", "sector"))
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    let regions: Vec<String> = sqlx::query_scalar(&codes("organisation_regions", "region"))
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    let impact: Vec<String> =
        sqlx::query_scalar(&codes("organisation_impact_areas", "impact_area"))
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    let texts: (String, String, String, String, String, String) = sqlx::query_as(
        "SELECT name_ka, name_en, description_ka, description_en, products_ka, products_en FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let (name_ka, name_en, description_ka, description_en, products_ka, products_en) = texts;
    let search = directory::search_text(&[
        &name_ka,
        &name_en,
        &description_ka,
        &description_en,
        &products_ka,
        &products_en,
    ]);
    let sort_en = if name_en.trim().is_empty() {
        &name_ka
    } else {
        &name_en
    }
    .to_lowercase();
    sqlx::query(
        "UPDATE organisations SET sectors_mask = $1, regions_mask = $2, impact_mask = $3, search_text = $4, \
           name_sort_en = $5, index_version = $6 WHERE id = $7",
    )
    .bind(directory::mask(SECTORS, &sectors))
    .bind(directory::mask(REGIONS, &regions))
    .bind(directory::mask(IMPACT_AREAS, &impact))
    .bind(search)
    .bind(sort_en)
    .bind(INDEX_VERSION)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(total: i64) -> Listing {
        Listing {
            total,
            page: 1,
            pages: 1,
            items: Vec::new(),
            facets: Vec::new(),
        }
    }

    #[test]
    fn answers_are_reused_until_a_change_and_refreshed_by_one_caller() {
        let cache = ListingCache::default();
        cache.set_max_age(Duration::from_millis(40));
        assert_eq!(cache.get("k"), None, "empty");
        let generation = cache.generation.load(Ordering::SeqCst);
        cache.put("k".into(), generation, &listing(1));
        assert_eq!(cache.get("k").map(|l| l.total), Some(1));
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(cache.get("k"), None, "stale: the first caller recomputes");
        assert_eq!(
            cache.get("k").map(|l| l.total),
            Some(1),
            "the others keep the old answer meanwhile"
        );
        cache.put("k".into(), generation, &listing(2));
        assert_eq!(cache.get("k").map(|l| l.total), Some(2));
        cache.changed();
        assert_eq!(cache.get("k"), None, "a write forgets everything");
        // An answer computed before a write is never kept as current.
        cache.put("k".into(), generation, &listing(3));
        assert_eq!(cache.get("k"), None);
        cache.set_max_age(Duration::ZERO);
        cache.put(
            "k".into(),
            cache.generation.load(Ordering::SeqCst),
            &listing(4),
        );
        assert_eq!(cache.get("k"), None, "off");
    }
}
