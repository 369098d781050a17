//! Text for a `<textarea>`, whose children Leptos writes into the server's
//! HTML as they are (tachys marks the element's children as not to be
//! escaped, like a `<script>`'s). A value someone typed holding
//! `</textarea>` would end the field there and the rest would be read as
//! markup. On the server `&`, `<` and `>` are escaped (the browser decodes
//! them back: a text area holds text only); in the browser the text is set
//! through the DOM, which never reads it as markup, so it stays as it is.
//! (`<title>` needs nothing: leptos_meta escapes it.)

pub fn rcdata(text: &str) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text.to_string()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::rcdata;

    #[test]
    fn a_typed_closing_tag_stays_text() {
        assert_eq!(
            rcdata("</textarea><b>&amp;"),
            "&lt;/textarea&gt;&lt;b&gt;&amp;amp;"
        );
        assert_eq!(rcdata("ნაქარგი"), "ნაქარგი");
    }
}
