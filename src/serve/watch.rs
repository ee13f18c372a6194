//! Watching the site folder: native file events (or polling), filtered and collapsed so one
//! save, however the editor performs it, gives one rebuild (see [`burst`]).

mod burst;

pub use burst::{MAX_WAIT, Quiet, Step, debounce};

use crate::load::is_scratch_file;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How often `--poll` scans the folder.
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Decides which paths under the site root matter to the build.
#[derive(Debug, Clone)]
pub struct Filter {
    root: PathBuf,
    output_name: String,
}

impl Filter {
    /// A filter for the site at `root` (as the watcher reports it) whose output folder is
    /// `root/<output_name>`.
    pub fn new(root: impl Into<PathBuf>, output_name: impl Into<String>) -> Self {
        Filter {
            root: root.into(),
            output_name: output_name.into(),
        }
    }

    /// True when a change at `path` can change the site: not in the output folder (or a
    /// sibling whose name starts with the output's), not in `.git`, not an editor's temp or
    /// swap file, not outside the root.
    pub fn is_relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut parts = rel.components().filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        });
        let Some(first) = parts.next() else {
            return true;
        };
        if first.starts_with(&self.output_name) {
            return false;
        }
        std::iter::once(first)
            .chain(parts)
            .all(|name| name == ".well-known" || !is_scratch_file(&name))
    }

    /// The paths of an event that matter, relative to the root, each with where the event
    /// leaves it.
    pub fn relevant_steps(&self, event: &Event) -> Vec<(PathBuf, Step)> {
        if !is_change(&event.kind) {
            return Vec::new();
        }
        let relative = |p: &PathBuf| p.strip_prefix(&self.root).unwrap_or(p).to_path_buf();
        if let (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), [from, to]) =
            (event.kind, &event.paths[..])
        {
            // Renamed into place (a save through a temporary file): both names are settled.
            // Moved aside, out of the site or to a backup (an editor about to write the file
            // anew): the old name is not.
            return if self.is_relevant(to) {
                let both = [from, to].into_iter().filter(|p| self.is_relevant(p));
                both.map(|p| (relative(p), Step::Done)).collect()
            } else if self.is_relevant(from) {
                vec![(relative(from), Step::Pending)]
            } else {
                Vec::new()
            };
        }
        let step = step_of(event.kind);
        (event.paths.iter())
            .filter(|p| self.is_relevant(p))
            .map(|p| (relative(p), step))
            .collect()
    }
}

/// True for event kinds that mean content may have changed; reads (our own builds open every
/// file) and access-time updates are not changes.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Where an event of `kind` (on one path) leaves it.
fn step_of(kind: EventKind) -> Step {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => Step::Done,
        EventKind::Modify(ModifyKind::Metadata(_)) => Step::Neutral,
        _ => Step::Pending,
    }
}

/// What the watcher reports to the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Files changed (relative paths, sorted, without duplicates); rebuild.
    Changed(Vec<PathBuf>),
    /// The deadline passed without changes.
    Timeout,
    /// The watcher is gone.
    Closed,
}

/// A running watcher of the site folder.
///
/// The root is watched on its own (to see top-level entries come and go) and each relevant
/// top-level entry recursively, so the output folder and `.git` are never watched or scanned.
pub struct Watch {
    rx: Receiver<notify::Result<Event>>,
    filter: Filter,
    root: PathBuf,
    watcher: Box<dyn Watcher + Send>,
    watched: BTreeSet<PathBuf>,
}

impl Watch {
    /// Watches the site at `root`, with native events or, with `poll`, by scanning.
    ///
    /// Falls back to polling (and says so on stderr) when native events are unavailable.
    pub fn start(root: &Path, output_name: &str, poll: bool) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            Box::new(poll_watcher(tx)?)
        } else {
            match RecommendedWatcher::new(tx.clone(), notify::Config::default()) {
                Ok(w) => Box::new(w),
                Err(e) => {
                    eprintln!("warning: native file events are unavailable ({e}); polling instead");
                    Box::new(poll_watcher(tx)?)
                }
            }
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            rx,
            filter: Filter::new(root, output_name),
            root: root.to_path_buf(),
            watcher,
            watched: BTreeSet::new(),
        };
        refresh(
            &watch.root,
            &watch.filter,
            watch.watcher.as_mut(),
            &mut watch.watched,
        );
        Ok(watch)
    }

    /// Waits for a relevant change until `deadline` (forever without one), then collects the
    /// rest of the burst.
    pub fn next(&mut self, deadline: Option<Instant>) -> Signal {
        let Watch {
            rx,
            filter,
            root,
            watcher,
            watched,
        } = self;
        let relevant = |msg: notify::Result<Event>| match msg {
            Ok(event) => {
                let paths = filter.relevant_steps(&event);
                // A new top-level entry (a folder created or renamed) gets its own watch at once.
                if paths.iter().any(|(p, _)| p.components().count() == 1) {
                    refresh(root, filter, watcher.as_mut(), watched);
                }
                paths
            }
            Err(e) => {
                eprintln!("warning: file watching: {e}");
                Vec::new()
            }
        };
        debounce(rx, relevant, deadline, Quiet::EDITS, MAX_WAIT)
    }
}

/// Watches every relevant top-level folder of the root that is not watched yet, and forgets
/// entries that are gone.
fn refresh(
    root: &Path,
    filter: &Filter,
    watcher: &mut (dyn Watcher + Send),
    watched: &mut BTreeSet<PathBuf>,
) {
    watched.retain(|p| {
        let exists = p.exists();
        if !exists {
            let _ = watcher.unwatch(p);
        }
        exists
    });
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for path in paths {
        // Files at the top level are seen through the root's own watch.
        if path.is_dir() && filter.is_relevant(&path) && !watched.contains(&path) {
            match watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(path);
                }
                Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
            }
        }
    }
}

fn poll_watcher(tx: std::sync::mpsc::Sender<notify::Result<Event>>) -> notify::Result<PollWatcher> {
    // File times are compared in whole seconds; contents tell two saves in one second apart.
    PollWatcher::new(
        tx,
        notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_output_git_and_scratch_files() {
        let f = Filter::new("/site", "public");
        for p in [
            "/site/incidents/a.md",
            "/site/incidents/2026",
            "/site/statuspress.toml",
            "/site/static/.well-known/security.txt",
            "/site/templates/base.html",
            "/site",
        ] {
            assert!(f.is_relevant(Path::new(p)), "{p}");
        }
        for p in [
            "/site/public/index.html",
            "/site/public",
            "/site/public-old/x.html",
            "/site/.public.new-12/index.html",
            "/site/.git/index",
            "/site/.git/refs/heads/main",
            "/site/.statuspress/notified.json",
            "/site/.statuspress/.notified.json.tmp-7",
            "/site/incidents/.a.md.swp",
            "/site/incidents/a.md~",
            "/site/incidents/#a.md#",
            "/site/incidents/a.md.tmp",
            "/site/.idea/workspace.xml",
            "/elsewhere/x.md",
        ] {
            assert!(!f.is_relevant(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, RemoveKind, RenameMode};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::Folder)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
    }

    #[test]
    fn saves_settle_when_closed_or_renamed_into_place() {
        use notify::event::{CreateKind, DataChange};
        let f = Filter::new("/site", "public");
        let event = |kind: EventKind, paths: &[&str]| {
            let mut e = Event::new(kind);
            for p in paths {
                e = e.add_path(PathBuf::from(p));
            }
            f.relevant_steps(&e)
        };
        let step = |p: &str, s: Step| (PathBuf::from(p), s);
        let name = |m| EventKind::Modify(ModifyKind::Name(m));
        assert_eq!(
            event(
                EventKind::Create(CreateKind::File),
                &["/site/incidents/a.md"]
            ),
            [step("incidents/a.md", Step::Pending)]
        );
        assert_eq!(
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &["/site/incidents/a.md"]
            ),
            [step("incidents/a.md", Step::Pending)]
        );
        assert_eq!(
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["/site/incidents/a.md"]
            ),
            [step("incidents/a.md", Step::Done)]
        );
        // A temporary file renamed into place settles both names.
        assert_eq!(
            event(
                name(RenameMode::Both),
                &["/site/incidents/a.md.new", "/site/incidents/a.md"]
            ),
            [
                step("incidents/a.md.new", Step::Done),
                step("incidents/a.md", Step::Done)
            ]
        );
        // Moved aside to a backup: the post is about to be written anew.
        assert_eq!(
            event(
                name(RenameMode::Both),
                &["/site/incidents/a.md", "/site/incidents/a.md~"]
            ),
            [step("incidents/a.md", Step::Pending)]
        );
        assert_eq!(
            event(name(RenameMode::From), &["/site/incidents/a.md"]),
            [step("incidents/a.md", Step::Pending)]
        );
        assert_eq!(
            event(name(RenameMode::To), &["/site/incidents/a.md"]),
            [step("incidents/a.md", Step::Done)]
        );
        assert_eq!(
            event(
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions)),
                &["/site/incidents/a.md"]
            ),
            [step("incidents/a.md", Step::Neutral)]
        );
    }
}
