//! One build: load, derive, render. [`build_site`] renders a loaded site in memory (for `serve`
//! and tests); [`build_to_dir`] streams it into an output folder, replaced atomically;
//! [`check`] renders everything but keeps only the count of files.

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::Site;
use crate::output::{Output, StagingDir, Tally, Written};
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
    Ok(Built {
        output,
        warnings: warnings(site, now),
        timings: Timings {
            load: load_time,
            derive: derive_time,
            render: t2.elapsed(),
        },
    })
}

/// A successful build into an output folder.
#[derive(Debug)]
pub struct BuiltToDir {
    /// What the output folder now holds.
    pub written: Written,
    /// Warnings that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Time spent in each phase.
    pub timings: DirTimings,
}

/// Wall time of each phase of a build into an output folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirTimings {
    /// Reading and parsing the site folder.
    pub load: Duration,
    /// Computing statuses and indexes.
    pub derive: Duration,
    /// Rendering pages and data files and writing them to the staging folder (pages are
    /// written as they are rendered, so the two overlap).
    pub render_write: Duration,
    /// Swapping the staging folder in and removing the previous output.
    pub swap: Duration,
}

/// Why a build into an output folder failed. Either way the previous output is untouched.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (sources or templates).
    Invalid(Vec<Diagnostic>),
    /// The output could not be written or swapped in.
    Write(anyhow::Error),
}

/// Builds the site in `root` as of `now` into `out_dir`, writing each page as it is rendered into
/// a staging folder that replaces `out_dir` only once the whole site is written.
pub fn build_to_dir(
    root: &Path,
    now: DateTime<Utc>,
    out_dir: &Path,
) -> Result<BuiltToDir, BuildError> {
    let t0 = Instant::now();
    let site = load::load(root).map_err(BuildError::Invalid)?;
    let load_time = t0.elapsed();
    let t1 = Instant::now();
    let state = State::derive(&site, now);
    let derive_time = t1.elapsed();
    let t2 = Instant::now();
    let staging = StagingDir::create(out_dir, root).map_err(BuildError::Write)?;
    // On an error the staging folder is dropped, which removes it.
    render::render_into(&site, &state, &staging).map_err(BuildError::Invalid)?;
    let render_write = t2.elapsed();
    let t3 = Instant::now();
    let written = staging.commit().map_err(BuildError::Write)?;
    let swap = t3.elapsed();
    Ok(BuiltToDir {
        written,
        warnings: warnings(&site, now),
        timings: DirTimings {
            load: load_time,
            derive: derive_time,
            render_write,
            swap,
        },
    })
}

/// A successful check.
#[derive(Debug)]
pub struct Checked {
    /// How many files a build would write.
    pub files: usize,
    /// Warnings that would not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads, derives and renders the site in `root` as of `now` like a build, finding the same
/// errors, but only counts the files instead of keeping them.
pub fn check(root: &Path, now: DateTime<Utc>) -> Result<Checked, Vec<Diagnostic>> {
    let site = load::load(root)?;
    let state = State::derive(&site, now);
    let tally = Tally::default();
    render::render_into(&site, &state, &tally)?;
    Ok(Checked {
        files: tally.files(),
        warnings: warnings(&site, now),
    })
}

/// The warnings of loading `site` and of linting it as of `now`, in report order.
fn warnings(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut warnings = site.warnings.clone();
    warnings.extend(crate::derive::lint(site, now));
    crate::diagnostic::sort(&mut warnings);
    warnings
}
