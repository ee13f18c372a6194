use super::settings::{BACKOFF_VAR, MAX_RETRY_AFTER, TIMEOUT_VAR};
use super::*;
use crate::fixture::{OPEN_WEB, RESOLVED_API, WINDOW, derived};
use crate::model::Config;
use crate::model::toml_source::TomlSource;
use std::time::Duration;

fn channel(entry: &str) -> NotifyChannel {
    let text = format!(
        "title = \"Acme\"\nbase_url = \"https://status.acme.test\"\n[[notify]]\nkind = \"slack\"\nurl_env = \"X\"\n{entry}"
    );
    Config::parse(TomlSource::file(Path::new("statuspress.toml"), &text))
        .unwrap()
        .notify
        .channels
        .remove(0)
}

fn wanted(entry: &str, events: &[Event]) -> Vec<String> {
    let c = channel(entry);
    events
        .iter()
        .filter(|e| wants(&c, e))
        .map(|e| e.notice.key.clone())
        .collect()
}

#[test]
fn filters_pick_events_by_kind_impact_and_component() {
    let (site, state) = derived(
        &[("web", OPEN_WEB), ("api", RESOLVED_API)],
        &[("mail", WINDOW)],
        "2026-11-22T00:00:00Z",
    );
    let all = events::list(&site, &state);
    assert_eq!(wanted("", &all).len(), all.len());
    assert_eq!(
        wanted("events = [\"resolved\", \"maintenance\"]", &all),
        [
            "incident/api/resolved/2026-11-10T09:00:00Z",
            "maintenance/mail/scheduled",
            "maintenance/mail/started",
            "maintenance/mail/completed",
        ]
    );
    // web is major, api minor; maintenance always passes.
    assert_eq!(
        wanted("min_impact = \"major\"", &all),
        [
            "maintenance/mail/scheduled",
            "incident/web/opened",
            "incident/web/update/2026-11-20T10:30:00Z",
            "maintenance/mail/started",
            "maintenance/mail/completed",
        ]
    );
    // A group matches its members' events.
    assert_eq!(
        wanted("components = [\"core\"]", &all),
        wanted("components = [\"api\", \"web\"]", &all)
    );
    assert_eq!(
        wanted("components = [\"web\"]", &all),
        [
            "incident/web/opened",
            "incident/web/update/2026-11-20T10:30:00Z"
        ]
    );
}

#[test]
fn retries_wait_longer_each_time_or_as_long_as_asked() {
    let second = Duration::from_secs(1);
    let waits: Vec<Duration> = (0..RETRIES).map(|a| delay(a, second, None)).collect();
    assert_eq!(waits, [second, 2 * second, 4 * second]);
    assert_eq!(delay(0, second, Some(7 * second)), 7 * second);
    assert_eq!(delay(2, second, Some(600 * second)), MAX_RETRY_AFTER);
    assert_eq!(words(Duration::from_millis(250)), "250 ms");
    assert_eq!(words(4 * second), "4 s");
}

#[test]
fn settings_take_test_waits_from_the_environment() {
    let env = |var: &str| match var {
        BACKOFF_VAR => Some("20".to_string()),
        TIMEOUT_VAR => Some("500".to_string()),
        _ => None,
    };
    let s = Settings::new(false, &env);
    assert_eq!(s.backoff, Duration::from_millis(20));
    assert_eq!(s.timeout, Duration::from_millis(500));
    assert_eq!(s.connect_timeout, Duration::from_millis(500));
    let d = Settings::new(true, &|_| None);
    assert_eq!(
        (d.backoff, d.timeout, d.connect_timeout),
        (
            Duration::from_secs(1),
            Duration::from_secs(30),
            Duration::from_secs(10)
        )
    );
}

#[test]
fn the_summary_counts_what_happened() {
    let t = Tally {
        sent: 3,
        seen: 10,
        failed: 1,
        left: 2,
        channels_down: 1,
    };
    assert!(!t.all_done());
    assert_eq!(
        t.summary(false),
        "notify: 3 sent, 10 seen, 1 failed, 2 left for the next run, 1 channel could not send"
    );
    assert!(
        Tally {
            sent: 3,
            seen: 1,
            ..Tally::default()
        }
        .all_done()
    );
}
