//! Statuspage API v2 JSON (`components.json` or `summary.json`, `incidents.json`,
//! `scheduled-maintenances.json`) to a site folder: `components.toml` with groups, one Markdown
//! file per incident and maintenance window with every update.
//!
//! Importing merges: an existing `statuspress.toml` is kept, components are appended only when
//! their id is new, and a post already imported (its front matter names its Statuspage id) is
//! left as it is. So importing the same files twice changes nothing.

use super::html_to_md;
use crate::authoring::Error;
use crate::authoring::slug::{slugify, unique};
use crate::authoring::text::{heading_time_seconds, one_line};
use crate::authoring::write::write_checked;
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::frontmatter::{
    AffectedLine, IncidentFrontMatter, MaintenanceFrontMatter, toml_string,
};
use crate::model::site::{COMPONENTS_FILE, CONFIG_FILE, INCIDENTS_DIR, MAINTENANCE_DIR};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, ComponentStatus, Config, Impact, Incident, Maintenance, ParseContext};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The part of a Statuspage response the import reads.
#[derive(Debug, Default, Deserialize)]
pub struct Response {
    /// The page.
    pub page: Option<Page>,
    /// Components and groups (components.json, summary.json).
    pub components: Option<Vec<SpComponent>>,
    /// Incidents (incidents.json; unresolved ones in summary.json).
    pub incidents: Option<Vec<SpIncident>>,
    /// Maintenance (scheduled-maintenances.json, summary.json).
    pub scheduled_maintenances: Option<Vec<SpIncident>>,
}

/// `page`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Page {
    /// Page name.
    pub name: Option<String>,
    /// Public address.
    pub url: Option<String>,
    /// IANA time zone.
    pub time_zone: Option<String>,
}

/// A component or group.
#[derive(Debug, Clone, Deserialize)]
pub struct SpComponent {
    /// Statuspage id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// True for groups.
    #[serde(default)]
    pub group: bool,
    /// Parent group id.
    pub group_id: Option<String>,
    /// Start date, `YYYY-MM-DD`.
    pub start_date: Option<String>,
}

/// An incident or scheduled maintenance.
#[derive(Debug, Clone, Deserialize)]
pub struct SpIncident {
    /// Statuspage id.
    pub id: String,
    /// Title.
    pub name: String,
    /// Status.
    pub status: String,
    /// Impact.
    pub impact: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Last changed.
    pub updated_at: Option<String>,
    /// Impact start.
    pub started_at: Option<String>,
    /// Resolution.
    pub resolved_at: Option<String>,
    /// Maintenance start.
    pub scheduled_for: Option<String>,
    /// Maintenance end.
    pub scheduled_until: Option<String>,
    /// Updates, newest first.
    #[serde(default)]
    pub incident_updates: Vec<SpUpdate>,
    /// Components (full objects).
    #[serde(default)]
    pub components: Vec<SpComponent>,
}

/// One update.
#[derive(Debug, Clone, Deserialize)]
pub struct SpUpdate {
    /// Status after the update.
    pub status: String,
    /// HTML-ish body.
    pub body: Option<String>,
    /// Shown time.
    pub display_at: Option<String>,
    /// Posted time.
    pub created_at: Option<String>,
    /// Component changes.
    pub affected_components: Option<Vec<SpAffected>>,
}

/// A component change in an update.
#[derive(Debug, Clone, Deserialize)]
pub struct SpAffected {
    /// Component id (missing in some odd entries).
    pub code: Option<String>,
    /// Name, "Group - Child" for grouped components.
    pub name: Option<String>,
    /// Status after the update.
    pub new_status: Option<String>,
}

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

/// How the marker comment of an imported post starts.
const MARKER: &str = "Imported from Statuspage: ";

/// Marker comment in an imported post's front matter, naming its source.
fn marker(kind: &str, id: &str) -> String {
    format!("{MARKER}{kind} {}", safe_id(id))
}

fn safe_id(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(40)
        .collect()
}

fn read_response(path: &Path) -> Result<Response, Error> {
    let text = fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
    let r: Response = serde_json::from_str(&text).map_err(|e| {
        Error::invalid(
            format!("{} is not Statuspage API JSON", path.display()),
            vec![Diagnostic::error(path, (e.line(), e.column()), json_message(&e)).with_hint(
                "save the response of /api/v2/summary.json, components.json, incidents.json or scheduled-maintenances.json",
            )],
        )
    })?;
    if r.components.is_none() && r.incidents.is_none() && r.scheduled_maintenances.is_none() {
        return Err(Error::new(format!(
            "{} has none of `components`, `incidents` or `scheduled_maintenances`",
            path.display()
        ))
        .with_hint("pass the JSON of /api/v2/summary.json, components.json, incidents.json or scheduled-maintenances.json"));
    }
    Ok(r)
}

/// A serde_json error without its " at line L column C" suffix (the diagnostic has them).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Reads the files and merges them into one response (first of each id wins, except that the
/// copy of an incident with more updates wins over a shorter one).
pub fn merge(responses: Vec<Response>) -> Response {
    let mut page = None;
    let mut components: Vec<SpComponent> = Vec::new();
    let mut incidents: Vec<SpIncident> = Vec::new();
    let mut maintenance: Vec<SpIncident> = Vec::new();
    let add = |list: &mut Vec<SpIncident>, items: Vec<SpIncident>| {
        for i in items {
            match list.iter_mut().find(|x| x.id == i.id) {
                Some(x)
                    if (i.incident_updates.len(), &i.updated_at)
                        > (x.incident_updates.len(), &x.updated_at) =>
                {
                    *x = i
                }
                Some(_) => {}
                None => list.push(i),
            }
        }
    };
    for r in responses {
        page = page.or(r.page);
        for c in r.components.unwrap_or_default() {
            if !components.iter().any(|x| x.id == c.id) {
                components.push(c);
            }
        }
        add(&mut incidents, r.incidents.unwrap_or_default());
        add(
            &mut maintenance,
            r.scheduled_maintenances.unwrap_or_default(),
        );
    }
    Response {
        page,
        components: Some(components),
        incidents: Some(incidents),
        scheduled_maintenances: Some(maintenance),
    }
}

/// Imports Statuspage JSON files into the site folder `root`.
pub fn import_files(files: &[PathBuf], root: &Path) -> Result<Report, Error> {
    let responses = files
        .iter()
        .map(|f| read_response(f))
        .collect::<Result<Vec<_>, _>>()?;
    import(merge(responses), root)
}

fn time(s: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s?.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(0))
}

fn update_time(u: &SpUpdate) -> Option<DateTime<Utc>> {
    time(u.display_at.as_deref()).or_else(|| time(u.created_at.as_deref()))
}

/// Maps Statuspage component ids to site ids, and collects the TOML of new entries.
struct ComponentMap {
    ids: BTreeMap<String, String>,
    taken: BTreeSet<String>,
    existing: Catalog,
    added_text: String,
    added: usize,
}

impl ComponentMap {
    fn new(existing: Catalog) -> Self {
        ComponentMap {
            ids: BTreeMap::new(),
            taken: BTreeSet::new(),
            existing,
            added_text: String::new(),
            added: 0,
        }
    }

    /// Assigns an id to a Statuspage component or group and appends it unless it exists.
    fn add(&mut self, c: &SpComponent, group: Option<&str>) {
        if self.ids.contains_key(&c.id) {
            return;
        }
        let name = one_line(&c.name);
        let base = slugify(&name, 40);
        let base = if base.is_empty() {
            format!("c-{}", safe_id(&c.id).to_lowercase())
        } else {
            base
        };
        let mut id = unique(&base, &safe_id(&c.id).to_lowercase(), &mut self.taken);
        let same_kind = if c.group {
            self.existing.group(&id).is_some()
        } else {
            self.existing.component(&id).is_some()
        };
        let other_kind = self.existing.target(&id).is_some() && !same_kind;
        if other_kind {
            let mut all: BTreeSet<String> = self.taken.clone();
            all.extend(self.existing.ids().into_iter().map(str::to_string));
            id = unique(
                &format!("{base}-{}", if c.group { "group" } else { "component" }),
                "",
                &mut all,
            );
            self.taken.insert(id.clone());
        }
        self.ids.insert(c.id.clone(), id.clone());
        if same_kind {
            return;
        }
        let mut t = format!(
            "\n[[{}]]\nid = {}\nname = {}\n",
            if c.group { "group" } else { "component" },
            toml_string(&id),
            toml_string(if name.is_empty() { &id } else { &name })
        );
        if let Some(g) = group {
            t.push_str(&format!("group = {}\n", toml_string(g)));
        }
        if let Some(d) = c
            .description
            .as_deref()
            .map(one_line)
            .filter(|d| !d.is_empty())
        {
            t.push_str(&format!("description = {}\n", toml_string(&d)));
        }
        if let Some(date) = c
            .start_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            t.push_str(&format!("since = {date}\n"));
        }
        self.added_text.push_str(&t);
        self.added += 1;
    }
}

fn site_time_zone(root: &Path, page: &Page) -> Result<(Option<String>, Tz), Error> {
    match fs::read_to_string(root.join(CONFIG_FILE)) {
        Ok(text) => {
            let config = Config::parse(TomlSource::file(Path::new(CONFIG_FILE), &text))
                .map_err(|d| Error::invalid("fix statuspress.toml first", d))?;
            Ok((None, config.time_zone))
        }
        Err(_) => {
            let tz = page
                .time_zone
                .as_deref()
                .and_then(|t| t.parse::<Tz>().ok())
                .unwrap_or(Tz::UTC);
            let url = page
                .url
                .as_deref()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .unwrap_or("https://example.github.io/status");
            let title = page.name.as_deref().map(one_line).filter(|n| !n.is_empty());
            let title = title.map_or_else(|| "Status".to_string(), |n| format!("{n} Status"));
            let text = format!(
                "# Created by `statuspress import statuspage`.\ntitle = {}\nbase_url = {}  # change to where this site is published\ntime_zone = {}\n",
                toml_string(&title),
                toml_string(url),
                toml_string(tz.name())
            );
            Ok((Some(text), tz))
        }
    }
}

/// Imports a merged Statuspage response into `root`.
pub fn import(r: Response, root: &Path) -> Result<Report, Error> {
    let page = r.page.clone().unwrap_or_default();
    let (new_config, tz) = site_time_zone(root, &page)?;
    let components_text = fs::read_to_string(root.join(COMPONENTS_FILE)).ok();
    let existing = match &components_text {
        Some(t) => Catalog::parse(TomlSource::file(Path::new(COMPONENTS_FILE), t))
            .map_err(|d| Error::invalid("fix components.toml first", d))?,
        None => Catalog::default(),
    };
    let mut map = ComponentMap::new(existing);

    // Groups first (children need their ids), then components, in the page's order.
    let listed = r.components.unwrap_or_default();
    for c in listed.iter().filter(|c| c.group) {
        map.add(c, None);
    }
    for c in listed.iter().filter(|c| !c.group) {
        let group = c.group_id.as_ref().and_then(|g| map.ids.get(g)).cloned();
        map.add(c, group.as_deref());
    }
    let mut incidents = r.incidents.unwrap_or_default();
    let mut maintenance = r.scheduled_maintenances.unwrap_or_default();
    let order = |a: &SpIncident, b: &SpIncident| {
        let t = |i: &SpIncident| time(i.started_at.as_deref().or(i.created_at.as_deref()));
        t(a).cmp(&t(b)).then_with(|| a.id.cmp(&b.id))
    };
    incidents.sort_by(order);
    maintenance.sort_by(order);
    // Components only referenced by posts.
    for i in incidents.iter().chain(&maintenance) {
        for c in &i.components {
            let group = c.group_id.as_ref().and_then(|g| map.ids.get(g)).cloned();
            map.add(c, group.as_deref());
        }
        for a in i
            .incident_updates
            .iter()
            .flat_map(|u| u.affected_components.iter().flatten())
        {
            if let (Some(code), Some(name)) = (&a.code, &a.name) {
                map.add(
                    &SpComponent {
                        id: code.clone(),
                        name: name.clone(),
                        description: None,
                        group: false,
                        group_id: None,
                        start_date: None,
                    },
                    None,
                );
            }
        }
    }
    let new_components = (map.added > 0).then(|| {
        let mut text = components_text.clone().unwrap_or_else(|| {
            "# Groups and components, in display order. Imported from Statuspage.\n".to_string()
        });
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&map.added_text);
        text
    });
    let catalog = match &new_components {
        Some(t) => {
            Catalog::parse(TomlSource::file(Path::new(COMPONENTS_FILE), t)).map_err(|d| {
                Error::invalid(
                    "the imported components would not be valid; nothing was written",
                    d,
                )
            })?
        }
        None => map.existing.clone(),
    };

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
        catalog: &catalog,
    };
    let mut report = Report {
        components: map.added,
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
                let (text, started) = incident_text(i, &map.ids);
                (INCIDENTS_DIR, text, started)
            } else {
                let (text, start) = maintenance_text(i, &map.ids);
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
    if let Some(text) = &new_components {
        report.written.push(write_checked(
            root,
            Path::new(COMPONENTS_FILE),
            text,
            |t| {
                Catalog::parse(TomlSource::file(Path::new(COMPONENTS_FILE), t))
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

/// Updates newest first: by shown time, keeping the page's order for equal times.
fn sorted_updates(i: &SpIncident) -> Vec<&SpUpdate> {
    let mut ups: Vec<&SpUpdate> = i.incident_updates.iter().collect();
    let precise = |u: &SpUpdate| {
        u.display_at
            .as_deref()
            .or(u.created_at.as_deref())
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    ups.sort_by_key(|u| std::cmp::Reverse(precise(u)));
    ups
}

fn incident_word(status: &str) -> &'static str {
    match status {
        "investigating" => "Investigating",
        "identified" => "Identified",
        "monitoring" => "Monitoring",
        "resolved" => "Resolved",
        "postmortem" => "Postmortem",
        _ => "Update",
    }
}

fn maintenance_word(status: &str) -> &'static str {
    match status {
        "scheduled" => "Scheduled",
        "in_progress" => "In progress",
        "verifying" => "Verifying",
        "completed" => "Completed",
        _ => "Update",
    }
}

fn timeline(
    updates: &[&SpUpdate],
    word: fn(&str) -> &'static str,
    fallback: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    for u in updates {
        let at = update_time(u).unwrap_or(fallback);
        let body = html_to_md::convert(u.body.as_deref().unwrap_or(""));
        out.push_str(&format!(
            "\n## {} — {}\n",
            word(&u.status),
            heading_time_seconds(at)
        ));
        if !body.trim().is_empty() {
            out.push_str(body.trim());
            out.push('\n');
        }
    }
    out
}

/// The incident file's text and its start.
fn incident_text(i: &SpIncident, ids: &BTreeMap<String, String>) -> (String, DateTime<Utc>) {
    let updates = sorted_updates(i);
    let declared = time(i.started_at.as_deref()).or_else(|| time(i.created_at.as_deref()));
    let earliest = updates.iter().filter_map(|u| update_time(u)).min();
    // A back-dated incident can have its first update before `started_at`; start at the earlier.
    let started = match (declared, earliest) {
        (Some(d), Some(e)) => d.min(e),
        (d, e) => d.or(e).unwrap_or_default(),
    };
    let impact = i
        .impact
        .as_deref()
        .and_then(Impact::parse)
        .unwrap_or(Impact::None);
    let resolved = matches!(i.status.as_str(), "resolved" | "postmortem").then(|| {
        time(i.resolved_at.as_deref())
            .or_else(|| {
                updates
                    .iter()
                    .find(|u| u.status == "resolved")
                    .and_then(|u| update_time(u))
            })
            .or_else(|| updates.first().and_then(|u| update_time(u)))
            .unwrap_or(started)
            .max(started)
    });
    // Affected components, in order of first mention, with the worst status an update gave.
    let mut affected: Vec<(String, Option<ComponentStatus>)> = Vec::new();
    let mut note = |code: &str, status: Option<ComponentStatus>| {
        let Some(id) = ids.get(code) else { return };
        match affected.iter_mut().find(|(a, _)| a == id) {
            Some((_, s)) => *s = (*s).max(status),
            None => affected.push((id.clone(), status)),
        }
    };
    for c in &i.components {
        note(&c.id, None);
    }
    for u in updates.iter().rev() {
        for a in u.affected_components.iter().flatten() {
            if let Some(code) = &a.code {
                note(
                    code,
                    a.new_status.as_deref().and_then(ComponentStatus::parse),
                );
            }
        }
    }
    // With any status given, every component gets one (its impact's when none was given).
    let statuses: Vec<(String, ComponentStatus)> = affected
        .iter()
        .map(|(id, s)| (id.clone(), s.unwrap_or_else(|| impact.component_status())))
        .collect();
    let ids: Vec<String> = affected.iter().map(|(id, _)| id.clone()).collect();
    let affected = if affected.iter().any(|(_, s)| s.is_some()) {
        Some(AffectedLine::Statuses(&statuses))
    } else {
        (!ids.is_empty()).then_some(AffectedLine::Ids(&ids))
    };
    let front_matter = IncidentFrontMatter {
        comment: Some(&marker("incident", &i.id)),
        title: &title(&i.name),
        impact,
        started,
        resolved,
        affected,
    };
    let text = front_matter.to_text() + &timeline(&updates, incident_word, started);
    (text, started)
}

fn title(name: &str) -> String {
    let t = one_line(name);
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t
    }
}

/// The maintenance file's text and its start.
fn maintenance_text(m: &SpIncident, ids: &BTreeMap<String, String>) -> (String, DateTime<Utc>) {
    let updates = sorted_updates(m);
    let fallback = time(m.started_at.as_deref())
        .or_else(|| time(m.created_at.as_deref()))
        .or_else(|| updates.last().and_then(|u| update_time(u)))
        .unwrap_or_default();
    let start = time(m.scheduled_for.as_deref()).unwrap_or(fallback);
    let end = time(m.scheduled_until.as_deref())
        .filter(|e| *e > start)
        .unwrap_or(start + Duration::hours(1));
    let mut affected: Vec<String> = Vec::new();
    let codes = m
        .components
        .iter()
        .map(|c| c.id.clone())
        .chain(updates.iter().flat_map(|u| {
            u.affected_components
                .iter()
                .flatten()
                .filter_map(|a| a.code.clone())
        }));
    for code in codes {
        if let Some(id) = ids.get(&code)
            && !affected.contains(id)
        {
            affected.push(id.clone());
        }
    }
    let front_matter = MaintenanceFrontMatter {
        comment: Some(&marker("maintenance", &m.id)),
        title: &title(&m.name),
        start,
        end,
        affected: (!affected.is_empty()).then_some(AffectedLine::Ids(&affected)),
    };
    let text = front_matter.to_text() + &timeline(&updates, maintenance_word, start);
    (text, start)
}

#[cfg(test)]
mod tests;
