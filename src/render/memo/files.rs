//! Files kept from one rendering to the next, each with the key of what it was rendered from.

use super::inputs::PostId;
use crate::output::Sink;
use std::sync::{Arc, Mutex};
use tera::Context;

/// What a file was rendered from: the next rendering takes the kept file when its key is equal
/// and, for [`Key::Reads`], what it names is unchanged.
#[derive(Debug, PartialEq)]
pub(crate) enum Key {
    /// A page rendered from a template and a context: everything it shows is in the context.
    Context(&'static str, Context),
    /// A file that names what it reads besides the globals (for pages whose context is costly
    /// to build: an incident's page, a month of history; and feeds).
    Reads(Reads),
}

/// What a file reads besides the globals, when it is cheaper to name than its context.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Reads {
    /// Posts it reads (their models and views): each must be unchanged.
    pub(crate) posts: Vec<PostId>,
    /// Anything else it reads, in order.
    pub(crate) words: Vec<String>,
    /// Whether it reads the site view every page shows (status, build stamp): a page does.
    pub(crate) site_view: bool,
}

/// One kept file.
#[derive(Debug)]
pub(super) struct File {
    pub(super) key: Key,
    pub(super) bytes: Arc<Vec<u8>>,
}

/// A group of files kept with everything they read (the sitemap with `robots.txt` and the
/// stylesheet).
#[derive(Debug)]
pub(super) struct Group {
    pub(super) words: Vec<String>,
    pub(super) files: Vec<(String, Arc<Vec<u8>>)>,
}

/// A sink that passes every file on and notes it, to keep what a step put.
pub(super) struct Recorder<'a> {
    sink: &'a dyn Sink,
    files: Mutex<Vec<(String, Arc<Vec<u8>>)>>,
}

impl<'a> Recorder<'a> {
    pub(super) fn new(sink: &'a dyn Sink) -> Self {
        Recorder {
            sink,
            files: Mutex::new(Vec::new()),
        }
    }

    /// The files put, in order.
    pub(super) fn into_files(self) -> Vec<(String, Arc<Vec<u8>>)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) {
        self.put_shared(path, Arc::new(bytes));
    }

    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) {
        (self.files.lock().unwrap_or_else(|e| e.into_inner()))
            .push((path.to_string(), bytes.clone()));
        self.sink.put_shared(path, bytes);
    }
}
