//! The escapers: one per output language, so every writer of markup escapes the same way.
//!
//! - [`html`] is for HTML text and attribute values. Tera prints every template value through it
//!   (also in the `.xml` templates, such as the sitemap), and so do the feed entries' HTML and the
//!   dev server's error overlay.
//! - [`xml`] is for XML written by hand, the SVG badges: it leaves `'` as it is, since their
//!   attributes are double-quoted.

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it keeps `/`, so
/// URLs stay readable.
pub fn html(input: &str) -> String {
    replace(input, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    })
}

/// Escapes text for XML content and double-quoted attribute values: `&`, `<`, `>` and `"`.
pub fn xml(input: &str) -> String {
    replace(input, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    })
}

/// Replaces each ASCII byte that `entity` names with its entity.
///
/// Runs for every value a template prints, so it copies the text between special characters in
/// runs instead of character by character (they are ASCII, so a byte scan finds them).
fn replace(input: &str, entity: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut done = 0;
    for (i, b) in input.bytes().enumerate() {
        let Some(entity) = entity(b) else { continue };
        out.push_str(&input[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&input[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_special_characters_and_nothing_else() {
        assert_eq!(
            html("<a href=\"/x?a=1&b='2'\">Ünïcødé → ok</a>"),
            "&lt;a href=&quot;/x?a=1&amp;b=&#39;2&#39;&quot;&gt;Ünïcødé → ok&lt;/a&gt;"
        );
        assert_eq!(html(""), "");
        assert_eq!(html("plain / text"), "plain / text");
        assert_eq!(html("&&"), "&amp;&amp;");
    }

    #[test]
    fn html_escapes_quotes_and_markup() {
        assert_eq!(
            html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_escapes_four_characters_and_keeps_apostrophes() {
        assert_eq!(
            xml(r#"R&D <x> "q" it's → ok"#),
            "R&amp;D &lt;x&gt; &quot;q&quot; it's → ok"
        );
        assert_eq!(xml(""), "");
        assert_eq!(xml("&&"), "&amp;&amp;");
    }
}
