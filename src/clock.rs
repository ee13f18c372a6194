//! The one clock of a build: `--now`, else `SOURCE_DATE_EPOCH`, else the system time.

use chrono::{DateTime, TimeZone, Utc};

/// Resolves the build instant. `now` is an RFC 3339 timestamp given on the command line.
pub fn resolve(
    now: Option<&str>,
    source_date_epoch: Option<&str>,
) -> Result<DateTime<Utc>, String> {
    if let Some(text) = now {
        return DateTime::parse_from_rfc3339(text.trim())
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| format!("--now `{text}` is not an RFC 3339 timestamp ({e}); write it like 2026-11-23T12:00:00Z"));
    }
    if let Some(epoch) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))?;
        return Utc
            .timestamp_opt(secs, 0)
            .single()
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{epoch}` is out of range"));
    }
    Ok(Utc::now())
}

/// Resolves the clock from `--now` and the environment.
pub fn from_env(now: Option<&str>) -> Result<DateTime<Utc>, String> {
    resolve(now, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_wins_over_epoch() {
        let t = resolve(Some("2026-11-23T12:00:00+01:00"), Some("0")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-23T11:00:00+00:00");
        assert_eq!(
            resolve(None, Some("86400")).unwrap().to_rfc3339(),
            "1970-01-02T00:00:00+00:00"
        );
        assert!(
            resolve(Some("yesterday"), None)
                .unwrap_err()
                .contains("RFC 3339")
        );
        assert!(resolve(None, Some("abc")).is_err());
    }
}
