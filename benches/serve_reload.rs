//! Save-to-reload latency of `statuspress serve`: from writing an incident file to the moment
//! the browser is told to reload (the live-reload event) and to the new page being served.
//!
//! Run with `cargo bench --bench serve_reload`. Sites: the bundled example, and a generated
//! site with 1,000 incidents (generated here, deterministically).
//!
//! `SERVE_BENCH_SITE=DIR cargo bench --bench serve_reload` measures a copy of the site in DIR
//! instead (e.g. one made by `gen-site`), editing its first incident file in path order, or
//! the one named by `SERVE_BENCH_EDIT` (relative to DIR). `SERVE_BENCH_SAVES=N` measures N saves
//! instead of 20 (`bench/round.sh` sets it). `SERVE_BENCH_BINARY=PATH` serves with another
//! statuspress binary (an earlier build, to compare in the same run).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/serve_support/mod.rs"]
mod serve_support;

use common::{NOW, TempSite};
use serve_support::Served;
use std::fmt::Write as _;
use std::fs;
use std::thread;
use std::time::{Duration, Instant};

/// Saves measured per site, after one warm-up save: `SERVE_BENCH_SAVES`, or 20.
fn saves() -> usize {
    std::env::var("SERVE_BENCH_SAVES")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(20)
}

/// Components of the example site that generated incidents affect.
const COMPONENTS: [&str; 8] = [
    "api",
    "dashboard",
    "builds",
    "cdn",
    "storage",
    "postgres",
    "email",
    "webhooks",
];

/// Writes `count` resolved incidents, spread over the two years before the bench clock.
fn generate_incidents(site: &TempSite, count: usize) {
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let impacts = ["minor", "major", "critical", "none"];
    for i in 0..count {
        let day = 1 + next(700);
        let start = chrono::DateTime::parse_from_rfc3339(NOW).unwrap()
            - chrono::Duration::days(day as i64)
            + chrono::Duration::minutes(next(1440) as i64);
        let end = start + chrono::Duration::minutes(10 + next(300) as i64);
        let fmt = |t: chrono::DateTime<chrono::FixedOffset>| t.format("%Y-%m-%dT%H:%M:00Z");
        let a = COMPONENTS[next(8) as usize];
        let b = COMPONENTS[next(8) as usize];
        let mut text = format!(
            "+++\ntitle = \"Generated incident {i}\"\nimpact = \"{}\"\nstarted = {}\naffected = [\"{a}\", \"{b}\"]\n+++\n\nSomething was slow for a while; this is generated text for the benchmark.\n\n",
            impacts[next(4) as usize],
            fmt(start),
        );
        let _ = write!(
            text,
            "## Resolved — {}\nAll good again.\n\n## Identified — {}\nWe found the cause.\n\n## Investigating — {}\nWe are looking into it.\n",
            fmt(end),
            fmt(start + (end - start) / 2),
            fmt(start + chrono::Duration::minutes(2)),
        );
        site.write(
            &format!(
                "incidents/generated/{}/{}-generated-{i:04}.md",
                start.format("%Y"),
                start.format("%Y-%m-%d")
            ),
            &text,
        );
    }
}

struct Stats {
    files: String,
    event: Vec<Duration>,
    served: Vec<Duration>,
    build_ms: Vec<u64>,
}

/// Edits the incident at `rel` [`saves`] times and measures each save.
fn measure(site: &TempSite, rel: &str, page: &str) -> Stats {
    let args = ["--now", NOW];
    let served = match std::env::var_os("SERVE_BENCH_BINARY") {
        Some(binary) => Served::start_binary(std::path::Path::new(&binary), site.path(), &args),
        None => Served::start(site.path(), &args),
    };
    let original = fs::read_to_string(site.path().join(rel)).unwrap();
    let title_line = original.lines().nth(1).unwrap().to_string();
    assert!(title_line.starts_with("title = "), "{title_line}");
    let first = served.stdout();
    let files = first
        .split("rebuilt ")
        .nth(1)
        .and_then(|r| r.split(" files").next())
        .unwrap_or("?")
        .to_string();
    let mut stats = Stats {
        files,
        event: Vec::new(),
        served: Vec::new(),
        build_ms: Vec::new(),
    };
    // One warm-up save, not counted.
    for i in 0..=saves() {
        let mut events = served.events();
        let before = events.next_build(Duration::from_secs(30)).unwrap();
        let marker = format!("Benchmark edit {i}");
        let text = original.replacen(&title_line, &format!("title = \"{marker}\""), 1);
        let t0 = Instant::now();
        fs::write(site.path().join(rel), &text).unwrap();
        let after = events
            .next_build(Duration::from_secs(60))
            .expect("a build event");
        let event = t0.elapsed();
        assert_ne!(before, after);
        let r = served.get(page);
        let done = t0.elapsed();
        assert!(
            r.text().contains(&marker),
            "new page served after the event"
        );
        if i > 0 {
            stats.event.push(event);
            stats.served.push(done);
        }
        thread::sleep(Duration::from_millis(300));
    }
    for line in served.stdout().lines().skip(2) {
        if let Some(ms) = line
            .split(" files in ")
            .nth(1)
            .and_then(|r| r.strip_suffix(" ms"))
            .and_then(|r| r.parse().ok())
        {
            stats.build_ms.push(ms);
        }
    }
    stats
}

fn summary(name: &str, values: &mut [Duration]) -> String {
    values.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    format!(
        "{name:<28} min {:>6.1}  median {:>6.1}  p95 {:>6.1}  max {:>6.1} ms",
        ms(values[0]),
        ms(p(0.5)),
        ms(p(0.95)),
        ms(values[values.len() - 1])
    )
}

fn report(site_name: &str, mut stats: Stats) {
    println!("{site_name}: {} files ({} saves)", stats.files, saves());
    println!("{}", summary("  save -> reload event", &mut stats.event));
    println!(
        "{}",
        summary("  save -> new page served", &mut stats.served)
    );
    stats.build_ms.sort_unstable();
    if !stats.build_ms.is_empty() {
        let n = stats.build_ms.len();
        println!(
            "  rebuild alone (server log)   min {} median {} max {} ms (of {n} rebuilds)",
            stats.build_ms[0],
            stats.build_ms[n / 2],
            stats.build_ms[n - 1],
        );
    }
}

/// The first incident file of `root` in path order, relative to `root`.
fn first_incident(root: &std::path::Path) -> String {
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("incidents"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
        .first()
        .expect("the site has incidents")
        .to_string_lossy()
        .into_owned()
}

fn main() {
    if let Some(dir) = std::env::var_os("SERVE_BENCH_SITE") {
        let site = TempSite::copy_of(std::path::Path::new(&dir));
        let rel = std::env::var("SERVE_BENCH_EDIT").unwrap_or_else(|_| first_incident(site.path()));
        let stem = std::path::Path::new(&rel)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let stats = measure(&site, &rel, &format!("/incidents/{stem}/"));
        report(
            &format!("{} (copy)", std::path::Path::new(&dir).display()),
            stats,
        );
        return;
    }
    let example = TempSite::example();
    let stats = measure(
        &example,
        "incidents/2026-11-20-api-error-rates.md",
        "/incidents/2026-11-20-api-error-rates/",
    );
    report("example site", stats);

    let big = TempSite::example();
    generate_incidents(&big, 1000);
    let stats = measure(
        &big,
        "incidents/2026-11-20-api-error-rates.md",
        "/incidents/2026-11-20-api-error-rates/",
    );
    report("generated site, 1,000 more incidents", stats);
}
