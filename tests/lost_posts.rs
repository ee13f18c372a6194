//! A post file that cannot be read is never dropped silently: `check` and `build` name it.

mod common;

use common::{NOW, TempSite, stderr, stdout};
use std::fs;
use std::process::Output;

const POST: &str = "+++\ntitle = \"Outage\"\nstarted = 2026-11-20T10:00:00Z\n+++\n";

fn assert_fails_with(o: &Output, expected: &[&str]) {
    assert_eq!(o.status.code(), Some(1), "stdout:\n{}", stdout(o));
    let err = stderr(o);
    for e in expected {
        assert!(err.contains(e), "missing:\n{e}\n\nin:\n{err}");
    }
    let root = std::env::temp_dir();
    assert!(
        !err.contains(root.to_str().unwrap()),
        "no absolute path: {err}"
    );
    assert!(!stdout(o).contains("renders cleanly"), "{}", stdout(o));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_an_error_in_check_and_build() {
    let site = TempSite::new();
    site.write("incidents/fine.md", POST);
    std::os::unix::fs::symlink("nowhere.md", site.path().join("incidents/gone.md")).unwrap();
    for command in ["check", "build"] {
        let o = site.run(&[command]);
        assert_fails_with(
            &o,
            &[
                "incidents/gone.md:1:1: error: cannot read file: No such file or directory",
                "error: 1 problem found",
            ],
        );
    }
    assert!(!site.path().join("public").exists());
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_an_error_in_check_and_build() {
    let site = TempSite::new();
    site.write("incidents/2026/fine.md", POST);
    std::os::unix::fs::symlink("..", site.path().join("incidents/2026/up")).unwrap();
    for command in ["check", "build"] {
        let o = site.run(&[command]);
        assert_fails_with(
            &o,
            &[
                "incidents/2026/up:1:1: error: cannot read file: File system loop found\n  help: a link here leads back to a folder above it",
                "error: 1 problem found",
            ],
        );
    }
}

#[test]
fn an_upper_case_extension_is_an_error_with_the_name_to_use() {
    let site = TempSite::new();
    site.write("incidents/db-down.MD", POST);
    site.write("maintenance/2026/upgrade.Md", POST);
    site.write("incidents/notes.txt", "not a post");
    for command in ["check", "build"] {
        let o = site.run(&[command]);
        assert_fails_with(
            &o,
            &[
                "incidents/db-down.MD:1:1: error: not read as a post: post files end in lower-case `.md`\n  help: rename it to `db-down.md`",
                "maintenance/2026/upgrade.Md:1:1: error: not read as a post: post files end in lower-case `.md`\n  help: rename it to `upgrade.md`",
                "error: 2 problems found",
            ],
        );
    }
}

/// A folder without read permission. Root reads it anyway, so as root the binary runs as
/// `nobody` (uid 65534), whom the permission bits do stop.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_in_check() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let site = TempSite::new();
    site.write("incidents/fine.md", POST);
    site.write("incidents/locked/hidden.md", POST);
    let locked = site.path().join("incidents/locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // The temporary folder is private to its owner; `nobody` must be able to enter it.
    fs::set_permissions(site.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_statuspress"));
    command
        .args(["check", "--now", NOW, "--root"])
        .arg(site.path());
    if rustix::process::geteuid().is_root() {
        command.uid(65534).gid(65534);
    }
    let o = command.output();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let o = match o {
        Ok(o) => o,
        Err(e) => {
            // Only as root, when `nobody` cannot run the binary in this checkout.
            println!("skipped: cannot run the binary as uid 65534: {e}");
            return;
        }
    };
    assert_fails_with(
        &o,
        &[
            "incidents/locked:1:1: error: cannot read file: Permission denied",
            "error: 1 problem found",
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_link_in_static_is_an_error_too() {
    let site = TempSite::new();
    site.write("incidents/fine.md", POST);
    site.write("static/logo.svg", "<svg/>");
    std::os::unix::fs::symlink("nowhere.png", site.path().join("static/gone.png")).unwrap();
    let o = site.run(&["check"]);
    assert_fails_with(
        &o,
        &[
            "static/gone.png:1:1: error: cannot read file: No such file or directory (os error 2)\n  help: a link here points to nothing: fix its target or remove it",
            "error: 1 problem found",
        ],
    );
}
