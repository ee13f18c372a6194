//! Helpers to parse TOML with errors that point at a file, line and column.

use crate::diagnostic::{Diagnostic, closest, line_col};
use std::ops::Range;
use std::path::Path;

/// A TOML text and where it sits: its file and the line it starts on in that file.
#[derive(Debug, Clone, Copy)]
pub struct TomlSource<'a> {
    /// Path relative to the site root.
    pub path: &'a Path,
    /// The TOML text itself.
    pub text: &'a str,
    /// Lines before the TOML starts in the file (for front matter).
    pub line_offset: usize,
}

impl<'a> TomlSource<'a> {
    /// A whole TOML file.
    pub fn file(path: &'a Path, text: &'a str) -> Self {
        TomlSource {
            path,
            text,
            line_offset: 0,
        }
    }

    /// The file position of a byte offset in the TOML text.
    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let (line, col) = line_col(self.text, offset);
        (line + self.line_offset, col)
    }

    /// An error at a byte offset.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, self.pos(offset), message)
    }

    /// An error at the start of a span.
    pub fn error_span(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.error_at(span.start, message)
    }

    /// The offset of `needle` inside `span` (e.g. one id inside a list), or the span start.
    pub fn find_in(&self, span: &Range<usize>, needle: &str) -> usize {
        let end = span.end.min(self.text.len());
        self.text
            .get(span.start..end)
            .and_then(|s| s.find(needle))
            .map_or(span.start, |i| span.start + i)
    }

    /// Deserializes the text, turning a syntax or shape error into a diagnostic.
    ///
    /// `keys` lists the keys the table accepts, to suggest one for a misspelt key.
    pub fn parse<T: serde::de::DeserializeOwned>(&self, keys: &[&str]) -> Result<T, Diagnostic> {
        toml::from_str(self.text).map_err(|e| self.convert(&e, keys))
    }

    fn convert(&self, e: &toml::de::Error, keys: &[&str]) -> Diagnostic {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            let hint = match closest(field, keys.iter().copied()) {
                Some(k) => format!("did you mean `{k}`? Allowed keys: {}", keys.join(", ")),
                None => format!("remove it; allowed keys: {}", keys.join(", ")),
            };
            return self
                .error_at(offset, format!("unknown key `{field}`"))
                .with_hint(hint);
        }
        let hint = if message.contains("invalid type") || message.contains("expected") {
            "check the value's type: strings need quotes, dates are written like 2026-11-20T14:02:00Z"
        } else {
            "this is not valid TOML; see https://toml.io for the syntax"
        };
        self.error_at(offset, message).with_hint(hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only the shape matters in these tests")]
    struct Cfg {
        title: String,
    }

    #[test]
    fn unknown_key_gets_did_you_mean_and_position() {
        let path = Path::new("statuspress.toml");
        let src = TomlSource {
            path,
            text: "title = \"x\"\ntitel = \"y\"\n",
            line_offset: 0,
        };
        let d = src.parse::<Cfg>(&["title"]).unwrap_err();
        assert_eq!(d.message, "unknown key `titel`");
        assert_eq!((d.line, d.column), (2, 1));
        assert!(d.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn syntax_errors_are_offset_by_front_matter() {
        let path = Path::new("incidents/a.md");
        let src = TomlSource {
            path,
            text: "title = \"x\nimpact = 1\n",
            line_offset: 1,
        };
        let d = src.parse::<Cfg>(&["title"]).unwrap_err();
        assert_eq!(d.line, 2);
    }
}
