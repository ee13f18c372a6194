//! Reading the values of a `[[notify]]` entry, each checked with its own error and hint.

use super::{DEFAULT_MAX_AGE_HOURS, EVENT_NAMES, EnvVar, MAX_MAX_AGE_HOURS};
use crate::diagnostic::{Diagnostic, suggest};
use crate::model::toml_source::TomlSource;
use toml::{Spanned, Value};

pub(crate) fn read_string(
    src: &TomlSource<'_>,
    key: &str,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    match v.get_ref() {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::String(_) => {
            errors.push(
                src.error_span(&v.span(), format!("`{key}` is empty"))
                    .with_hint(format!("give `{key}` a value, or remove the line")),
            );
            None
        }
        other => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`{key}` must be a string, got {}", a(other.type_str())),
                )
                .with_hint(format!("write it in quotes: {key} = \"...\"")),
            );
            None
        }
    }
}

/// A TOML type's name with its article: "an integer", "a table".
pub(crate) fn a(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}

/// True for a plain environment variable name: `^[A-Za-z_][A-Za-z0-9_]*$`.
pub fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// True for a value that is probably a secret itself: an address, or something shaped like a
/// token (long, with lowercase and uppercase letters and digits, or a known token prefix).
pub(crate) fn looks_secret(s: &str) -> bool {
    let long_mixed = s.len() >= 20
        && s.chars().any(|c| c.is_ascii_lowercase())
        && s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars().filter(char::is_ascii_digit).count() >= 3;
    s.contains("://")
        || long_mixed
        || ["xox", "ghp_", "github_pat_", "glpat-", "sk_", "whsec_"]
            .iter()
            .any(|p| s.starts_with(p))
}

pub(super) fn read_env(
    src: &TomlSource<'_>,
    key: &str,
    value: Option<&Spanned<Value>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<EnvVar> {
    let v = value?;
    let s = read_string(src, key, v, errors)?;
    let what = match key {
        "url_env" => "URL",
        "token_env" => "token",
        _ => "secret",
    };
    let example = match key {
        "url_env" => "SLACK_WEBHOOK_URL",
        "token_env" => "MASTODON_TOKEN",
        _ => "WEBHOOK_SECRET",
    };
    if looks_secret(&s) {
        // The value is never repeated: it may be the secret itself.
        errors.push(
            src.error_span(&v.span(), format!("`{key}` names an environment variable, not the {what} itself"))
                .with_hint(format!("secrets never go in the repository: put the {what} in a CI secret (e.g. {example}), pass it to the step as an environment variable, and write {key} = \"{example}\"; if this was a real {what}, revoke it")),
        );
        return None;
    }
    if !is_env_name(&s) {
        errors.push(
            src.error_span(
                &v.span(),
                format!("`{key}` must be an environment variable name, got `{s}`"),
            )
            .with_hint(format!(
                "use letters, digits and _, not starting with a digit, e.g. {key} = \"{example}\""
            )),
        );
        return None;
    }
    Some(EnvVar {
        name: s,
        position: src.pos(v.span().start),
    })
}

/// A rough check that `s` is a mail address: something around an `@`. The mail channel
/// parses it in full.
pub(super) fn mail_address(
    src: &TomlSource<'_>,
    key: &str,
    s: &str,
    at: (usize, usize),
    errors: &mut Vec<Diagnostic>,
) -> bool {
    let ok = s
        .split_once('@')
        .is_some_and(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty());
    if !ok {
        errors.push(
            Diagnostic::error(
                src.path,
                at,
                format!("`{key}` holds `{s}`, which is not a mail address"),
            )
            .with_hint(
                "write an address such as status@acme.com or \"Acme Status <status@acme.com>\"",
            ),
        );
    }
    ok
}

pub(super) fn read_addresses(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let list = read_list(src, "to", v, errors);
    list.into_iter()
        .filter(|(s, at)| mail_address(src, "to", s, *at, errors))
        .map(|(s, _)| s)
        .collect()
}

/// A non-empty list of strings, each with its position.
pub(super) fn read_list(
    src: &TomlSource<'_>,
    key: &str,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, (usize, usize))> {
    let span = v.span();
    let Value::Array(items) = v.get_ref() else {
        errors.push(
            src.error_span(&span, format!("`{key}` must be a list of strings"))
                .with_hint(format!("write it in brackets: {key} = [\"...\"]")),
        );
        return Vec::new();
    };
    if items.is_empty() {
        errors.push(
            src.error_span(&span, format!("`{key}` is an empty list"))
                .with_hint(format!("name at least one, or remove `{key}`")),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for item in items {
        match item {
            Value::String(s) => {
                let at = src.find_in(&span, &format!("\"{s}\""));
                out.push((s.clone(), src.pos(at)));
            }
            other => errors.push(
                src.error_span(
                    &span,
                    format!(
                        "`{key}` lists {} where a string was expected",
                        a(other.type_str())
                    ),
                )
                .with_hint(format!("write each in quotes: {key} = [\"...\"]")),
            ),
        }
    }
    out
}

pub(super) fn read_events(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (name, (line, column)) in read_list(src, "events", v, errors) {
        match EVENT_NAMES.iter().find(|e| **e == name) {
            Some(e) if !out.contains(e) => out.push(*e),
            Some(_) => {}
            None => errors.push(
                Diagnostic::error(src.path, (line, column), format!("unknown event `{name}`"))
                    .with_hint(suggest(&name, EVENT_NAMES, "event")),
            ),
        }
    }
    out
}

pub(super) fn read_max_age(
    src: &TomlSource<'_>,
    value: Option<&Spanned<Value>>,
    errors: &mut Vec<Diagnostic>,
) -> u32 {
    let Some(v) = value else {
        return DEFAULT_MAX_AGE_HOURS;
    };
    match v.get_ref() {
        Value::Integer(n) if (1..=i64::from(MAX_MAX_AGE_HOURS)).contains(n) => *n as u32,
        other => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`max_age_hours` must be a whole number from 1 to {MAX_MAX_AGE_HOURS}, got {other}"),
                )
                .with_hint(format!("write e.g. max_age_hours = {DEFAULT_MAX_AGE_HOURS} (the default)")),
            );
            DEFAULT_MAX_AGE_HOURS
        }
    }
}
