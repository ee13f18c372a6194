//! Helpers to parse TOML with errors that point at a file, line and column.

mod keys;

pub use keys::{Keys, Refused};

use crate::diagnostic::{Diagnostic, closest, line_col};
use std::ops::Range;
use std::path::Path;
use toml::de::DeTable;

/// A TOML value's type with its article, for messages: "a string", "an integer".
pub fn type_with_article(value: &toml::Value) -> String {
    let kind = value.type_str();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

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

    /// A warning at the start of a span.
    pub fn warning_span(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, self.pos(span.start), message)
    }

    /// A `key` set (at `span`) on an entry of `kind` that does not use it, naming the kinds
    /// that do: the same error for `[[notify]]` channels and `[[probe]]` checks.
    pub fn key_of_other_kinds(
        &self,
        span: &Range<usize>,
        key: &str,
        kind: &str,
        users: &[&str],
    ) -> Diagnostic {
        self.error_span(span, format!("`{key}` is not used by kind `{kind}`"))
            .with_hint(format!(
                "remove it; `{key}` is for kind {}",
                users.join(" and ")
            ))
    }

    /// The offset of `needle` inside `span` (e.g. one id inside a list), or the span start.
    pub fn find_in(&self, span: &Range<usize>, needle: &str) -> usize {
        let end = span.end.min(self.text.len());
        self.text
            .get(span.start..end)
            .and_then(|s| s.find(needle))
            .map_or(span.start, |i| span.start + i)
    }

    /// The offset of the key `key` of an inline table inside `span` (a whole key, not a part of
    /// a longer one), or the span start.
    pub fn find_key(&self, span: &Range<usize>, key: &str) -> usize {
        let end = span.end.min(self.text.len());
        let Some(inside) = self.text.get(span.start..end) else {
            return span.start;
        };
        let is_key_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let mut from = 0;
        while let Some(i) = inside[from..].find(key).map(|i| from + i) {
            let before = inside[..i].chars().next_back();
            let after = inside[i + key.len()..].trim_start_matches('"').trim_start();
            if !before.is_some_and(is_key_char) && after.starts_with('=') {
                // Point at an opening quote of a quoted key.
                let quoted = before == Some('"');
                return span.start + i - usize::from(quoted);
            }
            from = i + key.len();
        }
        span.start
    }

    /// Deserializes the text, reporting every problem of it at once: each syntax error, each
    /// key that `keys` does not accept (with the closest accepted one), and each value of the
    /// wrong type (a wrong value is left out and the rest read again, so one does not hide the
    /// next).
    pub fn parse<T: serde::de::DeserializeOwned>(
        &self,
        keys: &Keys<'_>,
    ) -> Result<T, Vec<Diagnostic>> {
        match self.read(keys) {
            (Some(value), errors) if errors.is_empty() => Ok(value),
            (_, errors) => Err(errors),
        }
    }

    /// Like [`TomlSource::parse`], but also gives what could be read when there were problems:
    /// the value without its unknown keys and wrong values, or `None` when the text is not
    /// TOML at all.
    pub fn read<T: serde::de::DeserializeOwned>(
        &self,
        keys: &Keys<'_>,
    ) -> (Option<T>, Vec<Diagnostic>) {
        let (value, errors, _) = self.read_parts(keys);
        (value, errors)
    }

    /// Like [`TomlSource::read`], but gives the value only when nothing but unknown keys had to
    /// be left out: for a post, whose checks would read a left-out value as a missing one.
    pub fn read_known<T: serde::de::DeserializeOwned>(
        &self,
        keys: &Keys<'_>,
    ) -> (Option<T>, Vec<Diagnostic>) {
        match self.read_parts(keys) {
            (value, errors, false) => (value, errors),
            (_, errors, true) => (None, errors),
        }
    }

    /// The value, every problem, and whether a value of the wrong type was left out.
    fn read_parts<T: serde::de::DeserializeOwned>(
        &self,
        keys: &Keys<'_>,
    ) -> (Option<T>, Vec<Diagnostic>, bool) {
        let (mut doc, syntax) = DeTable::parse_recoverable(self.text);
        if !syntax.is_empty() {
            let mut errors: Vec<Diagnostic> = syntax.iter().map(|e| self.syntax_error(e)).collect();
            crate::diagnostic::sort(&mut errors);
            // A second error on the same line is most often the first one seen again.
            errors.dedup_by(|a, b| a.line == b.line);
            return (None, errors, false);
        }
        let mut errors = Vec::new();
        keys::remove_unknown(self, doc.get_mut(), keys, None, &mut errors);
        let mut removed: Vec<String> = Vec::new();
        // Each round leaves out the one entry whose value is wrong, so it ends.
        for _ in 0..=doc.get_ref().len() {
            let e = match T::deserialize(toml::de::Deserializer::from(doc.clone())) {
                Ok(value) => {
                    crate::diagnostic::sort(&mut errors);
                    return (Some(value), errors, !removed.is_empty());
                }
                Err(e) => e,
            };
            let missing_removed = e
                .message()
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
                .is_some_and(|field| removed.iter().any(|r| r == field));
            if !missing_removed {
                errors.push(self.convert(&e, keys));
            }
            let at = e.span().map_or(0, |s| s.start);
            let culprit = doc
                .get_ref()
                .iter()
                .find(|(k, v)| k.span().start <= at && at < v.span().end.max(k.span().end))
                .map(|(k, _)| k.get_ref().to_string());
            let Some(culprit) = culprit else { break };
            doc.get_mut().remove(culprit.as_str());
            removed.push(culprit);
        }
        crate::diagnostic::sort(&mut errors);
        (None, errors, true)
    }

    fn syntax_error(&self, e: &toml::de::Error) -> Diagnostic {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim();
        let hint = self
            .text_by_language_hint(message, offset)
            .unwrap_or_else(|| "this is not valid TOML; see https://toml.io for the syntax".into());
        self.error_at(offset, message).with_hint(hint)
    }

    /// The hint for `title = "…"` followed by `title.de = "…"`, which TOML refuses: a text
    /// given by language is a table of every language, the default's too.
    fn text_by_language_hint(&self, message: &str, offset: usize) -> Option<String> {
        if !message.starts_with("cannot extend value of type string with a dotted key") {
            return None;
        }
        let line = self.text.get(offset..)?.lines().next()?;
        let key = line.split('=').next()?.trim();
        let (field, tag) = key.split_once('.')?;
        Some(format!(
            "`{field}` is one text already: to give it by language, write the default language's as a dotted key too, e.g. `{field}.en = \"…\"` beside `{field}.{tag} = \"…\"`"
        ))
    }

    fn convert(&self, e: &toml::de::Error, keys: &Keys<'_>) -> Diagnostic {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            let allowed = keys.allowed;
            let hint = match closest(field, allowed.iter().copied()) {
                Some(k) => format!("did you mean `{k}`? Allowed keys: {}", allowed.join(", ")),
                None => format!("remove it; allowed keys: {}", allowed.join(", ")),
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

    #[test]
    fn a_text_and_its_translation_as_a_dotted_key_get_a_hint() {
        let src = TomlSource::file(
            Path::new("components.toml"),
            "name = \"API\"\nname.de = \"Schnittstelle\"\n",
        );
        let (_, errors) = src.read::<toml::Table>(&Keys::flat(&["name"]));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 2);
        assert_eq!(
            errors[0].hint.as_deref(),
            Some(
                "`name` is one text already: to give it by language, write the default language's as a dotted key too, e.g. `name.en = \"…\"` beside `name.de = \"…\"`"
            )
        );
    }

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
        let d = src
            .parse::<Cfg>(&Keys::flat(&["title"]))
            .unwrap_err()
            .remove(0);
        assert_eq!(d.message, "unknown key `titel`");
        assert_eq!((d.line, d.column), (2, 1));
        assert!(d.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn every_syntax_error_is_reported_once_with_the_syntax_hint() {
        let src = TomlSource::file(
            Path::new("statuspress.toml"),
            "title = \"Acme\nfoo = = 3\nbar = [1,\n",
        );
        let errors = src.parse::<Cfg>(&Keys::flat(&["title"])).unwrap_err();
        assert_eq!(
            crate::diagnostic::located(&errors),
            [
                "1:14 invalid basic string, expected `\"`",
                "2:7 extra `=`, expected nothing",
                "3:10 unclosed array, expected `]`",
            ]
        );
        assert!(errors.iter().all(|d| d.hint.as_deref()
            == Some("this is not valid TOML; see https://toml.io for the syntax")));
    }

    #[test]
    fn syntax_errors_are_offset_by_front_matter() {
        let path = Path::new("incidents/a.md");
        let src = TomlSource {
            path,
            text: "title = \"x\nimpact = 1\n",
            line_offset: 1,
        };
        let d = src
            .parse::<Cfg>(&Keys::flat(&["title"]))
            .unwrap_err()
            .remove(0);
        assert_eq!(d.line, 2);
    }
}
