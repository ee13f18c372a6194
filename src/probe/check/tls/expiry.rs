//! The days a verified certificate has left, and the warning when they are few.

use crate::probe::check::outcome::Outcome;
use chrono::{DateTime, Utc};

const DAY: i64 = 86_400;

/// The outcome of a handshake whose certificate verified at `now`: Ok, with a warning when it
/// expires within `within_days`.
pub(super) fn assess(
    leaf_der: &[u8],
    now: DateTime<Utc>,
    within_days: u32,
    latency: u32,
) -> Outcome {
    let Some(not_after) = not_after(leaf_der) else {
        // rustls verified it, so this is a certificate x509-parser reads differently: pass,
        // and say so rather than guess a date.
        return Outcome::ok(latency, "certificate valid")
            .with_warning("the certificate's expiry date could not be read");
    };
    let left = not_after.timestamp() - now.timestamp();
    let until = not_after.format("%Y-%m-%d %H:%M UTC");
    let detail = format!("certificate valid until {until}, {}", in_days(left));
    let outcome = Outcome::ok(latency, detail);
    if left <= i64::from(within_days) * DAY {
        outcome.with_warning(format!("certificate expires {} ({until})", in_days(left)))
    } else {
        outcome
    }
}

/// The certificate's notAfter.
fn not_after(der: &[u8]) -> Option<DateTime<Utc>> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    DateTime::from_timestamp(cert.validity().not_after.timestamp(), 0)
}

/// "in 3 days", "in 1 day", "in less than a day", rounded to the nearest whole day.
fn in_days(seconds: i64) -> String {
    if seconds < DAY {
        return "in less than a day".to_owned();
    }
    match (seconds + DAY / 2) / DAY {
        1 => "in 1 day".to_owned(),
        n => format!("in {n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::check::outcome::Verdict;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A self-signed certificate for `localhost` that expires on `day` (YYYY-MM-DD) at 12:00.
    fn certificate(year: i32, month: u8, day: u8) -> Vec<u8> {
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2026, 1, 1);
        params.not_after =
            rcgen::date_time_ymd(year, month, day) + std::time::Duration::from_secs(12 * 3600);
        let key = rcgen::KeyPair::generate().unwrap();
        params.self_signed(&key).unwrap().der().to_vec()
    }

    #[test]
    fn days_left_round_to_the_nearest_day() {
        assert_eq!(in_days(3 * DAY), "in 3 days");
        assert_eq!(in_days(3 * DAY - 3600), "in 3 days");
        assert_eq!(in_days(DAY), "in 1 day");
        assert_eq!(in_days(DAY - 1), "in less than a day");
    }

    #[test]
    fn a_certificate_close_to_expiry_passes_with_a_warning() {
        let der = certificate(2026, 8, 3);
        let o = assess(&der, at("2026-07-31T12:00:00Z"), 14, 7);
        assert_eq!(o.verdict, Verdict::Ok);
        assert_eq!(o.latency_ms, 7);
        assert_eq!(
            o.detail,
            "certificate valid until 2026-08-03 12:00 UTC, in 3 days"
        );
        assert_eq!(
            o.warning.as_deref(),
            Some("certificate expires in 3 days (2026-08-03 12:00 UTC)")
        );
    }

    #[test]
    fn a_certificate_beyond_the_threshold_has_no_warning() {
        let der = certificate(2026, 8, 3);
        let o = assess(&der, at("2026-07-31T12:00:00Z"), 2, 7);
        assert_eq!((o.verdict, o.warning), (Verdict::Ok, None));
    }

    #[test]
    fn unreadable_der_passes_with_a_warning_not_a_date() {
        let o = assess(b"not a certificate", at("2026-07-31T12:00:00Z"), 14, 1);
        assert_eq!(o.verdict, Verdict::Ok);
        assert!(o.warning.unwrap().contains("could not be read"));
    }
}
