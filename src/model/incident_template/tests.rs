use super::*;
use crate::diagnostic::located;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

fn catalog() -> Catalog {
    Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[group]]\nid = \"core\"\nname = \"Core\"\n[[component]]\nid = \"api\"\nname = \"Public API\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\nname = \"Website\"\ngroup = \"core\"\n[[component]]\nid = \"db\"\nname = \"Database\"\n",
    ))
    .unwrap()
}

fn tz() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

fn parse(text: &str) -> (Option<IncidentTemplate>, Vec<Diagnostic>) {
    let cat = catalog();
    let ctx = ParseContext {
        tz: tz(),
        catalog: &cat,
        languages: &[],
    };
    let mut d = Vec::new();
    let t = IncidentTemplate::parse(
        "database-outage",
        Path::new("incident-templates/database-outage.md"),
        text,
        ctx,
        &mut d,
    );
    crate::diagnostic::sort(&mut d);
    (t, d)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn values() -> Values {
    Values {
        title: None,
        impact: None,
        affects: Vec::new(),
        status: None,
        message: None,
        upstream: None,
        now: utc("2026-11-23T12:30:00Z"),
        tz: tz(),
    }
}

const TEMPLATE: &str = "+++
title = \"{{ component }}: database errors\"
impact = \"major\"
affected = { db = \"partial_outage\" }
+++

**Who is affected:** users of {{ component }}.

## Investigating
Since {{ now }}, some requests to {{ component }} fail. Next update within 30 minutes.
";

#[test]
fn a_template_reads_as_an_incident_without_times() {
    let (t, d) = parse(TEMPLATE);
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    assert_eq!(t.name, "database-outage");
    assert_eq!(t.title.as_deref(), Some("{{ component }}: database errors"));
    assert_eq!(t.impact, Some(Impact::Major));
    assert_eq!(t.affected.len(), 1);
    assert_eq!(t.status, IncidentStatus::Investigating);
    assert_eq!(t.summary, "**Who is affected:** users of {{ component }}.");
    assert_eq!(
        t.message,
        "Since {{ now }}, some requests to {{ component }} fail. Next update within 30 minutes."
    );
    let names: Vec<(&str, (usize, usize))> = t.uses.iter().map(|u| (u.name, u.at)).collect();
    assert_eq!(names, [("component", (2, 10)), ("now", (10, 7))]);
}

#[test]
fn filling_in_replaces_every_placeholder_and_writes_a_valid_incident() {
    let (t, _) = parse(TEMPLATE);
    let t = t.unwrap();
    let filled = t.fill(&values(), &catalog()).unwrap();
    assert_eq!(filled.title, "Database: database errors");
    assert_eq!(filled.summary, "**Who is affected:** users of Database.");
    assert_eq!(
        filled.message,
        "Since 2026-11-23 13:30 CET, some requests to Database fail. Next update within 30 minutes."
    );
    let text = filled.to_text(utc("2026-11-23T12:30:00Z"));
    assert_eq!(
        text,
        "+++\ntitle = \"Database: database errors\"\nimpact = \"major\"\nstarted = 2026-11-23T12:30:00Z\naffected = { db = \"partial_outage\" }\n+++\n\n**Who is affected:** users of Database.\n\n## Investigating — 2026-11-23 12:30 UTC\nSince 2026-11-23 13:30 CET, some requests to Database fail. Next update within 30 minutes.\n"
    );
    let cat = catalog();
    let mut d = Vec::new();
    let inc = crate::model::Incident::parse(
        "x",
        Path::new("incidents/x.md"),
        &text,
        ParseContext {
            tz: tz(),
            catalog: &cat,
            languages: &[],
        },
        &mut d,
    )
    .unwrap();
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(inc.updates.len(), 1);
    assert_eq!(inc.started, utc("2026-11-23T12:30:00Z"));
}

#[test]
fn command_line_values_win_and_titles_are_escaped_as_toml() {
    let (t, _) = parse(TEMPLATE);
    let t = t.unwrap();
    let values = Values {
        title: Some("Login \"errors\" \\ timeouts".into()),
        impact: Some(Impact::Critical),
        affects: vec!["api".into(), "web".into()],
        status: Some(IncidentStatus::Identified),
        message: Some("The primary failed over.".into()),
        ..values()
    };
    let filled = t.fill(&values, &catalog()).unwrap();
    assert_eq!(
        filled.summary,
        "**Who is affected:** users of Public API and Website."
    );
    let text = filled.to_text(values.now);
    assert!(
        text.starts_with("+++\ntitle = \"Login \\\"errors\\\" \\\\ timeouts\"\nimpact = \"critical\"\nstarted = 2026-11-23T12:30:00Z\naffected = [\"api\", \"web\"]\n+++\n"),
        "{text}"
    );
    assert!(
        text.ends_with("## Identified — 2026-11-23 12:30 UTC\nThe primary failed over.\n"),
        "{text}"
    );
}

#[test]
fn a_placeholder_without_a_value_is_an_error_at_its_first_use() {
    let (t, d) = parse(
        "+++\ntitle = \"Upstream trouble\"\nimpact = \"minor\"\n+++\n\nSee {{ upstream }}.\n\n## Identified\n{{ component }} is slow; see {{upstream}}.\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    let e = t.fill(&values(), &catalog()).unwrap_err();
    assert_eq!(
        located(&e),
        [
            "6:5 `{{ upstream }}` has no value: no address was given",
            "9:1 `{{ component }}` has no value: the incident names no component",
        ]
    );
    assert!(e[0].hint.as_deref().unwrap().contains("--upstream"));
    let filled = t
        .fill(
            &Values {
                upstream: Some("https://www.githubstatus.com/incidents/abc".into()),
                affects: vec!["core".into()],
                ..values()
            },
            &catalog(),
        )
        .unwrap();
    assert_eq!(
        filled.summary,
        "See https://www.githubstatus.com/incidents/abc."
    );
    assert_eq!(
        filled.message,
        "Core is slow; see https://www.githubstatus.com/incidents/abc."
    );
    assert_eq!(filled.status, IncidentStatus::Identified);
}

#[test]
fn unknown_placeholders_are_errors_that_list_the_known_ones() {
    let (t, d) = parse(
        "+++\ntitle = \"{{ titel }}\"\nimpact = \"minor\"\n+++\n\n## Investigating\nAt {{ when }} and {{ now\n",
    );
    assert!(t.is_none());
    assert_eq!(
        located(&d),
        [
            "2:10 unknown placeholder `{{ titel }}`",
            "7:4 unknown placeholder `{{ when }}`",
            "7:19 `{{` without a closing `}}`",
        ]
    );
    assert!(d[0].hint.as_deref().unwrap().starts_with("did you mean `{{ title }}`? placeholders: {{ title }}, {{ component }}, {{ now }}, {{ upstream }}"), "{:?}", d[0].hint);
    assert!(
        d.iter()
            .all(|x| x.path == Path::new("incident-templates/database-outage.md"))
    );
}

#[test]
fn the_update_heading_has_no_time_and_there_is_exactly_one() {
    let (t, d) = parse(
        "+++\ntitle = \"T\"\n+++\n\n## Investigating — 2026-11-20 14:05 UTC\nText.\n\n## Update\nMore.\n",
    );
    assert!(t.is_none());
    assert_eq!(
        located(&d),
        [
            "5:4 update heading `Investigating — 2026-11-20 14:05 UTC` has a time; a template's does not",
            "8:4 a template holds one update, the first; this is a second",
        ]
    );
    assert_eq!(
        d[0].hint.as_deref(),
        Some("write it as `## Investigating`: `new incident` adds the time of the post")
    );
    let (t, d) =
        parse("+++\ntitle = \"T\"\n+++\n\nOnly a summary.\n\n## What we know\nNothing yet.\n");
    assert!(t.is_none());
    assert_eq!(located(&d), ["4:1 the template has no update"]);
}

#[test]
fn times_unknown_components_and_impacts_are_errors_with_hints() {
    let (t, d) = parse(
        "+++\ntitle = \"T\"\nimpact = \"majr\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"dbb\"]\n+++\n\n## Investigating\nText.\n",
    );
    assert!(t.is_none());
    assert_eq!(
        located(&d),
        [
            "3:10 unknown impact `majr`",
            "4:1 `started` is not set in a template",
            "5:13 unknown component `dbb`",
        ]
    );
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `major`?"));
    assert!(d[1].hint.as_deref().unwrap().contains("time of the post"));
    assert!(
        d[2].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `db`?")
    );
}

#[test]
fn a_title_using_title_is_an_error() {
    let (t, d) = parse("+++\ntitle = \"Re: {{ title }}\"\n+++\n\n## Investigating\n{{ title }}\n");
    assert!(t.is_none());
    assert_eq!(located(&d), ["2:9 the title cannot use `{{ title }}`"]);
}

#[test]
fn check_fills_in_sample_values_and_parses_the_incident() {
    let cat = catalog();
    let ctx = ParseContext {
        tz: tz(),
        catalog: &cat,
        languages: &[],
    };
    // No title, impact or components of its own: check stands in for the command line.
    let (t, d) =
        parse("+++\n+++\n\n{{ component }} at {{ upstream }}.\n\n## Update\n{{ title }}\n");
    assert!(d.is_empty(), "{d:?}");
    let mut problems = Vec::new();
    t.unwrap().check(ctx, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    // A placeholder that starts a line of the summary and fills in as an update heading is
    // caught (in the update's text, `new` makes such a heading a `###` one).
    let (t, d) = parse(
        "+++\ntitle = \"## Resolved — 2026-01-15 12:00 UTC\"\nimpact = \"minor\"\n+++\n\n{{ title }}\n\n## Investigating\nText.\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let mut problems = Vec::new();
    t.unwrap().check(ctx, &mut problems);
    assert_eq!(
        located(&problems),
        ["1:1 filled in, this template makes an incident with more than one update"]
    );
}

#[test]
fn names_read_as_a_list() {
    let cat = catalog();
    let a = |ids: &[&str]| -> Vec<Affected> {
        ids.iter()
            .map(|id| Affected {
                id: id.to_string(),
                status: None,
            })
            .collect()
    };
    assert_eq!(component_names(&a(&[]), &cat), "");
    assert_eq!(component_names(&a(&["db"]), &cat), "Database");
    assert_eq!(
        component_names(&a(&["api", "db"]), &cat),
        "Public API and Database"
    );
    assert_eq!(
        component_names(&a(&["api", "web", "core"]), &cat),
        "Public API, Website and Core"
    );
}
