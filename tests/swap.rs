//! The output swap: a reader never finds the output missing, a killed build leaves a complete
//! output, and the next build removes what a killed build left behind.

mod common;

use common::{NOW, TempSite, assert_ok, snapshot_tree, stderr};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const POST: &str = "+++\ntitle = \"API errors\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n+++\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n";

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("incidents/api.md", POST);
    site
}

/// `statuspress build` on `site` with extra environment variables.
fn build(site: &TempSite, env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuspress"))
        .args(["build", "--now", NOW, "--root"])
        .arg(site.path())
        .envs(env.iter().copied())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

/// Hidden entries beside the output (staging folders, locks), sorted; not the spare, the
/// previous output a build keeps for the next (`tests/carry.rs`).
fn hidden_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".public.spare")
        .collect();
    names.sort();
    names
}

#[test]
fn a_reader_never_finds_the_output_missing_during_builds() {
    let site = site();
    assert_ok(&build(&site, &[]));
    let index = site.path().join("public/index.html");
    let stop = Arc::new(AtomicBool::new(false));
    let (reads, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let reader = {
        let (index, stop) = (index.clone(), Arc::clone(&stop));
        let (reads, misses) = (Arc::clone(&reads), Arc::clone(&misses));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match fs::read(&index) {
                    Ok(bytes) if !bytes.is_empty() => reads.fetch_add(1, Ordering::Relaxed),
                    _ => misses.fetch_add(1, Ordering::Relaxed),
                };
            }
        })
    };
    // A fixed number of builds, however long they take: the test counts misses, not time.
    for _ in 0..20 {
        assert_ok(&build(&site, &[]));
    }
    stop.store(true, Ordering::Relaxed);
    reader.join().unwrap();
    let (reads, misses) = (
        reads.load(Ordering::Relaxed),
        misses.load(Ordering::Relaxed),
    );
    assert!(reads > 0, "the reader never ran");
    assert_eq!(
        misses, 0,
        "index.html missing {misses} times in {reads} reads"
    );
}

/// Builds the site, changes it, and kills the next build at `step`: the output is then
/// either the previous site or the new one, whole.
fn kill_at(step: &str, env: &[(&str, &str)]) -> (TempSite, Vec<(String, Vec<u8>)>, Output) {
    let site = site();
    assert_ok(&build(&site, env));
    let old = snapshot_tree(&site.path().join("public"));
    site.write("statuspress.toml", &common::CONFIG.replace("Acme", "Newco"));
    let mut all = env.to_vec();
    all.push(("STATUSPRESS_TEST_ABORT_AT", step));
    let killed = build(&site, &all);
    assert!(
        !killed.status.success(),
        "{step}: the build was not stopped"
    );
    (site, old, killed)
}

#[test]
fn a_build_killed_at_any_step_of_the_exchange_leaves_a_whole_output() {
    for step in ["before-swap", "after-swap"] {
        let (site, old, _) = kill_at(step, &[]);
        let out = site.path().join("public");
        let now = snapshot_tree(&out);
        let new_title =
            String::from_utf8_lossy(&now.iter().find(|(p, _)| p == "index.html").unwrap().1)
                .contains("Newco");
        if step == "before-swap" {
            assert_eq!(now, old, "{step}: the previous site, whole");
        } else {
            assert!(new_title, "{step}: the new site");
            assert_eq!(now.len(), old.len(), "{step}: the new site, whole");
        }
        // The next build removes what the killed one left.
        assert_ok(&build(&site, &[]));
        assert_eq!(hidden_entries(site.path()), Vec::<String>::new(), "{step}");
    }
}

/// Where the exchange is not available the swap is two renames: a kill between them leaves no
/// output, and the next build (even one that fails) puts the previous one back first.
#[test]
fn a_build_killed_between_the_two_renames_of_the_fallback_is_repaired_by_the_next() {
    let rename = [("STATUSPRESS_TEST_SWAP", "rename")];
    for step in ["before-swap", "after-swap"] {
        let (site, old, _) = kill_at(step, &rename);
        let now = snapshot_tree(&site.path().join("public"));
        assert_eq!(now.len(), old.len(), "{step}: a whole site");
    }
    let (site, old, _) = kill_at("between-renames", &rename);
    assert!(!site.path().join("public").exists());
    site.write("incidents/broken.md", "+++\ntitle = \"x\"\n+++\n");
    let failed = build(&site, &rename);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert_eq!(snapshot_tree(&site.path().join("public")), old);
    assert_eq!(hidden_entries(site.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn the_next_build_removes_stale_folders_but_keeps_those_of_a_running_build() {
    use rustix::fs::{FlockOperation, flock};
    let site = site();
    let root = site.path();
    for stale in [
        ".public.new-999991",
        ".public.old-999992",
        ".public.new-999993",
    ] {
        fs::create_dir_all(root.join(stale).join("deep")).unwrap();
        fs::write(root.join(stale).join("deep/index.html"), "stale").unwrap();
    }
    // 999993 died holding no lock: its lock file is left, unlocked.
    fs::write(root.join(".public.lock-999993"), "").unwrap();
    // 999994 is still running: it holds the lock on its lock file.
    fs::create_dir_all(root.join(".public.new-999994")).unwrap();
    let running = fs::File::create(root.join(".public.lock-999994")).unwrap();
    flock(&running, FlockOperation::LockExclusive).unwrap();
    assert_ok(&build(&site, &[]));
    assert_eq!(
        hidden_entries(root),
        [".public.lock-999994", ".public.new-999994"]
    );
    drop(running);
    assert_ok(&build(&site, &[]));
    assert_eq!(hidden_entries(root), Vec::<String>::new());
}
