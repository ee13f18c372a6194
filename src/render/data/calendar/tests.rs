use super::*;
use crate::fixture::{WINDOW, derived};
use icalendar::parser::{read_calendar, unfold};

#[test]
fn calendar_parses_back_with_utc_times_and_stable_uids() {
    let (site, state) = derived(&[], &[("mail-upgrade", WINDOW)], "2026-11-20T12:00:00Z");
    let mut out = Output::new();
    render(&site, &state, &mut out);
    let text = out.text("maintenance.ics").unwrap();
    assert!(text.lines().count() > 10);
    assert!(
        text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
        "lines end in CRLF"
    );
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1);
    let prop = |name: &str| {
        events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap()
    };
    assert_eq!(
        prop("UID"),
        format!(
            "{}@status.acme.test",
            stable_id("maintenance", "mail-upgrade")
        )
    );
    assert_eq!(prop("DTSTART"), "20261121T020000Z");
    assert_eq!(prop("DTEND"), "20261121T040000Z");
    assert_eq!(prop("DTSTAMP"), "20261115T090000Z");
    assert_eq!(prop("SUMMARY"), "Mail upgrade");
    assert!(prop("DESCRIPTION").contains("Affected: Mail"));
    assert_eq!(
        prop("URL"),
        "https://status.acme.test/maintenance/mail-upgrade/"
    );
}

#[test]
fn old_completed_windows_drop_out() {
    let (site, state) = derived(&[], &[("mail-upgrade", WINDOW)], "2026-11-30T00:00:00Z");
    assert_eq!(calendar(&site, &state).components.len(), 1);
    let (site, state) = derived(&[], &[("mail-upgrade", WINDOW)], "2027-03-30T00:00:00Z");
    assert_eq!(calendar(&site, &state).components.len(), 0);
}
