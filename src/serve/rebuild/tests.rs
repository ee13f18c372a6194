//! Tests of the builder: clock steps, reasons, and which builds reload browsers.

use super::*;

#[test]
fn the_running_clock_moves_in_steps() {
    let minute = Duration::from_secs(60);
    assert_eq!(
        clock_step(at("2026-11-23T12:34:56.789Z"), minute),
        at("2026-11-23T12:34:00Z")
    );
    assert_eq!(
        clock_step(at("2026-11-23T12:35:00Z"), minute),
        at("2026-11-23T12:35:00Z")
    );
    assert_eq!(
        clock_step(at("2026-11-23T12:34:56.789Z"), Duration::from_secs(1)),
        at("2026-11-23T12:34:56Z")
    );
}

#[test]
fn reasons_name_the_changed_files() {
    assert_eq!(
        describe_reason(&Reason::Files(vec!["incidents/a.md".into()])),
        "changed incidents/a.md: "
    );
    assert_eq!(
        describe_reason(&Reason::Files(vec!["a".into(), "b".into(), "c".into()])),
        "changed a and 2 more: "
    );
    assert_eq!(describe_reason(&Reason::Clock), "clock: ");
}

fn at(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc)
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const WINDOW: &str = "+++\ntitle = \"Upgrade\"\nstart = 2026-11-23T12:30:00Z\nend = 2026-11-23T13:30:00Z\naffected = [\"api\"]\n+++\n## Scheduled — 2026-11-20 10:00 UTC\nPlanned.\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "statuspress.toml",
        "title = \"T\"\nbase_url = \"https://s.test\"\n",
    );
    write(
        dir.path(),
        "components.toml",
        "[[component]]\nid = \"api\"\nname = \"API\"\n",
    );
    write(dir.path(), "maintenance/upgrade.md", WINDOW);
    dir
}

/// A builder of the site at `root` for `shared`, its clock fixed at 2026-11-23 12:00 UTC.
fn builder(root: &Path, shared: &Arc<Shared>) -> Builder {
    Builder {
        root: root.to_path_buf(),
        fixed_now: Some(at("2026-11-23T12:00:00Z")),
        rebuild_every: Duration::from_secs(60),
        shared: shared.clone(),
        fingerprint: None,
        reuse: Default::default(),
        memo: Default::default(),
    }
}

fn index(shared: &Shared) -> String {
    let snap = shared.snapshot();
    snap.site
        .as_ref()
        .unwrap()
        .text("index.html")
        .unwrap()
        .to_string()
}

#[test]
fn only_visible_changes_move_the_generation() {
    let dir = site();
    let shared = Arc::new(Shared::new("t"));
    let mut b = builder(dir.path(), &shared);
    let generation = || shared.snapshot().generation;
    b.rebuild(&Reason::Start);
    assert_eq!(generation(), 1);

    // A save that changes nothing rendered: no reload.
    b.rebuild(&Reason::Files(vec!["maintenance/upgrade.md".into()]));
    assert_eq!(generation(), 1);

    // The clock moves within the same state: new content, served silently.
    b.fixed_now = Some(at("2026-11-23T12:10:00Z"));
    b.rebuild(&Reason::Clock);
    assert_eq!(generation(), 1);
    assert!(index(&shared).contains("2026-11-23T12:10:00Z"));

    // The window opens: a visible change.
    b.fixed_now = Some(at("2026-11-23T12:31:00Z"));
    b.rebuild(&Reason::Clock);
    assert_eq!(generation(), 2);

    // A broken file: errors shown over the last good site, once.
    write(
        dir.path(),
        "maintenance/upgrade.md",
        "+++\ntitle = 1\n+++\n",
    );
    b.rebuild(&Reason::Files(vec!["maintenance/upgrade.md".into()]));
    let snap = shared.snapshot();
    assert_eq!(snap.generation, 3);
    assert!(!snap.errors.is_empty());
    assert!(
        snap.errors[0]
            .location()
            .starts_with("maintenance/upgrade.md:")
    );
    assert!(index(&shared).contains("2026-11-23T12:31:00Z"));
    b.rebuild(&Reason::Clock);
    assert_eq!(generation(), 3);

    // Fixed: the errors go, browsers reload.
    write(dir.path(), "maintenance/upgrade.md", WINDOW);
    b.rebuild(&Reason::Files(vec!["maintenance/upgrade.md".into()]));
    let snap = shared.snapshot();
    assert_eq!((snap.generation, snap.errors.len()), (4, 0));
}

#[test]
fn an_announcement_starting_or_ending_by_the_clock_reloads() {
    let dir = site();
    write(
        dir.path(),
        "announcements/limits.md",
        "+++\ntitle = \"New rate limits\"\nshow_from = 2026-11-23T12:05:00Z\nshow_until = 2026-11-23T12:20:00Z\n+++\n",
    );
    let shared = Arc::new(Shared::new("t"));
    let mut b = builder(dir.path(), &shared);
    let generation = || shared.snapshot().generation;
    b.rebuild(&Reason::Start);
    assert!(!index(&shared).contains("New rate limits"));
    for (now, shown, expected) in [
        ("2026-11-23T12:06:00Z", true, 2),
        ("2026-11-23T12:10:00Z", true, 2),
        ("2026-11-23T12:21:00Z", false, 3),
    ] {
        b.fixed_now = Some(at(now));
        b.rebuild(&Reason::Clock);
        assert_eq!(generation(), expected, "{now}");
        assert_eq!(index(&shared).contains("New rate limits"), shown, "{now}");
    }
}
