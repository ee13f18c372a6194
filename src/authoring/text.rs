//! Text helpers for writing post bodies: Markdown that can never break the post's structure
//! (open a new update, swallow later ones in a code block, or inject HTML).

/// One line of plain text: control characters dropped, runs of whitespace made one space.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Makes each line of plain text (already free of HTML) read as text in Markdown: a line that
/// would open a heading, a code block, a block quote or a setext underline is escaped.
pub fn escape_block_starts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        let setext = !rest.trim().is_empty()
            && (rest.trim().chars().all(|c| c == '=')
                || rest.trim().chars().all(|c| c == '-' || c == ' ')
                || rest.trim().chars().all(|c| c == '*' || c == ' ')
                || rest.trim().chars().all(|c| c == '_' || c == ' '));
        if rest.starts_with(['#', '>', '`', '~', '=']) || setext {
            // Leading spaces could make it an indented code block; drop them.
            out.push('\\');
            out.push_str(rest);
        } else if indent >= 4 {
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Escapes text from an untrusted source for use inside Markdown: HTML tags are removed and every
/// character with a meaning in Markdown is backslash-escaped, so it renders as the literal text.
pub fn untrusted_markdown(s: &str) -> String {
    let stripped = strip_tags(s);
    let mut out = String::with_capacity(stripped.len() + 8);
    for c in stripped.chars() {
        match c {
            '\n' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '+'
            | '-' | '.' | '!' | '|' | '~' | '&' | '=' | ':' | '"' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes everything between `<` and `>` that looks like an HTML tag or comment.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tag_like = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(j) if tag_like => rest = &after[j + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_starts_are_escaped() {
        assert_eq!(
            escape_block_starts(
                "## Resolved — 2026-11-20 10:00\n```\ntext\n---\n> q\n- item\n    code"
            ),
            "\\## Resolved — 2026-11-20 10:00\n\\```\ntext\n\\---\n\\> q\n- item\ncode"
        );
    }

    #[test]
    fn untrusted_text_is_inert() {
        assert_eq!(
            untrusted_markdown("<script>x</script>[a](javascript:b) **c**\n## d\n\n"),
            "x\\[a\\]\\(javascript\\:b\\) \\*\\*c\\*\\*\n\\#\\# d"
        );
        assert_eq!(strip_tags("a < b <i>c</i> <!-- d --> e>"), "a < b c  e>");
        assert_eq!(one_line(" a\n\tb\u{7}c  "), "a b c");
    }
}
