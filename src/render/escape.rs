//! The escapers: one per output language, so every writer of markup escapes the same way.
//!
//! - [`html`] is for HTML text and attribute values. Tera prints every template value through it
//!   (also in the `.xml` templates, such as the sitemap), and so do the feed entries' HTML and the
//!   dev server's error overlay.
//! - [`xml`] is for XML written by hand, the SVG badges: it leaves `'` as it is, since their
//!   attributes are double-quoted.
//! - [`xml_chars`] leaves out the characters XML cannot hold at all, escaped or not (most
//!   control characters, U+FFFE, U+FFFF). [`xml`] applies it, and so does every writer of a whole
//!   XML file (the feeds, written by their crates, and the sitemap, written by Tera through
//!   [`html`]), on the finished text.
//! - [`ical_text`] is for TEXT values of the iCalendar file (RFC 5545), [`ical_uri`] for its
//!   URI values.
//! - [`css_string`] is for the text of a double-quoted CSS string and [`css_ident`] for a CSS
//!   identifier, such as a language tag in `:lang()`: the stylesheet's words, which stay safe
//!   where it is inlined in a `<style>` element too.

use std::borrow::Cow;

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

/// Escapes text for XML content and double-quoted attribute values: `&`, `<`, `>` and `"`, and
/// leaves out the characters XML cannot hold (see [`xml_chars`]).
pub fn xml(input: &str) -> String {
    replace(&xml_chars(input), |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    })
}

/// Whether XML 1.0 allows `c` in a document: every character but the C0 controls other than tab,
/// line feed and carriage return, and U+FFFE and U+FFFF (surrogates, the other exclusion, cannot
/// be in a Rust string). No escape makes the others acceptable: `&#1;` is as ill-formed as the
/// character itself.
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `input` without the characters XML cannot hold ([`is_xml_char`]): feed readers reject a whole
/// feed for one of them. Borrows when there is none, which is nearly always.
pub fn xml_chars(input: &str) -> Cow<'_, str> {
    if only_xml_chars(input) {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(input.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// True if XML can hold every character of `input` ([`is_xml_char`]).
pub fn only_xml_chars(input: &str) -> bool {
    surely_xml(input.as_bytes()) || input.chars().all(is_xml_char)
}

/// True if `bytes` (UTF-8) hold no C0 control but tab, line feed and carriage return, and no
/// byte 0xEF, which starts U+FFFE and U+FFFF (and the rest of U+F000 to U+FFFF, which the
/// slower check of each character then tells apart). A whole feed goes through this: it looks
/// at bytes in blocks the compiler can vectorize, without decoding characters.
fn surely_xml(bytes: &[u8]) -> bool {
    bytes.chunks(64).all(|block| {
        block.iter().fold(true, |ok, &b| {
            ok & (b >= 0x20 || b == b'\t' || b == b'\n' || b == b'\r') & (b != 0xEF)
        })
    })
}

/// A finished XML file without the characters XML cannot hold ([`xml_chars`]); unchanged (and
/// not copied) when it has none.
pub fn xml_file(text: String) -> String {
    match xml_chars(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

/// Escapes a TEXT value of iCalendar (RFC 5545, section 3.3.11): `\`, `;` and `,` get a
/// backslash, a line break (CRLF, CR or LF) becomes `\n`, and the other control characters,
/// which a content line may not hold, are dropped (tab stays).
pub fn ical_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if is_ical_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value of iCalendar: URIs have no escapes, so the control characters (which would end
/// the line) are dropped.
pub fn ical_uri(input: &str) -> String {
    input.chars().filter(|&c| !is_ical_control(c)).collect()
}

/// The characters RFC 5545 calls CONTROL, which no value may hold: C0 but tab, and DEL.
fn is_ical_control(c: char) -> bool {
    c.is_ascii_control() && c != '\t'
}

/// Escapes text for a double-quoted CSS string (`content:"…"`): `"` and `\` get a backslash,
/// and line breaks, the other control characters and `<` become hexadecimal escapes (`\a `),
/// so the string never ends early, never breaks its line and never closes a `<style>` element
/// it is inlined in. A hexadecimal escape always ends with a space, which CSS reads as its end.
pub fn css_string(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 2);
    for c in input.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c == '<' || c.is_ascii_control() => css_hex(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text as a CSS identifier, as CSSOM serializes one: letters, digits, `-`, `_` and
/// every character past ASCII stay; a digit that would start it (also after a leading `-`) and
/// the control characters become hexadecimal escapes; any other character, and a `-` alone,
/// gets a backslash. `pt-BR` stays `pt-BR`.
pub fn css_ident(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let first = input.chars().next();
    for (i, c) in input.chars().enumerate() {
        let leading_digit = c.is_ascii_digit() && (i == 0 || (i == 1 && first == Some('-')));
        match c {
            '\0' => out.push('\u{fffd}'),
            c if c.is_ascii_control() || leading_digit => css_hex(&mut out, c),
            '-' if i == 0 && input.len() == 1 => out.push_str("\\-"),
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() => out.push(c),
            c => {
                out.push('\\');
                out.push(c);
            }
        }
    }
    out
}

/// Writes `c` as a CSS hexadecimal escape with the space that ends it: `\a ` for a line feed.
fn css_hex(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "\\{:x} ", u32::from(c));
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
    fn only_xml_chars_agrees_with_is_xml_char() {
        let notable = [
            '\u{0}', '\t', '\u{1b}', '\u{7f}', '\u{9f}', '\u{d7ff}', '\u{e000}',
        ];
        let more = [
            '\u{ff0c}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{10000}',
            '\u{10ffff}',
        ];
        let chars = (0..0x300u32)
            .filter_map(char::from_u32)
            .chain(notable)
            .chain(more);
        for c in chars {
            for text in [c.to_string(), format!("a\u{ff0c}b{c}é"), format!("{c}x")] {
                let expected = text.chars().all(is_xml_char);
                assert_eq!(only_xml_chars(&text), expected, "{text:?}");
                assert_eq!(matches!(xml_chars(&text), Cow::Borrowed(_)), expected);
            }
        }
    }

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

    #[test]
    fn xml_leaves_out_what_xml_cannot_hold_and_keeps_the_rest() {
        assert_eq!(
            xml_chars(
                "\u{1b}[31mERROR\u{1b}[0m \u{1}\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}|\t\n\r\u{7f}\u{fffd}\u{10000}é"
            ),
            "[31mERROR[0m |\t\n\r\u{7f}\u{fffd}\u{10000}é"
        );
        assert!(matches!(xml_chars("plain → text"), Cow::Borrowed(_)));
        // Characters from U+F000 to U+FFFF but the two excluded stay, wherever they are.
        let wide = format!("{}！\u{f8ff}\u{fffd}、{}", "a".repeat(70), "b".repeat(70));
        assert!(matches!(xml_chars(&wide), Cow::Borrowed(_)));
        let late = format!("{}\u{ffff}{}\u{1}", "a".repeat(100), "！".repeat(30));
        assert_eq!(
            xml_chars(&late),
            format!("{}{}", "a".repeat(100), "！".repeat(30))
        );
        assert_eq!(xml("a\u{0}<b>\u{ffff}"), "a&lt;b&gt;");
    }

    #[test]
    fn ical_text_escapes_separators_and_line_breaks_and_drops_controls() {
        assert_eq!(
            ical_text("a\\b;c,d\re\r\nf\ng\th\u{1b}[0m\u{1}\u{7f}é"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th[0mé"
        );
        assert_eq!(ical_text("Acme\r\nEND:VCALENDAR"), "Acme\\nEND:VCALENDAR");
        assert_eq!(ical_text(""), "");
    }

    #[test]
    fn ical_uri_drops_controls_only() {
        assert_eq!(
            ical_uri("https://a.test/x,y;z\r\nX-EVIL:1"),
            "https://a.test/x,y;zX-EVIL:1"
        );
    }

    #[test]
    fn css_string_escapes_what_would_end_or_break_the_string_or_its_style_element() {
        assert_eq!(css_string("90 days ago"), "90 days ago");
        assert_eq!(css_string("قبل 90 يومًا"), "قبل 90 يومًا");
        assert_eq!(css_string(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
        assert_eq!(css_string("a\nb\r\nc\td"), "a\\a b\\d \\a c\\9 d");
        assert_eq!(css_string("x</style><b>"), "x\\3c /style>\\3c b>");
        assert_eq!(css_string("\u{0}\u{7f}'"), "\\0 \\7f '");
        assert_eq!(css_string(""), "");
    }

    #[test]
    fn css_ident_keeps_language_tags_and_escapes_the_rest() {
        for tag in ["en", "pt-BR", "zh-Hans", "sr-Latn-RS", "x_y", "ÿ"] {
            assert_eq!(css_ident(tag), tag);
        }
        assert_eq!(css_ident("1a"), "\\31 a");
        assert_eq!(css_ident("-1"), "-\\31 ");
        assert_eq!(css_ident("a1"), "a1");
        assert_eq!(css_ident("-"), "\\-");
        assert_eq!(css_ident("--x"), "--x");
        assert_eq!(css_ident("a b)c{"), "a\\ b\\)c\\{");
        assert_eq!(css_ident("a\nb\u{0}"), "a\\a b\u{fffd}");
    }
}
