//! `statuspress serve`, run as a real process on an ephemeral port against a temporary copy of
//! the example site.

mod common;
mod serve_support;

use common::{NOW, TempSite};
use serve_support::{Served, request};
use std::fs;
use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

const INCIDENT: &str = "incidents/2026-11-20-api-error-rates.md";
const INCIDENT_PAGE: &str = "/incidents/2026-11-20-api-error-rates/";
const OLD_TITLE: &str = "Elevated error rates on the API";
const WAIT: Duration = Duration::from_secs(10);

fn serve(site: &TempSite) -> Served {
    Served::start(site.path(), &["--now", NOW])
}

/// Saves like many editors do: write a temporary file beside the target, then rename it over.
fn save(site: &TempSite, rel: &str, text: &str) {
    let target = site.path().join(rel);
    let tmp = target.with_file_name(format!(
        ".{}.tmp",
        target.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, &target).unwrap();
}

fn incident_text(site: &TempSite) -> String {
    fs::read_to_string(site.path().join(INCIDENT)).unwrap()
}

#[test]
fn serves_pages_and_files_with_their_content_types() {
    let site = TempSite::example();
    for (name, text) in [
        ("app.js", "console.log(1)"),
        ("extra.css", "body{}"),
        ("status.json", "{}"),
        ("calendar.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        ("feed.atom", "<feed></feed>"),
        ("feed.rss", "<rss></rss>"),
        ("site.webmanifest", "{}"),
        ("page.xml", "<x></x>"),
    ] {
        site.write(&format!("static/{name}"), text);
    }
    let served = serve(&site);
    let index = served.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(index.header("cache-control"), Some("no-store"));
    let body = index.text();
    assert!(body.contains("<title>Northwind Cloud Status"));
    let script = body
        .find("<script data-statuspress-reload>")
        .expect("reload script");
    assert!(
        script < body.rfind("</body>").unwrap(),
        "script before </body>"
    );
    assert!(body.contains(r#"new URL("__statuspress/events", location.href)"#));
    let deep = served.get(INCIDENT_PAGE).text();
    assert!(deep.contains(r#"new URL("../../__statuspress/events", location.href)"#));
    // The preview reloads by itself: the published pages' refresh script is left out, the
    // stamp stays.
    let embed = served.get("/embed/").text();
    for page in [&body, &embed] {
        assert!(
            page.contains("<p class=\"stamp\">Updated <time datetime=\"2026-11-23T12:00:00Z\"")
        );
        assert!(page.contains(" data-built=\"2026-11-23T12:00:00Z\" "));
        assert!(!page.contains("data-statuspress-refresh"));
    }

    for (path, kind) in [
        ("/favicon.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/extra.css", "text/css; charset=utf-8"),
        ("/status.json", "application/json"),
        ("/calendar.ics", "text/calendar; charset=utf-8"),
        ("/feed.atom", "application/atom+xml"),
        ("/feed.rss", "application/rss+xml"),
        ("/site.webmanifest", "application/manifest+json"),
        ("/page.xml", "application/xml"),
    ] {
        let r = served.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(kind), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        assert!(
            !r.text().contains("statuspress-reload"),
            "{path} got the script"
        );
    }
    assert_eq!(served.get("/feed.atom").text(), "<feed></feed>");
    assert_eq!(
        served.get("/calendar.ics").text(),
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn folders_redirect_to_their_slash_and_missing_pages_get_the_sites_404() {
    let site = TempSite::example();
    let served = serve(&site);
    let r = served.get("/history");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("history/"));
    let r = served.get("/incidents/2026-11-20-api-error-rates?x=1");
    assert_eq!(r.status, 302);
    assert_eq!(
        r.header("location"),
        Some("2026-11-20-api-error-rates/?x=1")
    );
    let r = served.get("/history/");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("History"));
    assert_eq!(served.get("/index.html").status, 200);

    let r = served.get("/no/such/page");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let body = r.text();
    assert!(body.contains("<h1>Page not found</h1>"), "{body}");
    assert!(body.contains(r#"new URL("../../__statuspress/events", location.href)"#));
}

#[test]
fn head_sends_the_headers_of_get_without_a_body() {
    let site = TempSite::example();
    let served = serve(&site);
    let get = served.get("/");
    let head = request(&served.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(request(&served.addr, "HEAD", "/nope").status, 404);
    let post = request(&served.addr, "POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn traversal_attempts_are_refused_and_never_show_files() {
    let site = TempSite::example();
    let served = serve(&site);
    for target in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/",
        "/%2e%2e/statuspress.toml",
        "/..%2fstatuspress.toml",
        "/history/..%2f..%2fstatuspress.toml",
        "/..%5cstatuspress.toml",
        "/%2fetc/passwd",
        "//etc/passwd",
        "/static/../components.toml",
        "/%00",
        "/favicon.svg%00.html",
    ] {
        let r = served.get(target);
        assert!(
            matches!(r.status, 400 | 403 | 404),
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("base_url") && !body.contains("[package]") && !body.contains("root:"),
            "{target} leaked a file: {body}"
        );
    }
    assert_eq!(served.get("/statuspress.toml").status, 404);
    assert_eq!(served.get("/components.toml").status, 404);
}

#[test]
fn a_saved_incident_is_served_before_browsers_are_told_to_reload() {
    let site = TempSite::example();
    let served = serve(&site);
    assert!(served.get(INCIDENT_PAGE).text().contains(OLD_TITLE));
    let mut events = served.events();
    assert!(events.head.starts_with("HTTP/1.1 200"), "{}", events.head);
    assert!(events.head.contains("Content-Type: text/event-stream"));
    let first = events
        .next_build(WAIT)
        .expect("the current build on connect");

    let started = Instant::now();
    save(
        &site,
        INCIDENT,
        &incident_text(&site).replace(OLD_TITLE, "Write errors on the API (edited)"),
    );
    let second = events
        .next_build(WAIT)
        .expect("a build event after the save");
    assert_ne!(first, second);
    // The event comes only after the new site is in place: no polling needed.
    let page = served.get(INCIDENT_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Write errors on the API (edited)"));
    assert!(!page.text().contains(OLD_TITLE));
    assert!(page.text().contains(&format!(r#"var token = "{second}";"#)));
    assert!(started.elapsed() < WAIT);
    served.wait_for_stdout(&format!("changed {INCIDENT}: rebuilt "), WAIT);

    // A client that connects later gets the new token at once, so a page it missed reloads.
    let mut late = served.events();
    assert_eq!(late.next_build(WAIT), Some(second));
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let site = TempSite::example();
    let served = serve(&site);
    let good = incident_text(&site);
    let broken = good.replace("impact = \"major\"", "impact = \"huge\"");
    assert_ne!(good, broken);

    // The expected diagnostic, as `check` prints it.
    let checker = TempSite::example();
    checker.write(INCIDENT, &broken);
    let check = checker.run(&["check"]);
    let expected = common::stderr(&check).lines().next().unwrap().to_string();
    assert_eq!(
        expected,
        format!("{INCIDENT}:3:10: error: unknown impact `huge`")
    );

    save(&site, INCIDENT, &broken);
    let index = served.get_until("/", WAIT, |r| r.text().contains("statuspress-errors"));
    assert_eq!(index.status, 200);
    let body = index.text();
    assert!(body.contains(&format!(
        "<code style=\"font:inherit;font-weight:bold\">{INCIDENT}:3:10</code>: error: unknown impact `huge`"
    )));
    assert!(body.contains("help: expected one of: none, minor, major, critical"));
    // Still the last good site underneath, on every page.
    let page = served.get(INCIDENT_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(OLD_TITLE));
    assert!(page.text().contains("statuspress-errors"));
    assert!(
        served
            .get("/history/")
            .text()
            .contains("statuspress-errors")
    );
    assert!(served.get("/nope").text().contains("statuspress-errors"));
    assert!(
        !served
            .get("/sitemap.xml")
            .text()
            .contains("statuspress-errors")
    );
    // The terminal shows the same error.
    served.wait_for_stderr(&expected, WAIT);

    save(
        &site,
        INCIDENT,
        &good.replace(OLD_TITLE, "Error rates on the API (fixed)"),
    );
    let page = served.get_until(INCIDENT_PAGE, WAIT, |r| {
        !r.text().contains("statuspress-errors")
    });
    assert!(page.text().contains("Error rates on the API (fixed)"));
    assert!(!served.get("/").text().contains("statuspress-errors"));
    served.wait_for_stdout("the errors are fixed", WAIT);
}

#[test]
fn a_failing_first_build_serves_the_errors_and_recovers() {
    let site = TempSite::new();
    site.write(
        "components.toml",
        "[[component]]\nid = \"api\"\nnam = \"API\"\n",
    );
    let served = serve(&site);
    let r = served.get("/");
    assert_eq!(r.status, 500);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let body = r.text();
    assert!(body.contains("the site does not build"), "{body}");
    assert!(body.contains("components.toml:3:1"), "{body}");
    assert!(body.contains("statuspress-reload"));
    served.wait_for_stderr("components.toml:3:1: error:", WAIT);

    site.write("components.toml", common::COMPONENTS);
    let r = served.get_until("/", WAIT, |r| r.status == 200);
    assert!(r.text().contains("<title>Acme Status"));
    assert!(!r.text().contains("statuspress-errors"));
}

#[test]
fn an_explicitly_given_busy_port_fails_before_building() {
    let site = TempSite::example();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let started = Instant::now();
    let out = site.run(&["serve", "--port", &port, "--now", NOW]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: cannot listen on 127.0.0.1:{port}: the port is already in use\n  help: "
        )),
        "{err}"
    );
    assert!(err.contains("--port"));
    assert!(!common::stdout(&out).contains("rebuilt"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn output_git_and_scratch_files_are_ignored_and_a_burst_rebuilds_once() {
    let site = TempSite::example();
    let served = serve(&site);
    let before = served.rebuilds();
    assert_eq!(before, 1);
    site.write("public/index.html", "stale build output");
    site.write("public/incidents/x/index.html", "x");
    site.write(".git/index", "git");
    site.write("incidents/.2026-11-20-api-error-rates.md.swp", "swap");
    site.write("incidents/2026-11-20-api-error-rates.md~", "backup");
    site.write("incidents/#draft.md#", "autosave");
    thread::sleep(Duration::from_millis(1200));
    assert_eq!(served.rebuilds(), before, "{}", served.stdout());
    assert!(!served.get("/").text().contains("stale build output"));

    // A burst, like a `git checkout` touching many files: one rebuild.
    for i in 0..20 {
        site.write(
            &format!("incidents/burst/2026-01-{:02}-burst.md", i + 1),
            &format!(
                "+++\ntitle = \"Burst {i}\"\nstarted = 2026-01-{:02}T10:00:00Z\nresolved = 2026-01-{:02}T11:00:00Z\naffected = [\"api\"]\n+++\n",
                i + 1,
                i + 1
            ),
        );
    }
    served.get_until("/incidents/2026-01-20-burst/", WAIT, |r| r.status == 200);
    thread::sleep(Duration::from_millis(800));
    // One rebuild; a second only if this thread stalled for longer than the quiet period
    // between two writes (a loaded CI machine). The exact collapsing is unit-tested in watch.rs.
    let after = served.rebuilds();
    assert!(
        (before + 1..=before + 2).contains(&after),
        "{after} rebuilds for one burst:\n{}",
        served.stdout()
    );
    served.wait_for_stdout("changed incidents/burst", WAIT);

    // Renaming a folder is seen too.
    fs::rename(
        site.path().join("incidents/burst"),
        site.path().join("incidents/renamed"),
    )
    .unwrap();
    fs::remove_dir_all(site.path().join("incidents/renamed")).unwrap();
    served.get_until("/incidents/2026-01-20-burst/", WAIT, |r| r.status == 404);
}

#[test]
fn event_streams_do_not_hold_up_other_requests() {
    let site = TempSite::example();
    let served = serve(&site);
    let streams: Vec<_> = (0..8).map(|_| served.events()).collect();
    let started = Instant::now();
    let workers: Vec<_> = (0..16)
        .map(|i| {
            let addr = served.addr.clone();
            thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/history/" };
                request(&addr, "GET", path).status
            })
        })
        .collect();
    for w in workers {
        assert_eq!(w.join().unwrap(), 200);
    }
    assert!(started.elapsed() < WAIT);
    drop(streams);
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = TempSite::example();
    let mut served = serve(&site);
    let _stream = served.events();
    assert_eq!(served.get("/").status, 200);
    let status = served.interrupt();
    assert!(status.success(), "{status}");
    served.wait_for_stdout(
        "Stopped.
",
        WAIT,
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn polling_sees_changes_too() {
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW, "--poll"]);
    save(
        &site,
        INCIDENT,
        &incident_text(&site).replace(OLD_TITLE, "Seen by polling"),
    );
    let page = served.get_until(INCIDENT_PAGE, WAIT, |r| {
        r.text().contains("Seen by polling")
    });
    assert_eq!(page.status, 200);
}

#[test]
fn without_a_fixed_clock_a_maintenance_window_opens_while_serving() {
    let site = TempSite::example();
    let start = chrono::Utc::now() + chrono::Duration::seconds(4);
    let end = start + chrono::Duration::hours(1);
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    site.write(
        "maintenance/soon.md",
        &format!(
            "+++\ntitle = \"Window opening soon\"\nstart = {}\nend = {}\naffected = [\"api\"]\n+++\n## Scheduled — {}\nAnnounced.\n",
            fmt(start),
            fmt(end),
            (start - chrono::Duration::minutes(2)).format("%Y-%m-%d %H:%M UTC")
        ),
    );
    let served = Served::start(site.path(), &["--rebuild-every", "1"]);
    let page = "/maintenance/soon/";
    let mut events = served.events();
    let first = events.next_build(WAIT).unwrap();
    let before = served.get(page).text();
    assert!(
        before.contains(r#"content="Scheduled: Window opening soon""#),
        "{before}"
    );
    let after = served.get_until(page, Duration::from_secs(15), |r| {
        r.text()
            .contains(r#"content="In progress: Window opening soon""#)
    });
    assert_eq!(after.status, 200);
    // The status changed, so browsers are told to reload.
    let next = events
        .next_build(WAIT)
        .expect("a build event when the window opens");
    assert_ne!(first, next);
    served.wait_for_stdout("clock: rebuilt", WAIT);
}

/// Sends `raw` on a new connection and returns the status of the answer (0 when the server
/// closed the connection without one).
fn raw_status(addr: &str, raw: &[u8]) -> u16 {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    // Read while writing: the answer may come (and the connection close) before all is sent.
    let mut reader = s.try_clone().unwrap();
    let answer = thread::spawn(move || {
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer);
        answer
    });
    let _ = s.write_all(raw);
    let answer = answer.join().unwrap();
    let text = String::from_utf8_lossy(&answer);
    text.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn hostile_requests_are_bounded_and_the_server_keeps_serving() {
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    // A 10 MB request line is refused once 8 KiB have come, not read in full.
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(10 << 20));
    assert_eq!(raw_status(&served.addr, long.as_bytes()), 414);
    let many_headers = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        "X-Filler: aaaaaaaa\r\n".repeat(2000)
    );
    assert_eq!(raw_status(&served.addr, many_headers.as_bytes()), 431);
    assert_eq!(raw_status(&served.addr, b"HELLO\r\n\r\n"), 400);
    assert_eq!(
        raw_status(&served.addr, b"GET / HTTP/1.1\r\nno colon here\r\n\r\n"),
        400
    );
    // Connections past the limit get 503 at once instead of a thread each; a normal request
    // gets through again once the idle ones go away.
    let idle: Vec<std::net::TcpStream> = (0..80)
        .map(|_| std::net::TcpStream::connect(&served.addr).unwrap())
        .collect();
    thread::sleep(Duration::from_millis(500));
    let refused = idle
        .iter()
        .filter(|c| {
            use std::io::Read;
            c.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
            let mut buf = [0u8; 12];
            let mut reader: &std::net::TcpStream = c;
            matches!(reader.read(&mut buf), Ok(12) if &buf == b"HTTP/1.1 503")
        })
        .count();
    // 80 - 64 = 16 are over the limit; on a loaded machine the threads of the requests above may
    // still be closing and hold a few places, so a few more may be refused, never most.
    assert!((1..=20).contains(&refused), "{refused} of 80 refused");
    drop(idle);
    let page = served.get_until("/", Duration::from_secs(10), |r| r.status == 200);
    assert!(page.text().contains("<html"));
}

#[test]
fn an_idle_connection_is_closed_with_408_after_the_head_timeout() {
    use std::io::Read;
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    let mut s = std::net::TcpStream::connect(&served.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let started = Instant::now();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(25),
        "{waited:?}"
    );
}

/// A site of two languages: `/de/` is served from the same in-memory build, and saving a
/// translation rebuilds it and tells open pages to reload, as saving a post does.
#[test]
fn the_pages_of_another_language_are_served_and_reload_when_a_translation_is_saved() {
    let site = TempSite::example();
    let config = fs::read_to_string(site.path().join("statuspress.toml")).unwrap();
    site.write(
        "statuspress.toml",
        &config.replace("language = \"en\"", "languages = [\"en\", \"de\"]"),
    );
    let sibling = "incidents/2026-11-20-api-error-rates.de.md";
    site.write(sibling, "+++\ntitle = \"Fehler der API\"\n+++\n");
    let served = serve(&site);
    let page = served.get(&format!("/de{INCIDENT_PAGE}"));
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("<h1>Fehler der API</h1>"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains("/__statuspress/events"),
        "the reload script is added"
    );
    assert!(served.get("/de/").text().contains("<html lang=\"de\""));
    let mut events = served.events();
    let first = events
        .next_build(WAIT)
        .expect("the current build on connect");
    save(
        &site,
        sibling,
        "+++\ntitle = \"Schreibfehler der API\"\n+++\n",
    );
    let second = events
        .next_build(WAIT)
        .expect("a build event after the save");
    assert_ne!(first, second);
    let page = served.get(&format!("/de{INCIDENT_PAGE}"));
    assert!(
        page.text().contains("<h1>Schreibfehler der API</h1>"),
        "{}",
        page.text()
    );
    // A missing page of a language's folder gets the site's one 404 page.
    assert_eq!(served.get("/de/nothing-here/").status, 404);
}
