//! `tcp`: a connection to a host and port, tried on each of its addresses in turn.

use super::Outcome;
use crate::model::probes::Probe;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Connects to the probe's host and port within `timeout` in all.
pub fn check(probe: &Probe, timeout: Duration) -> Outcome {
    let started = Instant::now();
    let (Some(host), Some(port)) = (probe.host.as_deref(), probe.port) else {
        return Outcome::down(Duration::ZERO, "no host and port");
    };
    let addrs: Vec<_> = match (host, port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(_) => return Outcome::down(started.elapsed(), format!("{host} does not resolve")),
    };
    let mut last = format!("{host} has no address");
    for addr in addrs {
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            last = format!("no connection within {} ms", timeout.as_millis());
            break;
        }
        match TcpStream::connect_timeout(&addr, left) {
            Ok(_) => {
                return Outcome::passed(
                    started.elapsed(),
                    format!("connected to {addr}"),
                    probe.degraded_over_ms,
                );
            }
            Err(e) => {
                last = match e.kind() {
                    std::io::ErrorKind::ConnectionRefused => {
                        format!("connection refused by {addr}")
                    }
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                        format!("no connection within {} ms", timeout.as_millis())
                    }
                    _ => format!("cannot connect to {addr}: {e}"),
                }
            }
        }
    }
    Outcome::down(started.elapsed(), last)
}
