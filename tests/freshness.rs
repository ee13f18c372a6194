//! Every page says when it was built; the index and the embed carry the refresh script, which
//! reads the build and what `api/v2/status.json` said from the page's own attributes. Every
//! time on every page reads the same way, in the site's zone, and the pages carry the script
//! that shows them in UTC instead.

mod common;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use statuspress::build::{Input, Target, run};
use statuspress::load::{Sources, parse};
use statuspress::output::Output;
use std::path::PathBuf;

const OPEN: &str = "+++\ntitle = \"Elevated error rates on the API\"\nimpact = \"major\"\nstarted = 2026-11-23T09:02:00Z\naffected = [\"api\"]\n+++\n\n## Identified — 2026-11-23 09:40 UTC\nA faulty deploy is being rolled back.\n";
const WINDOW: &str = "+++\ntitle = \"Database upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"core\"]\n+++\n\n## Scheduled — 2026-11-19 10:00 UTC\nWe will upgrade the database.\n";

const SCRIPT: &str = "<script data-statuspress-refresh ";

/// The pages that only say when they were built.
const OTHER_PAGES: &[&str] = &[
    "incidents/2026-11-23-api-errors/index.html",
    "maintenance/2026-11-26-db-upgrade/index.html",
    "components/api/index.html",
    "history/index.html",
    "history/2026/11/index.html",
    "stats/index.html",
    "subscribe/index.html",
    "404.html",
];

fn rendered(extra_config: &str, preview: bool) -> Output {
    let site = parse(Sources {
        config: format!("{}{extra_config}", common::CONFIG),
        components: common::COMPONENTS.to_string(),
        incidents: vec![(
            PathBuf::from("incidents/2026-11-23-api-errors.md"),
            OPEN.to_string(),
        )],
        maintenance: vec![(
            PathBuf::from("maintenance/2026-11-26-db-upgrade.md"),
            WINDOW.to_string(),
        )],
        ..Sources::default()
    })
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let mut output = Output::new();
    let target = if preview {
        Target::Preview(&mut output, None)
    } else {
        Target::Memory(&mut output)
    };
    run(Input::Site(Box::new(site)), now, target).unwrap();
    output
}

fn page<'a>(out: &'a Output, path: &str) -> &'a str {
    out.text(path)
        .unwrap_or_else(|| panic!("{path} was not rendered"))
}

/// The `<html ...>` start tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("an <html> tag");
    &page[start..start + page[start..].find('>').unwrap() + 1]
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    &tag[at..at + tag[at..].find('"').unwrap()]
}

/// The path a relative link on the page at `page` (a file path) leads to.
fn resolve(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        if part == ".." {
            assert!(
                parts.pop().is_some(),
                "{link} climbs above the root from {page}"
            );
        } else {
            parts.push(part);
        }
    }
    parts.join("/")
}

const STAMP: &str = "<p class=\"stamp\">Updated <time datetime=\"2026-11-23T12:00:00Z\" title=\"23 Nov 2026, 12:00 UTC\">23 Nov 2026, 13:00 CET (UTC+1)</time></p>";

#[test]
fn every_page_says_when_it_was_built_and_carries_what_status_json_said() {
    let out = rendered("", false);
    let status: Value = serde_json::from_str(page(&out, "api/v2/status.json")).unwrap();
    assert_eq!(status["status"]["indicator"], "major");
    let updated = status["page"]["updated_at"].as_str().unwrap();
    assert_eq!(updated, "2026-11-23T09:40:00.000Z");
    for path in ["index.html", "embed/index.html"].iter().chain(OTHER_PAGES) {
        let html = page(&out, path);
        assert_eq!(html.matches(STAMP).count(), 1, "{path}: one stamp");
        let tag = html_tag(html);
        assert_eq!(attr(tag, "data-built"), "2026-11-23T12:00:00Z", "{path}");
        assert_eq!(attr(tag, "data-stale-after"), "60", "{path}");
        assert_eq!(attr(tag, "data-status-indicator"), "major", "{path}");
        assert_eq!(attr(tag, "data-page-updated"), updated, "{path}");
        // Said once, at the top: not again in the footer.
        assert!(!html.contains("Page generated"), "{path}");
    }
    let index = page(&out, "index.html");
    assert!(
        index.find(STAMP).unwrap() < index.find("class=\"banner").unwrap(),
        "the stamp comes before the status banner"
    );
    let embed = page(&out, "embed/index.html");
    assert!(
        embed.find(STAMP).unwrap() < embed.find("<ul>").unwrap(),
        "the embed's stamp comes before its list of incidents"
    );
}

#[test]
fn the_index_and_the_embed_carry_the_refresh_script_with_a_root_relative_status_url() {
    let out = rendered("", false);
    for (path, status_url) in [
        ("index.html", "api/v2/status.json"),
        ("embed/index.html", "../api/v2/status.json"),
    ] {
        let html = page(&out, path);
        assert_eq!(html.matches(SCRIPT).count(), 1, "{path}");
        let script = &html[html.find(SCRIPT).unwrap()..];
        let tag = &script[..script.find('>').unwrap() + 1];
        assert_eq!(attr(tag, "data-status-url"), status_url, "{path}");
        // The link leads, from the page's folder, to the file the build wrote.
        let resolved = resolve(path, status_url);
        assert_eq!(resolved, "api/v2/status.json", "{path}");
        assert!(out.get(&resolved).is_some(), "{path}: {resolved} missing");
        // It reads what it compares from the page, so it holds no build value of its own.
        assert!(!script.contains("2026-"), "{path}");
        assert!(script.find("</script>").unwrap() < script.find("</body>").unwrap());
    }
    for path in OTHER_PAGES {
        assert!(
            !page(&out, path).contains("data-statuspress-refresh"),
            "{path}"
        );
    }
}

#[test]
fn auto_refresh_false_and_the_preview_leave_the_script_out_but_keep_the_stamp() {
    let off = rendered("stale_after_minutes = 15\nauto_refresh = false\n", false);
    let preview = rendered("", true);
    for (out, stale_after) in [(&off, "15"), (&preview, "60")] {
        for path in ["index.html", "embed/index.html"].iter().chain(OTHER_PAGES) {
            let html = page(out, path);
            assert!(!html.contains("data-statuspress-refresh"), "{path}");
            assert!(html.contains(STAMP), "{path}");
            assert_eq!(attr(html_tag(html), "data-stale-after"), stale_after);
        }
    }
    // Only the script differs between the published site and the preview.
    let published = rendered("", false);
    let index = page(&published, "index.html");
    let start = index.find(SCRIPT).unwrap();
    let end = start + index[start..].find("</script>\n").unwrap() + "</script>\n".len();
    assert_eq!(
        format!("{}{}", &index[..start], &index[end..]),
        page(&preview, "index.html")
    );
}

/// The example site built in memory at the tests' clock.
fn example() -> Output {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let mut output = Output::new();
    let folder = common::repo().join("content");
    run(Input::Folder(&folder), now, Target::Memory(&mut output)).unwrap();
    output
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The ways a page may write `t` in `tz`: date and time or the time alone, each with the
/// zone's abbreviation, and with its UTC offset after it or not.
fn forms(t: DateTime<Utc>, tz: Tz) -> Vec<String> {
    let l = t.with_timezone(&tz);
    let time = format!("{:02}:{:02} {}", l.hour(), l.minute(), l.offset());
    let date = format!("{} {} {}", l.day(), MONTHS[l.month0() as usize], l.year());
    let hours = chrono::Offset::fix(l.offset()).local_minus_utc() / 3600;
    let offset = format!(" (UTC+{hours})");
    let dated = format!("{date}, {time}");
    vec![
        dated.clone(),
        format!("{dated}{offset}"),
        time.clone(),
        format!("{time}{offset}"),
    ]
}

#[test]
fn every_time_on_every_page_reads_the_same_way_in_the_site_zone() {
    let out = example();
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let time = regex::Regex::new(r#"<time datetime="([^"]+Z)"[^>]*>([^<]*)</time>"#).unwrap();
    let clock_12h = regex::Regex::new(r"(?i)\b\d{1,2}(:\d{2})?\s?[AP]\.?M\b").unwrap();
    let (mut pages, mut times) = (0, 0);
    for (path, bytes) in out.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        pages += 1;
        assert!(
            !clock_12h.is_match(html),
            "{path}: {:?}",
            clock_12h.find(html)
        );
        for c in time.captures_iter(html) {
            let t = DateTime::parse_from_rfc3339(&c[1]).unwrap().to_utc();
            let forms = forms(t, berlin);
            assert!(
                forms.iter().any(|f| f == &c[2]),
                "{path}: {:?} for {t}, not one of {forms:?}",
                &c[2]
            );
            times += 1;
        }
        if !path.starts_with("embed/") {
            assert!(
                html.contains("<span id=\"tz-note\">Times are in Europe/Berlin time: CET (UTC+1) or CEST (UTC+2).</span>"),
                "{path}"
            );
        }
    }
    assert!(pages >= 40 && times >= 300, "{pages} pages, {times} times");
    // Where a reader must not guess the offset: when the page was built, and when the open
    // incident's next update is due.
    let index = page(&out, "index.html");
    assert!(
        index.contains(">23 Nov 2026, 13:00 CET (UTC+1)</time>"),
        "the stamp"
    );
    assert!(index.contains("Next update by <time datetime=\"2026-11-23T13:00:00Z\" title=\"23 Nov 2026, 13:00 UTC\">14:00 CET (UTC+1)</time>"));
    // Summer times name their own zone.
    let july = page(
        &out,
        "incidents/2026-07-08-storage-outage-eu-central/index.html",
    );
    assert!(
        july.contains(">8 Jul 2026, 11:12 CEST (UTC+2)</time>"),
        "{july}"
    );
}

#[test]
fn pages_share_the_time_script_and_the_404_page_carries_it_inline() {
    let out = rendered("", false);
    let script = page(&out, "times.js");
    assert!(script.contains("Show times in UTC") && script.contains("aria-pressed"));
    // Served at any address, the 404 page cannot link a file relative to itself.
    let html = page(&out, "404.html");
    assert_eq!(
        html.matches("<script>/* Optional: a button beside the stamp")
            .count(),
        1
    );
    assert!(
        html.contains(script.trim()),
        "the script as times.js has it"
    );
    assert!(!html.contains("times.js"));
    for path in ["index.html"]
        .iter()
        .chain(OTHER_PAGES.iter().filter(|p| **p != "404.html"))
    {
        let html = page(&out, path);
        let at = html
            .find("<script src=\"")
            .unwrap_or_else(|| panic!("{path}: no script"));
        let src = &html[at + "<script src=\"".len()..];
        let src = &src[..src.find('"').unwrap()];
        assert_eq!(resolve(path, src), "times.js", "{path}");
        assert!(html[at..].starts_with(&format!("<script src=\"{src}\"></script>")));
    }
    // The embed, in each of its variants, keeps to its status.
    let embeds: Vec<&str> = out
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("embed/"))
        .collect();
    assert!(embeds.len() >= 3, "{embeds:?}");
    for path in embeds {
        assert!(!page(&out, path).contains("times.js"), "{path}");
        assert!(!page(&out, path).contains("Show times in UTC"), "{path}");
    }
}

#[test]
fn a_site_in_utc_names_no_offset_and_offers_no_switch() {
    let site = common::TempSite::new();
    site.write(
        "statuspress.toml",
        &common::CONFIG.replace("Europe/Berlin", "UTC"),
    );
    site.write("incidents/2026-11-23-api-errors.md", OPEN);
    common::assert_ok(&site.run(&["build", "--now", common::NOW]));
    for path in [
        "index.html",
        "history/index.html",
        "incidents/2026-11-23-api-errors/index.html",
    ] {
        let html = site.read_output(path);
        assert!(
            html.contains("<span id=\"tz-note\">Times are in UTC.</span>"),
            "{path}"
        );
        assert!(
            !html.contains("times.js") && !html.contains("Show times in UTC"),
            "{path}"
        );
        assert!(!html.contains("(UTC+"), "{path}");
    }
    let index = site.read_output("index.html");
    assert!(
        index.contains(">23 Nov 2026, 12:00 UTC</time></p>"),
        "the stamp: {index}"
    );
}
