//! The image of an uptime bar (`uptime_bar.svg`), which the index shows in place of the bar's
//! days: one path per status, each day a box of [`DAY_WIDTH`] units with [`DAY_GAP`] between
//! days, oldest at the left. The image stretches to the width of the page and keeps
//! [`BAR_HEIGHT`]; on a narrow screen the stylesheet widens it and shows its last
//! [`NARROW_DAYS`] days ([`BarGeometry::narrow`]), the rest cut off by its box.

use super::bar::{NARROW_DAYS, day_status};
use crate::derive::uptime::Record;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The width of a day in the image, in its units (pixels at its natural size).
pub const DAY_WIDTH: u32 = 10;
/// The gap between two days.
pub const DAY_GAP: u32 = 2;
/// The height of the image, as the stylesheet shows it (1.75rem).
pub const BAR_HEIGHT: u32 = 28;

/// The size of every bar image of a site, and how a narrow screen crops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarGeometry {
    /// Natural width of the image: `days` boxes and the gaps between them.
    pub width: u32,
    /// Natural height.
    pub height: u32,
    /// On a narrow screen, the CSS width and inline-start margin that show the last
    /// [`NARROW_DAYS`] days across the box (e.g. `301.12%` and `-201.12%`); `None` for a bar
    /// of no more days than that.
    pub narrow: Option<(String, String)>,
}

impl BarGeometry {
    /// The geometry of bars of `days` days.
    pub fn of(days: usize) -> BarGeometry {
        let span = |n: usize| (n as u32) * (DAY_WIDTH + DAY_GAP) - DAY_GAP;
        let width = span(days.max(1));
        BarGeometry {
            width,
            height: BAR_HEIGHT,
            narrow: (days > NARROW_DAYS).then(|| {
                // The last days span `shown` units; the image grows so that they fill the box,
                // and moves back by the width of the days before them.
                let shown = f64::from(span(NARROW_DAYS));
                let hidden = f64::from(width) - shown;
                (
                    format!("{:.2}%", f64::from(width) / shown * 100.0),
                    format!("{:.2}%", -hidden / shown * 100.0),
                )
            }),
        }
    }
}

/// One status's days in an image: its class (`st-<status>`, or `n` for days without data) and
/// the outline of its boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathView {
    /// `st-operational`, `st-partial_outage`, …, or `n`.
    pub class: String,
    /// SVG path data.
    pub d: String,
}

/// What `uptime_bar.svg` draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarImage {
    /// The image's size.
    pub width: u32,
    /// The image's height.
    pub height: u32,
    /// One path per class, in the order of their names.
    pub paths: Vec<PathView>,
}

/// The image of the bar of record `r`.
pub fn bar_image(r: &Record) -> BarImage {
    let geometry = BarGeometry::of(r.bars.len());
    let mut paths: BTreeMap<String, String> = BTreeMap::new();
    for (k, bar) in r.bars.iter().enumerate() {
        let x = k as u32 * (DAY_WIDTH + DAY_GAP);
        let (class, d) = match day_status(bar) {
            // Drawn hollow: a one-pixel line inside the box.
            None => (
                "n".to_string(),
                format!(
                    "M{x}.5 .5h{}v{}h-{}z",
                    DAY_WIDTH - 1,
                    BAR_HEIGHT - 1,
                    DAY_WIDTH - 1
                ),
            ),
            Some(s) => (
                format!("st-{}", s.as_str()),
                format!("M{x} 0h{DAY_WIDTH}v{BAR_HEIGHT}h-{DAY_WIDTH}z"),
            ),
        };
        let path = paths.entry(class).or_default();
        let _ = write!(path, "{d}");
    }
    BarImage {
        width: geometry.width,
        height: geometry.height,
        paths: paths
            .into_iter()
            .map(|(class, d)| PathView { class, d })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ninety_days_fill_the_image_and_thirty_fill_a_narrow_box() {
        let g = BarGeometry::of(90);
        assert_eq!((g.width, g.height), (1078, 28));
        // The last 30 days span 358 units: 1078/358 = 301.12%, and 720/358 = 201.12% before them.
        assert_eq!(
            g.narrow,
            Some(("301.12%".to_string(), "-201.12%".to_string()))
        );
        assert_eq!(BarGeometry::of(30).narrow, None);
        assert_eq!(BarGeometry::of(1).width, DAY_WIDTH);
    }
}
