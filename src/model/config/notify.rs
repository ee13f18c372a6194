//! The `[[notify]]` tables of `statuspress.toml`: the channels `statuspress notify` announces
//! events on. No secret is ever written here: an entry names the environment variables that
//! hold its webhook address, token or key, and CI sets them from its secrets.

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::Catalog;
use crate::model::site::CONFIG_FILE;
use crate::model::status::Impact;
use crate::model::toml_source::{Refused, TomlSource};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Spanned, Value};

/// Where a channel's messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelKind {
    /// A Slack incoming webhook.
    Slack,
    /// A Discord channel webhook.
    Discord,
    /// A Microsoft Teams workflow webhook.
    Teams,
    /// Any HTTP endpoint, sent Statuspage's webhook payloads.
    Webhook,
    /// A mailing list, over SMTP.
    Email,
    /// A Mastodon account.
    Mastodon,
}

impl ChannelKind {
    /// Every kind, in the order of [`ChannelKind::NAMES`].
    pub const ALL: &'static [ChannelKind] = &[
        ChannelKind::Slack,
        ChannelKind::Discord,
        ChannelKind::Teams,
        ChannelKind::Webhook,
        ChannelKind::Email,
        ChannelKind::Mastodon,
    ];
    /// The values of `kind`.
    pub const NAMES: &'static [&'static str] =
        &["slack", "discord", "teams", "webhook", "email", "mastodon"];

    /// The value of `kind`, e.g. `slack`.
    pub fn as_str(self) -> &'static str {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::NAMES[i]
    }

    /// Parses a value of `kind`.
    pub fn parse(s: &str) -> Option<ChannelKind> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::ALL[i])
    }

    /// The kind-specific keys this kind takes, required ones first.
    fn keys(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ChannelKind::Slack | ChannelKind::Discord | ChannelKind::Teams => (&["url_env"], &[]),
            ChannelKind::Webhook => (&["url_env"], &["secret_env"]),
            ChannelKind::Email => (&["url_env", "from", "to"], &[]),
            ChannelKind::Mastodon => (&["token_env", "instance"], &[]),
        }
    }
}

/// The names `events` takes.
pub const EVENT_NAMES: &[&str] = &["incident", "update", "resolved", "maintenance"];

/// Default of `max_age_hours`.
pub const DEFAULT_MAX_AGE_HOURS: u32 = 24;
/// Largest `max_age_hours`: a year.
pub const MAX_MAX_AGE_HOURS: u32 = 8760;

/// An environment variable named in the file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVar {
    /// The variable's name, e.g. `SLACK_WEBHOOK_URL`.
    pub name: String,
    /// Line and column of the name in `statuspress.toml`.
    pub position: (usize, usize),
}

/// One `[[notify]]` entry, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NotifyChannel {
    /// Where its messages go.
    pub kind: ChannelKind,
    /// Its name in the ledger and in messages, unique among the channels.
    pub name: String,
    /// The variable holding the webhook address (or, for email, the SMTP address).
    pub url_env: Option<EnvVar>,
    /// The variable holding a webhook's signing key.
    pub secret_env: Option<EnvVar>,
    /// The variable holding a Mastodon access token.
    pub token_env: Option<EnvVar>,
    /// A Mastodon instance's address, without a trailing slash.
    pub instance: Option<String>,
    /// An email's sender.
    pub from: Option<String>,
    /// An email's recipients (list addresses), never empty for email.
    pub to: Vec<String>,
    /// Component or group ids with where each is written; empty for every component.
    pub components: Vec<(String, (usize, usize))>,
    /// The events sent (names of [`EVENT_NAMES`]); empty for all.
    pub events: Vec<&'static str>,
    /// The least impact of the incidents sent; maintenance always passes.
    pub min_impact: Option<Impact>,
    /// Events older than this at the clock are recorded as seen without being sent.
    pub max_age_hours: u32,
    /// Line and column of the entry.
    pub position: (usize, usize),
}

impl NotifyChannel {
    /// The variables whose values a send needs, in the order they are checked.
    pub fn secrets(&self) -> impl Iterator<Item = &EnvVar> {
        [&self.url_env, &self.token_env, &self.secret_env]
            .into_iter()
            .flatten()
    }
}

/// The keys of a `[[notify]]` entry.
pub(super) const KEYS: &[&str] = &[
    "kind",
    "name",
    "url_env",
    "secret_env",
    "token_env",
    "instance",
    "from",
    "to",
    "components",
    "events",
    "min_impact",
    "max_age_hours",
];

/// Keys that would put a secret in the repository.
pub(super) const REFUSED: &[Refused<'static>] = &[
    Refused {
        key: "url",
        reason: "would put a secret in the repository",
        hint: "keep the webhook address in a CI secret and name its environment variable: url_env = \"SLACK_WEBHOOK_URL\"",
    },
    Refused {
        key: "token",
        reason: "would put a secret in the repository",
        hint: "keep the token in a CI secret and name its environment variable: token_env = \"MASTODON_TOKEN\"",
    },
    Refused {
        key: "secret",
        reason: "would put a secret in the repository",
        hint: "keep the signing key in a CI secret and name its environment variable: secret_env = \"WEBHOOK_SECRET\"",
    },
    Refused {
        key: "password",
        reason: "would put a secret in the repository",
        hint: "the SMTP password goes in the address kept in a CI secret, e.g. SMTP_URL=smtps://user:password@host:465, named here with url_env = \"SMTP_URL\"",
    },
];

/// A `[[notify]]` entry as written: every value as it is, checked by hand so that one wrong
/// value never hides another.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotify {
    kind: Option<Spanned<Value>>,
    name: Option<Spanned<Value>>,
    url_env: Option<Spanned<Value>>,
    secret_env: Option<Spanned<Value>>,
    token_env: Option<Spanned<Value>>,
    instance: Option<Spanned<Value>>,
    from: Option<Spanned<Value>>,
    to: Option<Spanned<Value>>,
    components: Option<Spanned<Value>>,
    events: Option<Spanned<Value>>,
    min_impact: Option<Spanned<Value>>,
    max_age_hours: Option<Spanned<Value>>,
}

impl RawNotify {
    /// The kind-specific values, by key.
    fn specific(&self) -> [(&'static str, Option<&Spanned<Value>>); 6] {
        [
            ("url_env", self.url_env.as_ref()),
            ("secret_env", self.secret_env.as_ref()),
            ("token_env", self.token_env.as_ref()),
            ("instance", self.instance.as_ref()),
            ("from", self.from.as_ref()),
            ("to", self.to.as_ref()),
        ]
    }
}

/// The value of `notify`: the `[[notify]]` tables, or the one table of a `[notify]` written
/// with single brackets, which is reported rather than left to a type error that would hide
/// the rest of the file.
pub(super) enum RawNotifyList {
    /// `[[notify]]` tables.
    Tables(Vec<Spanned<RawNotify>>),
    /// A single `[notify]` table.
    One,
}

impl<'de> Deserialize<'de> for RawNotifyList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawNotifyList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[[notify]] tables")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawNotifyList, A::Error> {
                let mut tables = Vec::new();
                while let Some(t) = seq.next_element()? {
                    tables.push(t);
                }
                Ok(RawNotifyList::Tables(tables))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawNotifyList, A::Error> {
                use serde::de::IgnoredAny;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(RawNotifyList::One)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Checks every `[[notify]]` entry, names the channels and reports every problem.
pub(super) fn parse_notify(
    src: &TomlSource<'_>,
    raw: Option<Spanned<RawNotifyList>>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<NotifyChannel> {
    let raw = match raw.map(|r| (r.span(), r.into_inner())) {
        None => Vec::new(),
        Some((_, RawNotifyList::Tables(tables))) => tables,
        Some((span, RawNotifyList::One)) => {
            // The span starts after the header: point at the header's line.
            let line_start = src.text[..span.start.min(src.text.len())]
                .rfind("[notify]")
                .unwrap_or(span.start);
            errors.push(
                src.error_at(
                    line_start,
                    "`[notify]` is one table; each channel is a [[notify]] table",
                )
                .with_hint("write [[notify]], with two brackets, before the keys of each channel"),
            );
            Vec::new()
        }
    };
    let mut channels: Vec<(NotifyChannel, Option<Spanned<Value>>)> = Vec::new();
    for entry in raw {
        let position = src.pos(entry.span().start);
        let entry = entry.into_inner();
        if let Some(channel) = parse_entry(src, &entry, position, errors) {
            channels.push((channel, entry.name));
        }
    }
    name_channels(src, &mut channels, errors);
    channels.into_iter().map(|(c, _)| c).collect()
}

fn parse_entry(
    src: &TomlSource<'_>,
    raw: &RawNotify,
    position: (usize, usize),
    errors: &mut Vec<Diagnostic>,
) -> Option<NotifyChannel> {
    let kind = read_kind(src, raw.kind.as_ref(), position, errors);
    let url_env = read_env(src, "url_env", raw.url_env.as_ref(), errors);
    let secret_env = read_env(src, "secret_env", raw.secret_env.as_ref(), errors);
    let token_env = read_env(src, "token_env", raw.token_env.as_ref(), errors);
    let instance = raw.instance.as_ref().and_then(|v| {
        let s = read_string(src, "instance", v, errors)?;
        let trimmed = s.trim().trim_end_matches('/').to_string();
        if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
            Some(trimmed)
        } else {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`instance` must be an http(s) address, got `{s}`"),
                )
                .with_hint(
                    "write the instance's address, e.g. instance = \"https://mastodon.social\"",
                ),
            );
            None
        }
    });
    let from = raw.from.as_ref().and_then(|v| {
        let s = read_string(src, "from", v, errors)?;
        mail_address(src, "from", &s, src.pos(v.span().start), errors).then_some(s)
    });
    let to = raw
        .to
        .as_ref()
        .map(|v| read_addresses(src, v, errors))
        .unwrap_or_default();
    let components = raw
        .components
        .as_ref()
        .map(|v| read_list(src, "components", v, errors))
        .unwrap_or_default();
    let events = raw
        .events
        .as_ref()
        .map(|v| read_events(src, v, errors))
        .unwrap_or_default();
    let min_impact = raw.min_impact.as_ref().and_then(|v| {
        let s = read_string(src, "min_impact", v, errors)?;
        let impact = Impact::parse(&s);
        if impact.is_none() {
            errors.push(
                src.error_span(&v.span(), format!("unknown impact `{s}` in `min_impact`"))
                    .with_hint(suggest(&s, Impact::NAMES, "impact")),
            );
        }
        impact
    });
    let max_age_hours = read_max_age(src, raw.max_age_hours.as_ref(), errors);
    let kind = kind?;
    check_kind_keys(src, kind, raw, position, errors);
    Some(NotifyChannel {
        kind,
        name: String::new(),
        url_env,
        secret_env,
        token_env,
        instance,
        from,
        to,
        components,
        events,
        min_impact,
        max_age_hours,
        position,
    })
}

fn read_kind(
    src: &TomlSource<'_>,
    value: Option<&Spanned<Value>>,
    position: (usize, usize),
    errors: &mut Vec<Diagnostic>,
) -> Option<ChannelKind> {
    let one_of = ChannelKind::NAMES.join(", ");
    let Some(v) = value else {
        errors.push(
            Diagnostic::error(src.path, position, "[[notify]] has no `kind`")
                .with_hint(format!("add kind = \"slack\" (one of: {one_of})")),
        );
        return None;
    };
    let s = read_string(src, "kind", v, errors)?;
    let kind = ChannelKind::parse(&s);
    if kind.is_none() {
        errors.push(
            src.error_span(&v.span(), format!("unknown channel kind `{s}`"))
                .with_hint(suggest(&s, ChannelKind::NAMES, "channel kind")),
        );
    }
    kind
}

/// Reports the kind-specific keys an entry lacks, and those of other kinds it has.
fn check_kind_keys(
    src: &TomlSource<'_>,
    kind: ChannelKind,
    raw: &RawNotify,
    position: (usize, usize),
    errors: &mut Vec<Diagnostic>,
) {
    let (required, optional) = kind.keys();
    for (key, value) in raw.specific() {
        match value {
            None if required.contains(&key) => errors.push(
                Diagnostic::error(
                    src.path,
                    position,
                    format!("[[notify]] of kind `{}` has no `{key}`", kind.as_str()),
                )
                .with_hint(required_hint(kind, key)),
            ),
            Some(v) if !required.contains(&key) && !optional.contains(&key) => {
                let users: Vec<&str> = ChannelKind::ALL
                    .iter()
                    .filter(|k| {
                        let (r, o) = k.keys();
                        r.contains(&key) || o.contains(&key)
                    })
                    .map(|k| k.as_str())
                    .collect();
                errors.push(
                    src.error_span(
                        &v.span(),
                        format!("`{key}` is not used by kind `{}`", kind.as_str()),
                    )
                    .with_hint(format!(
                        "remove it; `{key}` is for kind {}",
                        users.join(" and ")
                    )),
                );
            }
            _ => {}
        }
    }
}

fn required_hint(kind: ChannelKind, key: &str) -> String {
    match (kind, key) {
        (ChannelKind::Email, "url_env") => {
            "name the variable holding the SMTP address, e.g. url_env = \"SMTP_URL\" with SMTP_URL=smtps://user:password@host:465 set as a CI secret".to_string()
        }
        (_, "url_env") => format!(
            "name the variable holding the webhook address, e.g. url_env = \"{}_WEBHOOK_URL\", and set it as a CI secret",
            kind.as_str().to_uppercase()
        ),
        (_, "token_env") => "name the variable holding the access token, e.g. token_env = \"MASTODON_TOKEN\", and set it as a CI secret".to_string(),
        (_, "instance") => "add the instance's address, e.g. instance = \"https://mastodon.social\"".to_string(),
        (_, "from") => "add the sender, e.g. from = \"Acme Status <status@acme.com>\"".to_string(),
        _ => "add the recipients, e.g. to = [\"status-announce@lists.acme.com\"]".to_string(),
    }
}

fn read_string(
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
fn a(type_name: &str) -> String {
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
fn looks_secret(s: &str) -> bool {
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

fn read_env(
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
fn mail_address(
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

fn read_addresses(
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
fn read_list(
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

fn read_events(
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

fn read_max_age(
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

/// Gives every channel its name (the one written, `<kind>`, or `<kind>:<variable>` when a kind
/// has several channels) and reports names used twice.
fn name_channels(
    src: &TomlSource<'_>,
    channels: &mut [(NotifyChannel, Option<Spanned<Value>>)],
    errors: &mut Vec<Diagnostic>,
) {
    let mut per_kind: BTreeMap<ChannelKind, usize> = BTreeMap::new();
    for (c, _) in channels.iter() {
        *per_kind.entry(c.kind).or_default() += 1;
    }
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for (c, written) in channels.iter_mut() {
        let own = written
            .as_ref()
            .and_then(|v| read_string(src, "name", v, errors));
        c.name = match own {
            Some(name) => name.trim().to_string(),
            None if per_kind[&c.kind] == 1 => c.kind.as_str().to_string(),
            None => match c.url_env.as_ref().or(c.token_env.as_ref()) {
                Some(var) => format!("{}:{}", c.kind.as_str(), var.name),
                None => format!("{}:{}", c.kind.as_str(), c.position.0),
            },
        };
        if c.name.chars().any(char::is_control) {
            errors.push(
                Diagnostic::error(
                    src.path,
                    c.position,
                    "a channel `name` holds a control character",
                )
                .with_hint("use letters, digits, spaces and punctuation"),
            );
        }
        if let Some(first) = taken.get(&c.name) {
            let at = written
                .as_ref()
                .map_or(c.position, |v| src.pos(v.span().start));
            errors.push(
                Diagnostic::error(
                    src.path,
                    at,
                    format!("the channel name `{}` is already used by the [[notify]] at line {first}", c.name),
                )
                .with_hint("give each [[notify]] its own name = \"...\": the ledger records what each channel was sent by name"),
            );
        } else {
            taken.insert(c.name.clone(), c.position.0);
        }
    }
}

/// The component and group ids of the `components` filters that `catalog` does not define,
/// reported as `affected` ids of posts are.
pub fn check_components(channels: &[NotifyChannel], catalog: &Catalog) -> Vec<Diagnostic> {
    let ids = catalog.ids();
    channels
        .iter()
        .flat_map(|c| &c.components)
        .filter(|(id, _)| catalog.target(id).is_none())
        .map(|(id, (line, column))| {
            Diagnostic::error(
                CONFIG_FILE,
                (*line, *column),
                format!("unknown component `{id}` in [[notify]] `components`"),
            )
            .with_hint(format!(
                "{}; components and groups are defined in components.toml",
                suggest(id, &ids, "component")
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests;
