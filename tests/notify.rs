//! `statuspress notify` against real receivers on loopback: what each channel is sent, field by
//! field, and that every event is sent once, however often it runs.

mod common;
mod notify_support;

use common::{NOW, TempSite, stderr, stdout};
use notify_support::{Receiver, notify, signature};
use serde_json::{Value, json};

/// An open incident on `api` with two updates, the second of them 40 minutes old at [`NOW`].
pub const INCIDENT: &str = "+++
title = \"Elevated error rates\"
impact = \"major\"
started = 2026-11-23T10:00:00Z
affected = [\"api\"]
+++
Requests to the API fail for some users.

## Identified — 2026-11-23 11:20 UTC
A **faulty deploy** is being [rolled back](https://ops.acme.test/deploys/42).

## Investigating — 2026-11-23 10:05 UTC
We see errors > 5% & timeouts.
";

const CHANNELS: &str = "
[[notify]]
kind = \"slack\"
url_env = \"SLACK_URL\"

[[notify]]
kind = \"discord\"
url_env = \"DISCORD_URL\"

[[notify]]
kind = \"teams\"
url_env = \"TEAMS_URL\"

[[notify]]
kind = \"webhook\"
url_env = \"HOOK_URL\"
secret_env = \"HOOK_KEY\"
";

/// One receiver per channel, and the environment that points the channels at them.
struct Receivers {
    slack: Receiver,
    discord: Receiver,
    teams: Receiver,
    hook: Receiver,
}

impl Receivers {
    fn new() -> Receivers {
        Receivers {
            slack: Receiver::ok(),
            discord: Receiver::ok(),
            teams: Receiver::ok(),
            hook: Receiver::ok(),
        }
    }

    fn env(&self) -> Vec<(&str, &str)> {
        vec![
            ("SLACK_URL", self.slack.url.as_str()),
            ("DISCORD_URL", self.discord.url.as_str()),
            ("TEAMS_URL", self.teams.url.as_str()),
            ("HOOK_URL", self.hook.url.as_str()),
            ("HOOK_KEY", "k3y-for-tests"),
        ]
    }

    fn counts(&self) -> [usize; 4] {
        [&self.slack, &self.discord, &self.teams, &self.hook].map(|r| r.requests().len())
    }
}

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("statuspress.toml", &format!("{}{CHANNELS}", common::CONFIG));
    site.write("incidents/api-errors.md", INCIDENT);
    site
}

const URL: &str = "https://status.acme.test/incidents/api-errors/";

#[test]
fn each_channel_gets_each_event_once_in_its_own_format() {
    let site = site();
    let r = Receivers::new();
    let o = notify(site.path(), NOW, &[], &r.env());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sent slack: Elevated error rates — Investigating\n\
         sent slack: Elevated error rates — Identified\n\
         sent discord: Elevated error rates — Investigating\n\
         sent discord: Elevated error rates — Identified\n\
         sent teams: Elevated error rates — Investigating\n\
         sent teams: Elevated error rates — Identified\n\
         sent webhook: Elevated error rates — Investigating\n\
         sent webhook: Elevated error rates — Identified\n\
         notify: 8 sent, 0 seen, 0 failed, 0 left for the next run\n"
    );
    // The opening changed api's status: the webhook also gets a component_update.
    assert_eq!(r.counts(), [2, 2, 2, 3]);
    let agent = format!("statuspress/{}", env!("CARGO_PKG_VERSION"));
    for receiver in [&r.slack, &r.discord, &r.teams, &r.hook] {
        for req in receiver.requests() {
            assert_eq!(req.method, "POST");
            assert_eq!(req.path, "/hooks/T0001/s3cr3t-path");
            assert_eq!(req.header("Content-Type"), Some("application/json"));
            assert_eq!(req.header("User-Agent"), Some(agent.as_str()));
        }
    }

    let slack = r.slack.bodies();
    assert_eq!(
        slack[0],
        json!({
            "text": "Acme Status: Elevated error rates — Investigating",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Elevated error rates", "emoji": true}},
                {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Status*\nInvestigating"},
                    {"type": "mrkdwn", "text": "*Impact*\nMajor impact"},
                    {"type": "mrkdwn", "text": "*Components*\nAPI"},
                    {"type": "mrkdwn", "text": "*Posted*\n23 Nov 2026, 11:05 CET"},
                ]},
                {"type": "section", "text": {"type": "mrkdwn", "text": "Requests to the API fail for some users.\n\nWe see errors &gt; 5% &amp; timeouts."}},
                {"type": "context", "elements": [{"type": "mrkdwn", "text": format!("<{URL}|View on Acme Status> · 23 Nov 2026, 11:05 CET")}]},
            ]
        })
    );
    assert_eq!(
        slack[1]["blocks"][2]["text"]["text"],
        "A *faulty deploy* is being <https://ops.acme.test/deploys/42|rolled back>."
    );

    let discord = r.discord.bodies();
    assert_eq!(
        discord[1],
        json!({
            "allowed_mentions": {"parse": []},
            "embeds": [{
                "title": "Elevated error rates",
                "url": URL,
                "description": "A **faulty deploy** is being [rolled back](https://ops.acme.test/deploys/42).",
                "color": 0xef6c00,
                "fields": [
                    {"name": "Status", "value": "Identified", "inline": true},
                    {"name": "Impact", "value": "Major impact", "inline": true},
                    {"name": "Components", "value": "API", "inline": false},
                ],
                "timestamp": "2026-11-23T11:20:00Z",
                "footer": {"text": "Acme Status"},
            }]
        })
    );

    let teams = r.teams.bodies();
    assert_eq!(
        teams[0],
        json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": null,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": "Acme Status", "size": "Small", "isSubtle": true, "wrap": true},
                        {"type": "TextBlock", "text": "Elevated error rates", "size": "Large", "weight": "Bolder", "color": "Attention", "wrap": true},
                        {"type": "FactSet", "facts": [
                            {"title": "Status", "value": "Investigating"},
                            {"title": "Impact", "value": "Major impact"},
                            {"title": "Components", "value": "API"},
                            {"title": "Posted", "value": "23 Nov 2026, 11:05 CET"},
                        ]},
                        {"type": "TextBlock", "text": "Requests to the API fail for some users.\n\nWe see errors > 5% & timeouts.", "wrap": true},
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": "View on Acme Status", "url": URL}],
                },
            }]
        })
    );

    // The webhook: Statuspage's payloads, each signed over its exact bytes.
    let hook = r.hook.requests();
    for req in &hook {
        assert_eq!(
            req.header("X-Statuspress-Signature"),
            Some(signature("k3y-for-tests", &req.body).as_str())
        );
    }
    let events: Vec<&str> = hook
        .iter()
        .map(|r| r.header("X-Statuspress-Event").unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "incident/api-errors/opened",
            "incident/api-errors/opened",
            "incident/api-errors/update/2026-11-23T11:20:00Z"
        ]
    );
    let opened = hook[0].json();
    assert_eq!(
        opened["meta"],
        json!({
            "unsubscribe": "https://status.acme.test/subscribe/",
            "documentation": "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/"
        })
    );
    // The page and the incident are what the API of a build at the same clock says.
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let api: Value = serde_json::from_str(&site.read_output("api/v2/incidents.json")).unwrap();
    let status: Value = serde_json::from_str(&site.read_output("api/v2/status.json")).unwrap();
    assert_eq!(
        opened["page"],
        json!({
            "id": api["page"]["id"],
            "status_indicator": status["status"]["indicator"],
            "status_description": status["status"]["description"],
        })
    );
    assert_eq!(opened["incident"], api["incidents"][0]);
    assert_eq!(hook[2].json()["incident"], api["incidents"][0]);
    let component = hook[1].json();
    let updates = api["incidents"][0]["incident_updates"].as_array().unwrap();
    let first = &updates[updates.len() - 1];
    let api_component = &api["incidents"][0]["components"][0];
    assert_eq!(component["page"], opened["page"]);
    assert_eq!(
        component["component_update"]["created_at"],
        first["created_at"]
    );
    assert_eq!(component["component_update"]["old_status"], "operational");
    assert_eq!(
        component["component_update"]["new_status"],
        "partial_outage"
    );
    assert_eq!(
        component["component_update"]["component_id"],
        api_component["id"]
    );
    assert_eq!(component["component"], *api_component);
    // Nothing of the ledger is published.
    assert!(!site.path().join("public/.statuspress").exists());
}

#[test]
fn a_rerun_sends_nothing_a_new_update_once_and_an_edit_never() {
    let site = site();
    let r = Receivers::new();
    assert!(notify(site.path(), NOW, &[], &r.env()).status.success());
    let ledger = std::fs::read_to_string(site.path().join(".statuspress/notified.json")).unwrap();
    assert_eq!(ledger.matches("\"result\": \"sent\"").count(), 8);
    assert!(ledger.contains(
        "      \"webhook\": {\"at\": \"2026-11-23T12:00:00Z\", \"result\": \"sent\", \"detail\": \"HTTP 200\"}"
    ));

    let again = notify(site.path(), NOW, &[], &r.env());
    assert!(again.status.success());
    assert_eq!(
        stdout(&again),
        "notify: 0 sent, 0 seen, 0 failed, 0 left for the next run\n"
    );
    assert_eq!(r.counts(), [2, 2, 2, 3]);

    // A new update: one more message on every channel.
    site.write(
        "incidents/api-errors.md",
        &INCIDENT.replace(
            "## Identified",
            "## Monitoring — 2026-11-23 11:45 UTC\nError rates are back to normal.\n\n## Identified",
        ),
    );
    let o = notify(site.path(), NOW, &[], &r.env());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r.counts(), [3, 3, 3, 4]);
    assert_eq!(
        r.slack.bodies()[2]["text"],
        "Acme Status: Elevated error rates — Monitoring"
    );

    // Editing the text of an update already sent sends nothing.
    let edited = std::fs::read_to_string(site.path().join("incidents/api-errors.md"))
        .unwrap()
        .replace("We see errors", "We saw errors");
    site.write("incidents/api-errors.md", &edited);
    let o = notify(site.path(), NOW, &[], &r.env());
    assert!(o.status.success());
    assert_eq!(r.counts(), [3, 3, 3, 4]);
}

#[test]
fn a_first_run_on_an_old_history_records_it_without_sending() {
    let site = site();
    let r = Receivers::new();
    // Two days later, every event is older than the default 24 hours.
    let o = notify(site.path(), "2026-11-25T12:00:00Z", &[], &r.env());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r.counts(), [0, 0, 0, 0]);
    assert!(
        stdout(&o)
            .starts_with("seen slack: 2 events older than 24 hours, recorded without sending\n")
    );
    assert!(stdout(&o).ends_with("notify: 0 sent, 8 seen, 0 failed, 0 left for the next run\n"));
    let ledger = std::fs::read_to_string(site.path().join(".statuspress/notified.json")).unwrap();
    assert_eq!(ledger.matches("\"result\": \"seen\"").count(), 8);
    // A resolution now is new: it is sent.
    site.write(
        "incidents/api-errors.md",
        &INCIDENT.replace(
            "## Identified",
            "## Resolved — 2026-11-25 11:50 UTC\nAll good.\n\n## Identified",
        ),
    );
    assert!(
        notify(site.path(), "2026-11-25T12:00:00Z", &[], &r.env())
            .status
            .success()
    );
    assert_eq!(r.counts(), [1, 1, 1, 2]);
    assert_eq!(r.discord.bodies()[0]["embeds"][0]["color"], 0x2e7d32);
}

#[test]
fn a_dry_run_prints_every_request_sends_nothing_and_records_nothing() {
    let site = site();
    let r = Receivers::new();
    // Only Slack's secret is set; the others show as placeholders.
    let o = notify(
        site.path(),
        NOW,
        &["--dry-run"],
        &[("SLACK_URL", &r.slack.url)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r.counts(), [0, 0, 0, 0]);
    assert!(!site.path().join(".statuspress").exists());
    let out = stdout(&o);
    assert!(!out.contains("s3cr3t"), "{out}");
    let port = r.slack.url.split('/').nth(2).unwrap();
    assert!(out.starts_with(&format!(
        "=== slack (slack)\n\n--- incident/api-errors/opened: Elevated error rates — Investigating\nPOST http://{port}/•••\nContent-Type: application/json\nUser-Agent: statuspress/{}\n\n{{\n",
        env!("CARGO_PKG_VERSION")
    )), "{out}");
    assert!(out.contains("=== discord (discord)\nDISCORD_URL is not set: shown as $DISCORD_URL; a real run would skip this channel\n"));
    assert!(out.contains("POST $HOOK_URL\nContent-Type: application/json\nUser-Agent: "));
    assert!(out.contains(
        "X-Statuspress-Event: incident/api-errors/opened\nX-Statuspress-Signature: sha256=<HMAC-SHA256 of the body with $HOOK_KEY>\n\n{\n  \"meta\": {"
    ));
    assert!(out.ends_with(
        "notify --dry-run: 8 would be sent, 0 would be recorded as seen; nothing was sent or recorded\n"
    ));
    // The bodies printed are exactly the bodies a real run sends.
    let real = notify(site.path(), NOW, &[], &r.env());
    assert!(real.status.success());
    for req in r.slack.requests() {
        assert!(out.contains(&format!("\n\n{}\n", req.body)));
    }
}

#[test]
fn output_and_ledger_are_the_same_for_the_same_input() {
    let runs: Vec<(String, String)> = (0..2)
        .map(|_| {
            let site = site();
            let r = Receivers::new();
            let o = notify(site.path(), NOW, &[], &r.env());
            let ledger =
                std::fs::read_to_string(site.path().join(".statuspress/notified.json")).unwrap();
            (stdout(&o), ledger)
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
}
