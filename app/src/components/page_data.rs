//! How the data a page loaded travels in its HTML to the browser, which
//! hydrates the page from it instead of asking again.
//!
//! Leptos writes each loaded value into the page as a JavaScript string
//! literal made with Rust's `Debug` formatting, which looks every
//! character outside ASCII up in Unicode tables: for the directory's
//! Georgian cards that lookup was a seventh of the time a page took to
//! render. [`AsciiJson`] is JSON with every such character already written
//! as a `\uXXXX` escape, which that formatting passes through quickly and
//! `JSON.parse`/serde read back as the same text.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::io;

/// JSON whose text is ASCII only (see the module).
pub struct AsciiJson;

impl<T: Serialize> Encoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        let mut out = Vec::with_capacity(4096);
        let mut writer = serde_json::Serializer::with_formatter(&mut out, EscapeNonAscii);
        value.serialize(&mut writer)?;
        String::from_utf8(out).map_err(serde::ser::Error::custom)
    }
}

impl<T: DeserializeOwned> Decoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Writes a string's characters outside ASCII as `\uXXXX` (two escapes,
/// a surrogate pair, for one beyond the Basic Multilingual Plane).
struct EscapeNonAscii;

impl serde_json::ser::Formatter for EscapeNonAscii {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// A page's data loaded by `fetcher` whenever `source` changes, carried to
/// the browser as [`AsciiJson`].
#[track_caller]
pub fn page_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, AsciiJson>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Card {
        name: String,
        codes: Vec<String>,
    }

    #[test]
    fn text_outside_ascii_is_escaped_and_read_back_the_same() {
        let card = Card {
            name: "სოციალური საწარმო \"ცისარტყელა\" — café 🍞 <b>\n".into(),
            codes: vec!["C".into(), "GE-TB".into()],
        };
        let encoded = <AsciiJson as Encoder<Card>>::encode(&card).unwrap();
        assert!(encoded.is_ascii(), "{encoded}");
        assert!(
            encoded.contains("\\u10e1"),
            "Georgian as escapes: {encoded}"
        );
        assert!(
            encoded.contains("\\ud83c\\udf5e"),
            "a surrogate pair: {encoded}"
        );
        let decoded: Card = <AsciiJson as Decoder<Card>>::decode(&encoded).unwrap();
        assert_eq!(decoded, card);
        // Read as plain JSON by anyone else too.
        let plain: Card = serde_json::from_str(&encoded).unwrap();
        assert_eq!(plain, card);
    }

    #[test]
    fn ascii_text_is_plain_json() {
        let card = Card {
            name: "Rainbow Bakery".into(),
            codes: vec![],
        };
        let encoded = <AsciiJson as Encoder<Card>>::encode(&card).unwrap();
        assert_eq!(encoded, serde_json::to_string(&card).unwrap());
    }
}
