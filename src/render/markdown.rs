//! Markdown to safe HTML. Raw HTML in a post is sanitized; links never carry scripts.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// True for link targets that would run code in the reader's browser.
pub(crate) fn is_unsafe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// The most tags and character references a body with raw HTML may render to.
///
/// The sanitizer (html5ever's tree builder, under ammonia) costs more than linear time on some
/// markup: each tag costs in proportion to the depth of open elements (nested `<div>`s, `>`
/// quote markers, misnested formatting tags it reopens), and each character reference in a
/// run of text in proportion to the run (`&amp;&amp;…`). Below this bound that is a fraction of
/// a second; above it the raw HTML is shown as text instead, and [`raw_html_over_limit`] makes
/// `check` and `build` fail.
pub const MAX_MARKUP_WITH_RAW_HTML: usize = 2_000;

/// Markdown rendered by pulldown-cmark with script links neutralised, and whether it held raw
/// HTML. With `raw_html_as_text`, raw HTML is escaped as text and the flag stays false.
fn render_unsanitized(markdown: &str, raw_html_as_text: bool) -> (String, bool) {
    let mut has_raw_html = false;
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) if raw_html_as_text => Event::Text(raw),
        Event::Html(_) | Event::InlineHtml(_) => {
            has_raw_html = true;
            event
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if is_unsafe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_unsafe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    (out, has_raw_html)
}

/// How much markup `text` renders to: each `<` opens a tag and each `&` starts a character
/// reference, and pulldown-cmark writes `>` and `"` of text as references too.
fn markup_in(text: &str) -> usize {
    text.bytes()
        .filter(|b| matches!(b, b'<' | b'&' | b'>' | b'"'))
        .count()
}

/// True if `markdown` holds raw HTML and renders to more than [`MAX_MARKUP_WITH_RAW_HTML`] tags
/// and character references: then its raw HTML is shown as text, not sanitized.
///
/// Counts from the parser's events without rendering, and stops as soon as both are known. Raw
/// HTML, inline or a block, always starts with `<`: a text without one is not parsed at all
/// (most posts, whose bodies `build` checks before rendering them).
pub fn raw_html_over_limit(markdown: &str) -> bool {
    if !markdown.contains('<') {
        return false;
    }
    let (mut has_raw_html, mut markup) = (false, 0);
    for event in Parser::new_ext(markdown, options()) {
        markup += match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                has_raw_html = true;
                markup_in(&raw)
            }
            Event::Text(t) | Event::Code(t) => markup_in(&t),
            // Generous: an element's start and end tags, and its attributes' references.
            Event::Start(_) => 4,
            _ => 1,
        };
        if has_raw_html && markup > MAX_MARKUP_WITH_RAW_HTML {
            return true;
        }
    }
    false
}

/// Renders Markdown to HTML that is safe to embed in a page.
///
/// Markdown without raw HTML is rendered directly (pulldown-cmark escapes text and attributes;
/// script links are neutralised here); anything with raw HTML goes through ammonia, unless it
/// is [over the limit](raw_html_over_limit): then its raw HTML is shown as text.
pub fn to_html(markdown: &str) -> String {
    if markdown.is_empty() {
        return String::new();
    }
    if raw_html_over_limit(markdown) {
        return render_unsanitized(markdown, true).0;
    }
    let (out, has_raw_html) = render_unsanitized(markdown, false);
    if has_raw_html {
        ammonia::clean(&out)
    } else {
        out
    }
}

/// True for the end of markup inside a line of text, as opposed to a block.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The text of Markdown without markup (raw HTML dropped), whitespace collapsed, cut after
/// `max_chars` characters at a word boundary with `…`.
pub fn to_plain_text(markdown: &str, max_chars: usize) -> String {
    let mut raw = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => raw.push_str(&t),
            // Inline markup ends inside a sentence ("*rolled back*."): no space there.
            Event::End(end) if is_inline(end) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => raw.push(' '),
            _ => {}
        }
        // Enough text for the excerpt: the rest of a long post-mortem is not read.
        if raw.len() > max_chars * 8 {
            break;
        }
    }
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut
        .rfind(' ')
        .filter(|&i| i > max_chars / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_common_markdown() {
        assert_eq!(to_html("Hello *world*"), "<p>Hello <em>world</em></p>\n");
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"));
        assert_eq!(to_html(""), "");
    }

    #[test]
    fn strips_scripts_handlers_and_script_links() {
        let html = to_html(
            "Hi <script>alert(1)</script><img src=x onerror=\"alert(2)\"> <a href=\"javascript:alert(3)\">x</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        let html =
            to_html("[click](javascript:alert(1)) [ok](https://example.com) ![i](JaVaScRiPt:x)");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://example.com\""));
    }

    #[test]
    fn plain_text_excerpts_keep_entities_as_text_and_cut_at_words() {
        assert_eq!(
            to_plain_text("Tom & Jerry *went* `home`.\n\n- one\n- two", 100),
            "Tom & Jerry went home. one two"
        );
        assert_eq!(to_plain_text("<b>x</b> y", 100), "x y");
        assert_eq!(to_plain_text("alpha beta gamma delta", 13), "alpha beta…");
        assert_eq!(to_plain_text("short", 10), "short");
    }

    #[test]
    fn plain_text_has_no_space_before_punctuation_after_inline_markup() {
        assert_eq!(
            to_plain_text(
                "We *rolled back*. Then **fixed** it, see [the notes](https://x.test)! ~~No~~; `ok`.",
                200
            ),
            "We rolled back. Then fixed it, see the notes! No; ok."
        );
        assert_eq!(
            to_plain_text("# Cause\nA *bad* deploy.\n\n- one\n- two", 200),
            "Cause A bad deploy. one two"
        );
    }

    #[test]
    fn raw_html_past_the_markup_limit_is_shown_as_text_not_sanitized() {
        let under = format!("{}x", "<i>".repeat(MAX_MARKUP_WITH_RAW_HTML / 2 - 10));
        assert!(!raw_html_over_limit(&under));
        assert!(to_html(&under).starts_with("<p><i><i>"));
        let deep = "<div>".repeat(MAX_MARKUP_WITH_RAW_HTML + 1);
        assert!(raw_html_over_limit(&deep));
        assert_eq!(
            to_html(&deep),
            "&lt;div&gt;".repeat(MAX_MARKUP_WITH_RAW_HTML + 1)
        );
        let ampersands = format!("<b>x</b> {}", "&".repeat(MAX_MARKUP_WITH_RAW_HTML));
        assert!(raw_html_over_limit(&ampersands));
        assert!(to_html(&ampersands).starts_with("<p>&lt;b&gt;x&lt;/b&gt; &amp;&amp;"));
        let script = format!("{}<script>alert(1)</script>", "<i>".repeat(3_000));
        assert!(!to_html(&script).contains("<script"));
        // Markdown alone never needs the sanitizer, however much markup it renders to.
        assert!(!raw_html_over_limit(&"> ".repeat(5_000)));
        assert!(!raw_html_over_limit(&"&amp; ".repeat(5_000)));
        // One tag after a long text without any is still found.
        let late = format!("{}<b>x</b>", "&amp; ".repeat(5_000));
        assert!(raw_html_over_limit(&late));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(to_html("a < b & \"c\""), "<p>a &lt; b &amp; \"c\"</p>\n");
    }
}
