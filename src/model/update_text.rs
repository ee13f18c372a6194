//! The one writer of update headings in a post body, `## Identified — 2026-11-20 14:05 UTC`, in
//! the form [`document::timeline`](super::document::timeline) reads, and of whole update blocks.
//! `new`, `update`/`resolve`, `alert`, `init` and `import` all write updates through it.

use super::document::code_fence;
use chrono::{DateTime, Utc};

/// How precisely a heading gives its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    /// `2026-11-23 12:00 UTC`: what people write and the commands post.
    Minute,
    /// `2026-11-23 12:00:05 UTC`: kept by `import`, so imported timelines lose nothing.
    Second,
}

/// An update heading's timestamp, always in UTC.
pub(crate) fn heading_time(t: DateTime<Utc>, precision: Precision) -> String {
    match precision {
        Precision::Minute => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        Precision::Second => t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    }
}

/// An update's heading line, `## {word} — {time}` and a line break.
pub(crate) fn update_heading(word: &str, at: DateTime<Utc>, precision: Precision) -> String {
    format!("## {word} — {}\n", heading_time(at, precision))
}

/// The text of an update: its heading (to the minute), its body with level-two headings demoted
/// so it cannot open an update of its own, and a blank line.
pub(crate) fn update_block(word: &str, at: DateTime<Utc>, body: &str) -> String {
    promised_update_block(word, at, None, body)
}

/// [`update_block`] whose heading also records the next update it promises, when it makes one:
/// `## Identified — 2026-11-27 11:45 UTC · next update by 2026-11-27 12:15 UTC`, the form
/// [`next_update::split`](super::next_update::split) reads.
pub(crate) fn promised_update_block(
    word: &str,
    at: DateTime<Utc>,
    next: Option<DateTime<Utc>>,
    body: &str,
) -> String {
    let body = demote_update_headings(body.trim());
    let mut heading = update_heading(word, at, Precision::Minute);
    if let Some(next) = next {
        heading.pop();
        heading.push_str(&format!(
            " · {} by {}\n",
            super::next_update::PHRASE,
            heading_time(next, Precision::Minute)
        ));
    }
    format!("{heading}{}\n\n", body.trim_end())
}

/// Turns level-two headings of an author's Markdown into level three, outside code blocks, so a
/// message can never start an update of its own.
pub(crate) fn demote_update_headings(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 8);
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(f) = code_fence(rest).filter(|_| indent < 4) {
            fence = match fence {
                None => Some(f),
                Some(open) if open.0 == f.0 && f.1 >= open.1 => None,
                other => other,
            };
        } else if fence.is_none()
            && indent < 4
            && rest.starts_with("##")
            && rest[2..].starts_with([' ', '\t', '\n', '\r'])
        {
            out.push_str(&line[..indent]);
            out.push('#');
            out.push_str(rest);
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_times_have_the_documented_forms() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T12:04:05.678+01:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(heading_time(t, Precision::Minute), "2026-11-23 11:04 UTC");
        assert_eq!(
            heading_time(t, Precision::Second),
            "2026-11-23 11:04:05 UTC"
        );
    }

    #[test]
    fn headings_are_demoted_outside_code() {
        assert_eq!(
            demote_update_headings(
                "Intro\n## Resolved — 2026-11-20 10:00\n```\n## keep\n```\n  ## x\n### y\n"
            ),
            "Intro\n### Resolved — 2026-11-20 10:00\n```\n## keep\n```\n  ### x\n### y\n"
        );
    }

    #[test]
    fn an_update_block_is_heading_body_and_blank_line() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T12:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            update_block("Identified", t, "\nFixed.\n## Not an update\n"),
            "## Identified — 2026-11-23 12:04 UTC\nFixed.\n### Not an update\n\n"
        );
        assert_eq!(
            update_heading("Resolved", t, Precision::Second),
            "## Resolved — 2026-11-23 12:04:05 UTC\n"
        );
    }

    #[test]
    fn a_promise_is_recorded_in_the_heading() {
        let t = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            promised_update_block(
                "Identified",
                t("2026-11-27T11:45:00Z"),
                Some(t("2026-11-27T12:15:00Z")),
                "Found it."
            ),
            "## Identified — 2026-11-27 11:45 UTC · next update by 2026-11-27 12:15 UTC\nFound it.\n\n"
        );
    }
}
