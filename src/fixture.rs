//! In-memory sites for the unit tests of the machine-readable outputs.

use crate::derive::State;
use crate::load::{Sources, parse};
use crate::model::Site;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// Parses an RFC 3339 instant.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A site with group `core` (`api`, `web`) and the ungrouped `mail` (since 2026-08-01).
pub fn site(incidents: &[(&str, &str)], maintenance: &[(&str, &str)]) -> Site {
    let posts = |dir: &str, list: &[(&str, &str)]| {
        list.iter()
            .map(|(id, t)| (PathBuf::from(format!("{dir}/{id}.md")), t.to_string()))
            .collect()
    };
    parse(Sources {
        config: "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\n".into(),
        components: site_components(),
        incidents: posts("incidents", incidents),
        maintenance: posts("maintenance", maintenance),
        ..Sources::default()
    })
    .unwrap()
}

/// The catalogue of [`site`].
fn site_components() -> String {
    "[[group]]\nid = \"core\"\nname = \"Core\"\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\nname = \"Web\"\ngroup = \"core\"\n[[component]]\nid = \"mail\"\nname = \"Mail\"\nsince = 2026-08-01\n".into()
}

/// The site and its state at `now`.
pub fn derived(
    incidents: &[(&str, &str)],
    maintenance: &[(&str, &str)],
    now: &str,
) -> (Site, State) {
    let derived = crate::build::run(
        crate::build::Input::Site(Box::new(site(incidents, maintenance))),
        at(now),
        crate::build::Target::Derive,
    )
    .unwrap();
    (derived.site, derived.state)
}

/// An open incident on `web` (partial outage) with two updates.
pub const OPEN_WEB: &str = "+++\ntitle = \"Web errors\"\nimpact = \"major\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"web\"]\n+++\nSummary.\n\n## Identified — 2026-11-20 10:30 UTC\nFound it.\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking & checking.\n";
/// A resolved incident on `api` and `mail`, closed by an update.
pub const RESOLVED_API: &str = "+++\ntitle = \"API slow\"\nimpact = \"minor\"\nstarted = 2026-11-10T08:00:00Z\naffected = [\"api\", \"mail\"]\n+++\n## Resolved — 2026-11-10 09:00 UTC\nFixed.\n\n## Investigating — 2026-11-10 08:10 UTC\nSlow.\n";
/// A resolved incident closed by `resolved` alone, with no update.
pub const SILENT: &str = "+++\ntitle = \"Blip\"\nimpact = \"minor\"\nstarted = 2026-11-01T08:00:00Z\nresolved = 2026-11-01T08:20:00Z\naffected = [\"mail\"]\n+++\nA short blip.\n";
/// A maintenance window on `mail` with only its announcement.
pub const WINDOW: &str = "+++\ntitle = \"Mail upgrade\"\nstart = 2026-11-21T02:00:00Z\nend = 2026-11-21T04:00:00Z\naffected = [\"mail\"]\n+++\nUpgrading mail.\n\n## Scheduled — 2026-11-15 09:00 UTC\nWe will upgrade mail.\n";

/// The site of [`site`] without posts, with `announcements` and `config` added to its
/// `statuspress.toml`.
pub fn site_with_announcements(announcements: &[(&str, &str)], config: &str) -> Site {
    let mut sources = Sources {
        config: format!(
            "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\n{config}"
        ),
        ..Sources::default()
    };
    sources.components = site_components();
    sources.announcements = announcements
        .iter()
        .map(|(id, t)| {
            (
                PathBuf::from(format!("announcements/{id}.md")),
                t.to_string(),
            )
        })
        .collect();
    parse(sources).unwrap()
}

/// A warning shown from 2026-11-16 until 2026-12-02.
pub const RATE_LIMITS: &str = "+++\ntitle = \"API rate limits change on December 1\"\nshow_from = 2026-11-16T09:00:00Z\nshow_until = 2026-12-02T00:00:00Z\nlevel = \"warning\"\n+++\nFrom December 1, the API allows **600** requests a minute per token.\n";
/// A notice shown from 2026-11-20, without an end.
pub const EMAIL_ALERTS: &str = "+++\ntitle = \"Status updates by email\"\nshow_from = 2026-11-20T09:00:00Z\n+++\nSubscribe on the subscribe page.\n";
/// A notice that was shown in October.
pub const PAST_NOTICE: &str = "+++\ntitle = \"New status page address\"\nshow_from = 2026-10-01T09:00:00Z\nshow_until = 2026-10-31T00:00:00Z\n+++\nThe page moved.\n";
