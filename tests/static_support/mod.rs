//! A plain static file server for the browser tests, as a static host serves a built site: each
//! request reads the file from the folder at that moment (so a test can build a new site into
//! it while a page is open), `/dir/` serves `dir/index.html`, a missing file gets the site's
//! `404.html`, and no script is added. It keeps the path of every request.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use tiny_http::{Header, Response, Server};

/// A running server on an ephemeral port of 127.0.0.1, stopped when dropped.
pub struct StaticServer {
    /// `host:port` it listens on.
    pub addr: String,
    server: Arc<Server>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves the folder `root`.
    pub fn start(root: &Path) -> StaticServer {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("a free loopback port"));
        let addr = server
            .server_addr()
            .to_ip()
            .expect("an IP address")
            .to_string();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let (server, requests, root) = (server.clone(), requests.clone(), root.to_path_buf());
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    let path = request.url().split(['?', '#']).next().unwrap_or("/");
                    let path = path.to_string();
                    requests.lock().unwrap().push(path.clone());
                    // Each answer on its own thread, as a static host answers: one connection
                    // the browser stopped reading must not hold up the others.
                    let root = root.clone();
                    thread::spawn(move || {
                        let _ = request.respond(respond(&root, &path));
                    });
                }
            })
        };
        StaticServer {
            addr,
            server,
            requests,
            thread: Some(thread),
        }
    }

    /// How many requests asked for `path` (without its query) so far.
    pub fn requests_for(&self, path: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn respond(root: &Path, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let file = file_of(root, path);
    match file.as_deref().map(fs::read) {
        Some(Ok(bytes)) => with_type(whole(bytes), file.as_deref().unwrap()),
        _ => {
            let page = root.join("404.html");
            let bytes = fs::read(&page).unwrap_or_default();
            with_type(whole(bytes).with_status_code(404), &page)
        }
    }
}

/// A response with a Content-Length, as static hosts send files: tiny_http would otherwise send
/// a body over 32 KiB in chunks, and could leave its last chunk unsent, so that a large page
/// never finished loading.
fn whole(bytes: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes).with_chunked_threshold(usize::MAX)
}

/// The file a request path names: `None` for a path that leaves the folder.
fn file_of(root: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    if rel
        .split('/')
        .any(|part| part == ".." || part.contains('\\'))
    {
        return None;
    }
    let mut file = root.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}

fn with_type(
    response: Response<std::io::Cursor<Vec<u8>>>,
    file: &Path,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    response.with_header(Header::from_bytes("Content-Type", kind).expect("a valid header"))
}

/// A small site built with `statuspress build` into a folder of its own, at a clock the test
/// chooses, around one incident on `api` that started four hours before the real time: the
/// browser runs on the real clock, so the build clock is set relative to it.
pub struct Published {
    /// The site folder.
    pub site: crate::common::TempSite,
    folder: tempfile::TempDir,
    /// When the incident started, to the minute (RFC 3339).
    pub started: String,
}

/// The path of the incident in the site folder.
pub const INCIDENT: &str = "incidents/api-errors.md";

impl Published {
    /// The site, not built yet; its incident is open.
    pub fn new() -> Published {
        let site = crate::common::TempSite::new();
        let started = minutes_ago(4 * 60);
        let published = Published {
            site,
            folder: tempfile::tempdir().unwrap(),
            started,
        };
        published.incident(None);
        published
    }

    /// Writes the incident, resolved at `resolved` (RFC 3339) or open.
    pub fn incident(&self, resolved: Option<&str>) {
        let started = &self.started;
        let resolved = resolved.map_or(String::new(), |r| format!("resolved = {r}\n"));
        self.site.write(
            INCIDENT,
            &format!(
                "+++\ntitle = \"API errors\"\nimpact = \"minor\"\nstarted = {started}\n{resolved}affected = [\"api\"]\n+++\n\n## Investigating — {started}\nSome requests fail.\n"
            ),
        );
    }

    /// Makes the index and the embed poll every second instead of every minute, through an
    /// override of each that adds `data-refresh-seconds` to the built-in one.
    pub fn poll_every_second(&self) {
        for name in ["index.html", "embed.html"] {
            self.site.write(
                &format!("templates/{name}"),
                &format!(
                    "{{% extends \"builtin/{name}\" %}}{{% block page_data %}}{{{{ super() }}}} data-refresh-seconds=\"1\"{{% endblock page_data %}}"
                ),
            );
        }
    }

    /// Builds the site with the clock `now` into the output folder, replacing what it held.
    pub fn build(&self, now: &str) {
        let out = self.out();
        crate::common::assert_ok(&crate::common::statuspress(&[
            "build",
            "--root",
            self.site.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--now",
            now,
        ]));
    }

    /// The output folder, to serve.
    pub fn out(&self) -> PathBuf {
        self.folder.path().join("public")
    }
}

/// The real time `minutes` ago, to the minute, in RFC 3339.
pub fn minutes_ago(minutes: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:00Z")
        .to_string()
}
