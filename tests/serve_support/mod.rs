//! Running `statuspress serve` in tests and benchmarks: the process (always killed on drop), a
//! minimal HTTP client on `TcpStream` (it sends paths exactly as written, `..` included), and a
//! reader of the live-reload event stream.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A running `statuspress serve`, killed when dropped.
pub struct Served {
    child: Child,
    /// `host:port` it listens on.
    pub addr: String,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `serve --root <root> --port 0` with `args` and waits until it prints its address.
    pub fn start(root: &Path, args: &[&str]) -> Served {
        Self::start_binary(Path::new(env!("CARGO_BIN_EXE_statuspress")), root, args)
    }

    /// Like [`Served::start`], with a given binary.
    pub fn start_binary(binary: &Path, root: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(binary)
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("statuspress serve starts");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        drain(child.stdout.take().unwrap(), stdout.clone());
        drain(child.stderr.take().unwrap(), stderr.clone());
        let mut served = Served {
            child,
            addr: String::new(),
            stdout,
            stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let out = served.stdout();
            if let Some(rest) = out.split("http://").nth(1) {
                served.addr = rest.split('/').next().unwrap().to_string();
                return served;
            }
            if let Ok(Some(status)) = served.child.try_wait() {
                thread::sleep(Duration::from_millis(200));
                panic!(
                    "serve exited with {status} before listening\nstdout:\n{out}\nstderr:\n{}",
                    served.stderr()
                );
            }
            assert!(
                Instant::now() < deadline,
                "serve did not print its address\nstdout:\n{out}\nstderr:\n{}",
                served.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything printed on stdout so far.
    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// Everything printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stdout contains `text` (output arrives through a pipe, a little later).
    pub fn wait_for_stdout(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while !self.stdout().contains(text) {
            assert!(
                Instant::now() < deadline,
                "stdout never contained {text:?}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until stderr contains `text`.
    pub fn wait_for_stderr(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while !self.stderr().contains(text) {
            assert!(
                Instant::now() < deadline,
                "stderr never contained {text:?}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many rebuilds stdout reported (the first build included).
    pub fn rebuilds(&self) -> usize {
        self.stdout().matches("rebuilt ").count()
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Resp {
        request(&self.addr, "GET", path)
    }

    /// Fetches `path` until `pred` holds, or panics after `timeout` with the last response.
    pub fn get_until(&self, path: &str, timeout: Duration, pred: impl Fn(&Resp) -> bool) -> Resp {
        let deadline = Instant::now() + timeout;
        loop {
            let r = self.get(path);
            if pred(&r) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "GET {path}: condition not met within {timeout:?}; last status {}\nbody:\n{}\nstdout:\n{}\nstderr:\n{}",
                r.status,
                r.text(),
                self.stdout(),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the exit.
    pub fn interrupt(&mut self) -> ExitStatus {
        let ok = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> Events {
        Events::open(&self.addr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn drain(from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    thread::spawn(move || {
        let mut reader = BufReader::new(from);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
}

/// One HTTP response.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers as sent, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Resp {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == &name.to_ascii_lowercase())
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request with the target exactly as given and reads the whole response (by its
/// `Content-Length` when it has one, else to the end of the connection).
pub fn request(addr: &str, method: &str, target: &str) -> Resp {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(resp) = parse_response(&raw) {
            let want = resp.header("content-length").and_then(|v| v.parse().ok());
            match want {
                _ if method == "HEAD" => return resp,
                Some(n) if resp.body.len() >= n => return resp,
                _ => {}
            }
        }
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => panic!("{method} {target}: {e}"),
        }
    }
    parse_response(&raw).unwrap_or_else(|| {
        panic!(
            "{method} {target}: malformed response {:?}",
            String::from_utf8_lossy(&raw)
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Resp {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

/// A reader of the live-reload event stream.
pub struct Events {
    reader: BufReader<TcpStream>,
    /// Status line and headers of the stream's response.
    pub head: String,
}

impl Events {
    /// Connects and reads the response head.
    pub fn open(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__statuspress/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        Events { reader, head }
    }

    /// The data of the next `build` event, or `None` if none comes within `timeout`.
    pub fn next_build(&mut self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        let mut event = String::new();
        let mut data = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.reader.get_ref().set_read_timeout(Some(left)).unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if event == "build" {
                    return data;
                }
                event.clear();
                data = None;
            } else if let Some(v) = line.strip_prefix("event: ") {
                event = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = Some(v.to_string());
            }
        }
    }
}
