//! The events of maintenance windows, single or one occurrence of a recurring one.

use super::{Event, Source, body, component_names, key_time, number_keys, window_text};
use crate::derive::State;
use crate::derive::lifecycle::{self, Body, Lifecycle, Step};
use crate::i18n::Table;
use crate::model::urls;
use crate::model::{MaintenanceStatus, Site};
use crate::notify::notice::{Notice, NoticeKind, Tone, Words};
use crate::render::views::format::time_view;

/// The events of the window `state.windows[i]` in the words of `t`; `tells_series` for the window
/// of a recurring file that tells the announcement of its series.
pub(super) fn events(
    site: &Site,
    state: &State,
    (i, tells_series, t): (usize, bool, &'static Table),
    out: &mut Vec<Event>,
) {
    let m = &state.windows[i];
    // An occurrence that started before the longest `max_age_hours` tells nothing of its own.
    let max_age = site
        .config
        .notify
        .channels
        .iter()
        .map(|c| c.max_age_hours)
        .max()
        .unwrap_or(0);
    let old =
        m.occurrence.is_some() && m.start < state.now - chrono::Duration::hours(i64::from(max_age));
    if old && !tells_series {
        return;
    }
    // The same timeline the API shows at this clock.
    let life: Lifecycle = lifecycle::maintenance(m, state.now);
    let series_thread = format!("maintenance/{}", m.id);
    let own_thread = format!("maintenance/{}", m.key());
    // A step of the series' announcement, rather than of this occurrence.
    let of_series = |step: &Step| {
        m.occurrence.is_some_and(|o| match step.body {
            Body::Update(k) | Body::SummaryThenUpdate(k) => m.updates[k].at < o.first_start,
            Body::Summary | Body::Default(_) => {
                step.status == MaintenanceStatus::Scheduled.as_str()
            }
            // Maintenance has no postmortem.
            Body::Postmortem => false,
        })
    };
    let mut seen: Vec<&str> = Vec::new();
    // The summary of an announcement nobody wrote (or the series told), carried to the step that
    // tells the start.
    let mut carried: Option<String> = None;
    let mut found: Vec<(usize, &Step, NoticeKind, String, String)> = Vec::new();
    for (k, step) in life.steps.iter().enumerate().rev() {
        let series = of_series(step);
        if !series && old {
            continue;
        }
        if series && !tells_series {
            if !m.summary.trim().is_empty() {
                carried = Some(m.summary.trim().to_string());
            }
            continue;
        }
        let thread = if series { &series_thread } else { &own_thread };
        let mut text = body(&m.summary, &m.updates, None, step.body, t);
        if let Some(summary) = carried.take()
            && !text.starts_with(&summary)
        {
            text = format!("{summary}\n\n{text}");
        }
        let status = MaintenanceStatus::parse(step.status);
        let first = !seen.contains(&step.status);
        seen.push(step.status);
        let (kind, key) = match status {
            // Nobody announced the window before it started: its start says it all.
            Some(MaintenanceStatus::Scheduled)
                if first
                    && step.at >= m.start
                    && !matches!(step.body, Body::Update(_) | Body::SummaryThenUpdate(_)) =>
            {
                if step.body == Body::Summary {
                    carried = Some(text);
                }
                continue;
            }
            Some(MaintenanceStatus::Scheduled) if first => (
                NoticeKind::MaintenanceScheduled,
                format!("{thread}/scheduled"),
            ),
            Some(MaintenanceStatus::InProgress) if first => {
                (NoticeKind::MaintenanceStarted, format!("{thread}/started"))
            }
            Some(MaintenanceStatus::Completed) if first => (
                NoticeKind::MaintenanceCompleted,
                format!("{thread}/completed"),
            ),
            _ => (
                NoticeKind::MaintenanceUpdated,
                format!("{thread}/update/{}", key_time(step.at)),
            ),
        };
        found.push((k, step, kind, key, text));
    }
    let mut keys: Vec<String> = found.iter().map(|f| f.3.clone()).collect();
    number_keys(&mut keys);
    let (components, component_ids) =
        component_names(site, state, state.maintenance_effects[i].iter().copied());
    let tz = site.config.time_zone;
    let url = urls::absolute(&site.config.base_url, &urls::window(m));
    let window = window_text(m.start, m.end, tz, t);
    // The series is told with its page and its rule in words.
    let series_url = urls::absolute(&site.config.base_url, &urls::maintenance(&m.id));
    let series_window = site.maintenance[state.window_file[i]]
        .repeat
        .as_ref()
        .map(|r| r.describe(m.start, t));
    let words = Words::new(t);
    let mut started: Vec<String> = Vec::new();
    for ((k, step, kind, _, text), key) in found.into_iter().zip(keys) {
        let series = of_series(step);
        let thread = if series {
            series_thread.clone()
        } else {
            own_thread.clone()
        };
        let first_of_thread = !started.contains(&thread);
        if first_of_thread {
            started.push(thread.clone());
        }
        let tone = if kind == NoticeKind::MaintenanceCompleted
            || step.status == MaintenanceStatus::Completed.as_str()
        {
            Tone::Resolved
        } else {
            Tone::Maintenance
        };
        out.push(Event {
            notice: Notice {
                key,
                thread,
                first_of_thread,
                kind,
                tone,
                site_title: site.config.title.clone(),
                site_url: site.config.base_url.clone(),
                title: m.title.clone(),
                status: t.of("update", step.status).to_string(),
                impact: String::new(),
                components: components.clone(),
                component_ids: component_ids.clone(),
                body_markdown: text,
                at: step.at,
                at_text: time_view(step.at, tz, t).text().display,
                window_text: Some(match (&series_window, series) {
                    (Some(words), true) => words.clone(),
                    _ => window.clone(),
                }),
                url: if series {
                    series_url.clone()
                } else {
                    url.clone()
                },
                words,
            },
            impact: None,
            source: Source::Maintenance { post: i, step: k },
        });
    }
}
