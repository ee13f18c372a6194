//! Management API pages: bare arrays, postmortems, copies of one post, any order of files.

use super::*;

/// Parses each text as a saved file and imports them in the order given.
fn run_pages(root: &Path, texts: &[&str]) -> Report {
    let responses = texts
        .iter()
        .map(|t| document::parse(t, Path::new("page.json")).unwrap())
        .collect();
    import(merge(responses), root).unwrap()
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A resolved management API incident with a published postmortem that is not an update, and
/// an impact set by hand.
const WITH_POSTMORTEM: &str = r#"[{
  "id": "f5v3b6dr7k53", "page_id": "8m2l51279rpl", "name": "API Gateway Timeout Errors",
  "status": "resolved", "impact": "minor", "impact_override": "major",
  "created_at": "2024-06-07T01:00:17Z", "updated_at": "2024-06-11T08:00:00Z",
  "resolved_at": "2024-06-07T22:26:34Z", "metadata": {}, "backfilled": false,
  "postmortem_ignored": false,
  "postmortem_body": "The gateway ran out of <strong>connections</strong>.\r\n\r\n# Not a heading",
  "postmortem_body_last_updated_at": "2024-06-10T08:59:00Z",
  "postmortem_published_at": "2024-06-10T09:00:00.123Z",
  "components": [],
  "incident_updates": [
    {"id": "rgm45b89jz31", "incident_id": "f5v3b6dr7k53", "status": "resolved", "body": "Resolved",
     "created_at": "2024-06-07T22:26:34.370Z", "display_at": "2024-06-07T22:26:34.370Z",
     "affected_components": null, "deliver_notifications": true, "wants_twitter_update": false},
    {"id": "gkjdpm52nm97", "incident_id": "f5v3b6dr7k53", "status": "investigating",
     "body": "Timeouts.", "created_at": "2024-06-07T01:00:17.309Z",
     "display_at": "2024-06-07T01:00:17.309Z", "affected_components": null}
  ]
}]"#;

#[test]
fn a_published_postmortem_becomes_the_postmortem_update() {
    let tmp = tempfile::tempdir().unwrap();
    let report = run_pages(tmp.path(), &[WITH_POSTMORTEM]);
    assert_eq!((report.incidents, report.maintenance), (1, 0));
    let text = read(
        tmp.path(),
        "incidents/2024-06-07-api-gateway-timeout-errors.md",
    );
    assert_eq!(
        text,
        "+++\n# Imported from Statuspage: incident f5v3b6dr7k53\ntitle = \"API Gateway Timeout Errors\"\nimpact = \"major\"\nstarted = 2024-06-07T01:00:17Z\nresolved = 2024-06-07T22:26:34Z\n+++\n\n## Postmortem — 2024-06-10 09:00:00 UTC\nThe gateway ran out of **connections**.\n\n\\# Not a heading\n\n## Resolved — 2024-06-07 22:26:34 UTC\nResolved\n\n## Investigating — 2024-06-07 01:00:17 UTC\nTimeouts.\n"
    );
    // It reads back as the incident's postmortem, apart from the status updates.
    let site = crate::load::load(tmp.path()).unwrap();
    let inc = &site.incidents[0];
    assert_eq!(inc.status(), crate::model::IncidentStatus::Postmortem);
    let postmortem = inc.postmortem.as_ref().unwrap();
    assert_eq!(
        postmortem.body,
        "The gateway ran out of **connections**.\n\n\\# Not a heading"
    );
    assert_eq!(
        postmortem.published.to_rfc3339(),
        "2024-06-10T09:00:00+00:00"
    );
    let statuses: Vec<&str> = inc.updates.iter().map(|u| u.status.as_str()).collect();
    assert_eq!(statuses, ["resolved", "investigating"]);
    assert_eq!(
        inc.resolved.map(|r| r.to_rfc3339()).as_deref(),
        Some("2024-06-07T22:26:34+00:00")
    );
}

#[test]
fn of_several_postmortem_updates_the_newest_is_the_postmortem() {
    let republished = WITH_POSTMORTEM.replace(
        r#""incident_updates": ["#,
        r#""incident_updates": [
    {"status": "postmortem", "body": "First draft.", "display_at": "2024-06-09T09:00:00Z"},
    {"status": "postmortem", "body": "As republished.", "display_at": "2024-06-11T09:00:00Z"},"#,
    );
    let tmp = tempfile::tempdir().unwrap();
    run_pages(tmp.path(), &[&republished]);
    let text = read(
        tmp.path(),
        "incidents/2024-06-07-api-gateway-timeout-errors.md",
    );
    assert_eq!(text.matches("## Postmortem").count(), 1, "{text}");
    assert!(!text.contains("First draft."), "{text}");
    let site = crate::load::load(tmp.path()).unwrap();
    let postmortem = site.incidents[0].postmortem.as_ref().unwrap();
    assert_eq!(postmortem.body, "As republished.");
    assert_eq!(
        postmortem.published.to_rfc3339(),
        "2024-06-11T09:00:00+00:00"
    );
}

#[test]
fn a_draft_or_an_existing_postmortem_update_adds_none() {
    let draft = WITH_POSTMORTEM.replace(
        r#""postmortem_published_at": "2024-06-10T09:00:00.123Z""#,
        r#""postmortem_published_at": null"#,
    );
    let tmp = tempfile::tempdir().unwrap();
    run_pages(tmp.path(), &[&draft]);
    let text = read(
        tmp.path(),
        "incidents/2024-06-07-api-gateway-timeout-errors.md",
    );
    assert!(
        !text.contains("Postmortem") && !text.contains("connections"),
        "{text}"
    );

    // The 2017 management API also lists the published postmortem as an update: one, not two.
    let listed = WITH_POSTMORTEM.replace(
        r#""incident_updates": ["#,
        r#""incident_updates": [
    {"status": "postmortem", "body": "As published.", "display_at": "2024-06-10T09:00:01Z"},"#,
    );
    let tmp = tempfile::tempdir().unwrap();
    run_pages(tmp.path(), &[&listed]);
    let text = read(
        tmp.path(),
        "incidents/2024-06-07-api-gateway-timeout-errors.md",
    );
    assert_eq!(text.matches("## Postmortem").count(), 1, "{text}");
    assert!(text.contains("## Postmortem — 2024-06-10 09:00:01 UTC\nAs published.\n"));
}

/// GitHub's public copy of an incident, with fewer fields than the management API's.
const PUBLIC_COPY: &str = r#"{"page": {"id": "8m2l51279rpl", "name": "Ctrlv Solutions", "url": "https://status.ctrlv.test", "time_zone": "Etc/UTC"},
 "incidents": [{"id": "f5v3b6dr7k53", "name": "API Gateway Timeout Errors", "status": "resolved", "impact": "major",
  "created_at": "2024-06-07T01:00:17.239Z", "updated_at": "2024-06-07T22:26:34.383Z",
  "started_at": "2024-06-07T00:55:00.000Z", "resolved_at": "2024-06-07T22:26:34.370Z",
  "incident_updates": [
    {"status": "resolved", "body": "Resolved", "display_at": "2024-06-07T22:26:34.370Z"},
    {"status": "investigating", "body": "Timeouts.", "display_at": "2024-06-07T01:00:17.309Z"}],
  "components": [{"id": "7ddtptqkb02y", "name": "API Gateway", "status": "operational", "group": false, "group_id": null, "position": 1}]}]}"#;

#[test]
fn one_incident_from_both_apis_is_one_post_with_what_each_knows() {
    for order in [
        [PUBLIC_COPY, WITH_POSTMORTEM],
        [WITH_POSTMORTEM, PUBLIC_COPY],
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let report = run_pages(tmp.path(), &order);
        assert_eq!(report.incidents, 1);
        let posts: Vec<_> = fs::read_dir(tmp.path().join("incidents"))
            .unwrap()
            .collect();
        assert_eq!(posts.len(), 1);
        let text = read(
            tmp.path(),
            "incidents/2024-06-07-api-gateway-timeout-errors.md",
        );
        // `started_at` and the components come from the public copy, the impact set by hand
        // and the postmortem from the management one.
        assert!(
            text.contains("\nstarted = 2024-06-07T00:55:00Z\n"),
            "{text}"
        );
        assert!(text.contains("\naffected = [\"api-gateway\"]\n"), "{text}");
        assert!(text.contains("\nimpact = \"major\"\n"), "{text}");
        assert!(text.contains("\n## Postmortem — 2024-06-10 09:00:00 UTC\n"));
        assert!(
            read(tmp.path(), "statuspress.toml").contains("title = \"Ctrlv Solutions Status\"")
        );
    }
}

#[test]
fn maintenance_listed_as_incidents_goes_to_maintenance() {
    let page = r#"[
  {"id": "35qzmvylkqzf", "name": "Systems Offline", "status": "completed", "impact": "maintenance",
   "created_at": "2018-03-12T13:19:51.276Z", "scheduled_for": "2018-03-16T21:00:00.000Z",
   "scheduled_until": "2018-03-17T20:00:00.000Z", "postmortem_body": null, "postmortem_published_at": null,
   "incident_updates": [{"status": "completed", "body": "Done.", "display_at": "2018-03-17T17:30:52.141Z"}]},
  {"id": "pd25qx024wzg", "name": "Interlibrary Loan Outage", "status": "resolved", "impact": "minor",
   "created_at": "2018-03-31T15:01:05.972Z", "resolved_at": "2018-03-31T16:27:55.838Z",
   "scheduled_for": null, "scheduled_until": null,
   "incident_updates": [{"status": "resolved", "body": "Restored.", "display_at": "2018-03-31T16:27:55.838Z"}]}
]"#;
    let tmp = tempfile::tempdir().unwrap();
    let report = run_pages(tmp.path(), &[page, "[]"]);
    assert_eq!((report.incidents, report.maintenance), (1, 1));
    let m = read(tmp.path(), "maintenance/2018-03-16-systems-offline.md");
    assert!(
        m.contains("start = 2018-03-16T21:00:00Z\nend = 2018-03-17T20:00:00Z\n"),
        "{m}"
    );
    assert!(
        m.contains("## Completed — 2018-03-17 17:30:52 UTC\nDone.\n"),
        "{m}"
    );
    read(
        tmp.path(),
        "incidents/2018-03-31-interlibrary-loan-outage.md",
    );
    // No page object: the title keeps the rule for a page without a name.
    assert!(read(tmp.path(), "statuspress.toml").contains("\ntitle = \"Status\"\n"));
}

const COMPONENTS_1: &str = r#"[
  {"id": "c2", "page_id": "p", "group_id": "g1", "group": false, "name": "Search", "position": 2, "status": "operational", "automation_email": "component+2@notifications.statuspage.io"},
  {"id": "top", "page_id": "p", "group_id": null, "group": false, "name": "Website", "position": 1, "status": "operational"}
]"#;
const COMPONENTS_2: &str = r#"[
  {"id": "g1", "page_id": "p", "group_id": null, "group": true, "name": "Catalog", "position": 2, "status": "operational"},
  {"id": "c1", "page_id": "p", "group_id": "g1", "group": false, "name": "Requests", "position": 1, "status": "major_outage"}
]"#;

#[test]
fn component_pages_give_the_page_order_and_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let report = run_pages(tmp.path(), &[COMPONENTS_1, COMPONENTS_2]);
    assert_eq!(report.components, 4);
    let ids: Vec<String> = read(tmp.path(), "components.toml")
        .lines()
        .filter_map(|l| l.strip_prefix("id = ").map(str::to_string))
        .collect();
    assert_eq!(
        ids,
        ["\"catalog\"", "\"website\"", "\"requests\"", "\"search\""]
    );
    let site = crate::load::load(tmp.path()).unwrap();
    let grouped: Vec<(&str, Option<&str>)> = site
        .catalog
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.group.as_deref()))
        .collect();
    assert_eq!(
        grouped,
        [
            ("website", None),
            ("requests", Some("catalog")),
            ("search", Some("catalog"))
        ]
    );
}

/// The files of `texts` in a fresh folder, named in the order given.
fn files(dir: &Path, texts: &[&str]) -> Vec<PathBuf> {
    texts
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let f = dir.join(format!("page-{n}.json"));
            fs::write(&f, t).unwrap();
            f
        })
        .collect()
}

fn tree(root: &Path) -> Vec<(PathBuf, String)> {
    let mut all: Vec<(PathBuf, String)> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn the_order_of_the_files_changes_nothing() {
    // Two copies of one incident that tie on updates and time but differ in name, and two
    // incidents whose file names would clash: which copy wins and which file gets the suffix
    // must not depend on the order on the command line.
    let a = r#"[{"id": "aaa111", "name": "Outage", "status": "resolved", "impact": "major",
       "created_at": "2020-01-01T10:00:00Z", "updated_at": "2020-01-01T11:00:00Z",
       "incident_updates": [{"status": "resolved", "body": "A.", "display_at": "2020-01-01T11:00:00Z"}]}]"#;
    let renamed = a.replace("\"Outage\"", "\"Outage (renamed)\"");
    let b = r#"[{"id": "bbb222", "name": "Outage", "status": "resolved", "impact": "minor",
       "created_at": "2020-01-01T10:00:00Z", "updated_at": "2020-01-01T12:00:00Z",
       "incident_updates": [{"status": "resolved", "body": "B.", "display_at": "2020-01-01T12:00:00Z"}]}]"#;
    let texts = [
        a,
        renamed.as_str(),
        b,
        COMPONENTS_1,
        COMPONENTS_2,
        "[]",
        SUMMARY,
    ];
    let tmp = tempfile::tempdir().unwrap();
    let saved = files(tmp.path(), &texts);
    let mut reversed = saved.clone();
    reversed.reverse();
    let mut rotated = saved.clone();
    rotated.rotate_left(3);
    let mut trees = Vec::new();
    for (n, order) in [saved, reversed, rotated].iter().enumerate() {
        let root = tmp.path().join(format!("site-{n}"));
        let report = import_files(order, &root).unwrap();
        assert_eq!(report.incidents, 2);
        trees.push(tree(&root));
    }
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[0], trees[2]);
    let names: Vec<String> = trees[0]
        .iter()
        .filter(|(p, _)| p.starts_with("incidents"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn importing_the_same_pages_twice_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let saved = files(
        tmp.path(),
        &[WITH_POSTMORTEM, COMPONENTS_1, COMPONENTS_2, PUBLIC_COPY],
    );
    let root = tmp.path().join("site");
    let first = import_files(&saved, &root).unwrap();
    assert_eq!(first.incidents, 1);
    let before = tree(&root);
    assert_only_kept_one(&import_files(&saved, &root).unwrap());
    assert_eq!(tree(&root), before);
}
