//! `new`, `update`, `resolve` and `check --format github|gitlab` on temporary sites.

mod common;

use common::*;
use std::fs;

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

const POSTED: &str = "2026-11-23T12:30:00Z";

fn new_incident(site: &TempSite) -> String {
    let out = ok(&site.run(&[
        "new",
        "incident",
        "Elevated errors: \"API\"",
        "--impact",
        "major",
        "--affects",
        "api,web",
        "--now",
        POSTED,
    ]));
    out.trim().to_string()
}

#[test]
fn new_incident_writes_a_valid_post() {
    let site = TempSite::new();
    let path = new_incident(&site);
    assert_eq!(
        path,
        site.path()
            .join("incidents/2026-11-23-elevated-errors-api.md")
            .to_str()
            .unwrap()
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "+++\ntitle = \"Elevated errors: \\\"API\\\"\"\nimpact = \"major\"\nstarted = 2026-11-23T12:30:00Z\naffected = [\"api\", \"web\"]\n+++\n\n## Investigating — 2026-11-23 12:30 UTC\nWe are investigating this issue.\n"
    );
    ok(&site.run(&["check"]));
    // The same title again gets its own file.
    let second = new_incident(&site);
    assert!(
        second.ends_with("incidents/2026-11-23-elevated-errors-api-2.md"),
        "{second}"
    );
}

#[test]
fn new_incident_refuses_unknown_components() {
    let site = TempSite::new();
    let o = site.run(&[
        "new",
        "incident",
        "Down",
        "--impact",
        "major",
        "--affects",
        "api,wbe,zzz",
        "--now",
        POSTED,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: unknown components `wbe` (did you mean `web`?), `zzz` (expected one of: api, web, mail, core)\n  help: components and groups are defined in components.toml; known ids: api, web, mail, core\n"
    );
    assert!(
        !site.path().join("incidents").exists(),
        "nothing was written"
    );
}

#[test]
fn update_and_resolve_insert_text_and_change_nothing_else() {
    let site = TempSite::new();
    let original = "+++\ntitle = \"Queue delays\"   # keep this comment\nimpact = \"minor\"\nstarted = 2026-11-23T10:00:00Z\naffected = { api = \"degraded_performance\" }\n+++\n\nWorkaround: retry.\n\n## Investigating — 2026-11-23 10:05 UTC\nLooking.\n\n<!-- trailing note -->\n";
    site.write("incidents/2026/2026-11-23-queue.md", original);
    let path = site.path().join("incidents/2026/2026-11-23-queue.md");
    let out = ok(&site.run(&[
        "update",
        "2026-11-23-queue",
        "--status",
        "identified",
        "--message",
        "Found it.\n## Sneaky heading",
        "--now",
        "2026-11-23T11:00:00Z",
    ]));
    assert_eq!(out.trim(), path.to_str().unwrap());
    let block = "## Identified — 2026-11-23 11:00 UTC\nFound it.\n### Sneaky heading\n\n";
    let updated = original.replace("## Investigating", &format!("{block}## Investigating"));
    assert_eq!(fs::read_to_string(&path).unwrap(), updated);

    ok(&site.run(&[
        "resolve",
        "2026-11-23-queue",
        "--now",
        "2026-11-23T12:00:00Z",
    ]));
    let resolved = updated
        .replace(
            "started = 2026-11-23T10:00:00Z\n",
            "started = 2026-11-23T10:00:00Z\nresolved = 2026-11-23T12:00:00Z\n",
        )
        .replace(
            "## Identified",
            "## Resolved — 2026-11-23 12:00 UTC\nThis incident has been resolved.\n\n## Identified",
        );
    assert_eq!(fs::read_to_string(&path).unwrap(), resolved);
    ok(&site.run(&["check"]));

    // Resolving twice is refused and leaves the file alone.
    let o = site.run(&[
        "resolve",
        "2026-11-23-queue",
        "--now",
        "2026-11-23T13:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(
            "error: incident `2026-11-23-queue` is already resolved (at 2026-11-23T12:00:00Z)\n"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), resolved);
}

#[test]
fn update_without_updates_appends_and_bad_input_is_refused() {
    let site = TempSite::new();
    let original = "+++\ntitle = \"Slow\"\nstarted = 2026-11-23T10:00:00Z\n+++\nSummary only.";
    site.write("incidents/2026-11-23-slow.md", original);
    ok(&site.run(&[
        "update",
        "2026-11-23-slow",
        "--status",
        "monitoring",
        "--now",
        "2026-11-23T11:00:00Z",
    ]));
    let path = site.path().join("incidents/2026-11-23-slow.md");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "{original}\n\n## Monitoring — 2026-11-23 11:00 UTC\nA fix has been implemented and we are monitoring the results.\n"
        )
    );

    let o = site.run(&["update", "2026-11-23-slwo", "--status", "identified"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: no incident or maintenance with id `2026-11-23-slwo` in {}\n  help: did you mean `2026-11-23-slow`?\n",
            site.path().display()
        )
    );

    let o = site.run(&["update", "2026-11-23-slow", "--status", "fixed"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: `fixed` is not a status of an incident\n  help: statuses: investigating, identified, monitoring, resolved, postmortem\n"
    );

    // A message that would swallow the older updates into a code block is refused.
    ok(&site.run(&[
        "update",
        "2026-11-23-slow",
        "--status",
        "identified",
        "--now",
        "2026-11-23T11:30:00Z",
    ]));
    let before_fence = fs::read_to_string(&path).unwrap();
    let o = site.run(&[
        "update",
        "2026-11-23-slow",
        "--status",
        "identified",
        "--message",
        "```\nunclosed",
        "--now",
        "2026-11-23T11:40:00Z",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("would change the other updates"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before_fence);
    let names: Vec<String> = fs::read_dir(site.path().join("incidents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2026-11-23-slow.md"], "no temporary file is left");
}

#[test]
fn new_maintenance_and_its_updates() {
    let site = TempSite::new();
    let out = ok(&site.run(&[
        "new",
        "maintenance",
        "Database upgrade",
        "--start",
        "2026-11-26 03:00",
        "--end",
        "2026-11-26 05:00",
        "--affects",
        "core",
        "--now",
        NOW,
    ]));
    let path = out.trim().to_string();
    assert!(
        path.ends_with("maintenance/2026-11-26-database-upgrade.md"),
        "{path}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "+++\ntitle = \"Database upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"core\"]\n+++\n\n## Scheduled — 2026-11-23 12:00 UTC\nWe will be undergoing scheduled maintenance during this time.\n"
    );
    ok(&site.run(&[
        "update",
        "2026-11-26-database-upgrade",
        "--status",
        "in-progress",
        "--now",
        "2026-11-26T02:00:00Z",
    ]));
    ok(&site.run(&[
        "resolve",
        "2026-11-26-database-upgrade",
        "--message",
        "Done early.",
        "--now",
        "2026-11-26T03:00:00Z",
    ]));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("+++\n\n## Completed — 2026-11-26 03:00 UTC\nDone early.\n\n## In progress — 2026-11-26 02:00 UTC\n"), "{text}");
    ok(&site.run(&["check"]));

    let o = site.run(&[
        "new",
        "maintenance",
        "Bad",
        "--start",
        "2026-11-26 05:00",
        "--end",
        "tomorrow",
        "--affects",
        "api",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(
            "error: --end `tomorrow` is not a valid time: `tomorrow` is not a timestamp\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = site.run(&[
        "new",
        "maintenance",
        "Bad",
        "--start",
        "2026-11-26 05:00",
        "--end",
        "2026-11-26 06:00",
        "--affects",
        "dbb",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: unknown component `dbb`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_dir(site.path().join("maintenance"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn a_post_that_cannot_be_read_stops_authoring_with_its_name() {
    let site = TempSite::new();
    fs::create_dir_all(site.path().join("incidents")).unwrap();
    fs::write(
        site.path().join("incidents/2026-11-23-old.md"),
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    )
    .unwrap();
    let o = site.run(&[
        "new", "incident", "Down", "--impact", "major", "--now", POSTED,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "incidents/2026-11-23-old.md:2:13: error: cannot read file: byte 0xe9 is not UTF-8 text"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("error: some posts cannot be read; nothing was written\n"),
        "{err}"
    );
    let posts = fs::read_dir(site.path().join("incidents")).unwrap().count();
    assert_eq!(posts, 1, "nothing was written");
}

#[test]
fn authoring_outside_a_site_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let o = statuspress(&[
        "new",
        "incident",
        "x",
        "--impact",
        "minor",
        "--root",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("statuspress.toml:1:1: error: cannot read statuspress.toml"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {} is not a statuspress site folder\n  help: run `statuspress init DIR`",
            tmp.path().display()
        )),
        "{err}"
    );
}

#[test]
fn check_github_format_annotates_lines() {
    let site = TempSite::new();
    site.write(
        "incidents/2026-11-20-api.md",
        "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"api\", \"wbe\"]\n+++\n\n## Investigating — 2026-11-20 14:05 UTC\nx\n",
    );
    let o = site.run(&["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let root = site
        .path()
        .to_str()
        .unwrap()
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        stdout(&o),
        format!(
            "::error file={root}/incidents/2026-11-20-api.md,line=5,col=20::unknown component `wbe`%0Ahelp: did you mean `web`?; components and groups are defined in components.toml\n"
        )
    );
    assert_eq!(stderr(&o), "error: 1 problem found\n");
    let o = site.run(&["check", "--format", "human"]);
    assert!(
        stderr(&o)
            .starts_with("incidents/2026-11-20-api.md:5:20: error: unknown component `wbe`\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_gitlab_format_writes_a_code_quality_report() {
    let site = TempSite::new();
    site.write(
        "incidents/2026-11-20-api.md",
        "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-20T14:02:00Z\naffected = [\"api\", \"wbe\"]\n+++\n\n## Investigating — 2026-11-20 14:05 UTC\nx\n",
    );
    site.write(
        "maintenance/2026-11-26-db.md",
        "+++\ntitle = \"DB\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"mail\"]\nimpact = \"major\"\n+++\n\n## Scheduled — 2026-11-19 10:00 UTC\nx\n",
    );
    let o = site.run(&["check", "--format", "gitlab"]);
    assert_eq!(o.status.code(), Some(1), "errors fail the job");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| {
        panic!(
            "{e}: standard output is not one JSON array:\n{}",
            stdout(&o)
        )
    });
    let root = site.path().to_str().unwrap();
    let found: Vec<(String, u64, &str)> = issues
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
                i["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (format!("{root}/incidents/2026-11-20-api.md"), 5, "major"),
            (format!("{root}/maintenance/2026-11-26-db.md"), 6, "major"),
        ]
    );
    assert!(
        issues[0]["description"]
            .as_str()
            .unwrap()
            .starts_with("unknown component `wbe`\nhelp: did you mean `web`?"),
        "{}",
        issues[0]
    );
    // The job log (standard error) shows the same problems for people.
    assert!(
        stderr(&o).contains("incidents/2026-11-20-api.md:5:20: error: unknown component `wbe`"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).ends_with("error: 2 problems found\n"),
        "{}",
        stderr(&o)
    );
    // The same site gives the same report, byte for byte.
    assert_eq!(site.run(&["check", "--format", "gitlab"]).stdout, o.stdout);

    // A clean site: an empty report, success, and the summary line on standard error.
    fs::remove_file(site.path().join("incidents/2026-11-20-api.md")).unwrap();
    fs::remove_file(site.path().join("maintenance/2026-11-26-db.md")).unwrap();
    let o = site.run(&["check", "--format", "gitlab"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "[]");
    assert!(stderr(&o).starts_with("ok: "), "{}", stderr(&o));
}
