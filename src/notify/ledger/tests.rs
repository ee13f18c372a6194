use super::*;
use crate::fixture::at;

fn sample() -> Ledger {
    let mut l = Ledger::default();
    let t = at("2026-11-20T14:06:12Z");
    l.record(
        "incident/b/opened",
        "slack",
        Record::new(t, Outcome::Sent, "HTTP 200"),
    );
    l.record(
        "incident/a/opened",
        "webhook:HOOK",
        Record::new(t, Outcome::Failed, "HTTP 400: \"bad\"\nbody"),
    );
    l.record(
        "incident/a/opened",
        "discord",
        Record::new(t, Outcome::Seen, "older than 24 hours"),
    );
    l
}

#[test]
fn the_file_is_sorted_with_one_line_per_record_and_reads_back() {
    let l = sample();
    let text = l.to_json();
    assert_eq!(
        text,
        r#"{
  "version": 1,
  "events": {
    "incident/a/opened": {
      "discord": {"at": "2026-11-20T14:06:12Z", "result": "seen", "detail": "older than 24 hours"},
      "webhook:HOOK": {"at": "2026-11-20T14:06:12Z", "result": "failed", "detail": "HTTP 400: \"bad\"\nbody"}
    },
    "incident/b/opened": {
      "slack": {"at": "2026-11-20T14:06:12Z", "result": "sent", "detail": "HTTP 200"}
    }
  }
}
"#
    );
    assert_eq!(Ledger::parse(&text).unwrap(), l);
    assert_eq!(
        l.get("incident/a/opened", "discord").map(|r| r.result),
        Some(Outcome::Seen)
    );
    assert_eq!(l.get("incident/a/opened", "slack"), None);
    let empty = Ledger::default().to_json();
    assert_eq!(empty, "{\n  \"version\": 1,\n  \"events\": {}\n}\n");
    assert_eq!(Ledger::parse(&empty).unwrap(), Ledger::default());
}

#[test]
fn a_ledger_that_cannot_be_read_is_an_error_at_its_line() {
    let text = sample().to_json();
    let broken = text.replace("\"result\": \"sent\"", "\"result\": \"snet\"");
    let d = Ledger::parse(&broken).unwrap_err();
    assert_eq!(d.path, Path::new(".statuspress/notified.json"));
    assert_eq!(d.line, 9);
    assert!(
        d.message
            .starts_with("the ledger cannot be read: unknown variant `snet`"),
        "{}",
        d.message
    );
    let conflicted = text.replace(
        "    \"incident/b/opened\"",
        "<<<<<<< HEAD\n    \"incident/b/opened\"",
    );
    let d = Ledger::parse(&conflicted).unwrap_err();
    assert_eq!(d.line, 8);
    assert!(d.hint.unwrap().starts_with("resolve the merge conflict"));
    let newer = Ledger::parse("{\"version\": 2, \"events\": {}}").unwrap_err();
    assert_eq!(
        newer.message,
        "the ledger has version 2; this statuspress reads version 1"
    );
}

#[test]
fn saving_replaces_the_file_whole_and_loading_a_missing_one_is_empty() {
    let site = tempfile::tempdir().unwrap();
    assert_eq!(Ledger::load(site.path()).unwrap(), Ledger::default());
    let l = sample();
    l.save(site.path()).unwrap();
    let written = std::fs::read_to_string(site.path().join(LEDGER_FILE)).unwrap();
    assert_eq!(written, l.to_json());
    assert_eq!(Ledger::load(site.path()).unwrap(), l);
    let names: Vec<String> = std::fs::read_dir(site.path().join(".statuspress"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["notified.json"]);
}

#[cfg(unix)]
#[test]
fn a_ledger_folder_that_leads_outside_the_site_is_refused() {
    let site = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join(".statuspress")).unwrap();
    let e = sample().save(site.path()).unwrap_err();
    assert!(
        e.starts_with(".statuspress:1:1: error: symbolic link leads outside the site folder"),
        "{e}"
    );
    assert!(std::fs::read_dir(outside.path()).unwrap().next().is_none());
    std::fs::write(outside.path().join("notified.json"), sample().to_json()).unwrap();
    let d = Ledger::load(site.path()).unwrap_err();
    assert_eq!(d.path, Path::new(".statuspress"));
}
