//! Statuspage update bodies (plain text with inline HTML) to Markdown.
//!
//! Handles what hosted status pages put in bodies: `<br />` and newlines as line breaks,
//! paragraphs, links, lists, bold and italic, code, and character entities. Unknown tags are
//! dropped (their text kept; `script` and `style` with their content). The result is Markdown in
//! which the text reads literally: it never opens a heading (so it can never start an update),
//! a code block or raw HTML.

use crate::authoring::text::escape_block_starts;

/// Converts an HTML-ish body to Markdown.
pub fn convert(html: &str) -> String {
    let mut w = Writer::default();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<')
            && let Some((tag, len)) = read_tag(after)
        {
            w.tag(&tag);
            rest = &after[len..];
            if tag.name == "script" || tag.name == "style" {
                let close = format!("</{}", tag.name);
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&close) {
                    Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                    None => "",
                };
            }
            continue;
        }
        if let Some(after) = rest.strip_prefix('&')
            && let Some((decoded, len)) = read_entity(after)
        {
            w.text(&decoded);
            rest = &after[len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        w.text(&c.to_string());
        rest = &rest[c.len_utf8()..];
    }
    w.finish()
}

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// Reads a tag after `<`: its name, whether it closes, and an `href`. `None` when it is not one.
fn read_tag(s: &str) -> Option<(Tag, usize)> {
    let end = s.find('>')?;
    let inner = &s[..end];
    if inner.starts_with("!--") {
        let close = s.find("-->")?;
        return Some((
            Tag {
                name: "!--".into(),
                closing: false,
                href: None,
            },
            close + 3,
        ));
    }
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after_name = &body[name.len()..];
    if !(after_name.is_empty() || after_name.starts_with([' ', '/', '\t', '\n', '\r'])) {
        return None;
    }
    Some((
        Tag {
            href: attribute(after_name, "href"),
            name,
            closing,
        },
        end + 1,
    ))
}

fn attribute(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        let rest = attrs[at + name.len()..].trim_start();
        if let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let value = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split([' ', '>']).next().unwrap_or(""),
            };
            return Some(decode_entities(value));
        }
        from = at + name.len();
    }
    None
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        match read_entity(&rest[i + 1..]) {
            Some((d, len)) => {
                out.push_str(&d);
                rest = &rest[i + 1 + len..];
            }
            None => {
                out.push('&');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads an entity after `&` up to its `;`.
fn read_entity(s: &str) -> Option<(String, usize)> {
    let end = s.find(';').filter(|&i| i <= 10)?;
    let name = &s[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "middot" => '·',
            "bull" => '•',
            "deg" => '°',
            "times" => '×',
            "euro" => '€',
            _ => return None,
        }
    };
    Some((c.to_string(), end + 1))
}

/// Builds the Markdown: text with inline markup, and line structure as plain lines that
/// `finish` turns into paragraphs and hard breaks.
#[derive(Default)]
struct Writer {
    out: String,
    /// Open lists: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<usize>>,
    /// Start of the current link's text in `out`, and its target.
    link: Option<(usize, String)>,
}

const PARAGRAPH: &str = "\u{0}P\u{0}";

impl Writer {
    fn text(&mut self, t: &str) {
        for c in t.chars() {
            match c {
                '\r' => {}
                '\\' | '*' | '`' | '[' | ']' | '<' | '|' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '_' => {
                    // Only at a word boundary can `_` start or end emphasis.
                    let prev_word = self.out.chars().last().is_some_and(char::is_alphanumeric);
                    if prev_word {
                        self.out.push('_');
                    } else {
                        self.out.push_str("\\_");
                    }
                }
                '&' => self.out.push_str("\\&"),
                c => self.out.push(c),
            }
        }
    }

    fn tag(&mut self, tag: &Tag) {
        match (tag.name.as_str(), tag.closing) {
            ("br", _) => self.out.push('\n'),
            (
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre"
                | "table",
                false,
            ) => {
                self.out.push_str(PARAGRAPH);
                if tag.name.starts_with('h') {
                    self.out.push_str("**");
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                self.out.push_str("**");
                self.out.push_str(PARAGRAPH);
            }
            ("p" | "div" | "blockquote" | "pre" | "table", true) => self.out.push_str(PARAGRAPH),
            ("tr", true) => self.out.push('\n'),
            ("td" | "th", true) => self.out.push(' '),
            ("ul", false) => self.open_list(None),
            ("ol", false) => self.open_list(Some(1)),
            ("ul" | "ol", true) => {
                self.lists.pop();
                self.out.push_str(PARAGRAPH);
            }
            ("li", false) => {
                let depth = self.lists.len().saturating_sub(1);
                self.out.push('\n');
                self.out.push_str(&"  ".repeat(depth));
                match self.lists.last_mut() {
                    Some(Some(n)) => {
                        self.out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => self.out.push_str("- "),
                }
            }
            ("li", true) => self.out.push('\n'),
            ("strong" | "b", _) => self.out.push_str("**"),
            ("em" | "i", _) => self.out.push('*'),
            ("code", _) => self.out.push('`'),
            ("a", false) => {
                if let Some(href) = tag.href.as_deref().filter(|h| is_safe_url(h)) {
                    self.link = Some((self.out.len(), href.to_string()));
                }
            }
            ("a", true) => {
                if let Some((start, href)) = self.link.take() {
                    let text = self.out[start..].to_string();
                    self.out.truncate(start);
                    let target = if href.contains([' ', '(', ')', '<', '>']) {
                        format!("<{}>", href.replace(['<', '>', ' '], ""))
                    } else {
                        href
                    };
                    if text.trim().is_empty() {
                        self.out
                            .push_str(&format!("<{}>", target.trim_matches(['<', '>'])));
                    } else {
                        self.out.push_str(&format!("[{}]({target})", text.trim()));
                    }
                }
            }
            _ => {}
        }
    }

    fn open_list(&mut self, kind: Option<usize>) {
        if self.lists.is_empty() {
            self.out.push_str(PARAGRAPH);
        }
        self.lists.push(kind);
    }

    /// Paragraph breaks become blank lines, single breaks hard line breaks (`\` at line end),
    /// except around list items; block starts are escaped.
    fn finish(self) -> String {
        let text = self.out.replace(PARAGRAPH, "\n\n");
        let text = escape_block_starts(&text);
        let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
        let is_item = |l: &str| {
            let t = l.trim_start();
            t.starts_with("- ")
                || t.starts_with("* ")
                || t.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        };
        let mut out = String::new();
        let mut blank_run = 0;
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim_start_matches(|c: char| c == ' ' && !is_item(line));
            if line.trim().is_empty() {
                blank_run += 1;
                continue;
            }
            if !out.is_empty() {
                let prev_item = lines[..i]
                    .iter()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| is_item(l));
                let sep = match blank_run {
                    0 if is_item(line) || prev_item => "\n",
                    0 => "\\\n",
                    1 if is_item(line) && prev_item => "\n",
                    _ => "\n\n",
                };
                out.push_str(sep);
            }
            blank_run = 0;
            out.push_str(line);
        }
        out
    }
}

fn is_safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_become_paragraphs_and_hard_breaks() {
        assert_eq!(
            convert("One.<br /><br />Two.<br />Three."),
            "One.\n\nTwo.\\\nThree."
        );
        assert_eq!(convert("A\n\nB\nC"), "A\n\nB\\\nC");
        assert_eq!(
            convert("Impact: <br /><br />- a <br />- b<br /><br />Done."),
            "Impact:\n\n- a\n- b\n\nDone."
        );
    }

    #[test]
    fn inline_markup_links_lists_and_entities() {
        assert_eq!(
            convert(
                "<p>See <a href=\"https://x.test/a?b=1&amp;c=2\">the <strong>docs</strong></a> &amp; <em>more</em>&hellip;</p>"
            ),
            "See [the **docs**](https://x.test/a?b=1&c=2) \\& *more*…"
        );
        assert_eq!(
            convert("<ul><li>one</li><li>two</li></ul>after"),
            "- one\n- two\n\nafter"
        );
        assert_eq!(
            convert("<ol><li>one</li><li>two</li></ol>"),
            "1. one\n2. two"
        );
        assert_eq!(convert("<a href=\"javascript:alert(1)\">x</a>"), "x");
    }

    #[test]
    fn text_stays_literal() {
        assert_eq!(
            convert("errors were < 1% in *all* cases"),
            "errors were \\< 1% in \\*all\\* cases"
        );
        assert_eq!(
            convert("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(convert("<script>alert(1)</script>ok"), "ok");
        assert_eq!(
            convert("security_advisory and _x_"),
            "security_advisory and \\_x_"
        );
        assert_eq!(
            convert("Intro<br />## Resolved — 2026-07-01 10:00 UTC<br />```"),
            "Intro\\\n\\## Resolved — 2026-07-01 10:00 UTC\\\n\\`\\`\\`"
        );
    }
}
