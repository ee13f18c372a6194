//! Markdown to safe HTML. Raw HTML in a post is sanitized; links never carry scripts.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// True for link targets that would run code in the reader's browser.
fn is_unsafe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Renders Markdown to HTML that is safe to embed in a page.
///
/// Markdown without raw HTML is rendered directly (pulldown-cmark escapes text and attributes;
/// script links are neutralised here); anything with raw HTML goes through ammonia.
pub fn to_html(markdown: &str) -> String {
    if markdown.is_empty() {
        return String::new();
    }
    let mut has_raw_html = false;
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
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
    fn escapes_text() {
        assert_eq!(to_html("a < b & \"c\""), "<p>a &lt; b &amp; \"c\"</p>\n");
    }
}
