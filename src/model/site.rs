//! A loaded site: everything a site folder holds, parsed, and the names of its parts.

use crate::diagnostic::Diagnostic;
use crate::model::probe_data::ProbeData;
use crate::model::probes::Probes;
use crate::model::{Announcement, Catalog, Config, Incident, Maintenance};
use std::collections::BTreeMap;

/// The site configuration file.
pub const CONFIG_FILE: &str = "statuspress.toml";
/// The component catalogue.
pub const COMPONENTS_FILE: &str = "components.toml";
/// Folder of incident posts.
pub const INCIDENTS_DIR: &str = "incidents";
/// Folder of maintenance posts.
pub const MAINTENANCE_DIR: &str = "maintenance";
/// Folder of announcements: notices shown on the index for a while.
pub const ANNOUNCEMENTS_DIR: &str = "announcements";
/// Folder of incident templates, which `new incident --template` starts from.
pub const INCIDENT_TEMPLATES_DIR: &str = "incident-templates";
/// Folder copied as is into the output.
pub const STATIC_DIR: &str = "static";
/// Folder of template overrides.
pub const TEMPLATES_DIR: &str = "templates";
/// The site's own texts, `i18n/<lang>.toml`, laid over the built-in translation tables.
pub const I18N_DIR: &str = "i18n";
/// Folder of themes.
pub const THEMES_DIR: &str = "themes";
/// Folder of what commands record in the site repository; never published.
pub const STATE_DIR: &str = ".statuspress";
/// What `statuspress notify` has announced, on which channel: its ledger.
pub const LEDGER_FILE: &str = ".statuspress/notified.json";
/// What `statuspress probe` measured: a folder per probe with `samples.csv` and `daily.csv`.
pub const PROBES_DATA_DIR: &str = ".statuspress/probes";

/// Everything a site folder holds, parsed.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site configuration.
    pub config: Config,
    /// Groups and components.
    pub catalog: Catalog,
    /// Incidents, sorted by id.
    pub incidents: Vec<Incident>,
    /// Maintenance windows, sorted by id.
    pub maintenance: Vec<Maintenance>,
    /// Announcements, sorted by id.
    pub announcements: Vec<Announcement>,
    /// The checks of `probes.toml` (none when the file is absent).
    pub probes: Probes,
    /// What `statuspress probe` measured, by probe id (read from a site folder only).
    pub probe_data: BTreeMap<String, ProbeData>,
    /// Files of `static/`, by output path, sorted.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template overrides (theme first, then the site's own), by template name.
    pub templates: Vec<(String, String)>,
    /// The site's own texts of `i18n/<lang>.toml`, by language tag.
    pub translations: BTreeMap<String, crate::i18n::Custom>,
    /// Warnings found while reading.
    pub warnings: Vec<Diagnostic>,
}
