use super::*;
use crate::model::components::Catalog;
use crate::model::toml_source::TomlSource;
use crate::model::{Incident, ParseContext};
use chrono_tz::Tz;
use std::path::Path;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// An incident on `api` started at 10:00 UTC, with this front matter tail and body.
fn incident(front: &str, body: &str) -> Incident {
    let catalog = Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[component]]\nid = \"api\"\nname = \"API\"\n",
    ))
    .unwrap();
    let text = format!(
        "+++\ntitle = \"x\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n{front}+++\n\n{body}"
    );
    let mut d = Vec::new();
    let inc = Incident::parse(
        "x",
        Path::new("incidents/x.md"),
        &text,
        ParseContext {
            tz: Tz::UTC,
            catalog: &catalog,
            languages: &[],
        },
        &mut d,
    );
    assert!(d.is_empty(), "{d:?}");
    inc.unwrap()
}

fn outcomes(inc: &Incident, now: &str) -> Vec<(String, Outcome)> {
    history(inc, at(now))
        .into_iter()
        .map(|p| (p.by.format("%H:%M").to_string(), p.outcome))
        .collect()
}

const OPEN: &str = "## Identified — 2026-11-20 10:40 UTC · next update by 2026-11-20 11:10 UTC\nFound.\n\n## Investigating — 2026-11-20 10:05 UTC · next update by 10:30\nLooking.\n";

#[test]
fn a_promise_answered_later_than_promised_is_broken() {
    let inc = incident("", OPEN);
    // 10:05 promised 10:30, the next update came at 10:40; 10:40 promised 11:10.
    assert_eq!(
        outcomes(&inc, "2026-11-20T11:00:00Z"),
        [
            ("10:30".to_string(), Outcome::Broken),
            ("11:10".to_string(), Outcome::Pending)
        ]
    );
}

#[test]
fn an_open_incident_past_its_promise_is_overdue_and_the_promise_broken() {
    let inc = incident("", OPEN);
    let before = live(&inc, at("2026-11-20T11:10:00Z")).unwrap();
    assert_eq!(before.by, at("2026-11-20T11:10:00Z"));
    assert!(!before.overdue, "due at 11:10 is not overdue at 11:10");
    // The heading records it: the warning points there.
    assert_eq!(before.position, (8, 4));
    let after = live(&inc, at("2026-11-20T11:11:00Z")).unwrap();
    assert!(after.overdue);
    assert_eq!(outcomes(&inc, "2026-11-20T11:11:00Z")[1].1, Outcome::Broken);
}

#[test]
fn an_update_or_resolution_at_the_promised_time_keeps_it() {
    let answered = format!("## Monitoring — 2026-11-20 11:10 UTC\nFixed.\n\n{OPEN}");
    let inc = incident("", &answered);
    assert_eq!(
        outcomes(&inc, "2026-11-20T12:00:00Z")[1],
        ("11:10".to_string(), Outcome::Kept)
    );
    // The newest update made no promise: nothing is live.
    assert_eq!(live(&inc, at("2026-11-20T12:00:00Z")), None);

    let resolved = incident("resolved = 2026-11-20T11:05:00Z\n", OPEN);
    assert_eq!(
        outcomes(&resolved, "2026-11-20T12:00:00Z")[1],
        ("11:10".to_string(), Outcome::Kept)
    );
    assert_eq!(live(&resolved, at("2026-11-20T12:00:00Z")), None);

    let late = incident("resolved = 2026-11-20T11:30:00Z\n", OPEN);
    assert_eq!(
        outcomes(&late, "2026-11-20T12:00:00Z")[1],
        ("11:10".to_string(), Outcome::Broken)
    );
}

#[test]
fn the_front_matter_is_the_live_promise_and_the_newest_updates_when_it_records_none() {
    let body = "## Identified — 2026-11-20 10:40 UTC\nFound.\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n";
    let inc = incident("next_update = 2026-11-20T11:15:00Z\n", body);
    let l = live(&inc, at("2026-11-20T11:00:00Z")).unwrap();
    assert_eq!((l.by, l.overdue), (at("2026-11-20T11:15:00Z"), false));
    assert_eq!(l.position, (6, 15));
    assert_eq!(
        outcomes(&inc, "2026-11-20T11:20:00Z"),
        [("11:15".to_string(), Outcome::Broken)]
    );
    // Moved later by hand: the pages follow the front matter, the history keeps the heading's.
    let moved = incident("next_update = 2026-11-20T12:00:00Z\n", OPEN);
    assert_eq!(
        live(&moved, at("2026-11-20T11:20:00Z")).unwrap().by,
        at("2026-11-20T12:00:00Z")
    );
    assert_eq!(
        outcomes(&moved, "2026-11-20T11:20:00Z")[1],
        ("11:10".to_string(), Outcome::Broken)
    );
}

#[test]
fn a_stale_or_resolved_front_matter_promise_promises_nothing() {
    let body = "## Identified — 2026-11-20 10:40 UTC\nFound.\n";
    // Answered by the 10:40 update already.
    let stale = incident("next_update = 2026-11-20T10:30:00Z\n", body);
    assert_eq!(live(&stale, at("2026-11-20T11:00:00Z")), None);
    assert!(history(&stale, at("2026-11-20T11:00:00Z")).is_empty());
    let resolved = incident(
        "resolved = 2026-11-20T10:50:00Z\nnext_update = 2026-11-20T11:30:00Z\n",
        body,
    );
    assert_eq!(live(&resolved, at("2026-11-20T12:00:00Z")), None);
    assert!(history(&resolved, at("2026-11-20T12:00:00Z")).is_empty());
}

#[test]
fn the_first_update_may_be_promised_before_any_is_written() {
    let inc = incident("next_update = 2026-11-20T10:20:00Z\n", "");
    assert_eq!(
        outcomes(&inc, "2026-11-20T10:10:00Z"),
        [("10:20".to_string(), Outcome::Pending)]
    );
    assert!(live(&inc, at("2026-11-20T10:21:00Z")).unwrap().overdue);
    assert_eq!(
        outcomes(&inc, "2026-11-20T10:21:00Z"),
        [("10:20".to_string(), Outcome::Broken)]
    );
}

#[test]
fn outputs_attach_the_live_promise_to_the_newest_update_and_their_own_to_the_others() {
    let moved = incident("next_update = 2026-11-20T12:00:00Z\n", OPEN);
    assert_eq!(of_update(&moved, 0), Some(at("2026-11-20T12:00:00Z")));
    assert_eq!(of_update(&moved, 1), Some(at("2026-11-20T10:30:00Z")));
    let resolved = format!(
        "## Resolved — 2026-11-20 11:05 UTC · next update by 2026-11-20 12:00 UTC\nDone.\n\n{OPEN}"
    );
    let resolved = incident("", &resolved);
    assert_eq!(
        of_update(&resolved, 0),
        None,
        "a resolution promises nothing"
    );
    assert_eq!(of_update(&resolved, 1), Some(at("2026-11-20T11:10:00Z")));
}
