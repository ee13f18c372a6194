//! The `dns` check: a name resolves to at least one record of a type, and, when a record is
//! expected, to that record among others.
//!
//! The name is always asked as written (fully qualified: no search domains), without the hosts
//! file and without a cache, of the system's name servers or of the one given. NXDOMAIN, an
//! empty answer, an error response, no answer within the timeout, or an expected record that is
//! not among the answers: all are [`Down`](Verdict::Down).

mod answer;

use super::outcome::{Outcome, Verdict, elapsed_ms};
use answer::{expected_among, record_text};
use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Name, RecordType};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// The record types a `dns` check can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// IPv4 address.
    A,
    /// IPv6 address.
    Aaaa,
    /// Canonical name (alias).
    Cname,
    /// Mail exchange.
    Mx,
    /// Text.
    Txt,
}

impl RecordKind {
    /// Every kind, in the order they are listed to a person.
    pub const ALL: [RecordKind; 5] = [
        RecordKind::A,
        RecordKind::Aaaa,
        RecordKind::Cname,
        RecordKind::Mx,
        RecordKind::Txt,
    ];

    /// The kind written as in a zone file (`A`, `AAAA`, `CNAME`, `MX`, `TXT`), any case.
    pub fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The name of the kind as in a zone file.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::A => "A",
            RecordKind::Aaaa => "AAAA",
            RecordKind::Cname => "CNAME",
            RecordKind::Mx => "MX",
            RecordKind::Txt => "TXT",
        }
    }

    fn record_type(self) -> RecordType {
        match self {
            RecordKind::A => RecordType::A,
            RecordKind::Aaaa => RecordType::AAAA,
            RecordKind::Cname => RecordType::CNAME,
            RecordKind::Mx => RecordType::MX,
            RecordKind::Txt => RecordType::TXT,
        }
    }
}

/// What a `dns` check asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsQuery {
    /// The name, asked as written (a trailing dot is optional).
    pub name: String,
    /// The record type.
    pub record_type: RecordKind,
    /// A record that must be among the answers: an address for A and AAAA (any spelling), a name
    /// for CNAME, an exchange or `PREFERENCE EXCHANGE` for MX, the whole text for TXT.
    pub expect: Option<String>,
    /// The whole check gives up after this.
    pub timeout: Duration,
    /// The name server to ask; `None` for the system's (`/etc/resolv.conf`, or the network
    /// settings on Windows and macOS).
    pub nameserver: Option<SocketAddr>,
}

/// Resolves `q` and judges the answers.
pub fn check(q: &DnsQuery) -> Outcome {
    let started = Instant::now();
    let result = resolve(q);
    let latency = elapsed_ms(started);
    let kind = q.record_type.as_str();
    let answers = match result {
        Ok(answers) if answers.is_empty() => {
            return Outcome::down(latency, format!("no {kind} record for {}", q.name));
        }
        Ok(answers) => answers,
        Err(detail) => return Outcome::down(latency, detail),
    };
    let listed = answers.join(", ");
    match &q.expect {
        Some(expected) if !expected_among(q.record_type, expected, &answers) => Outcome::down(
            latency,
            format!("{kind} {} is {listed}, not {}", q.name, expected.trim()),
        ),
        _ => Outcome::new(Verdict::Ok, latency, format!("{kind} {listed}")),
    }
}

/// The records of the asked type, as text, sorted; or why there are none.
fn resolve(q: &DnsQuery) -> Result<Vec<String>, String> {
    let name = fqdn(&q.name)?;
    let resolver = resolver(q)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("the DNS check cannot start: {e}"))?;
    let asked = q.record_type.record_type();
    let lookup = runtime
        .block_on(async { tokio::time::timeout(q.timeout, resolver.lookup(name, asked)).await });
    let server = match q.nameserver {
        Some(addr) => addr.to_string(),
        None => "the system's name servers".to_owned(),
    };
    match lookup {
        Err(_elapsed) => Err(format!(
            "no answer from {server} within {} ms",
            q.timeout.as_millis()
        )),
        Ok(Err(e)) => Err(failure(&e, q, &server)),
        Ok(Ok(lookup)) => {
            let mut texts: Vec<String> = lookup
                .answers()
                .iter()
                .filter(|r| r.record_type() == asked)
                .filter_map(|r| record_text(&r.data))
                .collect();
            texts.sort();
            texts.dedup();
            Ok(texts)
        }
    }
}

/// A resolver that asks `q.nameserver` or the system's name servers, once per server within
/// the timeout, never from a cache or the hosts file.
fn resolver(q: &DnsQuery) -> Result<TokioResolver, String> {
    let (config, mut opts) = match q.nameserver {
        Some(addr) => {
            let mut server = NameServerConfig::udp_and_tcp(addr.ip());
            for connection in &mut server.connections {
                connection.port = addr.port();
            }
            (
                ResolverConfig::from_parts(None, Vec::new(), vec![server]),
                ResolverOpts::default(),
            )
        }
        None => hickory_resolver::system_conf::read_system_conf()
            .map_err(|e| format!("the system's DNS settings cannot be read: {e}"))?,
    };
    opts.timeout = q.timeout;
    opts.cache_size = 0;
    opts.use_hosts_file = ResolveHosts::Never;
    opts.ndots = 0;
    TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
        .with_options(opts)
        .build()
        .map_err(|e| format!("the DNS check cannot start: {e}"))
}

/// `name` as a fully qualified name, so no search domain is tried.
fn fqdn(name: &str) -> Result<Name, String> {
    let trimmed = name.trim();
    let mut parsed =
        Name::from_utf8(trimmed).map_err(|e| format!("\"{trimmed}\" is not a DNS name: {e}"))?;
    parsed.set_fqdn(true);
    Ok(parsed)
}

/// A failed lookup as a detail.
fn failure(e: &NetError, q: &DnsQuery, server: &str) -> String {
    let kind = q.record_type.as_str();
    match e {
        NetError::Dns(dns) => match dns {
            hickory_resolver::net::DnsError::NoRecordsFound(none) => match none.response_code {
                ResponseCode::NXDomain => format!("NXDOMAIN: {} does not exist", q.name),
                ResponseCode::NoError => format!("no {kind} record for {}", q.name),
                code => format!("{server} answered {code} for {} {kind}", q.name),
            },
            hickory_resolver::net::DnsError::ResponseCode(code) => {
                format!("{server} answered {code} for {} {kind}", q.name)
            }
            other => format!("the lookup of {} {kind} failed: {other}", q.name),
        },
        NetError::Timeout => format!(
            "no answer from {server} within {} ms",
            q.timeout.as_millis()
        ),
        other => format!("the lookup of {} {kind} failed: {other}", q.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_kinds_parse_in_any_case() {
        assert_eq!(RecordKind::parse("aaaa"), Some(RecordKind::Aaaa));
        assert_eq!(RecordKind::parse(" MX "), Some(RecordKind::Mx));
        assert_eq!(RecordKind::parse("SRV"), None);
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn names_are_asked_fully_qualified() {
        assert_eq!(
            fqdn("api.example.test").unwrap().to_string(),
            "api.example.test."
        );
        assert_eq!(
            fqdn("api.example.test.").unwrap().to_string(),
            "api.example.test."
        );
        assert!(fqdn("bad..name").unwrap_err().contains("is not a DNS name"));
    }
}
