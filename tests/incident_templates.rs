//! `new incident --template`: incidents written from `incident-templates/`, the command line's
//! values over the template's, and `check` on templates.

mod common;

use common::*;
use std::fs;

const POSTED: &str = "2026-11-23T12:30:00Z";

/// A template for the fixture site (Europe/Berlin; components api, web, mail in group core).
const OUTAGE: &str = "+++
title = \"{{ component }}: elevated errors\"
impact = \"major\"
affected = { api = \"partial_outage\" }
+++

**Who is affected:** users of {{ component }}. **Workaround:** retry after a minute.

## Investigating
Since {{ now }}, some requests fail. Next update within 30 minutes.
";

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("incident-templates/api-outage.md", OUTAGE);
    site
}

fn ok(o: &std::process::Output) -> String {
    assert_ok(o);
    stdout(o).trim().to_string()
}

#[test]
fn a_template_fills_in_title_impact_components_summary_and_first_update() {
    let site = site();
    let path = ok(&site.run(&[
        "new",
        "incident",
        "--template",
        "api-outage",
        "--now",
        POSTED,
    ]));
    assert!(
        path.ends_with("incidents/2026-11-23-api-elevated-errors.md"),
        "{path}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "+++\ntitle = \"API: elevated errors\"\nimpact = \"major\"\nstarted = 2026-11-23T12:30:00Z\naffected = { api = \"partial_outage\" }\n+++\n\n**Who is affected:** users of API. **Workaround:** retry after a minute.\n\n## Investigating — 2026-11-23 12:30 UTC\nSince 2026-11-23 13:30 CET, some requests fail. Next update within 30 minutes.\n"
    );
    ok(&site.run(&["check", "--now", POSTED]));
    // The same template and clock write the same bytes again, in a file of their own.
    let again = ok(&site.run(&[
        "new",
        "incident",
        "--template",
        "api-outage",
        "--now",
        POSTED,
    ]));
    assert!(again.ends_with("-2.md"), "{again}");
    assert_eq!(fs::read(&again).unwrap(), fs::read(&path).unwrap());
}

#[test]
fn command_line_values_override_the_template() {
    let site = site();
    let path = ok(&site.run(&[
        "new",
        "incident",
        "--template",
        "api-outage",
        "--title",
        "Sign-in \"errors\" on the website",
        "--impact",
        "critical",
        "--component",
        "web,mail",
        "--status",
        "identified",
        "--message",
        "A certificate expired; a new one is being deployed.",
        "--now",
        POSTED,
    ]));
    assert!(
        path.ends_with("incidents/2026-11-23-sign-in-errors-on-the-website.md"),
        "{path}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "+++\ntitle = \"Sign-in \\\"errors\\\" on the website\"\nimpact = \"critical\"\nstarted = 2026-11-23T12:30:00Z\naffected = [\"web\", \"mail\"]\n+++\n\n**Who is affected:** users of Website and Email. **Workaround:** retry after a minute.\n\n## Identified — 2026-11-23 12:30 UTC\nA certificate expired; a new one is being deployed.\n"
    );
    // The title may also come first, as for a plain `new incident`.
    let path = ok(&site.run(&[
        "new",
        "incident",
        "Checkout errors",
        "--template",
        "api-outage",
        "--now",
        POSTED,
    ]));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("+++\ntitle = \"Checkout errors\"\n")
    );
    ok(&site.run(&["check", "--now", POSTED]));
}

#[test]
fn an_unknown_template_lists_the_templates_there_are() {
    let site = site();
    site.write("incident-templates/upstream.md", OUTAGE);
    let o = site.run(&[
        "new",
        "incident",
        "--template",
        "api-outgae",
        "--now",
        POSTED,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: no incident template `api-outgae` in incident-templates/\n  help: did you mean `api-outage`? templates: api-outage, upstream\n"
    );
    let bare = TempSite::new();
    let o = bare.run(&["new", "incident", "--template", "nope", "--now", POSTED]);
    assert!(
        stderr(&o).contains("the site has no templates yet: write incident-templates/nope.md"),
        "{}",
        stderr(&o)
    );
    assert!(!site.path().join("incidents").exists() && !bare.path().join("incidents").exists());
}

#[test]
fn a_bad_placeholder_is_reported_at_its_line_by_new_and_check() {
    let site = TempSite::new();
    site.write(
        "incident-templates/broken.md",
        &OUTAGE.replace("Since {{ now }}", "Since {{ started }}"),
    );
    let o = site.run(&["new", "incident", "--template", "broken", "--now", POSTED]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("incident-templates/broken.md:10:7: error: unknown placeholder `{{ started }}`\n  help: placeholders: {{ title }}, {{ component }}, {{ now }}, {{ upstream }}\n"), "{err}");
    assert!(
        err.contains("error: incident template `broken` has errors; nothing was written"),
        "{err}"
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "incident-templates/broken.md:10:7: error: unknown placeholder `{{ started }}`"
        ),
        "{}",
        stderr(&o)
    );
    let o = site.run(&["check", "--format", "github"]);
    assert!(
        stdout(&o).contains("incident-templates/broken.md,line=10,col=7::unknown placeholder"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_placeholder_without_a_value_stops_new_at_its_line() {
    let site = TempSite::new();
    site.write(
        "incident-templates/upstream.md",
        "+++\ntitle = \"Slow email\"\nimpact = \"minor\"\n+++\n\nSee <{{ upstream }}>.\n\n## Identified\nOur provider is slow.\n",
    );
    let o = site.run(&["new", "incident", "--template", "upstream", "--now", POSTED]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("incident-templates/upstream.md:6:6: error: `{{ upstream }}` has no value: no address was given\n  help: pass --upstream URL"), "{}", stderr(&o));
    let o = site.run(&[
        "new",
        "incident",
        "--template",
        "upstream",
        "--upstream",
        "status.provider.test",
        "--now",
        POSTED,
    ]);
    assert!(
        stderr(&o).contains("--upstream `status.provider.test` is not an http(s) address"),
        "{}",
        stderr(&o)
    );
    let path = ok(&site.run(&[
        "new",
        "incident",
        "--template",
        "upstream",
        "--upstream",
        "https://status.provider.test/incidents/x1",
        "--now",
        POSTED,
    ]));
    assert!(
        fs::read_to_string(path)
            .unwrap()
            .contains("\nSee <https://status.provider.test/incidents/x1>.\n")
    );
}

#[test]
fn templates_are_checked_but_never_published() {
    let site = site();
    let o = site.run(&["build"]);
    assert_ok(&o);
    assert!(!site.path().join("public/incident-templates").exists());
    let index = site.read_output("index.html");
    assert!(
        !index.contains("elevated errors"),
        "a template is no incident"
    );
    assert!(!site.read_output("sitemap.xml").contains("template"));
}

#[test]
fn new_incident_without_a_template_still_needs_a_title_and_an_impact() {
    let site = site();
    let o = site.run(&["new", "incident", "--affects", "api", "--now", POSTED]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: new incident needs a title and --impact\n"),
        "{}",
        stderr(&o)
    );
    let o = site.run(&["new", "incident", "Down", "--now", POSTED]);
    assert!(
        stderr(&o).starts_with("error: new incident needs --impact\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_ships_two_templates_that_pass_check_and_fill_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("status");
    let dir_s = dir.to_str().unwrap();
    assert_ok(&statuspress(&["init", dir_s, "--now", POSTED]));
    for name in ["database-outage", "upstream-provider"] {
        assert!(
            dir.join(format!("incident-templates/{name}.md")).is_file(),
            "{name}"
        );
    }
    assert_ok(&statuspress(&["check", "--root", dir_s, "--now", POSTED]));
    let o = statuspress(&[
        "new",
        "incident",
        "--template",
        "upstream-provider",
        "--upstream",
        "https://status.mailprovider.test/incidents/8k2",
        "--root",
        dir_s,
        "--now",
        POSTED,
    ]);
    let path = ok(&o);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("+++\ntitle = \"Email delivery: problem at an upstream provider\"\nimpact = \"minor\"\nstarted = 2026-11-23T12:30:00Z\naffected = [\"email\"]\n+++\n\n**Who is affected:** anyone waiting for Email delivery."), "{text}");
    assert!(
        text.contains("own status page: <https://status.mailprovider.test/incidents/8k2>."),
        "{text}"
    );
    assert!(text.contains("## Identified — 2026-11-23 12:30 UTC\nSince 2026-11-23 12:30 UTC, Email delivery is slowed down"), "{text}");
    assert_ok(&statuspress(&["check", "--root", dir_s, "--now", POSTED]));
}
