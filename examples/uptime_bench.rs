//! Times the uptime computation on a large generated site: 100 components in 10 groups and
//! 10,000 incidents over ten years (plus 500 maintenance windows), all in memory.
//!
//! Run with `cargo run --release --example uptime_bench [INCIDENTS]` (default 10000).

use statuspress::derive::State;
use statuspress::derive::uptime::Uptime;
use statuspress::load::{Sources, parse};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const COMPONENTS: usize = 100;
const MAINTENANCE: usize = 500;
const YEARS: i64 = 10;

/// A small deterministic generator (64-bit LCG), so every run measures the same site.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn stamp(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .expect("in range")
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn sources(incidents: usize) -> Sources {
    let mut components = String::new();
    for g in 0..COMPONENTS / 10 {
        components.push_str(&format!("[[group]]\nid = \"g{g}\"\n"));
    }
    for c in 0..COMPONENTS {
        components.push_str(&format!(
            "[[component]]\nid = \"c{c}\"\ngroup = \"g{}\"\nslo = 99.9\n",
            c / 10
        ));
    }
    let end = 1_795_000_000; // late 2026
    let start = end - YEARS * 365 * 86_400;
    let mut rng = Lcg(42);
    let statuses = ["degraded_performance", "partial_outage", "major_outage"];
    let incidents = (0..incidents)
        .map(|k| {
            let started = start + rng.below((end - start) as u64) as i64;
            let length = 300 + rng.below(6 * 3600) as i64;
            let mut affected = Vec::new();
            for _ in 0..1 + rng.below(3) {
                affected.push(format!(
                    "c{} = \"{}\"",
                    rng.below(COMPONENTS as u64),
                    statuses[rng.below(3) as usize]
                ));
            }
            affected.sort();
            affected.dedup_by(|a, b| a.split(' ').next() == b.split(' ').next());
            let mut text = format!(
                "+++\ntitle = \"Incident {k}\"\nstarted = {}\nresolved = {}\naffected = {{ {} }}\n+++\n",
                stamp(started),
                stamp(started + length),
                affected.join(", ")
            );
            for (word, at) in [
                ("Resolved", started + length),
                ("Identified", started + length / 2),
                ("Investigating", started + 600),
            ] {
                text.push_str(&format!("## {word} — {}\nText.\n", stamp(at)));
            }
            (PathBuf::from(format!("incidents/i{k:05}.md")), text)
        })
        .collect();
    let maintenance = (0..MAINTENANCE)
        .map(|k| {
            let s = start + rng.below((end - start) as u64) as i64;
            let text = format!(
                "+++\ntitle = \"Window {k}\"\nstart = {}\nend = {}\naffected = [\"g{}\"]\n+++\n",
                stamp(s),
                stamp(s + 7200),
                rng.below(10)
            );
            (PathBuf::from(format!("maintenance/m{k:04}.md")), text)
        })
        .collect();
    Sources {
        config: "title = \"Bench\"\nbase_url = \"https://bench.test\"\ntime_zone = \"Europe/Berlin\"\nuptime_days = 365\n".to_string(),
        components,
        incidents,
        maintenance,
        ..Sources::default()
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let site = match parse(sources(count)) {
        Ok(site) => site,
        Err(diags) => {
            for d in diags.iter().take(5) {
                eprintln!("{d}");
            }
            std::process::exit(1);
        }
    };
    let parse_time = t.elapsed();
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).expect("in range");
    let state = State::derive(&site, now);
    let (mut derive_runs, mut uptime_runs) = (Vec::new(), Vec::new());
    let mut uptime = None;
    for _ in 0..7 {
        let t = Instant::now();
        let s = State::derive(&site, now);
        derive_runs.push(t.elapsed());
        std::hint::black_box(s);
        let t = Instant::now();
        uptime = Some(Uptime::compute(&site, state.coverage(), now));
        uptime_runs.push(t.elapsed());
    }
    let uptime = uptime.expect("ran at least once");
    let bars: usize = uptime.components.iter().map(|r| r.bars.len()).sum();
    println!(
        "{} components, {} incidents, {} maintenance windows over {YEARS} years ({} daily bars)",
        site.catalog.components.len(),
        site.incidents.len(),
        site.maintenance.len(),
        bars
    );
    println!(
        "parse (setup):   {:>8.1} ms",
        parse_time.as_secs_f64() * 1e3
    );
    println!(
        "derive, uptime included (median): {:>8.1} ms",
        median(derive_runs).as_secs_f64() * 1e3
    );
    println!(
        "uptime (median): {:>8.1} ms",
        median(uptime_runs).as_secs_f64() * 1e3
    );
    println!("page incidents counted: {}", uptime.stats.count);
}
