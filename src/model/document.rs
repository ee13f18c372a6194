//! Splitting a Markdown post into TOML front matter, a summary and timestamped updates.

use super::time::{ACCEPTED_FORMS, parse_timestamp};
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::Path;

/// A post split at its `+++` fences.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The TOML between the fences.
    pub front_matter: &'a str,
    /// Lines of the file before the front matter text (the opening fence and anything above).
    pub front_matter_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Lines of the file before the body.
    pub body_offset: usize,
}

const FENCE: &str = "+++";

/// Splits a post into front matter and body.
pub fn split<'a>(path: &Path, src: &'a str) -> Result<Document<'a>, Diagnostic> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut lines = src.split_inclusive('\n');
    let mut offset = 0;
    let mut skipped = 0;
    // Blank lines before the opening fence are tolerated.
    let first = loop {
        match lines.next() {
            Some(l) if l.trim().is_empty() => {
                offset += l.len();
                skipped += 1;
            }
            other => break other,
        }
    };
    if first.map(str::trim_end) != Some(FENCE) {
        return Err(Diagnostic::error(path, (skipped + 1, 1), "missing front matter")
            .with_hint("start the file with a line `+++`, then title, dates and affected components in TOML, then another `+++`"));
    }
    offset += first.map_or(0, str::len);
    let fm_start = offset;
    for (line_no, line) in (skipped + 2..).zip(lines) {
        if line.trim_end() == FENCE {
            let body_start = offset + line.len();
            return Ok(Document {
                front_matter: &src[fm_start..offset],
                front_matter_offset: skipped + 1,
                body: &src[body_start..],
                body_offset: line_no,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        path,
        (skipped + 1, 1),
        "unclosed front matter: no closing `+++` line",
    )
    .with_hint("add a line with only `+++` after the TOML front matter"))
}

/// A status word that may open an update heading, and the status it stands for.
#[derive(Debug, Clone, Copy)]
pub struct StatusWord<S> {
    /// The word as written, matched case-insensitively, e.g. "In progress".
    pub word: &'static str,
    /// The status; `None` for a plain "Update", which keeps the previous status.
    pub status: Option<S>,
}

/// An update as written, before its status is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RawUpdate<S> {
    /// Status from the heading, `None` for "Update".
    pub status: Option<S>,
    /// When it was posted.
    pub at: DateTime<Utc>,
    /// Markdown body up to the next update heading.
    pub body: String,
    /// Line of the heading in the file.
    pub line: usize,
}

/// The body of a post: summary text and updates in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<S> {
    /// Markdown before the first update heading.
    pub summary: String,
    /// Updates in the order they appear in the file.
    pub updates: Vec<RawUpdate<S>>,
    /// The line the body starts on (just after the closing `+++`).
    pub body_line: usize,
}

/// Finds update headings (`## Status — timestamp`) in a body, outside code blocks.
///
/// `words` are the statuses of this kind of post; `foreign` are words that belong to the other
/// kind (an incident word in a maintenance file), reported with a hint instead of ignored.
pub fn timeline<S: Copy>(
    path: &Path,
    doc: &Document<'_>,
    tz: Tz,
    words: &[StatusWord<S>],
    foreign: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Timeline<S> {
    let mut summary = String::new();
    let mut updates: Vec<RawUpdate<S>> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in doc.body.split_inclusive('\n').enumerate() {
        let line_no = doc.body_offset + i + 1;
        let trimmed = line.trim_start();
        if let Some(f) = code_fence(trimmed) {
            fence = match fence {
                None => Some(f),
                Some(open) if open.0 == f.0 && f.1 >= open.1 => None,
                other => other,
            };
        }
        if fence.is_none()
            && line.len() - trimmed.len() < 4
            && let Some(text) = level_two_heading(trimmed)
        {
            match read_heading(text, tz, words, foreign) {
                Heading::Update(status, at) => {
                    updates.push(RawUpdate {
                        status,
                        at,
                        body: String::new(),
                        line: line_no,
                    });
                    continue;
                }
                Heading::Broken(message, hint) => {
                    let column = line.len() - trimmed.len() + 4;
                    diagnostics
                        .push(Diagnostic::error(path, (line_no, column), message).with_hint(hint));
                    continue;
                }
                Heading::Plain => {}
            }
        }
        match updates.last_mut() {
            Some(u) => u.body.push_str(line),
            None => summary.push_str(line),
        }
    }
    for u in &mut updates {
        u.body = u.body.trim().to_string();
    }
    Timeline {
        summary: summary.trim().to_string(),
        updates,
        body_line: doc.body_offset + 1,
    }
}

/// A code fence opening or closing line: its character and length.
pub(crate) fn code_fence(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn level_two_heading(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("##")?;
    if !(rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let text = rest.trim();
    // An ATX heading may be closed by a run of `#`.
    let text = text.trim_end_matches('#').trim_end();
    Some(text)
}

enum Heading<S> {
    Plain,
    Update(Option<S>, DateTime<Utc>),
    Broken(String, String),
}

const SEPARATORS: &[char] = &['—', '–', '-', '·', ':', '|'];

fn read_heading<S: Copy>(
    text: &str,
    tz: Tz,
    words: &[StatusWord<S>],
    foreign: &[&str],
) -> Heading<S> {
    let lower = text.to_lowercase();
    let starts_with_word = |w: &str| {
        lower.starts_with(&w.to_lowercase())
            && lower[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    let matched = words
        .iter()
        .filter(|w| starts_with_word(w.word))
        .max_by_key(|w| w.word.len());
    let Some(word) = matched else {
        if let Some(f) = foreign.iter().find(|w| starts_with_word(w)) {
            let rest = &text[f.len()..];
            if looks_like_update(rest) {
                let allowed: Vec<&str> = words.iter().map(|w| w.word).collect();
                return Heading::Broken(
                    format!("`{f}` is not a status for this kind of post"),
                    format!("use one of: {}", allowed.join(", ")),
                );
            }
        }
        return Heading::Plain;
    };
    let rest = &text[word.word.len()..];
    if !looks_like_update(rest) {
        return Heading::Plain;
    }
    let stamp = rest.trim_start().trim_start_matches(SEPARATORS).trim();
    match parse_timestamp(stamp, tz) {
        Ok(at) => Heading::Update(word.status, at),
        Err(e) => Heading::Broken(
            format!("update heading `{text}` has no readable timestamp: {e}"),
            format!(
                "write it as `## {} — 2026-11-20 14:05 UTC`; accepted forms: {ACCEPTED_FORMS}",
                word.word
            ),
        ),
    }
}

/// After the status word: a separator, or directly a date.
fn looks_like_update(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.starts_with(SEPARATORS) || rest.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[StatusWord<u8>] = &[
        StatusWord {
            word: "Investigating",
            status: Some(1),
        },
        StatusWord {
            word: "Resolved",
            status: Some(4),
        },
        StatusWord {
            word: "Update",
            status: None,
        },
        StatusWord {
            word: "In progress",
            status: Some(7),
        },
    ];

    fn run(src: &str) -> (Result<Timeline<u8>, Diagnostic>, Vec<Diagnostic>) {
        let path = Path::new("incidents/x.md");
        let mut diags = Vec::new();
        let t = split(path, src)
            .map(|doc| timeline(path, &doc, Tz::UTC, WORDS, &["Monitoring"], &mut diags));
        (t, diags)
    }

    #[test]
    fn splits_summary_and_updates() {
        let (t, diags) = run(
            "+++\ntitle = \"x\"\n+++\n\nSummary.\n\n## Resolved — 2026-11-20 15:30 UTC\nFixed.\n\n## Details\nMore.\n\n## investigating: 2026-11-20T14:05:00Z\nLooking.\n```\n## Resolved - not a heading\n```\n",
        );
        let t = t.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(t.summary, "Summary.");
        assert_eq!(t.updates.len(), 2);
        assert_eq!(t.updates[0].status, Some(4));
        assert_eq!(t.updates[0].line, 7);
        assert_eq!(t.updates[0].body, "Fixed.\n\n## Details\nMore.");
        assert_eq!(
            t.updates[1].body,
            "Looking.\n```\n## Resolved - not a heading\n```"
        );
    }

    #[test]
    fn accepts_every_separator_and_multiword_statuses() {
        for sep in ["—", "–", "-", "·", ":", "|"] {
            let (t, d) = run(&format!(
                "+++\n+++\n## In progress {sep} 2026-11-20 14:05\nx\n"
            ));
            assert!(d.is_empty(), "{sep}");
            assert_eq!(t.unwrap().updates[0].status, Some(7), "{sep}");
        }
        let (t, _) = run("+++\n+++\n## Resolved: 2026-11-20 14:05\n## Update 2026-11-20 14:00\n");
        assert_eq!(
            t.unwrap()
                .updates
                .iter()
                .map(|u| u.status)
                .collect::<Vec<_>>(),
            [Some(4), None]
        );
    }

    #[test]
    fn reports_broken_and_foreign_headings() {
        let (_, d) = run(
            "+++\n+++\nText\n## Resolved — 2026-11-32 10:00\n## Monitoring — 2026-11-20 10:00\n## Resolved issues\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].column), (4, 4));
        assert!(
            d[0].message.contains("no readable timestamp"),
            "{}",
            d[0].message
        );
        assert_eq!(
            d[1].message,
            "`Monitoring` is not a status for this kind of post"
        );
    }

    #[test]
    fn front_matter_errors() {
        assert_eq!(
            run("title = 1\n").0.unwrap_err().message,
            "missing front matter"
        );
        let e = run("+++\ntitle = \"x\"\n\n## Resolved\n").0.unwrap_err();
        assert!(e.message.starts_with("unclosed front matter"));
        let doc = split(Path::new("a.md"), "\n+++\na = 1\n+++\nbody\n").unwrap();
        assert_eq!(
            (
                doc.front_matter,
                doc.front_matter_offset,
                doc.body,
                doc.body_offset
            ),
            ("a = 1\n", 2, "body\n", 4)
        );
    }
}
