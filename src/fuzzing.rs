//! Entry points of the fuzz targets in `fuzz/`: each runs one parser, or the whole pipeline, on
//! arbitrary input through the same public paths a build takes. They return normally for any
//! input, bad input included (it becomes diagnostics); they panic only when an invariant breaks,
//! which is what the fuzzer looks for.
//!
//! Public only for the fuzz crate; nothing else should call it.

use crate::build::{self, BuildError, Input, Target};
use crate::load::{self, Sources};
use crate::model::Site;
use crate::output::Output;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// The site every post is parsed into: a time zone with daylight saving, groups and components.
const CONFIG: &str = "title = \"Fuzz Status\"\nbase_url = \"https://status.fuzz.test:8443/sub\"\ntime_zone = \"Europe/Berlin\"\n";
const COMPONENTS: &str = "[[group]]\nid = \"core\"\nname = \"Core\"\n\n[[component]]\nid = \"api\"\nname = \"API\"\ngroup = \"core\"\n\n[[component]]\nid = \"web\"\nname = \"Website\"\n";

/// The build clock of every run, so a finding replays the same way.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .expect("a valid constant")
        .to_utc()
}

fn sources(config: &str, components: &str, post: Option<(&str, &str)>) -> Sources {
    let mut sources = Sources {
        config: config.to_string(),
        components: components.to_string(),
        ..Sources::default()
    };
    if let Some((kind, text)) = post {
        let path = PathBuf::from(format!("{kind}/fuzz.md"));
        let posts = match kind {
            "incidents" => &mut sources.incidents,
            "announcements" => &mut sources.announcements,
            "incident-templates" => &mut sources.incident_templates,
            _ => &mut sources.maintenance,
        };
        posts.push((path, text.to_string()));
    }
    sources
}

/// The folders a text is tried in, as a post or a file read like one.
const POST_KINDS: [&str; 4] = [
    "incidents",
    "maintenance",
    "announcements",
    "incident-templates",
];

/// Parses `text` as an incident, a maintenance window, an announcement and an incident template
/// of a fixed site. Every problem must come back as a diagnostic that names the file.
pub fn post(text: &str) {
    for kind in POST_KINDS {
        if let Err(diags) = load::parse(sources(CONFIG, COMPONENTS, Some((kind, text)))) {
            assert!(!diags.is_empty(), "a failed parse reports why");
            for d in &diags {
                assert!(
                    d.path.starts_with(kind),
                    "only the post can be wrong, not {}",
                    d.path.display()
                );
            }
        }
    }
}

/// Parses `statuspress.toml` and `components.toml` texts (split at the first NUL of `input`).
pub fn site_files(input: &str) {
    let (config, components) = input.split_once('\0').unwrap_or((input, ""));
    if let Err(diags) = load::parse(sources(config, components, None)) {
        assert!(!diags.is_empty(), "a failed parse reports why");
    }
}

/// Parses an Alertmanager webhook body as `statuspress alert` does.
pub fn alertmanager(text: &str) {
    let _ = crate::authoring::alert::parse_payload(text);
}

/// Imports a Statuspage API document (a public API object or a management API page) into an
/// empty site folder in `dir`. When the import succeeds, the site it wrote must load without
/// errors.
pub fn statuspage(json: &[u8], dir: &std::path::Path) {
    use crate::authoring::import::statuspage::{document, import, merge};
    let Ok(text) = std::str::from_utf8(json) else {
        return;
    };
    let Ok(response) = document::parse(text, std::path::Path::new("fuzz.json")) else {
        return;
    };
    if import(merge(vec![response]), dir).is_ok()
        && let Err(diags) = load::load(dir)
    {
        panic!("an import wrote a site that does not load: {diags:?}");
    }
}

/// Builds the fixed site with `text` as an incident (or, when it is not one, as maintenance, or
/// else as an announcement) into memory and returns its files, for the caller to parse as HTML,
/// XML, iCalendar and JSON. `None` when the text is none of these.
pub fn render(text: &str) -> Option<Output> {
    let site: Site = POST_KINDS[..3]
        .iter()
        .find_map(|kind| load::parse(sources(CONFIG, COMPONENTS, Some((kind, text)))).ok())?;
    let mut output = Output::new();
    match build::run(
        Input::Site(Box::new(site)),
        now(),
        Target::Memory(&mut output),
    ) {
        Ok(_) => Some(output),
        Err(BuildError::Invalid(diags)) => panic!("a loaded site failed to render: {diags:?}"),
        Err(BuildError::Write(e)) => panic!("a build in memory wrote a file: {e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "+++\ntitle = \"API errors\"\nimpact = \"major\"\nstarted = 2026-11-23T09:00:00Z\naffected = [\"api\"]\n+++\n\nSome requests fail.\n\n## Investigating — 2026-11-23 09:05 UTC\nWe are looking.\n";

    #[test]
    fn the_fixed_site_and_a_post_build() {
        post(POST);
        let out = render(POST).expect("a valid incident renders");
        assert!(out.text("incidents/fuzz/index.html").is_some());
        assert!(out.text("history.atom").is_some());
        let notice = "+++\ntitle = \"Rate limits\"\nshow_from = 2026-11-20T09:00:00Z\n+++\nSoon.\n";
        post(notice);
        let out = render(notice).expect("a valid announcement renders");
        assert!(out.text("announcements/fuzz/index.html").is_some());
    }

    #[test]
    fn garbage_is_reported_not_panicked_on() {
        for text in [
            "",
            "+++",
            "+++\n+++\n",
            "\u{0}\u{1b}[31m",
            "## Resolved — \n",
            "+++\ntitle = 1\n+++",
        ] {
            post(text);
            site_files(text);
            alertmanager(text);
            let _ = render(text);
        }
        let dir = tempfile::tempdir().unwrap();
        statuspage(
            b"{\"incidents\": [{\"id\": \"x\", \"name\": \"\"}]}",
            dir.path(),
        );
        statuspage(
            b"[{\"id\": \"x\", \"name\": \"\", \"status\": \"completed\"}]",
            dir.path(),
        );
    }
}
