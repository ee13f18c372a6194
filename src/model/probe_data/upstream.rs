//! `upstream.json`: what the last run of a `statuspage` probe read on the provider's page.
//!
//! ```json
//! {
//!   "checked_at": "2026-11-23T12:00:00Z",
//!   "component_name": "Git Operations",
//!   "status": "partial_outage",
//!   "incidents": [
//!     {"name": "Pushes failing", "status": "identified", "impact": "major", "url": "https://stspg.io/x"}
//!   ],
//!   "more_incidents": 0
//! }
//! ```
//!
//! - `checked_at` is the run's clock;
//! - `component_name` and `status` are the provider's name and word for the component, both
//!   `null` when the run could not read them (the page did not answer, or has no such
//!   component); any word is kept as the provider wrote it, and only the five Statuspage words
//!   mean something to the pages ([`UpstreamRead::component_status`]);
//! - `incidents` are the provider's unresolved incidents on the component, at most
//!   [`MAX_INCIDENTS`], and `more_incidents` counts those left out. An incident's `url` is an
//!   http(s) address or `null`.
//!
//! Keys come in this order with one incident per line, and the file ends with a newline, so
//! the same reading is written as the same bytes. Texts are one line (control characters become
//! spaces), names at most [`NAME_CHARS`] characters and words [`WORD_CHARS`].

use super::clean_line;
use crate::diagnostic::Diagnostic;
use crate::model::status::ComponentStatus;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use std::path::Path;

/// The file name of the upstream reading.
pub const UPSTREAM_FILE: &str = "upstream.json";
/// The most incidents kept.
pub const MAX_INCIDENTS: usize = 5;
/// The longest name kept (a component's or an incident's), in characters.
pub const NAME_CHARS: usize = 200;
/// The longest status or impact word kept, in characters.
pub const WORD_CHARS: usize = 40;
/// The longest incident address kept, in characters; a longer one is dropped.
pub const URL_CHARS: usize = 500;

/// What the last run read of the provider's component.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamRead {
    /// When it was read: the run's clock, to the second.
    #[serde(deserialize_with = "time")]
    pub checked_at: DateTime<Utc>,
    /// The component's name as the provider writes it; `None` when it was not read.
    #[serde(deserialize_with = "name")]
    pub component_name: Option<String>,
    /// The provider's word for the component; `None` when it was not read.
    #[serde(deserialize_with = "word")]
    pub status: Option<String>,
    /// Unresolved incidents on the component, in the order the check found them.
    #[serde(deserialize_with = "incidents")]
    pub incidents: Vec<UpstreamIncident>,
    /// Incidents left out after the first [`MAX_INCIDENTS`].
    pub more_incidents: u32,
}

/// An unresolved incident of the provider.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamIncident {
    /// Its title.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// `investigating`, `identified`, `monitoring`, or another word of the provider.
    #[serde(deserialize_with = "one_word")]
    pub status: String,
    /// `none`, `minor`, `major`, `critical`, or another word of the provider.
    #[serde(deserialize_with = "one_word")]
    pub impact: String,
    /// Its address on the provider's site, http(s) only.
    #[serde(deserialize_with = "address")]
    pub url: Option<String>,
}

impl UpstreamIncident {
    /// An incident as the provider gave it: texts made one line and cut to their limits, an
    /// address that is not http(s) dropped.
    pub fn new(name: &str, status: &str, impact: &str, url: &str) -> UpstreamIncident {
        UpstreamIncident {
            name: clean_line(name, NAME_CHARS),
            status: clean_line(status, WORD_CHARS),
            impact: clean_line(impact, WORD_CHARS),
            url: web_address(url).map(str::to_owned),
        }
    }
}

impl UpstreamRead {
    /// A reading of the component `name` at `status`, with its incidents (the first
    /// [`MAX_INCIDENTS`] kept), each text cleaned as [`UpstreamIncident::new`] cleans.
    pub fn new(
        checked_at: DateTime<Utc>,
        name: &str,
        status: &str,
        incidents: Vec<UpstreamIncident>,
    ) -> UpstreamRead {
        let more = incidents.len().saturating_sub(MAX_INCIDENTS);
        UpstreamRead {
            checked_at,
            component_name: Some(clean_line(name, NAME_CHARS)),
            status: Some(clean_line(status, WORD_CHARS)),
            incidents: incidents.into_iter().take(MAX_INCIDENTS).collect(),
            more_incidents: u32::try_from(more).unwrap_or(u32::MAX),
        }
    }

    /// A run that could not read the component.
    pub fn unread(checked_at: DateTime<Utc>) -> UpstreamRead {
        UpstreamRead {
            checked_at,
            component_name: None,
            status: None,
            incidents: Vec::new(),
            more_incidents: 0,
        }
    }

    /// The provider's word as one of Statuspage's five; `None` when it was not read or is
    /// another word.
    pub fn component_status(&self) -> Option<ComponentStatus> {
        self.status.as_deref().and_then(ComponentStatus::parse)
    }
}

/// `url` when it is an http(s) address of at most [`URL_CHARS`] characters with a host and
/// without spaces, quotes or angle brackets; the only addresses the pages link to.
pub fn web_address(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let plain = !url.contains(|c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
    });
    (plain && !host.is_empty() && url.chars().count() <= URL_CHARS).then_some(url)
}

/// The text of `upstream.json`.
pub fn format_upstream(u: &UpstreamRead) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let opt = |s: Option<&str>| s.map_or_else(|| "null".to_owned(), q);
    let mut out = String::from("{\n");
    out.push_str(&format!(
        "  \"checked_at\": {},\n  \"component_name\": {},\n  \"status\": {},\n  \"incidents\": [",
        q(&u.checked_at.to_rfc3339_opts(SecondsFormat::Secs, true)),
        opt(u.component_name.as_deref()),
        opt(u.status.as_deref()),
    ));
    for (n, i) in u.incidents.iter().enumerate() {
        out.push_str(if n == 0 { "\n" } else { ",\n" });
        out.push_str(&format!(
            "    {{\"name\": {}, \"status\": {}, \"impact\": {}, \"url\": {}}}",
            q(&i.name),
            q(&i.status),
            q(&i.impact),
            opt(i.url.as_deref())
        ));
    }
    if !u.incidents.is_empty() {
        out.push_str("\n  ");
    }
    out.push_str(&format!(
        "],\n  \"more_incidents\": {}\n}}\n",
        u.more_incidents
    ));
    out
}

/// Parses `upstream.json`; an error names its line and column.
pub fn parse_upstream(path: &Path, text: &str) -> Result<UpstreamRead, Vec<Diagnostic>> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |at| &message[..at]);
        vec![
            Diagnostic::error(
                path,
                (e.line().max(1), e.column().max(1)),
                format!("malformed upstream reading: {message}"),
            )
            .with_hint(
                "this file is written by `statuspress probe` for a statuspage probe; restore it \
                 from git, or delete it and the next run writes it again",
            ),
        ]
    })
}

fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| D::Error::custom(format!("`{s}` is not an RFC 3339 time")))
}

/// A text of one line of at most `max` characters.
fn checked<E: serde::de::Error>(s: String, max: usize) -> Result<String, E> {
    if s.chars().any(char::is_control) {
        Err(E::custom(format!("{s:?} is not one line")))
    } else if s.chars().count() > max {
        Err(E::custom(format!("a text longer than {max} characters")))
    } else {
        Ok(s)
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(String::deserialize(d)?, NAME_CHARS)
}

fn one_word<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(String::deserialize(d)?, WORD_CHARS)
}

fn name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| checked(s, NAME_CHARS))
        .transpose()
}

fn word<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| checked(s, WORD_CHARS))
        .transpose()
}

fn address<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(url) if web_address(&url).is_some() => Ok(Some(url)),
        Some(url) => Err(D::Error::custom(format!(
            "`{url}` is not an http(s) address; write null for an incident without one"
        ))),
    }
}

fn incidents<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<UpstreamIncident>, D::Error> {
    let list = Vec::<UpstreamIncident>::deserialize(d)?;
    if list.len() > MAX_INCIDENTS {
        return Err(D::Error::custom(format!(
            "{} incidents; at most {MAX_INCIDENTS} are kept, the rest counted in more_incidents",
            list.len()
        )));
    }
    Ok(list)
}

#[cfg(test)]
mod tests;
