//! Receivers for the notify tests: HTTP servers on loopback that record every request (method,
//! path, headers, body) and answer with a script of statuses, and a runner of
//! `statuspress notify` with its secrets in the environment.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;
use tiny_http::{Header, Response, Server};

/// How a receiver answers one request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// This status, with a short body.
    Status(u16, &'static str),
    /// This status with a `Retry-After` header of so many seconds.
    RetryAfter(u16, u64),
    /// No answer: the request is read, then the connection held open this long.
    Hang(Duration),
}

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The path and query.
    pub path: String,
    /// Every header, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body, exactly.
    pub body: String,
}

impl Recorded {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {}", self.body))
    }
}

/// A recording HTTP server on 127.0.0.1, stopped when dropped.
pub struct Receiver {
    /// Its address, with a path that stands for a webhook's secret part.
    pub url: String,
    server: Arc<Server>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    worker: Option<thread::JoinHandle<()>>,
}

impl Receiver {
    /// A receiver that answers 200 to everything.
    pub fn ok() -> Receiver {
        Receiver::answering(Vec::new())
    }

    /// A receiver that answers the requests in turn with `script`, then 200.
    pub fn answering(script: Vec<Answer>) -> Receiver {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let count = Arc::new(AtomicUsize::new(0));
        let worker = {
            let (server, recorded) = (Arc::clone(&server), Arc::clone(&recorded));
            thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let mut body = String::new();
                    let _ = request.as_reader().read_to_string(&mut body);
                    recorded.lock().unwrap().push(Recorded {
                        method: request.method().to_string(),
                        path: request.url().to_string(),
                        headers: request
                            .headers()
                            .iter()
                            .map(|h| (h.field.to_string(), h.value.to_string()))
                            .collect(),
                        body,
                    });
                    let n = count.fetch_add(1, Ordering::SeqCst);
                    let answer = script.get(n).cloned().unwrap_or(Answer::Status(200, "ok"));
                    // Each answer in its own thread, so a hanging one holds up nothing else.
                    thread::spawn(move || match answer {
                        Answer::Status(code, text) => {
                            let _ =
                                request.respond(Response::from_string(text).with_status_code(code));
                        }
                        Answer::RetryAfter(code, secs) => {
                            let header =
                                Header::from_bytes("Retry-After", secs.to_string()).unwrap();
                            let _ = request.respond(
                                Response::from_string("later")
                                    .with_status_code(code)
                                    .with_header(header),
                            );
                        }
                        Answer::Hang(d) => {
                            thread::sleep(d);
                            drop(request);
                        }
                    });
                }
            })
        };
        Receiver {
            url: format!("http://127.0.0.1:{port}/hooks/T0001/s3cr3t-path"),
            server,
            recorded,
            worker: Some(worker),
        }
    }

    /// The requests so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }

    /// The bodies so far, as JSON.
    pub fn bodies(&self) -> Vec<serde_json::Value> {
        self.requests().iter().map(Recorded::json).collect()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Runs `statuspress notify --root <root> --now <now>` with `args` and the environment `env`,
/// short retry waits (10 ms) and no proxy.
pub fn notify(root: &Path, now: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_statuspress"));
    cmd.arg("notify")
        .arg("--root")
        .arg(root)
        .args(["--now", now])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("STATUSPRESS_NOTIFY_BACKOFF_MS", "10");
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The HMAC-SHA256 of `body` with `key`, as `sha256=<hex>`, computed here rather than by the
/// code under test.
pub fn signature(key: &str, body: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}
