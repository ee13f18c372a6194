use super::*;
use crate::diagnostic::located;
use crate::fixture::at;

fn incident(name: &str, url: &str) -> UpstreamIncident {
    UpstreamIncident::new(name, "identified", "major", url)
}

#[test]
fn a_reading_is_written_in_a_fixed_order_and_reads_back() {
    let read = UpstreamRead::new(
        at("2026-11-23T12:00:00Z"),
        "Git Operations",
        "partial_outage",
        vec![
            incident("Pushes \"failing\"", "https://stspg.io/x"),
            incident("Delays", "javascript:alert(1)"),
        ],
    );
    let text = format_upstream(&read);
    assert_eq!(
        text,
        "{\n  \"checked_at\": \"2026-11-23T12:00:00Z\",\n  \"component_name\": \"Git Operations\",\n  \
         \"status\": \"partial_outage\",\n  \"incidents\": [\n    \
         {\"name\": \"Pushes \\\"failing\\\"\", \"status\": \"identified\", \"impact\": \"major\", \"url\": \"https://stspg.io/x\"},\n    \
         {\"name\": \"Delays\", \"status\": \"identified\", \"impact\": \"major\", \"url\": null}\n  ],\n  \
         \"more_incidents\": 0\n}\n"
    );
    let back = parse_upstream(Path::new("u.json"), &text).unwrap();
    assert_eq!(back, read);
    assert_eq!(format_upstream(&back), text);
    assert_eq!(
        back.component_status(),
        Some(ComponentStatus::PartialOutage)
    );

    let unread = UpstreamRead::unread(at("2026-11-23T12:05:00Z"));
    let text = format_upstream(&unread);
    assert_eq!(
        text,
        "{\n  \"checked_at\": \"2026-11-23T12:05:00Z\",\n  \"component_name\": null,\n  \
         \"status\": null,\n  \"incidents\": [],\n  \"more_incidents\": 0\n}\n"
    );
    assert_eq!(parse_upstream(Path::new("u.json"), &text).unwrap(), unread);
    assert_eq!(unread.component_status(), None);
}

#[test]
fn texts_are_one_line_and_cut_and_only_web_addresses_are_kept() {
    let long = "Elevated error rates for pushes, pulls and clones over HTTPS and SSH in the EU \
                and US regions while we fail over the storage cluster";
    assert!(long.chars().count() > 120);
    let i = UpstreamIncident::new(long, "  identified\n", "major", " https://stspg.io/x ");
    assert_eq!(i.name, long, "a name under the limit stays whole");
    assert_eq!(i.status, "identified");
    assert_eq!(
        i.url, None,
        "spaces around the address: not a plain address"
    );
    let cut = UpstreamIncident::new(&"x".repeat(500), "on\nfire", "major", "");
    assert_eq!(cut.name.chars().count(), NAME_CHARS);
    assert!(cut.name.ends_with('…'));
    assert_eq!(cut.status, "on fire");
    for bad in [
        "javascript:alert(1)",
        "ftp://files.test/x",
        "https://",
        "https:///path",
        "https://x.test/a b",
        "https://x.test/\"><script>",
        "//x.test/incidents/1",
    ] {
        assert_eq!(web_address(bad), None, "{bad}");
    }
    let too_long = format!("https://x.test/{}", "a".repeat(URL_CHARS));
    assert_eq!(web_address(&too_long), None);
    assert_eq!(
        web_address("http://x.test/incidents/1?a=b&c=d"),
        Some("http://x.test/incidents/1?a=b&c=d")
    );
}

#[test]
fn past_five_incidents_only_the_count_is_kept_and_unknown_words_have_no_status() {
    let many = (1..=8)
        .map(|n| incident(&format!("Incident {n}"), "https://x.test/i"))
        .collect();
    let read = UpstreamRead::new(at("2026-11-23T12:00:00Z"), "API", "on_fire", many);
    assert_eq!(read.incidents.len(), MAX_INCIDENTS);
    assert_eq!(read.incidents[4].name, "Incident 5");
    assert_eq!(read.more_incidents, 3);
    assert_eq!(read.status.as_deref(), Some("on_fire"), "kept as written");
    assert_eq!(read.component_status(), None);
    let back = parse_upstream(Path::new("u.json"), &format_upstream(&read)).unwrap();
    assert_eq!(back, read);
}

#[test]
fn malformed_files_are_reported_with_line_and_column() {
    let good = format_upstream(&UpstreamRead::new(
        at("2026-11-23T12:00:00Z"),
        "API",
        "operational",
        vec![incident("Slow", "https://x.test/i/1")],
    ));
    let errors = |text: &str| located(&parse_upstream(Path::new("u.json"), text).unwrap_err());
    assert_eq!(
        errors(&good.replace("2026-11-23T12:00:00Z", "yesterday")),
        ["2:27 malformed upstream reading: `yesterday` is not an RFC 3339 time"]
    );
    assert_eq!(
        errors(&good.replace("https://x.test/i/1", "javascript:alert(1)")),
        [
            "6:93 malformed upstream reading: `javascript:alert(1)` is not an http(s) address; \
             write null for an incident without one"
        ]
    );
    assert_eq!(
        errors(&good.replace("\"status\": \"operational\"", "\"state\": \"operational\"")),
        [
            "4:9 malformed upstream reading: unknown field `state`, expected one of `checked_at`, \
             `component_name`, `status`, `incidents`, `more_incidents`"
        ]
    );
    assert_eq!(
        errors(&good.replace("\"more_incidents\": 0", "\"more_incidents\": -1")),
        ["8:22 malformed upstream reading: invalid value: integer `-1`, expected u32"]
    );
    assert_eq!(
        errors("{\n  \"checked_at\": \"2026-11-23T12:00:00Z\",\n"),
        ["3:1 malformed upstream reading: EOF while parsing a value"]
    );
    let d = &parse_upstream(Path::new("u.json"), "<<<<<<< HEAD\n").unwrap_err()[0];
    assert_eq!((d.line, d.column), (1, 1));
    assert!(d.hint.as_deref().unwrap().contains("restore it from git"));
}

#[test]
fn the_largest_reading_stays_a_few_kilobytes() {
    let url = format!("https://x.test/{}", "a".repeat(URL_CHARS - 15));
    let many = (0..50)
        .map(|_| UpstreamIncident::new(&"\"".repeat(1000), &"w".repeat(99), "critical", &url))
        .collect();
    let read = UpstreamRead::new(at("2026-11-23T12:00:00Z"), &"n".repeat(999), "x", many);
    let bytes = format_upstream(&read).len();
    assert!(read.incidents[0].url.is_some());
    println!("the largest upstream.json: {bytes} bytes");
    assert!(bytes < 6_000, "{bytes} bytes");
}
