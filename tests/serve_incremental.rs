//! `serve` rebuilds only what an edit can change and reuses the rest of the previous build;
//! this is the guard that the result is never wrong. After every edit of a seeded random
//! sequence (new post, changed title, impact or status, a start moved across months, a deleted
//! post, a renamed component, a template override, a translation, the clock moving on so that
//! maintenance opens or past midnight, a post still under way in a later month than it began,
//! a post on the index's recent past, a new maintenance window, an announcement), the site
//! `serve` holds in memory must equal, byte for byte, a fresh build of the same files at the
//! same clock; a failure names the seed, the edit and the first file that differs.
//!
//! `SERVE_GUARD_SEED=N` replays one sequence, `SERVE_GUARD_STEPS=N` makes each longer.

mod common;
#[allow(dead_code, reason = "the tests use the generator's site writer only")]
#[path = "../examples/gen_site/mod.rs"]
mod gen_site;
mod incremental_support;

use chrono::{DateTime, Utc};
use incremental_support::{CASES, Editor, KINDS, Rng};
use statuspress::build::{self, BuildError, Input, Memo, Target};
use statuspress::diagnostic::Diagnostic;
use statuspress::load::Reuse;
use statuspress::output::Output;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// What `serve` keeps between builds, and the site it serves (the last good build).
struct Served {
    reuse: Reuse,
    memo: Memo,
    site: Option<Output>,
}

impl Served {
    /// Builds as `serve` does after a save: reusing what it kept.
    fn rebuild(&mut self, root: &Path, now: DateTime<Utc>) -> Result<(), Vec<Diagnostic>> {
        let mut output = Output::new();
        let target = Target::Preview(&mut output, Some(&mut self.memo));
        let outcome = build::run(Input::Reload(root, &mut self.reuse), now, target);
        match outcome {
            Ok(outcome) => {
                self.reuse.keep(outcome.site);
                self.site = Some(output);
                Ok(())
            }
            Err(BuildError::Invalid(diags)) => Err(diags),
            Err(BuildError::Write(e)) => panic!("a build in memory writes nothing: {e:#}"),
        }
    }
}

/// A full build of the same files at the same clock, sharing nothing with `serve`'s.
fn fresh(root: &Path, now: DateTime<Utc>) -> Result<Output, Vec<Diagnostic>> {
    let mut output = Output::new();
    match build::run(Input::Folder(root), now, Target::Preview(&mut output, None)) {
        Ok(_) => Ok(output),
        Err(BuildError::Invalid(diags)) => Err(diags),
        Err(BuildError::Write(e)) => panic!("a build in memory writes nothing: {e:#}"),
    }
}

/// The first file that differs between `served` and `fresh`, with the first line that does.
fn first_difference(served: &Output, fresh: &Output) -> Option<String> {
    let mut a = served.iter().peekable();
    let mut b = fresh.iter().peekable();
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return None,
            (Some((p, _)), None) => return Some(format!("{p}: served but not built")),
            (None, Some((p, _))) => return Some(format!("{p}: built but not served")),
            (Some((pa, _)), Some((pb, _))) if pa < pb => {
                return Some(format!("{pa}: served but not built"));
            }
            (Some((pa, _)), Some((pb, _))) if pa > pb => {
                return Some(format!("{pb}: built but not served"));
            }
            (Some((p, x)), Some((_, y))) if x != y => {
                let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
                let line = x.lines().zip(y.lines()).position(|(l, m)| l != m);
                let at = line.map_or(String::new(), |k| {
                    let (l, m) = (x.lines().nth(k).unwrap(), y.lines().nth(k).unwrap());
                    format!(
                        " at line {}:\n  served: {l:.300}\n  built:  {m:.300}",
                        k + 1
                    )
                });
                return Some(format!("{p} differs{at}"));
            }
            _ => {
                a.next();
                b.next();
            }
        }
    }
}

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(gen_site::END)
        .unwrap()
        .with_timezone(&Utc)
}

/// Runs `steps` random edits from `seed` on a generated site of `incidents` incidents, in one
/// language or, with `other`, two; returns the largest share of its files a rebuild reused.
fn guard(seed: u64, incidents: usize, other: Option<&'static str>, steps: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let params = gen_site::Params {
        incidents,
        components: 12,
        seed,
    };
    gen_site::write_site(&params, dir.path()).unwrap();
    let root = dir.path();
    if let Some(lang) = other {
        let config = fs::read_to_string(root.join("statuspress.toml")).unwrap();
        let config = config.replace(
            "language = \"en\"",
            &format!("languages = [\"en\", \"{lang}\"]"),
        );
        fs::write(root.join("statuspress.toml"), config).unwrap();
    }
    let mut editor = Editor::new(root, start(), gen_site::TIME_ZONE, other);
    editor.seed_cases();
    let mut rng = Rng::new(seed);
    let mut served = Served {
        reuse: Reuse::default(),
        memo: Memo::default(),
        site: None,
    };
    served
        .rebuild(root, editor.now)
        .expect("the generated site builds");
    let mut before = fresh(root, editor.now).expect("the generated site builds");
    let mut reached = BTreeSet::new();
    let mut most_reused: f64 = 0.0;
    let mut done = Vec::new();
    for step in 1..=steps {
        let edit = editor.edit(&mut rng);
        done.push(format!("{step}. {edit}"));
        let now = editor.now;
        let incremental = served.rebuild(root, now);
        let full = fresh(root, now);
        let failed = |why: String| -> ! {
            panic!(
                "seed {seed}, step {step} ({edit}): {why}\nedits so far:\n{}\nreplay with SERVE_GUARD_SEED={seed}",
                done.join("\n")
            )
        };
        match (incremental, full) {
            (Ok(()), Ok(full)) => {
                let site = served.site.as_ref().unwrap();
                if let Some(difference) = first_difference(site, &full) {
                    failed(difference);
                }
                let reused = served.memo.reused();
                most_reused = most_reused.max(reused as f64 / full.len() as f64);
                println!("{step}. {edit}: {reused} of {} files reused", full.len());
                if let Some(expected) = editor.expected.take() {
                    let page = |out: &Output| out.get(&expected.path).map(|b| b.to_vec());
                    if page(&before) != page(&full) {
                        reached.insert(expected.case);
                    }
                }
                before = full;
            }
            (Err(a), Err(b)) if a == b => println!("{step}. {edit}: {} errors", a.len()),
            (a, b) => failed(format!(
                "serve's build and a fresh one disagree on errors:\n  serve: {:?}\n  fresh: {:?}",
                a.err(),
                b.err()
            )),
        }
    }
    let missed: Vec<_> = CASES.iter().filter(|c| !reached.contains(*c)).collect();
    assert!(
        steps < KINDS || missed.is_empty(),
        "seed {seed}: no edit of {steps} reached {missed:?}: the sequence proves nothing of them"
    );
    most_reused
}

fn steps(default: usize) -> usize {
    std::env::var("SERVE_GUARD_STEPS").map_or(default, |s| s.parse().expect("a number of steps"))
}

fn seeds(default: &[u64]) -> Vec<u64> {
    match std::env::var("SERVE_GUARD_SEED") {
        Ok(s) => vec![s.parse().expect("a seed")],
        Err(_) => default.to_vec(),
    }
}

// Each sequence has every kind of edit at least once (they come in rounds of `KINDS`). A
// rebuild after an edit of one old post reuses most files, or the comparisons would prove
// little; and the edits that reach the new pages' cases (`CASES`) must change those pages.

#[test]
fn serve_equals_a_fresh_build_after_every_edit() {
    for seed in seeds(&[1]) {
        let most = guard(seed, 150, None, steps(KINDS + 1));
        assert!(
            most > 0.7,
            "seed {seed}: no rebuild reused most files ({most:.2})"
        );
    }
}

#[test]
fn serve_equals_a_fresh_build_in_two_languages() {
    for seed in seeds(&[2]) {
        let most = guard(seed, 40, Some("de"), steps(KINDS));
        assert!(
            most > 0.5,
            "seed {seed}: no rebuild reused most files ({most:.2})"
        );
    }
}
