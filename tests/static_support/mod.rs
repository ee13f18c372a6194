//! A plain static file server for the browser tests, as a static host serves a built site: each
//! request reads the file from the folder at that moment (so a test can build a new site into
//! it while a page is open), `/dir/` serves `dir/index.html`, a missing file gets the site's
//! `404.html`, and no script is added. It keeps the path of every request, and what it answered,
//! for a page that does not load to report (`report`).
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::PathBuf;

mod http;
mod server;

pub use server::{StaticServer, report};

/// A small site built with `statuspress build` into a folder of its own, at a clock the test
/// chooses, around one incident on `api` that started four hours before the real time: the
/// browser runs on the real clock, so the build clock is set relative to it.
pub struct Published {
    /// The site folder.
    pub site: crate::common::TempSite,
    folder: tempfile::TempDir,
    /// When the incident started, to the minute (RFC 3339).
    pub started: String,
}

/// The path of the incident in the site folder.
pub const INCIDENT: &str = "incidents/api-errors.md";

impl Published {
    /// The site, not built yet; its incident is open.
    pub fn new() -> Published {
        let site = crate::common::TempSite::new();
        let started = minutes_ago(4 * 60);
        let published = Published {
            site,
            folder: tempfile::tempdir().unwrap(),
            started,
        };
        published.incident(None);
        published
    }

    /// Writes the incident, resolved at `resolved` (RFC 3339) or open.
    pub fn incident(&self, resolved: Option<&str>) {
        let started = &self.started;
        let resolved = resolved.map_or(String::new(), |r| format!("resolved = {r}\n"));
        self.site.write(
            INCIDENT,
            &format!(
                "+++\ntitle = \"API errors\"\nimpact = \"minor\"\nstarted = {started}\n{resolved}affected = [\"api\"]\n+++\n\n## Investigating — {started}\nSome requests fail.\n"
            ),
        );
    }

    /// Makes the index and the embed poll every second instead of every minute, through an
    /// override of each that adds `data-refresh-seconds` to the built-in one.
    pub fn poll_every_second(&self) {
        for name in ["index.html", "embed.html"] {
            self.site.write(
                &format!("templates/{name}"),
                &format!(
                    "{{% extends \"builtin/{name}\" %}}{{% block page_data %}}{{{{ super() }}}} data-refresh-seconds=\"1\"{{% endblock page_data %}}"
                ),
            );
        }
    }

    /// Builds the site with the clock `now` into the output folder, replacing what it held.
    pub fn build(&self, now: &str) {
        let out = self.out();
        crate::common::assert_ok(&crate::common::statuspress(&[
            "build",
            "--root",
            self.site.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--now",
            now,
        ]));
    }

    /// The output folder, to serve.
    pub fn out(&self) -> PathBuf {
        self.folder.path().join("public")
    }
}

/// The real time `minutes` ago, to the minute, in RFC 3339.
pub fn minutes_ago(minutes: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:00Z")
        .to_string()
}
