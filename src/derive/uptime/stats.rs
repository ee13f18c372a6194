//! Incident statistics: how many, how quickly resolved, how quickly and how regularly told.

use crate::derive::promise::{self, Outcome};
use crate::model::Incident;
use chrono::{DateTime, Utc};

/// What one incident contributes to the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Seconds from start to resolution, when resolved.
    pub resolve: Option<i64>,
    /// Seconds from start to the first public update, when there is one (0 if posted before).
    pub first_update: Option<i64>,
    /// Gaps after an update of the open incident that were within the cadence.
    pub cadence_kept: u32,
    /// Gaps after an update of the open incident that count (a still running gap counts only
    /// once it is over the cadence).
    pub cadence_total: u32,
    /// Next-update promises kept (the next update or the resolution came in time).
    pub promises_kept: u32,
    /// Next-update promises broken (it came late, or is overdue at the clock).
    pub promises_broken: u32,
}

impl Facts {
    /// The facts of an incident at `now`, with the promised update cadence in seconds.
    pub fn of(inc: &Incident, now: DateTime<Utc>, cadence: i64) -> Facts {
        let start = inc.started.timestamp();
        let resolved = inc.resolved.map(|r| r.timestamp());
        let oldest_first: Vec<(i64, bool)> = inc
            .updates
            .iter()
            .rev()
            .map(|u| (u.at.timestamp(), u.status.is_resolved()))
            .collect();
        let mut kept = 0;
        let mut total = 0;
        for (k, &(at, resolving)) in oldest_first.iter().enumerate() {
            if resolving || resolved.is_some_and(|r| at >= r) {
                continue;
            }
            let next = oldest_first.get(k + 1).map(|u| u.0);
            let closes = match (next, resolved) {
                (Some(n), Some(r)) => Some(n.min(r)),
                (n, r) => n.or(r),
            };
            let gap = match closes {
                Some(t) => t - at,
                // Still open with no newer update: count it only once it is already late.
                None if now.timestamp() - at > cadence => now.timestamp() - at,
                None => continue,
            };
            total += 1;
            if gap <= cadence {
                kept += 1;
            }
        }
        let promises = promise::history(inc, now);
        let count = |o: Outcome| promises.iter().filter(|p| p.outcome == o).count() as u32;
        Facts {
            resolve: resolved.map(|r| (r - start).max(0)),
            first_update: oldest_first.first().map(|u| (u.0 - start).max(0)),
            cadence_kept: kept,
            cadence_total: total,
            promises_kept: count(Outcome::Kept),
            promises_broken: count(Outcome::Broken),
        }
    }
}

/// Statistics over a set of incidents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IncidentStats {
    /// Number of incidents.
    pub count: usize,
    /// Number of resolved incidents.
    pub resolved: usize,
    /// Mean seconds to resolve, over resolved incidents.
    pub resolve_mean: Option<i64>,
    /// Median seconds to resolve (the mean of the two middle ones for an even count).
    pub resolve_median: Option<i64>,
    /// Mean seconds from start to the first public update, over incidents with updates.
    pub first_update_mean: Option<i64>,
    /// Update gaps within the cadence.
    pub cadence_kept: u32,
    /// Update gaps that count.
    pub cadence_total: u32,
    /// Next-update promises kept.
    pub promises_kept: u32,
    /// Next-update promises broken.
    pub promises_broken: u32,
}

impl IncidentStats {
    /// Aggregates the facts of the incidents `indexes` picks.
    pub fn of(facts: &[Facts], indexes: impl IntoIterator<Item = usize>) -> IncidentStats {
        let mut count = 0;
        let mut durations = Vec::new();
        let (mut first_sum, mut first_count) = (0i64, 0i64);
        let (mut kept, mut total) = (0, 0);
        let (mut promises_kept, mut promises_broken) = (0, 0);
        for i in indexes {
            let f = &facts[i];
            count += 1;
            durations.extend(f.resolve);
            if let Some(s) = f.first_update {
                first_sum += s;
                first_count += 1;
            }
            kept += f.cadence_kept;
            total += f.cadence_total;
            promises_kept += f.promises_kept;
            promises_broken += f.promises_broken;
        }
        durations.sort_unstable();
        let n = durations.len();
        let median = match n {
            0 => None,
            _ if n % 2 == 1 => Some(durations[n / 2]),
            _ => Some((durations[n / 2 - 1] + durations[n / 2]) / 2),
        };
        IncidentStats {
            count,
            resolved: n,
            resolve_mean: (n > 0).then(|| durations.iter().sum::<i64>() / n as i64),
            resolve_median: median,
            first_update_mean: (first_count > 0).then(|| first_sum / first_count),
            cadence_kept: kept,
            cadence_total: total,
            promises_kept,
            promises_broken,
        }
    }

    /// Next-update promises that are due: kept or broken.
    pub fn promises_due(&self) -> u32 {
        self.promises_kept + self.promises_broken
    }

    /// The share of due next-update promises that were kept, from 0 to 1.
    pub fn promise_share(&self) -> Option<f64> {
        (self.promises_due() > 0)
            .then(|| f64::from(self.promises_kept) / f64::from(self.promises_due()))
    }

    /// The share of counted update gaps that kept the cadence, from 0 to 1.
    pub fn cadence_share(&self) -> Option<f64> {
        (self.cadence_total > 0)
            .then(|| f64::from(self.cadence_kept) / f64::from(self.cadence_total))
    }
}
