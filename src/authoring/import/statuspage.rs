//! Statuspage JSON to a site folder: public API v2 objects (`components.json` or
//! `summary.json`, `incidents.json`, `scheduled-maintenances.json`) and management API v1 pages
//! (bare arrays of incidents or components, as many as the history takes) become
//! `components.toml` with groups and one Markdown file per incident and maintenance window with
//! every update.
//!
//! Importing merges: an existing `statuspress.toml` is kept, components are appended only when
//! their id is new, and a post already imported (its front matter names its Statuspage id) is
//! left as it is. So importing the same files twice changes nothing. The files are merged in the
//! order of their content, so the order they are named in does not change what is written.

pub(crate) mod document;
mod post_text;
mod site_files;
mod wire;

pub use wire::{Response, SpIncident, merge};

use crate::authoring::Error;
use crate::authoring::slug::{slugify, unique};
use crate::authoring::write::write_checked;
use crate::load;
use crate::model::site::{COMPONENTS_FILE, CONFIG_FILE, INCIDENTS_DIR, MAINTENANCE_DIR};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Config, Incident, Maintenance, ParseContext};
use post_text::{MARKER, incident_text, maintenance_text, time};
use site_files::{import_components, site_time_zone};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written (full paths).
    pub written: Vec<PathBuf>,
    /// Incidents written.
    pub incidents: usize,
    /// Maintenance windows written.
    pub maintenance: usize,
    /// Posts left alone because they were imported before.
    pub kept: usize,
    /// Groups and components added.
    pub components: usize,
}

impl Report {
    /// One line for the terminal.
    pub fn summary(&self) -> String {
        format!(
            "Imported {} incidents, {} maintenance windows and {} components; {} posts were imported before and kept as they are.",
            self.incidents, self.maintenance, self.components, self.kept
        )
    }
}

/// A Statuspage id made safe for a file name or a comment: its first 40 ASCII letters and digits.
fn safe_id(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(40)
        .collect()
}

/// Imports Statuspage JSON files into the site folder `root`. Each file is checked before
/// anything is written; the first bad one (in the order given) is the error.
pub fn import_files(files: &[PathBuf], root: &Path) -> Result<Report, Error> {
    let mut read = files
        .iter()
        .map(|f| document::read(f))
        .collect::<Result<Vec<_>, _>>()?;
    // By content: the same files give the same site whatever their order.
    read.sort_by(|a, b| a.0.cmp(&b.0));
    import(merge(read.into_iter().map(|(_, r)| r).collect()), root)
}

/// Imports a merged Statuspage response into `root`.
pub fn import(r: Response, root: &Path) -> Result<Report, Error> {
    let page = r.page.clone().unwrap_or_default();
    let (new_config, tz, languages) = site_time_zone(root, &page)?;
    let all =
        (r.incidents.into_iter().flatten()).chain(r.scheduled_maintenances.into_iter().flatten());
    let (mut incidents, mut maintenance) = wire::posts(all.collect());
    let order = |a: &SpIncident, b: &SpIncident| {
        let t = |i: &SpIncident| time(i.started_at.as_deref().or(i.created_at.as_deref()));
        t(a).cmp(&t(b)).then_with(|| a.id.cmp(&b.id))
    };
    incidents.sort_by(order);
    maintenance.sort_by(order);
    let listed = r.components.unwrap_or_default();
    let components = import_components(
        root,
        &languages,
        &listed,
        incidents.iter().chain(&maintenance),
    )?;
    let catalog = &components.catalog;

    // Existing posts: their ids, and which Statuspage ids were imported before.
    let mut unreadable = Vec::new();
    let existing_posts: Vec<(PathBuf, String)> = [INCIDENTS_DIR, MAINTENANCE_DIR]
        .iter()
        .flat_map(|dir| {
            let paths = load::list_posts(root, dir, &mut unreadable);
            load::read_posts(root, paths, &mut unreadable)
        })
        .collect();
    if !unreadable.is_empty() {
        // Its id and its marker are unknown, so it could be imported again under another name.
        return Err(Error::invalid(
            "some existing posts cannot be read; nothing was imported",
            unreadable,
        ));
    }
    let mut taken: BTreeSet<String> = existing_posts
        .iter()
        .map(|(p, _)| load::post_id(p))
        .collect();
    let imported_before: BTreeSet<String> = existing_posts
        .iter()
        .filter_map(|(_, text)| {
            text.lines().take(3).find_map(|l| {
                l.strip_prefix("# ")
                    .and_then(|l| l.strip_prefix(MARKER))
                    .map(str::to_string)
            })
        })
        .collect();

    let ctx = ParseContext {
        tz,
        catalog,
        languages: &languages,
    };
    let mut report = Report {
        components: components.added,
        ..Report::default()
    };
    let mut posts: Vec<(PathBuf, String)> = Vec::new();
    for (kind, list) in [("incident", &incidents), ("maintenance", &maintenance)] {
        for i in list.iter() {
            if imported_before.contains(&format!("{kind} {}", safe_id(&i.id))) {
                report.kept += 1;
                continue;
            }
            let (dir, text, date) = if kind == "incident" {
                let (text, started) = incident_text(i, &components.ids);
                (INCIDENTS_DIR, text, started)
            } else {
                let (text, start) = maintenance_text(i, &components.ids);
                (MAINTENANCE_DIR, text, start)
            };
            let slug = slugify(&i.name, 50);
            let slug = if slug.is_empty() {
                kind.to_string()
            } else {
                slug
            };
            let base = format!("{}-{slug}", date.with_timezone(&tz).format("%Y-%m-%d"));
            let id = unique(&base, &safe_id(&i.id).to_lowercase(), &mut taken);
            let rel = Path::new(dir).join(format!("{id}.md"));
            check_post(ctx, kind, &id, &rel, &text)?;
            if kind == "incident" {
                report.incidents += 1;
            } else {
                report.maintenance += 1;
            }
            posts.push((rel, text));
        }
    }

    if let Some(text) = new_config {
        report
            .written
            .push(write_checked(root, Path::new(CONFIG_FILE), &text, |t| {
                Config::parse(TomlSource::file(Path::new(CONFIG_FILE), t))
                    .map(|_| ())
                    .map_err(|d| Error::invalid("the new statuspress.toml would not be valid", d))
            })?);
    }
    if let Some(text) = &components.new_text {
        report.written.push(write_checked(
            root,
            Path::new(COMPONENTS_FILE),
            text,
            |t| {
                Catalog::parse_in(TomlSource::file(Path::new(COMPONENTS_FILE), t), &languages)
                    .map(|_| ())
                    .map_err(|d| Error::invalid("components.toml would not be valid", d))
            },
        )?);
    }
    for (rel, text) in &posts {
        let kind = if rel.starts_with(INCIDENTS_DIR) {
            "incident"
        } else {
            "maintenance"
        };
        let id = load::post_id(rel);
        report.written.push(write_checked(root, rel, text, |t| {
            check_post(ctx, kind, &id, rel, t)
        })?);
    }
    Ok(report)
}

fn check_post(
    ctx: ParseContext<'_>,
    kind: &str,
    id: &str,
    rel: &Path,
    text: &str,
) -> Result<(), Error> {
    let mut d = Vec::new();
    let ok = if kind == "incident" {
        Incident::parse(id, rel, text, ctx, &mut d).is_some()
    } else {
        Maintenance::parse(id, rel, text, ctx, &mut d).is_some()
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            format!(
                "the imported {} would not be valid; nothing was written",
                rel.display()
            ),
            d,
        ))
    }
}

#[cfg(test)]
mod tests;
