//! The pure content model: parsing config, components, incidents and maintenance from text.
//!
//! Nothing here touches the file system; `load` reads files and hands their text to these parsers.
//! `urls` is the built site's URL layout: every output path and relative root comes from it.

pub mod announcement;
pub mod components;
pub mod config;
pub(crate) mod document;
pub(crate) mod frontmatter;
pub mod incident;
pub mod incident_template;
pub mod maintenance;
pub(crate) mod next_update;
pub mod post;
pub mod probe_data;
pub mod probes;
pub mod site;
pub mod status;
pub(crate) mod time;
pub mod toml_source;
pub(crate) mod translation;
pub(crate) mod update_text;
pub(crate) mod urls;

pub use announcement::Announcement;
pub use components::{Catalog, Component, Group};
pub use config::Config;
pub use incident::Incident;
pub use maintenance::Maintenance;
pub use post::{Affected, ParseContext, Update};
pub use site::Site;
pub use status::{ComponentStatus, Impact, IncidentStatus, Indicator, MaintenanceStatus};
