//! `statuspress notify` when receivers fail: retried within the run, refused for good, hanging,
//! or out of reach for want of a secret; and `[[notify]]` problems reported by `check`.

mod common;
mod notify_support;

use common::{NOW, TempSite, stderr, stdout};
use notify_support::{Answer, Receiver, notify};
use std::time::{Duration, Instant};

const INCIDENT: &str = "+++
title = \"Elevated error rates\"
impact = \"major\"
started = 2026-11-23T10:00:00Z
affected = [\"api\"]
+++
## Investigating — 2026-11-23 10:05 UTC
We are looking into it.
";

/// A site whose channels are Slack (`SLACK_URL`) and Discord (`DISCORD_URL`).
fn site() -> TempSite {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}\n[[notify]]\nkind = \"slack\"\nurl_env = \"SLACK_URL\"\n\n[[notify]]\nkind = \"discord\"\nurl_env = \"DISCORD_URL\"\n",
            common::CONFIG
        ),
    );
    site.write("incidents/api-errors.md", INCIDENT);
    site
}

fn ledger(site: &TempSite) -> String {
    std::fs::read_to_string(site.path().join(".statuspress/notified.json")).unwrap_or_default()
}

#[test]
fn a_receiver_that_fails_twice_gets_the_message_once_in_the_same_run() {
    let site = site();
    let slack = Receiver::answering(vec![
        Answer::Status(503, "busy"),
        Answer::Status(503, "busy"),
    ]);
    let discord = Receiver::ok();
    let o = notify(
        site.path(),
        NOW,
        &[],
        &[("SLACK_URL", &slack.url), ("DISCORD_URL", &discord.url)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "slack: HTTP 503: busy; trying again in 10 ms\nslack: HTTP 503: busy; trying again in 20 ms\n"
    );
    let bodies: Vec<String> = slack.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies.len(), 3);
    assert!(bodies.iter().all(|b| *b == bodies[0]));
    assert_eq!(discord.requests().len(), 1);
    assert_eq!(ledger(&site).matches("\"result\": \"sent\"").count(), 2);
}

#[test]
fn a_receiver_that_refuses_is_recorded_failed_and_never_asked_again() {
    let site = site();
    let slack = Receiver::answering(vec![Answer::Status(400, "invalid_blocks")]);
    let discord = Receiver::ok();
    let env = [
        ("SLACK_URL", slack.url.as_str()),
        ("DISCORD_URL", discord.url.as_str()),
    ];
    let o = notify(site.path(), NOW, &[], &env);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(
        "error: slack refused \"Elevated error rates — Investigating\" (incident/api-errors/opened): HTTP 400: invalid_blocks\n"
    ), "{}", stderr(&o));
    assert_eq!(slack.requests().len(), 1);
    assert_eq!(discord.requests().len(), 1);
    assert!(ledger(&site).contains(
        "\"slack\": {\"at\": \"2026-11-23T12:00:00Z\", \"result\": \"failed\", \"detail\": \"HTTP 400: invalid_blocks\"}"
    ));
    assert!(stdout(&o).ends_with("notify: 1 sent, 0 seen, 1 failed, 0 left for the next run\n"));
    let again = notify(site.path(), NOW, &[], &env);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(slack.requests().len(), 1);
}

#[test]
fn a_receiver_that_never_answers_is_given_up_on_and_left_for_the_next_run() {
    let site = site();
    site.write(
        "incidents/api-errors.md",
        &INCIDENT.replace(
            "## Investigating",
            "## Identified — 2026-11-23 10:30 UTC\nFound it.\n\n## Investigating",
        ),
    );
    let slack = Receiver::answering(vec![Answer::Hang(Duration::from_secs(20)); 4]);
    let discord = Receiver::ok();
    let mut env = vec![
        ("SLACK_URL", slack.url.as_str()),
        ("DISCORD_URL", discord.url.as_str()),
    ];
    env.push(("STATUSPRESS_NOTIFY_TIMEOUT_MS", "300"));
    let started = Instant::now();
    let o = notify(site.path(), NOW, &[], &env);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(1));
    // Four tries of 300 ms and three short waits, far below one hang.
    assert!(took < Duration::from_secs(8), "{took:?}");
    assert_eq!(slack.requests().len(), 4);
    assert!(stderr(&o).ends_with(
        "error: slack failed 4 times: no answer in time; \"Elevated error rates — Investigating\" and 1 later event are left for the next run\n"
    ), "{}", stderr(&o));
    // Discord went on; Slack's events stay unrecorded and go out on the next run, in order.
    assert_eq!(discord.requests().len(), 2);
    assert!(!ledger(&site).contains("\"slack\""));
    assert!(stdout(&o).ends_with("notify: 2 sent, 0 seen, 0 failed, 2 left for the next run\n"));
    let slack_back = Receiver::ok();
    let env = [
        ("SLACK_URL", slack_back.url.as_str()),
        ("DISCORD_URL", discord.url.as_str()),
    ];
    let o = notify(site.path(), NOW, &[], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    let statuses: Vec<String> = slack_back
        .bodies()
        .iter()
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        statuses,
        [
            "Acme Status: Elevated error rates — Investigating",
            "Acme Status: Elevated error rates — Identified"
        ]
    );
    assert_eq!(discord.requests().len(), 2);
}

#[test]
fn a_missing_secret_names_its_variable_and_the_other_channels_still_send() {
    let site = site();
    let discord = Receiver::ok();
    let o = notify(site.path(), NOW, &[], &[("DISCORD_URL", &discord.url)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "statuspress.toml:7:11: error: environment variable `SLACK_URL` is not set: channel `slack` sends nothing\n  \
         help: set it from a CI secret in the step that runs notify (GitHub: env: SLACK_URL: ${{ secrets.SLACK_URL }}); the other channels were sent\n"
    );
    assert_eq!(discord.requests().len(), 1);
    assert!(stdout(&o).ends_with(
        "notify: 1 sent, 0 seen, 0 failed, 0 left for the next run, 1 channel could not send\n"
    ));
}

#[test]
fn filters_choose_what_each_channel_is_sent() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}\n[[notify]]\nkind = \"slack\"\nname = \"web-team\"\nurl_env = \"WEB_URL\"\ncomponents = [\"web\"]\n\n\
             [[notify]]\nkind = \"slack\"\nname = \"core-team\"\nurl_env = \"CORE_URL\"\ncomponents = [\"core\"]\nmin_impact = \"major\"\n\n\
             [[notify]]\nkind = \"slack\"\nname = \"closures\"\nurl_env = \"DONE_URL\"\nevents = [\"resolved\"]\n",
            common::CONFIG
        ),
    );
    site.write("incidents/api-errors.md", INCIDENT);
    site.write(
        "incidents/web-slow.md",
        "+++\ntitle = \"Web slow\"\nimpact = \"minor\"\nstarted = 2026-11-23T09:00:00Z\nresolved = 2026-11-23T09:30:00Z\naffected = [\"web\"]\n+++\n",
    );
    let (web, core, done) = (Receiver::ok(), Receiver::ok(), Receiver::ok());
    let o = notify(
        site.path(),
        NOW,
        &[],
        &[
            ("WEB_URL", &web.url),
            ("CORE_URL", &core.url),
            ("DONE_URL", &done.url),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let texts = |r: &Receiver| -> Vec<String> {
        r.bodies()
            .iter()
            .map(|b| b["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        texts(&web),
        [
            "Acme Status: Web slow — Investigating",
            "Acme Status: Web slow — Resolved"
        ]
    );
    // The group `core` holds api and web; web's incident is minor.
    assert_eq!(
        texts(&core),
        ["Acme Status: Elevated error rates — Investigating"]
    );
    assert_eq!(texts(&done), ["Acme Status: Web slow — Resolved"]);
}

#[test]
fn check_reports_every_notify_problem_at_its_place() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}\n[[notify]]\nkind = \"slack\"\nurl_env = \"https://hooks.slack.com/services/T0/B0/XYZ\"\n\n\
             [[notify]]\nkind = \"webhok\"\nurl_env = \"HOOK\"\ncomponents = [\"apii\"]\ntoken = \"abc\"\n",
            common::CONFIG
        ),
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.lines()
            .filter(|l| !l.starts_with("  help"))
            .collect::<Vec<_>>(),
        [
            "statuspress.toml:7:11: error: `url_env` names an environment variable, not the URL itself",
            "statuspress.toml:10:8: error: unknown channel kind `webhok`",
            "statuspress.toml:12:15: error: unknown component `apii` in [[notify]] `components`",
            "statuspress.toml:13:1: error: `token` in [[notify]] would put a secret in the repository",
            "error: 4 problems found",
        ]
    );
    assert!(!err.contains("XYZ"));
    assert!(err.contains("help: did you mean `webhook`?"));
    assert!(err.contains("help: did you mean `api`?"));
    // build reports the same and writes nothing.
    let b = site.run(&["build"]);
    assert_eq!(b.status.code(), Some(1));
    assert!(stderr(&b).contains("statuspress.toml:10:8: error: unknown channel kind `webhok`"));
}

#[test]
fn a_ledger_that_cannot_be_read_stops_the_run_before_anything_is_sent() {
    let site = site();
    site.write(
        ".statuspress/notified.json",
        "{\"version\": 1,\n\"events\": {\n<<<<<<< HEAD\n",
    );
    let (slack, discord) = (Receiver::ok(), Receiver::ok());
    let o = notify(
        site.path(),
        NOW,
        &[],
        &[("SLACK_URL", &slack.url), ("DISCORD_URL", &discord.url)],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .starts_with(".statuspress/notified.json:3:1: error: the ledger cannot be read: "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("help: resolve the merge conflict"));
    assert!(slack.requests().is_empty() && discord.requests().is_empty());
}
