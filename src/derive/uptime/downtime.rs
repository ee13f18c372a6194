//! Classifying time by the worst status: intervals from incidents and maintenance, swept into
//! disjoint segments, and tallies of how long each status lasted in a span.
//!
//! Times are Unix seconds. Everything here is linear after one sort per component.

use crate::model::ComponentStatus;
use crate::model::config::Weights;

/// A half-open span `[start, end)` in which something gives a component a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// First second, inclusive.
    pub start: i64,
    /// Last second, exclusive.
    pub end: i64,
    /// The status given during the span.
    pub status: ComponentStatus,
}

/// Sweeps possibly overlapping intervals into disjoint, sorted segments of the worst status.
///
/// Only time that is not operational is returned; neighbouring spans of the same status are
/// merged. Overlapping intervals never count twice: at each instant only the worst one counts.
pub fn sweep(intervals: &[Interval]) -> Vec<Interval> {
    // (time, +1 or -1, status): ends sort before starts at the same instant, which does not
    // change the result because the active set is read only after all events of one instant.
    let mut events: Vec<(i64, i8, usize)> = Vec::with_capacity(intervals.len() * 2);
    for iv in intervals.iter().filter(|iv| iv.end > iv.start) {
        let s = iv.status as usize;
        events.push((iv.start, 1, s));
        events.push((iv.end, -1, s));
    }
    events.sort_unstable();
    let mut active = [0u32; 5];
    let mut out: Vec<Interval> = Vec::new();
    let mut current = 0usize;
    let mut since = 0i64;
    let mut k = 0;
    while k < events.len() {
        let t = events[k].0;
        while k < events.len() && events[k].0 == t {
            let (_, delta, s) = events[k];
            if delta > 0 {
                active[s] += 1;
            } else {
                active[s] -= 1;
            }
            k += 1;
        }
        let worst = (0..active.len())
            .rev()
            .find(|&s| active[s] > 0)
            .unwrap_or(0);
        if worst != current {
            if current != 0 {
                out.push(Interval {
                    start: since,
                    end: t,
                    status: ComponentStatus::ALL[current],
                });
            }
            current = worst;
            since = t;
        }
    }
    out
}

/// Seconds spent in each status during a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Seconds per status, indexed like `ComponentStatus::ALL`. Operational is not counted.
    pub seconds: [i64; 5],
}

impl Tally {
    /// Seconds spent in `status`.
    pub fn of(&self, status: ComponentStatus) -> i64 {
        self.seconds[status as usize]
    }

    /// The worst status that lasted at all, operational when nothing happened.
    pub fn worst(&self) -> ComponentStatus {
        (0..self.seconds.len())
            .rev()
            .find(|&s| self.seconds[s] > 0)
            .map_or(ComponentStatus::Operational, |s| ComponentStatus::ALL[s])
    }

    /// Weighted downtime in thousandths of a second (1000 = one second of full downtime).
    pub fn downtime(&self, weights: &Weights) -> i64 {
        ComponentStatus::ALL
            .iter()
            .map(|&s| self.of(s) * i64::from(weights.per_mille(s)))
            .sum()
    }
}

/// How long each status lasted within `[from, to)`, given segments sorted by start.
pub fn tally(segments: &[Interval], from: i64, to: i64) -> Tally {
    let mut t = Tally::default();
    let first = segments.partition_point(|s| s.end <= from);
    for s in segments[first..].iter().take_while(|s| s.start < to) {
        let overlap = s.end.min(to) - s.start.max(from);
        if overlap > 0 {
            t.seconds[s.status as usize] += overlap;
        }
    }
    t
}
