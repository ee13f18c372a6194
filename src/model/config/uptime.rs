//! Uptime settings of `statuspress.toml`: days of bars, update cadence and `[downtime_weights]`.

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::status::ComponentStatus;
use crate::model::toml_source::TomlSource;
use toml::Spanned;

/// Settings of the uptime bars, downtime weights and update cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UptimeSettings {
    /// Number of daily bars shown (`uptime_days`, default 90).
    pub days: u32,
    /// How much of a minute in each status counts as downtime.
    pub weights: Weights,
    /// The promised longest gap between updates of an open incident (`update_cadence_minutes`).
    pub update_cadence_minutes: u32,
}

impl Default for UptimeSettings {
    fn default() -> Self {
        UptimeSettings {
            days: DEFAULT_UPTIME_DAYS,
            weights: Weights::default(),
            update_cadence_minutes: DEFAULT_CADENCE_MINUTES,
        }
    }
}

/// Default of `uptime_days`.
pub const DEFAULT_UPTIME_DAYS: u32 = 90;
/// Default of `update_cadence_minutes`.
pub const DEFAULT_CADENCE_MINUTES: u32 = 30;
/// Largest accepted `uptime_days`.
pub const MAX_UPTIME_DAYS: u32 = 365;

/// Downtime weight of each component status, in thousandths (1000 = the minute counts fully).
///
/// Kept as integers so that sums and SLO comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    per_mille: [u32; 5],
}

impl Default for Weights {
    /// Major outage 1.0, partial outage 0.3, degraded performance and maintenance 0.
    fn default() -> Self {
        let mut w = Weights { per_mille: [0; 5] };
        w.set(ComponentStatus::MajorOutage, 1000);
        w.set(ComponentStatus::PartialOutage, 300);
        w
    }
}

impl Weights {
    /// The statuses a weight can be given to (operational never counts as downtime).
    pub const KEYS: &'static [&'static str] = &[
        "major_outage",
        "partial_outage",
        "degraded_performance",
        "under_maintenance",
    ];

    /// The weight of a status in thousandths; operational is always 0.
    pub fn per_mille(&self, status: ComponentStatus) -> u32 {
        self.per_mille[status_index(status)]
    }

    /// Sets the weight of a status in thousandths (0..=1000). Operational stays 0.
    pub fn set(&mut self, status: ComponentStatus, per_mille: u32) {
        if status != ComponentStatus::Operational {
            self.per_mille[status_index(status)] = per_mille.min(1000);
        }
    }
}

fn status_index(status: ComponentStatus) -> usize {
    ComponentStatus::ALL
        .iter()
        .position(|s| *s == status)
        .expect("ALL lists every status")
}

/// Reads `[downtime_weights]`: status name = fraction of a minute that counts as downtime.
pub(super) fn read_weights(
    src: &TomlSource<'_>,
    table: &Spanned<toml::Table>,
    errors: &mut Vec<Diagnostic>,
) -> Weights {
    let mut weights = Weights::default();
    let span = table.span();
    // A TOML table forgets the order it was written in; report problems in the text's order.
    let mut entries: Vec<(usize, &String, &toml::Value)> = table
        .get_ref()
        .iter()
        .map(|(k, v)| (key_offset(src, span.start, k), k, v))
        .collect();
    entries.sort_by_key(|(at, k, _)| (*at, k.as_str()));
    for (at, key, value) in entries {
        let Some(status) =
            ComponentStatus::parse(key).filter(|s| Weights::KEYS.contains(&s.as_str()))
        else {
            errors.push(
                src.error_at(at, format!("unknown status `{key}` in [downtime_weights]"))
                    .with_hint(format!(
                        "{}; operational never counts as downtime",
                        suggest(key, Weights::KEYS, "status")
                    )),
            );
            continue;
        };
        let number = match value {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        match number {
            Some(w) if (0.0..=1.0).contains(&w) => {
                weights.set(status, (w * 1000.0).round() as u32);
            }
            _ => errors.push(
                src.error_at(
                    at,
                    format!("the weight of `{key}` must be a number from 0 to 1, got {value}"),
                )
                .with_hint(format!(
                    "1 counts a minute fully as downtime, 0 not at all: {key} = 0.3"
                )),
            ),
        }
    }
    weights
}

/// Offset of `key = ` in the text at or after `from` (a table's keys follow its header).
fn key_offset(src: &TomlSource<'_>, from: usize, key: &str) -> usize {
    let text = src.text;
    let mut at = from.min(text.len());
    while let Some(i) = text.get(at..).and_then(|t| t.find(key)) {
        let start = at + i;
        let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        let before_ok = text[line_start..start].trim().trim_matches('"').is_empty();
        let after = text[start + key.len()..].trim_start_matches(['"', ' ', '\t']);
        if before_ok && after.starts_with('=') {
            // Point at the key itself, including an opening quote.
            let indent = text[line_start..start].len() - text[line_start..start].trim_start().len();
            return line_start + indent;
        }
        at = start + key.len();
    }
    from
}
