//! Lists shown a page at a time: which rows a requested page holds, and the
//! page as it travels from the server to the browser. Every list the
//! platform shows (the directory, news, the review queue, accounts,
//! organisations for the secretariat, assemblies) reads one page of its rows
//! from the database, so no request loads a whole table.

use serde::{Deserialize, Serialize};

/// Rows per page in the secretariat's lists.
pub const LIST_PAGE_SIZE: i64 = 50;

/// The rows of one page: `LIMIT limit OFFSET offset` in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The page shown, 1-based: the requested one moved into `1..=pages`.
    pub page: i64,
    /// How many pages there are; at least one, even for no rows.
    pub pages: i64,
    pub limit: i64,
    pub offset: i64,
}

impl Window {
    /// The page `requested` of `total` rows, `per_page` (at least 1) each. A
    /// page past the end shows the last one; zero or less the first.
    pub fn of(total: i64, requested: i64, per_page: i64) -> Window {
        let per_page = per_page.max(1);
        let pages = ((total.max(0) + per_page - 1) / per_page).max(1);
        let page = requested.clamp(1, pages);
        Window {
            page,
            pages,
            limit: per_page,
            offset: (page - 1) * per_page,
        }
    }
}

/// One page of a list, with where it sits among the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub pages: i64,
    /// Rows in the whole list.
    pub total: i64,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, window: Window, total: i64) -> Paged<T> {
        Paged {
            items,
            page: window.page,
            pages: window.pages,
            total,
        }
    }

    /// The same page with each row turned into another.
    pub fn map<U>(self, row: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(row).collect(),
            page: self.page,
            pages: self.pages,
            total: self.total,
        }
    }
}

/// The page number from a query parameter: absent or unreadable is the
/// first page.
pub fn page_param(value: Option<&str>) -> i64 {
    value
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_the_requested_page_within_the_list() {
        assert_eq!(
            Window::of(120, 2, 50),
            Window {
                page: 2,
                pages: 3,
                limit: 50,
                offset: 50
            }
        );
        assert_eq!(Window::of(120, 9, 50).page, 3);
        assert_eq!(Window::of(120, 9, 50).offset, 100);
        assert_eq!(Window::of(120, -4, 50).offset, 0);
        assert_eq!(Window::of(100, 3, 50).page, 2);
        assert_eq!(Window::of(101, 3, 50).page, 3);
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let window = Window::of(0, 5, 50);
        assert_eq!((window.page, window.pages, window.offset), (1, 1, 0));
        assert_eq!(Window::of(10, 1, 0).limit, 1);
    }

    #[test]
    fn page_numbers_from_the_address_never_fail() {
        assert_eq!(page_param(None), 1);
        assert_eq!(page_param(Some("3")), 3);
        assert_eq!(page_param(Some(" 2 ")), 2);
        assert_eq!(page_param(Some("0")), 1);
        assert_eq!(page_param(Some("-1")), 1);
        assert_eq!(page_param(Some("99999999999999999999999")), 1);
        assert_eq!(page_param(Some("x")), 1);
    }
}
