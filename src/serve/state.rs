//! The site being served: one immutable snapshot at a time, replaced whole.
//!
//! A request takes the current snapshot once and answers from it, so it sees either the old
//! site or the new one, never a mix. Event streams wait on the same lock and are woken only
//! after the new snapshot is in place.

use crate::diagnostic::Diagnostic;
use crate::output::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One state of the served site.
#[derive(Debug)]
pub struct Snapshot {
    /// Counts visible changes (new content, new errors, errors gone) since the server started.
    pub generation: u64,
    /// Identifies this server process and generation; pages carry it, the event stream sends it.
    pub token: String,
    /// The last good build, if any build has succeeded.
    pub site: Option<Arc<Output>>,
    /// The errors of the latest build; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
}

/// The current snapshot, shared by the request threads and the builder.
#[derive(Debug)]
pub struct Shared {
    instance: String,
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
    shutdown: AtomicBool,
}

impl Shared {
    /// Starts with no site and no errors. `instance` tells this server process apart from
    /// earlier ones, so pages served by a previous run reload after a restart.
    pub fn new(instance: impl Into<String>) -> Self {
        let instance = instance.into();
        let first = Snapshot {
            generation: 0,
            token: format!("{instance}-0"),
            site: None,
            errors: Vec::new(),
        };
        Shared {
            instance,
            current: Mutex::new(Arc::new(first)),
            changed: Condvar::new(),
            shutdown: AtomicBool::new(false),
        }
    }

    /// The snapshot to answer one request from.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the snapshot. With `visible`, the generation moves on and waiting event streams
    /// are woken (after the swap); otherwise the content is replaced silently, e.g. when only
    /// the clock shown on the pages moved.
    pub fn publish(&self, site: Option<Arc<Output>>, errors: Vec<Diagnostic>, visible: bool) {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let generation = current.generation + u64::from(visible);
        *current = Arc::new(Snapshot {
            generation,
            token: format!("{}-{generation}", self.instance),
            site,
            errors,
        });
        drop(current);
        if visible {
            self.changed.notify_all();
        }
    }

    /// Waits until the token differs from `token`, the server shuts down, or `timeout` passes;
    /// returns the snapshot current then.
    pub fn wait_for_change(&self, token: &str, timeout: Duration) -> Arc<Snapshot> {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (current, _) = self
            .changed
            .wait_timeout_while(current, timeout, |s| {
                s.token == token && !self.shutdown.load(Ordering::SeqCst)
            })
            .unwrap_or_else(|e| e.into_inner());
        current.clone()
    }

    /// Tells event streams to end.
    pub fn shut_down(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
        let _guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        self.changed.notify_all();
    }

    /// True once [`Shared::shut_down`] was called.
    pub fn is_shutting_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn visible_changes_move_the_token_and_wake_waiters() {
        let shared = Arc::new(Shared::new("i"));
        assert_eq!(shared.snapshot().token, "i-0");
        let waiter = {
            let shared = shared.clone();
            std::thread::spawn(move || shared.wait_for_change("i-0", Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(50));
        let mut site = Output::new();
        site.insert("index.html", "new");
        let started = Instant::now();
        shared.publish(Some(Arc::new(site)), Vec::new(), true);
        let seen = waiter.join().unwrap();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(seen.token, "i-1");
        assert_eq!(seen.site.as_ref().unwrap().text("index.html"), Some("new"));
    }

    #[test]
    fn silent_swaps_keep_the_token() {
        let shared = Shared::new("i");
        shared.publish(Some(Arc::new(Output::new())), Vec::new(), true);
        let mut site = Output::new();
        site.insert("index.html", "later");
        shared.publish(Some(Arc::new(site)), Vec::new(), false);
        let now = shared.snapshot();
        assert_eq!((now.generation, now.token.as_str()), (1, "i-1"));
        assert_eq!(now.site.as_ref().unwrap().text("index.html"), Some("later"));
        let waited = shared.wait_for_change("i-1", Duration::from_millis(20));
        assert_eq!(waited.token, "i-1");
    }
}
