use super::*;
use crate::fixture::{WINDOW, derived};
use icalendar::parser::{read_calendar, unfold};

#[test]
fn calendar_parses_back_with_utc_times_and_stable_uids() {
    let (site, state) = derived(&[], &[("mail-upgrade", WINDOW)], "2026-11-20T12:00:00Z");
    let mut out = Output::new();
    render(&site, &state, crate::i18n::english_table(), &mut out);
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
    assert_eq!(
        calendar(&site, &state, crate::i18n::english_table())
            .matches("BEGIN:VEVENT")
            .count(),
        1
    );
    let (site, state) = derived(&[], &[("mail-upgrade", WINDOW)], "2027-03-30T00:00:00Z");
    assert_eq!(
        calendar(&site, &state, crate::i18n::english_table())
            .matches("BEGIN:VEVENT")
            .count(),
        0
    );
}

/// The site of [`derived`] with hostile text in the site title, a component name, and the
/// window's title and summary.
fn hostile() -> (Site, State) {
    let window = "+++\ntitle = \"Mail; upgrade, C:\\\\temp\\r\\nX-INJECTED:1\"\nstart = 2026-11-21T02:00:00Z\nend = 2026-11-21T04:00:00Z\naffected = [\"mail\"]\n+++\nUpgrading \u{1b}[31mmail\u{1b}[0m\u{1}; see, well\r\nEND:VEVENT\nBEGIN:VEVENT\n\n## Scheduled — 2026-11-15 09:00 UTC\nAnnounced.\n";
    let mut site = crate::fixture::site(&[], &[("mail-upgrade", window)]);
    site.config.title = "Acme\r\nEND:VCALENDAR\nX-INJECTED:1;a,b".to_string();
    site.catalog.components[2].name = "Mail, \"the\"; box\nX-INJECTED:1".to_string();
    let derived = crate::build::run(
        crate::build::Input::Site(Box::new(site)),
        crate::fixture::at("2026-11-20T12:00:00Z"),
        crate::build::Target::Derive,
    )
    .unwrap();
    (derived.site, derived.state)
}

/// Undoes RFC 5545 TEXT escaping in one pass (the parser's own unescaping is not exact).
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => panic!("a value ends in a lone backslash: {value}"),
        }
    }
    out
}

#[test]
fn hostile_text_stays_inside_its_value() {
    let (site, state) = hostile();
    let text = calendar(&site, &state, crate::i18n::english_table());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    let unfolded = unfold(&text);
    assert!(!unfolded.contains("\nX-INJECTED"), "{unfolded}");
    // Parse the raw lines: the parser unescapes TEXT values itself, and not exactly.
    let raw = |name: &str| {
        unfolded
            .split("\r\n")
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .unwrap_or_else(|| panic!("no {name} in {unfolded}"))
            .to_string()
    };
    assert_eq!(
        unescape(&raw("X-WR-CALNAME")),
        "Acme\nEND:VCALENDAR\nX-INJECTED:1;a,b maintenance"
    );
    assert_eq!(
        unescape(&raw("SUMMARY")),
        "Mail; upgrade, C:\\temp\nX-INJECTED:1"
    );
    let description = unescape(&raw("DESCRIPTION"));
    assert!(
        description.starts_with("Upgrading [31mmail[0m; see, well\nEND:VEVENT\nBEGIN:VEVENT"),
        "{description}"
    );
    assert!(
        description.contains("\n\nAffected: Mail, \"the\"; box\nX-INJECTED:1\n\n"),
        "{description}"
    );
    let cal = read_calendar(&unfolded).unwrap();
    assert_eq!(cal.components.len(), 1, "{unfolded}");
    let names: Vec<String> = cal.components[0]
        .properties
        .iter()
        .map(|p| p.name.to_string())
        .collect();
    assert_eq!(
        names,
        [
            "CREATED",
            "DESCRIPTION",
            "DTEND",
            "DTSTAMP",
            "DTSTART",
            "LAST-MODIFIED",
            "SEQUENCE",
            "STATUS",
            "SUMMARY",
            "TRANSP",
            "UID",
            "URL"
        ]
    );
}

#[test]
fn long_values_fold_at_75_octets_without_splitting_a_character() {
    let long = "Ünïcødé ".repeat(40);
    let window = format!(
        "+++\ntitle = \"{long}\"\nstart = 2026-11-21T02:00:00Z\nend = 2026-11-21T04:00:00Z\n+++\nx\n\n## Scheduled — 2026-11-15 09:00 UTC\nAnnounced.\n"
    );
    let (site, state) = derived(&[], &[("w", &window)], "2026-11-20T12:00:00Z");
    let text = calendar(&site, &state, crate::i18n::english_table());
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
    let unfolded = unfold(&text);
    let summary = unfolded
        .split("\r\n")
        .find_map(|l| l.strip_prefix("SUMMARY:"))
        .unwrap();
    assert_eq!(summary, long.trim());
}
