//! End to end in a real browser: headless Chromium, driven over the Chrome DevTools Protocol,
//! shows `statuspress serve` reloading the page by itself after a save, shows the error
//! overlay, and takes screenshots of the index in light and dark mode.
//!
//! Screenshots are kept in `target/test-artifacts/` (under `CARGO_TARGET_DIR` when set).
//! Without Chromium the test fails when `CI=true` and is reported as skipped otherwise: this
//! file has its own small runner (`harness = false`) so that a skip shows as `skipped` with its
//! reason in the test output, never as `ok`.

mod common;
mod serve_support;

use base64::Engine;
use common::{NOW, TempSite};
use serde_json::{Value, json};
use serve_support::{Served, request};
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

const INCIDENT: &str = "incidents/2026-11-23-builds-queued.md";
const OLD_TITLE: &str = "Builds queued longer than usual";
const NEW_TITLE: &str = "Builds are queued (edited on disk)";

/// The Chromium binary: `$CHROMIUM`, else Debian's `/usr/bin/chromium`, else `chromium` on PATH.
fn find_chromium() -> Option<PathBuf> {
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
struct Chromium {
    child: Child,
    _profile: tempfile::TempDir,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Chromium {
    fn launch(binary: &Path) -> Chromium {
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
    fn page(&self) -> Cdp {
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
        Cdp { ws, next_id: 0 }
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
struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Cdp {
    /// Calls a method and returns its result; events in between are skipped.
    fn call(&mut self, method: &str, params: Value) -> Value {
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
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is `true`, or panics with `what` after `timeout`.
    fn wait_for(&mut self, expression: &str, timeout: Duration, what: &str) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.eval(expression) == Value::Bool(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: `{expression}` not true within {timeout:?}; page text: {}",
                self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''")
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the whole page.
    fn screenshot(&mut self) -> Vec<u8> {
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(900.0);
        let shot = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": 1280, "height": height.ceil(), "scale": 1 }
            }),
        );
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }

    fn color_scheme(&mut self, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }
}

/// Where screenshots are kept: `target/test-artifacts/` (or under `CARGO_TARGET_DIR`).
fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn save_png(name: &str, png: &[u8]) -> PathBuf {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is not a PNG");
    assert!(png.len() > 2000, "{name} is suspiciously small");
    let path = artifacts_dir().join(name);
    fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

/// What a test that ran to its end says: `Err` carries the reason it was skipped.
type Ran = Result<(), String>;

/// A test of this file: its name and its body.
type Test = (&'static str, fn() -> Ran);

/// A skip outside CI; a failure under `CI=true`, where every test must run.
fn skip(msg: &str) -> Ran {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{msg}; the browser tests must run in CI");
    Err(msg.to_string())
}

fn the_browser_reloads_by_itself_after_a_save_and_shows_errors() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    );
    let url = format!("http://{}/", served.addr);
    page.call("Page.navigate", json!({ "url": url }));
    page.wait_for(
        &format!(
            "document.readyState === 'complete' && document.body.innerText.includes({})",
            json!(OLD_TITLE)
        ),
        Duration::from_secs(30),
        "the index loads",
    );
    assert!(
        page.eval("document.title")
            .as_str()
            .unwrap()
            .starts_with("Northwind Cloud Status")
    );

    // Light and dark screenshots of the index.
    page.color_scheme("light");
    let light_bg = page.eval("getComputedStyle(document.body).backgroundColor");
    let light = save_png("serve-index-light.png", &page.screenshot());
    page.color_scheme("dark");
    let dark_bg = page.eval("getComputedStyle(document.body).backgroundColor");
    let dark = save_png("serve-index-dark.png", &page.screenshot());
    assert_eq!(light_bg, json!("rgb(255, 255, 255)"));
    assert_eq!(dark_bg, json!("rgb(13, 17, 23)"));
    assert_ne!(fs::read(light).unwrap(), fs::read(dark).unwrap());
    page.color_scheme("light");

    // A marker that only survives if the page is never reloaded.
    page.eval("window.__statuspressMarker = 'before the save'");
    let text = fs::read_to_string(site.path().join(INCIDENT)).unwrap();
    site.write(INCIDENT, &text.replace(OLD_TITLE, NEW_TITLE));
    page.wait_for(
        &format!(
            "window.__statuspressMarker === undefined && document.readyState === 'complete' && document.body.innerText.includes({})",
            json!(NEW_TITLE)
        ),
        Duration::from_secs(20),
        "the page reloads by itself with the new title",
    );
    assert_eq!(
        page.eval("performance.getEntriesByType('navigation')[0].type"),
        json!("reload")
    );
    assert_eq!(
        page.eval(&format!(
            "document.body.innerText.includes({})",
            json!(OLD_TITLE)
        )),
        json!(false)
    );

    // A mistake shows up as an overlay over the last good page; fixing it clears it.
    page.eval("window.__statuspressMarker = 'before the mistake'");
    let good = fs::read_to_string(site.path().join(INCIDENT)).unwrap();
    site.write(
        INCIDENT,
        &good.replace("impact = \"minor\"", "impact = \"tiny\""),
    );
    page.wait_for(
        "!!document.getElementById('statuspress-errors') && window.__statuspressMarker === undefined",
        Duration::from_secs(20),
        "the overlay appears",
    );
    let overlay = page.eval("document.getElementById('statuspress-errors').innerText");
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains(&format!("{INCIDENT}:3:10: error: unknown impact `tiny`")),
        "{overlay}"
    );
    assert_eq!(
        page.eval(&format!(
            "document.body.innerText.includes({})",
            json!(NEW_TITLE)
        )),
        json!(true),
        "the last good site is still shown under the overlay"
    );
    save_png("serve-overlay.png", &page.screenshot());
    site.write(INCIDENT, &good);
    page.wait_for(
        "document.readyState === 'complete' && !document.getElementById('statuspress-errors') && document.body.innerText.length > 0",
        Duration::from_secs(20),
        "the overlay goes away",
    );
    drop(page);
    drop(browser);
    Ok(())
}

/// axe-core's script: `AXE_CORE_JS`, or where `.ci/run` installs it.
fn find_axe() -> Option<PathBuf> {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .or_else(|| Some(common::repo().join("target/ci-tools/node_modules/axe-core/axe.min.js")))
        .filter(|p| p.exists())
}

fn pages_pass_an_axe_core_accessibility_audit_in_light_and_dark() -> Ran {
    let (Some(chromium), Some(axe)) = (find_chromium(), find_axe()) else {
        return skip(
            "chromium or axe-core not found (.ci/run installs both; or set CHROMIUM and AXE_CORE_JS)",
        );
    };
    let axe_js = std::fs::read_to_string(&axe).unwrap();
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let mut problems = Vec::new();
    for path in [
        "/",
        "/incidents/2026-07-08-storage-outage-eu-central/",
        "/maintenance/2026-10-14-database-upgrade/",
        "/components/api/",
        "/history/",
        "/history/2026/11/",
        "/stats/",
        "/embed/",
        "/does-not-exist",
    ] {
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            page.call(
                "Page.navigate",
                json!({ "url": format!("http://{}{path}", served.addr) }),
            );
            page.wait_for(
                "document.readyState === 'complete' && !!document.querySelector('main, body')",
                Duration::from_secs(30),
                "the page loads",
            );
            page.eval(&axe_js);
            let result = page.call(
                "Runtime.evaluate",
                json!({
                    "expression": "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then(r => ({ passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')) }))",
                    "awaitPromise": true,
                    "returnByValue": true,
                }),
            );
            assert!(
                result.get("exceptionDetails").is_none(),
                "axe failed on {path}: {result}"
            );
            let report = &result["result"]["value"];
            // The audit really ran: it passed a good number of rules on the page.
            assert!(
                report["passes"].as_u64().unwrap_or(0) >= 10,
                "axe did not run on {path}: {result}"
            );
            for v in report["violations"]
                .as_array()
                .expect("a list of violations")
            {
                problems.push(format!(
                    "{path} [{scheme}]: {}",
                    v.as_str().unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "accessibility violations:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Runs the tests above, each named by a substring filter on the command line when one is
/// given, and prints each outcome and a closing `N passed, N failed, N skipped` line.
fn main() -> std::process::ExitCode {
    let tests: [Test; 2] = [
        (
            "the_browser_reloads_by_itself_after_a_save_and_shows_errors",
            the_browser_reloads_by_itself_after_a_save_and_shows_errors,
        ),
        (
            "pages_pass_an_axe_core_accessibility_audit_in_light_and_dark",
            pages_pass_an_axe_core_accessibility_audit_in_light_and_dark,
        ),
    ];
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, test) in tests {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match std::panic::catch_unwind(test) {
            Ok(Ok(())) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Ok(Err(reason)) => {
                skipped += 1;
                println!("test {name} ... skipped: {reason}");
            }
            Err(_) => {
                failed += 1;
                println!("test {name} ... FAILED");
            }
        }
    }
    println!("browser: {passed} passed, {failed} failed, {skipped} skipped");
    if failed == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
