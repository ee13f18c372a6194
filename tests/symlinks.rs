//! Symbolic links in a site folder: links that stay inside the site are followed, links that
//! lead out of it are refused, so nothing outside the site is ever read, published or served.
#![cfg(unix)]

mod common;
mod serve_support;

use common::{NOW, TempSite, stderr};
use serve_support::Served;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

const SECRET: &str = "root:$6$not-for-the-web";

const HINT: &str = "  help: copy what it points to into the site folder, or remove the link; \
                    nothing outside the site folder is read";

/// A folder outside the site with a secret file and a folder holding another one.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("shadow"), SECRET).unwrap();
    fs::create_dir(dir.path().join("etc")).unwrap();
    fs::write(dir.path().join("etc/passwd"), SECRET).unwrap();
    fs::write(
        dir.path().join("post.md"),
        "+++\ntitle = \"Leaked\"\nstarted = 2026-11-20T10:00:00Z\nimpact = \"minor\"\n+++\n",
    )
    .unwrap();
    dir
}

fn link(site: &TempSite, rel: &str, to: &Path) {
    let at = site.path().join(rel);
    fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(to, at).unwrap();
}

/// `rel:1:1: error: …` for a link at `rel` that points to `to`.
fn refusal(rel: &str, to: &Path) -> String {
    format!(
        "{rel}:1:1: error: symbolic link leads outside the site folder, to {}\n{HINT}",
        to.display()
    )
}

/// A site whose `static/` and `templates/` link to a file and a folder outside it.
fn leaky_site(out: &Path) -> TempSite {
    let site = TempSite::new();
    site.write("static/ok.txt", "fine");
    link(&site, "static/shadow", &out.join("shadow"));
    link(&site, "static/etc", &out.join("etc"));
    link(&site, "templates/partials", &out.join("etc"));
    site
}

fn assert_refused(err: &str, out: &Path, links: &[&str]) {
    for (rel, to) in [
        ("static/shadow", out.join("shadow")),
        ("static/etc", out.join("etc")),
        ("templates/partials", out.join("etc")),
    ]
    .into_iter()
    .filter(|(rel, _)| links.contains(rel))
    {
        let expected = refusal(rel, &to);
        assert!(
            err.contains(&expected),
            "missing:\n{expected}\n\nin:\n{err}"
        );
    }
    assert!(!err.contains(SECRET), "{err}");
}

#[test]
fn build_refuses_links_out_of_the_site_and_publishes_nothing() {
    let out = outside();
    let site = leaky_site(out.path());
    let o = site.run(&["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_refused(
        &err,
        out.path(),
        &["static/shadow", "static/etc", "templates/partials"],
    );
    assert!(
        err.contains("error: 3 problems found; nothing was written"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn check_refuses_links_out_of_the_site() {
    let out = outside();
    let site = leaky_site(out.path());
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_refused(
        &err,
        out.path(),
        &["static/shadow", "static/etc", "templates/partials"],
    );
    assert!(err.contains("error: 3 problems found"), "{err}");
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = TempSite::new();
    site.write("assets/logo.txt", "logo");
    site.write("assets/fonts/a.txt", "font");
    link(&site, "static/logo.txt", Path::new("../assets/logo.txt"));
    link(&site, "static/fonts", &site.path().join("assets/fonts"));
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(site.read_output("logo.txt"), "logo");
    assert_eq!(site.read_output("fonts/a.txt"), "font");
}

#[test]
fn a_link_inside_a_linked_folder_is_checked_too() {
    let out = outside();
    let site = TempSite::new();
    site.write("assets/a.txt", "a");
    link(&site, "assets/shadow", &out.path().join("shadow"));
    link(&site, "static/assets", Path::new("../assets"));
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected = refusal("static/assets/shadow", &out.path().join("shadow"));
    assert!(
        err.contains(&expected),
        "missing:\n{expected}\n\nin:\n{err}"
    );
}

#[test]
fn the_static_folder_itself_may_not_lead_out_of_the_site() {
    let out = outside();
    let site = TempSite::new();
    link(&site, "static", &out.path().join("etc"));
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected = refusal("static", &out.path().join("etc"));
    assert!(
        err.contains(&expected),
        "missing:\n{expected}\n\nin:\n{err}"
    );
}

#[test]
fn a_theme_linked_from_outside_is_refused() {
    let out = outside();
    fs::create_dir_all(out.path().join("theme/templates")).unwrap();
    fs::write(out.path().join("theme/templates/404.html"), SECRET).unwrap();
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{}theme = \"borrowed\"\n", common::CONFIG),
    );
    link(&site, "themes/borrowed", &out.path().join("theme"));
    let o = site.run(&["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected = refusal("themes/borrowed", &out.path().join("theme"));
    assert!(
        err.contains(&expected),
        "missing:\n{expected}\n\nin:\n{err}"
    );
    assert!(!err.contains(SECRET), "{err}");
}

#[test]
fn posts_and_post_folders_linked_from_outside_are_refused() {
    let out = outside();
    let site = TempSite::new();
    link(&site, "incidents/leaked.md", &out.path().join("post.md"));
    link(&site, "maintenance", out.path());
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        refusal("incidents/leaked.md", &out.path().join("post.md")),
        refusal("maintenance", out.path()),
        "error: 2 problems found".to_string(),
    ] {
        assert!(
            err.contains(&expected),
            "missing:\n{expected}\n\nin:\n{err}"
        );
    }
    assert!(!err.contains("Leaked"), "{err}");
}

#[test]
fn serve_never_serves_what_a_link_out_of_the_site_points_to() {
    let out = outside();
    let site = leaky_site(out.path());
    let served = Served::start(site.path(), &["--now", NOW]);
    served.wait_for_stderr(
        &refusal("static/shadow", &out.path().join("shadow")),
        Duration::from_secs(10),
    );
    // No build has succeeded: every page is the error overlay.
    for path in ["/", "/shadow", "/etc/passwd"] {
        let resp = served.get(path);
        assert_eq!(resp.status, 500, "{path}");
        let text = resp.text();
        assert!(!text.contains(SECRET), "{path}: {text}");
        assert!(
            text.contains("symbolic link leads outside the site folder"),
            "{path}: {text}"
        );
    }
}

#[test]
fn serve_keeps_the_last_good_build_when_a_link_out_of_the_site_appears() {
    let out = outside();
    let site = TempSite::new();
    site.write("static/ok.txt", "fine");
    let served = Served::start(site.path(), &["--now", NOW]);
    assert_eq!(served.get("/ok.txt").status, 200);
    link(&site, "static/etc", &out.path().join("etc"));
    served.wait_for_stderr(
        &refusal("static/etc", &out.path().join("etc")),
        Duration::from_secs(10),
    );
    let resp = served.get("/etc/passwd");
    assert_eq!(resp.status, 404);
    assert!(!resp.text().contains(SECRET), "{}", resp.text());
    assert_eq!(served.get("/ok.txt").status, 200);
}
