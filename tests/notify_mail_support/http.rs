//! An HTTP receiver on 127.0.0.1 that records every request and answers from a script.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The fields of a form body (`application/x-www-form-urlencoded`), decoded.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }

    /// The decoded value of form field `name`.
    pub fn field(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// A running receiver: its address and the requests so far.
pub struct Receiver {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Receiver {
    /// Answers the n-th request with the n-th `(status, body)` of `script`, and every later one
    /// with the last; a 3xx answer points elsewhere with `Location`.
    pub fn start(script: Vec<(u16, &'static str)>) -> Receiver {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        thread::spawn(move || {
            // Bounded: no test sends more than a handful of requests.
            for n in 0..32 {
                let Ok(mut request) = server.recv() else {
                    return;
                };
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                recorded.lock().unwrap().push(Request {
                    method: request.method().to_string(),
                    path: request.url().to_owned(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.as_str().to_owned(),
                            )
                        })
                        .collect(),
                    body,
                });
                let (status, text) = script[n.min(script.len() - 1)];
                let mut response = tiny_http::Response::from_string(text)
                    .with_status_code(status)
                    .with_header(
                        "Content-Type: application/json"
                            .parse::<tiny_http::Header>()
                            .unwrap(),
                    );
                if (300..400).contains(&status) {
                    response.add_header(
                        "Location: https://moved.example/api/v1/statuses"
                            .parse::<tiny_http::Header>()
                            .unwrap(),
                    );
                }
                let _ = request.respond(response);
            }
        });
        Receiver { base, requests }
    }

    /// The requests received, waiting up to two seconds for `n` of them.
    pub fn requests(&self, n: usize) -> Vec<Request> {
        for _ in 0..200 {
            if self.requests.lock().unwrap().len() >= n {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        self.requests.lock().unwrap().clone()
    }
}
