use super::chart::segments;
use super::*;

#[test]
fn the_upstream_word_comes_from_the_detail() {
    assert_eq!(
        upstream_status("upstream: partial_outage (Relay: https://x.test/incidents/1)"),
        Some("partial_outage")
    );
    assert_eq!(
        upstream_status("upstream: operational"),
        Some("operational")
    );
    assert_eq!(upstream_status("upstream: exploded"), None);
    assert_eq!(upstream_status("HTTP 500 from https://x.test"), None);
    assert_eq!(upstream_label("major_outage"), "Major outage");
    assert_eq!(upstream_label("unknown"), "Unknown");
}

#[test]
fn hosts_of_addresses() {
    assert_eq!(
        host_of("https://status.cloud.test/api?x"),
        "status.cloud.test"
    );
    assert_eq!(host_of("https://status.cloud.test"), "status.cloud.test");
    assert_eq!(host_of("not a url"), "not a url");
}

#[test]
fn lines_break_where_data_is_missing() {
    let points = [
        (0.0, Some(0)),
        (10.0, Some(100)),
        (20.0, None),
        (30.0, Some(50)),
        (40.0, None),
    ];
    let s = segments(points.into_iter(), 100);
    assert_eq!(s, ["0.0,180.0 10.0,30.0", "30.0,105.0"]);
    assert!(segments([(0.0, None)].into_iter(), 100).is_empty());
}

#[test]
fn the_upstream_incident_comes_from_the_detail_when_whole() {
    let got = upstream_incident(
        "upstream: partial_outage (Delays (EU): https://s.test/incidents/x) and 1 more incident",
    );
    assert_eq!(
        got,
        Some(UpstreamIncidentView {
            name: "Delays (EU)".into(),
            url: "https://s.test/incidents/x".into()
        })
    );
    assert_eq!(upstream_incident("upstream: operational"), None);
    // Cut at the detail's length limit, or not a web address: no link.
    assert_eq!(
        upstream_incident("upstream: major_outage (Down: https://s.test/inc…)"),
        None
    );
    assert_eq!(
        upstream_incident("upstream: major_outage (Down: javascript:alert(1))"),
        None
    );
}
