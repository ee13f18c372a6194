//! Keeping what a run measured: one sample per probe added to its `samples.csv`, the window
//! trimmed to `sample_days`, and the rows of `daily.csv` computed again for the days whose
//! samples are all still there. Formats: [`crate::model::probe_data`].

use crate::authoring::write::write_checked;
use crate::model::probe_data::{
    DAILY_FILE, ProbeData, SAMPLES_FILE, Sample, format_daily, format_samples, merge, parse_daily,
    parse_samples, probe_dir, rollup,
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
/// back and parsed, then renamed over it).
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
    Ok(())
}
