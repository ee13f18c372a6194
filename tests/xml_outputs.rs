//! Every XML output (feeds, sitemap, badges) stays well-formed whatever the text of the site
//! holds, checked with a strict XML parser; `check` names the characters XML cannot carry.

mod common;

use common::{TempSite, stderr};
use std::path::Path;

/// Text pasted from a terminal: colour codes around a word, and a stray U+0001.
const PASTED: &str = "\u{1b}[31mERROR\u{1b}[0m upstream \u{1} reset";

/// A site with characters XML forbids in its title, a component name, and a post's title and
/// body, written both raw (in the Markdown) and as TOML escapes (in the front matter and config).
fn hostile_site() -> TempSite {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        "title = \"Acme\\u001b[0m Status\"\nbase_url = \"https://status.acme.test:8443\"\ndescription = \"Status \\uFFFF\"\n",
    );
    site.write(
        "components.toml",
        &common::COMPONENTS.replace("name = \"Website\"", "name = \"Website\\u0001\""),
    );
    site.write(
        "incidents/2026-11-20-errors.md",
        &format!(
            "+++\ntitle = \"Errors \\u001b[1m bold\"\nimpact = \"major\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n+++\nSummary \u{fffe}.\n\n## Investigating — 2026-11-20 10:05 UTC\n{PASTED}\n"
        ),
    );
    site.write(
        "maintenance/2026-11-26-db.md",
        "+++\ntitle = \"DB \u{ffff}\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"web\"]\n+++\nUpgrade.\n\n## Scheduled — 2026-11-19 10:00 UTC\nAnnounced.\n",
    );
    site
}

fn xml_outputs(public: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| {
            [".xml", ".atom", ".rss", ".svg"]
                .iter()
                .any(|x| p.ends_with(x))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_xml_output_is_well_formed_with_hostile_text() {
    let site = hostile_site();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let outputs = xml_outputs(&site.path().join("public"));
    for expected in [
        "history.atom",
        "history.rss",
        "components/api/history.atom",
        "components/api/badge.svg",
        "badge.svg",
        "sitemap.xml",
    ] {
        assert!(
            outputs.iter().any(|p| p == expected),
            "{expected} in {outputs:?}"
        );
    }
    for path in &outputs {
        let text = site.read_output(path);
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{path} is not well-formed XML: {e}\n{text}");
        }
    }
    let rss = site.read_output("history.rss");
    assert!(rss.contains("<title>Errors [1m bold</title>"), "{rss}");
    assert!(rss.contains("ERROR[0m upstream  reset"), "{rss}");
    let badge = site.read_output("components/web/badge.svg");
    assert!(
        badge.contains("aria-label=\"Website: operational\""),
        "{badge}"
    );
}

#[test]
fn check_warns_where_xml_forbidden_characters_are() {
    let site = hostile_site();
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let hint =
        "  help: delete it; text pasted from a terminal often carries invisible colour codes";
    for expected in [
        format!(
            "statuspress.toml:1:14: warning: control character U+001B: feeds, the sitemap and badges leave it out, since XML cannot hold it\n{hint}"
        ),
        format!(
            "statuspress.toml:3:23: warning: non-character U+FFFF: feeds, the sitemap and badges leave it out, since XML cannot hold it\n{hint}"
        ),
        "components.toml:12:16: warning: control character U+0001".to_string(),
        "incidents/2026-11-20-errors.md:2:17: warning: control character U+001B".to_string(),
        "incidents/2026-11-20-errors.md:7:9: warning: non-character U+FFFE".to_string(),
        "incidents/2026-11-20-errors.md:10:1: warning: control character U+001B".to_string(),
        "maintenance/2026-11-26-db.md:2:13: warning: non-character U+FFFF".to_string(),
    ] {
        assert!(
            err.contains(&expected),
            "missing:\n{expected}\n\nin:\n{err}"
        );
    }
    // One warning per line, at its first such character.
    assert_eq!(
        err.matches("incidents/2026-11-20-errors.md:10:").count(),
        1,
        "{err}"
    );
}

#[test]
fn an_escaped_backslash_or_a_literal_string_is_not_a_control_character() {
    let site = TempSite::new();
    site.write(
        "incidents/2026-11-20-paths.md",
        "+++\ntitle = \"C:\\\\u0001 and 'raw'\"\nimpact = \"minor\"\nstarted = 2026-11-20T10:00:00Z\n+++\nIn code: `\\u001b` and `\\e`.\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n",
    );
    site.write(
        "maintenance/2026-11-26-db.md",
        "+++\ntitle = 'literal \\u001b'\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\n+++\nUpgrade.\r\n\tTabbed.\r\n\r\n## Scheduled — 2026-11-19 10:00 UTC\r\nAnnounced.\r\n",
    );
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("character"), "{err}");
}

#[test]
fn the_rss_feed_links_itself_and_atom_ids_have_no_port() {
    let site = hostile_site();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rss_text = site.read_output("history.rss");
    let rss = roxmltree::Document::parse(&rss_text).unwrap();
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let channel = rss.root_element().first_element_child().unwrap();
    let self_link = channel
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")))
        .unwrap_or_else(|| panic!("no atom:link in the channel:\n{rss_text}"));
    assert_eq!(
        self_link.attribute("href"),
        Some("https://status.acme.test:8443/history.rss")
    );
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(self_link.attribute("type"), Some("application/rss+xml"));

    let atom_text = site.read_output("history.atom");
    let atom = roxmltree::Document::parse(&atom_text).unwrap();
    let ids: Vec<&str> = atom
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "id")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(ids.len(), 3, "{atom_text}");
    for id in ids {
        assert!(id.starts_with("tag:status.acme.test,2005:"), "{id}");
    }
}
