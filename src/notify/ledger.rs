//! The ledger, `.statuspress/notified.json`: what was announced on which channel, so that every
//! event is sent once. CI commits it beside the site.
//!
//! ```json
//! {
//!   "version": 1,
//!   "events": {
//!     "incident/2026-11-20-api/opened": {
//!       "slack": {"at": "2026-11-20T14:06:12Z", "result": "sent", "detail": "HTTP 200"}
//!     }
//!   }
//! }
//! ```
//!
//! Keys are sorted and each record of one event on one channel is one line, so two runs that
//! recorded different events merge line by line. A missing ledger is empty; one that cannot be
//! read is an error, never an empty ledger, which would announce everything again.

use crate::diagnostic::Diagnostic;
use crate::model::site::LEDGER_FILE;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The ledger format this version reads and writes.
pub const VERSION: u32 = 1;

/// What became of one event on one channel: the `result` of its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Delivered.
    Sent,
    /// Older than the channel's `max_age_hours` when first seen: recorded, not sent.
    Seen,
    /// Refused by the receiver for good (a 4xx other than 408 and 429): not tried again.
    Failed,
}

impl Outcome {
    /// The word in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Seen => "seen",
            Outcome::Failed => "failed",
        }
    }
}

/// One event on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// When it was recorded (RFC 3339, UTC), by the run's clock.
    pub at: String,
    /// What became of it.
    pub result: Outcome,
    /// The receiver's answer or why it was not sent.
    #[serde(default)]
    pub detail: String,
}

impl Record {
    /// A record made at `at`.
    pub fn new(at: DateTime<Utc>, result: Outcome, detail: impl Into<String>) -> Record {
        Record {
            at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
            result,
            detail: detail.into(),
        }
    }
}

/// Every record, by event key, then channel name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    events: BTreeMap<String, BTreeMap<String, Record>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLedger {
    version: u32,
    #[serde(default)]
    events: BTreeMap<String, BTreeMap<String, Record>>,
}

impl Ledger {
    /// The record of `event` on `channel`, if there is one.
    pub fn get(&self, event: &str, channel: &str) -> Option<&Record> {
        self.events.get(event)?.get(channel)
    }

    /// Records `record` for `event` on `channel`, replacing an earlier one.
    pub fn record(&mut self, event: &str, channel: &str, record: Record) {
        self.events
            .entry(event.to_string())
            .or_default()
            .insert(channel.to_string(), record);
    }

    /// Parses the text of a ledger; an error names the line and column and how to repair it.
    pub fn parse(text: &str) -> Result<Ledger, Diagnostic> {
        let raw: RawLedger = serde_json::from_str(text).map_err(|e| {
            let hint = if text.contains("<<<<<<<") || text.contains(">>>>>>>") {
                "resolve the merge conflict: keep the records of both sides (one line each) and remove the conflict markers"
            } else {
                "repair the JSON, or restore the file from git (git checkout -- .statuspress/notified.json); \
                 nothing is sent until it reads, so that nothing is announced twice"
            };
            Diagnostic::error(
                LEDGER_FILE,
                (e.line().max(1), e.column().max(1)),
                format!("the ledger cannot be read: {e}"),
            )
            .with_hint(hint)
        })?;
        if raw.version != VERSION {
            return Err(Diagnostic::error(
                LEDGER_FILE,
                (1, 1),
                format!(
                    "the ledger has version {}; this statuspress reads version {VERSION}",
                    raw.version
                ),
            )
            .with_hint("run the statuspress version that wrote it, or a newer one"));
        }
        Ok(Ledger { events: raw.events })
    }

    /// The ledger as text: sorted, one line per record.
    pub fn to_json(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"events\": {{");
        for (n, (event, channels)) in self.events.iter().enumerate() {
            out.push_str(if n == 0 { "\n" } else { ",\n" });
            out.push_str(&format!("    {}: {{", quote(event)));
            for (m, (channel, r)) in channels.iter().enumerate() {
                out.push_str(if m == 0 { "\n" } else { ",\n" });
                out.push_str(&format!(
                    "      {}: {{\"at\": {}, \"result\": {}, \"detail\": {}}}",
                    quote(channel),
                    quote(&r.at),
                    quote(r.result.as_str()),
                    quote(&r.detail)
                ));
            }
            out.push_str("\n    }");
        }
        if !self.events.is_empty() {
            out.push_str("\n  ");
        }
        out.push_str("}\n}\n");
        out
    }

    /// The ledger of the site in `root`: empty when it has none.
    pub fn load(root: &Path) -> Result<Ledger, Diagnostic> {
        match crate::load::read_optional(root, Path::new(LEDGER_FILE))? {
            Some(text) => Ledger::parse(&text),
            None => Ok(Ledger::default()),
        }
    }

    /// Writes the ledger into the site in `root` at once: into a file beside it, read back, then
    /// renamed over it, so a run killed at any moment leaves the previous ledger or this one.
    pub fn save(&self, root: &Path) -> Result<(), String> {
        let rel = Path::new(LEDGER_FILE);
        crate::load::check_inside(root, rel).map_err(|d| d.to_string())?;
        let text = self.to_json();
        // The text comes from `to_json`, which always parses: reading it back equal is enough.
        crate::authoring::write::write_checked(root, rel, &text, |_| Ok(()))
            .map(drop)
            .map_err(|e| e.message)
    }
}

#[cfg(test)]
mod tests;
