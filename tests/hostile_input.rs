//! Hostile input that must cost linear time: deep raw HTML, large component groups.

mod common;

use common::{TempSite, stderr};

/// An incident whose summary and one update are the given Markdown.
fn incident(summary: &str, update: &str) -> String {
    format!(
        "+++\ntitle = \"Deep\"\nstarted = 2026-11-20T10:00:00Z\n+++\n\n{summary}\n\n## Investigating — 2026-11-20 10:05 UTC\n{update}\n"
    )
}

#[test]
fn raw_html_too_deep_to_sanitize_is_an_error_naming_the_file_and_update() {
    let site = TempSite::new();
    // About 1 MB each: nested blocks; quote markers, ampersands and `>` around one tag.
    let nested_divs = "<div>".repeat(200_000);
    let quotes = format!("{} <b>x</b>", ">".repeat(1_000_000));
    let ampersands = format!("<b>x</b> {}", "&".repeat(1_000_000));
    let greater = format!("<b>x</b> {}", ">".repeat(1_000_000));
    site.write("incidents/deep.md", &incident(&quotes, &nested_divs));
    site.write("incidents/text.md", &incident(&ampersands, &greater));
    site.write(
        "incidents/fine.md",
        &incident(
            "Some <b>bold</b> words.",
            "<details><summary>Why</summary>\n\nA deploy.\n\n</details>",
        ),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "incidents/deep.md:1:1: error: the summary has raw HTML and renders to more than 2000 tags and character references, too many to check for safety\n  help: write it in Markdown, or split the HTML into fewer, shallower elements",
        "incidents/deep.md:8:1: error: this update has raw HTML and renders to more than 2000 tags and character references, too many to check for safety\n  help: write it in Markdown, or split the HTML into fewer, shallower elements",
        "incidents/text.md:1:1: error: the summary has raw HTML",
        "incidents/text.md:8:1: error: this update has raw HTML",
        "error: 4 problems found",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    assert!(!err.contains("fine.md"), "{err}");
}
