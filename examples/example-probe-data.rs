//! Writes the probe data of the example site (`content/.statuspress/probes/api-health/`):
//! 90 days of checks every 15 minutes up to the example's clock, 2026-11-23T12:00:00Z, with a
//! few slow and down stretches. Deterministic: the same files on every run.
//!
//! ```sh
//! cargo run --example example-probe-data
//! ```

use chrono::{DateTime, Duration, Utc};
use statuspress::model::probe_data::{Sample, Verdict, format_daily, format_samples, rollup};

const DIR: &str = "content/.statuspress/probes/api-health";
const DAYS: i64 = 90;
const KEEP_DAYS: i64 = 7;
const STEP_MINUTES: i64 = 15;

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

fn main() -> std::io::Result<()> {
    let now: DateTime<Utc> = "2026-11-23T12:00:00Z".parse().expect("a valid time");
    let start = now - Duration::days(DAYS) + Duration::minutes(STEP_MINUTES);
    let mut rng = Lcg(2026);
    let mut samples = Vec::new();
    let mut t = start;
    while t <= now {
        let ago = (now - t).num_minutes();
        let day = ago / 1440;
        // Slow stretches: a whole day 33 days ago, an afternoon 9 days ago.
        let slow = day == 33 || (day == 9 && (240..480).contains(&(ago % 1440)));
        // Outages: 45 minutes 61 days ago, 30 minutes 17 days ago.
        let down = (day == 61 && (600..645).contains(&(ago % 1440)))
            || (day == 17 && (300..330).contains(&(ago % 1440)));
        let base = 70 + rng.next(40) + if rng.next(20) == 0 { 200 } else { 0 };
        let (result, latency_ms, detail) = if down {
            (Verdict::Down, 5000, "no answer within 5000 ms".to_string())
        } else if slow {
            let l = 1600 + rng.next(900);
            (
                Verdict::Slow,
                l,
                "HTTP 200, slower than 1500 ms".to_string(),
            )
        } else {
            (Verdict::Ok, base, "HTTP 200".to_string())
        };
        samples.push(Sample {
            time: t,
            result,
            latency_ms,
            detail,
        });
        t += Duration::minutes(STEP_MINUTES);
    }
    let daily = rollup(&samples);
    let kept: Vec<Sample> = samples
        .into_iter()
        .filter(|s| s.time > now - Duration::days(KEEP_DAYS))
        .collect();
    std::fs::create_dir_all(DIR)?;
    std::fs::write(format!("{DIR}/samples.csv"), format_samples(&kept))?;
    std::fs::write(format!("{DIR}/daily.csv"), format_daily(&daily))?;
    Ok(())
}
