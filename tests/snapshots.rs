//! Snapshots of rendered pages of a small fixture site (CSS left out), reviewed when they change.

use statuspress::build::{Input, Target, run};
use statuspress::load::{Sources, parse};
use std::path::PathBuf;

mod common;

/// The fixture site rendered, with `extra` added to its configuration.
fn rendered(extra: &str) -> statuspress::output::Output {
    let post = |dir: &str, name: &str, text: &str| {
        (PathBuf::from(format!("{dir}/{name}.md")), text.to_string())
    };
    let site = parse(Sources {
        // Two public channels, so the subscribe page shows them; the other two stay out.
        config: format!(
            "{}{extra}[subscribe]\ndiscord = \"https://discord.gg/acme\"\nmailing_list = \"https://lists.acme.test/status\"\n",
            common::CONFIG
        ),
        components: common::COMPONENTS.replace("name = \"API\"", "name = \"API\"\ndescription = \"REST API\""),
        incidents: vec![
            post(
                "incidents",
                "2026-11-23-api-errors",
                "+++\ntitle = \"Elevated error rates on the API\"\nimpact = \"major\"\nstarted = 2026-11-23T09:02:00Z\naffected = [\"api\"]\nnext_update = 2026-11-23T12:30:00Z\n+++\n\nSome requests fail.\n\n## Identified — 2026-11-23 09:40 UTC · next update by 2026-11-23 12:30 UTC\nA faulty deploy is being **rolled back**.\n\n## Investigating — 2026-11-23 09:05 UTC\nWe are investigating.\n",
            ),
            post(
                "incidents",
                "2026-11-20-email-delays",
                "+++\ntitle = \"Email delays\"\nimpact = \"minor\"\nstarted = 2026-11-20T14:00:00Z\naffected = { mail = \"degraded_performance\" }\n+++\n\n## Resolved — 2026-11-20 15:30 UTC\nQueues are drained.\n\n## Investigating — 2026-11-20 14:05 UTC\nEmails are delayed.\n",
            ),
        ],
        maintenance: vec![post(
            "maintenance",
            "2026-11-26-db-upgrade",
            "+++\ntitle = \"Database upgrade\"\nstart = 2026-11-26T02:00:00Z\nend = 2026-11-26T04:00:00Z\naffected = [\"core\"]\n+++\n\n## Scheduled — 2026-11-19 10:00 UTC\nWe will upgrade the database.\n",
        )],
        announcements: vec![post(
            "announcements",
            "2026-11-16-rate-limits",
            "+++\ntitle = \"API rate limits change on December 1\"\nshow_from = 2026-11-16T10:00:00\nshow_until = 2026-12-02T00:00:00\nlevel = \"warning\"\n+++\n\nEach token may send **600** requests a minute.\n",
        )],
        ..Sources::default()
    })
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let mut output = statuspress::output::Output::new();
    run(
        Input::Site(Box::new(site)),
        now,
        Target::Memory(&mut output),
    )
    .unwrap();
    output
}

fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!(
            "{}<style>…</style>{}",
            &html[..a],
            &html[b + "</style>".len()..]
        ),
        _ => html.to_string(),
    }
}

#[test]
fn pages_match_their_snapshots() {
    let out = rendered("");
    for page in [
        "index.html",
        "incidents/2026-11-23-api-errors/index.html",
        "maintenance/2026-11-26-db-upgrade/index.html",
        "announcements/2026-11-16-rate-limits/index.html",
        "components/mail/index.html",
        "history/index.html",
        "maintenance/index.html",
        "announcements/index.html",
        "subscribe/index.html",
        "404.html",
    ] {
        let name = page
            .trim_end_matches("/index.html")
            .replace(['/', '.'], "_");
        insta::assert_snapshot!(name, without_style(out.text(page).unwrap()));
    }
}

#[test]
fn the_german_index_matches_its_snapshot() {
    let out = rendered("language = \"de\"\n");
    for page in ["index.html", "incidents/2026-11-23-api-errors/index.html"] {
        let name = format!(
            "de_{}",
            page.trim_end_matches("/index.html")
                .replace(['/', '.'], "_")
        );
        insta::assert_snapshot!(name, without_style(out.text(page).unwrap()));
    }
}

/// The Arabic pages read right to left (`dir="rtl"`), with Arabic plural forms and month names.
#[test]
fn the_arabic_index_matches_its_snapshot() {
    let out = rendered("language = \"ar\"\n");
    for page in ["index.html", "incidents/2026-11-23-api-errors/index.html"] {
        let name = format!(
            "ar_{}",
            page.trim_end_matches("/index.html")
                .replace(['/', '.'], "_")
        );
        insta::assert_snapshot!(name, without_style(out.text(page).unwrap()));
    }
}
