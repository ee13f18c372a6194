//! One build: load, derive, render. Returns the site in memory; the caller picks the sink.

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load::{self, Site};
use crate::output::Output;
use crate::render;
use chrono::{DateTime, Utc};
use std::path::Path;
use std::time::{Duration, Instant};

/// A successful build.
#[derive(Debug)]
pub struct Built {
    /// The rendered files.
    pub output: Output,
    /// Warnings that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Time spent in each phase.
    pub timings: Timings,
}

/// Wall time of each build phase.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing the site folder.
    pub load: Duration,
    /// Computing statuses and indexes.
    pub derive: Duration,
    /// Rendering pages and data files.
    pub render: Duration,
}

/// Builds the site in `root` as of `now`, entirely in memory.
pub fn build(root: &Path, now: DateTime<Utc>) -> Result<Built, Vec<Diagnostic>> {
    let t0 = Instant::now();
    let site = load::load(root)?;
    let load_time = t0.elapsed();
    build_site(&site, now, load_time)
}

/// Derives and renders an already loaded site.
pub fn build_site(
    site: &Site,
    now: DateTime<Utc>,
    load_time: Duration,
) -> Result<Built, Vec<Diagnostic>> {
    let t1 = Instant::now();
    let state = State::derive(site, now);
    let derive_time = t1.elapsed();
    let t2 = Instant::now();
    let output = render::render(site, &state)?;
    let mut warnings = site.warnings.clone();
    warnings.extend(crate::derive::lint(site, now));
    crate::diagnostic::sort(&mut warnings);
    Ok(Built {
        output,
        warnings,
        timings: Timings {
            load: load_time,
            derive: derive_time,
            render: t2.elapsed(),
        },
    })
}
