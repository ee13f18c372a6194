//! Times `statuspress notify` with 10 channels (3 Slack, 3 Discord, 2 Teams, 2 signed
//! webhooks) and 100 pending events (25 incidents of the last day, each opened, updated twice
//! and resolved) against receivers on loopback that answer at once.
//!
//! Run with `cargo run --release --example notify_bench [RUNS]` (default 5). Each run starts
//! from an empty ledger; the rerun, with everything recorded, is timed too.

use std::fmt::Write as _;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T12:00:00Z";
const INCIDENTS: usize = 25;
const KINDS: [&str; 10] = [
    "slack", "slack", "slack", "discord", "discord", "discord", "teams", "teams", "webhook",
    "webhook",
];

/// A receiver on 127.0.0.1 that answers 200 and counts requests.
struct Receiver {
    url: String,
    count: Arc<AtomicUsize>,
}

fn receiver() -> Receiver {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a free port");
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            seen.fetch_add(1, Ordering::SeqCst);
            let _ = request.respond(tiny_http::Response::from_string("ok"));
        }
    });
    Receiver {
        url: format!("http://127.0.0.1:{port}/hook"),
        count,
    }
}

/// A site with [`KINDS`] as channels and [`INCIDENTS`] incidents of four events each.
fn write_site(root: &std::path::Path) {
    let mut config = String::from(
        "title = \"Bench Status\"\nbase_url = \"https://status.bench.test\"\ntime_zone = \"Europe/Berlin\"\n",
    );
    for (i, kind) in KINDS.iter().enumerate() {
        let _ = write!(
            config,
            "\n[[notify]]\nkind = \"{kind}\"\nname = \"{kind}-{i}\"\nurl_env = \"HOOK_{i}\"\n"
        );
        if *kind == "webhook" {
            let _ = writeln!(config, "secret_env = \"HOOK_KEY\"");
        }
    }
    std::fs::write(root.join("statuspress.toml"), config).expect("config written");
    let mut components = String::new();
    for c in 0..10 {
        let _ = write!(
            components,
            "[[component]]\nid = \"c{c}\"\nname = \"Component {c}\"\n\n"
        );
    }
    std::fs::write(root.join("components.toml"), components).expect("components written");
    std::fs::create_dir_all(root.join("incidents")).expect("incidents folder");
    for i in 0..INCIDENTS {
        // From 23 hours before the clock on, every 50 minutes.
        let start = chrono::DateTime::parse_from_rfc3339(NOW).expect("a time")
            - chrono::Duration::minutes(23 * 60 - 50 * i as i64);
        let at = |m: i64| (start + chrono::Duration::minutes(m)).format("%Y-%m-%d %H:%M UTC");
        let text = format!(
            "+++\ntitle = \"Incident {i}\"\nimpact = \"major\"\nstarted = {}\naffected = [\"c{}\"]\n+++\n\
             Who is affected and the workaround.\n\n\
             ## Resolved — {}\nAll good again.\n\n\
             ## Monitoring — {}\nA fix is out; we are **watching** [the graphs](https://ops.bench.test/g).\n\n\
             ## Identified — {}\nThe cause is known.\n\n\
             ## Investigating — {}\nWe are looking into errors.\n",
            start.to_rfc3339(),
            i % 10,
            at(40),
            at(30),
            at(15),
            at(2),
        );
        std::fs::write(root.join(format!("incidents/incident-{i:02}.md")), text)
            .expect("incident written");
    }
}

/// Runs the command line in this process: the child side of [`notify`].
fn as_cli(args: Vec<String>) -> ExitCode {
    use clap::Parser;
    statuspress::cli::run(statuspress::cli::Cli::parse_from(args))
}

/// Runs `statuspress notify` in a child process with the receivers' addresses in its
/// environment; returns its wall time and whether it succeeded.
fn notify(root: &std::path::Path, receivers: &[Receiver]) -> (Duration, bool) {
    let mut cmd = Command::new(std::env::current_exe().expect("this example"));
    cmd.args(["--as-cli", "statuspress", "notify", "--now", NOW, "--root"])
        .arg(root)
        .env("HOOK_KEY", "bench-key")
        .env_remove("SOURCE_DATE_EPOCH");
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        cmd.env_remove(var);
    }
    for (i, r) in receivers.iter().enumerate() {
        cmd.env(format!("HOOK_{i}"), &r.url);
    }
    let started = Instant::now();
    let out = cmd.output().expect("notify ran");
    (started.elapsed(), out.status.success())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--as-cli") {
        return as_cli(args[2..].to_vec());
    }
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let receivers: Vec<Receiver> = KINDS.iter().map(|_| receiver()).collect();
    let mut first = Vec::new();
    let mut again = Vec::new();
    let mut requests = 0;
    for _ in 0..runs {
        let site = tempfile::tempdir().expect("a temporary folder");
        write_site(site.path());
        let before: usize = receivers
            .iter()
            .map(|r| r.count.load(Ordering::SeqCst))
            .sum();
        let (t, ok) = notify(site.path(), &receivers);
        assert!(ok, "notify failed");
        let after: usize = receivers
            .iter()
            .map(|r| r.count.load(Ordering::SeqCst))
            .sum();
        requests = after - before;
        first.push(t);
        let (t, ok) = notify(site.path(), &receivers);
        assert!(ok, "the rerun failed");
        let unchanged: usize = receivers
            .iter()
            .map(|r| r.count.load(Ordering::SeqCst))
            .sum();
        assert_eq!(unchanged, after, "the rerun sent something");
        again.push(t);
    }
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        ms(&v[v.len() / 2])
    };
    println!(
        "{} channels, {} events: {} messages ({} requests) per run",
        KINDS.len(),
        INCIDENTS * 4,
        KINDS.len() * INCIDENTS * 4,
        requests
    );
    println!(
        "notify, all pending: median {:.0} ms (min {:.0}, max {:.0}) over {runs} runs",
        median(&mut first.clone()),
        ms(first.iter().min().expect("a run")),
        ms(first.iter().max().expect("a run"))
    );
    println!(
        "notify, nothing pending: median {:.0} ms",
        median(&mut again)
    );
    ExitCode::SUCCESS
}
