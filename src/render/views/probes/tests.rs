use super::chart::segments;
use super::*;

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
fn the_upstream_line_comes_from_the_reading() {
    use crate::model::probe_data::{UpstreamIncident, UpstreamRead};
    let probe = crate::model::probes::Probes::parse(crate::model::toml_source::TomlSource::file(
        std::path::Path::new("probes.toml"),
        "[[probe]]\nid = \"up\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"https://status.cloud.test\"\nupstream_component = \"Relay\"\n",
    ))
    .unwrap()
    .probes
    .remove(0);
    let tz = chrono_tz::UTC;
    let at = crate::fixture::at("2026-11-23T12:00:00Z");
    let incidents = (1..=7)
        .map(|n| {
            UpstreamIncident::new(
                &format!("Delays {n}"),
                "identified",
                "major",
                "https://s.test/i",
            )
        })
        .collect();
    let read = UpstreamRead::new(at, "Relay", "partial_outage", incidents);
    let view = upstream_view(&probe, Some(&read), (tz, crate::i18n::english_table()));
    assert_eq!(
        (view.status, view.label),
        ("partial_outage", "Partial outage")
    );
    assert_eq!(view.host, "status.cloud.test");
    assert_eq!(view.component_name.as_deref(), Some("Relay"));
    assert_eq!(view.checked.unwrap().iso, "2026-11-23T12:00:00Z");
    assert_eq!(
        view.incident,
        Some(UpstreamIncidentView {
            name: "Delays 1".into(),
            url: Some("https://s.test/i".into())
        })
    );
    assert_eq!(
        view.more_incidents, 6,
        "4 listed after the first, 2 counted"
    );

    // A word Statuspage does not use, an incident without a web address.
    let odd = UpstreamRead::new(
        at,
        "Relay",
        "<b>on_fire</b>",
        vec![UpstreamIncident::new(
            "Down",
            "investigating",
            "critical",
            "javascript:alert(1)",
        )],
    );
    let view = upstream_view(&probe, Some(&odd), (tz, crate::i18n::english_table()));
    assert_eq!((view.status, view.label), ("unknown", "Unknown"));
    assert_eq!(view.incident.unwrap().url, None);
    assert_eq!(view.more_incidents, 0);

    // Nothing read, or no run yet.
    let view = upstream_view(
        &probe,
        Some(&UpstreamRead::unread(at)),
        (tz, crate::i18n::english_table()),
    );
    assert_eq!(
        (view.status, view.component_name, view.incident),
        ("unknown", None, None)
    );
    assert!(view.checked.is_some());
    let view = upstream_view(&probe, None, (tz, crate::i18n::english_table()));
    assert_eq!((view.status, view.checked.is_none()), ("unknown", true));
}
