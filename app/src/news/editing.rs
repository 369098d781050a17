//! The rules of a post as staff write it: the limits of each field, what a
//! draft and a published post need, the post's address (typed, or made
//! from its title), and when it appears (a time in Tbilisi).

use crate::auth::validate::Problem;
use crate::domain::{calendar, slug};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 500;
pub const BODY_MAX: usize = 20_000;
pub const ALT_MAX: usize = 300;
/// The largest picture file taken.
pub const PICTURE_MAX_BYTES: usize = 8 * 1024 * 1024;
/// A stored picture fits this many pixels on its longer side.
pub const PICTURE_STORED_PIXELS: u32 = 1200;

/// The form's text fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostInput {
    pub slug: String,
    pub title_ka: String,
    pub title_en: String,
    pub summary_ka: String,
    pub summary_en: String,
    pub body_ka: String,
    pub body_en: String,
    pub image_alt_ka: String,
    pub image_alt_en: String,
    /// `datetime-local` in Tbilisi ("2027-03-12T10:00"); empty: when published.
    pub publish_at: String,
}

impl PostInput {
    pub fn text(&self, name: &str) -> &str {
        match name {
            "slug" => &self.slug,
            "title_ka" => &self.title_ka,
            "title_en" => &self.title_en,
            "summary_ka" => &self.summary_ka,
            "summary_en" => &self.summary_en,
            "body_ka" => &self.body_ka,
            "body_en" => &self.body_en,
            "image_alt_ka" => &self.image_alt_ka,
            "image_alt_en" => &self.image_alt_en,
            "publish_at" => &self.publish_at,
            _ => "",
        }
    }

    pub fn text_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "slug" => &mut self.slug,
            "title_ka" => &mut self.title_ka,
            "title_en" => &mut self.title_en,
            "summary_ka" => &mut self.summary_ka,
            "summary_en" => &mut self.summary_en,
            "body_ka" => &mut self.body_ka,
            "body_en" => &mut self.body_en,
            "image_alt_ka" => &mut self.image_alt_ka,
            "image_alt_en" => &mut self.image_alt_en,
            "publish_at" => &mut self.publish_at,
            _ => return None,
        })
    }
}

/// Where a post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostState {
    /// Not shown to visitors.
    Draft,
    /// Published, appearing at a time to come.
    Scheduled,
    Published,
}

impl PostState {
    pub fn of(status: &str, published_at: i64, now: i64) -> PostState {
        match status {
            "published" if published_at > now => PostState::Scheduled,
            "published" => PostState::Published,
            _ => PostState::Draft,
        }
    }
}

/// A post that passed the checks: trimmed texts, and the time it appears
/// (`None`: not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPost {
    pub input: PostInput,
    pub publish_at: Option<i64>,
    /// Whether the address was typed (a clash is then the person's to fix)
    /// or made from the title (a clash gets a number added).
    pub slug_typed: bool,
}

/// Checks a post. A draft needs its Georgian title; a post to publish also
/// its Georgian text. `has_picture`: a picture is kept or sent, so it needs
/// a description.
pub fn validate(
    input: &PostInput,
    publishing: bool,
    has_picture: bool,
) -> Result<CleanPost, Vec<(String, Problem)>> {
    let mut input = input.clone();
    let mut problems = Vec::new();
    for (name, max) in [
        ("title_ka", TITLE_MAX),
        ("title_en", TITLE_MAX),
        ("summary_ka", SUMMARY_MAX),
        ("summary_en", SUMMARY_MAX),
        ("body_ka", BODY_MAX),
        ("body_en", BODY_MAX),
        ("image_alt_ka", ALT_MAX),
        ("image_alt_en", ALT_MAX),
    ] {
        let Some(value) = input.text_mut(name) else {
            continue;
        };
        *value = value.trim().replace("\r\n", "\n");
        if value.chars().count() > max {
            problems.push((name.to_string(), Problem::TooLong));
        }
    }
    let mut required = vec![("title_ka", Problem::Required)];
    if publishing {
        required.push(("body_ka", Problem::Required));
    }
    if has_picture {
        required.push(("image_alt_ka", Problem::AltRequired));
    }
    for (name, problem) in required {
        if input.text(name).is_empty() && !problems.iter().any(|(f, _)| f == name) {
            problems.push((name.to_string(), problem));
        }
    }
    input.slug = input.slug.trim().to_string();
    let slug_typed = !input.slug.is_empty();
    if slug_typed {
        if !slug::is_slug(&input.slug) {
            problems.push(("slug".into(), Problem::SlugInvalid));
        }
    } else {
        input.slug = slug::from_names(&input.title_en, &input.title_ka, "post");
    }
    input.publish_at = input.publish_at.trim().to_string();
    let publish_at = if input.publish_at.is_empty() {
        None
    } else {
        match read_local(&input.publish_at) {
            Some(at) => Some(at),
            None => {
                problems.push(("publish_at".into(), Problem::DateTimeInvalid));
                None
            }
        }
    };
    if problems.is_empty() {
        Ok(CleanPost {
            input,
            publish_at,
            slug_typed,
        })
    } else {
        Err(problems)
    }
}

/// A `datetime-local` value in Tbilisi as a Unix time.
pub fn read_local(text: &str) -> Option<i64> {
    calendar::parse_local(text, crate::apply::TBILISI_OFFSET_SECONDS)
}

/// A Unix time as a `datetime-local` value in Tbilisi.
pub fn local_input(at: i64) -> String {
    calendar::local_value(at, crate::apply::TBILISI_OFFSET_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> PostInput {
        PostInput {
            title_ka: " საერთო კრება ".into(),
            body_ka: "ტექსტი".into(),
            ..PostInput::default()
        }
    }

    #[test]
    fn a_draft_needs_its_georgian_title_and_a_post_to_publish_its_text() {
        let empty = PostInput::default();
        assert_eq!(
            validate(&empty, false, false).unwrap_err(),
            vec![("title_ka".to_string(), Problem::Required)]
        );
        let draft = PostInput {
            body_ka: String::new(),
            ..post()
        };
        assert!(validate(&draft, false, false).is_ok());
        assert_eq!(
            validate(&draft, true, false).unwrap_err(),
            vec![("body_ka".to_string(), Problem::Required)]
        );
        let clean = validate(&post(), true, false).unwrap();
        assert_eq!(clean.input.title_ka, "საერთო კრება");
        assert_eq!(clean.publish_at, None);
    }

    #[test]
    fn a_picture_needs_a_description_and_each_field_its_limit() {
        assert_eq!(
            validate(&post(), true, true).unwrap_err(),
            vec![("image_alt_ka".to_string(), Problem::AltRequired)]
        );
        let long = PostInput {
            body_en: "x".repeat(BODY_MAX + 1),
            summary_ka: "ა".repeat(SUMMARY_MAX),
            ..post()
        };
        assert_eq!(
            validate(&long, true, false).unwrap_err(),
            vec![("body_en".to_string(), Problem::TooLong)]
        );
    }

    #[test]
    fn the_address_is_typed_or_made_from_a_title() {
        let clean = validate(&post(), false, false).unwrap();
        assert_eq!(clean.input.slug, "saerto-kreba");
        assert!(!clean.slug_typed);
        for bad in ["Big", "a--b", "-a", "a-", "ა", "a b", "a/b", "feed.xml"] {
            let typed = PostInput {
                slug: bad.into(),
                ..post()
            };
            assert_eq!(
                validate(&typed, false, false).unwrap_err(),
                vec![("slug".to_string(), Problem::SlugInvalid)],
                "{bad}"
            );
        }
        let typed = PostInput {
            slug: "meeting-2027".into(),
            ..post()
        };
        assert!(validate(&typed, false, false).unwrap().slug_typed);
    }

    #[test]
    fn the_time_is_read_in_tbilisi() {
        let at = PostInput {
            publish_at: "2027-03-12T10:00".into(),
            ..post()
        };
        let clean = validate(&at, true, false).unwrap();
        // 10:00 in Tbilisi is 06:00 UTC.
        assert_eq!(clean.publish_at, Some(1_804_831_200));
        assert_eq!(local_input(1_804_831_200), "2027-03-12T10:00");
        let bad = PostInput {
            publish_at: "tomorrow".into(),
            ..post()
        };
        assert_eq!(
            validate(&bad, true, false).unwrap_err(),
            vec![("publish_at".to_string(), Problem::DateTimeInvalid)]
        );
    }

    #[test]
    fn a_post_is_a_draft_scheduled_or_published() {
        assert_eq!(PostState::of("draft", 0, 10), PostState::Draft);
        assert_eq!(PostState::of("published", 20, 10), PostState::Scheduled);
        assert_eq!(PostState::of("published", 10, 10), PostState::Published);
    }
}
