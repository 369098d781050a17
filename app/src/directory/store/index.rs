//! The directory's index: every listed organisation in memory, once per
//! server instance, with its facets as bitmasks, its search text (both
//! languages, Georgian also in Latin letters) and its card, in the three
//! orders the directory sorts by. A page with every facet count is one pass
//! over the index (about 10 µs per thousand organisations) instead of a
//! counting query.
//!
//! It stays current through `directory_version`, a counter every write to
//! `organisations` moves on (a trigger, so writes by other instances and by
//! hand count too): each answer first reads the counter, and a moved
//! counter builds the index again — one caller builds, the others wait for
//! it, so an answer never shows a state older than the request.

use super::listing::summary;
use crate::db::Db;
use crate::directory::{DirectoryCard, Facet, Listing};
use crate::domain::directory::{self, Filters, Sort, FACETS, PAGE_SIZE};
use crate::domain::lang::Lang;
use crate::domain::paging::Window;
use crate::domain::reference::{CATEGORIES, IMPACT_AREAS, REGIONS, SECTORS};
use sqlx::Row;
use std::sync::{Arc, RwLock};

/// One listed organisation.
#[derive(Debug)]
struct Member {
    /// Each facet's values as bits, in `FACETS` order.
    masks: [u64; 4],
    search: Box<str>,
    card: DirectoryCard,
}

/// The listed organisations at one `directory_version`.
#[derive(Debug, Default)]
pub struct Index {
    version: i64,
    members: Vec<Member>,
    by_name_ka: Vec<u32>,
    by_name_en: Vec<u32>,
    by_since: Vec<u32>,
}

/// The index of one database, kept with it (`Db::shared`).
#[derive(Debug, Default)]
pub struct DirectoryIndex {
    current: RwLock<Option<Arc<Index>>>,
    /// Held while the index is built, so one caller builds it.
    building: tokio::sync::Mutex<()>,
}

const LISTED_COLUMNS: &str = "id, slug, name_ka, name_en, name_sort_en, category, member_since, \
    sectors_mask, regions_mask, impact_mask, logo_version, description_ka, description_en, search_text";

impl DirectoryIndex {
    /// The index as of now: built again if an organisation was written
    /// since it was built.
    pub async fn current(&self, db: &Db) -> Result<Arc<Index>, sqlx::Error> {
        let version = version(db).await?;
        if let Some(index) = self.fresh(version) {
            return Ok(index);
        }
        let _building = self.building.lock().await;
        // Another caller may have built it while this one waited.
        let version = self::version(db).await?;
        if let Some(index) = self.fresh(version) {
            return Ok(index);
        }
        let index = Arc::new(Index::load(db).await?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(index.clone());
        Ok(index)
    }

    fn fresh(&self, version: i64) -> Option<Arc<Index>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|index| index.version >= version)
            .cloned()
    }
}

/// The counter every write to an organisation moves on.
async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1")
        .fetch_one(db.pool())
        .await
}

impl Index {
    /// Reads every listed organisation. The version is read first, so the
    /// rows are at least that recent (a write in between only means one
    /// more build on the next request).
    async fn load(db: &Db) -> Result<Index, sqlx::Error> {
        use futures::TryStreamExt;
        let version = version(db).await?;
        // Row by row: the rows are never all in memory at once beside the
        // index they become.
        let sql = format!(
            "SELECT {LISTED_COLUMNS} FROM organisations WHERE status = 'active' AND listed = 1"
        );
        let mut rows = sqlx::query(&sql).fetch(db.pool());
        let mut members = Vec::new();
        let mut keys = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let row = &row;
            let category: String = row.try_get("category")?;
            let category_bit = CATEGORIES
                .iter()
                .position(|e| e.code == category)
                .map_or(0, |i| 1u64 << i);
            let (sectors, regions, impact): (i64, i64, i64) = (
                row.try_get("sectors_mask")?,
                row.try_get("regions_mask")?,
                row.try_get("impact_mask")?,
            );
            let description_ka: String = row.try_get("description_ka")?;
            let description_en: String = row.try_get("description_en")?;
            let card = DirectoryCard {
                slug: row.try_get("slug")?,
                name_ka: row.try_get("name_ka")?,
                name_en: row.try_get("name_en")?,
                category,
                member_since: row.try_get("member_since")?,
                sectors: directory::codes(SECTORS, sectors),
                regions: directory::codes(REGIONS, regions),
                impact: directory::codes(IMPACT_AREAS, impact),
                logo_version: row.try_get("logo_version")?,
                summary_ka: summary(&description_ka),
                summary_en: summary(&description_en),
            };
            let id: i64 = row.try_get("id")?;
            let sort_en: String = row.try_get("name_sort_en")?;
            keys.push((id, sort_en));
            members.push(Member {
                masks: [sectors as u64, regions as u64, category_bit, impact as u64],
                search: row.try_get::<String, _>("search_text")?.into_boxed_str(),
                card,
            });
        }
        drop(rows);
        members.shrink_to_fit();
        let all = || (0..members.len() as u32).collect::<Vec<u32>>();
        // The same orders as the SQL listing: bytes (binary collation), then id.
        let mut by_name_ka = all();
        by_name_ka.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (members[a].card.name_ka.as_bytes(), keys[a].0)
                .cmp(&(members[b].card.name_ka.as_bytes(), keys[b].0))
        });
        let mut by_name_en = all();
        by_name_en.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (keys[a].1.as_bytes(), keys[a].0).cmp(&(keys[b].1.as_bytes(), keys[b].0))
        });
        let mut by_since = all();
        by_since.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (members[b].card.member_since.as_str(), keys[b].0)
                .cmp(&(members[a].card.member_since.as_str(), keys[a].0))
        });
        Ok(Index {
            version,
            members,
            by_name_ka,
            by_name_en,
            by_since,
        })
    }

    /// One page with the facet counts: for each facet value, how many match
    /// the search and every other facet's selection with that value.
    pub fn search(&self, filters: &Filters, lang: Lang) -> Listing {
        let selected: [u64; 4] = std::array::from_fn(|f| {
            let (param, list) = FACETS[f];
            directory::mask(list, filters.selected(param)) as u64
        });
        let q = directory::normalise_query(&filters.q);
        let finder = (!q.is_empty()).then(|| memchr::memmem::Finder::new(q.as_bytes()));
        let mut counts: [[i64; 64]; 4] = [[0; 64]; 4];
        let mut total = 0i64;
        // Which members match everything, by position (for the page).
        let mut matching = vec![false; self.members.len()];
        for (i, member) in self.members.iter().enumerate() {
            if let Some(finder) = &finder {
                if finder.find(member.search.as_bytes()).is_none() {
                    continue;
                }
            }
            let mut missed = 0u32;
            let mut missed_facet = 0usize;
            for (f, (&wanted, &has)) in selected.iter().zip(&member.masks).enumerate() {
                if wanted != 0 && has & wanted == 0 {
                    missed += 1;
                    missed_facet = f;
                }
            }
            match missed {
                0 => {
                    total += 1;
                    matching[i] = true;
                    for (f, facet_counts) in counts.iter_mut().enumerate() {
                        add_bits(facet_counts, member.masks[f]);
                    }
                }
                // Matches every other facet: counts for the one it misses.
                1 => add_bits(&mut counts[missed_facet], member.masks[missed_facet]),
                _ => {}
            }
        }
        let facets = FACETS
            .iter()
            .enumerate()
            .map(|(f, (param, list))| Facet {
                param: param.to_string(),
                counts: list
                    .iter()
                    .enumerate()
                    .map(|(i, entry)| (entry.code.to_string(), counts[f][i]))
                    .collect(),
            })
            .collect();
        let window = Window::of(total, filters.page, PAGE_SIZE);
        let order = match (filters.sort, lang) {
            (Sort::Since, _) => &self.by_since,
            (Sort::Name, Lang::Ka) => &self.by_name_ka,
            (Sort::Name, Lang::En) => &self.by_name_en,
        };
        let items = order
            .iter()
            .filter(|&&i| matching[i as usize])
            .skip(window.offset as usize)
            .take(window.limit as usize)
            .map(|&i| self.members[i as usize].card.clone())
            .collect();
        Listing {
            total,
            page: window.page,
            pages: window.pages,
            items,
            facets,
        }
    }
}

fn add_bits(counts: &mut [i64; 64], mut mask: u64) {
    while mask != 0 {
        counts[mask.trailing_zeros() as usize] += 1;
        mask &= mask - 1;
    }
}

/// The directory's index of one database.
pub fn of(db: &Db) -> Arc<DirectoryIndex> {
    db.shared::<DirectoryIndex>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_counted_where_they_are_set() {
        let mut counts = [0i64; 64];
        add_bits(&mut counts, 0b1010_0001);
        add_bits(&mut counts, 1 << 63);
        assert_eq!((counts[0], counts[5], counts[7], counts[63]), (1, 1, 1, 1));
        assert_eq!(counts.iter().sum::<i64>(), 4);
    }
}
