//! One run of `statuspress probe`: every probe checked at once (at most [`WORKERS`] at a
//! time), a failing check tried again after a wait that doubles each time, one sample per
//! probe written, and the incidents of the probes opened, updated or resolved.
//!
//! No check can hold the run up: each try is bounded by its probe's timeout, and the run
//! stops waiting once every probe has had its tries' worth of time, recording a probe that
//! has not answered by then as down.

use super::check::{self, Outcome};
use super::data;
use super::incidents::{self, Done};
use crate::diagnostic::Diagnostic;
use crate::model::probe_data::{Sample, UpstreamRead, Verdict};
use crate::model::probes::{Probe, ProbeKind};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// Probes checked at the same time, at most.
pub const WORKERS: usize = 16;

/// The variable that sets the first wait before a retry (milliseconds), for tests only.
pub const BACKOFF_VAR: &str = "STATUSPRESS_PROBE_BACKOFF_MS";

/// The first wait before a retry, unless [`BACKOFF_VAR`] says otherwise.
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(200);

/// One try of one probe, as [`check::run_check`] makes it.
pub type CheckFn = fn(&Probe, DateTime<Utc>, &dyn Fn(&str) -> Option<String>) -> Outcome;

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The first wait before a retry; each next one is twice as long.
    pub backoff: Duration,
    /// Probes checked at the same time, at most.
    pub workers: usize,
    /// What one try runs: [`check::run_check`]. Tests put a check here that overruns its
    /// timeout, which no real check does, to see the run give up on it.
    pub check: CheckFn,
}

impl Settings {
    /// The defaults, with the wait of [`BACKOFF_VAR`] when `env` sets it.
    pub fn new(env: &dyn Fn(&str) -> Option<String>) -> Settings {
        Settings {
            backoff: env(BACKOFF_VAR)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map_or(DEFAULT_BACKOFF, Duration::from_millis),
            workers: WORKERS,
            check: check::run_check,
        }
    }
}

/// The last try of one probe, and how many tries it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tried {
    /// What the last try found.
    pub outcome: Outcome,
    /// Tries made, the first included.
    pub tries: u32,
}

impl Tried {
    /// The line printed for the probe `id`.
    pub fn line(&self, id: &str) -> String {
        let o = &self.outcome;
        match o.verdict() {
            Verdict::Ok => format!("{id}: ok {} ms", o.latency_ms),
            Verdict::Slow => format!("{id}: slow {} ms", o.latency_ms),
            Verdict::Down => format!(
                "{id}: down ({}) after {} {}",
                o.detail,
                self.tries,
                if self.tries == 1 { "try" } else { "tries" }
            ),
        }
    }
}

/// Tries `probe` with `check` until it passes or has had `1 + retries` tries.
fn try_probe(
    probe: &Probe,
    now: DateTime<Utc>,
    env: &dyn Fn(&str) -> Option<String>,
    backoff: Duration,
    check: CheckFn,
) -> Tried {
    let mut tries = 0;
    loop {
        tries += 1;
        let outcome = check(probe, now, env);
        if outcome.ok || tries > probe.retries {
            return Tried { outcome, tries };
        }
        thread::sleep(backoff * 2u32.saturating_pow(tries - 1));
    }
}

/// The longest a probe's tries and waits can take, with a second to spare.
fn budget(probe: &Probe, backoff: Duration) -> Duration {
    let tries = probe.retries + 1;
    probe.timeout() * tries
        + backoff * (2u32.saturating_pow(probe.retries) - 1)
        + Duration::from_secs(1)
}

/// Checks every probe, at most `settings.workers` at a time, with header values from `env`;
/// certificates are judged at `now`. Results come back in the order of `probes`.
pub fn check_all(
    probes: &[Probe],
    now: DateTime<Utc>,
    env: &dyn Fn(&str) -> Option<String>,
    settings: &Settings,
) -> Vec<Tried> {
    if probes.is_empty() {
        return Vec::new();
    }
    // Only the variables the probes name are read, once, before any thread starts.
    let values: BTreeMap<String, String> = probes
        .iter()
        .flat_map(|p| p.headers_env.iter().map(|(_, var)| var))
        .filter_map(|var| env(var).map(|v| (var.clone(), v)))
        .collect();
    let workers = settings.workers.clamp(1, probes.len());
    let shared = Arc::new((probes.to_vec(), values, AtomicUsize::new(0)));
    let (tx, rx) = mpsc::channel();
    for _ in 0..workers {
        let (shared, tx) = (shared.clone(), tx.clone());
        let (backoff, check) = (settings.backoff, settings.check);
        thread::spawn(move || {
            let (probes, values, next) = &*shared;
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(probe) = probes.get(i) else { break };
                let env = |var: &str| values.get(var).cloned();
                let tried = try_probe(probe, now, &env, backoff, check);
                if tx.send((i, tried)).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let longest = probes
        .iter()
        .map(|p| budget(p, settings.backoff))
        .max()
        .unwrap_or_default();
    let waves = u32::try_from(probes.len().div_ceil(workers)).unwrap_or(u32::MAX);
    let deadline = Instant::now() + longest * waves;
    let mut results: Vec<Option<Tried>> = vec![None; probes.len()];
    while results.iter().any(Option::is_none) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((i, tried)) => results[i] = Some(tried),
            Err(_) => break,
        }
    }
    results
        .into_iter()
        .zip(probes)
        .map(|(r, p)| {
            r.unwrap_or_else(|| Tried {
                outcome: Outcome::down(
                    budget(p, settings.backoff),
                    format!(
                        "no result within {} ms: the run stopped waiting for the check",
                        budget(p, settings.backoff).as_millis()
                    ),
                ),
                tries: p.retries + 1,
            })
        })
        .collect()
}

/// Why a run stopped before writing anything.
#[derive(Debug)]
pub enum Stop {
    /// The site's config or components cannot be read.
    Site(crate::authoring::Error),
    /// `probes.toml` or a data file has problems.
    Invalid(Vec<Diagnostic>),
    /// A data file or incident cannot be written.
    Write(String),
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Probes checked.
    pub probes: usize,
    /// Probes found down.
    pub down: usize,
    /// Incident files written.
    pub incidents: usize,
}

impl Summary {
    /// The closing line.
    pub fn line(&self) -> String {
        format!(
            "probe: {} checked, {} down, {} incident file{} written",
            self.probes,
            self.down,
            self.incidents,
            if self.incidents == 1 { "" } else { "s" }
        )
    }
}

/// Runs every probe of the site in `root` once at the clock `now`, records the samples, and
/// opens or resolves the probes' incidents. `None` when the site has no `probes.toml`.
pub fn run(
    root: &Path,
    now: DateTime<Utc>,
    settings: &Settings,
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut dyn Write,
) -> Result<Option<Summary>, Stop> {
    let ctx = crate::authoring::site::SiteContext::read(root).map_err(Stop::Site)?;
    let Some(probes) = crate::load::read_probes(root, &ctx.catalog).map_err(Stop::Invalid)? else {
        return Ok(None);
    };
    // Every data file is read before any check runs: a malformed one stops the run.
    let mut history = Vec::new();
    let mut problems = Vec::new();
    for p in &probes.probes {
        match crate::load::read_probe_data(root, p) {
            Ok(d) => history.push(d),
            Err(d) => problems.extend(d),
        }
    }
    if !problems.is_empty() {
        return Err(Stop::Invalid(problems));
    }
    let results = check_all(&probes.probes, now, env, settings);
    let mut summary = Summary {
        probes: probes.probes.len(),
        ..Summary::default()
    };
    let mut recorded = Vec::new();
    for ((probe, tried), old) in probes.probes.iter().zip(&results).zip(&history) {
        let _ = writeln!(out, "{}", tried.line(&probe.id));
        if tried.outcome.verdict() == Verdict::Down {
            summary.down += 1;
        }
        let sample = Sample {
            time: now,
            result: tried.outcome.verdict(),
            latency_ms: tried.outcome.latency_ms,
            detail: tried.outcome.detail.clone(),
        };
        let mut d = data::with_sample(old, sample, probes.sample_days, now);
        // A statuspage probe keeps what this run read, or that it read nothing in time.
        d.upstream = (probe.kind == ProbeKind::Statuspage)
            .then(|| (tried.outcome.upstream.clone()).unwrap_or_else(|| UpstreamRead::unread(now)));
        recorded.push(d);
    }
    for (probe, d) in probes.probes.iter().zip(&recorded) {
        data::save(root, &probe.id, d).map_err(Stop::Write)?;
    }
    for ((probe, d), tried) in probes.probes.iter().zip(&recorded).zip(&results) {
        match incidents::apply(&ctx, probe, &d.samples, tried.tries, now) {
            Ok(Done::Nothing) => {}
            Ok(Done::Wrote(path, line)) => {
                summary.incidents += 1;
                let _ = writeln!(out, "{line}: {}", path.display());
            }
            Ok(Done::Note(line)) => {
                let _ = writeln!(out, "note: {line}");
            }
            Err(e) => {
                return Err(Stop::Write(format!("the incident of `{}`: {e}", probe.id)));
            }
        }
    }
    Ok(Some(summary))
}

#[cfg(test)]
mod tests;
