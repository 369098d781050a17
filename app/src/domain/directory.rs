//! The member directory's filters, as they live in the URL and the open-data
//! API, and the derived values each organisation keeps for fast filtering:
//! one bit per sector, region and impact area, and a search text that also
//! holds the Latin transliteration of Georgian, so "nakargi" finds "ნაქარგი".

use super::reference::{Entry, CATEGORIES, IMPACT_AREAS, REGIONS, SECTORS};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 20;

/// A member organisation's standing. Only active organisations are listed,
/// counted for the quorum and called to assemblies; one that has left keeps
/// its record (and its identification code may apply again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationStatus {
    #[default]
    Active,
    Suspended,
    Left,
}

impl OrganisationStatus {
    pub const ALL: [OrganisationStatus; 3] = [
        OrganisationStatus::Active,
        OrganisationStatus::Suspended,
        OrganisationStatus::Left,
    ];

    /// As storage keeps it and forms send it (the codes of
    /// `reference::STATUSES`, which holds their labels).
    pub fn code(self) -> &'static str {
        match self {
            OrganisationStatus::Active => "active",
            OrganisationStatus::Suspended => "suspended",
            OrganisationStatus::Left => "left",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationStatus> {
        OrganisationStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
    }
}
pub const QUERY_MAX_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Alphabetical, in the reader's language (Georgian alphabet order).
    #[default]
    Name,
    /// Newest members first.
    Since,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Filters {
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub categories: Vec<String>,
    pub impact: Vec<String>,
    pub q: String,
    pub sort: Sort,
    pub page: i64,
}

/// A query parameter with a value the directory does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unknown value {value:?} for parameter {param:?}")]
pub struct FilterError {
    pub param: String,
    pub value: String,
}

/// The four facets: URL parameter and reference list.
pub const FACETS: [(&str, &[Entry]); 4] = [
    ("sector", SECTORS),
    ("region", REGIONS),
    ("category", CATEGORIES),
    ("impact", IMPACT_AREAS),
];

impl Filters {
    /// Reads `sector`, `region`, `category`, `impact` (each repeatable), `q`,
    /// `sort` (`name` or `since`) and `page`. Unknown parameters are ignored;
    /// unknown values are an error that names the parameter.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filters, FilterError> {
        let mut filters = Filters {
            page: 1,
            ..Filters::default()
        };
        let bad = |param: &str, value: &str| FilterError {
            param: param.into(),
            value: value.into(),
        };
        for (param, value) in pairs {
            let value = value.trim();
            match param {
                "sector" | "region" | "category" | "impact" => {
                    if value.is_empty() {
                        continue;
                    }
                    let (list, target) = match param {
                        "sector" => (SECTORS, &mut filters.sectors),
                        "region" => (REGIONS, &mut filters.regions),
                        "category" => (CATEGORIES, &mut filters.categories),
                        _ => (IMPACT_AREAS, &mut filters.impact),
                    };
                    let entry = list
                        .iter()
                        .find(|e| e.code.eq_ignore_ascii_case(value))
                        .ok_or_else(|| bad(param, value))?;
                    if !target.iter().any(|c| c == entry.code) {
                        target.push(entry.code.to_string());
                    }
                }
                "q" => filters.q = value.chars().take(QUERY_MAX_CHARS).collect(),
                "sort" => {
                    filters.sort = match value {
                        "" | "name" => Sort::Name,
                        "since" => Sort::Since,
                        _ => return Err(bad(param, value)),
                    }
                }
                "page" => {
                    filters.page = match value.parse::<i64>() {
                        Ok(page) if page >= 1 => page.min(100_000),
                        _ if value.is_empty() => 1,
                        _ => return Err(bad(param, value)),
                    }
                }
                _ => {}
            }
        }
        for list in [
            &mut filters.sectors,
            &mut filters.regions,
            &mut filters.categories,
            &mut filters.impact,
        ] {
            list.sort();
        }
        Ok(filters)
    }

    /// Like `parse`, but drops the pairs it cannot read (for a page that
    /// should show something sensible for any URL).
    pub fn parse_lenient<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filters {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let valid = pairs
            .iter()
            .copied()
            .filter(|pair| Filters::parse([*pair]).is_ok());
        Filters::parse(valid).unwrap_or_default()
    }

    /// The query string for these filters (without `?`), defaults left out,
    /// in a fixed order so equal filters give equal URLs.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (param, values) in [
            ("sector", &self.sectors),
            ("region", &self.regions),
            ("category", &self.categories),
            ("impact", &self.impact),
        ] {
            pairs.extend(values.iter().map(|v| (param, v.as_str())));
        }
        if !self.q.is_empty() {
            pairs.push(("q", &self.q));
        }
        if self.sort == Sort::Since {
            pairs.push(("sort", "since"));
        }
        let page = self.page.to_string();
        if self.page > 1 {
            pairs.push(("page", &page));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    pub fn is_filtered(&self) -> bool {
        !(self.sectors.is_empty()
            && self.regions.is_empty()
            && self.categories.is_empty()
            && self.impact.is_empty()
            && self.q.is_empty())
    }

    /// The same filters with one value of a facet switched on or off, back on page 1.
    pub fn toggled(&self, param: &str, code: &str) -> Filters {
        let mut next = Filters {
            page: 1,
            ..self.clone()
        };
        let list = match param {
            "sector" => &mut next.sectors,
            "region" => &mut next.regions,
            "category" => &mut next.categories,
            _ => &mut next.impact,
        };
        if let Some(i) = list.iter().position(|c| c == code) {
            list.remove(i);
        } else {
            list.push(code.to_string());
            list.sort();
        }
        next
    }

    pub fn selected(&self, param: &str) -> &[String] {
        match param {
            "sector" => &self.sectors,
            "region" => &self.regions,
            "category" => &self.categories,
            _ => &self.impact,
        }
    }
}

/// Percent-encodes a query value (UTF-8), spaces as `+`.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// One bit per entry of `list` that `codes` names.
pub fn mask(list: &[Entry], codes: &[String]) -> i64 {
    list.iter()
        .enumerate()
        .filter(|(_, e)| codes.iter().any(|c| c == e.code))
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// The codes whose bits are set in `mask`, in list order.
pub fn codes(list: &'static [Entry], mask: i64) -> Vec<String> {
    list.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, e)| e.code.to_string())
        .collect()
}

/// Lower case, and Georgian also written in Latin letters (the national
/// transliteration system), so either script finds either.
pub fn search_text(parts: &[&str]) -> String {
    let joined = parts.join(" ").to_lowercase();
    let latin = transliterate(&joined);
    if latin == joined {
        joined
    } else {
        format!("{joined} {latin}")
    }
}

/// A search query in the form `search_text` stores it.
pub fn normalise_query(q: &str) -> String {
    q.trim().to_lowercase()
}

/// Georgian (Mkhedruli, and Mtavruli capitals) to Latin letters.
pub fn transliterate(text: &str) -> String {
    text.chars()
        .map(|c| {
            let c = match c as u32 {
                // Mtavruli capitals map onto Mkhedruli.
                0x1C90..=0x1CBA => char::from_u32(c as u32 - 0x1C90 + 0x10D0).unwrap_or(c),
                _ => c,
            };
            match c {
                'ა' => "a",
                'ბ' => "b",
                'გ' => "g",
                'დ' => "d",
                'ე' => "e",
                'ვ' => "v",
                'ზ' => "z",
                'თ' => "t",
                'ი' => "i",
                'კ' => "k",
                'ლ' => "l",
                'მ' => "m",
                'ნ' => "n",
                'ო' => "o",
                'პ' => "p",
                'ჟ' => "zh",
                'რ' => "r",
                'ს' => "s",
                'ტ' => "t",
                'უ' => "u",
                'ფ' => "p",
                'ქ' => "k",
                'ღ' => "gh",
                'ყ' => "q",
                'შ' => "sh",
                'ჩ' => "ch",
                'ც' => "ts",
                'ძ' => "dz",
                'წ' => "ts",
                'ჭ' => "ch",
                'ხ' => "kh",
                'ჯ' => "j",
                'ჰ' => "h",
                _ => return c.to_string(),
            }
            .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_statuses_are_the_reference_list() {
        let codes: Vec<&str> = super::super::reference::STATUSES
            .iter()
            .map(|e| e.code)
            .collect();
        let ours: Vec<&str> = OrganisationStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, ours);
        for status in OrganisationStatus::ALL {
            assert_eq!(OrganisationStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(OrganisationStatus::from_code("gone"), None);
    }

    fn parse(query: &str) -> Result<Filters, FilterError> {
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .collect();
        Filters::parse(pairs)
    }

    #[test]
    fn parses_and_writes_the_same_query() {
        let f = parse(
            "sector=C&sector=a&region=GE-TB&category=full&impact=women&q=tea&sort=since&page=3",
        )
        .unwrap();
        assert_eq!(f.sectors, ["A", "C"]);
        assert_eq!(f.regions, ["GE-TB"]);
        assert_eq!(f.sort, Sort::Since);
        assert_eq!(f.page, 3);
        assert_eq!(
            f.to_query(),
            "sector=A&sector=C&region=GE-TB&category=full&impact=women&q=tea&sort=since&page=3"
        );
        assert_eq!(parse(&f.to_query()).unwrap(), f);
        assert_eq!(parse("").unwrap().to_query(), "");
    }

    #[test]
    fn unknown_values_name_their_parameter() {
        assert_eq!(
            parse("sector=Z"),
            Err(FilterError {
                param: "sector".into(),
                value: "Z".into()
            })
        );
        assert_eq!(parse("region=GE-XX").unwrap_err().param, "region");
        assert_eq!(parse("sort=random").unwrap_err().param, "sort");
        assert_eq!(parse("page=0").unwrap_err().param, "page");
        assert_eq!(parse("page=x").unwrap_err().param, "page");
        assert!(
            parse("utm_source=x&sector=").is_ok(),
            "unknown parameters and empty values are ignored"
        );
    }

    #[test]
    fn toggling_adds_and_removes_and_returns_to_page_one() {
        let f = parse("sector=A&page=4").unwrap();
        let more = f.toggled("sector", "C");
        assert_eq!(more.sectors, ["A", "C"]);
        assert_eq!(more.page, 1);
        assert_eq!(more.toggled("sector", "A").sectors, ["C"]);
    }

    #[test]
    fn masks_round_trip() {
        let codes_in = vec!["C".to_string(), "U".to_string(), "A".to_string()];
        let m = mask(SECTORS, &codes_in);
        assert_eq!(m, 1 | 4 | 1 << 20);
        assert_eq!(codes(SECTORS, m), ["A", "C", "U"]);
    }

    #[test]
    fn search_text_holds_both_scripts() {
        assert_eq!(transliterate("ნაქარგი"), "nakargi");
        assert_eq!(transliterate("ჭაშნიკი ღვინო"), "chashniki ghvino");
        assert_eq!(transliterate("ᲗᲑᲘᲚᲘᲡᲘ"), "tbilisi", "Mtavruli capitals");
        let text = search_text(&["ნაქარგი", "Nakargi Embroidery"]);
        assert!(
            text.contains("ნაქარგი")
                && text.contains("nakargi embroidery")
                && text.contains("nakargi nakargi")
        );
        assert_eq!(normalise_query("  Tea "), "tea");
    }

    #[test]
    fn queries_are_encoded() {
        assert_eq!(encode("ჩაი & tea"), "%E1%83%A9%E1%83%90%E1%83%98+%26+tea");
    }
}
