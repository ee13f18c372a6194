//! The site's own files that an import creates or extends: `statuspress.toml` when there is
//! none, and `components.toml`, which gains the components it does not have yet.

use super::safe_id;
use super::wire::{Page, SpComponent, SpIncident};
use crate::authoring::Error;
use crate::authoring::slug::{slugify, unique};
use crate::authoring::text::one_line;
use crate::model::frontmatter::toml_string;
use crate::model::site::{COMPONENTS_FILE, CONFIG_FILE};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Config};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The site time zone and languages: from `statuspress.toml`, or else the page's zone (and no
/// languages known), with the text of a new `statuspress.toml` in that case.
pub(super) fn site_time_zone(
    root: &Path,
    page: &Page,
) -> Result<(Option<String>, Tz, Vec<String>), Error> {
    match fs::read_to_string(root.join(CONFIG_FILE)) {
        Ok(text) => {
            let config = Config::parse(TomlSource::file(Path::new(CONFIG_FILE), &text))
                .map_err(|d| Error::invalid("fix statuspress.toml first", d))?;
            Ok((None, config.time_zone, config.languages))
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
            let title = site_title(page.name.as_deref());
            let text = format!(
                "# Created by `statuspress import statuspage`.\ntitle = {}\nbase_url = {}  # change to where this site is published\ntime_zone = {}\n",
                toml_string(&title),
                toml_string(url),
                toml_string(tz.name())
            );
            Ok((Some(text), tz, Vec::new()))
        }
    }
}

/// The title of an imported site: the page's name with " Status", unless the name already ends
/// with "Status" or "Status Page" (in any case); "Status" when the page has no name.
pub(super) fn site_title(name: Option<&str>) -> String {
    let Some(name) = name.map(one_line).filter(|n| !n.is_empty()) else {
        return "Status".to_string();
    };
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    let said = match words.as_slice() {
        [.., last] if last.ends_with("status") => true,
        [.., status, "page"] => *status == "status",
        _ => false,
    };
    if said { name } else { format!("{name} Status") }
}

/// The components after an import.
pub(super) struct ImportedComponents {
    /// Site id of each Statuspage component and group id.
    pub ids: BTreeMap<String, String>,
    /// How many groups and components were added.
    pub added: usize,
    /// The new text of `components.toml`; `None` when nothing is added.
    pub new_text: Option<String>,
    /// The catalogue the imported posts are checked against.
    pub catalog: Catalog,
}

/// Maps every component of the page and of its posts (in that order) to a site id, adding the
/// ones `components.toml` (of a site of `languages`) does not have.
pub(super) fn import_components<'a>(
    root: &Path,
    languages: &[String],
    listed: &[SpComponent],
    posts: impl Iterator<Item = &'a SpIncident>,
) -> Result<ImportedComponents, Error> {
    let components_text = fs::read_to_string(root.join(COMPONENTS_FILE)).ok();
    let existing = match &components_text {
        Some(t) => Catalog::parse_in(TomlSource::file(Path::new(COMPONENTS_FILE), t), languages)
            .map_err(|d| Error::invalid("fix components.toml first", d))?,
        None => Catalog::default(),
    };
    let mut map = ComponentMap::new(existing);

    // Groups first (children need their ids), then components, in the page's order.
    let listed = display_order(listed);
    for c in listed.iter().filter(|c| c.group) {
        map.add(c, None);
    }
    for c in listed.iter().filter(|c| !c.group) {
        let group = c.group_id.as_ref().and_then(|g| map.ids.get(g)).cloned();
        map.add(c, group.as_deref());
    }
    // Components only referenced by posts.
    for i in posts {
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
                        position: None,
                        showcase: None,
                        only_show_if_degraded: None,
                    },
                    None,
                );
            }
        }
    }
    // A site needs the file even when the import adds nothing to it (a page of maintenance only).
    let new_components = (map.added > 0 || components_text.is_none()).then(|| {
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
        Some(t) => Catalog::parse_in(TomlSource::file(Path::new(COMPONENTS_FILE), t), languages)
            .map_err(|d| {
                Error::invalid(
                    "the imported components would not be valid; nothing was written",
                    d,
                )
            })?,
        None => map.existing,
    };
    Ok(ImportedComponents {
        ids: map.ids,
        added: map.added,
        new_text: new_components,
        catalog,
    })
}

/// Components in the order the page shows them: top-level entries by `position`, members by their
/// group's place and then their own. When some entry has no position (old public pages), the
/// order listed.
fn display_order(listed: &[SpComponent]) -> Vec<&SpComponent> {
    let mut sorted: Vec<&SpComponent> = listed.iter().collect();
    if listed.iter().any(|c| c.position.is_none()) {
        return sorted;
    }
    let groups: BTreeMap<&str, Option<i64>> = listed
        .iter()
        .filter(|c| c.group)
        .map(|c| (c.id.as_str(), c.position))
        .collect();
    sorted.sort_by_key(
        |c| match c.group_id.as_deref().and_then(|g| groups.get(g)) {
            Some(&group) if !c.group => (group, c.position),
            _ => (c.position, None),
        },
    );
    sorted
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
        // Statuspage's defaults are statuspress's: only a change of them is written.
        if !c.group && c.showcase == Some(false) {
            t.push_str("showcase = false\n");
        }
        if !c.group && c.only_show_if_degraded == Some(true) {
            t.push_str("only_show_if_degraded = true\n");
        }
        self.added_text.push_str(&t);
        self.added += 1;
    }
}
