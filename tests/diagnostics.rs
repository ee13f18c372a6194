//! Every problem of a site in one run, each at the right line and column, with a hint that fits.

mod common;

use common::{TempSite, stderr};

/// An index override with a Tera syntax error at line 2, column 28.
const BROKEN_INDEX: &str =
    "{% extends \"base.html\" %}\n{% block content %}{{ foo( }}{% endblock %}\n";

/// A site with problems in every file: one run must list them all.
#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        "title = \"Acme\"\nbase_url = \"https://status.acme.test\"\ntitel = \"x\"\nuptime_dayz = 3\ntheme = \"gone\"\n[alerts]\nlabel = 1\n",
    );
    site.write(
        "components.toml",
        "[[group]]\nid = \"core\"\nnam = \"Core\"\n\n[[component]]\nid = \"api\"\ngroup = \"core\"\nstatuss = \"x\"\n",
    );
    site.write(
        "incidents/a.md",
        "+++\ntitle = \"A\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\naffected = { api = \"major_outage\", ap = \"partial_outage\" }\n+++\n",
    );
    site.write(
        "incidents/b.md",
        "+++\ntitle = \"B\"\nimpact = 3\nstarted = 2026-11-20T10:00:00Z\nsevere = true\n+++\n",
    );
    site.write(
        "incidents/d.md",
        "+++\ntitle = \"D\"\nimpact = \"minor\"\nstarted = \"yesterday\"\nseverity = 2\naffected = [\"wbe\"]\n+++\n",
    );
    std::fs::write(
        site.path().join("incidents/c.md"),
        b"+++\ntitle = \"C\xff\"\n+++\n",
    )
    .unwrap();
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| !l.starts_with("  help"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "components.toml:3:1: error: unknown key `nam` in [[group]]",
            "components.toml:8:1: error: unknown key `statuss` in [[component]]",
            "incidents/a.md:5:36: error: unknown component `ap`",
            "incidents/b.md:3:10: error: invalid type: integer `3`, expected a string",
            "incidents/b.md:5:1: error: unknown key `severe`",
            "incidents/c.md:2:11: error: cannot read file: byte 0xff is not UTF-8 text",
            "incidents/d.md:4:11: error: `started` is not a valid timestamp: `yesterday` is not a timestamp",
            "incidents/d.md:5:1: error: unknown key `severity`",
            "incidents/d.md:6:13: error: unknown component `wbe`",
            "statuspress.toml:1:1: error: theme `gone` not found in themes/",
            "statuspress.toml:3:1: error: unknown key `titel`",
            "statuspress.toml:4:1: error: unknown key `uptime_dayz`",
            "statuspress.toml:7:1: error: unknown key `label` in [alerts]",
            "error: 13 problems found",
        ]
    );
}

/// When the configuration is not TOML at all, the posts cannot be read against it: the run
/// says so in a note, and still reports what needs no configuration.
#[test]
fn posts_that_cannot_be_checked_are_named_in_a_note() {
    let site = TempSite::new();
    site.write("statuspress.toml", "title = \"Acme\nbase_url = 3\n");
    site.write("incidents/Bad Name.md", "+++\ntitle = \"x\"\n+++\n");
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "incidents/Bad Name.md:1:1: error: file name `Bad Name` cannot be used as an id"
        ),
        "{err}"
    );
    assert!(
        err.contains("statuspress.toml:1:1: note: the front matter and updates of 1 post were not checked: they are read with the time zone of statuspress.toml and the ids of components.toml\n  help: fix statuspress.toml and run again to check them"),
        "{err}"
    );
}

/// A Tera syntax error is reported where Tera's own message points.
#[test]
fn a_template_syntax_error_points_at_its_line_and_column() {
    let site = TempSite::new();
    site.write("templates/index.html", BROKEN_INDEX);
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "templates/index.html:2:28: error: template error: Failed to parse 'index.html'"
        ),
        "{err}"
    );
}

/// A template error shows in the same run as the errors of the posts, which stop the site from
/// loading before any template is compiled.
#[test]
fn a_template_error_is_reported_with_the_post_errors() {
    let site = TempSite::new();
    site.write("templates/index.html", BROKEN_INDEX);
    site.write(
        "incidents/a.md",
        "+++\ntitle = \"A\"\nimpact = \"huge\"\nstarted = 2026-11-20T10:00:00Z\n+++\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("incidents/a.md:3:10: error: unknown impact `huge`"),
        "{err}"
    );
    assert!(
        err.contains(
            "templates/index.html:2:28: error: template error: Failed to parse 'index.html'"
        ),
        "{err}"
    );
    assert!(err.contains("error: 2 problems found"), "{err}");
}

/// A template error shows in the same run as an error found against the clock.
#[test]
fn a_template_error_is_reported_with_a_future_resolution() {
    let site = TempSite::new();
    site.write("templates/index.html", BROKEN_INDEX);
    site.write(
        "incidents/a.md",
        "+++\ntitle = \"A\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\nresolved = 2027-11-20T11:00:00Z\n+++\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n",
    );
    let o = site.run(&["check", "--now", "2026-11-23T12:00:00Z"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("incidents/a.md:5:12: error: `resolved` is in the future"),
        "{err}"
    );
    assert!(
        err.contains("templates/index.html:2:28: error: template error"),
        "{err}"
    );
}

/// A value of the wrong type in the front matter does not hide the problems of the updates.
#[test]
fn a_wrong_value_in_the_front_matter_does_not_hide_the_updates() {
    let site = TempSite::new();
    site.write(
        "incidents/a.md",
        "+++\ntitle = \"A\"\nimpact = 3\nstarted = 2026-11-20T10:00:00Z\n+++\n\n## Resolvd — 2026-11-20 11:00 UTC\nFixed.\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("incidents/a.md:3:10: error: "), "{err}");
    assert!(
        err.contains("incidents/a.md:7:4: error: unknown update status `Resolvd`"),
        "{err}"
    );
    assert!(err.contains("error: 2 problems found"), "{err}");
}

/// Messages name files from the site folder, never by where the folder happens to be.
#[test]
fn messages_never_carry_absolute_paths() {
    let site = TempSite::new();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(site.path().join("templates/bad.html"), b"caf\xe9").unwrap();
    std::fs::remove_file(site.path().join("components.toml")).unwrap();
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("templates/bad.html:1:1: error: template is not UTF-8 text\n"),
        "{err}"
    );
    assert!(
        err.contains("components.toml:1:1: error: cannot read components.toml: the site folder has no such file\n"),
        "{err}"
    );
    let root = site.path().to_string_lossy().into_owned();
    assert!(!err.contains(&root), "{err}");
}

/// `new incident` at a time with seconds writes a post that `check` finds nothing wrong with:
/// `started` and the first update's heading are the same minute.
#[test]
fn a_new_incident_does_not_warn_about_itself() {
    let site = TempSite::new();
    let o = site.run(&[
        "new",
        "incident",
        "API down",
        "--impact",
        "major",
        "--now",
        "2026-11-23T12:00:30Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text =
        std::fs::read_to_string(site.path().join("incidents/2026-11-23-api-down.md")).unwrap();
    assert!(text.contains("started = 2026-11-23T12:00:00Z\n"), "{text}");
    assert!(
        text.contains("## Investigating — 2026-11-23 12:00 UTC\n"),
        "{text}"
    );
    let o = site.run(&["check", "--now", "2026-11-23T12:05:00Z"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

/// `--now` of an authoring command is the time of the post, not an instant to render at.
#[test]
fn now_is_described_for_what_each_command_does() {
    for command in [
        &["new", "incident", "--help"][..],
        &["new", "maintenance", "--help"],
        &["update", "--help"],
        &["resolve", "--help"],
        &["alert", "--help"],
    ] {
        let help = common::stdout(&common::statuspress(command));
        assert!(!help.contains("Render as of"), "{command:?}: {help}");
        assert!(
            help.contains(
                "The time of the post (RFC 3339, e.g. 2026-11-23T12:00:00Z), written to the minute"
            ),
            "{command:?}: {help}"
        );
    }
    let help = common::stdout(&common::statuspress(&["build", "--help"]));
    assert!(help.contains("Render as of this instant"), "{help}");
}

/// The home link is right on every page, the 404 page of a site under a sub-path included.
#[test]
fn the_home_link_points_at_the_home_page_under_a_sub_path() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        "title = \"Acme Status\"\nbase_url = \"https://acme.github.io/REPO\"\n",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let home = |page: &str| {
        let html = site.read_output(page);
        let at = html.find("class=\"brand\" href=\"").unwrap() + 20;
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(home("404.html"), "/REPO/");
    assert_eq!(home("index.html"), "./");
    assert_eq!(home("history/index.html"), "../");
    assert!(!site.read_output("404.html").contains("/REPO/./"));
}

/// `build`, `check` and `serve` in a folder without statuspress.toml stop at once with a hint,
/// instead of walking the folder (and, for `serve`, watching it).
#[test]
fn commands_refuse_a_folder_that_is_not_a_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("static/deep")).unwrap();
    std::fs::write(dir.path().join("static/deep/x.txt"), "x").unwrap();
    let root = dir.path().to_str().unwrap();
    for command in ["build", "check", "serve"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_statuspress"))
            .args([command, "--root", root, "--now", common::NOW])
            .args(if command == "serve" {
                &["--port", "0"][..]
            } else {
                &[]
            })
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                panic!("`{command}` did not stop in a folder without statuspress.toml");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        assert_eq!(status.code(), Some(1), "{command}: {err}");
        assert_eq!(
            err,
            format!(
                "statuspress.toml:1:1: error: cannot read statuspress.toml: the site folder has no such file\n  help: {root} is not a site folder: point --root at the site folder, or create one with `statuspress init DIR`\nerror: 1 problem found\n"
            ),
            "{command}"
        );
    }
    assert!(!dir.path().join("public").exists());
}
