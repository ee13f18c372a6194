//! The `tls` check: a TLS handshake with the server, the certificate verified as a browser would
//! (chain to a trusted root, the server name, validity at the injected clock), and the days left
//! before it expires.
//!
//! A failed handshake, a name the certificate does not cover, an expired or untrusted chain, a
//! server that does not answer within the timeout: all are [`Down`](Verdict::Down). A certificate
//! that expires within `expires_within_days` passes with a warning; what to do with the warning
//! is the caller's choice.

mod expiry;
mod failure;

use super::outcome::{Outcome, Verdict, elapsed_ms};
use chrono::{DateTime, Utc};
use failure::Failure;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection};
use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// What a `tls` check connects to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsTarget {
    /// Host name or IP address to connect to.
    pub host: String,
    /// TCP port, 443 for HTTPS.
    pub port: u16,
    /// The name the certificate must be valid for (sent as SNI); usually `host`.
    pub server_name: String,
    /// A certificate that expires within this many days passes with a warning.
    pub expires_within_days: u32,
    /// The whole check (name lookup aside: connect and handshake) gives up after this.
    pub timeout: Duration,
}

/// Connects to `target`, completes a TLS handshake and verifies the server's certificate at
/// `now`, trusting the public roots of `webpki-roots` and `extra_roots` (DER certificates, for
/// a private CA or a test).
pub fn check(target: &TlsTarget, now: DateTime<Utc>, extra_roots: &[Vec<u8>]) -> Outcome {
    let started = Instant::now();
    let result = handshake(target, now, extra_roots, started + target.timeout);
    let latency = elapsed_ms(started);
    match result {
        Ok(leaf) => expiry::assess(&leaf, now, target.expires_within_days, latency),
        Err(failure) => Outcome::new(Verdict::Down, latency, failure.detail(target)),
    }
}

/// A handshake or certificate error of rustls in the words of this check, for the other checks
/// that speak TLS: "certificate chain is not trusted (…)", "certificate expired on …".
pub(crate) fn error_detail(e: &rustls::Error, server_name: &str) -> String {
    failure::tls_detail(e, server_name)
}

/// The end-entity certificate of a verified handshake.
fn handshake(
    target: &TlsTarget,
    now: DateTime<Utc>,
    extra_roots: &[Vec<u8>],
    deadline: Instant,
) -> Result<CertificateDer<'static>, Failure> {
    let config = client_config(now, extra_roots)?;
    let name = ServerName::try_from(target.server_name.clone())
        .map_err(|_| Failure::BadName(target.server_name.clone()))?;
    let mut tcp = connect(&target.host, target.port, deadline)?;
    let mut tls = ClientConnection::new(Arc::new(config), name).map_err(Failure::Tls)?;
    while tls.is_handshaking() {
        let left = remaining(deadline).ok_or(Failure::Timeout)?;
        tcp.set_read_timeout(Some(left)).map_err(Failure::Io)?;
        tcp.set_write_timeout(Some(left)).map_err(Failure::Io)?;
        match tls.complete_io(&mut tcp) {
            Ok((0, 0)) if tls.is_handshaking() => return Err(Failure::Closed),
            Ok(_) => {}
            Err(e) => return Err(Failure::from_io(e)),
        }
    }
    let leaf = tls
        .peer_certificates()
        .and_then(|chain| chain.first())
        .map(|c| c.clone().into_owned())
        .ok_or(Failure::NoCertificate)?;
    // Polite, and never worth failing the check over.
    tls.send_close_notify();
    let _ = tls.write_tls(&mut tcp);
    Ok(leaf)
}

/// The public roots and `extra_roots`, verified at `now`.
fn client_config(now: DateTime<Utc>, extra_roots: &[Vec<u8>]) -> Result<ClientConfig, Failure> {
    let roots = super::trust::root_store(extra_roots).map_err(Failure::Setup)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_details(provider, Arc::new(FixedClock(now)))
        .with_safe_default_protocol_versions()
        .map_err(Failure::Tls)?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

/// The injected clock as rustls's time: the certificate is valid or expired at `now`, not at
/// whatever time the machine running the probe has.
#[derive(Debug)]
struct FixedClock(DateTime<Utc>);

impl rustls::time_provider::TimeProvider for FixedClock {
    fn current_time(&self) -> Option<UnixTime> {
        let secs = u64::try_from(self.0.timestamp()).unwrap_or(0);
        Some(UnixTime::since_unix_epoch(Duration::from_secs(secs)))
    }
}

/// A TCP connection to the first address of `host` that accepts before `deadline`.
fn connect(host: &str, port: u16, deadline: Instant) -> Result<TcpStream, Failure> {
    let addrs = resolve(host, port, deadline)?;
    let mut last = Failure::Resolve(host.to_owned());
    for addr in addrs {
        let left = remaining(deadline).ok_or(Failure::Timeout)?;
        match TcpStream::connect_timeout(&addr, left) {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = Failure::Connect(addr, e),
        }
    }
    Err(last)
}

/// The addresses of `host`, looked up by the system before `deadline`. The lookup runs on a
/// thread of its own because the system's resolver has no timeout of ours; a lookup still
/// running at the deadline is left to finish on its own.
fn resolve(host: &str, port: u16, deadline: Instant) -> Result<Vec<SocketAddr>, Failure> {
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let (tx, rx) = mpsc::channel();
    let name = host.to_owned();
    thread::spawn(move || {
        let found = (name.as_str(), port)
            .to_socket_addrs()
            .map(|addrs| addrs.collect::<Vec<_>>());
        let _ = tx.send(found);
    });
    let left = remaining(deadline).ok_or(Failure::Timeout)?;
    match rx.recv_timeout(left) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(_) => Err(Failure::Resolve(host.to_owned())),
        Err(_) => Err(Failure::Timeout),
    }
}

/// Time left before `deadline`, `None` once it has passed.
fn remaining(deadline: Instant) -> Option<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    (!left.is_zero()).then_some(left)
}

/// Whether an I/O error is a timeout (the two kinds platforms use for a read that waited).
fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}
