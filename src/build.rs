//! The pipeline, once: load -> derive -> render -> output. Every command (`build`, `check`,
//! `stats`), `serve` and the tests go through [`run`]; nothing else sequences these steps.

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::Site;
use crate::output::{Output, Sink, StagingDir, Tally, Writing, Written};
use crate::render::{self, Mode};

pub use crate::render::memo::Memo;
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the site comes from.
#[derive(Debug)]
pub enum Input<'a> {
    /// Load this site folder.
    Folder(&'a Path),
    /// Load this site folder, taking the posts whose files are unchanged from `reuse` (`serve`).
    /// The site comes back in [`Outcome::site`] to be given back with [`load::Reuse::keep`];
    /// when rendering fails, [`run`] gives it back itself.
    Reload(&'a Path, &'a mut load::Reuse),
    /// A site already loaded (tests). It cannot be built into a folder, which needs the site
    /// folder to check that the output does not replace it.
    Site(Box<Site>),
}

/// How far the pipeline runs and where the rendered files go.
#[derive(Debug)]
pub enum Target<'a> {
    /// Nowhere: stop once the state is derived (`stats`).
    Derive,
    /// Render everything but only count the files (`check`).
    Tally,
    /// Render into memory, replacing what the [`Output`] held (tests).
    Memory(&'a mut Output),
    /// Render into memory like [`Target::Memory`], for `serve`'s preview: its pages leave out
    /// the refresh script, since `serve` reloads them itself. With a [`Memo`], the files whose
    /// inputs are those of the rendering it kept are taken from it, and this rendering is kept
    /// in it for the next (the files are the same either way).
    Preview(&'a mut Output, Option<&'a mut Memo>),
    /// Write each page as it is rendered into a staging folder that replaces this folder only
    /// once the whole site is written (`build`).
    Folder(&'a Path),
}

/// A successful run.
#[derive(Debug)]
pub struct Outcome {
    /// The site as loaded (or given).
    pub site: Site,
    /// Its state at the build instant, uptime included.
    pub state: State,
    /// How many files (and bytes) the target received; none for [`Target::Derive`].
    pub written: Written,
    /// Warnings of loading and linting that did not stop the build, in report order.
    pub warnings: Vec<Diagnostic>,
    /// Time spent in each phase.
    pub timings: Timings,
}

/// Wall time of each phase; zero for the phases a run skips.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing the site folder.
    pub load: Duration,
    /// Computing statuses, indexes and uptime.
    pub derive: Duration,
    /// Rendering pages and data files into the target (for a folder, writing them to the
    /// staging folder too: pages are written as they are rendered, so the two overlap).
    pub render: Duration,
    /// Swapping the staging folder in and removing the previous output.
    pub swap: Duration,
    /// For a folder: files carried over and written, and the writers' time by kind of step.
    pub writing: Writing,
}

/// Why a run failed. Either way a previous output folder is untouched.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (sources or templates).
    Invalid(Vec<Diagnostic>),
    /// The output could not be written or swapped in.
    Write(anyhow::Error),
}

/// Loads the site of `input`, derives its state at `now` once, and renders it into `target`.
pub fn run(
    input: Input<'_>,
    now: DateTime<Utc>,
    target: Target<'_>,
) -> Result<Outcome, BuildError> {
    let started = Instant::now();
    if let (Input::Folder(root) | Input::Reload(root, _), Target::Folder(out_dir)) =
        (&input, &target)
    {
        // Best effort: the staging folder is created (and its errors reported) after loading.
        let _ = crate::output::recover(out_dir, root);
    }
    let (site, root, reuse) = match input {
        Input::Folder(root) => (load::load(root), Some(root), None),
        Input::Reload(root, reuse) => (load::load_reusing(root, reuse), Some(root), Some(reuse)),
        Input::Site(site) => (Ok(*site), None, None),
    };
    let site = site.map_err(|mut diags| {
        // Templates compile only for a site that loads: check them anyway, so that every
        // problem shows in one run.
        if let Some(root) = root
            && let Err(more) = render::check_templates(&load::template_overrides(root))
        {
            diags.extend(more);
            crate::diagnostic::sort(&mut diags);
        }
        BuildError::Invalid(diags)
    })?;
    let load = if root.is_some() {
        started.elapsed()
    } else {
        Duration::ZERO
    };

    let started = Instant::now();
    let state = State::derive(&site, now);
    let derive = started.elapsed();
    // What the page could not state truthfully at `now` stops the run before anything is
    // rendered; the warnings are reported with a successful run.
    let mut problems = problems(&site, now);
    if problems.iter().any(Diagnostic::is_error) {
        // The templates are not rendered now: check them, so that their problems show too.
        if let Err(more) = render::check_templates(&site.templates) {
            problems.extend(more);
            crate::diagnostic::sort(&mut problems);
        }
        if let Some(reuse) = reuse {
            reuse.keep(site);
        }
        return Err(BuildError::Invalid(problems));
    }

    let started = Instant::now();
    let rendered = render_into_target(&site, &state, root, target);
    let (written, swap, writing) = match rendered {
        Ok(done) => done,
        Err(e) => {
            if let Some(reuse) = reuse {
                reuse.keep(site);
            }
            return Err(e);
        }
    };
    let render = started.elapsed().saturating_sub(swap);
    Ok(Outcome {
        site,
        state,
        written,
        warnings: problems,
        timings: Timings {
            load,
            derive,
            render,
            swap,
            writing,
        },
    })
}

/// Renders into `target`; returns what it received and, for a folder, the time of the swap and
/// what the writers did.
fn render_into_target(
    site: &Site,
    state: &State,
    root: Option<&Path>,
    target: Target<'_>,
) -> Result<(Written, Duration, Writing), BuildError> {
    let nothing = Written { files: 0, bytes: 0 };
    match target {
        Target::Derive => Ok((nothing, Duration::ZERO, Writing::default())),
        Target::Tally => {
            let tally = Tally::default();
            render::render_into(site, state, &tally, Mode::Publish).map_err(BuildError::Invalid)?;
            Ok((tally.written(), Duration::ZERO, Writing::default()))
        }
        Target::Memory(output) => into_memory(output, |sink| {
            render::render_into(site, state, sink, Mode::Publish)
        }),
        Target::Preview(output, memo) => into_memory(output, |sink| match memo {
            Some(memo) => render::render_reusing(site, state, sink, Mode::Preview, memo),
            None => render::render_into(site, state, sink, Mode::Preview),
        }),
        Target::Folder(out_dir) => {
            let root = root.ok_or_else(|| {
                BuildError::Write(anyhow::anyhow!(
                    "building into a folder needs the site folder, to check that the output does not replace it"
                ))
            })?;
            let staging = StagingDir::create(out_dir, root).map_err(BuildError::Write)?;
            // On an error the staging folder is dropped, which removes it.
            render::render_into(site, state, &staging, Mode::Publish)
                .map_err(BuildError::Invalid)?;
            let started = Instant::now();
            let (written, writing) = staging.commit().map_err(BuildError::Write)?;
            Ok((written, started.elapsed(), writing))
        }
    }
}

/// Renders with `render` into `output`, replacing what it held (also what a failed rendering
/// put before it stopped).
fn into_memory(
    output: &mut Output,
    render: impl FnOnce(&dyn Sink) -> Result<(), Vec<Diagnostic>>,
) -> Result<(Written, Duration, Writing), BuildError> {
    let sink = Mutex::new(Output::new());
    let rendered = render(&sink);
    *output = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    rendered.map_err(BuildError::Invalid)?;
    Ok((output.written(), Duration::ZERO, Writing::default()))
}

/// The warnings of loading `site` and the problems of linting it as of `now` (warnings, and
/// errors for what the page cannot state truthfully), in report order.
fn problems(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut problems = site.warnings.clone();
    problems.extend(crate::derive::lint(site, now));
    crate::diagnostic::sort(&mut problems);
    problems
}
