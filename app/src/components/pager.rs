//! The pager under a list shown a page at a time: links to the previous and
//! the next page (plain links, so they work without JavaScript and can be
//! shared) and where the reader is.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Nothing when the list fits one page. `href` gives a page's address,
/// keeping whatever else the list's address carries (filters, sorting).
#[component]
pub fn Pager<F>(
    page: i64,
    pages: i64,
    /// Names the navigation for screen readers ("Result pages").
    label: &'static str,
    /// The links' words; the list's own when it has better ones ("Newer").
    #[prop(optional)]
    previous: Option<&'static str>,
    #[prop(optional)] next: Option<&'static str>,
    href: F,
) -> impl IntoView
where
    F: Fn(i64) -> String + 'static,
{
    let words = use_i18n().t().paging();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                {(page > 1).then(|| view! {
                    <a rel="prev" href=crate::i18n::at(&href(page - 1))>{previous.unwrap_or(words.previous)}</a>
                })}
                <span aria-current="page">{(words.page_of)(page, pages)}</span>
                {(page < pages).then(|| view! {
                    <a rel="next" href=crate::i18n::at(&href(page + 1))>{next.unwrap_or(words.next)}</a>
                })}
            </nav>
        }
    })
}

/// `path` with the query `pairs` and `page` (left out for the first page,
/// so the first page has one address).
pub fn page_href(path: &str, pairs: &[(&str, String)], page: i64) -> String {
    let mut query: Vec<(&str, String)> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .cloned()
        .collect();
    if page > 1 {
        query.push(("page", page.to_string()));
    }
    if query.is_empty() {
        return path.to_string();
    }
    let encoded: Vec<String> = query
        .iter()
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect();
    format!("{path}?{}", encoded.join("&"))
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::page_href;

    #[test]
    fn page_addresses_keep_the_lists_other_parameters() {
        assert_eq!(page_href("/admin/users", &[], 1), "/admin/users");
        assert_eq!(page_href("/admin/users", &[], 3), "/admin/users?page=3");
        assert_eq!(
            page_href(
                "/admin/applications",
                &[("status", "open".into()), ("age", String::new())],
                2
            ),
            "/admin/applications?status=open&page=2"
        );
        assert_eq!(
            page_href("/x", &[("q", "a b&c".into())], 1),
            "/x?q=a%20b%26c"
        );
    }
}
