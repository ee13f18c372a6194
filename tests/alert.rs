//! `statuspress alert --from alertmanager`: webhook payloads open, update and resolve incidents.

mod common;

use common::*;
use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn alert(site: &TempSite, payload: &str, now: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statuspress"))
        .args([
            "alert",
            "--from",
            "alertmanager",
            "--root",
            site.path().to_str().unwrap(),
            "--now",
            now,
        ])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(payload.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn one_alert(
    status: &str,
    name: &str,
    component: &str,
    severity: &str,
    fp: &str,
    starts: &str,
) -> String {
    format!(
        r#"{{"status":"{status}","labels":{{"alertname":"{name}","component":"{component}","severity":"{severity}","instance":"api-1"}},
        "annotations":{{"summary":"{name} on {component}","description":"Error rate <b>above</b> 5% [see](javascript:alert(1))"}},
        "startsAt":"{starts}","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"{fp}"}}"#
    )
}

fn payload(status: &str, alerts: &[String]) -> String {
    format!(
        r#"{{"version":"4","groupKey":"{{}}:{{alertname=\"HighErrorRate\"}}","truncatedAlerts":0,"status":"{status}","receiver":"statuspress",
        "groupLabels":{{"alertname":"HighErrorRate"}},"commonLabels":{{"alertname":"HighErrorRate"}},
        "commonAnnotations":{{"summary":"High error rate on the API \"edge\" <script>x</script>\n+++"}},"externalURL":"http://am","alerts":[{}]}}"#,
        alerts.join(",")
    )
}

const T0: &str = "2026-11-23T12:00:00Z";

fn incident_files(site: &TempSite) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.path().join("incidents"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn firing_opens_updates_and_resolved_closes_once() {
    let site = TempSite::new();
    let a1 = one_alert(
        "firing",
        "HighErrorRate",
        "api",
        "page",
        "a1a1a1a1",
        "2026-11-23T11:58:00Z",
    );
    let fired = payload("firing", std::slice::from_ref(&a1));
    let o = alert(&site, &fired, T0);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = stdout(&o).trim().to_string();
    assert!(
        path.starts_with(
            site.path()
                .join("incidents/2026-11-23-high-error-rate-on-the-api-edge-x-")
                .to_str()
                .unwrap()
        ),
        "{path}"
    );
    let text = fs::read_to_string(&path).unwrap();
    let hash = text
        .lines()
        .nth(1)
        .unwrap()
        .strip_prefix("# Alertmanager group ")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        text,
        format!(
            "+++\n# Alertmanager group {hash}; alerts: a1a1a1a1\ntitle = \"High error rate on the API \\\"edge\\\" x +++\"\nimpact = \"major\"\nstarted = 2026-11-23T12:00:00Z\naffected = [\"api\"]\n+++\n\n## Investigating — 2026-11-23 12:00 UTC\nOur monitoring reports a problem:\n\n- **HighErrorRate** (api): HighErrorRate on api — Error rate above 5% \\[see\\]\\(javascript\\:alert\\(1\\)\\)\n"
        )
    );
    ok_check(&site, "2026-11-23T12:00:00Z");

    // The same payload again changes nothing.
    let o = alert(&site, &fired, "2026-11-23T12:05:00Z");
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), path);
    assert_eq!(
        stderr(&o),
        "No change: the incident already lists every firing alert.\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // A second alert of the group adds an update, once.
    let a2 = one_alert(
        "firing",
        "HighLatency",
        "web",
        "critical",
        "b2b2b2b2",
        "2026-11-23T12:09:00Z",
    );
    let more = payload("firing", &[a1.clone(), a2.clone()]);
    assert!(alert(&site, &more, "2026-11-23T12:10:00Z").status.success());
    let text2 = fs::read_to_string(&path).unwrap();
    assert!(text2.contains("; alerts: a1a1a1a1 b2b2b2b2\n"), "{text2}");
    assert!(text2.contains("+++\n\n## Update — 2026-11-23 12:10 UTC\nMore alerts are firing:\n\n- **HighLatency** (web): HighLatency on web — "), "{text2}");
    assert!(alert(&site, &more, "2026-11-23T12:11:00Z").status.success());
    assert_eq!(fs::read_to_string(&path).unwrap(), text2);

    // Resolved: a Resolved update and `resolved`, once.
    let resolved = payload(
        "resolved",
        &[
            a1.replace("\"firing\"", "\"resolved\""),
            a2.replace("\"firing\"", "\"resolved\""),
        ],
    );
    let o = alert(&site, &resolved, "2026-11-23T12:30:00Z");
    assert!(o.status.success(), "{}", stderr(&o));
    let text3 = fs::read_to_string(&path).unwrap();
    assert!(
        text3.contains("started = 2026-11-23T12:00:00Z\nresolved = 2026-11-23T12:30:00Z\n"),
        "{text3}"
    );
    assert!(
        text3.contains("+++\n\n## Resolved — 2026-11-23 12:30 UTC\nThe alerts have resolved:\n"),
        "{text3}"
    );
    for (payload, now) in [
        (&resolved, "2026-11-23T12:31:00Z"),
        (&fired, "2026-11-23T12:32:00Z"),
    ] {
        let o = alert(&site, payload, now);
        assert!(o.status.success());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            text3,
            "a repeated delivery changes nothing"
        );
    }
    assert_eq!(incident_files(&site).len(), 1);
    ok_check(&site, "2026-11-23T12:32:00Z");

    // The same group firing again later opens a new incident.
    let again = payload(
        "firing",
        &[one_alert(
            "firing",
            "HighErrorRate",
            "api",
            "warning",
            "a1a1a1a1",
            "2026-11-24T08:00:00Z",
        )],
    );
    let o = alert(&site, &again, "2026-11-24T08:01:00Z");
    assert!(o.status.success());
    assert_ne!(stdout(&o).trim(), path);
    assert!(
        fs::read_to_string(stdout(&o).trim())
            .unwrap()
            .contains("impact = \"minor\"")
    );
    assert_eq!(incident_files(&site).len(), 2);
}

/// `check` passes as of `now`, the clock of the last delivery (a resolution after the clock is
/// an error).
fn ok_check(site: &TempSite, now: &str) {
    let o = site.run(&["check", "--now", now]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn unknown_components_and_bad_payloads_write_nothing() {
    let site = TempSite::new();
    let bad = payload(
        "firing",
        &[one_alert(
            "firing",
            "X",
            "apii",
            "critical",
            "c3",
            "2026-11-23T11:00:00Z",
        )],
    );
    let o = alert(&site, &bad, T0);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: unknown component `apii` (did you mean `api`?) (from the `component` label of the alerts); no incident was written\n  help: components and groups are defined in components.toml; known ids: api, web, mail, core\n"
    );
    for (text, message) in [
        (
            "{",
            "error: the payload is not a valid Alertmanager webhook: EOF while parsing an object at line 1 column 1\n",
        ),
        (
            r#"{"version":"3","groupKey":"k","status":"firing","alerts":[{"status":"firing"}]}"#,
            "error: invalid Alertmanager payload: `version` is \"3\", but only version \"4\" is supported\n",
        ),
        (
            r#"{"version":"4","status":"firing","alerts":[{"status":"weird"}]}"#,
            "error: invalid Alertmanager payload: `groupKey` is missing or empty; `alerts[0].status` must be `firing` or `resolved`\n",
        ),
    ] {
        let o = alert(&site, text, T0);
        assert_eq!(o.status.code(), Some(1), "{text}");
        assert!(stderr(&o).starts_with(message), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("help: send the JSON body of an Alertmanager webhook (version 4)")
        );
    }
    assert!(incident_files(&site).is_empty());
}

#[test]
fn severity_mapping_and_component_label_come_from_the_config() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{CONFIG}\n[alerts]\ncomponent_label = \"service\"\nseverity.page = \"critical\"\n"
        ),
    );
    let a = one_alert(
        "firing",
        "Down",
        "ignored",
        "page",
        "d4",
        "2026-11-23T11:00:00Z",
    )
    .replace("\"instance\"", "\"service\":\"mail\",\"instance\"");
    let o = alert(&site, &payload("firing", &[a]), T0);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(stdout(&o).trim()).unwrap();
    assert!(
        text.contains(
            "impact = \"critical\"\nstarted = 2026-11-23T12:00:00Z\naffected = [\"mail\"]\n"
        ),
        "{text}"
    );
    // Nothing to resolve for an unknown group.
    let other = payload(
        "resolved",
        &[one_alert("resolved", "Other", "api", "page", "e5", T0)],
    )
    .replace("HighErrorRate", "Other");
    let o = alert(&site, &other, T0);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "No change: no open incident belongs to this alert group.\n"
    );
}
