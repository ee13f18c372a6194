//! Stable identifiers and wire timestamps for the machine-readable outputs (API, feeds, calendar).
//!
//! Ids are derived from what a thing is (its kind) and the id its file gives it, so they never
//! change between builds: feed readers, calendar apps and API clients key their caches on them.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// Length of every generated id, as on Statuspage.
pub const ID_LEN: usize = 12;

const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A 12-character `[a-z0-9]` id for `key` (a file id, a base URL, …) of the given `kind`.
///
/// The kind keeps, for example, an incident and a maintenance window with the same file name apart.
pub fn stable_id(kind: &str, key: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(key.as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let mut n = u128::from_be_bytes(bytes);
    let mut out = [b'0'; ID_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n % 36) as usize];
        n /= 36;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// ISO 8601 in UTC with milliseconds, e.g. `2026-11-20T14:02:00.000Z`, as Statuspage writes it.
pub fn wire_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The host of a base URL (`https://status.acme.com:8443/x` → `status.acme.com`), for tag URIs
/// and UIDs. Without a port or user: a tag URI names its authority by a DNS name alone
/// (RFC 4151), and `host:port` there is invalid.
pub fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match host.find(']') {
        // An IPv6 literal, `[::1]:8080`: its colons are not a port's.
        Some(end) if host.starts_with('[') => &host[..=end],
        _ => host.split(':').next().unwrap_or(host),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_twelve_base36_chars_and_depend_on_kind_and_key() {
        let a = stable_id("incident", "2026-11-20-api-error-rates");
        assert_eq!(a.len(), ID_LEN);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        );
        assert_eq!(a, stable_id("incident", "2026-11-20-api-error-rates"));
        assert_ne!(a, stable_id("maintenance", "2026-11-20-api-error-rates"));
        assert_ne!(a, stable_id("incident", "2026-11-20-api-error-rate"));
        // Pinned: a change here would re-announce every incident to every consumer.
        assert_eq!(stable_id("component", "api"), "8xouqj8g9ya0");
        assert_eq!(
            stable_id("incident", "2026-11-23-builds-queued"),
            "u8kob2eec1k2"
        );
    }

    #[test]
    fn times_have_milliseconds_and_z() {
        let t = DateTime::parse_from_rfc3339("2026-11-20T14:02:00+01:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(wire_time(t), "2026-11-20T13:02:00.000Z");
    }

    #[test]
    fn host_drops_scheme_and_path() {
        assert_eq!(host_of("https://acme.github.io/status"), "acme.github.io");
        assert_eq!(host_of("http://status.acme.com"), "status.acme.com");
        assert_eq!(host_of("http://localhost:8080/status"), "localhost");
        assert_eq!(
            host_of("https://ops@status.acme.com:8443"),
            "status.acme.com"
        );
        assert_eq!(host_of("http://[::1]:8080/"), "[::1]");
    }
}
