//! The endpoint files: each response envelope, filled and written.

use super::objects::{Component, Incident, Maintenance, Page, Status};
use super::{Api, LIMIT};
use crate::model::MaintenanceStatus;
use crate::model::urls;
use crate::output::Output;
use serde::Serialize;

impl Api<'_> {
    /// Writes every endpoint into `output`.
    pub fn render(&self, output: &mut Output) {
        let state = self.state;
        let incidents: Vec<Incident> = state
            .incidents
            .iter()
            .take(LIMIT)
            .map(|&i| self.incident(i))
            .collect();
        let shown: Vec<usize> = state.incidents.iter().take(LIMIT).copied().collect();
        // Open incidents past the cap (rare) are built on their own.
        let extra: Vec<(usize, Incident)> = state
            .open_incidents
            .iter()
            .filter(|i| !shown.contains(i))
            .map(|&i| (i, self.incident(i)))
            .collect();
        let find = |i: usize| -> &Incident {
            match shown.iter().position(|&x| x == i) {
                Some(k) => &incidents[k],
                None => &extra.iter().find(|(x, _)| *x == i).expect("built above").1,
            }
        };
        let mut unresolved: Vec<&Incident> =
            state.open_incidents.iter().map(|&i| find(i)).collect();
        let notices = self.announcements_in_api();
        let mut all: Vec<&Incident> = incidents.iter().collect();
        all.extend(notices.iter().map(|(_, o)| o));
        unresolved.extend(
            notices
                .iter()
                .filter(|(a, _)| state.shown_announcements.contains(a))
                .map(|(_, o)| o),
        );
        // Newest first; stable, so an incident stays before an announcement of the same instant.
        for list in [&mut all, &mut unresolved] {
            list.sort_by(|a, b| b.post.created_at.cmp(&a.post.created_at));
        }
        all.truncate(LIMIT);

        let told = state.told_windows();
        // Windows come latest start first; of a recurring window, only the occurrences that
        // have begun and its next one (see `told_windows`). Every list is still capped, in that
        // order: upcoming keeps the windows that start soonest, active those that started last,
        // and the summary every active window, then the soonest upcoming ones.
        let listed = |keep: &dyn Fn(MaintenanceStatus) -> bool| -> Vec<usize> {
            (told.iter().copied())
                .filter(|&m| keep(state.maintenance_status[m]))
                .collect()
        };
        let recent: Vec<usize> = told.iter().take(LIMIT).copied().collect();
        let scheduled = listed(&|s| s == MaintenanceStatus::Scheduled);
        let upcoming = soonest(&scheduled, LIMIT);
        let mut active = listed(&|s| s.is_active());
        active.truncate(LIMIT);
        let in_summary: Vec<usize> = (soonest(&scheduled, LIMIT - active.len()).iter())
            .chain(&active)
            .copied()
            .collect();
        // Each window listed anywhere is built once.
        let maintenance: Vec<(usize, Maintenance)> = (told.iter().copied())
            .filter(|m| recent.contains(m) || upcoming.contains(m) || active.contains(m))
            .map(|m| (m, self.maintenance(m)))
            .collect();
        let objects = |ids: &[usize]| -> Vec<&Maintenance> {
            (maintenance.iter())
                .filter(|(m, _)| ids.contains(m))
                .map(|(_, o)| o)
                .collect()
        };
        let all_maintenance = objects(&recent);
        let upcoming = objects(upcoming);
        let active = objects(&active);
        let upcoming_or_active = objects(&in_summary);

        let page = &self.page;
        let mut put = |path: &str, value: &dyn erased::Json| {
            output.insert(path, value.to_json());
        };
        put(
            urls::api::SUMMARY,
            &Summary {
                page,
                components: &self.listing,
                incidents: &unresolved,
                scheduled_maintenances: &upcoming_or_active,
                status: &self.status,
            },
        );
        put(
            urls::api::STATUS,
            &StatusEnvelope {
                page,
                status: &self.status,
            },
        );
        put(
            urls::api::COMPONENTS,
            &Components {
                page,
                components: &self.listing,
            },
        );
        put(
            urls::api::INCIDENTS,
            &Incidents {
                page,
                incidents: &all,
            },
        );
        put(
            urls::api::INCIDENTS_UNRESOLVED,
            &Incidents {
                page,
                incidents: &unresolved,
            },
        );
        for (path, list) in [
            (urls::api::MAINTENANCES, &all_maintenance),
            (urls::api::MAINTENANCES_UPCOMING, &upcoming),
            (urls::api::MAINTENANCES_ACTIVE, &active),
        ] {
            put(
                path,
                &Maintenances {
                    page,
                    scheduled_maintenances: list,
                },
            );
        }
    }
}

impl Api<'_> {
    /// The announcements the incident lists hold (none unless `[announcements] in_api`): the
    /// [`LIMIT`] most recent published ones and every one shown now, with their indexes.
    fn announcements_in_api(&self) -> Vec<(usize, Incident)> {
        let state = self.state;
        if !self.site.config.announcements.in_api {
            return Vec::new();
        }
        let recent = state.announcements.iter().take(LIMIT);
        let shown_older = state
            .shown_announcements
            .iter()
            .filter(|a| !state.announcements.iter().take(LIMIT).any(|r| r == *a));
        recent
            .chain(shown_older)
            .map(|&a| (a, self.announcement(a)))
            .collect()
    }
}

/// The last `n` of `list`: of windows listed latest start first, the `n` that start soonest.
fn soonest<T>(list: &[T], n: usize) -> &[T] {
    &list[list.len().saturating_sub(n)..]
}

/// Serialization of the envelopes without naming each type at the call site.
mod erased {
    /// A value that becomes compact JSON.
    pub trait Json {
        /// Compact JSON bytes.
        fn to_json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Vec<u8> {
            serde_json::to_vec(self).expect("API objects have only string keys")
        }
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    page: &'a Page,
    components: &'a [Component],
    incidents: &'a [&'a Incident],
    scheduled_maintenances: &'a [&'a Maintenance],
    status: &'a Status,
}

#[derive(Serialize)]
struct StatusEnvelope<'a> {
    page: &'a Page,
    status: &'a Status,
}

#[derive(Serialize)]
struct Components<'a> {
    page: &'a Page,
    components: &'a [Component],
}

#[derive(Serialize)]
struct Incidents<'a> {
    page: &'a Page,
    incidents: &'a [&'a Incident],
}

#[derive(Serialize)]
struct Maintenances<'a> {
    page: &'a Page,
    scheduled_maintenances: &'a [&'a Maintenance],
}
