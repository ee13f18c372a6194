//! Keeping what a run measured: one sample per probe added to its `samples.csv`, the window
//! trimmed to `sample_days`, the rows of `daily.csv` computed again for the days whose
//! samples are all still there, and a `statuspage` probe's `upstream.json` replaced. Formats:
//! [`crate::model::probe_data`].

use crate::authoring::write::write_checked;
use crate::model::probe_data::{
    DAILY_FILE, ProbeData, SAMPLES_FILE, Sample, UPSTREAM_FILE, UpstreamRead, format_daily,
    format_samples, format_upstream, merge, parse_daily, parse_samples, parse_upstream, probe_dir,
    rollup,
};
use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};

/// The data with `sample` added (replacing one taken at the same time, so a run repeated at
/// the same clock records it once), samples older than `sample_days` before `now` dropped, and
/// the daily rows of the days still whole in the samples computed again.
pub fn with_sample(
    data: &ProbeData,
    sample: Sample,
    sample_days: u32,
    now: DateTime<Utc>,
) -> ProbeData {
    let mut samples: Vec<Sample> = data
        .samples
        .iter()
        .filter(|s| s.time != sample.time)
        .cloned()
        .collect();
    samples.push(sample);
    samples.sort_by_key(|s| s.time);
    let daily = merge(&data.daily, rollup(&samples));
    let keep_from = now - Duration::days(i64::from(sample_days));
    samples.retain(|s| s.time > keep_from);
    ProbeData {
        samples,
        daily,
        upstream: data.upstream.clone(),
    }
}

/// Writes the data files of the probe `id`, each atomically (a temporary file beside it, read
/// back and parsed, then renamed over it). `upstream.json` is written only when its text
/// changed, and removed when `data` has no upstream reading (a probe that is no longer of
/// kind `statuspage`).
pub fn save(root: &Path, id: &str, data: &ProbeData) -> Result<(), String> {
    let dir = PathBuf::from(probe_dir(id));
    crate::load::check_inside(root, &dir).map_err(|d| d.to_string())?;
    let samples = dir.join(SAMPLES_FILE);
    write_checked(root, &samples, &format_samples(&data.samples), |back| {
        parse_samples(&samples, back)
            .map(|_| ())
            .map_err(|_| crate::authoring::Error::new("the samples did not read back"))
    })
    .map_err(|e| e.message)?;
    let daily = dir.join(DAILY_FILE);
    write_checked(root, &daily, &format_daily(&data.daily), |back| {
        parse_daily(&daily, back)
            .map(|_| ())
            .map_err(|_| crate::authoring::Error::new("the daily rows did not read back"))
    })
    .map_err(|e| e.message)?;
    save_upstream(root, &dir.join(UPSTREAM_FILE), data.upstream.as_ref())
}

fn save_upstream(root: &Path, rel: &Path, upstream: Option<&UpstreamRead>) -> Result<(), String> {
    let full = root.join(rel);
    let Some(read) = upstream else {
        return match std::fs::remove_file(&full) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("cannot remove {}: {e}", full.display()))
            }
            _ => Ok(()),
        };
    };
    let text = format_upstream(read);
    if std::fs::read_to_string(&full).is_ok_and(|old| old == text) {
        return Ok(());
    }
    write_checked(root, rel, &text, |back| {
        parse_upstream(rel, back)
            .map(drop)
            .map_err(|_| crate::authoring::Error::new("the upstream reading did not read back"))
    })
    .map(drop)
    .map_err(|e| e.message)
}
