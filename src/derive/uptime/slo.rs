//! Service level objectives and error budgets over a rolling window.

use super::Figure;
use crate::model::components::Slo;

/// How a component stands against its SLO over the window ending at the build clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SloReport {
    /// The target in millionths of the window (999 000 for 99.9 %).
    pub target_ppm: u32,
    /// The window length in days.
    pub window_days: u32,
    /// Seconds of the window with data (less than the window when the component is newer).
    pub observed: i64,
    /// Weighted downtime spent, in thousandths of a second.
    pub spent: i64,
}

impl SloReport {
    /// The report for `slo` from the downtime figure of its window.
    pub fn new(slo: &Slo, window: &Figure) -> SloReport {
        SloReport {
            target_ppm: slo.target_ppm,
            window_days: slo.window_days,
            observed: window.observed,
            spent: window.downtime,
        }
    }

    /// True while the downtime spent is within the budget (exactly spent still meets it).
    pub fn met(&self) -> bool {
        // spent / (1000 · observed) <= (10⁶ − target) / 10⁶, cross-multiplied to stay exact.
        i128::from(self.spent) * 1_000_000
            <= i128::from(self.observed) * 1000 * i128::from(1_000_000 - self.target_ppm)
    }

    /// The error budget of the window in minutes: the downtime the target allows.
    pub fn budget_minutes(&self) -> f64 {
        self.observed as f64 * f64::from(1_000_000 - self.target_ppm) / 1_000_000.0 / 60.0
    }

    /// Weighted downtime in the window, in minutes.
    pub fn spent_minutes(&self) -> f64 {
        self.spent as f64 / 60_000.0
    }

    /// Budget left in minutes; negative once overspent.
    pub fn remaining_minutes(&self) -> f64 {
        self.budget_minutes() - self.spent_minutes()
    }
}
