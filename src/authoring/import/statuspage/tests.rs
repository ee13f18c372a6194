use super::*;
use std::fs;

const SUMMARY: &str = r#"{"page":{"id":"p","name":"Acme","url":"https://status.acme.test","time_zone":"Etc/UTC"},
"components":[
 {"id":"g1","name":"Core","group":true,"group_id":null,"components":["c1","c2"]},
 {"id":"c1","name":"API","group":false,"group_id":"g1","description":"REST","start_date":"2024-01-02"},
 {"id":"c2","name":"API","group":false,"group_id":"g1"},
 {"id":"c3","name":"Web site","group":false,"group_id":null}
]}"#;

const INCIDENTS: &str = r#"{"page":{"id":"p","name":"Acme"},"incidents":[
 {"id":"inc1abc","name":"API errors","status":"postmortem","impact":"major",
  "created_at":"2026-07-30T09:00:00.000Z","started_at":"2026-07-30T09:00:00.500Z","resolved_at":"2026-07-30T10:00:00.400Z",
  "incident_updates":[
   {"status":"postmortem","body":"Root cause: <strong>bad</strong> deploy.<br />## Not a heading","display_at":"2026-07-31T08:00:00.000Z",
    "affected_components":null},
   {"status":"resolved","body":"Fixed.","display_at":"2026-07-30T10:00:00.400Z",
    "affected_components":[{"code":"c1","name":"Core - API","old_status":"partial_outage","new_status":"operational"}]},
   {"status":"investigating","body":"Second, same second.","display_at":"2026-07-30T09:05:00.900Z","affected_components":null},
   {"status":"investigating","body":"First.","display_at":"2026-07-30T09:05:00.100Z",
    "affected_components":[{"code":"c1","name":"Core - API","old_status":"operational","new_status":"partial_outage"},{"name":"No components were affected by this update."}]}
  ],
  "components":[{"id":"c9","name":"Legacy","group":false,"group_id":null}]}
]}"#;

/// A second import of the same one incident: it is kept as it is, and nothing is written.
fn assert_only_kept_one(again: &Report) {
    assert_eq!(
        (
            again.incidents,
            again.components,
            again.kept,
            again.written.len()
        ),
        (0, 0, 1, 0)
    );
}

fn run(root: &Path, files: &[&str]) -> Report {
    let responses = files
        .iter()
        .map(|t| serde_json::from_str::<Response>(t).unwrap())
        .collect();
    import(merge(responses), root).unwrap()
}

#[test]
fn imports_components_incidents_and_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let report = run(root, &[SUMMARY, INCIDENTS]);
    assert_eq!(
        (report.incidents, report.components, report.kept),
        (1, 5, 0)
    );
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    assert_eq!(
        components,
        "# Groups and components, in display order. Imported from Statuspage.\n\n[[group]]\nid = \"core\"\nname = \"Core\"\n\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\ndescription = \"REST\"\nsince = 2024-01-02\n\n[[component]]\nid = \"api-c2\"\nname = \"API\"\ngroup = \"core\"\n\n[[component]]\nid = \"web-site\"\nname = \"Web site\"\n\n[[component]]\nid = \"legacy\"\nname = \"Legacy\"\n"
    );
    let config = fs::read_to_string(root.join("statuspress.toml")).unwrap();
    assert!(
        config.contains("title = \"Acme Status\"\nbase_url = \"https://status.acme.test\""),
        "{config}"
    );
    let text = fs::read_to_string(root.join("incidents/2026-07-30-api-errors.md")).unwrap();
    assert_eq!(
        text,
        "+++\n# Imported from Statuspage: incident inc1abc\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-07-30T09:00:00Z\nresolved = 2026-07-30T10:00:00Z\naffected = { legacy = \"partial_outage\", api = \"partial_outage\" }\n+++\n\n## Postmortem — 2026-07-31 08:00:00 UTC\nRoot cause: **bad** deploy.\\\n\\## Not a heading\n\n## Resolved — 2026-07-30 10:00:00 UTC\nFixed.\n\n## Investigating — 2026-07-30 09:05:00 UTC\nSecond, same second.\n\n## Investigating — 2026-07-30 09:05:00 UTC\nFirst.\n"
    );
    let site = crate::load::load(root).unwrap();
    let inc = &site.incidents[0];
    assert_eq!(inc.status(), crate::model::IncidentStatus::Postmortem);
    // The postmortem reads back as the incident's postmortem, not as a status update.
    let postmortem = inc
        .postmortem
        .as_ref()
        .expect("the postmortem is read back");
    assert_eq!(
        postmortem.published.to_rfc3339(),
        "2026-07-31T08:00:00+00:00"
    );
    assert_eq!(
        postmortem.body,
        "Root cause: **bad** deploy.\\\n\\## Not a heading"
    );
    let bodies: Vec<&str> = inc.updates.iter().map(|u| u.body.as_str()).collect();
    assert_eq!(bodies, ["Fixed.", "Second, same second.", "First."]);

    let before = fs::read_to_string(root.join("components.toml")).unwrap();
    assert_only_kept_one(&run(root, &[SUMMARY, INCIDENTS]));
    assert_eq!(
        fs::read_to_string(root.join("components.toml")).unwrap(),
        before
    );
}

#[test]
fn keeps_existing_config_and_components_and_avoids_taken_names() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(
        root.join("statuspress.toml"),
        "title = \"Mine\"\nbase_url = \"https://x.test\"\n",
    )
    .unwrap();
    fs::write(
        root.join("components.toml"),
        "[[component]]\nid = \"api\"\nname = \"Our API\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("incidents")).unwrap();
    fs::write(
        root.join("incidents/2026-07-30-api-errors.md"),
        "+++\ntitle = \"Hand-written\"\nstarted = 2026-07-30T09:00:00Z\n+++\n",
    )
    .unwrap();
    let report = run(root, &[INCIDENTS]);
    assert_eq!(
        report.components, 2,
        "api is reused, c9 and the update-only id are added"
    );
    assert_eq!(
        fs::read_to_string(root.join("statuspress.toml")).unwrap(),
        "title = \"Mine\"\nbase_url = \"https://x.test\"\n"
    );
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    assert!(
        components.starts_with(
            "[[component]]\nid = \"api\"\nname = \"Our API\"\n\n[[component]]\nid = \"legacy\""
        ),
        "{components}"
    );
    assert!(
        root.join("incidents/2026-07-30-api-errors-inc1.md")
            .exists()
    );
}

#[test]
fn maintenance_uses_the_window_and_its_words() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("/dev/null").unwrap_or_default();
    assert!(text.is_empty());
    let json = r#"{"scheduled_maintenances":[{"id":"m1","name":"Upgrade","status":"completed","impact":"maintenance",
      "created_at":"2016-10-16T16:57:33.416-07:00","scheduled_for":"2016-10-19T02:00:00.000-07:00","scheduled_until":"2016-10-19T03:00:00.000-07:00",
      "incident_updates":[{"status":"in_progress","body":"Going.","display_at":"2016-10-19T02:07:00.712-07:00","affected_components":[{"name":"No components were affected by this update."}]},
                          {"status":"scheduled","body":"Planned &quot;handoffs.&quot;","display_at":"2016-10-16T16:57:00.000-07:00"}],
      "components":[]}]}"#;
    let report = run(tmp.path(), &[json]);
    assert_eq!(report.maintenance, 1);
    let text = fs::read_to_string(tmp.path().join("maintenance/2016-10-19-upgrade.md")).unwrap();
    assert_eq!(
        text,
        "+++\n# Imported from Statuspage: maintenance m1\ntitle = \"Upgrade\"\nstart = 2016-10-19T09:00:00Z\nend = 2016-10-19T10:00:00Z\n+++\n\n## In progress — 2016-10-19 09:07:00 UTC\nGoing.\n\n## Scheduled — 2016-10-16 23:57:00 UTC\nPlanned \"handoffs.\"\n"
    );
}

#[test]
fn bad_json_names_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("incidents.json");
    fs::write(&f, "{\n  \"incidents\": [1,\n").unwrap();
    let e = import_files(std::slice::from_ref(&f), &tmp.path().join("site")).unwrap_err();
    assert!(
        e.message.ends_with("is not Statuspage API JSON"),
        "{}",
        e.message
    );
    assert_eq!((e.diagnostics[0].line, e.diagnostics[0].column), (2, 17));
    fs::write(&f, "{\"page\":{}}").unwrap();
    let e = import_files(&[f], &tmp.path().join("site")).unwrap_err();
    assert!(
        e.message
            .ends_with("has none of `components`, `incidents` or `scheduled_maintenances`")
    );
    assert!(!tmp.path().join("site").exists());
}

#[test]
fn unreadable_existing_posts_are_reported_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("incidents/2026")).unwrap();
    fs::create_dir_all(root.join("maintenance")).unwrap();
    fs::write(
        root.join("incidents/2026/latin1.md"),
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("maintenance/gone.md")).unwrap();
    let responses = vec![serde_json::from_str::<Response>(SUMMARY).unwrap()];
    let e = import(merge(responses), root).unwrap_err();
    assert_eq!(
        e.message,
        "some existing posts cannot be read; nothing was imported"
    );
    let named: Vec<&Path> = e.diagnostics.iter().map(|d| d.path.as_path()).collect();
    let mut want = vec![Path::new("incidents/2026/latin1.md")];
    if cfg!(unix) {
        want.push(Path::new("maintenance/gone.md"));
    }
    assert_eq!(named, want);
    assert!(
        e.diagnostics
            .iter()
            .all(|d| d.is_error() && d.message.starts_with("cannot read file: "))
    );
    assert!(!root.join("components.toml").exists(), "nothing is written");
}

#[test]
fn the_title_says_status_once() {
    use site_files::site_title;
    for (name, title) in [
        (Some("Acme"), "Acme Status"),
        (Some("Acme Status"), "Acme Status"),
        (Some("ACME STATUS"), "ACME STATUS"),
        (Some("acme status"), "acme status"),
        (Some("Acmestatus"), "Acmestatus"),
        (Some("Acme Status Page"), "Acme Status Page"),
        (Some("Statuspage"), "Statuspage Status"),
        (Some("Status of Acme"), "Status of Acme Status"),
        (Some("  Acme\n Status "), "Acme Status"),
        (Some(" "), "Status"),
        (None, "Status"),
    ] {
        assert_eq!(site_title(name), title, "{name:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    run(
        tmp.path(),
        &[r#"{"page": {"name": "Acme Status"}, "components": []}"#],
    );
    let config = fs::read_to_string(tmp.path().join("statuspress.toml")).unwrap();
    assert!(config.contains("\ntitle = \"Acme Status\"\n"), "{config}");
}

mod management;

#[test]
fn a_component_s_display_comes_along() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let summary = r#"{"page":{"id":"p","name":"Acme","url":"https://status.acme.test","time_zone":"Etc/UTC"},
"components":[
 {"id":"g1","name":"Internal","group":true,"group_id":null,"showcase":false,"only_show_if_degraded":false,"components":["c1"]},
 {"id":"c1","name":"Billing hooks","group":false,"group_id":"g1","showcase":false,"only_show_if_degraded":true},
 {"id":"c2","name":"API","group":false,"group_id":null,"showcase":true,"only_show_if_degraded":false}
]}"#;
    run(root, &[summary]);
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    assert!(
        components.contains("[[group]]\nid = \"internal\"\nname = \"Internal\"\n\n"),
        "a group's flags mean nothing here: {components}"
    );
    assert!(
        components.contains("id = \"billing-hooks\"\nname = \"Billing hooks\"\ngroup = \"internal\"\nshowcase = false\nonly_show_if_degraded = true\n"),
        "{components}"
    );
    assert!(
        components.ends_with("id = \"api\"\nname = \"API\"\n"),
        "{components}"
    );
    let site = crate::load::load(root).unwrap();
    let hooks = site.catalog.component("billing-hooks").unwrap();
    assert!(!hooks.display.showcase && hooks.display.only_show_if_degraded);
}
