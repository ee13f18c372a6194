//! The data files of `statuspress probe`, pure: `samples.csv` (every run's result for a
//! rolling window), `daily.csv` (one row per UTC day, kept for good) and, for `statuspage`
//! probes, `upstream.json` (what the last run read on the provider's page, [`upstream`]),
//! parsed with errors that name the line, written back byte for byte the same, and the daily
//! rows computed from samples ([`daily`]).
//!
//! ```text
//! time,result,latency_ms,detail
//! 2026-11-23T12:00:00Z,ok,123,HTTP 200
//! 2026-11-23T12:05:00Z,down,5000,no answer within 5000 ms
//! ```
//!
//! `detail` is one line of at most [`DETAIL_CHARS`] characters, quoted as CSV quotes a field
//! when it holds a comma or a quote.

pub mod daily;
pub mod upstream;

pub use daily::{DAILY_HEADER, Daily, format_daily, merge, parse_daily, rollup};
pub use upstream::{
    UPSTREAM_FILE, UpstreamIncident, UpstreamRead, format_upstream, parse_upstream,
};

use crate::diagnostic::Diagnostic;
use chrono::{DateTime, SecondsFormat, Utc};
use std::path::Path;

/// Where the data of the probe `id` lives, relative to the site folder.
pub fn probe_dir(id: &str) -> String {
    format!("{}/{id}", crate::model::site::PROBES_DATA_DIR)
}

/// The file name of the raw samples.
pub const SAMPLES_FILE: &str = "samples.csv";
/// The file name of the daily rollups.
pub const DAILY_FILE: &str = "daily.csv";
/// The header line of `samples.csv`.
pub const SAMPLES_HEADER: &str = "time,result,latency_ms,detail";
/// The longest `detail` kept, in characters.
pub const DETAIL_CHARS: usize = 120;

/// What a run found for a probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Passed in time.
    Ok,
    /// Passed, slowly.
    Slow,
    /// Failed.
    Down,
}

impl Verdict {
    /// The words the data files use.
    pub const NAMES: &'static [&'static str] = &["ok", "slow", "down"];

    /// The word in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Slow => "slow",
            Verdict::Down => "down",
        }
    }

    /// The verdict written `s`.
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "ok" => Some(Verdict::Ok),
            "slow" => Some(Verdict::Slow),
            "down" => Some(Verdict::Down),
            _ => None,
        }
    }
}

/// One run's result for one probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The run's clock, to the second.
    pub time: DateTime<Utc>,
    /// What it found.
    pub result: Verdict,
    /// How long the last try took.
    pub latency_ms: u32,
    /// What it found, in a few words.
    pub detail: String,
}

/// What the data files of one probe hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProbeData {
    /// The samples of the window, by time.
    pub samples: Vec<Sample>,
    /// One row per day, by date.
    pub daily: Vec<Daily>,
    /// What the last run read on the provider's page (`statuspage` probes only).
    pub upstream: Option<UpstreamRead>,
}

/// The detail as kept: one line, control characters as spaces, at most [`DETAIL_CHARS`].
pub fn clean_detail(detail: &str) -> String {
    clean_line(detail, DETAIL_CHARS)
}

/// `text` as one trimmed line (control characters as spaces) of at most `max` characters, the
/// last of them `…` when it was cut.
pub(crate) fn clean_line(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.chars().count() > max {
        let mut cut: String = trimmed.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        trimmed.to_string()
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The text of `samples.csv`.
pub fn format_samples(samples: &[Sample]) -> String {
    let mut out = String::with_capacity(64 * (samples.len() + 1));
    out.push_str(SAMPLES_HEADER);
    out.push('\n');
    for s in samples {
        out.push_str(&format!(
            "{},{},{},{}\n",
            s.time.to_rfc3339_opts(SecondsFormat::Secs, true),
            s.result.as_str(),
            s.latency_ms,
            csv_field(&clean_detail(&s.detail))
        ));
    }
    out
}

/// An error at line `line` of a data file.
pub(crate) fn row_error(path: &Path, line: usize, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(path, (line, 1), message).with_hint(hint.to_string())
}

/// Checks the header of a data file (its first line).
pub(crate) fn check_header(path: &Path, text: &str, header: &str) -> Result<(), Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end_matches('\r') == header {
        return Ok(());
    }
    Err(row_error(
        path,
        1,
        format!("the first line is not the header `{header}`"),
        "this file is written by `statuspress probe`; restore it from git, or delete it to start over",
    ))
}

/// Parses `samples.csv`, reporting every malformed row with its line. Rows come back sorted by
/// time.
pub fn parse_samples(path: &Path, text: &str) -> Result<Vec<Sample>, Vec<Diagnostic>> {
    check_header(path, text, SAMPLES_HEADER).map_err(|d| vec![d])?;
    let mut samples = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        match parse_sample(line) {
            Ok(s) => samples.push(s),
            Err(why) => errors.push(row_error(
                path,
                i + 1,
                format!("malformed sample: {why}"),
                "rows read time,result,latency_ms,detail, e.g. 2026-11-23T12:00:00Z,ok,123,HTTP 200; restore the file from git, or delete the row",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    samples.sort_by_key(|s| s.time);
    Ok(samples)
}

fn parse_sample(line: &str) -> Result<Sample, String> {
    let mut parts = line.splitn(4, ',');
    let (Some(time), Some(result), Some(latency), Some(detail)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("expected 4 fields".to_string());
    };
    let time = DateTime::parse_from_rfc3339(time)
        .map_err(|_| format!("`{time}` is not an RFC 3339 time"))?
        .with_timezone(&Utc);
    let result =
        Verdict::parse(result).ok_or_else(|| format!("`{result}` is not one of ok, slow, down"))?;
    let latency_ms = latency
        .parse::<u32>()
        .map_err(|_| format!("`{latency}` is not a number of milliseconds"))?;
    let detail = match detail.strip_prefix('"') {
        None if detail.contains('"') => return Err("a quote in an unquoted detail".to_string()),
        None => detail.to_string(),
        Some(rest) => {
            let inner = rest
                .strip_suffix('"')
                .ok_or("the quoted detail is not closed")?;
            if inner.replace("\"\"", "").contains('"') {
                return Err("a lone quote inside the quoted detail".to_string());
            }
            inner.replace("\"\"", "\"")
        }
    };
    Ok(Sample {
        time,
        result,
        latency_ms,
        detail,
    })
}

#[cfg(test)]
mod tests;
