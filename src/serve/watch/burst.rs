//! Collapsing a burst of file events into one rebuild: the burst ends once the folder has been
//! quiet for a while, shortly when every file it touched is saved whole, later while one may
//! still be in the middle of a save.

use super::Signal;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the folder must stay quiet before a burst ends while a file of it may be in the
/// middle of a save (created or written but not yet closed, moved aside, removed).
pub const QUIET: Duration = Duration::from_millis(100);
/// How long it must stay quiet once every file of the burst is saved whole: closed after
/// writing, or renamed into place.
pub const SETTLED: Duration = Duration::from_millis(30);
/// The longest a rebuild waits for a burst to end (a long `git checkout`, a copy).
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// Where an event leaves a path of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Saved whole: closed after writing, or a file renamed into place (also the path it was
    /// renamed from, which a save by rename leaves behind on purpose).
    Done,
    /// Maybe in the middle of a save: created, written to, moved aside (an editor's backup
    /// dance moves the file away before writing the new one), removed.
    Pending,
    /// Nothing that changes its text: its attributes changed.
    Neutral,
}

/// How long the folder must be quiet before a burst ends.
#[derive(Debug, Clone, Copy)]
pub struct Quiet {
    /// While a path of the burst is [`Step::Pending`].
    pub pending: Duration,
    /// Once every path is [`Step::Done`] (or [`Step::Neutral`]).
    pub settled: Duration,
}

impl Quiet {
    /// [`QUIET`] and [`SETTLED`].
    pub const EDITS: Quiet = Quiet {
        pending: QUIET,
        settled: SETTLED,
    };
}

/// The paths of a burst, and which of them may be in the middle of a save.
#[derive(Debug, Default)]
pub struct Burst {
    paths: Vec<PathBuf>,
    pending: BTreeSet<PathBuf>,
}

impl Burst {
    /// Notes that `path` took `step`.
    pub fn note(&mut self, path: PathBuf, step: Step) {
        match step {
            Step::Done => {
                self.pending.remove(&path);
            }
            Step::Pending => {
                self.pending.insert(path.clone());
            }
            Step::Neutral => {}
        }
        self.paths.push(path);
    }

    /// How long the folder must stay quiet now for the burst to end.
    pub fn quiet(&self, quiet: Quiet) -> Duration {
        if self.pending.is_empty() {
            quiet.settled
        } else {
            quiet.pending
        }
    }

    /// The paths, sorted, without duplicates.
    fn into_paths(mut self) -> Vec<PathBuf> {
        self.paths.sort();
        self.paths.dedup();
        self.paths
    }
}

/// Waits for a message with relevant paths until `deadline`, then keeps collecting until no
/// relevant message arrived for the burst's [`Burst::quiet`] time, or `max_wait` passed since
/// the first. `relevant` gives the paths of a message that matter, each with its step.
pub fn debounce<M>(
    rx: &Receiver<M>,
    mut relevant: impl FnMut(M) -> Vec<(PathBuf, Step)>,
    deadline: Option<Instant>,
    quiet: Quiet,
    max_wait: Duration,
) -> Signal {
    let first_paths = loop {
        let msg = match deadline {
            Some(d) => match rx.recv_timeout(d.saturating_duration_since(Instant::now())) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => return Signal::Timeout,
                Err(RecvTimeoutError::Disconnected) => return Signal::Closed,
            },
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return Signal::Closed,
            },
        };
        let paths = relevant(msg);
        if !paths.is_empty() {
            break paths;
        }
    };
    let mut burst = Burst::default();
    for (path, step) in first_paths {
        burst.note(path, step);
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let wait = (last + burst.quiet(quiet))
            .min(first + max_wait)
            .saturating_duration_since(Instant::now());
        if wait.is_zero() {
            break;
        }
        match rx.recv_timeout(wait) {
            Ok(m) => {
                let more = relevant(m);
                if !more.is_empty() {
                    for (path, step) in more {
                        burst.note(path, step);
                    }
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Signal::Changed(burst.into_paths())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::thread;

    fn paths(v: &[&str]) -> Vec<PathBuf> {
        v.iter().map(PathBuf::from).collect()
    }

    /// The quiet time a burst asks for after each of `steps`.
    fn quiets(steps: &[(&str, Step)]) -> Vec<Duration> {
        let mut burst = Burst::default();
        (steps.iter())
            .map(|&(path, step)| {
                burst.note(PathBuf::from(path), step);
                burst.quiet(Quiet::EDITS)
            })
            .collect()
    }

    #[test]
    fn a_burst_waits_longer_while_a_file_is_in_the_middle_of_a_save() {
        use Step::{Done, Neutral, Pending};
        let (long, short) = (QUIET, SETTLED);
        // Written in place and closed (most editors, `fs::write`).
        assert_eq!(quiets(&[("a.md", Pending), ("a.md", Done)]), [long, short]);
        // Vim and Emacs: the file is moved aside to a backup (whose own events are ignored),
        // then written anew and closed.
        assert_eq!(
            quiets(&[
                ("a.md", Pending),
                ("a.md", Pending),
                ("a.md", Pending),
                ("a.md", Done),
                ("a.md", Neutral),
            ]),
            [long, long, long, short, short]
        );
        // A temporary file written, closed and renamed into place (JetBrains, `sed -i`): the
        // rename settles both names.
        assert_eq!(
            quiets(&[
                ("a.md.new", Pending),
                ("a.md.new", Done),
                ("a.md", Pending),
                ("a.md.new", Pending),
                ("a.md", Done),
                ("a.md.new", Done),
            ]),
            [long, short, long, long, long, short]
        );
        // Two files, one still open: the burst waits for it.
        assert_eq!(quiets(&[("a.md", Done), ("b.md", Pending)]), [short, long]);
        // A file removed waits the long time (it may be written again).
        assert_eq!(quiets(&[("a.md", Pending)]), [long]);
    }

    #[test]
    fn a_burst_becomes_one_signal_and_noise_is_skipped() {
        let (tx, rx) = channel::<&'static str>();
        let sender = thread::spawn(move || {
            tx.send("ignored").unwrap();
            for name in ["b.md", "a.md", ".a.md.swp", "b.md"] {
                tx.send(name).unwrap();
                thread::sleep(Duration::from_millis(20));
            }
            thread::sleep(Duration::from_millis(400));
            tx.send("c.md").unwrap();
        });
        let relevant = |m: &str| {
            if m == "ignored" || m.ends_with(".swp") {
                Vec::new()
            } else {
                vec![(PathBuf::from(m), Step::Pending)]
            }
        };
        let quiet = Quiet {
            pending: Duration::from_millis(150),
            settled: Duration::from_millis(150),
        };
        let first = debounce(&rx, relevant, None, quiet, Duration::from_secs(5));
        assert_eq!(first, Signal::Changed(paths(&["a.md", "b.md"])));
        let second = debounce(&rx, relevant, None, quiet, Duration::from_secs(5));
        assert_eq!(second, Signal::Changed(paths(&["c.md"])));
        sender.join().unwrap();
        assert_eq!(
            debounce(&rx, relevant, None, quiet, Duration::from_secs(5)),
            Signal::Closed
        );
    }

    #[test]
    fn a_deadline_without_changes_times_out() {
        let (_tx, rx) = channel::<&'static str>();
        let start = Instant::now();
        let got = debounce(
            &rx,
            |_| Vec::new(),
            Some(start + Duration::from_millis(50)),
            Quiet::EDITS,
            MAX_WAIT,
        );
        assert_eq!(got, Signal::Timeout);
        assert!(start.elapsed() >= Duration::from_millis(50));
    }

    #[test]
    fn an_endless_stream_is_cut_at_max_wait() {
        let (tx, rx) = channel::<&'static str>();
        let sender = thread::spawn(move || {
            for _ in 0..60 {
                if tx.send("a.md").is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(10));
            }
        });
        let start = Instant::now();
        let got = debounce(
            &rx,
            |m: &str| vec![(PathBuf::from(m), Step::Pending)],
            None,
            Quiet {
                pending: Duration::from_millis(100),
                settled: Duration::from_millis(100),
            },
            Duration::from_millis(200),
        );
        assert_eq!(got, Signal::Changed(paths(&["a.md"])));
        assert!(start.elapsed() < Duration::from_millis(500));
        drop(rx);
        sender.join().unwrap();
    }
}
