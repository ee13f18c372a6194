use super::*;
use crate::model::post::Affected;
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Incident, Maintenance, ParseContext};
use chrono_tz::Tz;

const COMPONENTS: &str = "[[group]]\nid = \"core\"\nname = \"Core\"\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\n[[component]]\nid = \"web_2\"\nname = \"Web\"\n";

/// Titles that need escaping, or that look like structure of the post.
const TITLES: &[&str] = &[
    "Plain",
    "Quotes: \"API\" and 'web'",
    r"Back\slash \n \\ \u0041",
    "Two\nlines\r\nand a tab\there",
    "+++\n## Resolved — 2026-11-20 10:00 UTC",
    "Ünïcödé — 日本語 🚨 \u{200b}",
    "Bell \u{7} and NUL-ish \u{1f} and DEL \u{7f}",
    "# not a comment",
];

fn catalog() -> Catalog {
    Catalog::parse(TomlSource::file(Path::new("components.toml"), COMPONENTS)).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn parse_incident(text: &str) -> Incident {
    let catalog = catalog();
    let ctx = ParseContext {
        tz: Tz::UTC,
        catalog: &catalog,
        languages: &[],
    };
    let mut diags = Vec::new();
    let inc = Incident::parse("x", Path::new("incidents/x.md"), text, ctx, &mut diags);
    assert!(diags.is_empty(), "{diags:?}\n{text}");
    inc.unwrap()
}

fn parse_maintenance(text: &str) -> Maintenance {
    let catalog = catalog();
    let ctx = ParseContext {
        tz: Tz::UTC,
        catalog: &catalog,
        languages: &[],
    };
    let mut diags = Vec::new();
    let m = Maintenance::parse("x", Path::new("maintenance/x.md"), text, ctx, &mut diags);
    assert!(diags.is_empty(), "{diags:?}\n{text}");
    m.unwrap()
}

#[test]
fn incident_text_has_the_written_form() {
    let ids = ["api".to_string(), "web_2".to_string()];
    let fm = IncidentFrontMatter {
        comment: Some("Imported from Statuspage: incident abc"),
        title: "Errors: \"API\"",
        impact: Impact::Major,
        started: at("2026-11-23T12:30:00.600Z"),
        resolved: Some(at("2026-11-23T13:00:00Z")),
        affected: Some(AffectedLine::Ids(&ids)),
    };
    assert_eq!(
        fm.to_text(),
        "+++\n# Imported from Statuspage: incident abc\ntitle = \"Errors: \\\"API\\\"\"\nimpact = \"major\"\nstarted = 2026-11-23T12:30:00Z\nresolved = 2026-11-23T13:00:00Z\naffected = [\"api\", \"web_2\"]\n+++\n"
    );
    let statuses = [("api".to_string(), ComponentStatus::PartialOutage)];
    let fm = IncidentFrontMatter {
        comment: None,
        resolved: None,
        affected: Some(AffectedLine::Statuses(&statuses)),
        ..fm
    };
    assert_eq!(
        fm.to_text(),
        "+++\ntitle = \"Errors: \\\"API\\\"\"\nimpact = \"major\"\nstarted = 2026-11-23T12:30:00Z\naffected = { api = \"partial_outage\" }\n+++\n"
    );
}

#[test]
fn maintenance_text_has_the_written_form() {
    let fm = MaintenanceFrontMatter {
        comment: None,
        title: "DB upgrade",
        start: at("2026-11-26T02:00:00Z"),
        end: at("2026-11-26T04:00:00Z"),
        affected: None,
    };
    assert_eq!(
        fm.to_text(),
        "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\n+++\n"
    );
}

#[test]
fn incidents_round_trip_through_the_parser() {
    let ids = ["api".to_string(), "core".to_string()];
    let statuses = [
        ("api".to_string(), ComponentStatus::MajorOutage),
        ("web_2".to_string(), ComponentStatus::DegradedPerformance),
    ];
    for title in TITLES {
        for affected in [
            None,
            Some(AffectedLine::Ids(&[])),
            Some(AffectedLine::Ids(&ids)),
            Some(AffectedLine::Statuses(&statuses)),
        ] {
            let fm = IncidentFrontMatter {
                comment: Some("a comment\nwith a line break"),
                title,
                impact: Impact::Critical,
                started: at("2026-11-20T14:02:00Z"),
                resolved: Some(at("2026-11-20T15:30:00Z")),
                affected,
            };
            let text = format!(
                "{}\n## Resolved — 2026-11-20 15:30 UTC\nDone.\n",
                fm.to_text()
            );
            let inc = parse_incident(&text);
            assert_eq!(inc.title, *title);
            assert_eq!(inc.impact, Impact::Critical);
            assert_eq!(inc.started, fm.started);
            assert_eq!(inc.resolved, fm.resolved);
            assert_eq!(inc.updates.len(), 1);
            let want: Vec<Affected> = match affected {
                None => Vec::new(),
                Some(AffectedLine::Ids(ids)) => ids
                    .iter()
                    .map(|id| Affected {
                        id: id.clone(),
                        status: None,
                    })
                    .collect(),
                Some(AffectedLine::Statuses(list)) => list
                    .iter()
                    .map(|(id, s)| Affected {
                        id: id.clone(),
                        status: Some(*s),
                    })
                    .collect(),
            };
            assert_eq!(inc.affected, want, "{text}");
        }
    }
}

#[test]
fn maintenance_round_trips_through_the_parser() {
    let ids = ["web_2".to_string()];
    for title in TITLES {
        let fm = MaintenanceFrontMatter {
            comment: Some("Imported from Statuspage: maintenance 1"),
            title,
            start: at("2026-11-26T02:00:00Z"),
            end: at("2026-11-26T04:00:00Z"),
            affected: Some(AffectedLine::Ids(&ids)),
        };
        let m = parse_maintenance(&fm.to_text());
        assert_eq!(m.title, *title);
        assert_eq!((m.start, m.end), (fm.start, fm.end));
        assert_eq!(m.affected[0].id, "web_2");
        assert!(m.updates.is_empty());
    }
}

#[test]
fn strings_and_keys_are_escaped() {
    assert_eq!(toml_string("a \"b\"\n\\c"), r#""a \"b\"\n\\c""#);
    let v: toml::Table = toml::from_str(&format!("t = {}", toml_string("x\"\n+++\n"))).unwrap();
    assert_eq!(v["t"].as_str(), Some("x\"\n+++\n"));
    assert_eq!(toml_key("api-2_x"), "api-2_x");
    assert_eq!(toml_key("a b"), "\"a b\"");
    assert_eq!(toml_key(""), "\"\"");
    assert_eq!(comment_line("a\nb\r\tc"), "# a b  c");
    assert_eq!(
        time(at("2026-11-23T12:04:05.678+01:00")),
        "2026-11-23T11:04:05Z"
    );
}

const POST: &str = "+++\ntitle = \"x\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"api\"]\n+++\n\nSummary.\n\n## Investigating — 2026-11-20 14:05 UTC\nLooking.\n";

#[test]
fn sets_or_replaces_one_front_matter_line() {
    let p = Path::new("incidents/x.md");
    let out = set_key(p, POST, "resolved", "2026-11-20T16:00:00Z", "started").unwrap();
    assert_eq!(
        out,
        POST.replace(
            "14:02:00Z\n",
            "14:02:00Z\nresolved = 2026-11-20T16:00:00Z\n"
        )
    );
    assert_eq!(
        parse_incident(&out).resolved,
        Some(at("2026-11-20T16:00:00Z"))
    );
    let again = set_key(p, &out, "resolved", "2026-11-20T17:00:00Z", "started").unwrap();
    assert_eq!(
        again,
        POST.replace(
            "14:02:00Z\n",
            "14:02:00Z\nresolved = 2026-11-20T17:00:00Z\n"
        )
    );
    let tables = "+++\ntitle = \"x\"\n[affected]\napi = \"major_outage\"\n+++\n";
    assert_eq!(
        set_key(p, tables, "resolved", "1", "started").unwrap(),
        "+++\nresolved = 1\ntitle = \"x\"\n[affected]\napi = \"major_outage\"\n+++\n"
    );
    assert_eq!(
        set_key(p, "no fences", "a", "1", "b").unwrap_err().message,
        "missing front matter"
    );
}

#[test]
fn replaces_a_comment_in_the_front_matter_only() {
    let p = Path::new("incidents/x.md");
    let text = "+++\n# Group abc; alerts: a\r\ntitle = \"x\"\n+++\n# Group abc; in the body\n";
    assert_eq!(
        replace_comment(p, text, "Group abc", "Group abc; alerts: a b"),
        text.replace("alerts: a\r", "alerts: a b\r")
    );
    assert_eq!(replace_comment(p, text, "Other", "x"), text);
    assert_eq!(replace_comment(p, "no fences", "Group", "x"), "no fences");
}

#[test]
fn sets_and_removes_the_next_update_line() {
    let p = Path::new("incidents/x.md");
    let set = set_key(p, POST, "next_update", "2026-11-20T14:35:00Z", "started").unwrap();
    assert_eq!(
        set,
        POST.replace(
            "14:02:00Z\n",
            "14:02:00Z\nnext_update = 2026-11-20T14:35:00Z\n"
        )
    );
    assert_eq!(
        parse_incident(&set).next_update,
        Some(at("2026-11-20T14:35:00Z"))
    );
    assert_eq!(remove_key(p, &set, "next_update").unwrap(), POST);
    // Nothing to remove: the text stays as it is, and a key of the body is not touched.
    let body_only = format!("{POST}next_update = 1\n");
    assert_eq!(remove_key(p, &body_only, "next_update").unwrap(), body_only);
    let crlf = "+++\r\ntitle = \"x\"\r\nnext_update = 2026-11-20T14:35:00Z\r\n+++\r\n";
    assert_eq!(
        remove_key(p, crlf, "next_update").unwrap(),
        "+++\r\ntitle = \"x\"\r\n+++\r\n"
    );
    assert!(remove_key(p, "no fences", "next_update").is_err());
}
