//! A template that includes, extends or imports itself, directly or through others, is an
//! error naming it: never a stack overflow of `build`, `check` or `serve`.

mod common;
mod serve_support;

use common::{NOW, TempSite, stderr, stdout};
use serve_support::Served;
use std::time::Duration;

const SELF_INCLUDE: &str = "<p>\n  {% include \"index.html\" %}\n</p>\n";

fn assert_fails_with(o: &std::process::Output, expected: &[&str]) {
    assert_eq!(o.status.code(), Some(1), "stdout:\n{}", stdout(o));
    let err = stderr(o);
    for e in expected {
        assert!(err.contains(e), "missing:\n{e}\n\nin:\n{err}");
    }
}

#[test]
fn a_template_that_includes_itself_is_an_error_in_build_and_check() {
    let site = TempSite::new();
    site.write("templates/index.html", SELF_INCLUDE);
    for command in ["build", "check"] {
        assert_fails_with(
            &site.run(&[command]),
            &[
                "templates/index.html:2:14: error: template recursion: index.html includes index.html\n  help: a template cannot include, extend or import itself, directly or through others; remove this reference (a built-in stays reachable as `builtin/NAME`)",
                "error: 1 problem found",
            ],
        );
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn templates_that_include_or_import_each_other_are_one_error() {
    let site = TempSite::new();
    site.write("templates/index.html", "{% include \"a.html\" %}");
    site.write("templates/a.html", "A {% include 'b.html' %}");
    site.write(
        "templates/b.html",
        "B\n{% if true %}{% include \"a.html\" %}{% endif %}",
    );
    site.write(
        "templates/m.html",
        "{% import \"n.html\" as n %}{% macro x() %}{% endmacro x %}",
    );
    site.write(
        "templates/n.html",
        "{% import \"m.html\" as m %}{% macro y() %}{% endmacro y %}",
    );
    assert_fails_with(
        &site.run(&["check"]),
        &[
            "templates/a.html:1:14: error: template recursion: a.html includes b.html, which includes a.html",
            "templates/m.html:1:11: error: template recursion: m.html imports n.html, which imports m.html",
            "error: 2 problems found",
        ],
    );
}

#[test]
fn serve_shows_template_recursion_and_keeps_running() {
    let site = TempSite::new();
    let served = Served::start(site.path(), &["--now", NOW]);
    assert_eq!(served.get("/").status, 200);
    site.write("templates/index.html", SELF_INCLUDE);
    let index = served.get_until("/", Duration::from_secs(20), |r| {
        r.text()
            .contains("template recursion: index.html includes index.html")
    });
    assert_eq!(index.status, 200);
    site.write("templates/index.html", "<p>fixed</p>");
    served.get_until("/", Duration::from_secs(20), |r| {
        r.text().contains("<p>fixed</p>")
    });
}

#[test]
fn a_macro_that_always_calls_itself_is_an_error_not_a_crash() {
    let site = TempSite::new();
    site.write(
        "templates/runaway.html",
        "{% macro down(n) %}\n  {{ self::down(n=n) }}\n{% endmacro down %}\n",
    );
    for command in ["build", "check"] {
        let o = site.run(&[command]);
        assert_eq!(o.status.code(), Some(1), "{command}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(
                "templates/runaway.html:1:4: error: template recursion: macro `down` calls itself every time it runs"
            ),
            "{command}: {}",
            stderr(&o)
        );
    }
}
