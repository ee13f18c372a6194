//! `statuspress serve`: a local preview that rebuilds on every save and reloads the browser.
//!
//! One builder thread owns the site folder (see [`rebuild`]): it waits for file changes (see
//! [`watch`]), builds the whole site in memory, and publishes it as one snapshot (see
//! [`state`]); only then are
//! browsers told to reload (see [`reload`]). Request threads answer from the snapshot current
//! when the request arrived (see [`http`]). A failed build keeps the last good site and adds an
//! error overlay to its pages (see [`overlay`]). Nothing is written to disk.

mod guard;
pub mod http;
pub mod overlay;
pub mod rebuild;
pub mod reload;
pub mod state;
pub mod watch;

use chrono::{DateTime, Utc};
use rebuild::{Builder, Reason};
use state::Shared;
use std::io::ErrorKind;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;
use watch::Watch;

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
    // tiny_http listens on a private loopback address behind the guard, which bounds what
    // reaches it.
    let inner = TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| Ok((l.local_addr()?, l)))
        .map_err(|e| StartError {
            message: format!("cannot open the preview server's loopback address: {e}"),
            hint: None,
        })?;
    let (inner_addr, inner_listener) = inner;
    let server =
        tiny_http::Server::from_listener(inner_listener, None).map_err(|e| StartError {
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
        reuse: Default::default(),
        memo: Default::default(),
    };
    builder.rebuild(&Reason::Start);
    thread::spawn(move || builder.watch_loop(watch));

    {
        let shared = shared.clone();
        thread::spawn(move || guard::run(listener, inner_addr, || shared.is_shutting_down()));
    }
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    {
        let (server, shared) = (server.clone(), shared.clone());
        if let Err(e) = ctrlc::set_handler(move || {
            shared.shut_down();
            server.unblock();
            guard::wake(addr);
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
}
