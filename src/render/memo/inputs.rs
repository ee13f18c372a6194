//! What a rendering reads: the globals, compared whole, and each post's own inputs, compared
//! post by post to tell which posts are unchanged since the previous rendering.

use super::Mode;
use crate::derive::State;
use crate::derive::promise::Live;
use crate::i18n::Custom;
use crate::model::maintenance::recurrence::Repeat;
use crate::model::probe_data::ProbeData;
use crate::model::probes::Probes;
use crate::model::urls;
use crate::model::{
    Announcement, Catalog, ComponentStatus, Config, Incident, Maintenance, MaintenanceStatus, Site,
};
use crate::render::views::PostView;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Everything a rendering reads that is not a post: the clock, who it is for, and every part of
/// the site but its incidents and maintenance. When any of it differs from the previous
/// rendering's, nothing is reused.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Globals {
    now: DateTime<Utc>,
    mode: Mode,
    config: Config,
    catalog: Catalog,
    announcements: Vec<Announcement>,
    probes: Probes,
    probe_data: BTreeMap<String, ProbeData>,
    static_files: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
    translations: BTreeMap<String, Custom>,
}

impl Globals {
    pub(super) fn of(site: &Site, now: DateTime<Utc>, mode: Mode) -> Globals {
        // Every field named: a part added to `Site` does not compile here until it is either
        // a global or a post's.
        let Site {
            config,
            catalog,
            incidents: _,
            maintenance: _,
            announcements,
            probes,
            probe_data,
            static_files,
            templates,
            translations,
            warnings: _,
        } = site;
        Globals {
            now,
            mode,
            config: config.clone(),
            catalog: catalog.clone(),
            announcements: announcements.clone(),
            probes: probes.clone(),
            probe_data: probe_data.clone(),
            static_files: static_files.clone(),
            templates: templates.clone(),
            translations: translations.clone(),
        }
    }
}

/// A post as files name it when they say what they read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum PostId {
    /// An incident, by id.
    Incident(String),
    /// A maintenance window: its file's id, and for an occurrence of a recurring one, the
    /// anchor of the occurrence on the file's page.
    Window(String, Option<String>),
    /// An announcement, by id (a global: unchanged whenever anything is reused).
    Announcement(String),
}

impl PostId {
    /// The name of a maintenance window.
    pub(crate) fn window(m: &Maintenance) -> PostId {
        let anchor = m.occurrence.map(|o| urls::occurrence_anchor(o.date));
        PostId::Window(m.id.clone(), anchor)
    }

    /// The name of the post a view shows.
    pub(crate) fn of_view(view: &PostView) -> PostId {
        match view.kind {
            "incident" => PostId::Incident(view.id.clone()),
            _ => PostId::Window(view.id.clone(), view.anchor.clone()),
        }
    }
}

/// What an incident's view and page read besides the globals: the incident as loaded, its
/// effects on components and its live promise (`views::posts::incident_view`).
#[derive(Debug, Clone, PartialEq)]
struct IncidentInputs {
    incident: Incident,
    effects: Vec<(usize, ComponentStatus)>,
    promise: Option<Live>,
}

/// What a maintenance window's view reads besides the globals: the window, its status, the
/// components it covers and its file's recurrence (`views::posts::maintenance_view`).
#[derive(Debug, Clone, PartialEq)]
struct WindowInputs {
    window: Maintenance,
    status: MaintenanceStatus,
    effects: Vec<usize>,
    repeat: Option<Repeat>,
}

/// The inputs of every post of one rendering, by id.
#[derive(Debug, Default)]
pub(super) struct Posts {
    incidents: HashMap<String, IncidentInputs>,
    /// Maintenance files, by id: what their raw HTML is checked in.
    files: HashMap<String, Maintenance>,
    windows: HashMap<String, WindowInputs>,
}

/// Which posts of this rendering are unchanged since the previous one.
#[derive(Debug, Default)]
pub(super) struct Unchanged {
    /// Per incident of `site.incidents`.
    pub(super) incidents: Vec<bool>,
    /// Per maintenance file of `site.maintenance`.
    pub(super) files: Vec<bool>,
    /// Per window of `state.windows`.
    pub(super) windows: Vec<bool>,
    /// The same, by name, with every announcement.
    pub(super) ids: HashSet<PostId>,
}

impl Posts {
    /// The inputs of the posts of `site` at `state`, taking those equal to `previous`'s from
    /// it, and which ones those are. Without `previous`, none is unchanged.
    pub(super) fn compare(
        site: &Site,
        state: &State,
        previous: Option<Posts>,
    ) -> (Posts, Unchanged) {
        let known = previous.is_some();
        let mut old = previous.unwrap_or_default();
        let mut posts = Posts::default();
        let mut unchanged = Unchanged::default();
        for (i, inc) in site.incidents.iter().enumerate() {
            let (effects, promise) = (&state.effects[i], &state.promises[i]);
            let same = old
                .incidents
                .remove(&inc.id)
                .filter(|k| k.incident == *inc && k.effects == *effects && k.promise == *promise);
            unchanged.incidents.push(same.is_some());
            if same.is_some() {
                unchanged.ids.insert(PostId::Incident(inc.id.clone()));
            }
            let inputs = same.unwrap_or_else(|| IncidentInputs {
                incident: inc.clone(),
                effects: effects.clone(),
                promise: *promise,
            });
            if posts.incidents.insert(inc.id.clone(), inputs).is_some() {
                // Two incidents of one id (which loading refuses): neither counts as unchanged.
                unchanged.ids.remove(&PostId::Incident(inc.id.clone()));
                for (j, other) in site.incidents[..=i].iter().enumerate() {
                    if other.id == inc.id {
                        unchanged.incidents[j] = false;
                    }
                }
            }
        }
        for m in &site.maintenance {
            let same = old.files.remove(&m.id).filter(|k| k == m);
            unchanged.files.push(same.is_some());
            posts
                .files
                .insert(m.id.clone(), same.unwrap_or_else(|| m.clone()));
        }
        for (w, window) in state.windows.iter().enumerate() {
            let key = window.key();
            let repeat = &site.maintenance[state.window_file[w]].repeat;
            let (status, effects) = (state.maintenance_status[w], &state.maintenance_effects[w]);
            let same = old.windows.remove(&key).filter(|k| {
                k.window == *window
                    && k.status == status
                    && k.effects == *effects
                    && k.repeat == *repeat
            });
            unchanged.windows.push(same.is_some());
            if same.is_some() {
                unchanged.ids.insert(PostId::window(window));
            }
            let inputs = same.unwrap_or_else(|| WindowInputs {
                window: window.clone(),
                status,
                effects: effects.clone(),
                repeat: repeat.clone(),
            });
            if posts.windows.insert(key.clone(), inputs).is_some() {
                // Two windows of one key (which the model does not make): neither is told
                // apart, so neither counts as unchanged.
                unchanged.ids.remove(&PostId::window(window));
                for (v, other) in state.windows[..=w].iter().enumerate() {
                    if other.key() == key {
                        unchanged.windows[v] = false;
                    }
                }
            }
        }
        if known {
            let announcements = site.announcements.iter();
            (unchanged.ids).extend(announcements.map(|a| PostId::Announcement(a.id.clone())));
        }
        (posts, unchanged)
    }
}
