//! Reading the values of a `[[probe]]` entry, each checked with its own error and hint.

use super::kind::BodyMatch;
use crate::diagnostic::Diagnostic;
use crate::model::config::notify::is_env_name;
use crate::model::config::notify::values::{a, looks_secret, read_string};
use crate::model::toml_source::TomlSource;
use toml::{Spanned, Value};

/// A whole number in `range`, or `default` (with an error) when it is not one.
pub(super) fn read_number(
    src: &TomlSource<'_>,
    key: &str,
    value: Option<&Spanned<Value>>,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
    errors: &mut Vec<Diagnostic>,
) -> u32 {
    let Some(v) = value else {
        return default;
    };
    match v.get_ref() {
        Value::Integer(n) if (i64::from(*range.start())..=i64::from(*range.end())).contains(n) => {
            *n as u32
        }
        other => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!(
                        "`{key}` must be a whole number from {} to {}, got {other}",
                        range.start(),
                        range.end()
                    ),
                )
                .with_hint(format!("write e.g. {key} = {default}")),
            );
            default
        }
    }
}

/// An http(s) address without credentials in it.
pub(super) fn read_url(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let s = read_string(src, "url", v, errors)?;
    let s = s.trim().to_string();
    let parsed = url::Url::parse(&s).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    });
    let Some(parsed) = parsed else {
        errors.push(
            src.error_span(
                &v.span(),
                format!("`url` must be an http(s) address, got `{s}`"),
            )
            .with_hint("write the full address, e.g. url = \"https://api.example.com/healthz\""),
        );
        return None;
    };
    let secret_query = parsed.query_pairs().any(|(k, val)| {
        let k = k.to_ascii_lowercase();
        ["token", "key", "secret", "password", "auth", "sig"]
            .iter()
            .any(|w| k.contains(w))
            || looks_secret(&val)
    });
    if !parsed.username().is_empty() || parsed.password().is_some() || secret_query {
        // The value is never repeated: it holds the secret.
        errors.push(
            src.error_span(&v.span(), "`url` holds a password or token, which would put a secret in the repository")
                .with_hint("send it in a header whose value comes from a CI secret: headers_env = { Authorization = \"API_HEALTH_TOKEN\" }; if this was a real secret, revoke it"),
        );
        return None;
    }
    Some(s)
}

/// `headers_env`: header names, each with the environment variable holding its value.
pub(super) fn read_headers_env(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let span = v.span();
    let Value::Table(table) = v.get_ref() else {
        errors.push(
            src.error_span(
                &span,
                "`headers_env` must be a table of header names to environment variable names",
            )
            .with_hint("write headers_env = { Authorization = \"API_HEALTH_TOKEN\" }"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (header, var) in table {
        let at = src.find_key(&span, header);
        let valid_header = !header.is_empty()
            && header
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_!#$%&'*+.^`|~".contains(c));
        if !valid_header {
            errors.push(
                src.error_at(at, format!("`{header}` is not an HTTP header name"))
                    .with_hint("use letters, digits and -, e.g. Authorization or X-Api-Key"),
            );
            continue;
        }
        let name = match var {
            Value::String(s) => s.trim(),
            other => {
                errors.push(
                    src.error_at(
                        at,
                        format!(
                            "header `{header}` in `headers_env` must name an environment variable, got {}",
                            a(other.type_str())
                        ),
                    )
                    .with_hint(format!("write {header} = \"API_HEALTH_TOKEN\"")),
                );
                continue;
            }
        };
        if looks_secret(name) || !is_env_name(name) {
            let message = if looks_secret(name) {
                format!(
                    "header `{header}` in `headers_env` names an environment variable, not the value itself"
                )
            } else {
                format!(
                    "header `{header}` in `headers_env` must be an environment variable name, got `{name}`"
                )
            };
            errors.push(src.error_at(at, message).with_hint(format!(
                "secrets never go in the repository: keep the value in a CI secret, pass it to the step as an environment variable, and write {header} = \"API_HEALTH_TOKEN\""
            )));
            continue;
        }
        out.push((header.clone(), name.to_string()));
    }
    out.sort();
    out
}

/// `expect_status`: a non-empty list of HTTP status codes.
pub(super) fn read_statuses(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<u16> {
    let list = match v.get_ref() {
        Value::Array(items) if !items.is_empty() => items.clone(),
        Value::Integer(_) => vec![v.get_ref().clone()],
        _ => Vec::new(),
    };
    let codes: Vec<Option<u16>> = list
        .iter()
        .map(|item| match item {
            Value::Integer(n) if (100..=599).contains(n) => Some(*n as u16),
            _ => None,
        })
        .collect();
    if codes.is_empty() || codes.iter().any(Option::is_none) {
        errors.push(
            src.error_span(
                &v.span(),
                "`expect_status` must list HTTP status codes from 100 to 599",
            )
            .with_hint("write e.g. expect_status = [200, 204]; without it any 2xx passes"),
        );
        return Vec::new();
    }
    let mut codes: Vec<u16> = codes.into_iter().flatten().collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// `expect_body`: a substring, or `/regex/`.
pub(super) fn read_body(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<BodyMatch> {
    let s = read_string(src, "expect_body", v, errors)?;
    let Some(pattern) = s
        .strip_prefix('/')
        .and_then(|r| r.strip_suffix('/'))
        .filter(|r| !r.is_empty())
    else {
        return Some(BodyMatch::Substring(s));
    };
    match regex::Regex::new(pattern) {
        Ok(_) => Some(BodyMatch::Regex(pattern.to_string())),
        Err(e) => {
            let first = e.to_string();
            let last = first.lines().last().unwrap_or("").trim().to_string();
            errors.push(
                src.error_span(&v.span(), format!("`expect_body` is not a valid regular expression: {last}"))
                    .with_hint("fix the pattern between the slashes, or write plain text without them to look for it as is"),
            );
            None
        }
    }
}

/// `port`: 1 to 65535.
pub(super) fn read_port(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<u16> {
    match v.get_ref() {
        Value::Integer(n) if (1..=65535).contains(n) => Some(*n as u16),
        other => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`port` must be a number from 1 to 65535, got {other}"),
                )
                .with_hint("write e.g. port = 443"),
            );
            None
        }
    }
}
