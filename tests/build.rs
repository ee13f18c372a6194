//! Builds real sites with the real binary and checks the pages, the errors and the guarantees.

mod common;

use common::{NOW, TempSite, assert_ok, snapshot_tree, stderr, stdout};
use std::fs;

const OPEN_API: &str = r#"+++
title = "Elevated error rates on the API"
impact = "major"
started = 2026-11-23T09:02:00Z
affected = ["api"]
+++

Some requests fail with 502.

## Identified — 2026-11-23 09:40 UTC
A faulty deploy is being rolled back.

## Investigating — 2026-11-23 09:05 UTC
We are investigating elevated error rates.
"#;

const RESOLVED_MAIL: &str = r#"+++
title = "Email delays"
impact = "minor"
started = 2026-11-20T14:00:00Z
affected = { mail = "degraded_performance" }
+++

## Resolved — 2026-11-20 15:30 UTC
Queues are drained.

## Investigating — 2026-11-20 14:05 UTC
Emails are delayed by up to 20 minutes.
"#;

const UPCOMING: &str = r#"+++
title = "Database upgrade"
start = 2026-11-26T02:00:00Z
end = 2026-11-26T04:00:00Z
affected = ["core"]
+++

The API may be read-only for a few minutes.

## Scheduled — 2026-11-19 10:00 UTC
We will upgrade the primary database.
"#;

fn small_site() -> TempSite {
    let site = TempSite::new();
    site.write("incidents/2026-11-23-api-errors.md", OPEN_API);
    site.write("incidents/2026/2026-11-20-email-delays.md", RESOLVED_MAIL);
    site.write("maintenance/2026-11-26-db-upgrade.md", UPCOMING);
    site
}

/// The build's staging and swap folders (hidden siblings of the output) are all gone, but for
/// the spare the next build is staged in.
fn assert_no_staging_folders(dir: &std::path::Path) {
    let leftovers: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".public.spare")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn builds_every_page_of_a_small_site() {
    let site = small_site();
    assert_ok(&site.run(&["build"]));
    for page in [
        "index.html",
        "incidents/2026-11-23-api-errors/index.html",
        "incidents/2026-11-20-email-delays/index.html",
        "maintenance/2026-11-26-db-upgrade/index.html",
        "components/api/index.html",
        "components/web/index.html",
        "components/mail/index.html",
        "history/index.html",
        "history/2026/11/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
    ] {
        assert!(
            site.path().join("public").join(page).exists(),
            "missing {page}"
        );
    }
    let index = site.read_output("index.html");
    assert!(
        index.contains("Partial outage"),
        "banner follows the open major incident"
    );
    assert!(index.contains("Elevated error rates on the API"));
    assert!(
        index.contains("Database upgrade"),
        "upcoming maintenance is listed"
    );
    // Times are in the site zone, named, inside <time datetime>.
    assert!(index.contains(r#"<time datetime="2026-11-23T09:02:00Z" title="23 Nov 2026, 09:02 UTC">23 Nov 2026, 10:02 CET</time>"#), "{index}");
    assert!(index.contains("No incidents reported."));
    let incident = site.read_output("incidents/2026-11-20-email-delays/index.html");
    // Pages share one stylesheet, the index too.
    assert!(incident.contains(r#"<link rel="stylesheet" href="../../style.css">"#));
    assert!(
        site.read_output("style.css")
            .contains("prefers-color-scheme:dark")
    );
    assert!(
        index.contains(r#"<link rel="stylesheet" href="style.css">"#) && !index.contains("<style>")
    );
    assert!(
        incident.contains("1h 30m"),
        "duration of the resolved incident"
    );
    assert!(
        incident.find("Queues are drained").unwrap() < incident.find("Emails are delayed").unwrap(),
        "newest update first"
    );
    let component = site.read_output("components/mail/index.html");
    assert!(component.contains("Email delays"));
    assert!(component.contains("Operational"));
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://status.acme.test/incidents/2026-11-23-api-errors/</loc>")
    );
    assert!(!sitemap.contains("404"));
    assert!(
        site.read_output("robots.txt")
            .contains("Sitemap: https://status.acme.test/sitemap.xml")
    );
}

#[test]
fn group_incident_and_status_override_reach_the_components() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        &common::COMPONENTS.replace(
            "id = \"mail\"\nname = \"Email\"\n",
            "id = \"mail\"\nname = \"Email\"\nstatus = \"under_maintenance\"\n",
        ),
    );
    site.write(
        "incidents/core-down.md",
        "+++\ntitle = \"Core down\"\nimpact = \"critical\"\nstarted = 2026-11-23T11:00:00Z\naffected = [\"core\"]\n+++\n## Investigating — 2026-11-23 11:01 UTC\nDown.\n",
    );
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(index.contains("Major outage"));
    let api = site.read_output("components/api/index.html");
    assert!(api.contains("st-major_outage"), "{api}");
    let mail = site.read_output("components/mail/index.html");
    assert!(mail.contains("Under maintenance"));
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let site = TempSite::example();
    let a = site.path().join("a");
    let b = site.path().join("b");
    let run = |out: &std::path::Path, threads: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_statuspress"))
            .args([
                "build",
                "--root",
                site.path().to_str().unwrap(),
                "--now",
                NOW,
                "--output",
                out.to_str().unwrap(),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_ok(&o);
    };
    run(&a, "1");
    run(&b, "4");
    let (ta, tb) = (snapshot_tree(&a), snapshot_tree(&b));
    assert!(ta.len() > 30);
    assert_eq!(
        ta.iter().map(|f| &f.0).collect::<Vec<_>>(),
        tb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (fa, fb) in ta.iter().zip(&tb) {
        assert!(fa.1 == fb.1, "{} differs", fa.0);
    }
}

#[test]
fn source_date_epoch_fixes_the_clock() {
    let site = small_site();
    let out = |name: &str, epoch: &str| {
        let dir = site.path().join(name);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_statuspress"))
            .args([
                "build",
                "--root",
                site.path().to_str().unwrap(),
                "--output",
                dir.to_str().unwrap(),
            ])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_ok(&o);
        fs::read_to_string(dir.join("index.html")).unwrap()
    };
    // 2026-11-23T12:00:00Z
    let index = out("a", "1795435200");
    assert!(
        index.contains("23 Nov 2026, 13:00 CET"),
        "the page says when it was generated"
    );
    assert_eq!(index, out("b", "1795435200"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = small_site();
    assert_ok(&site.run(&["build"]));
    let before = snapshot_tree(&site.path().join("public"));
    site.write(
        "incidents/2026-11-23-api-errors.md",
        &OPEN_API.replace("affected = [\"api\"]", "affected = [\"apii\"]"),
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nothing was written"));
    assert_eq!(snapshot_tree(&site.path().join("public")), before);
    assert_no_staging_folders(site.path());
}

#[test]
fn a_template_error_in_one_page_leaves_the_previous_output_untouched() {
    let site = small_site();
    assert_ok(&site.run(&["build"]));
    let before = snapshot_tree(&site.path().join("public"));
    // Only the open incident's page fails, at render time: the other pages are rendered and
    // written to the staging folder before the build gives up.
    site.write(
        "templates/incident.html",
        "{{ post.title }}{% if post.open %}{{ no_such.value }}{% endif %}",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("rendering incident.html for incidents/2026-11-23-api-errors/index.html"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot_tree(&site.path().join("public")), before);
    assert_no_staging_folders(site.path());
}

#[test]
fn check_reports_and_writes_nothing() {
    let site = small_site();
    let o = site.run(&["check"]);
    assert_ok(&o);
    let out = stdout(&o);
    assert!(out.starts_with("ok: "), "{out}");
    assert!(!site.path().join("public").exists());
    // It counts the same files a build writes.
    let checked: usize = out
        .split(" renders cleanly (")
        .nth(1)
        .and_then(|r| r.split(" files)").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no file count in {out}"));
    assert_ok(&site.run(&["build"]));
    let built = snapshot_tree(&site.path().join("public")).len();
    assert_eq!(checked, built);
}

#[test]
fn every_content_error_is_reported_in_one_run_with_position_and_hint() {
    let site = small_site();
    site.write("incidents/unclosed.md", "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\n\n## Resolved — 2026-11-20 11:00 UTC\n");
    site.write(
        "incidents/no-title.md",
        "+++\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    );
    site.write("incidents/bad-component.md", "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\", \"emial\"]\n+++\n");
    site.write(
        "incidents/bad-status.md",
        "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\naffected = { api = \"down\" }\n+++\n",
    );
    site.write(
        "incidents/bad-time.md",
        "+++\ntitle = \"x\"\nstarted = \"last tuesday\"\n+++\n",
    );
    site.write("incidents/backwards.md", "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T09:00:00Z\n+++\n");
    site.write(
        "incidents/a/dup.md",
        "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    );
    site.write(
        "incidents/b/dup.md",
        "+++\ntitle = \"y\"\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    );
    site.write("incidents/bad-heading.md", "+++\ntitle = \"x\"\nstarted = 2026-11-20T10:00:00Z\n+++\n\n## Monitoring — 2026-11-20 1O:30 UTC\nTypo in the hour.\n");
    site.write(
        "incidents/bad-toml.md",
        "+++\ntitle = \"x\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "incidents/b/dup.md:1:1: error: duplicate id `dup`: incidents/a/dup.md has the same file name",
        "incidents/backwards.md:4:12: error: `resolved` is before `started`",
        "incidents/bad-component.md:4:20: error: unknown component `emial`\n  help: did you mean `mail`?",
        "incidents/bad-heading.md:6:4: error: update heading `Monitoring — 2026-11-20 1O:30 UTC` has no readable timestamp",
        "incidents/bad-status.md:4:20: error: unknown status `down` for `api`\n  help: expected one of: operational, under_maintenance, degraded_performance, partial_outage, major_outage",
        "incidents/bad-time.md:3:11: error: `started` is not a valid timestamp: `last tuesday` is not a timestamp",
        "incidents/bad-toml.md:2:",
        "incidents/no-title.md:2:1: error: missing `title` in the front matter\n  help: add a line such as title = \"Elevated error rates on the API\"",
        "incidents/unclosed.md:1:1: error: unclosed front matter: no closing `+++` line\n  help: add a line with only `+++`",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    assert!(
        err.contains("error: 9 problems found; nothing was written"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_post_that_is_not_utf8_is_named_with_the_other_errors() {
    let site = small_site();
    fs::write(
        site.path().join("incidents/latin1.md"),
        b"+++\ntitle = \"Caf\xe9 menu down\"\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    )
    .unwrap();
    site.write(
        "incidents/bad-time.md",
        "+++\ntitle = \"x\"\nstarted = \"last tuesday\"\n+++\n",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "incidents/latin1.md:2:13: error: cannot read file: byte 0xe9 is not UTF-8 text\n  help: save the file as UTF-8 text",
        "incidents/bad-time.md:3:11: error: `started` is not a valid timestamp",
        "error: 2 problems found; nothing was written",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn config_and_catalogue_errors_name_the_line_and_the_fix() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        "title = \"Acme\"\nbase_url = \"https://s.test\"\ntimezone = \"UTC\"\n",
    );
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nname = \"API\"\nstatus = \"partial\"\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "statuspress.toml:3:1: error: unknown key `timezone`\n  help: did you mean `time_zone`?"
        ),
        "{err}"
    );
    assert!(err.contains("components.toml:4:10: error: unknown status `partial`\n  help: did you mean `partial_outage`?"), "{err}");
    site.write("components.toml", "[[component]\nid = \"api\"\n");
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("components.toml:1:"), "{err}");
}

#[test]
fn missing_site_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::statuspress(&[
        "build",
        "--root",
        dir.path().to_str().unwrap(),
        "--now",
        NOW,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("statuspress.toml:1:1: error: cannot read statuspress.toml"),
        "{err}"
    );
    assert!(err.contains("point --root at the site folder"), "{err}");
}

#[test]
fn raw_html_in_posts_is_sanitized_and_titles_escaped() {
    let site = TempSite::new();
    site.write(
        "incidents/xss.md",
        "+++\ntitle = \"<img src=x onerror=alert(1)> outage\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T11:00:00Z\n+++\n\nHello <script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">link</a> [md](javascript:alert(3))\n\n## Resolved — 2026-11-20 11:00 UTC\n<iframe src=\"https://evil.test\"></iframe><b>bold</b>\n",
    );
    assert_ok(&site.run(&["build"]));
    let page = site.read_output("incidents/xss/index.html");
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script>alert"), "{page}");
    assert!(!lower.contains("javascript:"), "{page}");
    assert!(!lower.contains("onclick"), "{page}");
    assert!(!lower.contains("<img src=x onerror"), "{page}");
    assert!(!lower.contains("<iframe"), "{page}");
    assert!(page.contains("<b>bold</b>"), "harmless markup stays");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt; outage"),
        "title is escaped"
    );
}

#[test]
fn the_example_index_is_light_and_asks_only_its_own_site() {
    let site = TempSite::example();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(index.len() < 40 * 1024, "index is {} bytes", index.len());
    for external in [
        "<script src=\"http",
        "<link rel=\"stylesheet\" href=\"http",
        "@import",
        "url(http",
        "<img src=\"http",
    ] {
        assert!(!index.contains(external), "external request: {external}");
    }
    // The stylesheet, the time script and the bar images are the site's own, which every page
    // shares.
    for own in [
        "<link rel=\"stylesheet\" href=\"style.css\">",
        "<script src=\"times.js\"></script>",
        "<img src=\"components/api/uptime-bar.svg\"",
    ] {
        assert!(index.contains(own), "{own}");
    }
    assert!(index.contains("<html lang=\"en\" data-built="));
    assert!(index.contains("<main id=\"main\""));
    assert!(
        site.read_output("style.css")
            .contains("prefers-color-scheme:dark")
    );
    // Every status has words, not only a colour.
    assert!(index.contains("Degraded performance</span>"));
    // The bundled example has one ongoing incident, one upcoming and one completed maintenance.
    assert!(index.contains("Ongoing incidents"));
    assert!(index.contains("Scheduled maintenance"));
    assert!(
        site.path().join("public/favicon.svg").exists(),
        "static files are copied"
    );
}

#[test]
fn history_splits_into_month_pages() {
    let site = TempSite::example();
    assert_ok(&site.run(&["build"]));
    let history = site.read_output("history/index.html");
    for month in ["November 2026", "October 2026", "July 2026", "June 2026"] {
        assert!(history.contains(month), "{month}");
    }
    let november = site.read_output("history/2026/11/index.html");
    assert!(november.contains("Incident history: November 2026"));
    assert!(
        !november.contains("Payment method updates failing"),
        "other months stay on their own pages"
    );
    // A completed window shows how long it actually took (01:00 to 02:41), not the planned 2h.
    let october = site.read_output("history/2026/10/index.html");
    assert!(october.contains("04:41 CEST</time> (1h 41m)"), "{october}");
    let july = site.read_output("history/2026/07/index.html");
    assert!(july.find("July 2026").is_some());
    // Each day with entries has its heading, whose id is the date; a day that an incident of the
    // day before still reached names it.
    assert!(
        november.contains(
            "<h3 id=\"2026-11-23\"><time datetime=\"2026-11-23\">23 Nov 2026</time></h3>"
        ),
        "{november}"
    );
    let september = site.read_output("history/2026/09/index.html");
    let day = &september[september.find("<h3 id=\"2026-09-17\">").unwrap()..];
    let day = &day[..day.find("</li>").unwrap()];
    assert!(
        day.contains("Still under way from an earlier day: <a href=\"../../../incidents/2026-09-16-postgres-connection-errors/\">"),
        "{day}"
    );
}

#[test]
fn template_override_replaces_one_file() {
    let site = small_site();
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lost? {{ site.title }}</h1>{% endblock content %}");
    assert_ok(&site.run(&["build"]));
    assert!(
        site.read_output("404.html")
            .contains("<h1>Lost? Acme Status</h1>")
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ oops( }}{% endblock content %}",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("templates/404.html:1:54: error: template error"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_and_version_work() {
    let o = common::statuspress(&["--help"]);
    assert_ok(&o);
    assert!(stdout(&o).contains("build") && stdout(&o).contains("check"));
    let o = common::statuspress(&["build", "--help"]);
    assert!(stdout(&o).contains("--now <RFC3339>"));
    let o = common::statuspress(&["--version"]);
    assert!(stdout(&o).starts_with("statuspress "));
}

#[test]
fn list_excerpts_are_escaped_exactly_once() {
    let site = TempSite::new();
    site.write(
        "incidents/amp.md",
        "+++\ntitle = \"Tom & Jerry\"\nstarted = 2026-11-22T10:00:00Z\nresolved = 2026-11-22T11:00:00Z\n+++\n## Resolved — 2026-11-22 11:00 UTC\nCats & mice <agree> on \"peace\".\n",
    );
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(index.contains("Tom &amp; Jerry"), "{index}");
    assert!(
        index.contains("Cats &amp; mice on &quot;peace&quot;."),
        "{index}"
    );
    assert!(!index.contains("&amp;amp;"));
}

#[test]
fn the_bundled_high_contrast_theme_applies() {
    let site = small_site();
    common::copy_dir(
        &common::repo().join("themes/high-contrast"),
        &site.path().join("themes/high-contrast"),
    );
    site.write(
        "statuspress.toml",
        &format!("{}theme = \"high-contrast\"\n", common::CONFIG),
    );
    assert_ok(&site.run(&["build"]));
    // The theme extends the built-in stylesheet and colours: both are in the output, the
    // theme's last, and its colours reach the bar images too.
    let css = site.read_output("style.css");
    let builtin = css.find("prefers-color-scheme:dark").unwrap();
    let theme = css.find("/* high-contrast theme").unwrap();
    assert!(builtin < theme, "{css}");
    assert!(css.contains("--ok:#0a5c22"), "{css}");
    let bar = site.read_output("components/api/uptime-bar.svg");
    assert!(
        bar.find("--ok:#1a7f37").unwrap() < bar.find("--ok:#0a5c22").unwrap(),
        "{bar}"
    );
    // A theme that does not exist is an error, not a silent fallback.
    site.write(
        "statuspress.toml",
        &format!("{}theme = \"nope\"\n", common::CONFIG),
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("theme `nope` not found in themes/"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_relative_link_of_every_page_reaches_a_built_file() {
    let site = TempSite::example();
    assert_ok(&site.run(&["build", "--now", NOW]));
    let (checked, broken) = common::broken_links(&site.path().join("public"));
    assert!(checked > 300, "only {checked} links found");
    assert!(
        broken.is_empty(),
        "links to nothing:\n{}",
        broken.join("\n")
    );
}

/// Pages say what a post did or will do to its components in the past or future tense, and keep
/// the present tense, in colour, for what is true now.
#[test]
fn affected_components_are_told_in_the_tense_of_the_post() {
    let site = TempSite::new();
    site.write(
        "incidents/2026-11-20-down.md",
        "+++\ntitle = \"Mail down\"\nimpact = \"critical\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2026-11-20T11:00:00Z\naffected = { mail = \"major_outage\" }\n+++\nNo mail.\n",
    );
    site.write(
        "incidents/2026-11-23-slow.md",
        "+++\ntitle = \"API slow\"\nimpact = \"minor\"\nstarted = 2026-11-23T10:00:00Z\naffected = { api = \"degraded_performance\" }\n+++\nSlow.\n",
    );
    site.write(
        "maintenance/2026-11-30-db.md",
        "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-30T02:00:00Z\nend = 2026-11-30T04:00:00Z\naffected = [\"web\"]\n+++\nWrites pause.\n\n## Scheduled — 2026-11-22 09:00 UTC\nWe will upgrade the database.\n",
    );
    site.write(
        "maintenance/2026-11-01-old.md",
        "+++\ntitle = \"Old upgrade\"\nstart = 2026-11-01T02:00:00Z\nend = 2026-11-01T04:00:00Z\naffected = [\"web\"]\n+++\nDone.\n",
    );
    let o = site.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let resolved = site.read_output("incidents/2026-11-20-down/index.html");
    assert!(
        resolved.contains(
            "<a href=\"../../components/mail/\">Email</a> — <span class=\"status muted\">was: major outage</span>"
        ),
        "{resolved}"
    );
    assert!(!resolved.contains("st-major_outage\">"), "{resolved}");
    let upcoming = site.read_output("maintenance/2026-11-30-db/index.html");
    assert!(
        upcoming.contains(
            "<a href=\"../../components/web/\">Website</a> — <span class=\"status muted\">will be under maintenance</span>"
        ),
        "{upcoming}"
    );
    assert!(!upcoming.contains("Under maintenance</span>"), "{upcoming}");
    let done = site.read_output("maintenance/2026-11-01-old/index.html");
    assert!(
        done.contains("<span class=\"status muted\">was under maintenance</span>"),
        "{done}"
    );
    let open = site.read_output("incidents/2026-11-23-slow/index.html");
    assert!(
        open.contains("<span class=\"status st-degraded_performance\"><span class=\"icon\" aria-hidden=\"true\">!</span>Degraded performance</span>"),
        "{open}"
    );
}

/// A post that affects a whole large group names the group once, on its own page and in every
/// list, instead of every member on every page that lists the post.
#[test]
fn a_wholly_affected_large_group_is_told_as_the_group() {
    let site = TempSite::new();
    let mut components = String::from("[[group]]\nid = \"edge\"\nname = \"Edge\"\n");
    for i in 0..8 {
        components.push_str(&format!(
            "[[component]]\nid = \"pop{i}\"\nname = \"PoP {i}\"\ngroup = \"edge\"\n"
        ));
    }
    components.push_str("[[component]]\nid = \"api\"\nname = \"API\"\n");
    site.write("components.toml", &components);
    site.write(
        "incidents/2026-11-23-edge.md",
        "+++\ntitle = \"Edge down\"\nimpact = \"major\"\nstarted = 2026-11-23T10:00:00Z\naffected = [\"edge\", \"api\"]\n+++\n\n## Investigating — 2026-11-23 10:05 UTC\nLooking.\n",
    );
    assert_ok(&site.run(&["build", "--now", NOW]));
    let page = site.read_output("incidents/2026-11-23-edge/index.html");
    assert_eq!(page.matches("Edge (all 8 components)").count(), 1, "{page}");
    assert!(page.contains(r#"<a href="../../#components-h">Edge (all 8 components)</a>"#));
    assert!(page.contains(r#"<a href="../../components/api/">API</a>"#));
    assert!(!page.contains("PoP 3"), "members are not listed one by one");
    let member = site.read_output("components/pop3/index.html");
    assert_eq!(member.matches("Edge (all 8 components)").count(), 1);
    assert!(!member.contains("PoP 4"), "no other member is listed");
}

#[test]
fn the_index_lists_the_first_few_and_links_to_the_rest() {
    let site = TempSite::new();
    // Eight incidents today, five windows ahead on the API, five announcements shown.
    for k in 0..8 {
        site.write(
            &format!("incidents/2026-11-23-n{k}.md"),
            &format!(
                "+++\ntitle = \"Slow requests #{k}\"\nimpact = \"minor\"\nstarted = 2026-11-23T09:0{k}:00Z\nresolved = 2026-11-23T09:3{k}:00Z\naffected = [\"api\"]\n+++\n"
            ),
        );
    }
    for k in 1..=5 {
        site.write(
            &format!("maintenance/w{k}.md"),
            &format!(
                "+++\ntitle = \"Planned work #{k}\"\nstart = 2026-12-0{k}T02:00:00Z\nend = 2026-12-0{k}T03:00:00Z\naffected = [\"api\"]\n+++\n\n## Scheduled — 2026-11-20 10:00 UTC\nWe will upgrade it.\n"
            ),
        );
        site.write(
            &format!("announcements/a{k}.md"),
            &format!("+++\ntitle = \"Notice #{k}\"\nshow_from = 2026-11-1{k}T10:00:00Z\n+++\n\nSomething to know.\n"),
        );
    }
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    let cards = |html: &str, what: &str| html.matches(what).count();
    assert_eq!(cards(&index, "<h3 id=\"card-w"), 3, "{index}");
    assert!(index.contains("<a href=\"maintenance/\">2 more windows scheduled</a>"));
    assert_eq!(cards(&index, "<h3 id=\"notice-a"), 3, "{index}");
    assert!(index.contains("<a href=\"announcements/\">2 more announcements</a>"));
    // The newest five of today, then the day in the history, which has all eight.
    assert_eq!(cards(&index, "<strong>Slow requests #"), 5);
    assert!(index.contains("<strong>Slow requests #7</strong>") && !index.contains("#2</strong>"));
    assert!(index.contains("<a href=\"history/2026/11/#2026-11-23\">3 more in the history</a>"));
    let month = site.read_output("history/2026/11/index.html");
    assert_eq!(cards(&month, "<strong>Slow requests #"), 8);
    // The pages of all of them, and the component page's own windows.
    let list = site.read_output("maintenance/index.html");
    assert_eq!(cards(&list, "<h3 id=\"card-w"), 5, "{list}");
    let list = site.read_output("announcements/index.html");
    assert_eq!(cards(&list, "<h2 id=\"notice-a"), 5, "{list}");
    let api = site.read_output("components/api/index.html");
    assert_eq!(cards(&api, "<h3 id=\"card-w"), 3, "{api}");
    assert!(api.contains("<a href=\"../../maintenance/\">2 more windows scheduled</a>"));
}
