//! The last part of a page's address (a member's profile, a news post):
//! small Latin letters, digits and single hyphens, made from a name.

use super::directory::transliterate;

/// The longest slug made.
pub const MAX: usize = 80;

/// A slug from the English name, or from the Georgian one in Latin letters
/// (the national transliteration) when the English one has no letter or
/// digit; `fallback` when neither gives one.
pub fn from_names(en: &str, ka: &str, fallback: &str) -> String {
    let source = if en.chars().any(|c| c.is_ascii_alphanumeric()) {
        en.to_string()
    } else {
        transliterate(ka)
    };
    let mut slug = String::new();
    for c in source.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if slug.len() >= MAX {
                break;
            }
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug.to_string()
    }
}

/// Whether `slug` is one: 1 to [`MAX`] small Latin letters, digits and
/// single hyphens between them.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_made_from_the_english_name_or_the_georgian_one() {
        assert_eq!(
            from_names("General Assembly, 2027!", "x", "post"),
            "general-assembly-2027"
        );
        assert_eq!(
            from_names("", "საერთო კრება 2027", "post"),
            "saerto-kreba-2027"
        );
        assert_eq!(
            from_names("—", "ჟღერადობა ჭადრაკი", "post"),
            "zhgheradoba-chadraki"
        );
        assert_eq!(from_names("", "!!!", "member"), "member");
        assert!(from_names(&"word ".repeat(40), "", "post").len() <= MAX);
    }

    #[test]
    fn only_small_latin_letters_digits_and_single_hyphens_make_a_slug() {
        assert!(is_slug("meeting-2027"));
        for bad in ["", "Big", "a--b", "-a", "a-", "ა", "a b", "a/b", "feed.xml"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
