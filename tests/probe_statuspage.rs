//! The `statuspage` check against GitHub's captured `summary.json`, served on loopback with its
//! statuses and incidents changed per test; then `statuspress probe` with such a probe: the
//! `upstream.json` it keeps, the component page built from it, and `check` on a broken one.

mod common;
mod probe_support;
mod probe_support_checks;

use common::{NOW, TempSite, assert_ok, stderr};
use probe_support::probe;
use probe_support_checks::http::{Reply, Server};
use serde_json::Value;
use statuspress::probe::check::outcome::Verdict;
use statuspress::probe::check::statuspage::{Upstream, UpstreamIncident, check};
use std::time::{Duration, Instant};

const SUMMARY: &str = include_str!("fixtures/statuspage/github-summary.2026-07-31.json");
const INCIDENTS: &str = include_str!("fixtures/statuspage/github-incidents.2026-07-31.json");
const GIT_OPERATIONS: &str = "8l4ygp009s5s";

/// GitHub's summary with Git Operations at `status`.
fn summary(status: &str) -> Value {
    let mut s: Value = serde_json::from_str(SUMMARY).unwrap();
    let git = (s["components"].as_array_mut().unwrap().iter_mut())
        .find(|c| c["id"] == GIT_OPERATIONS)
        .unwrap();
    git["status"] = status.into();
    s
}

/// A real GitHub incident from the captured history, reopened (`identified`) on Git Operations.
fn open_incident(s: &Value) -> Value {
    let history: Value = serde_json::from_str(INCIDENTS).unwrap();
    let mut incident = history["incidents"][0].clone();
    incident["status"] = "identified".into();
    incident["impact"] = "major".into();
    let git = (s["components"].as_array().unwrap().iter())
        .find(|c| c["id"] == GIT_OPERATIONS)
        .unwrap();
    incident["components"] = Value::Array(vec![git.clone()]);
    incident
}

fn upstream(url: String, component: &str) -> Upstream {
    Upstream {
        url,
        component: component.into(),
        timeout: Duration::from_millis(800),
    }
}

fn serve(summary: &Value) -> Server {
    Server::start(vec![(
        "/api/v2/summary.json",
        Reply::Json(200, summary.to_string()),
    )])
}

#[test]
fn an_operational_component_passes() {
    let server = serve(&summary("operational"));
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Ok, "{o:?}");
    assert_eq!(o.outcome.detail, "upstream: operational");
    assert_eq!(o.outcome.warning, None);
    assert!(!o.unreachable);
    assert_eq!(o.upstream_status.as_deref(), Some("operational"));
    assert_eq!(o.upstream_name.as_deref(), Some("Git Operations"));
    assert!(o.incidents.is_empty());
    // The page's own address, from the summary.
    assert_eq!(o.page_url, "https://www.githubstatus.com");
    // A page address gets /api/v2/summary.json; the request says who asks.
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/api/v2/summary.json");
    assert_eq!(
        requests[0].user_agent.as_deref(),
        Some(concat!("statuspress-probe/", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn a_partial_outage_with_an_incident_is_down_with_the_incident() {
    let mut s = summary("partial_outage");
    let incident = open_incident(&s);
    s["incidents"] = Value::Array(vec![incident.clone()]);
    let server = serve(&s);
    let shortlink = incident["shortlink"].as_str().unwrap().to_owned();
    let name = incident["name"].as_str().unwrap().to_owned();
    let expected = vec![UpstreamIncident {
        name: name.clone(),
        url: Some(shortlink.clone()),
        status: "identified".into(),
        impact: "major".into(),
    }];
    // By name (any case), and by id: the same outcome.
    for wanted in ["git operations", GIT_OPERATIONS] {
        let o = check(&upstream(format!("{}/", server.base), wanted));
        assert_eq!(o.outcome.verdict, Verdict::Down, "{o:?}");
        assert_eq!(
            o.outcome.detail,
            format!("upstream: partial_outage ({name}: {shortlink})")
        );
        assert!(!o.unreachable);
        assert_eq!(o.upstream_status.as_deref(), Some("partial_outage"));
        assert_eq!(o.upstream_name.as_deref(), Some("Git Operations"));
        assert_eq!(o.incidents, expected);
    }
}

#[test]
fn an_incident_on_another_component_is_not_listed() {
    let mut s = summary("operational");
    let mut incident = open_incident(&s);
    incident["components"] = Value::Array(vec![s["components"][1].clone()]);
    s["incidents"] = Value::Array(vec![incident]);
    let server = serve(&s);
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Ok);
    assert!(o.incidents.is_empty(), "{:?}", o.incidents);
    let o = check(&upstream(server.base.clone(), "Webhooks"));
    assert_eq!(o.incidents.len(), 1, "it names Webhooks");
    assert!(
        o.outcome
            .warning
            .unwrap()
            .starts_with("upstream incident: ")
    );
}

#[test]
fn degraded_performance_is_slow_and_maintenance_passes_with_a_warning() {
    let server = serve(&summary("degraded_performance"));
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Slow);
    assert_eq!(o.outcome.detail, "upstream: degraded_performance");
    let server = serve(&summary("under_maintenance"));
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Ok);
    assert_eq!(
        o.outcome.warning.as_deref(),
        Some("upstream: under_maintenance")
    );
}

#[test]
fn a_summary_address_is_used_as_given() {
    let server = Server::start(vec![(
        "/mirror/github-summary.json",
        Reply::Json(200, summary("major_outage").to_string()),
    )]);
    let o = check(&upstream(
        format!("{}/mirror/github-summary.json", server.base),
        "API Requests",
    ));
    assert_eq!(
        o.outcome.verdict,
        Verdict::Ok,
        "API Requests is operational"
    );
    let o = check(&upstream(
        format!("{}/mirror/github-summary.json", server.base),
        "Git Operations",
    ));
    assert_eq!(o.outcome.verdict, Verdict::Down);
    assert_eq!(o.outcome.detail, "upstream: major_outage");
    assert_eq!(server.requests()[0].path, "/mirror/github-summary.json");
}

#[test]
fn an_unknown_component_is_down_with_close_names() {
    let server = serve(&summary("operational"));
    let o = check(&upstream(server.base.clone(), "Gti Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Down);
    assert!(!o.unreachable, "the page was read");
    assert_eq!(
        o.outcome.detail,
        "no component \"Gti Operations\" on GitHub's page; did you mean \"Git Operations\"?"
    );
    assert_eq!(o.upstream_status, None);
}

#[test]
fn an_error_from_the_provider_is_down_and_unreachable() {
    let server = Server::start(vec![(
        "/api/v2/summary.json",
        Reply::Json(500, "{\"error\":\"internal\"}".into()),
    )]);
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Down);
    assert!(o.unreachable);
    assert_eq!(
        o.outcome.detail,
        format!(
            "the provider's status page could not be read: HTTP 500 from {}/api/v2/summary.json",
            server.base
        )
    );
    assert_eq!(o.upstream_status, None);
    assert_eq!(
        o.page_url, server.base,
        "the address given, without the summary path"
    );
}

#[test]
fn an_answer_that_is_not_a_summary_is_unreachable() {
    let server = Server::start(vec![(
        "/api/v2/summary.json",
        Reply::Json(200, "<html>maintenance</html>".into()),
    )]);
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert!(o.unreachable);
    assert!(
        o.outcome.detail.contains("is not a Statuspage summary"),
        "{}",
        o.outcome.detail
    );
}

#[test]
fn a_provider_that_does_not_answer_is_unreachable_within_the_timeout() {
    let server = Server::start(vec![(
        "/api/v2/summary.json",
        Reply::Stall(Duration::from_secs(5)),
    )]);
    let started = Instant::now();
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    let took = started.elapsed();
    assert!(o.unreachable);
    assert_eq!(
        o.outcome.detail,
        format!(
            "the provider's status page could not be read: no answer from {}/api/v2/summary.json within 800 ms",
            server.base
        )
    );
    assert!(took < Duration::from_millis(1800), "took {took:?}");
}

#[test]
fn redirects_are_followed_up_to_five() {
    let s = summary("operational").to_string();
    let server = Server::start(vec![
        (
            "/api/v2/summary.json",
            Reply::Redirect("/moved/summary.json"),
        ),
        ("/moved/summary.json", Reply::Json(200, s)),
        ("/loop.json", Reply::Redirect("/loop.json")),
    ]);
    let o = check(&upstream(server.base.clone(), "Git Operations"));
    assert_eq!(o.outcome.verdict, Verdict::Ok, "{o:?}");
    let o = check(&upstream(
        format!("{}/loop.json", server.base),
        "Git Operations",
    ));
    assert!(o.unreachable);
    assert!(
        o.outcome.detail.ends_with("redirects more than 5 times"),
        "{}",
        o.outcome.detail
    );
    let loops = (server.requests().iter())
        .filter(|r| r.path == "/loop.json")
        .count();
    assert_eq!(loops, 6, "the first request and five redirects");
}

const UPSTREAM_JSON: &str = ".statuspress/probes/github/upstream.json";

/// A site whose probe `github` mirrors Git Operations at `server`.
fn site_watching(server: &Server) -> TempSite {
    let site = TempSite::new();
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"github\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"{}\"\nupstream_component = \"Git Operations\"\ntimeout_ms = 800\nretries = 0\n",
            server.base
        ),
    );
    site
}

fn read(site: &TempSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// What changes when a file is written again: its inode (a write renames a new file into
/// place), or elsewhere its modification time.
fn file_id(path: &std::path::Path) -> u128 {
    let meta = std::fs::metadata(path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        u128::from(meta.ino())
    }
    #[cfg(not(unix))]
    {
        let modified = meta.modified().unwrap();
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    }
}

fn run_probe(site: &TempSite, now: &str) {
    let out = probe(site.path(), now);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_run_keeps_what_it_read_in_upstream_json() {
    let mut s = summary("partial_outage");
    let incident = open_incident(&s);
    s["incidents"] = Value::Array(vec![incident.clone()]);
    let server = serve(&s);
    let site = site_watching(&server);
    run_probe(&site, NOW);
    let text = read(&site, UPSTREAM_JSON);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "checked_at": NOW,
            "component_name": "Git Operations",
            "status": "partial_outage",
            "incidents": [{
                "name": incident["name"], "status": "identified", "impact": "major",
                "url": incident["shortlink"]
            }],
            "more_incidents": 0
        })
    );
    // Keys in a fixed order, one incident per line, a final newline.
    let keys: Vec<usize> = [
        "checked_at",
        "component_name",
        "status",
        "incidents",
        "more",
    ]
    .iter()
    .map(|k| text.find(&format!("\"{k}")).unwrap())
    .collect();
    assert!(keys.is_sorted(), "{text}");
    assert_eq!(text.lines().count(), 9, "{text}");
    assert!(text.ends_with("}\n"));

    // The same answer at the same clock: the file is left as it is, not written again.
    let before = file_id(&site.path().join(UPSTREAM_JSON));
    run_probe(&site, NOW);
    assert_eq!(read(&site, UPSTREAM_JSON), text);
    assert_eq!(file_id(&site.path().join(UPSTREAM_JSON)), before);

    // A later run that cannot read the page says so, and keeps no incident.
    let broken = Server::start(vec![(
        "/api/v2/summary.json",
        Reply::Json(503, "{}".into()),
    )]);
    site.write(
        "probes.toml",
        &read(&site, "probes.toml").replace(&server.base, &broken.base),
    );
    run_probe(&site, "2026-11-23T12:05:00Z");
    assert_eq!(
        read(&site, UPSTREAM_JSON),
        "{\n  \"checked_at\": \"2026-11-23T12:05:00Z\",\n  \"component_name\": null,\n  \"status\": null,\n  \"incidents\": [],\n  \"more_incidents\": 0\n}\n"
    );

    // A probe of another kind keeps no upstream reading.
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"github\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"{}/api/v2/summary.json\"\nretries = 0\n",
            server.base
        ),
    );
    run_probe(&site, "2026-11-23T12:10:00Z");
    assert!(!site.path().join(UPSTREAM_JSON).exists());
    assert!(read(&site, ".statuspress/probes/github/samples.csv").contains("12:10:00Z"));
}

/// A built site whose probe read `incident` (changed by `change`) on Git Operations.
fn page_after_reading(change: impl Fn(&mut Value)) -> (String, String, Value) {
    let mut s = summary("major_outage");
    let mut incident = open_incident(&s);
    change(&mut incident);
    s["incidents"] = Value::Array(vec![incident.clone()]);
    let server = serve(&s);
    let site = site_watching(&server);
    run_probe(&site, NOW);
    assert_ok(&site.run(&["build"]));
    let page = site.read_output("components/api/index.html");
    (
        page,
        read(&site, ".statuspress/probes/github/samples.csv"),
        incident,
    )
}

#[test]
fn a_long_incident_name_is_still_linked_on_the_component_page() {
    let name = "Incident with Git Operations: pushes, pulls and clones over HTTPS and SSH fail \
                for some repositories in the EU while the storage cluster fails over";
    assert!(name.len() > 120);
    let (page, samples, incident) = page_after_reading(|i| i["name"] = name.into());
    // The sample's detail is cut at 120 characters; the page does not read it.
    assert!(
        samples.contains('…') && !samples.contains(name),
        "{samples}"
    );
    let shortlink = incident["shortlink"].as_str().unwrap();
    assert!(
        page.contains(
            "Upstream: <span class=\"tag st-major_outage\">Major outage</span> at <a href=\"http://127.0.0.1:"
        ),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "</a> (Git Operations): <a href=\"{shortlink}\" rel=\"external\">{name}</a> <small class=\"muted\">(read <time datetime=\"{NOW}\" title=\""
        )),
        "{page}"
    );
}

#[test]
fn an_incident_address_that_is_not_http_is_not_linked() {
    let (page, _, _) = page_after_reading(|i| {
        i["name"] = "Pushes <failing>".into();
        i["shortlink"] = "javascript:alert(document.cookie)".into();
    });
    assert!(
        page.contains("(Git Operations): Pushes &lt;failing&gt; <small"),
        "{page}"
    );
    assert!(!page.contains("javascript:"), "{page}");
}

#[test]
fn check_reports_a_malformed_upstream_json_with_its_line() {
    let server = serve(&summary("operational"));
    let site = site_watching(&server);
    run_probe(&site, NOW);
    assert_ok(&site.run(&["check"]));
    let good = read(&site, UPSTREAM_JSON);
    site.write(
        UPSTREAM_JSON,
        &good.replace("\"status\": \"operational\"", "\"status\": 3"),
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{UPSTREAM_JSON}:4:13: error: malformed upstream reading: invalid type: integer `3`, expected a string\n  help: this file is written by `statuspress probe` for a statuspage probe; restore it from git, or delete it and the next run writes it again"
        )),
        "{err}"
    );
    // The run checks nothing until it reads.
    let out = probe(site.path(), "2026-11-23T12:05:00Z");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("{UPSTREAM_JSON}:4:13")),
        "{}",
        stderr(&out)
    );
}
