//! Servers for the probe tests: HTTP on loopback answering with a fixed status and body after
//! a delay (changeable while running), a listener that accepts and never answers, a closed
//! port, and a runner of `statuspress probe` at a given clock.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::net::TcpListener;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What a server answers.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The body.
    pub body: &'static str,
    /// How long it waits first.
    pub delay: Duration,
}

/// An HTTP server on 127.0.0.1, stopped when dropped.
pub struct Http {
    /// Its address, with a path.
    pub url: String,
    answer: Arc<Mutex<Answer>>,
    server: Arc<tiny_http::Server>,
}

impl Http {
    /// A server answering `status` with `body` at once.
    pub fn start(status: u16, body: &'static str) -> Http {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}/healthz", server.server_addr().to_ip().unwrap());
        let answer = Arc::new(Mutex::new(Answer {
            status,
            body,
            delay: Duration::ZERO,
        }));
        let (s, a) = (server.clone(), answer.clone());
        thread::spawn(move || {
            for request in s.incoming_requests() {
                let now = a.lock().unwrap().clone();
                thread::spawn(move || {
                    thread::sleep(now.delay);
                    let _ = request.respond(
                        tiny_http::Response::from_string(now.body).with_status_code(now.status),
                    );
                });
            }
        });
        Http {
            url,
            answer,
            server,
        }
    }

    /// Answers `status` with `body` from now on.
    pub fn set(&self, status: u16, body: &'static str) {
        let mut a = self.answer.lock().unwrap();
        a.status = status;
        a.body = body;
    }

    /// Waits this long before each answer from now on.
    pub fn delay(&self, delay: Duration) {
        self.answer.lock().unwrap().delay = delay;
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// A listener that accepts connections and never answers; kept open while it lives.
pub fn silent() -> (TcpListener, String) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/healthz", l.local_addr().unwrap());
    (l, url)
}

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Runs `statuspress probe --root ROOT --now NOW` with retries waiting 10 ms.
pub fn probe(root: &std::path::Path, now: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuspress"))
        .args(["probe", "--root", root.to_str().unwrap(), "--now", now])
        .env("STATUSPRESS_PROBE_BACKOFF_MS", "10")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}
