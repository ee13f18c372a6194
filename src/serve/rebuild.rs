//! The builder: owns the site folder, rebuilds it on changes and on the clock, and publishes
//! each result as one snapshot.

use super::state::Shared;
use super::watch::{Signal, Watch};
use crate::build::{self, BuildError, Input, Memo, Target};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load;
use crate::output::Output;
use chrono::{DateTime, DurationRound, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a build runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The server starts.
    Start,
    /// Files changed (relative paths).
    Files(Vec<PathBuf>),
    /// The clock moved on (see [`super::Options::rebuild_every`]).
    Clock,
}

/// Owns the site folder: builds it and publishes the result.
pub struct Builder {
    /// The site folder.
    pub root: PathBuf,
    /// The fixed clock, if any.
    pub fixed_now: Option<DateTime<Utc>>,
    /// How often to rebuild without a fixed clock.
    pub rebuild_every: Duration,
    /// Where results are published.
    pub shared: Arc<Shared>,
    /// What the last good build showed, apart from the clock; `None` before the first.
    pub fingerprint: Option<String>,
    /// Posts of the last load, reused while their files are unchanged.
    pub reuse: load::Reuse,
    /// Files of the last good build, reused while what they read is unchanged.
    pub memo: Memo,
}

impl Builder {
    /// Rebuilds on every change the watcher reports, and on the clock, until it closes.
    pub fn watch_loop(mut self, mut watch: Watch) {
        loop {
            let deadline = self
                .fixed_now
                .is_none()
                .then(|| next_tick(self.rebuild_every));
            match watch.next(deadline) {
                Signal::Changed(paths) => {
                    // Name what is there now: editors' temporary files are gone by the time
                    // the burst ends. A rebuild runs either way.
                    let existing: Vec<PathBuf> = paths
                        .iter()
                        .filter(|p| self.root.join(p).exists())
                        .cloned()
                        .collect();
                    let paths = if existing.is_empty() { paths } else { existing };
                    self.rebuild(&Reason::Files(paths))
                }
                Signal::Timeout => self.rebuild(&Reason::Clock),
                Signal::Closed => return,
            }
        }
    }

    /// Builds once and publishes the result.
    pub fn rebuild(&mut self, reason: &Reason) {
        let now = (self.fixed_now).unwrap_or_else(|| clock_step(Utc::now(), self.rebuild_every));
        let started = Instant::now();
        let result = build_in_memory(&self.root, now, &mut self.reuse, &mut self.memo);
        let took = started.elapsed();
        let previous = self.shared.snapshot();
        match result {
            Ok(built) => {
                let was_failing = !previous.errors.is_empty() || previous.site.is_none();
                let visible = match reason {
                    Reason::Start => true,
                    Reason::Files(_) => {
                        was_failing || previous.site.as_deref() != Some(&built.output)
                    }
                    Reason::Clock => {
                        was_failing
                            || self.fingerprint.as_deref() != Some(built.fingerprint.as_str())
                    }
                };
                print_warnings(&built.warnings, reason);
                if *reason != Reason::Clock || visible {
                    println!(
                        "{}rebuilt {} files in {} ms{}",
                        describe_reason(reason),
                        built.output.len(),
                        took.as_millis(),
                        if was_failing && *reason != Reason::Start {
                            "; the errors are fixed"
                        } else {
                            ""
                        }
                    );
                }
                self.fingerprint = Some(built.fingerprint);
                self.shared
                    .publish(Some(Arc::new(built.output)), Vec::new(), visible);
            }
            Err(errors) => {
                let visible = previous.errors != errors;
                if visible || *reason != Reason::Clock {
                    print_errors(&errors, reason, previous.site.is_some());
                }
                self.shared.publish(previous.site.clone(), errors, visible);
            }
        }
    }
}

/// The clock of a build without a fixed one: the start of the current step of `every` on the
/// wall clock, the current minute by default. Pages show times to the minute and the clock
/// rebuilds at the end of each step, so every save within a step builds at the same instant,
/// and the files an edit does not touch are taken from the previous build (see
/// [`crate::render::memo`]) instead of all changing with the clock's seconds.
fn clock_step(t: DateTime<Utc>, every: Duration) -> DateTime<Utc> {
    chrono::TimeDelta::from_std(every)
        .ok()
        .filter(|step| *step > chrono::TimeDelta::zero())
        .and_then(|step| t.duration_trunc(step).ok())
        .unwrap_or(t)
}

/// The next multiple of `every` on the wall clock (the next full minute for a minute), so the
/// clock shown on pages turns when the real one does.
fn next_tick(every: Duration) -> Instant {
    let every_ms = every.as_millis().max(1);
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let wait = every_ms - since_epoch % every_ms;
    Instant::now() + Duration::from_millis(u64::try_from(wait).unwrap_or(u64::MAX))
}

fn describe_reason(reason: &Reason) -> String {
    match reason {
        Reason::Start => String::new(),
        Reason::Clock => "clock: ".to_string(),
        Reason::Files(paths) => {
            let first = paths
                .first()
                .map_or_else(String::new, |p| p.display().to_string());
            match paths.len() {
                0 | 1 => format!("changed {first}: "),
                n => format!("changed {first} and {} more: ", n - 1),
            }
        }
    }
}

fn print_warnings(warnings: &[Diagnostic], reason: &Reason) {
    if *reason == Reason::Clock {
        return;
    }
    for w in warnings {
        eprintln!("{w}");
    }
}

fn print_errors(errors: &[Diagnostic], reason: &Reason, has_site: bool) {
    eprint!("{}", describe_reason(reason));
    eprintln!(
        "the site does not build ({}):",
        crate::diagnostic::problems(errors)
    );
    for e in errors {
        eprintln!("{e}");
    }
    if has_site {
        eprintln!("still serving the last good build; the browser shows these errors");
    } else {
        eprintln!("the browser shows these errors until the site builds");
    }
}

/// One good build of the dev server.
struct Rebuilt {
    /// The rendered site.
    output: Output,
    /// Warnings that did not stop the build.
    warnings: Vec<Diagnostic>,
    /// What the site shows apart from the clock (see [`fingerprint`]).
    fingerprint: String,
}

/// Builds the site in memory, reusing the posts of the last load, and fingerprints its state.
fn build_in_memory(
    root: &Path,
    now: DateTime<Utc>,
    reuse: &mut load::Reuse,
    memo: &mut Memo,
) -> Result<Rebuilt, Vec<Diagnostic>> {
    let mut output = Output::new();
    let outcome = build::run(
        Input::Reload(root, reuse),
        now,
        Target::Preview(&mut output, Some(memo)),
    )
    .map_err(|e| match e {
        BuildError::Invalid(diags) => diags,
        BuildError::Write(e) => unreachable!("a build in memory writes no file: {e:#}"),
    })?;
    let fingerprint = fingerprint(&outcome.state);
    reuse.keep(outcome.site);
    Ok(Rebuilt {
        output,
        warnings: outcome.warnings,
        fingerprint,
    })
}

/// Summarises what the site shows apart from the clock: statuses, open incidents, maintenance
/// states, announcements. A clock rebuild reloads browsers only when this changes.
fn fingerprint(state: &State) -> String {
    format!(
        "{:?}",
        (
            &state.component_status,
            &state.group_status,
            &state.indicator,
            &state.open_incidents,
            &state.maintenance_status,
            &state.active_maintenance,
            &state.upcoming_maintenance,
            &state.shown_announcements,
            &state.announcements,
        )
    )
}

#[cfg(test)]
mod tests;
