//! The index stays light at any density: with an incident on every component every day, its
//! components section holds one image and one link per bar, no incident, and the whole page is
//! the same size whether a day has two incidents or six. The component pages are bounded by
//! days: a day's tooltip links to that day in the history, whose month page has the day's
//! heading, even for a day an incident of an earlier one reached.

mod common;

use common::{NOW, TempSite, assert_ok, broken_links};
use std::fmt::Write as _;

/// Components, in groups of ten.
const COMPONENTS: usize = 50;
const GROUPS: usize = 5;
/// Days of the uptime bars.
const DAYS: i64 = 90;
/// The largest index a site of 50 components may have, at any density (issue #18).
const INDEX_LIMIT: usize = 60_000;

/// A site of 50 components where every component has `per_day` minor incidents on each of the
/// last 90 days (every group affected), one incident that runs over three days into another
/// month, `4 × per_day` scheduled maintenance windows and `3 × per_day` announcements.
fn dense_site(per_day: usize) -> TempSite {
    let site = TempSite::new();
    let mut components = String::new();
    for g in 0..GROUPS {
        writeln!(
            components,
            "[[group]]\nid = \"g{g}\"\nname = \"Group {g}\"\n"
        )
        .unwrap();
    }
    for c in 0..COMPONENTS {
        writeln!(
            components,
            "[[component]]\nid = \"c{c:02}\"\nname = \"Component {c:02}\"\ngroup = \"g{}\"\n",
            c / (COMPONENTS / GROUPS)
        )
        .unwrap();
    }
    site.write("components.toml", &components);
    let groups: Vec<String> = (0..GROUPS).map(|g| format!("\"g{g}\"")).collect();
    let affected = groups.join(", ");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for back in 0..DAYS {
        let day = today - chrono::Duration::days(back);
        for k in 0..per_day {
            // 09:00 UTC and later: the same day in Berlin, over before the clock (12:00 UTC).
            let start = format!("{day}T09:{:02}:00Z", k * 5);
            let end = format!("{day}T09:{:02}:00Z", k * 5 + 4);
            site.write(
                &format!("incidents/{day}-n{k}.md"),
                &format!(
                    "+++\ntitle = \"Slow requests {day} #{k}\"\nimpact = \"minor\"\nstarted = {start}\nresolved = {end}\naffected = [{affected}]\n+++\n\n## Resolved — {} UTC\nBack to normal.\n",
                    end.replace('T', " ").trim_end_matches(":00Z")
                ),
            );
        }
    }
    // 23:30 CET on 30 Oct to 01:00 CET on 2 Nov: it touches 31 Oct, 1 Nov and 2 Nov as well.
    site.write(
        "incidents/2026-10-30-long.md",
        &format!(
            "+++\ntitle = \"A long one\"\nimpact = \"minor\"\nstarted = 2026-10-30T22:30:00Z\nresolved = 2026-11-02T00:00:00Z\naffected = [{affected}]\n+++\n"
        ),
    );
    for k in 0..4 * per_day {
        site.write(
            &format!("maintenance/w{k:02}.md"),
            &format!(
                "+++\ntitle = \"Planned work #{k:02}\"\nstart = 2026-12-{:02}T02:00:00Z\nend = 2026-12-{:02}T03:00:00Z\naffected = [\"c{:02}\"]\n+++\n\n## Scheduled — 2026-11-20 10:00 UTC\nWe will upgrade it.\n",
                k % 28 + 1,
                k % 28 + 1,
                k % COMPONENTS
            ),
        );
    }
    for k in 0..3 * per_day {
        site.write(
            &format!("announcements/a{k:02}.md"),
            &format!(
                "+++\ntitle = \"Notice #{k:02}\"\nshow_from = 2026-11-{:02}T10:00:00Z\n+++\n\nSomething to know.\n",
                k % 20 + 1
            ),
        );
    }
    site
}

/// The `<section>` of `html` labelled by the heading `id`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[at..];
    &rest[..rest.find("</section>").unwrap()]
}

/// The day-by-day bar of a component page.
fn day_bar(html: &str) -> &str {
    let at = html.find("<p class=\"ubd\">").expect("a day-by-day bar");
    let rest = &html[at..];
    &rest[..rest.find("</p>").unwrap()]
}

#[test]
fn the_index_and_component_pages_do_not_grow_with_incidents() {
    let (light, heavy) = (dense_site(2), dense_site(6));
    for site in [&light, &heavy] {
        assert_ok(&site.run(&["build", "--now", NOW]));
    }
    let (a, b) = (
        light.read_output("index.html"),
        heavy.read_output("index.html"),
    );
    for index in [&a, &b] {
        assert!(
            index.len() <= INDEX_LIMIT,
            "index.html is {} bytes",
            index.len()
        );
        let components = section(index, "components-h");
        assert!(
            !components.contains("incidents/") && !components.contains("maintenance/"),
            "the components section links no post"
        );
        // One image and one link to the component page's bar per component and group.
        assert_eq!(
            components.matches("/uptime-bar.svg\"").count(),
            COMPONENTS + GROUPS
        );
        assert_eq!(components.matches("#uptime-h\"><img").count(), COMPONENTS);
        assert!(
            components.contains(
                "alt=\"Component 07: 100% uptime over the last 90 days, 90 days with incidents\""
            ),
            "{components}"
        );
    }
    // Every day has incidents in both, and three times as many in one: the components section
    // is the same, and the bounded sections differ only in their counts.
    assert_eq!(section(&a, "components-h"), section(&b, "components-h"));
    assert!(
        a.len().abs_diff(b.len()) < 1_000,
        "{} and {} bytes",
        a.len(),
        b.len()
    );
    assert_eq!(
        section(&a, "past-h")
            .matches("<li>\n  <a href=\"incidents/")
            .count(),
        5
    );
    assert!(
        section(&b, "past-h")
            .contains("<a href=\"history/2026/11/#2026-11-23\">1 more in the history</a>"),
        "{}",
        section(&b, "past-h")
    );
    assert!(
        section(&b, "upcoming-h")
            .contains("<a href=\"maintenance/\">21 more windows scheduled</a>")
    );
    assert!(
        section(&b, "notices-h").contains("<a href=\"announcements/\">15 more announcements</a>")
    );

    // A component page: one tooltip per day, each linking to its day in the history.
    let (pa, pb) = (
        light.read_output("components/c07/index.html"),
        heavy.read_output("components/c07/index.html"),
    );
    assert_eq!(day_bar(&pa), day_bar(&pb));
    let bar = day_bar(&pb);
    assert!(!bar.contains("incidents/"), "{bar}");
    assert_eq!(bar.matches("href=\"../../history/").count(), DAYS as usize);
    assert!(
        pa.len().abs_diff(pb.len()) < 1_000,
        "{} and {} bytes",
        pa.len(),
        pb.len()
    );

    // The full lists, and every link of the site, lead somewhere.
    let list = heavy.read_output("maintenance/index.html");
    assert_eq!(list.matches("<article class=\"card").count(), 24);
    let list = heavy.read_output("announcements/index.html");
    assert_eq!(list.matches("<article class=\"card").count(), 18);
    let (checked, broken) = broken_links(&heavy.path().join("public"));
    assert!(
        checked > 1_000 && broken.is_empty(),
        "{checked} links: {broken:?}"
    );
}

#[test]
fn every_day_of_a_bar_links_to_its_heading_in_the_history() {
    let site = dense_site(1);
    assert_ok(&site.run(&["build", "--now", NOW]));
    let page = site.read_output("components/c00/index.html");
    let bar = day_bar(&page);
    let mut days = 0;
    for (at, _) in bar.match_indices("href=\"../../history/") {
        let link = &bar[at + "href=\"../../".len()..];
        let link = &link[..link.find('"').unwrap()];
        let (month, day) = link.split_once('#').unwrap();
        let html = site.read_output(&format!("{month}index.html"));
        assert!(
            html.contains(&format!("<h3 id=\"{day}\">")),
            "{link}: no heading for the day"
        );
        days += 1;
    }
    assert_eq!(days, DAYS as usize);
    // The long incident is listed where it started, and on each later day it touched, in the
    // month of each.
    let october = site.read_output("history/2026/10/index.html");
    let november = site.read_output("history/2026/11/index.html");
    let day = |html: &str, id: &str| -> String {
        let at = html.find(&format!("<h3 id=\"{id}\">")).unwrap();
        let rest = &html[at + 1..];
        rest[..rest.find("<h3 ").unwrap_or(rest.len())].to_string()
    };
    assert!(day(&october, "2026-10-30").contains("<strong>A long one</strong>"));
    for (html, id) in [
        (&october, "2026-10-31"),
        (&november, "2026-11-01"),
        (&november, "2026-11-02"),
    ] {
        let d = day(html, id);
        assert!(
            d.contains("Still under way from an earlier day: <a href=\"../../../incidents/2026-10-30-long/\">A long one</a>"),
            "{id}: {d}"
        );
    }
    assert!(!day(&november, "2026-11-03").contains("A long one"));
}
