//! The connections of [`StaticServer`]: HTTP/1.1 with keep-alive, each connection read and
//! answered on a thread of its own from the moment it is accepted.
//!
//! Not tiny_http: its pool starts with four threads and hands a new connection to a thread that
//! was idle a moment before. A thread keeps its connection until the browser closes it, and
//! Chromium keeps up to six open to a host. When two connections arrive before an idle thread
//! has woken up (a page with six files to fetch, on a loaded machine), both are queued for that
//! one thread; the second waits, unread, until one of the browser's connections closes, and its
//! page stays "loading" with all its text shown. Here no connection waits for another.

use super::http::{MAX_HEAD, Next, read_head, send};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufReader, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How many of the last requests a report lists.
const REPORTED: usize = 12;

/// A running server on an ephemeral port of 127.0.0.1, stopped when dropped.
pub struct StaticServer {
    /// `host:port` it listens on.
    pub addr: String,
    state: Arc<State>,
    thread: Option<JoinHandle<()>>,
}

/// What the accepting thread and the connections share.
struct State {
    root: PathBuf,
    started: Instant,
    stopping: AtomicBool,
    log: Mutex<Log>,
}

/// Every request so far, and the connections still open.
#[derive(Default)]
struct Log {
    requests: Vec<Exchange>,
    /// By connection number: a handle to close it when the server stops, and what it is doing.
    open: BTreeMap<usize, (TcpStream, Doing)>,
    accepted: usize,
}

/// One request and, once sent, its answer.
struct Exchange {
    connection: usize,
    method: String,
    path: String,
    received: Instant,
    /// Status, bytes of the body, time taken; or why the answer could not be sent.
    answered: Option<Result<(u16, usize, Duration), String>>,
}

/// What an open connection is doing, and since when.
#[derive(Clone)]
enum Doing {
    Waiting(Instant),
    Answering(Instant, String),
}

/// The servers running in this process, by address, so that a page that does not load can say
/// what its server saw.
static RUNNING: Mutex<Vec<(String, Arc<State>)>> = Mutex::new(Vec::new());

impl StaticServer {
    /// Serves the folder `root`.
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let addr = listener.local_addr().expect("an address").to_string();
        let state = Arc::new(State {
            root: root.to_path_buf(),
            started: Instant::now(),
            stopping: AtomicBool::new(false),
            log: Mutex::new(Log::default()),
        });
        RUNNING.lock().unwrap().push((addr.clone(), state.clone()));
        let thread = {
            let state = state.clone();
            thread::spawn(move || accept(&listener, &state))
        };
        StaticServer {
            addr,
            state,
            thread: Some(thread),
        }
    }

    /// How many requests asked for `path` (without its query) so far.
    pub fn requests_for(&self, path: &str) -> usize {
        self.state
            .log
            .lock()
            .unwrap()
            .requests
            .iter()
            .filter(|r| r.path == path)
            .count()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        RUNNING.lock().unwrap().retain(|(a, _)| *a != self.addr);
        // Wakes the accepting thread, which then sees that it is stopping.
        let woken = self
            .addr
            .parse()
            .is_ok_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(5)).is_ok());
        if let Some(thread) = self.thread.take().filter(|_| woken) {
            let _ = thread.join();
        }
        // Ends the connections the browser still holds open, and so their threads.
        for (stream, _) in self.state.log.lock().unwrap().open.values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// What the server at the host and port of `url` saw: its open connections and its last
/// requests, newest last; `None` when no server of this process listens there.
pub fn report(url: &str) -> Option<String> {
    let hostport = url.split("://").nth(1)?.split('/').next()?;
    let state = RUNNING
        .lock()
        .unwrap()
        .iter()
        .find(|(a, _)| a == hostport)
        .map(|(_, s)| s.clone())?;
    let log = state.log.lock().unwrap();
    let mut out = format!(
        "the static server at {hostport}, up {:.1?}, connections accepted: {}; open:",
        state.started.elapsed(),
        log.accepted
    );
    for (n, (_, doing)) in &log.open {
        let _ = match doing {
            Doing::Waiting(since) => write!(
                out,
                " #{n} waiting for a request for {:.1?};",
                since.elapsed()
            ),
            Doing::Answering(since, path) => {
                write!(out, " #{n} answering {path} for {:.1?};", since.elapsed())
            }
        };
    }
    let from = log.requests.len().saturating_sub(REPORTED);
    let _ = write!(out, "\nits last {} requests:", log.requests.len() - from);
    for r in &log.requests[from..] {
        let answer = match &r.answered {
            None => "not answered yet".to_string(),
            Some(Ok((status, bytes, took))) => format!("{status}, {bytes} bytes in {took:.1?}"),
            Some(Err(e)) => format!("answer not sent: {e}"),
        };
        let _ = write!(
            out,
            "\n  #{} {} {} {:.1?} ago: {answer}",
            r.connection,
            r.method,
            r.path,
            r.received.elapsed()
        );
    }
    Some(out)
}

/// Accepts connections until the server stops, each served by a thread of its own.
fn accept(listener: &TcpListener, state: &Arc<State>) {
    for stream in listener.incoming() {
        if state.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let Ok(handle) = stream.try_clone() else {
            continue;
        };
        let number = {
            let mut log = state.log.lock().unwrap();
            log.accepted += 1;
            let number = log.accepted;
            log.open
                .insert(number, (handle, Doing::Waiting(Instant::now())));
            number
        };
        let state = state.clone();
        thread::spawn(move || {
            let _ = serve(stream, number, &state);
            state.log.lock().unwrap().open.remove(&number);
        });
    }
}

/// Reads and answers the requests of one connection, in order, until either side closes it.
fn serve(stream: TcpStream, number: usize, state: &State) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let head = match read_head(&mut reader)? {
            Next::Request(head) => head,
            Next::Closed => return Ok(()),
            Next::Refused(status) => {
                send(
                    &mut writer,
                    status,
                    "text/plain",
                    b"bad request\n",
                    false,
                    false,
                )?;
                // Reads a little of what the client still sends, so that closing does not reset
                // the connection before the client has read the answer.
                writer.shutdown(Shutdown::Write)?;
                writer.set_read_timeout(Some(Duration::from_millis(500)))?;
                let _ = io::copy(&mut reader.take(MAX_HEAD * 4), &mut io::sink());
                return Ok(());
            }
        };
        let path = head
            .target
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_string();
        let index = {
            let mut log = state.log.lock().unwrap();
            if let Some((_, doing)) = log.open.get_mut(&number) {
                *doing = Doing::Answering(Instant::now(), path.clone());
            }
            log.requests.push(Exchange {
                connection: number,
                method: head.method.clone(),
                path: path.clone(),
                received: Instant::now(),
                answered: None,
            });
            log.requests.len() - 1
        };
        let started = Instant::now();
        let head_only = head.method == "HEAD";
        let (status, kind, body, keep_alive) = if head_only || head.method == "GET" {
            let (status, kind, body) = respond(&state.root, &path);
            (status, kind, body, head.keep_alive)
        } else {
            (405, "text/plain", b"GET or HEAD only\n".to_vec(), false)
        };
        let sent = send(&mut writer, status, kind, &body, head_only, keep_alive);
        {
            let mut log = state.log.lock().unwrap();
            log.requests[index].answered = Some(match &sent {
                Ok(()) => Ok((status, body.len(), started.elapsed())),
                Err(e) => Err(e.to_string()),
            });
            if let Some((_, doing)) = log.open.get_mut(&number) {
                *doing = Doing::Waiting(Instant::now());
            }
        }
        sent?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// The status, type and body of `path`: the file it names, read now, or the site's `404.html`.
fn respond(root: &Path, path: &str) -> (u16, &'static str, Vec<u8>) {
    let file = file_of(root, path);
    match file.as_deref().map(fs::read) {
        Some(Ok(bytes)) => (200, type_of(file.as_deref().unwrap()), bytes),
        _ => {
            let page = root.join("404.html");
            (404, type_of(&page), fs::read(&page).unwrap_or_default())
        }
    }
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

fn type_of(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
