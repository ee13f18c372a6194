//! An HTTP server on 127.0.0.1 that answers each path from a table and records what it got.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the server answers at a path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status and a JSON body.
    Json(u16, String),
    /// A 302 to another path of this server.
    Redirect(&'static str),
    /// Nothing, for this long (then the connection closes).
    Stall(Duration),
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub user_agent: Option<String>,
}

/// A running server: its address and the requests so far.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Answers each path of `routes`; any other path is a 404.
    pub fn start(routes: Vec<(&'static str, Reply)>) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        thread::spawn(move || {
            // Bounded: no test sends more than a few requests.
            for _ in 0..32 {
                let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(30)) else {
                    return;
                };
                let path = request.url().to_owned();
                let user_agent = request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("User-Agent"))
                    .map(|h| h.value.as_str().to_owned());
                recorded.lock().unwrap().push(Request {
                    path: path.clone(),
                    user_agent,
                });
                let reply = routes
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, r)| r.clone());
                let _ = match reply {
                    Some(Reply::Json(status, body)) => request.respond(
                        tiny_http::Response::from_string(body)
                            .with_status_code(status)
                            .with_header(header("Content-Type: application/json")),
                    ),
                    Some(Reply::Redirect(to)) => request.respond(
                        tiny_http::Response::empty(302)
                            .with_header(header(&format!("Location: {to}"))),
                    ),
                    Some(Reply::Stall(how_long)) => {
                        thread::spawn(move || {
                            thread::sleep(how_long);
                            drop(request);
                        });
                        Ok(())
                    }
                    None => request.respond(tiny_http::Response::empty(404)),
                };
            }
        });
        Server { base, requests }
    }

    /// The requests so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn header(line: &str) -> tiny_http::Header {
    line.parse().unwrap()
}
