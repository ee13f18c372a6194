//! The static server of the browser tests (`tests/static_support/`), as a browser uses it:
//! several connections opened at once and kept open between requests, whole files with their
//! length, the site's 404 page, and nothing outside the folder.

mod common;
mod static_support;

use static_support::{StaticServer, report};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

/// Long enough for a loaded machine; a connection nobody reads never answers at all.
const PATIENCE: Duration = Duration::from_secs(10);

/// A folder `site/` with an index, a stylesheet, a page in a folder and a 404 page, and a
/// `secret.html` beside it, to serve `site/`.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("components/api")).unwrap();
    fs::write(site.join("index.html"), "<p>index</p>").unwrap();
    fs::write(site.join("style.css"), "p { color: red }").unwrap();
    fs::write(site.join("components/api/index.html"), "<p>api</p>").unwrap();
    fs::write(site.join("404.html"), "<p>not here</p>").unwrap();
    fs::write(dir.path().join("secret.html"), "secret").unwrap();
    dir
}

/// Serves the `site/` folder of `dir`.
fn serve(dir: &tempfile::TempDir) -> StaticServer {
    StaticServer::start(&dir.path().join("site"))
}

/// A connection as a browser keeps one: requests one after another, each answer read whole.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

/// An answer: status, headers (names in lower case) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Client {
    fn connect(addr: &str) -> Client {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        Client {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
        }
    }

    /// Sends the raw request `head` (with its blank line).
    fn send(&mut self, head: &str) {
        self.writer.write_all(head.as_bytes()).unwrap();
    }

    fn get(&mut self, path: &str) {
        self.send(&format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n"));
    }

    /// Reads one answer; the body by its Content-Length, none for `HEAD`.
    fn read(&mut self, head_only: bool) -> Result<Answer, String> {
        let mut line = String::new();
        self.reader
            .read_line(&mut line)
            .map_err(|e| format!("no answer within {PATIENCE:?}: {e}"))?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("no status line: {line:?}"))?;
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').ok_or("a malformed header")?;
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        let mut answer = Answer {
            status,
            headers,
            body: Vec::new(),
        };
        let length: usize = answer
            .header("content-length")
            .ok_or("no Content-Length")?
            .parse()
            .map_err(|_| "a malformed Content-Length")?;
        if !head_only {
            answer.body = vec![0; length];
            self.reader
                .read_exact(&mut answer.body)
                .map_err(|e| e.to_string())?;
        }
        Ok(answer)
    }

    /// True once the server has closed the connection.
    fn closed(&mut self) -> bool {
        let mut rest = Vec::new();
        matches!(self.reader.read_to_end(&mut rest), Ok(0))
    }
}

/// Opens six connections at once, as Chromium does for a page with six files (its limit per
/// host), then sends a request on each: every one is answered while the others stay open.
fn six_at_once(addr: &str, path: &str) -> Vec<Client> {
    let mut clients: Vec<Client> = (0..6).map(|_| Client::connect(addr)).collect();
    for c in &mut clients {
        c.get(path);
    }
    let unanswered: Vec<String> = clients
        .iter_mut()
        .enumerate()
        .filter_map(|(i, c)| c.read(false).err().map(|e| format!("connection {i}: {e}")))
        .collect();
    assert!(
        unanswered.is_empty(),
        "{} of 6 connections opened at once were not answered:\n{}",
        unanswered.len(),
        unanswered.join("\n")
    );
    clients
}

#[test]
fn connections_opened_at_once_are_all_answered_while_the_others_stay_open() {
    let dir = site();
    let server = serve(&dir);
    let first = six_at_once(&server.addr, "/style.css");
    // Six more while the first six sit idle, as a browser keeps them between pages.
    let second = six_at_once(&server.addr, "/components/api/");
    assert_eq!(server.requests_for("/style.css"), 6);
    assert_eq!(server.requests_for("/components/api/"), 6);
    // And the idle ones still carry a request each.
    for mut c in first.into_iter().chain(second) {
        c.get("/");
        assert_eq!(c.read(false).unwrap().body, b"<p>index</p>");
    }
    assert_eq!(server.requests_for("/"), 12);
}

#[test]
fn one_connection_carries_requests_one_after_another_until_it_is_closed() {
    let dir = site();
    let server = serve(&dir);
    let mut c = Client::connect(&server.addr);
    c.get("/style.css");
    let css = c.read(false).unwrap();
    assert_eq!(
        (css.status, css.body.as_slice()),
        (200, b"p { color: red }".as_slice())
    );
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("content-length"), Some("16"));
    assert_eq!(css.header("connection"), Some("keep-alive"));
    // A query is not part of the file's name.
    c.get("/components/api/?v=2");
    let page = c.read(false).unwrap();
    assert_eq!((page.status, page.body), (200, b"<p>api</p>".to_vec()));
    assert_eq!(server.requests_for("/components/api/"), 1);
    // A HEAD answer has the length and no body: the next answer follows it directly.
    c.send("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n");
    let head = c.read(true).unwrap();
    assert_eq!(
        (head.status, head.header("content-length")),
        (200, Some("12"))
    );
    c.send("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    let last = c.read(false).unwrap();
    assert_eq!(last.body, b"<p>index</p>");
    assert_eq!(last.header("connection"), Some("close"));
    assert!(
        c.closed(),
        "the connection is closed after `Connection: close`"
    );
    // HTTP/1.0 closes too, unless asked to keep the connection.
    let mut old = Client::connect(&server.addr);
    old.send("GET / HTTP/1.0\r\n\r\n");
    assert_eq!(old.read(false).unwrap().status, 200);
    assert!(old.closed());
}

#[test]
fn a_missing_file_or_a_path_out_of_the_folder_gets_the_sites_404_page() {
    let dir = site();
    let server = serve(&dir);
    let mut c = Client::connect(&server.addr);
    for path in [
        "/nothing/here/",
        "/../secret.html",
        "/components/..\\..\\secret.html",
    ] {
        c.get(path);
        let a = c.read(false).unwrap();
        assert_eq!(
            (a.status, a.body.as_slice()),
            (404, b"<p>not here</p>".as_slice()),
            "{path}"
        );
        assert_eq!(a.header("content-type"), Some("text/html; charset=utf-8"));
    }
}

#[test]
fn a_malformed_or_endless_request_is_refused_and_its_connection_closed() {
    let dir = site();
    let server = serve(&dir);
    for (head, status) in [
        ("HELLO\r\n\r\n".to_string(), 400),
        ("GET nothing HTTP/1.1\r\n\r\n".to_string(), 400),
        ("GET / HTTP/2.0\r\n\r\n".to_string(), 400),
        (
            "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n".to_string(),
            405,
        ),
        (format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000)), 431),
    ] {
        let mut c = Client::connect(&server.addr);
        c.send(&head);
        assert_eq!(c.read(false).unwrap().status, status, "{}", &head[..20]);
        assert!(c.closed(), "{}", &head[..20]);
    }
    // The server still answers.
    let mut c = Client::connect(&server.addr);
    c.get("/");
    assert_eq!(c.read(false).unwrap().status, 200);
}

#[test]
fn stopping_the_server_closes_the_connections_it_holds() {
    let dir = site();
    let server = serve(&dir);
    let mut c = Client::connect(&server.addr);
    c.get("/");
    assert_eq!(c.read(false).unwrap().status, 200);
    drop(server);
    assert!(
        c.closed(),
        "an idle connection is closed when the server stops"
    );
}

#[test]
fn its_report_names_the_open_connections_and_the_last_requests() {
    let dir = site();
    let server = serve(&dir);
    let url = format!("http://{}/components/api/", server.addr);
    let mut c = Client::connect(&server.addr);
    c.get("/style.css");
    c.read(false).unwrap();
    c.get("/nothing");
    c.read(false).unwrap();
    // The answer is logged once it is sent, which may be a moment after it arrives.
    let deadline = Instant::now() + PATIENCE;
    let text = loop {
        let text = report(&url).expect("a report of the running server");
        if text.contains("#1 waiting for a request") || Instant::now() > deadline {
            break text;
        }
        thread::sleep(Duration::from_millis(20));
    };
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&format!("the static server at {}, up ", server.addr))
            && lines[0].contains(", connections accepted: 1; open: #1 waiting for a request for "),
        "{text}"
    );
    assert_eq!(lines[1], "its last 2 requests:", "{text}");
    assert!(
        lines[2].starts_with("  #1 GET /style.css ")
            && lines[2].contains(" ago: 200, 16 bytes in "),
        "{text}"
    );
    assert!(
        lines[3].starts_with("  #1 GET /nothing ") && lines[3].contains(" ago: 404, 15 bytes in "),
        "{text}"
    );
    assert_eq!(report(&format!("http://{}/", "127.0.0.1:9")), None);
    drop(server);
    assert_eq!(report(&url), None, "a stopped server is not reported");
}
