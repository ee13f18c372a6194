//! `statuspress init DIR`: a working site folder with a GitHub Pages workflow.

use super::Error;
use crate::model::Impact;
use crate::model::frontmatter::{
    AffectedLine, IncidentFrontMatter, MaintenanceFrontMatter, toml_string,
};
use crate::model::update_text::{Precision, heading_time};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::fs;
use std::path::{Path, PathBuf};

/// The files `init` writes, as (path relative to the site, template).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("statuspress.toml", include_str!("init/statuspress.toml")),
    ("components.toml", include_str!("init/components.toml")),
    ("README.md", include_str!("init/README.md")),
    (".gitignore", include_str!("init/gitignore")),
    (
        ".github/workflows/statuspress.yml",
        include_str!("init/statuspress.yml"),
    ),
];

/// The body of the example incident (its front matter is written by [`files`]).
const INCIDENT: &str = include_str!("init/incident.md");
/// The body of the example maintenance window.
const MAINTENANCE: &str = include_str!("init/maintenance.md");

/// Options of `init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub title: String,
    /// Public address of the site.
    pub base_url: String,
    /// Write into a folder that is not empty, replacing the files `init` writes.
    pub force: bool,
}

/// Every file of a new site, as (relative path, text). Dates of the examples follow `now`.
pub fn files(opts: &InitOptions, now: DateTime<Utc>) -> Vec<(String, String)> {
    let started = now - Duration::days(1);
    let identified = started + Duration::minutes(25);
    let resolved = started + Duration::minutes(70);
    let start = (now.date_naive() + Duration::days(7))
        .and_time(NaiveTime::from_hms_opt(2, 0, 0).unwrap_or_default())
        .and_utc();
    let end = start + Duration::hours(2);
    let date = |t: DateTime<Utc>| t.format("%Y-%m-%d").to_string();
    let fill = |text: &str| {
        text.replace("{{title}}", &toml_string(&opts.title))
            .replace("{{base_url}}", &toml_string(&opts.base_url))
            .replace("{{title_text}}", &opts.title)
            .replace(
                "{{started_heading}}",
                &heading_time(started + Duration::minutes(3), Precision::Minute),
            )
            .replace(
                "{{identified_heading}}",
                &heading_time(identified, Precision::Minute),
            )
            .replace(
                "{{resolved_heading}}",
                &heading_time(resolved, Precision::Minute),
            )
            .replace(
                "{{scheduled_heading}}",
                &heading_time(now, Precision::Minute),
            )
    };
    let mut out: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(path, text)| (path.to_string(), fill(text)))
        .collect();
    let incident_affects = ["api".to_string()];
    let incident = IncidentFrontMatter {
        comment: None,
        title: "Example: elevated error rates on the API",
        impact: Impact::Minor,
        started,
        resolved: Some(resolved),
        affected: Some(AffectedLine::Ids(&incident_affects)),
    };
    out.push((
        format!("incidents/{}-example-api-errors.md", date(started)),
        incident.to_text() + &fill(INCIDENT),
    ));
    let maintenance_affects = ["api".to_string(), "web".to_string()];
    let maintenance = MaintenanceFrontMatter {
        comment: None,
        title: "Example: database upgrade",
        start,
        end,
        affected: Some(AffectedLine::Ids(&maintenance_affects)),
    };
    out.push((
        format!("maintenance/{}-example-database-upgrade.md", date(start)),
        maintenance.to_text() + &fill(MAINTENANCE),
    ));
    out
}

/// Creates the site in `dir`; returns the paths written. Refuses a non-empty folder unless forced.
pub fn init(dir: &Path, opts: &InitOptions, now: DateTime<Utc>) -> Result<Vec<PathBuf>, Error> {
    if !(opts.base_url.starts_with("https://") || opts.base_url.starts_with("http://")) {
        return Err(Error::new(format!(
            "--base-url `{}` is not an http(s) address",
            opts.base_url
        ))
        .with_hint("write it like https://OWNER.github.io/REPO"));
    }
    if dir.is_file() {
        return Err(Error::new(format!(
            "{} is a file, not a folder",
            dir.display()
        )));
    }
    let non_empty = dir.is_dir() && fs::read_dir(dir)?.next().is_some();
    if non_empty && !opts.force {
        return Err(Error::new(format!("{} is not empty", dir.display()))
            .with_hint("choose a new folder, or pass --force to write the site files into it (replacing files of the same name)"));
    }
    let mut written = Vec::new();
    for (rel, text) in files(opts, now) {
        let path = super::write::write_checked(dir, Path::new(&rel), &text, |_| Ok(()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InitOptions {
        InitOptions {
            title: "Acme \"Status\"".into(),
            base_url: "https://acme.github.io/status".into(),
            force: false,
        }
    }

    #[test]
    fn new_site_parses_and_builds_in_memory() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let files = files(&opts(), now);
        let get = |p: &str| {
            files
                .iter()
                .find(|(q, _)| q == p)
                .map(|(_, t)| t.clone())
                .unwrap()
        };
        let posts = |dir: &str| -> Vec<(PathBuf, String)> {
            files
                .iter()
                .filter(|(p, _)| p.starts_with(dir))
                .map(|(p, t)| (PathBuf::from(p), t.clone()))
                .collect()
        };
        let site = crate::load::parse(crate::load::Sources {
            config: get("statuspress.toml"),
            components: get("components.toml"),
            incidents: posts("incidents/"),
            maintenance: posts("maintenance/"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(site.config.title, "Acme \"Status\"");
        assert!(site.warnings.is_empty(), "{:?}", site.warnings);
        assert_eq!(site.incidents[0].id, "2026-11-22-example-api-errors");
        assert_eq!(site.incidents[0].updates.len(), 3);
        assert_eq!(
            site.maintenance[0].start.to_rfc3339(),
            "2026-11-30T02:00:00+00:00"
        );
        let state = crate::build::run(
            crate::build::Input::Site(Box::new(site)),
            now,
            crate::build::Target::Derive,
        )
        .unwrap()
        .state;
        assert!(state.open_incidents.is_empty());
        assert_eq!(state.upcoming_maintenance, [0]);
    }
}
