//! Writes the probe data of the example site (`content/.statuspress/probes/`): 90 days of
//! checks every 15 minutes up to the example's clock, 2026-11-23T12:00:00Z, for both probes of
//! `content/probes.toml`. Deterministic: the same files on every run.
//!
//! - `api-health` (http): a few slow and down stretches.
//! - `payments-upstream` (statuspage): the payment provider's "Card payments" component,
//!   operational but for one run that could not read the provider's page, until the last run
//!   reads `degraded_performance` with an open incident (its `upstream.json`). One slow run
//!   opens no incident (`fail_after` is 2), so the example has none for it.
//!
//! ```sh
//! cargo run --example example-probe-data
//! ```

use chrono::{DateTime, Duration, Utc};
use statuspress::model::probe_data::{
    Sample, UPSTREAM_FILE, UpstreamIncident, UpstreamRead, Verdict, format_daily, format_samples,
    format_upstream, probe_dir, rollup,
};

const NOW: &str = "2026-11-23T12:00:00Z";
const DAYS: i64 = 90;
const KEEP_DAYS: i64 = 7;
const STEP_MINUTES: i64 = 15;

/// The provider page the `payments-upstream` probe reads, as in `content/probes.toml`.
const PROVIDER: &str = "https://status.paybridge.example";
/// The provider's incident open at the example's clock.
const INCIDENT: (&str, &str) = (
    "Slow card authorizations",
    "https://status.paybridge.example/incidents/t4v8mz2kqx9d",
);

/// A small linear congruential generator: no dependency, same numbers everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(below)) as u32
    }
}

/// Every check time of the 90 days up to `now`, oldest first.
fn times(now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let start = now - Duration::days(DAYS) + Duration::minutes(STEP_MINUTES);
    let mut t = start;
    let mut all = Vec::new();
    while t <= now {
        all.push(t);
        t += Duration::minutes(STEP_MINUTES);
    }
    all
}

fn sample(time: DateTime<Utc>, result: Verdict, latency_ms: u32, detail: String) -> Sample {
    Sample {
        time,
        result,
        latency_ms,
        detail,
    }
}

/// The API's health check: slow a whole day 33 days ago and an afternoon 9 days ago; down 45
/// minutes 61 days ago and 30 minutes 17 days ago.
fn api_health(now: DateTime<Utc>) -> Vec<Sample> {
    let mut rng = Lcg(2026);
    let mut samples = Vec::new();
    for t in times(now) {
        let ago = (now - t).num_minutes();
        let day = ago / 1440;
        let slow = day == 33 || (day == 9 && (240..480).contains(&(ago % 1440)));
        let down = (day == 61 && (600..645).contains(&(ago % 1440)))
            || (day == 17 && (300..330).contains(&(ago % 1440)));
        let base = 70 + rng.next(40) + if rng.next(20) == 0 { 200 } else { 0 };
        samples.push(if down {
            sample(t, Verdict::Down, 5000, "no answer within 5000 ms".into())
        } else if slow {
            let l = 1600 + rng.next(900);
            sample(t, Verdict::Slow, l, "HTTP 200, slower than 1500 ms".into())
        } else {
            sample(t, Verdict::Ok, base, "HTTP 200".into())
        });
    }
    samples
}

/// The payment provider's component: operational, one run 26 days ago that got no answer from
/// the provider's page, and `degraded_performance` at the last run, as the check words it.
fn payments_upstream(now: DateTime<Utc>) -> Vec<Sample> {
    let mut rng = Lcg(4242);
    let mut samples = Vec::new();
    for t in times(now) {
        let ago = (now - t).num_minutes();
        let latency = 180 + rng.next(120) + if rng.next(25) == 0 { 250 } else { 0 };
        samples.push(if ago == 0 {
            let (name, url) = INCIDENT;
            let detail = format!("upstream: degraded_performance ({name}: {url})");
            sample(t, Verdict::Slow, latency, detail)
        } else if ago == 26 * 1440 + 195 {
            let detail = format!(
                "the provider's status page could not be read: no answer from \
                 {PROVIDER}/api/v2/summary.json within 5000 ms"
            );
            sample(t, Verdict::Down, 5000, detail)
        } else {
            sample(t, Verdict::Ok, latency, "upstream: operational".into())
        });
    }
    samples
}

/// Writes `samples.csv` (the last week) and `daily.csv` (every day) of the probe `id`.
fn write(id: &str, samples: Vec<Sample>, now: DateTime<Utc>) -> std::io::Result<String> {
    let dir = format!("content/{}", probe_dir(id));
    let daily = rollup(&samples);
    let kept: Vec<Sample> = samples
        .into_iter()
        .filter(|s| s.time > now - Duration::days(KEEP_DAYS))
        .collect();
    std::fs::create_dir_all(&dir)?;
    std::fs::write(format!("{dir}/samples.csv"), format_samples(&kept))?;
    std::fs::write(format!("{dir}/daily.csv"), format_daily(&daily))?;
    Ok(dir)
}

fn main() -> std::io::Result<()> {
    let now: DateTime<Utc> = NOW.parse().expect("a valid time");
    write("api-health", api_health(now), now)?;
    let dir = write("payments-upstream", payments_upstream(now), now)?;
    let (name, url) = INCIDENT;
    let read = UpstreamRead::new(
        now,
        "Card payments",
        "degraded_performance",
        vec![UpstreamIncident::new(name, "investigating", "minor", url)],
    );
    std::fs::write(format!("{dir}/{UPSTREAM_FILE}"), format_upstream(&read))?;
    Ok(())
}
