//! The wire side of the static server: reading a request head and writing an answer.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// Longest request head read; a longer one is answered 431 and its connection closed.
pub const MAX_HEAD: u64 = 16 * 1024;

/// What a connection sends next.
pub enum Next {
    /// A request head.
    Request(Head),
    /// Nothing: the client closed the connection between requests.
    Closed,
    /// A head to answer with this status, then close the connection.
    Refused(u16),
}

/// A request head: what the connection loop needs of it.
pub struct Head {
    pub method: String,
    pub target: String,
    pub keep_alive: bool,
}

/// Reads the next request head. A request body is not expected (GET and HEAD have none) and
/// not read.
pub fn read_head(reader: &mut BufReader<TcpStream>) -> io::Result<Next> {
    let mut lines: Vec<String> = Vec::new();
    let mut read = 0;
    loop {
        let mut line = Vec::new();
        let n = reader
            .by_ref()
            .take(MAX_HEAD - read)
            .read_until(b'\n', &mut line)?;
        read += n as u64;
        if n == 0 {
            return Ok(match (read, lines.is_empty()) {
                (0, true) => Next::Closed,
                (MAX_HEAD, _) => Next::Refused(431),
                _ => Next::Refused(400),
            });
        }
        let line = String::from_utf8_lossy(&line).trim_end().to_string();
        if line.is_empty() {
            if lines.is_empty() {
                // A blank line before a request is allowed (RFC 9112, 2.2).
                continue;
            }
            break;
        }
        lines.push(line);
    }
    let parts: Vec<&str> = lines[0].split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Ok(Next::Refused(400));
    };
    if !target.starts_with('/') || !matches!(version, "HTTP/1.0" | "HTTP/1.1") {
        return Ok(Next::Refused(400));
    }
    let connection = lines[1..]
        .iter()
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("connection"))
        .map(|(_, value)| value.trim().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(",");
    let keep_alive = if version == "HTTP/1.1" {
        !connection.contains("close")
    } else {
        connection.contains("keep-alive")
    };
    Ok(Next::Request(Head {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    }))
}

/// Writes one answer, whole, with its length, as static hosts send files.
pub fn send(
    writer: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let mut answer = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: {connection}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if !head_only {
        answer.extend_from_slice(body);
    }
    writer.write_all(&answer)?;
    writer.flush()
}
