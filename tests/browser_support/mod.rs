//! Driving headless Chromium over the Chrome DevTools Protocol for the browser tests, and
//! finding the tools they need (Chromium, axe-core) and the folder their screenshots go to.
#![allow(dead_code, reason = "each test file uses a different subset")]

use crate::serve_support::request;
use base64::Engine;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// The Chromium binary: `$CHROMIUM`, else Debian's `/usr/bin/chromium`, else `chromium` on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let debian = PathBuf::from("/usr/bin/chromium");
    if debian.exists() {
        return Some(debian);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("chromium"))
            .find(|p| p.exists())
    })
}

/// A headless Chromium in its own process group, killed (with its helpers) on drop.
pub struct Chromium {
    child: Child,
    _profile: tempfile::TempDir,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Chromium {
    pub fn launch(binary: &Path) -> Chromium {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = stderr.clone();
            let pipe = child.stderr.take().unwrap();
            thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let mut s = stderr.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            });
        }
        // Chromium writes the port it picked into the profile folder.
        let port_file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(60);
        let port = loop {
            if let Some(port) = fs::read_to_string(&port_file)
                .ok()
                .and_then(|t| t.lines().next()?.trim().parse().ok())
            {
                break port;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("chromium exited with {status}:\n{}", stderr.lock().unwrap());
            }
            assert!(
                Instant::now() < deadline,
                "chromium did not open its DevTools port:\n{}",
                stderr.lock().unwrap()
            );
            thread::sleep(Duration::from_millis(50));
        };
        Chromium {
            child,
            _profile: profile,
            port,
            stderr,
        }
    }

    /// Connects to the first page target.
    pub fn page(&self) -> Cdp {
        let addr = format!("127.0.0.1:{}", self.port);
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = loop {
            let list: Value = serde_json::from_slice(&request(&addr, "GET", "/json/list").body)
                .unwrap_or(Value::Null);
            let page = list.as_array().and_then(|targets| {
                targets
                    .iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str())
                    .map(str::to_string)
            });
            if let Some(url) = page {
                break url;
            }
            assert!(Instant::now() < deadline, "no page target: {list}");
            thread::sleep(Duration::from_millis(100));
        };
        let (ws, _) = tungstenite::connect(url.as_str())
            .unwrap_or_else(|e| panic!("DevTools websocket {url}: {e}"));
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        Cdp {
            ws,
            next_id: 0,
            in_flight: None,
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // The whole group: the launcher script, the browser and its helper processes.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!("chromium stderr:\n{}", self.stderr.lock().unwrap());
        }
    }
}

/// A DevTools Protocol session with one page.
pub struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// The page's requests that have not finished loading, by request id, once
    /// [`Cdp::record_requests`] has been called.
    in_flight: Option<BTreeMap<String, InFlight>>,
}

/// A request of the page that has not finished loading.
struct InFlight {
    method: String,
    url: String,
    sent: Instant,
    /// The status of its response, once the headers have arrived.
    status: Option<u64>,
}

impl Cdp {
    /// Calls a method and returns its result; events in between are skipped.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params });
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        loop {
            let reply = self.ws.read().unwrap_or_else(|e| panic!("{method}: {e}"));
            let Message::Text(text) = reply else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
            self.note(&v);
        }
    }

    /// From now on, keeps track of the page's requests that have not finished loading (the
    /// Network domain's events, read as they arrive between calls), for
    /// [`Cdp::requests_in_flight`] and the message of a [`Cdp::wait_for`] that times out.
    pub fn record_requests(&mut self) {
        if self.in_flight.is_none() {
            self.call("Network.enable", json!({}));
            self.in_flight = Some(BTreeMap::new());
        }
    }

    /// The page's requests that have not finished loading, oldest first, e.g.
    /// `GET http://127.0.0.1:41234/times.js: sent 10.0s ago, no response`; empty when
    /// [`Cdp::record_requests`] was not called.
    pub fn requests_in_flight(&self) -> Vec<String> {
        let mut list: Vec<&InFlight> = self.in_flight.iter().flat_map(|m| m.values()).collect();
        list.sort_by_key(|r| r.sent);
        list.iter()
            .map(|r| {
                let response = r.status.map_or("no response".to_string(), |s| {
                    format!("status {s} received, body not finished")
                });
                format!(
                    "{} {}: sent {:.1?} ago, {response}",
                    r.method,
                    r.url,
                    r.sent.elapsed()
                )
            })
            .collect()
    }

    /// Follows a request of the page through the Network domain's events.
    fn note(&mut self, event: &Value) {
        let (Some(in_flight), Some(method)) = (self.in_flight.as_mut(), event["method"].as_str())
        else {
            return;
        };
        let params = &event["params"];
        let id = params["requestId"].as_str().unwrap_or_default().to_string();
        match method {
            "Network.requestWillBeSent" => {
                let request = &params["request"];
                let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
                in_flight.insert(
                    id,
                    InFlight {
                        method: text(&request["method"]),
                        url: text(&request["url"]),
                        sent: Instant::now(),
                        status: None,
                    },
                );
            }
            "Network.responseReceived" => {
                if let Some(r) = in_flight.get_mut(&id) {
                    r.status = params["response"]["status"].as_u64();
                }
            }
            "Network.loadingFinished" | "Network.loadingFailed" => {
                in_flight.remove(&id);
            }
            _ => {}
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is `true`; false when `timeout` passes first.
    pub fn wait_until(&mut self, expression: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.eval(expression) == Value::Bool(true) {
                return true;
            }
            thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Evaluates `expression` until it is `true`, or panics with `what` after `timeout`.
    pub fn wait_for(&mut self, expression: &str, timeout: Duration, what: &str) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.eval(expression) == Value::Bool(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: `{expression}` not true within {timeout:?}; ready state {}, images still loading {}, requests in flight {:?}; page text: {}",
                self.eval("document.readyState"),
                self.eval(
                    "[...document.images].filter(i => !i.complete).map(i => i.src).join(' ')"
                ),
                self.requests_in_flight(),
                self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''")
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the whole page, as wide as the viewport (or the page, if it is wider).
    pub fn screenshot(&mut self) -> Vec<u8> {
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let size = |key: &str, side: &str| metrics[key][side].as_f64().unwrap_or(0.0);
        let width = size("cssContentSize", "width").max(size("cssLayoutViewport", "clientWidth"));
        let height = size("cssContentSize", "height").max(1.0);
        let shot = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width.ceil(), "height": height.ceil(), "scale": 1 }
            }),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }

    /// Lays the page out in a window `width` CSS pixels wide, as a phone does (touch, the
    /// page's viewport meta tag, overlay scrollbars) below 800 pixels.
    pub fn viewport(&mut self, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800 }),
        );
    }

    /// Clicks the middle of the first element matching `selector` with the mouse, as a reader
    /// does (the element must be visible there, not covered by another).
    pub fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(function () {{ var e = document.querySelector({}); if (!e) return null; e.scrollIntoView({{ block: 'center' }}); var r = e.getBoundingClientRect(); var x = r.left + r.width / 2, y = r.top + r.height / 2; var top = document.elementFromPoint(x, y); return top && (top === e || e.contains(top)) ? [x, y] : null; }})()",
            json!(selector)
        ));
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            panic!("no visible {selector} to click: {at}");
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// The boxes `[left, right, top, bottom]` of the `::before` and `::after` of the first element
    /// matching `selector`, as Chromium laid them out (`DOM.getBoxModel`, in the page's CSS
    /// pixels, as `getBoundingClientRect` measures them while the page is not zoomed), which
    /// scripts cannot measure; `None` for one the element does not have.
    pub fn pseudo_boxes(&mut self, selector: &str) -> [Option<[f64; 4]>; 2] {
        let document = self.call("DOM.getDocument", json!({ "depth": -1 }));
        let found = self.call(
            "DOM.querySelector",
            json!({ "nodeId": document["root"]["nodeId"], "selector": selector }),
        );
        let id = &found["nodeId"];
        assert!(id.as_u64().is_some_and(|n| n > 0), "no {selector}");
        fn find<'a>(node: &'a Value, id: &Value) -> Option<&'a Value> {
            if &node["nodeId"] == id {
                return Some(node);
            }
            let children = node["children"].as_array().into_iter().flatten();
            children.filter_map(|c| find(c, id)).next()
        }
        let node = find(&document["root"], id).unwrap_or_else(|| panic!("{selector} in the tree"));
        ["before", "after"].map(|kind| {
            let pseudo = (node["pseudoElements"].as_array().into_iter().flatten())
                .find(|p| p["pseudoType"] == kind)?;
            let model = self.call("DOM.getBoxModel", json!({ "nodeId": pseudo["nodeId"] }));
            let quad: Vec<f64> = (model["model"]["border"].as_array().into_iter().flatten())
                .filter_map(Value::as_f64)
                .collect();
            let (xs, ys) = (quad.iter().step_by(2), quad.iter().skip(1).step_by(2));
            let (min, max) = (f64::INFINITY, f64::NEG_INFINITY);
            Some([
                xs.clone().fold(min, |a, &b| a.min(b)),
                xs.fold(max, |a, &b| a.max(b)),
                ys.clone().fold(min, |a, &b| a.min(b)),
                ys.fold(max, |a, &b| a.max(b)),
            ])
        })
    }

    pub fn color_scheme(&mut self, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }
}

/// Where screenshots are kept: `target/test-artifacts/` (or under `CARGO_TARGET_DIR`).
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts");
    fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn save_png(name: &str, png: &[u8]) -> PathBuf {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is not a PNG");
    assert!(png.len() > 2000, "{name} is suspiciously small");
    let path = artifacts_dir().join(name);
    fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

/// axe-core's script: `AXE_CORE_JS`, or where `.ci/run` installs it.
pub fn find_axe() -> Option<PathBuf> {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .or_else(|| {
            Some(crate::common::repo().join("target/ci-tools/node_modules/axe-core/axe.min.js"))
        })
        .filter(|p| p.exists())
}
