//! Bringing in the existing member organisations from a CSV file (or a
//! spreadsheet saved as CSV): the columns of the template, how a file is
//! read (UTF-8 with or without a byte order mark, commas or semicolons), and
//! the checks of each row before anything is written. What depends on the
//! database (an identification code or an address already there) is added
//! by the server.

use crate::auth::validate::{self, Problem};
use crate::domain::date::Date;
use crate::domain::reference::{Entry, CATEGORIES, LEGAL_FORMS, REGIONS, SECTORS};
use serde::{Deserialize, Serialize};

/// The template's columns, in its order. The first five are needed in every
/// file; the others may be left out.
pub const COLUMNS: [&str; 15] = [
    "name_ka",
    "identification_code",
    "category",
    "member_since",
    "sectors",
    "name_en",
    "legal_form",
    "activity_start",
    "regions",
    "email",
    "phone",
    "website",
    "representative_name",
    "representative_email",
    "representative_language",
];
/// The columns a file must have.
pub const REQUIRED_COLUMNS: usize = 5;
/// The largest file taken.
pub const FILE_MAX_BYTES: usize = 1024 * 1024;
/// The most rows one import brings in.
pub const ROWS_MAX: usize = 1000;

/// The template offered for download: the header and one example row,
/// with a byte order mark so that spreadsheet programs read it as UTF-8.
pub fn template() -> String {
    let example = [
        "ნიმუში",
        "400000000",
        "full",
        "2019-05-14",
        "C;S",
        "Example",
        "llc",
        "2016-03-01",
        "GE-TB;GE-IM",
        "info@example.ge",
        "+995 32 200 0000",
        "https://example.ge",
        "ნინო ბერიძე",
        "nino@example.ge",
        "ka",
    ];
    format!("\u{feff}{}\r\n{}\r\n", COLUMNS.join(","), example.join(","))
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// No file was chosen, or it has no rows under its header.
    Empty,
    TooLarge,
    /// Not UTF-8 text (a spreadsheet saved in another encoding).
    NotUtf8,
    /// A needed column is not in the header (its name).
    MissingColumn(String),
    TooManyRows,
    /// The CSV breaks off or is malformed at this line.
    Unreadable(u64),
}

/// One row as the preview shows it: what will be created, and its problems
/// (by column).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub name_ka: String,
    pub name_en: String,
    pub id_code: String,
    pub legal_form: String,
    pub category: String,
    pub member_since: String,
    pub activity_start: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub rep_name: String,
    pub rep_email: String,
    pub rep_lang: String,
    pub problems: Vec<(String, Problem)>,
}

/// A file read into rows by column name; each row with its line.
pub type Table = Vec<(u64, Vec<(String, String)>)>;

/// Reads the file's rows by its header's column names (trimmed, any case).
#[cfg(feature = "ssr")]
pub fn read(bytes: &[u8]) -> Result<Table, FileProblem> {
    if bytes.len() > FILE_MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or("");
    // Spreadsheets set to some languages save with semicolons.
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|_| FileProblem::Unreadable(1))?
        .iter()
        .map(|name| name.trim().to_lowercase())
        .collect();
    if let Some(missing) = COLUMNS[..REQUIRED_COLUMNS]
        .iter()
        .find(|c| !names.iter().any(|n| n == *c))
    {
        return Err(FileProblem::MissingColumn(missing.to_string()));
    }
    let mut table = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            FileProblem::Unreadable(e.position().map_or(0, |p| line_at(text, p.byte())))
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if table.len() == ROWS_MAX {
            return Err(FileProblem::TooManyRows);
        }
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        let cells = names
            .iter()
            .zip(record.iter())
            .map(|(name, cell)| {
                (
                    name.clone(),
                    crate::platform::post::typed_text(cell.trim().to_string()),
                )
            })
            .collect();
        table.push((line, cells));
    }
    if table.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(table)
}

/// The line (from 1) of a record that starts at `offset` in `text`. (After
/// a CR LF the reader's record starts at the LF.)
#[cfg(feature = "ssr")]
fn line_at(text: &str, offset: u64) -> u64 {
    let mut end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    if text.as_bytes().get(end) == Some(&b'\n') {
        end += 1;
    }
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

/// A code of `list`, given as its code or either label (any case).
fn code_of(list: &'static [Entry], value: &str) -> Option<&'static str> {
    let value = value.trim().to_lowercase();
    list.iter()
        .find(|e| {
            e.code.to_lowercase() == value
                || e.ka.to_lowercase() == value
                || e.en.to_lowercase() == value
        })
        .map(|e| e.code)
}

/// A list of codes separated by semicolons (or commas in a file of
/// semicolons): the codes, or the problem.
fn codes_of(list: &'static [Entry], value: &str) -> Result<Vec<String>, Problem> {
    let mut codes = Vec::new();
    for part in value
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match code_of(list, part) {
            Some(code) if !codes.iter().any(|c| c == code) => codes.push(code.to_string()),
            Some(_) => {}
            None => return Err(Problem::UnknownCode),
        }
    }
    Ok(codes)
}

/// Checks every row on its own and against the other rows of the file
/// (an identification code or a representative's address twice).
pub fn check(table: &Table, today: Date) -> Vec<Row> {
    let mut rows: Vec<Row> = table
        .iter()
        .map(|(line, cells)| check_row(*line, cells, today))
        .collect();
    for i in 0..rows.len() {
        let (before, rest) = rows.split_at_mut(i);
        let row = &mut rest[0];
        if !row.id_code.is_empty() && before.iter().any(|r| r.id_code == row.id_code) {
            row.problems
                .push(("identification_code".into(), Problem::DuplicateInFile));
        }
        if !row.rep_email.is_empty() && before.iter().any(|r| r.rep_email == row.rep_email) {
            row.problems
                .push(("representative_email".into(), Problem::DuplicateInFile));
        }
    }
    rows
}

fn check_row(line: u64, cells: &[(String, String)], today: Date) -> Row {
    let cell = |name: &str| {
        cells
            .iter()
            .find(|(n, _)| n == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    let mut problems: Vec<(String, Problem)> = Vec::new();
    let mut problem = |column: &str, p: Problem| problems.push((column.to_string(), p));
    let name_ka = cell("name_ka");
    if name_ka.is_empty() {
        problem("name_ka", Problem::Required);
    } else if name_ka.chars().count() > crate::domain::profile::NAME_MAX {
        problem("name_ka", Problem::TooLong);
    }
    let name_en = cell("name_en");
    if name_en.chars().count() > crate::domain::profile::NAME_MAX {
        problem("name_en", Problem::TooLong);
    }
    let id_code = cell("identification_code");
    if id_code.is_empty() {
        problem("identification_code", Problem::Required);
    } else if id_code.len() != 9 || !id_code.bytes().all(|b| b.is_ascii_digit()) {
        problem("identification_code", Problem::IdCodeInvalid);
    }
    let legal_form = match cell("legal_form") {
        empty if empty.is_empty() => String::new(),
        given => code_of(LEGAL_FORMS, &given)
            .map(str::to_string)
            .unwrap_or_else(|| {
                problem("legal_form", Problem::UnknownCode);
                given
            }),
    };
    let category = match cell("category") {
        empty if empty.is_empty() => {
            problem("category", Problem::Required);
            empty
        }
        given => code_of(CATEGORIES, &given)
            .map(str::to_string)
            .unwrap_or_else(|| {
                problem("category", Problem::UnknownCode);
                given
            }),
    };
    let mut date = |column: &str, required: bool| {
        let value = cell(column);
        if value.is_empty() {
            if required {
                problem(column, Problem::Required);
            }
            return value;
        }
        match Date::parse(&value) {
            Err(_) => problem(column, Problem::DateInvalid),
            Ok(d) if d > today => problem(column, Problem::DateInFuture),
            Ok(d) if d.year() < 1900 => problem(column, Problem::DateTooEarly),
            Ok(d) => return d.to_string(),
        }
        value
    };
    let member_since = date("member_since", true);
    let activity_start = date("activity_start", false);
    let mut list = |column: &str, entries: &'static [Entry], required: bool| match codes_of(
        entries,
        &cell(column),
    ) {
        Ok(codes) if codes.is_empty() && required => {
            problem(column, Problem::ChooseOne);
            codes
        }
        Ok(codes) => codes,
        Err(p) => {
            problem(column, p);
            Vec::new()
        }
    };
    let sectors = list("sectors", SECTORS, true);
    let regions = list("regions", REGIONS, false);
    let mut email = cell("email");
    if !email.is_empty() {
        match validate::email(&email) {
            Ok(clean) => email = clean,
            Err(p) => problem("email", p),
        }
    }
    let phone = cell("phone");
    if !phone.is_empty() {
        if let Err(p) = crate::domain::profile::phone(&phone) {
            problem("phone", p);
        }
    }
    let mut website = cell("website");
    if !website.is_empty() {
        match crate::domain::profile::website(&website) {
            Ok(clean) => website = clean,
            Err(p) => problem("website", p),
        }
    }
    let mut rep_email = cell("representative_email");
    let mut rep_name = cell("representative_name");
    let mut rep_lang = cell("representative_language").to_lowercase();
    if rep_email.is_empty() {
        rep_name.clear();
        rep_lang.clear();
    } else {
        match validate::email(&rep_email) {
            Ok(clean) => rep_email = clean,
            Err(p) => problem("representative_email", p),
        }
        match validate::name(&rep_name) {
            Ok(clean) => rep_name = clean,
            Err(p) => problem("representative_name", p),
        }
        match rep_lang.as_str() {
            "" => rep_lang = "ka".into(),
            "ka" | "en" => {}
            _ => problem("representative_language", Problem::UnknownCode),
        }
    }
    Row {
        line,
        name_ka,
        name_en,
        id_code,
        legal_form,
        category,
        member_since,
        activity_start,
        sectors,
        regions,
        email,
        phone,
        website,
        rep_name,
        rep_email,
        rep_lang,
        problems,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-12-03").unwrap()
    }

    #[test]
    fn the_template_reads_back_without_a_problem() {
        let table = read(template().as_bytes()).unwrap();
        let rows = check(&table, today());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].problems, vec![]);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].sectors, vec!["C", "S"]);
        assert_eq!(rows[0].rep_email, "nino@example.ge");
    }

    #[test]
    fn a_file_of_semicolons_with_labels_instead_of_codes_is_read() {
        let file = "\u{feff}Name_KA; Identification_Code ;category;member_since;sectors\r\n\
                    \"ნაქარგი; შპს\";400000001;Full member;2020-01-15;\"Manufacturing, S\"\r\n\
                    ;;;;\r\n";
        let rows = check(&read(file.as_bytes()).unwrap(), today());
        assert_eq!(rows.len(), 1, "the empty row is skipped");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].name_ka, "ნაქარგი; შპს");
        assert_eq!(rows[0].category, "full");
        assert_eq!(rows[0].sectors, vec!["C", "S"]);
        assert_eq!(rows[0].problems, vec![]);
    }

    #[test]
    fn a_file_that_cannot_be_read_says_why() {
        assert_eq!(
            read(b"name_ka,category\r\nx,full\r\n"),
            Err(FileProblem::MissingColumn("identification_code".into()))
        );
        assert_eq!(read(&[0xff, 0xfe, b'n', 0]), Err(FileProblem::NotUtf8));
        assert_eq!(read(COLUMNS.join(",").as_bytes()), Err(FileProblem::Empty));
        assert_eq!(
            read(&vec![b'a'; FILE_MAX_BYTES + 1]),
            Err(FileProblem::TooLarge)
        );
        let many = format!(
            "{}\n{}",
            COLUMNS[..5].join(","),
            "x,400000001,full,2020-01-01,C\n".repeat(ROWS_MAX + 1)
        );
        assert_eq!(read(many.as_bytes()), Err(FileProblem::TooManyRows));
    }

    #[test]
    fn each_row_gets_its_problems_by_column() {
        let file = format!(
            "{}\n{}\n{}\n{}\n",
            COLUMNS.join(","),
            ",12345,gold,2030-01-01,Q99,,,1850-01-01,GE-XX,not-mail,abc,javascript:x,,rep@,de",
            "ა,400000001,full,2020-01-01,C,,,,,,,,Rep One,one@example.ge,en",
            "ბ,400000001,associate,2021-01-01,S,,,,,,,,Rep Two,ONE@example.ge,",
        );
        let rows = check(&read(file.as_bytes()).unwrap(), today());
        fn columns(row: &Row) -> Vec<(&str, Problem)> {
            row.problems.iter().map(|(c, p)| (c.as_str(), *p)).collect()
        }
        assert_eq!(
            columns(&rows[0]),
            vec![
                ("name_ka", Problem::Required),
                ("identification_code", Problem::IdCodeInvalid),
                ("category", Problem::UnknownCode),
                ("member_since", Problem::DateInFuture),
                ("activity_start", Problem::DateTooEarly),
                ("sectors", Problem::UnknownCode),
                ("regions", Problem::UnknownCode),
                ("email", Problem::EmailInvalid),
                ("phone", Problem::PhoneInvalid),
                ("website", Problem::UrlInvalid),
                ("representative_email", Problem::EmailInvalid),
                ("representative_name", Problem::Required),
                ("representative_language", Problem::UnknownCode),
            ]
        );
        assert_eq!(columns(&rows[1]), vec![]);
        assert_eq!(rows[1].rep_lang, "en");
        assert_eq!(rows[2].line, 4);
        assert_eq!(
            columns(&rows[2]),
            vec![
                ("identification_code", Problem::DuplicateInFile),
                ("representative_email", Problem::DuplicateInFile),
            ]
        );
        assert_eq!(rows[2].rep_lang, "ka", "Georgian unless the file says");
    }
}
