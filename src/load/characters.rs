//! Warnings for characters that XML cannot hold (most control characters, U+FFFE, U+FFFF): the
//! feeds, the sitemap and the badges leave them out, so the author should hear where they are.
//! They arrive with pasted terminal output (colour codes start with ESC) or as TOML escapes.

use crate::diagnostic::Diagnostic;
use crate::model::document;
use crate::render::escape::{is_xml_char, only_xml_chars};
use std::ops::Range;
use std::path::Path;

/// One warning per line of a post that holds such a character, raw anywhere or escaped in its
/// front matter.
pub(super) fn in_post(path: &Path, text: &str) -> Vec<Diagnostic> {
    let toml_lines = document::split(path, text)
        .map_or(0..0, |doc| doc.front_matter_offset + 1..doc.body_offset);
    unfit_lines(path, text, toml_lines)
}

/// One warning per line of a TOML file that holds such a character, raw or escaped.
pub(super) fn in_toml(path: &Path, text: &str) -> Vec<Diagnostic> {
    unfit_lines(path, text, 1..usize::MAX)
}

/// Warnings for `text`, whose (1-based) lines in `toml_lines` are TOML, so that their escapes
/// count too.
fn unfit_lines(path: &Path, text: &str, toml_lines: Range<usize>) -> Vec<Diagnostic> {
    if only_xml_chars(text) && !text.contains('\\') {
        return Vec::new();
    }
    (1..)
        .zip(text.lines())
        .filter_map(|(n, line)| {
            let (column, c) = first_unfit(line, toml_lines.contains(&n))?;
            let kind = if c.is_control() {
                "control character"
            } else {
                "non-character"
            };
            Some(
                Diagnostic::warning(
                    path,
                    (n, column),
                    format!(
                        "{kind} U+{:04X}: feeds, the sitemap and badges leave it out, since XML \
                         cannot hold it",
                        u32::from(c)
                    ),
                )
                .with_hint(
                    "delete it; text pasted from a terminal often carries invisible colour codes",
                ),
            )
        })
        .collect()
}

/// The 1-based column of the first character of `line` that XML cannot hold, and that character;
/// in a TOML line also one written as an escape in a basic string (`"\u001b"`, `"\e"`).
fn first_unfit(line: &str, toml: bool) -> Option<(usize, char)> {
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut chars = line.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        if !is_xml_char(c) {
            return Some((i + 1, c));
        }
        if !toml || comment {
            continue;
        }
        match (quote, c) {
            (None, '#') => comment = true,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                let escaped = match chars.next() {
                    Some((_, 'e')) => Some('\u{1b}'),
                    Some((_, 'x')) => hex(&mut chars, 2),
                    Some((_, 'u')) => hex(&mut chars, 4),
                    Some((_, 'U')) => hex(&mut chars, 8),
                    _ => None,
                };
                if let Some(e) = escaped.filter(|&e| !is_xml_char(e)) {
                    return Some((i + 1, e));
                }
            }
            _ => {}
        }
    }
    None
}

/// The character of the next `digits` hex digits, if they are that and name one.
fn hex(chars: &mut impl Iterator<Item = (usize, char)>, digits: usize) -> Option<char> {
    let code: String = chars.take(digits).map(|(_, c)| c).collect();
    let valid = code.len() == digits && code.chars().all(|c| c.is_ascii_hexdigit());
    valid
        .then(|| u32::from_str_radix(&code, 16).ok())
        .flatten()
        .and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_raw_and_escaped_characters_but_not_escaped_backslashes() {
        assert_eq!(first_unfit("a\u{1b}[0m", false), Some((2, '\u{1b}')));
        assert_eq!(first_unfit("ok\u{ffff}", false), Some((3, '\u{ffff}')));
        assert_eq!(first_unfit("t = \"a\\u0001\"", true), Some((7, '\u{1}')));
        assert_eq!(
            first_unfit("t = \"\\U0000FFFE\"", true),
            Some((6, '\u{fffe}'))
        );
        assert_eq!(first_unfit("t = \"\\e[0m\"", true), Some((6, '\u{1b}')));
        assert_eq!(first_unfit("t = \"\\x1b\"", true), Some((6, '\u{1b}')));
        for clean in [
            "t = \"C:\\\\u0001\"",
            "t = 'C:\\u0001'",
            "t = \"\\u00e9\\t\\n\" # \\u0001",
            "t = \"a\\u00\"",
            "tab\there\r",
        ] {
            assert_eq!(first_unfit(clean, true), None, "{clean}");
        }
        assert_eq!(first_unfit("body \\u0001", false), None);
    }

    #[test]
    fn escapes_count_only_in_front_matter() {
        let post = "+++\ntitle = \"a\\u001b\"\n+++\nIn code: `\\u001b`, raw \u{1}.\n";
        let found: Vec<(usize, usize)> = in_post(Path::new("p.md"), post)
            .iter()
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(found, [(2, 11), (4, 24)]);
    }
}
