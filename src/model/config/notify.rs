//! The `[[notify]]` tables of `statuspress.toml`: the channels `statuspress notify` announces
//! events on. No secret is ever written here: an entry names the environment variables that
//! hold its webhook address, token or key, and CI sets them from its secrets.

mod kind;
mod raw;
pub(crate) mod values;

pub use kind::ChannelKind;
pub(super) use raw::{KEYS, REFUSED, RawNotifyList};
pub use values::is_env_name;

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::Catalog;
use crate::model::site::CONFIG_FILE;
use crate::model::status::Impact;
use crate::model::toml_source::TomlSource;
use raw::RawNotify;
use std::collections::BTreeMap;
use toml::{Spanned, Value};
use values::{
    mail_address, read_addresses, read_env, read_events, read_list, read_max_age, read_string,
};

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

/// The `[[notify]]` tables, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notify {
    /// The channels, in file order.
    pub channels: Vec<NotifyChannel>,
    /// Every id a `components` filter names, with where it is written, also of entries that
    /// could not be read whole: [`check_components`] checks them all against the catalogue.
    pub filter_ids: Vec<(String, (usize, usize))>,
}

/// Checks every `[[notify]]` entry, names the channels and reports every problem.
pub(super) fn parse_notify(
    src: &TomlSource<'_>,
    raw: Option<Spanned<RawNotifyList>>,
    errors: &mut Vec<Diagnostic>,
) -> Notify {
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
    let mut filter_ids = Vec::new();
    for entry in raw {
        let position = src.pos(entry.span().start);
        let entry = entry.into_inner();
        if let Some(channel) = parse_entry(src, &entry, position, &mut filter_ids, errors) {
            channels.push((channel, entry.name));
        }
    }
    name_channels(src, &mut channels, errors);
    Notify {
        channels: channels.into_iter().map(|(c, _)| c).collect(),
        filter_ids,
    }
}

fn parse_entry(
    src: &TomlSource<'_>,
    raw: &RawNotify,
    position: (usize, usize),
    filter_ids: &mut Vec<(String, (usize, usize))>,
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
    filter_ids.extend(components.iter().cloned());
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
                errors.push(src.key_of_other_kinds(&v.span(), key, kind.as_str(), &users));
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
pub fn check_components(notify: &Notify, catalog: &Catalog) -> Vec<Diagnostic> {
    let ids = catalog.ids();
    notify
        .filter_ids
        .iter()
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
