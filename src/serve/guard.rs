//! The dev server's front door: bounds what tiny_http cannot.
//!
//! tiny_http reads a request line and headers of any length, never times out an idle
//! connection, and starts a thread for every connection. So the public address is served here:
//! at most [`MAX_CONNECTIONS`] at once (more get 503), a request head of at most [`MAX_HEAD`]
//! bytes (414 or 431 past it) read within [`HEAD_TIMEOUT`] (408 after), a malformed request line
//! answered 400. A request that passes is handed to tiny_http on a private loopback address, one
//! request per connection, and the answer (or the live-reload stream) copied back.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// Connections served at once; past it a connection gets 503 and is closed.
pub const MAX_CONNECTIONS: usize = 64;
/// Longest request head (request line and headers) read.
pub const MAX_HEAD: usize = 16 * 1024;
/// Longest request line; a longer one gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// How long a refused connection is read from after its answer, so that closing it does not
/// reset it before the client has read the answer.
const LINGER: Duration = Duration::from_millis(500);
/// How long a connection may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts on `public` until `stopping()` says so, handing good requests to tiny_http at
/// `inner`.
pub fn run(public: TcpListener, inner: SocketAddr, stopping: impl Fn() -> bool) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in public.incoming() {
        if stopping() {
            return;
        }
        let Ok(mut client) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = client.set_write_timeout(Some(HEAD_TIMEOUT));
            // No waiting here: this loop must get back to accepting.
            let _ = client.set_nonblocking(true);
            answer(&mut client, 503, "too many connections; try again\n");
            continue;
        }
        let active = active.clone();
        thread::spawn(move || {
            serve_one(client, inner);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Wakes [`run`] up so that it sees it is stopping.
pub fn wake(public: SocketAddr) {
    let _ = TcpStream::connect_timeout(&public, Duration::from_secs(1));
}

fn serve_one(mut client: TcpStream, inner: SocketAddr) {
    let _ = client.set_read_timeout(Some(HEAD_TIMEOUT));
    let _ = client.set_write_timeout(Some(HEAD_TIMEOUT));
    let head = match read_head(&mut client) {
        Ok(head) => head,
        Err(Refused(status, why)) => {
            answer(&mut client, status, why);
            return;
        }
    };
    let Ok(mut upstream) = TcpStream::connect(inner) else {
        answer(&mut client, 503, "the preview server is not ready\n");
        return;
    };
    if upstream.write_all(&head).is_err() {
        return;
    }
    // The answer may be a live-reload stream that lasts as long as the page is open.
    let _ = client.set_write_timeout(None);
    let _ = io::copy(&mut upstream, &mut client);
    let _ = client.shutdown(Shutdown::Both);
    let _ = upstream.shutdown(Shutdown::Both);
}

/// Why a request is answered here: its status and a line of text.
#[derive(Debug, PartialEq, Eq)]
struct Refused(u16, &'static str);

/// Reads the request head, checks it, and rewrites it for one request on its own connection.
fn read_head(client: &mut impl Read) -> Result<Vec<u8>, Refused> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    loop {
        let n = match client.read(&mut buf) {
            Ok(0) => return Err(Refused(400, "the request ended before its headers\n")),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Refused(408, "the request took too long to arrive\n"));
            }
            Err(_) => return Err(Refused(400, "the request could not be read\n")),
        };
        head.extend_from_slice(&buf[..n]);
        let line_end = find(&head, b"\r\n");
        if line_end.map_or(head.len(), |i| i) > MAX_REQUEST_LINE {
            return Err(Refused(414, "the request line is too long\n"));
        }
        if let Some(end) = find(&head, b"\r\n\r\n") {
            head.truncate(end + 2);
            break;
        }
        if head.len() > MAX_HEAD {
            return Err(Refused(431, "the request headers are too large\n"));
        }
    }
    let text = std::str::from_utf8(&head).map_err(|_| Refused(400, "malformed request\n"))?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = request_line.split(' ').collect();
    let well_formed = parts.len() == 3
        && !parts[0].is_empty()
        && parts[0].bytes().all(|b| b.is_ascii_uppercase())
        && parts[1].starts_with('/')
        && matches!(parts[2], "HTTP/1.0" | "HTTP/1.1");
    if !well_formed {
        return Err(Refused(400, "malformed request line\n"));
    }
    let mut out = format!("{request_line}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let Some((name, _)) = line.split_once(':') else {
            return Err(Refused(400, "malformed header line\n"));
        };
        let name = name.trim().to_ascii_lowercase();
        // One request per connection: this side closes once the answer is copied.
        if !matches!(
            name.as_str(),
            "connection" | "keep-alive" | "proxy-connection"
        ) {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    Ok(out.into_bytes())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn answer(client: &mut TcpStream, status: u16, body: &str) {
    let reason = match status {
        400 => "Bad Request",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    };
    let _ = write!(
        client,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n{body}",
        body.len()
    );
    let _ = client.flush();
    // Close the sending side first and read a little of what the client is still sending, so
    // that closing does not reset the connection before the client has read the answer.
    let _ = client.shutdown(Shutdown::Write);
    let _ = client.set_read_timeout(Some(LINGER));
    let _ = io::copy(&mut client.take(MAX_HEAD as u64 * 4), &mut io::sink());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Result<String, Refused> {
        read_head(&mut raw.as_bytes()).map(|h| String::from_utf8(h).unwrap())
    }

    #[test]
    fn a_good_head_is_passed_on_for_one_request() {
        assert_eq!(
            head("GET /x/?a=1 HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n").unwrap(),
            "GET /x/?a=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn bad_heads_are_refused_with_their_status() {
        assert_eq!(
            head("HELLO\r\n\r\n"),
            Err(Refused(400, "malformed request line\n"))
        );
        assert_eq!(head("GET x HTTP/1.1\r\n\r\n").unwrap_err().0, 400);
        assert_eq!(
            head("GET / HTTP/1.1\r\nno colon\r\n\r\n").unwrap_err().0,
            400
        );
        assert_eq!(head("GET / HTTP/1.1\r\n").unwrap_err().0, 400);
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(head(&long_line).unwrap_err().0, 414);
        let endless_line = "a".repeat(MAX_HEAD * 4);
        assert_eq!(head(&endless_line).unwrap_err().0, 414);
        let many_headers = format!("GET / HTTP/1.1\r\n{}", "X-A: b\r\n".repeat(MAX_HEAD / 4));
        assert_eq!(head(&many_headers).unwrap_err().0, 431);
    }
}
