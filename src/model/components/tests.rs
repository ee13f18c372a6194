use super::*;
use std::path::Path;

fn parse(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    Catalog::parse(TomlSource::file(Path::new("components.toml"), text))
}

#[test]
fn parses_groups_and_components_in_file_order() {
    let c = parse(
        "[[group]]\nid = \"core\"\nname = \"Core\"\n\n[[component]]\nid = \"web\"\nname = \"Web\"\n\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\nstatus = \"partial_outage\"\nsince = 2026-03-01\n",
    )
    .unwrap();
    assert_eq!(
        c.components
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["web", "api"]
    );
    assert_eq!(c.components[1].status, ComponentStatus::PartialOutage);
    assert_eq!(c.components[1].since, NaiveDate::from_ymd_opt(2026, 3, 1));
    assert_eq!(c.members("core").count(), 1);
    assert!(matches!(c.target("core"), Some(Target::Group(_))));
}

#[test]
fn reads_slo_with_default_window() {
    let c = parse(
        "[[component]]\nid = \"api\"\nslo = 99.9\n\n[[component]]\nid = \"web\"\nslo = 99\nslo_window_days = 7\n\n[[component]]\nid = \"mail\"\n",
    )
    .unwrap();
    assert_eq!(
        c.components[0].slo,
        Some(Slo {
            target: 99.9,
            target_ppm: 999_000,
            window_days: 30,
            source: SloSource::Incidents,
            source_position: (0, 0),
        })
    );
    assert_eq!(
        c.components[1].slo.map(|s| (s.target_ppm, s.window_days)),
        Some((990_000, 7))
    );
    assert_eq!(c.components[2].slo, None);
}

#[test]
fn slo_out_of_range_is_reported_with_position() {
    let e = parse(
        "[[component]]\nid = \"a\"\nslo = 100\n[[component]]\nid = \"b\"\nslo = 99.95\nslo_window_days = 0\n[[component]]\nid = \"c\"\nslo = \"99.9\"\n[[component]]\nid = \"d\"\nslo_window_days = 30\n[[component]]\nid = \"e\"\nslo = 99.12345\n",
    )
    .unwrap_err();
    let msgs = crate::diagnostic::located(&e);
    assert_eq!(
        msgs,
        [
            "3:7 `slo` must be above 0 and below 100, got 100",
            "7:19 `slo_window_days` must be between 1 and 365, got 0",
            "10:7 `slo` must be a number, found a string",
            "13:19 `slo_window_days` is set without `slo`",
            "16:7 `slo` takes at most 4 decimals (99.9999), got 99.12345",
        ]
    );
    assert_eq!(
        e[0].hint.as_deref(),
        Some(
            "write the promised share of time up, in percent, e.g. slo = 99.9 (100 would leave no error budget)"
        )
    );
}

#[test]
fn reports_every_problem_with_position() {
    let e = parse(
        "[[component]]\nid = \"api\"\nstatus = \"partial-outage\"\ngroup = \"cor\"\n\n[[component]]\nid = \"api\"\n",
    )
    .unwrap_err();
    let msgs = crate::diagnostic::located(&e);
    assert_eq!(
        msgs,
        [
            "4:9 unknown group `cor`",
            "3:10 unknown status `partial-outage`",
            "7:6 duplicate id `api`: a component already uses it"
        ]
    );
    assert_eq!(e[1].hint.as_deref(), Some("did you mean `partial_outage`?"));
}

#[test]
fn a_nested_group_is_unknown_in_its_own_table() {
    let errors = parse(
        "[[group]]\nid = \"core\"\n\n[[group.group]]\nid = \"inner\"\n\n[[component]]\nid = \"api\"\ngroupe = \"core\"\n",
    )
    .unwrap_err();
    let shown: Vec<String> = errors
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} / {}",
                d.line,
                d.column,
                d.message,
                d.hint.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "4:9 unknown key `group` in [[group]] / remove it; allowed keys: id, name, description",
            "9:1 unknown key `groupe` in [[component]] / did you mean `group`? Allowed keys: id, name, group, description, status, since, slo, slo_window_days, slo_source, showcase, only_show_if_degraded",
        ]
    );
}

#[test]
fn reads_slo_source_with_its_position() {
    let c = parse(
        "[[component]]\nid = \"api\"\nslo = 99.9\nslo_source = \"probes\"\n[[component]]\nid = \"web\"\nslo = 99\nslo_source = \"incidents\"\n",
    )
    .unwrap();
    let api = c.components[0].slo.unwrap();
    assert_eq!(
        (api.source, api.source_position),
        (SloSource::Probes, (4, 14))
    );
    assert_eq!(c.components[1].slo.unwrap().source, SloSource::Incidents);
}

#[test]
fn bad_slo_source_is_reported_with_position() {
    let errors = parse(
        "[[component]]\nid = \"api\"\nslo = 99.9\nslo_source = \"probe\"\n[[component]]\nid = \"web\"\nslo_source = \"probes\"\n",
    )
    .unwrap_err();
    let got: Vec<String> = errors
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect();
    assert_eq!(
        got,
        [
            "4:14 unknown `slo_source` `probe`",
            "7:14 `slo_source` is set without `slo`"
        ]
    );
    assert!(errors[0].hint.as_deref().unwrap().contains("probes"));
}

#[test]
fn showcase_and_only_show_if_degraded_default_to_statuspage_s_defaults() {
    let c = parse(
        "[[component]]\nid = \"api\"\n\n[[component]]\nid = \"hooks\"\nshowcase = false\nonly_show_if_degraded = true\n",
    )
    .unwrap();
    assert_eq!(
        c.components[0].display,
        Display {
            showcase: true,
            only_show_if_degraded: false
        }
    );
    assert_eq!(
        c.components[1].display,
        Display {
            showcase: false,
            only_show_if_degraded: true
        }
    );
}

#[test]
fn a_display_switch_of_another_type_is_reported_at_its_value() {
    let (catalog, errors) = Catalog::read(TomlSource::file(
        Path::new("components.toml"),
        "[[component]]\nid = \"api\"\nshowcase = \"no\"\n\n[[component]]\nid = \"hooks\"\nonly_show_if_degraded = 1\n",
    ));
    assert_eq!(
        crate::diagnostic::located(&errors),
        [
            "3:12 `showcase` must be true or false, found a string",
            "7:25 `only_show_if_degraded` must be true or false, found an integer",
        ]
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some(
            "write showcase = false without quotes (false leaves out its uptime bar), or remove the line for the default, true"
        )
    );
    // The other components are still read, so posts can be checked against them.
    let catalog = catalog.unwrap();
    assert_eq!(catalog.components.len(), 2);
    assert!(catalog.components[0].display.showcase);
    assert!(!catalog.components[1].display.only_show_if_degraded);
}

#[test]
fn a_group_shows_a_bar_when_any_member_does_and_hides_when_all_do() {
    let shown = Display::default();
    let quiet = Display {
        showcase: false,
        only_show_if_degraded: true,
    };
    assert_eq!(Display::of_group([shown, quiet]), shown);
    assert_eq!(Display::of_group([quiet, quiet]), quiet);
    assert_eq!(Display::of_group([]), shown);
    let barless = Display {
        showcase: false,
        only_show_if_degraded: false,
    };
    assert_eq!(Display::of_group([barless, quiet]), barless);
}
