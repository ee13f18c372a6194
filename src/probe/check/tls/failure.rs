//! Why a TLS check failed, in words a person on call can act on.

use super::{TlsTarget, is_timeout};
use chrono::DateTime;
use rustls::CertificateError;
use rustls::pki_types::UnixTime;
use std::io;
use std::net::SocketAddr;

/// A failed handshake or connection.
#[derive(Debug)]
pub(super) enum Failure {
    /// The check cannot be set up (an extra root that is not a certificate).
    Setup(String),
    /// The server name is not a DNS name or an IP address.
    BadName(String),
    /// The host name does not resolve.
    Resolve(String),
    /// No address accepted the connection.
    Connect(SocketAddr, io::Error),
    /// The deadline passed before the handshake completed.
    Timeout,
    /// The server closed the connection during the handshake.
    Closed,
    /// The handshake completed without a certificate (cannot happen with a verifying client).
    NoCertificate,
    /// rustls refused the handshake or the certificate.
    Tls(rustls::Error),
    /// Any other I/O error.
    Io(io::Error),
}

impl Failure {
    /// Sorts an error of `complete_io`: rustls's own errors come wrapped in `InvalidData`.
    pub(super) fn from_io(e: io::Error) -> Failure {
        if is_timeout(&e) {
            return Failure::Timeout;
        }
        if let Some(tls) = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Failure::Tls(tls.clone());
        }
        match e.kind() {
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::BrokenPipe => Failure::Closed,
            _ => Failure::Io(e),
        }
    }

    /// The outcome's detail.
    pub(super) fn detail(&self, target: &TlsTarget) -> String {
        let at = format!("{}:{}", target.host, target.port);
        match self {
            Failure::Setup(why) => why.clone(),
            Failure::BadName(name) => {
                format!("\"{name}\" is not a host name or an IP address to check a certificate for")
            }
            Failure::Resolve(host) => format!("the host name {host} does not resolve"),
            Failure::Connect(addr, e) if is_timeout(e) => {
                format!(
                    "no connection to {addr} within {} ms",
                    target.timeout.as_millis()
                )
            }
            Failure::Connect(addr, e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                format!("connection refused by {addr}")
            }
            Failure::Connect(addr, e) => format!("no connection to {addr}: {e}"),
            Failure::Timeout => format!(
                "no TLS handshake with {at} within {} ms",
                target.timeout.as_millis()
            ),
            Failure::Closed => format!("{at} closed the connection during the TLS handshake"),
            Failure::NoCertificate => format!("{at} sent no certificate"),
            Failure::Tls(e) => tls_detail(e, &target.server_name),
            Failure::Io(e) => format!("TLS handshake with {at} failed: {e}"),
        }
    }
}

/// A rustls error as a detail.
pub(super) fn tls_detail(e: &rustls::Error, server_name: &str) -> String {
    match e {
        rustls::Error::InvalidCertificate(c) => certificate_detail(c, server_name),
        rustls::Error::AlertReceived(alert) => {
            format!("the server ended the TLS handshake with the alert {alert:?}")
        }
        rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
            format!("the server does not speak TLS as expected ({e})")
        }
        rustls::Error::PeerIncompatible(_) => {
            format!("the server offers no TLS version or cipher this check accepts ({e})")
        }
        _ => format!("TLS handshake failed: {e}"),
    }
}

/// A certificate that does not verify, as a detail.
fn certificate_detail(e: &CertificateError, server_name: &str) -> String {
    match e {
        CertificateError::ExpiredContext { not_after, .. } => {
            format!("certificate expired on {}", day(*not_after))
        }
        CertificateError::Expired => "certificate expired".to_owned(),
        CertificateError::NotValidYetContext { not_before, .. } => {
            format!("certificate is not valid before {}", day(*not_before))
        }
        CertificateError::NotValidYet => "certificate is not valid yet".to_owned(),
        CertificateError::NotValidForNameContext { presented, .. } => format!(
            "certificate is not valid for {server_name} (it names {})",
            if presented.is_empty() {
                "no host".to_owned()
            } else {
                let names: Vec<&str> = presented.iter().map(|p| plain_name(p)).collect();
                names.join(", ")
            }
        ),
        CertificateError::NotValidForName => {
            format!("certificate is not valid for {server_name}")
        }
        CertificateError::UnknownIssuer => {
            "certificate chain is not trusted (unknown issuer: a self-signed certificate or a \
             missing intermediate)"
                .to_owned()
        }
        CertificateError::Revoked => "certificate is revoked".to_owned(),
        _ => format!("certificate does not verify: {e}"),
    }
}

/// A name as webpki presents it (`DnsName("a.test")`, `IpAddress(127.0.0.1)`), without the
/// wrapping.
fn plain_name(presented: &str) -> &str {
    presented
        .strip_prefix("DnsName(\"")
        .and_then(|p| p.strip_suffix("\")"))
        .or_else(|| {
            presented
                .strip_prefix("IpAddress(")
                .and_then(|p| p.strip_suffix(')'))
        })
        .unwrap_or(presented)
}

/// `YYYY-MM-DD HH:MM UTC` of a rustls time.
fn day(t: UnixTime) -> String {
    i64::try_from(t.as_secs())
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "an unreadable date".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn target() -> TlsTarget {
        TlsTarget {
            host: "127.0.0.1".into(),
            port: 8443,
            server_name: "localhost".into(),
            expires_within_days: 14,
            timeout: Duration::from_millis(500),
        }
    }

    #[test]
    fn certificate_errors_say_what_is_wrong() {
        let expired = rustls::Error::InvalidCertificate(CertificateError::ExpiredContext {
            time: UnixTime::since_unix_epoch(Duration::from_secs(1_785_456_000)),
            not_after: UnixTime::since_unix_epoch(Duration::from_secs(1_785_369_600)),
        });
        assert_eq!(
            Failure::Tls(expired).detail(&target()),
            "certificate expired on 2026-07-30 00:00 UTC"
        );
        let name = rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext {
            expected: rustls::pki_types::ServerName::try_from("localhost").unwrap(),
            presented: vec![
                "DnsName(\"wrong.test\")".into(),
                "IpAddress(10.0.0.1)".into(),
            ],
        });
        assert_eq!(
            Failure::Tls(name).detail(&target()),
            "certificate is not valid for localhost (it names wrong.test, 10.0.0.1)"
        );
        let issuer = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert!(
            Failure::Tls(issuer)
                .detail(&target())
                .starts_with("certificate chain is not trusted")
        );
    }

    #[test]
    fn io_errors_are_sorted_into_timeouts_closes_and_tls_errors() {
        let timeout = io::Error::new(io::ErrorKind::WouldBlock, "wait");
        assert!(matches!(Failure::from_io(timeout), Failure::Timeout));
        let eof = io::Error::new(io::ErrorKind::UnexpectedEof, "eof");
        assert!(matches!(Failure::from_io(eof), Failure::Closed));
        let wrapped = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        );
        assert!(matches!(
            Failure::from_io(wrapped),
            Failure::Tls(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer
            ))
        ));
        assert_eq!(
            Failure::Timeout.detail(&target()),
            "no TLS handshake with 127.0.0.1:8443 within 500 ms"
        );
    }
}
