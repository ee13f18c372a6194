//! The page never states what the files cannot back: a resolution in the future, a past window
//! called upcoming, an announcement dated after the build, a misspelled update word.

mod common;

use common::{TempSite, stderr};

fn incident_with_resolved(resolved: &str) -> String {
    format!(
        "+++\ntitle = \"API down\"\nimpact = \"critical\"\nstarted = 2026-11-23T10:00:00Z\nresolved = {resolved}\naffected = [\"api\"]\n+++\n## Investigating — 2026-11-23 10:05 UTC\nLooking.\n"
    )
}

#[test]
fn a_resolved_time_in_the_future_is_an_error_naming_it() {
    let site = TempSite::new();
    site.write(
        "incidents/outage.md",
        &incident_with_resolved("2026-11-24T11:00:00Z"),
    );
    site.write(
        "incidents/early-word.md",
        "+++\ntitle = \"Web slow\"\nstarted = 2026-11-23T09:00:00Z\n+++\n## Resolved — 2026-11-24 09:30 UTC\nFixed.\n\n## Investigating — 2026-11-23 09:05 UTC\nLooking.\n",
    );
    let expected = "\
incidents/early-word.md:5:4: error: this update resolves the incident in the future (2026-11-24 09:30 UTC), so the page would call an ongoing incident over
  help: check the date and time zone of the heading; post `## Resolved` only once it is over
incidents/outage.md:5:12: error: `resolved` is in the future (2026-11-24 11:00 UTC), so the page would call an ongoing incident over
  help: check the date and time zone, or leave `resolved` out until the incident is over
";
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("{expected}error: 2 problems found\n"));
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("{expected}error: 2 problems found; nothing was written\n")
    );

    // Within the clock-drift horizon it is accepted.
    site.write(
        "incidents/early-word.md",
        &incident_with_resolved("2026-11-23T12:05:00Z"),
    );
    site.write(
        "incidents/outage.md",
        &incident_with_resolved("2026-11-23T11:00:00Z"),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
