//! `GET /api/v1/members.xlsx`: the directory's current selection as a
//! spreadsheet people open in Excel or LibreOffice — column names, sectors,
//! regions and categories in the visitor's language, Georgian intact (an
//! `.xlsx` carries its text as UTF-8 whatever the reader's locale, where a
//! CSV is read in the locale's code page and with its list separator),
//! dates as dates, the header row frozen and filterable. Every cell is
//! written as text or a date, never as a formula.

use crate::state::AppState;
use app::directory::MemberProfile;
use app::domain::lang::Lang;
use app::domain::reference::{
    label, Entry, CATEGORIES, IMPACT_AREAS, LEGAL_FORMS, REGIONS, SECTORS,
};
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// Rows read from the database at a time while the sheet is filled.
const PART: usize = 500;

/// Each column: its name in Georgian and in English, and its width.
const COLUMNS: [(&str, &str, f64); 13] = [
    ("სახელწოდება", "Name (Georgian)", 40.0),
    ("სახელწოდება ინგლისურად", "Name (English)", 40.0),
    ("კატეგორია", "Category", 18.0),
    ("სამართლებრივი ფორმა", "Legal form", 28.0),
    ("საიდენტიფიკაციო კოდი", "Identification code", 16.0),
    ("წევრია", "Member since", 13.0),
    ("სექტორები", "Sectors", 40.0),
    ("რეგიონები", "Regions", 28.0),
    (
        "სამიზნე ჯგუფი / სფერო",
        "Target groups / impact areas",
        36.0,
    ),
    ("ვებგვერდი", "Website", 28.0),
    ("ელფოსტა", "Email", 28.0),
    ("ტელეფონი", "Phone", 16.0),
    ("პროფილი", "Profile", 40.0),
];

pub async fn members_xlsx(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    use app::directory::store::listing::{export_ids, export_part};
    let lang = lang_of(query.as_deref());
    let filters = match super::open_data::filters(query) {
        Ok(filters) => filters,
        Err(response) => return response,
    };
    let ids = match export_ids(&state.db, &filters).await {
        Ok(ids) => ids,
        Err(e) => return super::open_data::unavailable(e),
    };
    let mut rows = Vec::with_capacity(ids.len());
    for part in ids.chunks(PART) {
        match export_part(&state.db, &filters, part).await {
            Ok(mut read) => rows.append(&mut read),
            Err(e) => return super::open_data::unavailable(e),
        }
    }
    let site = state.site.clone();
    let built = tokio::task::spawn_blocking(move || {
        workbook(&rows, lang, |slug| site.link(&format!("/members/{slug}")))
    })
    .await;
    match built {
        Ok(Ok(bytes)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"members.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(error)) => super::open_data::unavailable(error),
        Err(error) => super::open_data::unavailable(error),
    }
}

/// `lang=en` chooses English names and labels; Georgian otherwise.
fn lang_of(query: Option<&str>) -> Lang {
    let english = serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
        .unwrap_or_default()
        .iter()
        .any(|(k, v)| k == "lang" && v == "en");
    if english {
        Lang::En
    } else {
        Lang::Ka
    }
}

/// The workbook's bytes: one sheet, a header row and a row per member.
pub fn workbook(
    rows: &[MemberProfile],
    lang: Lang,
    profile_url: impl Fn(&str) -> String,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("წევრები", "Members"))?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, (ka, en, width)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, lang.pick(ka, en), &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    let labels = |list: &'static [Entry], codes: &[String]| {
        codes
            .iter()
            .map(|c| label(list, c, lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (i, p) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let texts = [
            (0, p.name_ka.clone()),
            (1, p.name_en.clone()),
            (2, label(CATEGORIES, &p.category, lang)),
            (3, label(LEGAL_FORMS, &p.legal_form, lang)),
            (4, p.id_code.clone()),
            (6, labels(SECTORS, &p.sectors)),
            (7, labels(REGIONS, &p.regions)),
            (8, labels(IMPACT_AREAS, &p.impact)),
            (9, p.website.clone()),
            (10, p.email.clone()),
            (11, p.phone.clone()),
            (12, profile_url(&p.slug)),
        ];
        for (col, text) in texts {
            if !text.is_empty() {
                sheet.write_string(row, col, text)?;
            }
        }
        match day(&p.member_since) {
            Some(day) => sheet.write_datetime_with_format(row, 5, day, &date)?,
            None => sheet.write_string(row, 5, &p.member_since)?,
        };
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    workbook.save_to_buffer()
}

/// A `YYYY-MM-DD` date as a spreadsheet date.
fn day(text: &str) -> Option<ExcelDateTime> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u16>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    ExcelDateTime::from_ymd(y, m as u8, d as u8).ok()
}
