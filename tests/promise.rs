//! The next-update promise end to end: `update --next` writes it, pages, the API and
//! `api/uptime.json` show it, `check` warns when it is overdue, `resolve` clears it, and the
//! statistics count kept and broken promises.

mod common;

use common::{TempSite, assert_ok, stderr, stdout};
use std::fs;

const ID: &str = "2026-11-23-queue";
const FILE: &str = "incidents/2026-11-23-queue.md";

/// A site (Europe/Berlin) with an open incident started at 11:00 UTC and one update.
fn site() -> TempSite {
    let site = TempSite::new();
    site.write(
        FILE,
        "+++\ntitle = \"Queue delays\"\nimpact = \"minor\"\nstarted = 2026-11-23T11:00:00Z\naffected = [\"api\"]\n+++\n\nJobs wait longer than usual.\n\n## Investigating — 2026-11-23 11:05 UTC\nLooking into it.\n",
    );
    site
}

fn post(site: &TempSite) -> String {
    fs::read_to_string(site.path().join(FILE)).unwrap()
}

fn run_ok(site: &TempSite, args: &[&str]) -> String {
    let o = site.run(args);
    assert_ok(&o);
    stdout(&o)
}

/// Builds at `now` and returns the index, the incident page, the unresolved incidents of the
/// API and `api/uptime.json`.
fn build_at(site: &TempSite, now: &str) -> (String, String, serde_json::Value, serde_json::Value) {
    run_ok(site, &["build", "--now", now]);
    let json = |p: &str| serde_json::from_str(&site.read_output(p)).unwrap();
    (
        site.read_output("index.html"),
        site.read_output(&format!("incidents/{ID}/index.html")),
        json("api/v2/incidents/unresolved.json"),
        json("api/uptime.json"),
    )
}

/// The text of an HTML fragment, tags removed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text of the `<p class="promise…">` paragraphs of a page, as a screen reader reads it
/// (without the icon, which is hidden from it).
fn promises(html: &str) -> Vec<String> {
    html.match_indices("<p class=\"promise")
        .map(|(at, _)| {
            let end = at + html[at..].find("</p>").unwrap();
            text(&html[at..end].replace("<span class=\"icon\" aria-hidden=\"true\">!</span>", ""))
        })
        .collect()
}

#[test]
fn update_next_writes_the_promise_and_pages_show_it_until_it_is_overdue() {
    let site = site();
    run_ok(
        &site,
        &[
            "update",
            ID,
            "--status",
            "identified",
            "--message",
            "A stuck worker pool.",
            "--next",
            "30m",
            "--now",
            "2026-11-23T12:00:00Z",
        ],
    );
    let text_after = post(&site);
    assert!(
        text_after.contains("started = 2026-11-23T11:00:00Z\nnext_update = 2026-11-23T12:30:00Z\n"),
        "{text_after}"
    );
    assert!(
        text_after.contains(
            "## Identified — 2026-11-23 12:00 UTC · next update by 2026-11-23 12:30 UTC\nA stuck worker pool.\n"
        ),
        "{text_after}"
    );

    // Before it is due: the time in the site zone with its abbreviation and UTC offset.
    let (index, page, api, uptime) = build_at(&site, "2026-11-23T12:10:00Z");
    assert_eq!(promises(&index), ["Next update by 13:30 CET (UTC+1)"]);
    assert!(index.contains(
        "Next update by <time datetime=\"2026-11-23T12:30:00Z\" title=\"23 Nov 2026, 12:30 UTC\">13:30 CET (UTC+1)</time>"
    ));
    assert_eq!(promises(&page), ["Next update by 13:30 CET (UTC+1)"]);
    let updates = &api["incidents"][0]["incident_updates"];
    assert_eq!(
        updates[0]["body"],
        "A stuck worker pool.\n\nNext update by 13:30 CET."
    );
    assert_eq!(
        updates[1]["body"],
        "Jobs wait longer than usual.\n\nLooking into it."
    );
    let open = &uptime["open_incidents"][0];
    assert_eq!(open["id"], ID);
    assert_eq!(open["next_update"], "2026-11-23T12:30:00Z");
    assert_eq!(open["next_update_overdue"], false);
    assert_eq!(uptime["incidents"]["promises_kept"], 0);
    assert_eq!(uptime["incidents"]["promises_broken"], 0);

    // At the promised minute it is still due; a minute later, overdue.
    let (index, ..) = build_at(&site, "2026-11-23T12:30:00Z");
    assert_eq!(promises(&index), ["Next update by 13:30 CET (UTC+1)"]);
    let (index, page, api, uptime) = build_at(&site, "2026-11-23T12:31:00Z");
    assert_eq!(promises(&index), ["Update overdue since 13:30 CET (UTC+1)"]);
    assert_eq!(promises(&page), ["Update overdue since 13:30 CET (UTC+1)"]);
    assert!(page.contains("<strong>Update overdue</strong> since <time"));
    // The API keeps the promise as it was made.
    assert_eq!(
        api["incidents"][0]["incident_updates"][0]["body"],
        "A stuck worker pool.\n\nNext update by 13:30 CET."
    );
    assert_eq!(uptime["open_incidents"][0]["next_update_overdue"], true);
    assert_eq!(uptime["incidents"]["promises_broken"], 1);
    assert_eq!(uptime["incidents"]["promise_share"], 0.0);
}

#[test]
fn check_warns_about_an_overdue_promise_at_the_next_update_line() {
    let site = site();
    run_ok(
        &site,
        &[
            "update",
            ID,
            "--status",
            "identified",
            "--next",
            "1h",
            "--now",
            "2026-11-23T12:00:00Z",
        ],
    );
    let o = site.run(&["check", "--now", "2026-11-23T13:00:00Z"]);
    assert_ok(&o);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));

    let o = site.run(&["check", "--now", "2026-11-23T13:05:00Z"]);
    assert_ok(&o);
    let err = stderr(&o);
    let want = format!(
        "{FILE}:5:15: warning: the next update was promised by 2026-11-23 13:00 UTC and is overdue: the pages say so\n  help: post an update (`statuspress update {ID} --status ... --next 30m`), or move `next_update` to when the next one will come\n"
    );
    assert!(err.contains(&want), "{err}");

    let o = site.run(&[
        "check",
        "--now",
        "2026-11-23T13:05:00Z",
        "--format",
        "github",
    ]);
    assert_ok(&o);
    let annotation = format!(
        "::warning file={}/{FILE},line=5,col=15::the next update was promised by 2026-11-23 13:00 UTC and is overdue: the pages say so%0Ahelp: post an update",
        site.path().display()
    );
    assert!(stdout(&o).contains(&annotation), "{}", stdout(&o));
}

#[test]
fn update_next_accepts_delays_and_times_and_refuses_anything_else() {
    let site = site();
    for (next, now, want) in [
        ("1h", "2026-11-23T12:00:00Z", "2026-11-23T13:00:00Z"),
        ("90m", "2026-11-23T12:10:00Z", "2026-11-23T13:40:00Z"),
        // Without an offset, the site zone: 15:30 in Berlin is 14:30 UTC.
        (
            "2026-11-23T15:30",
            "2026-11-23T12:20:00Z",
            "2026-11-23T14:30:00Z",
        ),
    ] {
        run_ok(
            &site,
            &[
                "update",
                ID,
                "--status",
                "monitoring",
                "--next",
                next,
                "--now",
                now,
            ],
        );
        let text = post(&site);
        assert!(
            text.contains(&format!("\nnext_update = {want}\n")),
            "{next}: {text}"
        );
        // Replaced, never added twice.
        assert_eq!(text.matches("next_update =").count(), 1, "{text}");
    }

    let before = post(&site);
    for bad in ["30", "soon", "30s"] {
        let o = site.run(&[
            "update",
            ID,
            "--status",
            "monitoring",
            "--next",
            bad,
            "--now",
            "2026-11-23T12:30:00Z",
        ]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("error: --next `{bad}` is neither a delay nor a time\n  help: write a delay from now, `30m`, `90m`, `1h` or `1h30m`, or a time, `2026-11-27T12:30`")),
            "{err}"
        );
    }
    let o = site.run(&[
        "update",
        ID,
        "--status",
        "monitoring",
        "--next",
        "2026-11-23T10:00",
        "--now",
        "2026-11-23T12:30:00Z",
    ]);
    assert!(
        stderr(&o).contains("is not after the time of the update"),
        "{}",
        stderr(&o)
    );
    let o = site.run(&[
        "update",
        ID,
        "--status",
        "resolved",
        "--next",
        "30m",
        "--now",
        "2026-11-23T12:30:00Z",
    ]);
    assert!(
        stderr(&o).contains("a resolved incident promises no next update"),
        "{}",
        stderr(&o)
    );
    assert_eq!(post(&site), before, "a refused --next writes nothing");
}

#[test]
fn an_update_without_next_and_resolve_clear_the_promise() {
    let site = site();
    run_ok(
        &site,
        &[
            "update",
            ID,
            "--status",
            "identified",
            "--next",
            "30m",
            "--now",
            "2026-11-23T12:00:00Z",
        ],
    );
    run_ok(
        &site,
        &[
            "update",
            ID,
            "--status",
            "monitoring",
            "--now",
            "2026-11-23T12:20:00Z",
        ],
    );
    assert!(!post(&site).contains("next_update ="), "{}", post(&site));
    let (index, page, api, _) = build_at(&site, "2026-11-23T13:00:00Z");
    assert!(promises(&index).is_empty());
    assert!(promises(&page).is_empty());
    assert!(
        !api["incidents"][0]["incident_updates"][0]["body"]
            .as_str()
            .unwrap()
            .contains("Next update")
    );

    run_ok(
        &site,
        &[
            "update",
            ID,
            "--status",
            "monitoring",
            "--next",
            "45m",
            "--now",
            "2026-11-23T12:40:00Z",
        ],
    );
    run_ok(&site, &["resolve", ID, "--now", "2026-11-23T13:00:00Z"]);
    let text = post(&site);
    assert!(!text.contains("next_update ="), "{text}");
    assert!(text.contains("resolved = 2026-11-23T13:00:00Z\n"), "{text}");
    // Long after the promised time: a resolved incident shows neither line.
    let (index, page, _, uptime) = build_at(&site, "2026-11-23T18:00:00Z");
    assert!(!index.contains("Next update by") && !index.contains("Update overdue"));
    assert!(!page.contains("class=\"promise"));
    assert!(
        page.contains("Next update promised by"),
        "the timeline keeps it"
    );
    assert_eq!(uptime["open_incidents"], serde_json::json!([]));
    // 12:00 promised 12:30, answered at 12:20; 12:40 promised 13:25, resolved at 13:00.
    assert_eq!(uptime["incidents"]["promises_kept"], 2);
    assert_eq!(uptime["incidents"]["promises_broken"], 0);
}

#[test]
fn stats_count_kept_and_broken_promises() {
    let site = site();
    for (status, next, now) in [
        // Promised 12:30, answered at 12:45: broken.
        ("identified", Some("30m"), "2026-11-23T12:00:00Z"),
        // Promised 13:45, answered at 13:30: kept.
        ("monitoring", Some("1h"), "2026-11-23T12:45:00Z"),
        // Promised 14:00, still open at the clock (14:30): broken.
        ("monitoring", Some("30m"), "2026-11-23T13:30:00Z"),
    ] {
        let mut args = vec!["update", ID, "--status", status, "--now", now];
        if let Some(n) = next {
            args.extend(["--next", n]);
        }
        run_ok(&site, &args);
    }
    let json = run_ok(
        &site,
        &["stats", "--format", "json", "--now", "2026-11-23T14:30:00Z"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let all = &report["incidents"];
    assert_eq!(
        (
            all["promises_kept"].as_u64(),
            all["promises_broken"].as_u64()
        ),
        (Some(1), Some(2))
    );
    assert_eq!(all["promise_share"], 0.333);
    let api = &report["components"][0];
    assert_eq!(api["id"], "api");
    assert_eq!(api["incidents"]["promises_broken"], 2);

    let table = run_ok(&site, &["stats", "--now", "2026-11-23T14:30:00Z"]);
    assert!(table.contains("PROMISES KEPT"), "{table}");
    assert!(table.contains("33% (1 of 3)"), "{table}");
    assert!(
        table.contains("Queue delays (2026-11-23-queue): OVERDUE since 2026-11-23T14:00:00Z"),
        "{table}"
    );

    run_ok(&site, &["build", "--now", "2026-11-23T14:30:00Z"]);
    let stats = site.read_output("stats/index.html");
    assert!(
        stats.contains("<th scope=\"col\">Promises kept</th>"),
        "{stats}"
    );
    assert!(stats.contains("<td>33% (1 of 3)</td>"), "{stats}");
}

#[test]
fn maintenance_makes_no_promise() {
    let site = site();
    site.write(
        "maintenance/2026-11-26-db.md",
        "+++\ntitle = \"DB\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"api\"]\n+++\n\n## Scheduled — 2026-11-19 10:00 UTC · next update by 2026-11-19 11:00 UTC\nPlanned.\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "maintenance/2026-11-26-db.md:8:4: error: only incident updates promise a next update"
        ),
        "{}",
        stderr(&o)
    );
    site.write(
        "maintenance/2026-11-26-db.md",
        "+++\ntitle = \"DB\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"api\"]\n+++\n\n## Scheduled — 2026-11-19 10:00 UTC\nPlanned.\n",
    );
    let o = site.run(&[
        "update",
        "2026-11-26-db",
        "--status",
        "in_progress",
        "--next",
        "30m",
        "--now",
        "2026-11-26T02:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("is a maintenance window: --next promises the next update of an incident"),
        "{}",
        stderr(&o)
    );
}
