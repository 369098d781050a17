//! The Alliance's reference lists: membership categories, legal forms, NACE
//! Rev.2 sections, Georgia's ISO 3166-2 units and impact areas, each with its
//! Georgian and English label. Codes are what the database stores.

use super::lang::Lang;

/// A coded entry of a reference list with a label in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub code: &'static str,
    pub ka: &'static str,
    pub en: &'static str,
}

impl Entry {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ka => self.ka,
            Lang::En => self.en,
        }
    }
}

/// Looks an entry up by its code.
pub fn find(list: &'static [Entry], code: &str) -> Option<&'static Entry> {
    list.iter().find(|e| e.code == code)
}

/// The label of `code` in `lang`, or the code itself when it is unknown.
pub fn label(list: &'static [Entry], code: &str, lang: Lang) -> String {
    find(list, code).map_or_else(|| code.to_string(), |e| e.label(lang).to_string())
}

/// Membership categories, from full to honorary.
pub static CATEGORIES: &[Entry] = &[
    Entry {
        code: "full",
        ka: "სრულუფლებიანი წევრი",
        en: "Full member",
    },
    Entry {
        code: "associate",
        ka: "ასოცირებული წევრი",
        en: "Associate member",
    },
    Entry {
        code: "honorary",
        ka: "საპატიო წევრი",
        en: "Honorary member",
    },
];

/// Georgian legal forms; see `is_legal_entity`.
pub static LEGAL_FORMS: &[Entry] = &[
    Entry {
        code: "llc",
        ka: "შეზღუდული პასუხისმგებლობის საზოგადოება (შპს)",
        en: "Limited liability company (LLC)",
    },
    Entry {
        code: "jsc",
        ka: "სააქციო საზოგადოება (სს)",
        en: "Joint-stock company (JSC)",
    },
    Entry {
        code: "general_partnership",
        ka: "სოლიდარული პასუხისმგებლობის საზოგადოება (სპს)",
        en: "General partnership",
    },
    Entry {
        code: "limited_partnership",
        ka: "კომანდიტური საზოგადოება (კს)",
        en: "Limited partnership",
    },
    Entry {
        code: "cooperative",
        ka: "კოოპერატივი",
        en: "Cooperative",
    },
    Entry {
        code: "nnle",
        ka: "არასამეწარმეო (არაკომერციული) იურიდიული პირი (ა(ა)იპ)",
        en: "Non-entrepreneurial (non-commercial) legal entity (NNLE)",
    },
    Entry {
        code: "lepl",
        ka: "საჯარო სამართლის იურიდიული პირი (სსიპ)",
        en: "Legal entity of public law (LEPL)",
    },
    Entry {
        code: "individual_entrepreneur",
        ka: "ინდივიდუალური მეწარმე (ი/მ)",
        en: "Individual entrepreneur",
    },
    Entry {
        code: "foreign_branch",
        ka: "უცხოური საწარმოს ფილიალი",
        en: "Branch of a foreign company",
    },
];

/// Legal forms that are not legal entities and so cannot become members.
pub static NOT_LEGAL_ENTITIES: &[&str] = &["individual_entrepreneur", "foreign_branch"];

pub fn is_legal_entity(code: &str) -> bool {
    find(LEGAL_FORMS, code).is_some() && !NOT_LEGAL_ENTITIES.contains(&code)
}

/// NACE Rev.2 sections A–U.
pub static SECTORS: &[Entry] = &[
    Entry {
        code: "A",
        ka: "სოფლის, სატყეო და თევზის მეურნეობა",
        en: "Agriculture, forestry and fishing",
    },
    Entry {
        code: "B",
        ka: "სამთომოპოვებითი მრეწველობა",
        en: "Mining and quarrying",
    },
    Entry {
        code: "C",
        ka: "დამამუშავებელი მრეწველობა",
        en: "Manufacturing",
    },
    Entry {
        code: "D",
        ka: "ელექტროენერგიის, აირის, ორთქლის და კონდიცირებული ჰაერის მიწოდება",
        en: "Electricity, gas, steam and air conditioning supply",
    },
    Entry {
        code: "E",
        ka: "წყალმომარაგება; ნარჩენების მართვა და დაბინძურებისგან გაწმენდა",
        en: "Water supply; sewerage, waste management and remediation",
    },
    Entry {
        code: "F",
        ka: "მშენებლობა",
        en: "Construction",
    },
    Entry {
        code: "G",
        ka: "საბითუმო და საცალო ვაჭრობა; ავტომობილების და მოტოციკლების რემონტი",
        en: "Wholesale and retail trade; repair of motor vehicles",
    },
    Entry {
        code: "H",
        ka: "ტრანსპორტი და დასაწყობება",
        en: "Transportation and storage",
    },
    Entry {
        code: "I",
        ka: "განთავსება და საკვების მიწოდება",
        en: "Accommodation and food service",
    },
    Entry {
        code: "J",
        ka: "ინფორმაცია და კომუნიკაცია",
        en: "Information and communication",
    },
    Entry {
        code: "K",
        ka: "საფინანსო და სადაზღვევო საქმიანობა",
        en: "Financial and insurance activities",
    },
    Entry {
        code: "L",
        ka: "უძრავ ქონებასთან დაკავშირებული საქმიანობა",
        en: "Real estate activities",
    },
    Entry {
        code: "M",
        ka: "პროფესიული, სამეცნიერო და ტექნიკური საქმიანობა",
        en: "Professional, scientific and technical activities",
    },
    Entry {
        code: "N",
        ka: "ადმინისტრაციული და დამხმარე მომსახურება",
        en: "Administrative and support services",
    },
    Entry {
        code: "O",
        ka: "სახელმწიფო მმართველობა და თავდაცვა; სავალდებულო სოციალური უზრუნველყოფა",
        en: "Public administration and defence; compulsory social security",
    },
    Entry {
        code: "P",
        ka: "განათლება",
        en: "Education",
    },
    Entry {
        code: "Q",
        ka: "ჯანდაცვა და სოციალური მომსახურება",
        en: "Human health and social work",
    },
    Entry {
        code: "R",
        ka: "ხელოვნება, გართობა და დასვენება",
        en: "Arts, entertainment and recreation",
    },
    Entry {
        code: "S",
        ka: "სხვა სახის მომსახურება",
        en: "Other service activities",
    },
    Entry {
        code: "T",
        ka: "შინამეურნეობების, როგორც დამსაქმებლების, საქმიანობა",
        en: "Activities of households as employers",
    },
    Entry {
        code: "U",
        ka: "ექსტერიტორიული ორგანიზაციების საქმიანობა",
        en: "Activities of extraterritorial organisations",
    },
];

/// Georgia's twelve ISO 3166-2 first-level units.
pub static REGIONS: &[Entry] = &[
    Entry {
        code: "GE-TB",
        ka: "თბილისი",
        en: "Tbilisi",
    },
    Entry {
        code: "GE-AJ",
        ka: "აჭარის ავტონომიური რესპუბლიკა",
        en: "Adjara Autonomous Republic",
    },
    Entry {
        code: "GE-AB",
        ka: "აფხაზეთის ავტონომიური რესპუბლიკა",
        en: "Abkhazia Autonomous Republic",
    },
    Entry {
        code: "GE-GU",
        ka: "გურია",
        en: "Guria",
    },
    Entry {
        code: "GE-IM",
        ka: "იმერეთი",
        en: "Imereti",
    },
    Entry {
        code: "GE-KA",
        ka: "კახეთი",
        en: "Kakheti",
    },
    Entry {
        code: "GE-KK",
        ka: "ქვემო ქართლი",
        en: "Kvemo Kartli",
    },
    Entry {
        code: "GE-MM",
        ka: "მცხეთა-მთიანეთი",
        en: "Mtskheta-Mtianeti",
    },
    Entry {
        code: "GE-RL",
        ka: "რაჭა-ლეჩხუმი და ქვემო სვანეთი",
        en: "Racha-Lechkhumi and Kvemo Svaneti",
    },
    Entry {
        code: "GE-SZ",
        ka: "სამეგრელო-ზემო სვანეთი",
        en: "Samegrelo-Zemo Svaneti",
    },
    Entry {
        code: "GE-SJ",
        ka: "სამცხე-ჯავახეთი",
        en: "Samtskhe-Javakheti",
    },
    Entry {
        code: "GE-SK",
        ka: "შიდა ქართლი",
        en: "Shida Kartli",
    },
];

/// Target groups and impact areas.
pub static IMPACT_AREAS: &[Entry] = &[
    Entry {
        code: "disability",
        ka: "შეზღუდული შესაძლებლობის მქონე პირები",
        en: "People with disabilities",
    },
    Entry {
        code: "idp",
        ka: "იძულებით გადაადგილებული პირები",
        en: "Internally displaced people",
    },
    Entry {
        code: "women",
        ka: "ქალთა გაძლიერება",
        en: "Women's empowerment",
    },
    Entry {
        code: "youth",
        ka: "ახალგაზრდები",
        en: "Youth",
    },
    Entry {
        code: "elderly",
        ka: "ხანდაზმულები",
        en: "Older people",
    },
    Entry {
        code: "minorities",
        ka: "ეთნიკური უმცირესობები",
        en: "Ethnic minorities",
    },
    Entry {
        code: "rural",
        ka: "სოფლის განვითარება",
        en: "Rural development",
    },
    Entry {
        code: "employment",
        ka: "დასაქმება",
        en: "Employment",
    },
    Entry {
        code: "environment",
        ka: "გარემოს დაცვა",
        en: "Environment",
    },
    Entry {
        code: "education",
        ka: "განათლება",
        en: "Education",
    },
    Entry {
        code: "health",
        ka: "ჯანმრთელობა",
        en: "Health",
    },
    Entry {
        code: "culture_crafts",
        ka: "კულტურა და ხელოსნობა",
        en: "Culture and crafts",
    },
    Entry {
        code: "poverty",
        ka: "სიღარიბის შემცირება",
        en: "Poverty reduction",
    },
];

/// A member organisation's standing.
pub static STATUSES: &[Entry] = &[
    Entry {
        code: "active",
        ka: "აქტიური",
        en: "Active",
    },
    Entry {
        code: "suspended",
        ka: "შეჩერებული",
        en: "Suspended",
    },
    Entry {
        code: "left",
        ka: "გასული",
        en: "Left",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_the_expected_sizes() {
        assert_eq!(CATEGORIES.len(), 3);
        assert_eq!(SECTORS.len(), 21);
        assert_eq!(REGIONS.len(), 12);
        assert_eq!(SECTORS.first().map(|s| s.code), Some("A"));
        assert_eq!(SECTORS.last().map(|s| s.code), Some("U"));
    }

    #[test]
    fn codes_are_unique_in_every_list() {
        for list in [CATEGORIES, LEGAL_FORMS, SECTORS, REGIONS, IMPACT_AREAS] {
            let mut codes: Vec<_> = list.iter().map(|e| e.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), list.len());
        }
    }

    #[test]
    fn individual_entrepreneurs_and_branches_are_not_legal_entities() {
        assert!(is_legal_entity("llc"));
        assert!(is_legal_entity("nnle"));
        assert!(!is_legal_entity("individual_entrepreneur"));
        assert!(!is_legal_entity("foreign_branch"));
        assert!(!is_legal_entity("unknown"));
    }

    #[test]
    fn labels_follow_the_language() {
        let tbilisi = find(REGIONS, "GE-TB").expect("Tbilisi is listed");
        assert_eq!(tbilisi.label(Lang::Ka), "თბილისი");
        assert_eq!(tbilisi.label(Lang::En), "Tbilisi");
    }
}
