//! Demo news posts and the current Board.

/// (slug, published on, title ka, title en, summary ka, summary en, body ka, body en)
pub type DemoPost = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub const POSTS: &[DemoPost] = &[
    (
        "general-assembly-2026",
        "2026-03-20",
        "წევრთა საერთო კრებამ 2025 წლის ანგარიში დაამტკიცა",
        "General Assembly approves the 2025 report",
        "კრებამ დაამტკიცა წლიური ანგარიში და ბიუჯეტი, ასევე მიიღო ხუთი ახალი წევრი.",
        "The Assembly approved the annual report and budget and welcomed five new members.",
        "ალიანსის წევრთა საერთო კრება თბილისში გაიმართა. წევრებმა **დაამტკიცეს** 2025 წლის ანგარიში და 2026 წლის ბიუჯეტი.\n\nკრებაზე ასევე განიხილეს:\n\n- წევრთა გამოცდილების გაზიარების ახალი პროგრამა;\n- რეგიონული შეხვედრების განრიგი;\n- სახელმწიფო შესყიდვებში სოციალური საწარმოების მონაწილეობა.",
        "The General Assembly of the Alliance met in Tbilisi. Members **approved** the 2025 report and the 2026 budget.\n\nThe Assembly also discussed:\n\n- a new programme for members to share experience;\n- the calendar of regional meetings;\n- social enterprises taking part in public procurement.",
    ),
    (
        "forum-2025",
        "2025-11-14",
        "სოციალური მეწარმეობის ფორუმი 2025",
        "Social Entrepreneurship Forum 2025",
        "ყოველწლიურ ფორუმზე 300-ზე მეტი მონაწილე შეიკრიბა.",
        "More than 300 participants came together at the annual forum.",
        "წლევანდელი ფორუმის მთავარი თემა სოციალური საწარმოების **მდგრადობა** იყო. მონაწილეებმა ისაუბრეს გაყიდვების არხებზე, ციფრულ ინსტრუმენტებსა და თანამშრომლობაზე კერძო სექტორთან.",
        "This year's forum focused on the **sustainability** of social enterprises. Participants talked about sales channels, digital tools and working with the private sector.",
    ),
    (
        "procurement-guide",
        "2025-09-02",
        "სახელმძღვანელო: სოციალური საწარმოები სახელმწიფო შესყიდვებში",
        "Guide: social enterprises in public procurement",
        "ალიანსმა გამოსცა პრაქტიკული სახელმძღვანელო ტენდერებში მონაწილეობისთვის.",
        "The Alliance published a practical guide to taking part in tenders.",
        "სახელმძღვანელო ნაბიჯ-ნაბიჯ ხსნის, როგორ დარეგისტრირდეს საწარმო შესყიდვების სისტემაში და როგორ მოამზადოს წინადადება.\n\n1. რეგისტრაცია\n2. ტენდერის შერჩევა\n3. წინადადების მომზადება",
        "The guide explains step by step how an enterprise registers in the procurement system and prepares a bid.\n\n1. Registration\n2. Choosing a tender\n3. Preparing the bid",
    ),
    (
        "regional-meeting-kutaisi",
        "2025-06-18",
        "რეგიონული შეხვედრა ქუთაისში",
        "Regional meeting in Kutaisi",
        "იმერეთის, გურიისა და რაჭის წევრებმა გამოცდილება გაუზიარეს ერთმანეთს.",
        "Members from Imereti, Guria and Racha shared their experience.",
        "შეხვედრას 40 წარმომადგენელი დაესწრო. განსაკუთრებული ყურადღება დაეთმო ახალგაზრდების დასაქმებას რეგიონებში.",
        "Forty representatives attended. Youth employment in the regions received special attention.",
    ),
    (
        "new-members-spring",
        "2025-04-07",
        "ალიანსს ახალი წევრები შეემატა",
        "New members join the Alliance",
        "გამგეობამ სამი ასოცირებული წევრის განაცხადი დააკმაყოფილა.",
        "The Board approved the applications of three associate members.",
        "ახალი წევრები კახეთიდან, სამცხე-ჯავახეთიდან და სამეგრელოდან არიან. მივესალმებით მათ ალიანსში!",
        "The new members come from Kakheti, Samtskhe-Javakheti and Samegrelo. We welcome them to the Alliance!",
    ),
    (
        "board-elected-2025",
        "2025-03-15",
        "არჩეულია ალიანსის ახალი გამგეობა",
        "The Alliance elects a new Board",
        "წევრთა საერთო კრებამ გამგეობის 7 წევრი სამი წლის ვადით აირჩია.",
        "The General Assembly elected the seven Board members for three years.",
        "გამგეობის თავმჯდომარედ ნინო ბერიძე აირჩიეს. გამგეობის შემადგენლობა იხილეთ [გამგეობის გვერდზე](/board).",
        "Nino Beridze was elected chair. See the [Board page](/board) for all members.",
    ),
];

/// The initial Board, recorded by hand: (seat, role, person ka, person en,
/// organisation slug).
pub const BOARD: &[(i64, &str, &str, &str, &str)] = &[
    (1, "chair", "ნინო ბერიძე", "Nino Beridze", "nakargi"),
    (
        2,
        "deputy_chair",
        "გიორგი კაპანაძე",
        "Giorgi Kapanadze",
        "mtsvane-borbali",
    ),
    (3, "member", "თამარ ლომიძე", "Tamar Lomidze", "tanadgoma"),
    (4, "member", "ლევან ჩხეიძე", "Levan Chkheidze", "guria-tea"),
    (5, "member", "ეკა გელაშვილი", "Eka Gelashvili", "ertad-cafe"),
    (
        6,
        "member",
        "დავით მამულაშვილი",
        "Davit Mamulashvili",
        "digital-bridge",
    ),
    (
        7,
        "member",
        "მარიამ ჯაფარიძე",
        "Mariam Japaridze",
        "adjara-crafts",
    ),
];

/// Demo logins, for local use only (listed in the README):
/// (email, role, organisation slug, name, password).
pub const ACCOUNTS: &[(&str, &str, Option<&str>, &str, &str)] = &[
    (
        "admin@alliance.example.org",
        "admin",
        None,
        "ადმინისტრატორი",
        "admin-demo-Alliance-2026",
    ),
    (
        "staff@alliance.example.org",
        "staff",
        None,
        "ქეთევან ნოზაძე",
        "staff-demo-Alliance-2026",
    ),
    (
        "board@alliance.example.org",
        "board",
        None,
        "ნინო ბერიძე",
        "board-demo-Alliance-2026",
    ),
    (
        "nakargi@alliance.example.org",
        "member",
        Some("nakargi"),
        "მარინე ცერცვაძე",
        "member-demo-Alliance-2026",
    ),
    (
        "ertad@alliance.example.org",
        "member",
        Some("ertad-cafe"),
        "გიორგი ხუციშვილი",
        "member-demo-Alliance-2026",
    ),
    (
        "kakhuri@alliance.example.org",
        "member",
        Some("kakhuri-putkari"),
        "ლია ჯანიაშვილი",
        "member-demo-Alliance-2026",
    ),
    (
        "borbali@alliance.example.org",
        "member",
        Some("mtsvane-borbali"),
        "დავით ბერაძე",
        "member-demo-Alliance-2026",
    ),
];
