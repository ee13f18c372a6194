//! `statuspress init DIR`: a working site folder with the CI files of its host ([`Host`]).

mod hosts;
pub mod release;

pub use hosts::Host;

use super::Error;
use crate::model::Impact;
use crate::model::frontmatter::{
    AffectedLine, IncidentFrontMatter, MaintenanceFrontMatter, toml_string,
};
use crate::model::update_text::{Precision, heading_time};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::fs;
use std::path::{Path, PathBuf};

/// The files every site gets whatever its host, as (path relative to the site, template). The
/// README (composed per host) follows them, then the host's files.
const TEMPLATES: &[(&str, &str)] = &[
    ("statuspress.toml", include_str!("init/statuspress.toml")),
    ("components.toml", include_str!("init/components.toml")),
];

/// The body of the example incident (its front matter is written by [`files`]).
const INCIDENT: &str = include_str!("init/incident.md");
/// The body of the example maintenance window.
const MAINTENANCE: &str = include_str!("init/maintenance.md");

/// The incident templates every site gets, as (path relative to the site, text). Written as they
/// are: their `{{ name }}` placeholders are filled in by `new incident --template`.
const INCIDENT_TEMPLATES: &[(&str, &str)] = &[
    (
        "incident-templates/database-outage.md",
        include_str!("init/incident-templates/database-outage.md"),
    ),
    (
        "incident-templates/upstream-provider.md",
        include_str!("init/incident-templates/upstream-provider.md"),
    ),
];

/// Options of `init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site's title.
    pub title: String,
    /// Public address of the site; without one, the address the host gives the project.
    pub base_url: Option<String>,
    /// Write into a folder that is not empty, replacing the files `init` writes.
    pub force: bool,
    /// Where the site is published, which decides the CI files.
    pub host: Host,
    /// The repository's default branch, which CI publishes from.
    pub branch: String,
}

/// Every file of a new site, as (relative path, text). `project` names the site at its host
/// (see [`project_name`]); dates of the examples follow `now`.
pub fn files(opts: &InitOptions, project: &str, now: DateTime<Utc>) -> Vec<(String, String)> {
    let started = now - Duration::days(1);
    let identified = started + Duration::minutes(25);
    let resolved = started + Duration::minutes(70);
    let start = (now.date_naive() + Duration::days(7))
        .and_time(NaiveTime::from_hms_opt(2, 0, 0).unwrap_or_default())
        .and_utc();
    let end = start + Duration::hours(2);
    let date = |t: DateTime<Utc>| t.format("%Y-%m-%d").to_string();
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| opts.host.default_base_url(project));
    let fill = |text: &str| {
        text.replace("{{version}}", release::VERSION)
            .replace("{{action}}", &release::action())
            .replace("{{repository_url}}", release::REPOSITORY_URL)
            .replace("{{downloads}}", &release::downloads())
            .replace("{{branch}}", &opts.branch)
            .replace("{{project}}", project)
            .replace("{{today}}", &date(now))
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
            // What the user typed comes last, so that it is never taken for a placeholder.
            .replace("{{title}}", &toml_string(&opts.title))
            .replace("{{base_url}}", &toml_string(&base_url))
            .replace("{{title_text}}", &opts.title)
    };
    let readme = opts.host.readme();
    let mut out: Vec<(String, String)> = TEMPLATES
        .iter()
        .copied()
        .chain([
            ("README.md", readme.as_str()),
            (".gitignore", include_str!("init/gitignore")),
        ])
        .map(|(path, text)| (path.to_string(), fill(text)))
        .collect();
    out.extend(
        opts.host
            .files()
            .into_iter()
            .map(|(path, text)| (path.to_string(), fill(&text))),
    );
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
    out.extend(
        INCIDENT_TEMPLATES
            .iter()
            .map(|(path, text)| (path.to_string(), text.to_string())),
    );
    out
}

/// Creates the site in `dir`; returns the paths written. Refuses a non-empty folder unless forced.
pub fn init(dir: &Path, opts: &InitOptions, now: DateTime<Utc>) -> Result<Vec<PathBuf>, Error> {
    if let Some(url) = &opts.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(
            Error::new(format!("--base-url `{url}` is not an http(s) address"))
                .with_hint("write it like https://OWNER.github.io/REPO"),
        );
    }
    check_branch(&opts.branch)?;
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
    let project = project_name(dir, &opts.title);
    let mut written = Vec::new();
    for (rel, text) in files(opts, &project, now) {
        let path = super::write::write_checked(dir, Path::new(&rel), &text, |_| Ok(()))?;
        written.push(path);
    }
    Ok(written)
}

/// The site's name at its host (the Cloudflare Pages project, the default address): the
/// folder's name as a slug, else the title's, else `status`. At most 58 characters, as
/// Cloudflare Pages allows.
pub fn project_name(dir: &Path, title: &str) -> String {
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            // `init .` and the like: the name of the folder it stands for.
            let full = fs::canonicalize(dir).ok()?;
            Some(full.file_name()?.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    [folder.as_str(), title]
        .iter()
        .map(|name| super::slug::slugify(name, 58))
        .find(|slug| !slug.is_empty())
        .unwrap_or_else(|| "status".to_string())
}

/// Refuses a `--branch` that is not a plain branch name: it is written into YAML and shell
/// commands, so only letters, digits, `.`, `_`, `-` and `/` between names are allowed.
fn check_branch(branch: &str) -> Result<(), Error> {
    let plain = branch.split('/').all(|part| {
        !part.is_empty()
            && !part.starts_with(['.', '-'])
            && !part.ends_with(".lock")
            && !part.ends_with('.')
            && !part.contains("..")
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    });
    if plain {
        Ok(())
    } else {
        Err(Error::new(format!(
            "--branch `{branch}` is not a branch name init can use"
        ))
        .with_hint(
            "use letters, digits, `.`, `_` and `-`, with `/` between names, e.g. --branch main",
        ))
    }
}

#[cfg(test)]
mod tests;
