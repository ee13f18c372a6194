//! A site of several languages: `languages = ["en", "de"]` publishes the default language at the
//! root and German under `/de/`, with `hreflang` alternates, a language switcher and a sitemap
//! of both, while the API, the stylesheet and the static files stay shared.

mod common;

use common::{TempSite, assert_ok, snapshot_tree, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the fixture is published: under a path, so that links must not assume the host root.
const BASE: &str = "https://status.acme.test/status";

fn config(languages: &str) -> String {
    format!(
        "title = \"Acme Status\"\nbase_url = \"{BASE}\"\ntime_zone = \"Europe/Berlin\"\n{languages}"
    )
}

const INCIDENT: &str = "+++
title = \"Elevated error rates on the API\"
impact = \"major\"
started = 2026-11-20T14:02:00Z
affected = [\"api\"]
+++

Requests to the API fail more often than usual.

## Resolved — 2026-11-20 15:30 UTC
Error rates are back to normal.

## Investigating — 2026-11-20 14:05 UTC
We are investigating elevated error rates.
";

const MAINTENANCE: &str = "+++
title = \"Database upgrade\"
start = 2026-11-30T02:00:00Z
end = 2026-11-30T04:00:00Z
affected = [\"web\"]
+++

Writes pause for a few minutes.

## Scheduled — 2026-11-22 09:00 UTC
We will upgrade the database.
";

const ANNOUNCEMENT: &str = "+++
title = \"New status emails\"
show_from = 2026-11-16T09:00:00Z
+++

Subscribe to emails on the subscribe page.
";

/// A small site in English and German: an incident, a maintenance window and an announcement.
fn site(languages: &str) -> TempSite {
    let site = TempSite::new();
    site.write("statuspress.toml", &config(languages));
    site.write("incidents/2026-11-20-api-error-rates.md", INCIDENT);
    site.write("maintenance/2026-11-30-db.md", MAINTENANCE);
    site.write("announcements/2026-11-16-emails.md", ANNOUNCEMENT);
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

const BOTH: &str = "languages = [\"en\", \"de\"]\n";

fn built(languages: &str) -> TempSite {
    let site = site(languages);
    let o = site.run(&["build"]);
    assert_ok(&o);
    site
}

/// The pages of a built folder (their files), by path relative to it.
fn pages(out: &Path) -> BTreeMap<String, String> {
    snapshot_tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The values of `attribute` of every `<tag …>` of `html` that has `marker` in it.
fn attributes(html: &str, tag: &str, marker: &str, attribute: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in html.match_indices(&format!("<{tag} ")) {
        let element = &html[at..at + html[at..].find('>').unwrap()];
        if !element.contains(marker) {
            continue;
        }
        let name = format!(" {attribute}=\"");
        if let Some(i) = element.find(&name) {
            let value = &element[i + name.len()..];
            out.push(value[..value.find('"').unwrap()].to_string());
        }
    }
    out
}

/// The file of the built folder an absolute address of the site names.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix(&format!("{BASE}/"))
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn every_page_has_a_german_twin_under_de_with_reciprocal_alternates() {
    let site = built(BOTH);
    let out = site.path().join("public");
    let pages = pages(&out);
    let english: Vec<&String> = pages
        .keys()
        .filter(|p| !p.starts_with("de/") && !p.starts_with("embed/") && *p != "404.html")
        .collect();
    assert!(english.len() > 10, "{english:?}");
    for page in english {
        let german = format!("de/{page}");
        let html = &pages[page];
        let de = pages
            .get(&german)
            .unwrap_or_else(|| panic!("{page} has no German version"));
        assert!(html.contains("<html lang=\"en\""), "{page}");
        assert!(de.contains("<html lang=\"de\""), "{german}");
        for (path, text) in [(page, html), (&german, de)] {
            let hreflang = attributes(text, "link", "hreflang", "hreflang");
            assert_eq!(hreflang, ["en", "de", "x-default"], "{path}");
            let hrefs = attributes(text, "link", "hreflang", "href");
            let files: Vec<String> = hrefs.iter().map(|h| file_of(h)).collect();
            assert_eq!(
                files,
                [page.clone(), german.clone(), page.clone()],
                "{path}"
            );
            // Each alternate names this page back.
            for file in &files {
                let back = attributes(&pages[file], "link", "hreflang", "href");
                assert_eq!(back, hrefs, "{file} and {path} disagree");
            }
        }
    }
    // The German pages read in German, the English ones in English.
    let index = &pages["de/index.html"];
    assert!(index.contains(">Komponenten</h2>"), "{index}");
    assert!(pages["index.html"].contains(">Components</h2>"));
    assert!(
        pages["de/history/index.html"].contains("<a href=\"../\">Aktueller Status</a>"),
        "{}",
        pages["de/history/index.html"]
    );
}

#[test]
fn the_switcher_names_each_language_in_itself_and_leads_to_the_same_page() {
    let site = built(BOTH);
    let out = site.path().join("public");
    let pages = pages(&out);
    // The embed is a widget inside other sites' pages, in the language of its folder, without
    // a switcher.
    for (path, html) in pages.iter().filter(|(p, _)| !p.contains("embed/")) {
        let current = if path.starts_with("de/") { "de" } else { "en" };
        let nav = &html[html
            .find("<nav class=\"langs\"")
            .unwrap_or_else(|| panic!("{path}"))..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        let label = if current == "de" {
            "Sprachen"
        } else {
            "Languages"
        };
        assert!(
            nav.contains(&format!("aria-label=\"{label}\"")),
            "{path}: {nav}"
        );
        let (own, other, other_name) = if current == "de" {
            ("Deutsch", "en", "English")
        } else {
            ("English", "de", "Deutsch")
        };
        assert!(
            nav.contains(&format!(
                "<span aria-current=\"true\" lang=\"{current}\">{own}</span>"
            )),
            "{path}: {nav}"
        );
        let links = attributes(nav, "a", "hreflang", "href");
        assert_eq!(links.len(), 1, "{path}: {nav}");
        assert!(
            nav.contains(&format!(
                "hreflang=\"{other}\" lang=\"{other}\">{other_name}</a>"
            )),
            "{path}: {nav}"
        );
        if path == "404.html" {
            // Served at any address: it links from the base path to each language's index.
            assert_eq!(links, ["/status/de/"], "{nav}");
            continue;
        }
        let target = Path::new(path).parent().unwrap().join(&links[0]);
        let mut target = out.join(target);
        if links[0].ends_with('/') {
            target = target.join("index.html");
        }
        let target = target
            .canonicalize()
            .unwrap_or_else(|_| panic!("{path} → {target:?}"));
        let twin = if current == "de" {
            path.strip_prefix("de/").unwrap().to_string()
        } else {
            format!("de/{path}")
        };
        assert_eq!(target, out.join(twin).canonicalize().unwrap(), "{path}");
    }
}

#[test]
fn shared_files_stay_at_the_root_and_the_texts_go_with_each_language() {
    let site = built(BOTH);
    let out = site.path().join("public");
    for shared in [
        "style.css",
        "robots.txt",
        "sitemap.xml",
        "404.html",
        "logo.svg",
        "api",
    ] {
        assert!(out.join(shared).exists(), "{shared}");
        assert!(
            !out.join("de").join(shared).exists(),
            "de/{shared} is a copy"
        );
    }
    let de = |p: &str| site.read_output(&format!("de/{p}"));
    let page = de("incidents/2026-11-20-api-error-rates/index.html");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"../../../style.css\">"),
        "{page}"
    );
    assert!(
        page.contains("<script src=\"../../times.js\"></script>"),
        "{page}"
    );
    assert!(de("times.js").contains("Zeiten in UTC anzeigen"));
    assert!(site.read_output("times.js").contains("Show times in UTC"));
    let index = de("index.html");
    assert!(
        index.contains("data-status-url=\"../api/v2/status.json\""),
        "{index}"
    );
    assert!(index.contains("<img src=\"../logo.svg\"") || !index.contains("logo.svg"));
    // Feeds, the calendar and badges carry words: each language has its own.
    assert!(
        de("history.atom").contains("Störungsverlauf"),
        "{}",
        de("history.atom")
    );
    assert!(
        de("history.atom").contains(&format!("{BASE}/de/incidents/2026-11-20-api-error-rates/"))
    );
    assert!(de("maintenance.ics").contains(&format!("{BASE}/de/maintenance/2026-11-30-db/")));
    assert!(de("badge.svg").contains("Status"));
    assert!(de("embed/index.html").contains(&format!("href=\"{BASE}/de/\"")));
    // The sitemap lists every page of both languages, each with its alternates, and each exists.
    let sitemap = site.read_output("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(
        locs.iter()
            .any(|l| l.ends_with("/de/incidents/2026-11-20-api-error-rates/"))
    );
    assert_eq!(
        locs.iter().filter(|l| l.contains("/de/")).count() * 2,
        locs.len(),
        "{sitemap}"
    );
    for loc in locs {
        assert!(out.join(file_of(loc)).is_file(), "{loc}");
    }
    assert_eq!(
        sitemap.matches("hreflang=\"x-default\"").count(),
        sitemap.matches("<url>").count()
    );
}

#[test]
fn the_api_and_the_site_of_one_language_do_not_change_with_another_language() {
    let one = built("language = \"en\"\n");
    let two = built(BOTH);
    let api = |s: &TempSite| snapshot_tree(&s.path().join("public/api"));
    assert_eq!(api(&one), api(&two));
    let root = |s: &TempSite, p: &str| std::fs::read(s.path().join("public").join(p)).unwrap();
    for shared in ["style.css", "robots.txt", "api/uptime.json", "logo.svg"] {
        if shared == "style.css" {
            // The switcher's few rules come only with a second language.
            assert!(
                !String::from_utf8(root(&one, shared))
                    .unwrap()
                    .contains("nav.langs")
            );
            continue;
        }
        assert_eq!(root(&one, shared), root(&two, shared), "{shared}");
    }
    let index = one.read_output("index.html");
    assert!(
        !index.contains("hreflang") && !index.contains("class=\"langs\""),
        "{index}"
    );
}

#[test]
fn two_builds_are_identical_and_every_relative_link_reaches_a_built_file() {
    let a = built(BOTH);
    let b = built(BOTH);
    assert_eq!(
        snapshot_tree(&a.path().join("public")),
        snapshot_tree(&b.path().join("public"))
    );
    let (checked, broken) = common::broken_links(&a.path().join("public"));
    assert!(checked > 200, "only {checked} links found");
    assert!(
        broken.is_empty(),
        "links to nothing:\n{}",
        broken.join("\n")
    );
}

#[test]
fn check_reports_languages_that_disagree_repeat_or_are_no_tags_at_their_line() {
    let wrong = site("language = \"de\"\nlanguages = [\"en\", \"de\", \"de\", \"de_AT\"]\n");
    let o = wrong.run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for expected in [
        "statuspress.toml:4:12: error: `language` is `de`, but `languages` starts with `en`\n  help: the first of `languages` is the default language: remove `language`, or make it language = \"en\"",
        "statuspress.toml:5:26: error: `de` is listed twice in `languages`",
        "statuspress.toml:5:32: error: `de_AT` is not a language tag",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    let swedish = site("languages = [\"en\", \"sv\"]\n");
    let o = swedish.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("statuspress.toml:4:20: warning: `sv` has no built-in table and no i18n/sv.toml: the pages read in English"),
        "{}",
        stderr(&o)
    );
}

/// The German text of the fixture's incident: its title, summary and the resolution, but not
/// the first update.
const INCIDENT_DE: &str = "+++
title = \"Erhöhte Fehlerraten der API\"
impact = \"major\"
+++

Anfragen an die API schlagen häufiger fehl als sonst.

## Resolved — 2026-11-20 15:30 UTC
Die Fehlerraten sind wieder normal.
";

/// The fixture with German translations: a sibling file for the incident, the maintenance
/// window's title in its own front matter, and the API component's name.
fn translated() -> TempSite {
    let site = site(BOTH);
    site.write("incidents/2026-11-20-api-error-rates.de.md", INCIDENT_DE);
    site.write(
        "maintenance/2026-11-30-db.md",
        &MAINTENANCE.replace(
            "title = \"Database upgrade\"",
            "title.en = \"Database upgrade\"\ntitle.de = \"Datenbank-Upgrade\"",
        ),
    );
    site.write(
        "components.toml",
        &common::COMPONENTS.replace(
            "name = \"API\"",
            "name.en = \"API\"\nname.de = \"Schnittstelle\"",
        ),
    );
    site
}

/// The `<main>` of a built page.
fn main_of(html: &str) -> &str {
    &html[html.find("<main").unwrap()..html.find("</main>").unwrap()]
}

#[test]
fn a_translated_post_reads_in_german_and_what_is_not_translated_says_so() {
    let site = translated();
    let o = site.run(&["build"]);
    assert_ok(&o);
    // `check` and `build` say what the translation leaves out.
    assert!(
        stderr(&o).contains("incidents/2026-11-20-api-error-rates.de.md:1:1: warning: the update at line 13 of incidents/2026-11-20-api-error-rates.md is not translated here"),
        "{}",
        stderr(&o)
    );
    let de = site.read_output("de/incidents/2026-11-20-api-error-rates/index.html");
    let page = main_of(&de);
    assert!(
        page.contains("<h1>Erhöhte Fehlerraten der API</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<p>Anfragen an die API schlagen häufiger fehl als sonst.</p>"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"body\"><p>Die Fehlerraten sind wieder normal.</p>"),
        "{page}"
    );
    // The update nobody translated keeps its English text, marked as English, with a note.
    assert!(
        page.contains(
            "<div class=\"body\" lang=\"en\"><p>We are investigating elevated error rates.</p>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"meta untranslated\">Teile dieses Beitrags sind nur auf Englisch verfügbar.</p>"),
        "{page}"
    );
    assert!(page.contains(">Schnittstelle</a>"), "{page}");
    // Facts come from the original: the same times and statuses in German words.
    assert!(
        page.contains("<span class=\"tag\">Behoben</span>"),
        "{page}"
    );
    // The announcement nobody translated is all English, marked and noted.
    let notice =
        main_of(&site.read_output("de/announcements/2026-11-16-emails/index.html")).to_string();
    assert!(
        notice.contains("<h1 lang=\"en\">New status emails</h1>"),
        "{notice}"
    );
    assert!(
        notice.contains(
            "<p class=\"meta untranslated\">Dieser Beitrag ist nur auf Englisch verfügbar.</p>"
        ),
        "{notice}"
    );
    assert!(
        notice.contains("<div class=\"body\" lang=\"en\">"),
        "{notice}"
    );
    // A title translated in the post's own front matter.
    let window = site.read_output("de/maintenance/2026-11-30-db/index.html");
    assert!(
        main_of(&window).contains("<h1>Datenbank-Upgrade</h1>"),
        "{window}"
    );
    assert!(
        main_of(&window).contains("<div class=\"body\" lang=\"en\"><p>Writes pause"),
        "{window}"
    );
    let index = site.read_output("de/index.html");
    assert!(index.contains(">Datenbank-Upgrade</a>"), "{index}");
    assert!(index.contains(">Schnittstelle</a>"), "{index}");
    // The English pages are the originals, without notes.
    let en = site.read_output("incidents/2026-11-20-api-error-rates/index.html");
    assert!(
        main_of(&en).contains("<h1>Elevated error rates on the API</h1>"),
        "{en}"
    );
    for page in [&en, &site.read_output("index.html")] {
        let page = main_of(page);
        assert!(
            !page.contains("untranslated") && !page.contains(" lang=\"en\""),
            "{page}"
        );
        assert!(
            !page.contains("Schnittstelle") && !page.contains("Datenbank"),
            "{page}"
        );
    }
    // The German feed carries the German texts.
    let feed = site.read_output("de/history.atom");
    assert!(feed.contains("Erhöhte Fehlerraten der API"), "{feed}");
}

#[test]
fn a_translation_is_no_post_of_its_own_and_leaves_the_api_as_it_was() {
    let plain = built(BOTH);
    let site = translated();
    assert_ok(&site.run(&["build"]));
    let out = site.path().join("public");
    assert!(!out.join("incidents/2026-11-20-api-error-rates.de").exists());
    assert!(
        !out.join("de/incidents/2026-11-20-api-error-rates.de")
            .exists()
    );
    let api = |s: &TempSite| snapshot_tree(&s.path().join("public/api"));
    // The API is in the default language: the translations change nothing in it.
    let (before, after) = (api(&plain), api(&site));
    let names: Vec<&String> = after.iter().map(|(p, _)| p).collect();
    assert_eq!(before.iter().map(|(p, _)| p).collect::<Vec<_>>(), names);
    let incidents = |tree: &[(String, Vec<u8>)]| {
        let (_, bytes) = tree.iter().find(|(p, _)| p == "v2/incidents.json").unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    assert_eq!(incidents(&before), incidents(&after));
    assert!(!incidents(&after).contains("Erhöhte"));
    assert_eq!(
        site.read_output("history.atom").matches("<entry>").count(),
        plain.read_output("history.atom").matches("<entry>").count()
    );
    let (checked, broken) = common::broken_links(&out);
    assert!(
        checked > 200 && broken.is_empty(),
        "{checked} links, broken: {broken:?}"
    );
}

#[test]
fn check_reports_translations_that_change_facts_or_translate_nothing_at_their_line() {
    let site = translated();
    site.write(
        "incidents/2026-11-20-api-error-rates.de.md",
        &(INCIDENT_DE
            .replace(
                "impact = \"major\"",
                "impact = \"minor\"\naffected = [\"web\"]",
            )
            .replace(
                "## Resolved — 2026-11-20 15:30 UTC",
                "## Monitoring — 2026-11-20 15:30 UTC",
            )
            + "\n## Update — 2026-11-20 14:10 UTC\nNeu.\n"),
    );
    site.write(
        "incidents/2026-11-22-nothing.de.md",
        "+++\ntitle = \"Nichts\"\n+++\n",
    );
    site.write(
        "maintenance/2026-11-30-db.fr.md",
        "+++\ntitle = \"Mise à niveau\"\n+++\n",
    );
    site.write(
        "maintenance/2026-11-30-db.de.md",
        "+++\ntitle = \"Datenbank-Aktualisierung\"\nend = 2026-11-30T05:00:00Z\n+++\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let original = "incidents/2026-11-20-api-error-rates.md";
    for expected in [
        format!("incidents/2026-11-20-api-error-rates.de.md:3:10: error: `impact` is `minor` here but `major` in {original}: a translation cannot change the facts\n  help: remove `impact` from this file (a translation takes every fact from {original}), or correct it there"),
        format!("incidents/2026-11-20-api-error-rates.de.md:4:12: error: `affected` is [web] here but [api] in {original}"),
        format!("incidents/2026-11-20-api-error-rates.de.md:9:4: error: this update is `monitoring` here but `resolved` in {original} (line 10)"),
        format!("incidents/2026-11-20-api-error-rates.de.md:12:4: error: {original} has no update at 2026-11-20 14:10 UTC: a translation pairs each update with the original's by its time"),
        "incidents/2026-11-22-nothing.de.md:1:1: error: there is no incident `2026-11-22-nothing` for this file to translate".to_string(),
        "maintenance/2026-11-30-db.fr.md:1:1: error: `fr` is not one of the site's languages (en, de)\n  help: add \"fr\" to `languages` in statuspress.toml, or remove this file".to_string(),
        "maintenance/2026-11-30-db.de.md:2:9: error: the title in `de` is also given in maintenance/2026-11-30-db.md (`title.de`)".to_string(),
        "maintenance/2026-11-30-db.de.md:3:7: error: `end` is 2026-11-30T05:00:00Z here but 2026-11-30T04:00:00Z in maintenance/2026-11-30-db.md".to_string(),
    ] {
        assert!(err.contains(&expected), "{expected}\n\n{err}");
    }
    // A build refuses the same and leaves nothing behind.
    assert_eq!(site.run(&["build"]).status.code(), Some(1));
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_title_by_language_needs_the_default_and_the_site_s_languages() {
    let site = site("language = \"en\"\n");
    site.write(
        "incidents/2026-11-20-api-error-rates.md",
        &INCIDENT.replace(
            "title = \"Elevated error rates on the API\"",
            "title.en = \"Elevated error rates on the API\"\ntitle.de = \"Fehler\"",
        ),
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("incidents/2026-11-20-api-error-rates.md:2:1: error: `title` is given by language, but the site has one language"),
        "{err}"
    );
    site.write("statuspress.toml", &config(BOTH));
    site.write(
        "incidents/2026-11-20-api-error-rates.md",
        &INCIDENT.replace(
            "title = \"Elevated error rates on the API\"",
            "title.de = \"Fehler\"\ntitle.fr = \"Erreurs\"",
        ),
    );
    let err = stderr(&site.run(&["check"]));
    for expected in [
        "incidents/2026-11-20-api-error-rates.md:2:1: error: `title` has no text in the default language, `title.en`",
        "incidents/2026-11-20-api-error-rates.md:3:1: error: `title.fr`: `fr` is not one of the site's languages (en, de)",
    ] {
        assert!(err.contains(expected), "{expected}\n\n{err}");
    }
    // `title = "…"` beside `title.de` is no TOML: the hint says how to write both.
    site.write(
        "incidents/2026-11-20-api-error-rates.md",
        &INCIDENT.replace(
            "title = \"Elevated error rates on the API\"",
            "title = \"Elevated error rates on the API\"\ntitle.de = \"Fehler\"",
        ),
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("incidents/2026-11-20-api-error-rates.md:3:1: error: cannot extend value of type string with a dotted key\n  help: `title` is one text already: to give it by language, write the default language's as a dotted key too, e.g. `title.en = \"…\"` beside `title.de = \"…\"`"),
        "{err}"
    );
}

#[test]
fn new_update_and_resolve_write_the_original_and_the_translation_follows() {
    let site = translated();
    let o = site.run(&[
        "new",
        "incident",
        "Login failures",
        "--impact",
        "minor",
        "--affects",
        "web",
        "--message",
        "We are looking into it.",
        "--now",
        "2026-11-23T10:00:00Z",
    ]);
    assert_ok(&o);
    let path = std::path::PathBuf::from(common::stdout(&o).trim());
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let sibling = path.with_file_name(format!("{id}.de.md"));
    let german = "+++\ntitle = \"Anmeldefehler\"\n+++\n\n## Investigating — 2026-11-23 10:00 UTC\nWir sehen uns das an.\n";
    std::fs::write(&sibling, german).unwrap();
    for args in [
        &[
            "update",
            &id,
            "--status",
            "identified",
            "--message",
            "Found it.",
            "--now",
            "2026-11-23T10:30:00Z",
        ][..],
        &["resolve", &id, "--now", "2026-11-23T11:00:00Z"][..],
    ] {
        assert_ok(&site.run(args));
    }
    let original = std::fs::read_to_string(&path).unwrap();
    assert!(
        original.contains("## Identified — 2026-11-23 10:30 UTC\nFound it."),
        "{original}"
    );
    assert!(
        original.contains("## Resolved — 2026-11-23 11:00 UTC"),
        "{original}"
    );
    assert_eq!(std::fs::read_to_string(&sibling).unwrap(), german);
    let o = site.run(&["build"]);
    assert_ok(&o);
    let page = site.read_output(&format!("de/incidents/{id}/index.html"));
    let page = main_of(&page);
    assert!(page.contains("<h1>Anmeldefehler</h1>"), "{page}");
    assert!(
        page.contains("<div class=\"body\"><p>Wir sehen uns das an.</p>"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"body\" lang=\"en\"><p>Found it.</p>"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"tag\">Behoben</span>"),
        "{page}"
    );
}

#[test]
fn the_site_title_and_description_read_in_each_language_and_the_api_keeps_the_default() {
    let site = site(BOTH);
    site.write(
        "statuspress.toml",
        &format!(
            "title.en = \"Acme Status\"\ntitle.de = \"Acme Statusseite\"\n\
             description.en = \"Is Acme up?\"\ndescription.de = \"Läuft Acme?\"\n\
             base_url = \"{BASE}\"\ntime_zone = \"Europe/Berlin\"\n{BOTH}"
        ),
    );
    assert_ok(&site.run(&["build"]));
    let out = site.path().join("public");
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let (en, de) = (read("index.html"), read("de/index.html"));
    assert!(en.contains("<title>Acme Status"), "{en}");
    assert!(en.contains("content=\"Is Acme up?\""), "{en}");
    assert!(!en.contains("Acme Statusseite"), "{en}");
    assert!(de.contains("<title>Acme Statusseite"), "{de}");
    assert!(de.contains("content=\"Läuft Acme?\""), "{de}");
    assert!(read("de/history.atom").contains("Acme Statusseite"));
    // The API names the page in the default language.
    let summary = read("api/v2/summary.json");
    assert!(summary.contains("\"name\":\"Acme Status\""), "{summary}");

    // A title in a language the site does not publish is an error at its line.
    site.write(
        "statuspress.toml",
        &format!(
            "title.en = \"Acme Status\"\ntitle.fr = \"Statut Acme\"\nbase_url = \"{BASE}\"\n{BOTH}"
        ),
    );
    let o = site.run(&["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("statuspress.toml:2:1: error: `title.fr`: `fr` is not one of the site's languages (en, de)"),
        "{}",
        stderr(&o)
    );
}
