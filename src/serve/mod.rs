//! `statuspress serve`: a local preview that rebuilds on every save and reloads the browser.
//!
//! One builder thread owns the site folder: it waits for file changes (see [`watch`]), builds
//! the whole site in memory, and publishes it as one snapshot (see [`state`]); only then are
//! browsers told to reload (see [`reload`]). Request threads answer from the snapshot current
//! when the request arrived (see [`http`]). A failed build keeps the last good site and adds an
//! error overlay to its pages (see [`overlay`]). Nothing is written to disk.

pub mod http;
pub mod overlay;
pub mod reload;
pub mod state;
pub mod watch;

use crate::build::{self, Built};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load;
use chrono::{DateTime, Utc};
use state::Shared;
use std::io::ErrorKind;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};
use watch::{Signal, Watch};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after [`DEFAULT_PORT`] are tried when it is busy.
pub const PORT_ATTEMPTS: u16 = 20;
/// The name of the output folder inside the site folder, never watched.
pub const OUTPUT_NAME: &str = "public";

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: String,
    /// Port given on the command line; `None` takes the first free one from [`DEFAULT_PORT`].
    pub port: Option<u16>,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// A fixed clock; `None` follows the system time and rebuilds every `rebuild_every`.
    pub now: Option<DateTime<Utc>>,
    /// Scan for changes instead of relying on native file events.
    pub poll: bool,
    /// How often to rebuild when the clock is not fixed (aligned to the wall clock).
    pub rebuild_every: Duration,
}

/// Why serving could not start.
#[derive(Debug)]
pub struct StartError {
    /// What went wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Binds the listening socket: the given port or fails; without one, the first free port
/// from [`DEFAULT_PORT`] on.
pub fn bind(host: &str, port: Option<u16>) -> Result<TcpListener, StartError> {
    let cannot = |port: u16, e: std::io::Error| {
        StartError {
        message: format!("cannot listen on {host}:{port}: {}", describe(&e)),
        hint: Some(match e.kind() {
            ErrorKind::AddrInUse => "another program uses this port; stop it, or choose another --port (without --port, serve takes the next free one)".to_string(),
            ErrorKind::AddrNotAvailable => "--bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0".to_string(),
            _ => "check --bind and --port".to_string(),
        }),
    }
    };
    if let Some(port) = port {
        return TcpListener::bind((host, port)).map_err(|e| cannot(port, e));
    }
    let last = DEFAULT_PORT + PORT_ATTEMPTS - 1;
    for candidate in DEFAULT_PORT..=last {
        match TcpListener::bind((host, candidate)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == ErrorKind::AddrInUse => continue,
            Err(e) => return Err(cannot(candidate, e)),
        }
    }
    Err(StartError {
        message: format!("cannot listen on {host}: ports {DEFAULT_PORT} to {last} are all in use"),
        hint: Some("choose a free port with --port".to_string()),
    })
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::AddrInUse => "the port is already in use".to_string(),
        _ => e.to_string(),
    }
}

/// Serves the site until Ctrl-C. Returns an error only when serving could not start.
pub fn run(opts: &Options) -> Result<(), StartError> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| StartError {
        message: format!("cannot open the site folder {}: {e}", opts.root.display()),
        hint: Some("point --root at the folder holding statuspress.toml".to_string()),
    })?;
    let listener = bind(&opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(|e| StartError {
        message: format!("cannot read the bound address: {e}"),
        hint: None,
    })?;
    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| StartError {
        message: format!("cannot serve on {addr}: {e}"),
        hint: None,
    })?;
    let server = Arc::new(server);
    let shared = Arc::new(Shared::new(instance_id()));

    // Watch before the first build, so a save during it is not missed.
    let watch = Watch::start(&root, OUTPUT_NAME, opts.poll).map_err(|e| StartError {
        message: format!("cannot watch {}: {e}", root.display()),
        hint: Some(
            "try --poll, or raise the inotify watch limit (fs.inotify.max_user_watches)"
                .to_string(),
        ),
    })?;
    let mut builder = Builder {
        root: root.clone(),
        fixed_now: opts.now,
        rebuild_every: opts.rebuild_every,
        shared: shared.clone(),
        fingerprint: None,
    };
    builder.rebuild(&Reason::Start);
    thread::spawn(move || builder.watch_loop(watch));

    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    {
        let (server, shared) = (server.clone(), shared.clone());
        if let Err(e) = ctrlc::set_handler(move || {
            shared.shut_down();
            server.unblock();
        }) {
            eprintln!("warning: cannot handle Ctrl-C ({e}); the server stops when killed");
        }
    }
    if opts.open {
        open_browser(&url);
    }
    accept_loop(&server, &shared, addr);
    println!("Stopped.");
    Ok(())
}

fn accept_loop(server: &tiny_http::Server, shared: &Arc<Shared>, addr: SocketAddr) {
    loop {
        match server.recv() {
            Ok(request) => {
                let shared = shared.clone();
                thread::spawn(move || http::handle(request, &shared));
            }
            Err(_) if shared.is_shutting_down() => return,
            Err(e) => {
                eprintln!("warning: {addr}: {e}");
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Tells this process apart from earlier servers, so their pages reload after a restart.
fn instance_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", nanos, std::process::id())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("note: cannot open a browser with {opener} ({e}); open {url} yourself"),
    }
}

/// Why a build runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The server starts.
    Start,
    /// Files changed (relative paths).
    Files(Vec<PathBuf>),
    /// The clock moved on (see [`Options::rebuild_every`]).
    Clock,
}

/// Owns the site folder: builds it and publishes the result.
struct Builder {
    root: PathBuf,
    fixed_now: Option<DateTime<Utc>>,
    rebuild_every: Duration,
    shared: Arc<Shared>,
    /// What the last good build showed, apart from the clock (see [`fingerprint`]).
    fingerprint: Option<String>,
}

impl Builder {
    fn watch_loop(mut self, mut watch: Watch) {
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

    fn rebuild(&mut self, reason: &Reason) {
        let now = self.fixed_now.unwrap_or_else(Utc::now);
        let started = Instant::now();
        let result = build_with_fingerprint(&self.root, now);
        let took = started.elapsed();
        let previous = self.shared.snapshot();
        match result {
            Ok((built, fingerprint)) => {
                let was_failing = !previous.errors.is_empty() || previous.site.is_none();
                let visible = match reason {
                    Reason::Start => true,
                    Reason::Files(_) => {
                        was_failing || previous.site.as_deref() != Some(&built.output)
                    }
                    Reason::Clock => {
                        was_failing || self.fingerprint.as_deref() != Some(fingerprint.as_str())
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
                self.fingerprint = Some(fingerprint);
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
    let n = errors.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "the site does not build ({n} problem{}):",
        if n == 1 { "" } else { "s" }
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

/// Builds the site and summarises what it shows apart from the clock: statuses, open
/// incidents, maintenance states. A clock rebuild reloads browsers only when this changes.
fn build_with_fingerprint(
    root: &Path,
    now: DateTime<Utc>,
) -> Result<(Built, String), Vec<Diagnostic>> {
    let started = Instant::now();
    let site = load::load(root)?;
    let load_time = started.elapsed();
    let state = State::derive(&site, now);
    let built = build::build_site(&site, now, load_time)?;
    Ok((built, fingerprint(&state)))
}

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
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_busy_port_is_an_error() {
        let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = bind("127.0.0.1", Some(port)).unwrap_err();
        assert_eq!(
            err.message,
            format!("cannot listen on 127.0.0.1:{port}: the port is already in use")
        );
        assert!(err.hint.unwrap().contains("--port"));
    }

    #[test]
    fn port_zero_takes_any_free_port() {
        let l = bind("127.0.0.1", Some(0)).unwrap();
        assert_ne!(l.local_addr().unwrap().port(), 0);
    }

    #[test]
    fn reasons_name_the_changed_files() {
        assert_eq!(
            describe_reason(&Reason::Files(vec!["incidents/a.md".into()])),
            "changed incidents/a.md: "
        );
        assert_eq!(
            describe_reason(&Reason::Files(vec!["a".into(), "b".into(), "c".into()])),
            "changed a and 2 more: "
        );
        assert_eq!(describe_reason(&Reason::Clock), "clock: ");
    }
}
