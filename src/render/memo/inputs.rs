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
use chrono::{DateTime, Utc};
use rayon::prelude::*;
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
    /// A maintenance file, by id: its text, which holds every window's updates.
    File(String),
    /// An announcement, by id (a global: unchanged whenever anything is reused).
    Announcement(String),
}

impl PostId {
    /// The name of a maintenance window.
    pub(crate) fn window(m: &Maintenance) -> PostId {
        let anchor = m.occurrence.map(|o| urls::occurrence_anchor(o.date));
        PostId::Window(m.id.clone(), anchor)
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

/// The inputs of every post of one rendering, in its order.
#[derive(Debug, Default)]
pub(super) struct Posts {
    incidents: Named<IncidentInputs>,
    /// Maintenance files: what their raw HTML is checked in.
    files: Named<Maintenance>,
    windows: Named<WindowInputs>,
}

/// Posts of one kind, each with the name it is matched by in the next rendering.
#[derive(Debug)]
struct Named<T> {
    names: Vec<String>,
    inputs: Vec<T>,
}

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named {
            names: Vec::new(),
            inputs: Vec::new(),
        }
    }
}

/// Which posts of this rendering are unchanged since the previous one: for each, by its index
/// in this rendering, its index in the previous one.
#[derive(Debug, Default)]
pub(super) struct Unchanged {
    /// Per incident of `site.incidents`.
    pub(super) incidents: Vec<Option<usize>>,
    /// Per maintenance file of `site.maintenance`.
    pub(super) files: Vec<Option<usize>>,
    /// Per window of `state.windows`.
    pub(super) windows: Vec<Option<usize>>,
    /// The unchanged posts by name, and every announcement.
    pub(super) ids: HashSet<PostId>,
}

/// Matches the posts named `names` with those of `old` by name: for each, the index of the
/// previous post of its name if `same` says their inputs are equal (never for a name given
/// twice), and the inputs to keep, taken from `old` where equal and made by `make` elsewhere.
fn matched<T: Sync>(
    old: Named<T>,
    names: Vec<String>,
    same: impl Fn(usize, &T) -> bool + Sync,
    make: impl Fn(usize) -> T,
) -> (Named<T>, Vec<Option<usize>>) {
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for n in &names {
        *count.entry(n).or_default() += 1;
    }
    let previous: HashMap<&str, usize> = (old.names.iter().enumerate())
        .map(|(j, n)| (n.as_str(), j))
        .collect();
    // Comparing the posts is most of the work: in parallel.
    let found: Vec<Option<usize>> = (names.par_iter().enumerate())
        .map(|(i, n)| {
            let j = *previous.get(n.as_str())?;
            (count[n.as_str()] == 1 && same(i, &old.inputs[j])).then_some(j)
        })
        .collect();
    drop((count, previous));
    let mut old: Vec<Option<T>> = old.inputs.into_iter().map(Some).collect();
    let inputs = (found.iter().enumerate())
        .map(|(i, j)| j.and_then(|j| old[j].take()).unwrap_or_else(|| make(i)))
        .collect();
    (Named { names, inputs }, found)
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
        let old = previous.unwrap_or_default();
        let (incidents, unchanged_incidents) = matched(
            old.incidents,
            site.incidents.iter().map(|i| i.id.clone()).collect(),
            |i, k| {
                k.incident == site.incidents[i]
                    && k.effects == state.effects[i]
                    && k.promise == state.promises[i]
            },
            |i| IncidentInputs {
                incident: site.incidents[i].clone(),
                effects: state.effects[i].clone(),
                promise: state.promises[i],
            },
        );
        let (files, unchanged_files) = matched(
            old.files,
            site.maintenance.iter().map(|m| m.id.clone()).collect(),
            |f, k| *k == site.maintenance[f],
            |f| site.maintenance[f].clone(),
        );
        let repeat = |w: usize| &site.maintenance[state.window_file[w]].repeat;
        let (windows, unchanged_windows) = matched(
            old.windows,
            state.windows.iter().map(Maintenance::key).collect(),
            |w, k| {
                k.window == state.windows[w]
                    && k.status == state.maintenance_status[w]
                    && k.effects == state.maintenance_effects[w]
                    && k.repeat == *repeat(w)
            },
            |w| WindowInputs {
                window: state.windows[w].clone(),
                status: state.maintenance_status[w],
                effects: state.maintenance_effects[w].clone(),
                repeat: repeat(w).clone(),
            },
        );
        let mut ids = HashSet::new();
        for (i, j) in unchanged_incidents.iter().enumerate() {
            if j.is_some() {
                ids.insert(PostId::Incident(site.incidents[i].id.clone()));
            }
        }
        for (f, j) in unchanged_files.iter().enumerate() {
            if j.is_some() {
                ids.insert(PostId::File(site.maintenance[f].id.clone()));
            }
        }
        for (w, j) in unchanged_windows.iter().enumerate() {
            if j.is_some() {
                ids.insert(PostId::window(&state.windows[w]));
            }
        }
        if known {
            ids.extend((site.announcements.iter()).map(|a| PostId::Announcement(a.id.clone())));
        }
        let posts = Posts {
            incidents,
            files,
            windows,
        };
        let unchanged = Unchanged {
            incidents: unchanged_incidents,
            files: unchanged_files,
            windows: unchanged_windows,
            ids,
        };
        (posts, unchanged)
    }

    /// The ids of the incidents, in order.
    pub(super) fn incident_ids(&self) -> &[String] {
        &self.incidents.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str], inputs: &[u32]) -> Named<u32> {
        Named {
            names: names.iter().map(|n| n.to_string()).collect(),
            inputs: inputs.to_vec(),
        }
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn posts_are_matched_by_name_and_equal_inputs() {
        let old = named(&["a", "b", "c"], &[1, 2, 3]);
        // "b" moved and changed, "c" moved, "d" is new, "a" is gone.
        let new_inputs = [3, 20, 4];
        let (kept, found) = matched(
            old,
            names(&["c", "b", "d"]),
            |i, old| *old == new_inputs[i],
            |i| new_inputs[i] + 100,
        );
        assert_eq!(found, [Some(2), None, None]);
        // The unchanged one is taken from the previous rendering; the others are made.
        assert_eq!(kept.inputs, [3, 120, 104]);
        assert_eq!(kept.names, names(&["c", "b", "d"]));
    }

    #[test]
    fn a_name_given_twice_is_never_unchanged() {
        let old = named(&["a"], &[1]);
        let (kept, found) = matched(old, names(&["a", "a"]), |_, _| true, |_| 7);
        assert_eq!(found, [None, None]);
        assert_eq!(kept.inputs, [7, 7]);
    }
}
