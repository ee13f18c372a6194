//! `build` over a previous output carries its unchanged files over: each is hard-linked into the
//! staging folder instead of being written again, the output stays what a fresh build writes, a
//! failed build still leaves the previous output as it was, and nothing is followed out of it.
#![cfg(unix)]

mod common;

use common::{TempSite, assert_ok, snapshot_tree, stderr};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

const POST: &str = "+++\ntitle = \"API errors\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"api\"]\n+++\n\n## Resolved — 2026-11-20 11:00 UTC\nFixed.\n\n## Investigating — 2026-11-20 10:05 UTC\nLooking.\n";

const OTHER: &str = "+++\ntitle = \"Slow email\"\nimpact = \"minor\"\nstarted = 2025-03-02T10:00:00Z\naffected = [\"mail\"]\n+++\n\n## Resolved — 2025-03-02 12:00 UTC\nDelivered.\n";

/// A site of three incidents in different months.
fn site() -> TempSite {
    let site = TempSite::new();
    site.write("incidents/2026-11-20-api.md", POST);
    site.write("incidents/2025-03-02-mail.md", OTHER);
    site.write(
        "incidents/2024-06-01-web.md",
        &OTHER
            .replace("Slow email", "Website down")
            .replace("2025-03-02", "2024-06-01")
            .replace("mail", "web"),
    );
    site
}

/// Every file below `dir`: inode, modification time and bytes, by relative path.
fn files(dir: &Path) -> BTreeMap<String, (u64, i64, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (
                rel.into_owned(),
                (
                    meta.ino(),
                    meta.mtime_nsec() + meta.mtime() * 1_000_000_000,
                    fs::read(e.path()).unwrap(),
                ),
            )
        })
        .collect()
}

/// A fresh build of `site` into an empty folder beside it.
fn fresh_build(site: &TempSite) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let fresh = out.path().join("fresh");
    assert_ok(&site.run(&["build", "--output", fresh.to_str().unwrap()]));
    snapshot_tree(&fresh)
}

/// Names beside the output that start with a dot (staging folders, locks).
fn hidden_beside(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// Every file below `dir` has one link: nothing of a previous output or staging folder remains.
fn assert_links_within(site: &TempSite) {
    let (out, spare) = (
        site.path().join("public"),
        site.path().join(".public.spare"),
    );
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let meta = entry.metadata().unwrap();
            let rel = entry.path().strip_prefix(&out).unwrap();
            let in_spare = fs::symlink_metadata(spare.join(rel)).ok();
            let shared = in_spare.is_some_and(|s| (s.dev(), s.ino()) == (meta.dev(), meta.ino()));
            assert_eq!(
                meta.nlink(),
                if shared { 2 } else { 1 },
                "{} has no link but its own and the spare's",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_rebuild_after_one_edit_links_unchanged_files_and_writes_the_changed_ones() {
    let site = site();
    let out = site.path().join("public");
    assert_ok(&site.run(&["build"]));
    let before = files(&out);
    site.write(
        "incidents/2026-11-20-api.md",
        &POST.replace("API errors", "API timeouts"),
    );
    let o = site.run(&["build", "--timings"]);
    assert_ok(&o);
    let after = files(&out);

    let (mut carried, mut written) = (Vec::new(), Vec::new());
    for (path, (ino, mtime, bytes)) in &after {
        match before.get(path) {
            Some((old_ino, old_mtime, old)) if old == bytes => {
                assert_eq!(ino, old_ino, "{path} is unchanged and carried over");
                assert_eq!(mtime, old_mtime, "{path} keeps its modification time");
                carried.push(path.as_str());
            }
            _ => {
                assert!(
                    before.values().all(|(old_ino, _, _)| old_ino != ino),
                    "{path} changed and is a new file"
                );
                written.push(path.as_str());
            }
        }
    }
    assert!(
        written.contains(&"incidents/2026-11-20-api/index.html"),
        "{written:?}"
    );
    assert!(
        carried.contains(&"incidents/2025-03-02-mail/index.html") && carried.len() > written.len(),
        "carried {carried:?}, written {written:?}"
    );
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "writer: {} files carried over, {} written, staged in a new folder;",
            carried.len(),
            written.len()
        )),
        "{err}"
    );
    assert_eq!(
        snapshot_tree(&out),
        fresh_build(&site),
        "same as a fresh build"
    );
    assert_links_within(&site);
    assert_eq!(hidden_beside(site.path()), [".public.spare"]);
}

#[test]
fn a_failed_build_after_a_carried_over_build_leaves_the_output_intact() {
    let site = site();
    let out = site.path().join("public");
    assert_ok(&site.run(&["build"]));
    let first = files(&out);
    assert_ok(&site.run(&["build"]));
    let before = files(&out);
    assert_eq!(before, first, "every file carried over");
    // Only one incident's page fails, at render time: the others are linked into the staging
    // folder before the build gives up.
    site.write(
        "templates/incident.html",
        "{{ post.title }}{% if post.id == \"2024-06-01-web\" %}{{ no_such.value }}{% endif %}",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(files(&out), before, "same files, same inodes, same times");
    assert_links_within(&site);
    assert_eq!(hidden_beside(site.path()), [".public.spare"]);

    fs::remove_file(site.path().join("templates/incident.html")).unwrap();
    assert_ok(&site.run(&["build"]));
    assert_eq!(snapshot_tree(&out), fresh_build(&site));
}

#[test]
fn a_previous_output_is_never_followed_out_of_itself() {
    let site = site();
    let out = site.path().join("public");
    assert_ok(&site.run(&["build"]));
    let expected = snapshot_tree(&out);
    let before = files(&out);
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = |rel: &str| elsewhere.path().join(rel);

    // A page replaced by a link to an identical file outside the output.
    let linked_file = "incidents/2026-11-20-api/index.html";
    fs::copy(out.join(linked_file), outside("page.html")).unwrap();
    fs::remove_file(out.join(linked_file)).unwrap();
    std::os::unix::fs::symlink(outside("page.html"), out.join(linked_file)).unwrap();
    // A page's folder replaced by a link to an identical folder outside.
    let linked_dir = "incidents/2025-03-02-mail";
    fs::create_dir(outside("folder")).unwrap();
    fs::rename(
        out.join(linked_dir).join("index.html"),
        outside("folder/index.html"),
    )
    .unwrap();
    fs::remove_dir(out.join(linked_dir)).unwrap();
    std::os::unix::fs::symlink(outside("folder"), out.join(linked_dir)).unwrap();
    // A page that is also linked from outside (a second hard link).
    let shared = "incidents/2024-06-01-web/index.html";
    fs::hard_link(out.join(shared), outside("shared.html")).unwrap();
    // A file whose permissions differ from those of a new file.
    let private = "index.html";
    fs::set_permissions(out.join(private), fs::Permissions::from_mode(0o600)).unwrap();
    // Files that are not regular files: a socket, and on Linux a named pipe, which would block
    // a reader that opened it.
    let socket = "badge.svg";
    fs::remove_file(out.join(socket)).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(out.join(socket)).unwrap();
    #[cfg(target_os = "linux")]
    let pipe = {
        use rustix::fs::{CWD, FileType, Mode, mknodat};
        let pipe = "404.html";
        fs::remove_file(out.join(pipe)).unwrap();
        mknodat(CWD, out.join(pipe), FileType::Fifo, Mode::from(0o644), 0).unwrap();
        pipe
    };
    let outside_before = files(elsewhere.path());

    assert_ok(&site.run(&["build"]));
    assert_eq!(
        snapshot_tree(&out),
        expected,
        "every file rebuilt, none followed"
    );
    let after = files(&out);
    #[cfg(target_os = "linux")]
    let special = [linked_file, shared, private, socket, pipe];
    #[cfg(not(target_os = "linux"))]
    let special = [linked_file, shared, private, socket];
    for rel in special
        .iter()
        .copied()
        .chain([&*format!("{linked_dir}/index.html")])
    {
        let meta = fs::symlink_metadata(out.join(rel)).unwrap();
        assert!(meta.file_type().is_file(), "{rel} is a regular file");
        assert!(
            outside_before
                .values()
                .all(|(ino, _, _)| *ino != after[rel].0),
            "{rel} shares no inode with a file outside the output"
        );
        assert_eq!(
            meta.permissions().mode() & 0o7777,
            fs::metadata(out.join("api")).unwrap().mode() & 0o666,
            "{rel}"
        );
    }
    let untouched = "history/index.html";
    assert_eq!(
        after[untouched].0, before[untouched].0,
        "{untouched} is carried over in the same build"
    );
    let outside_after = files(elsewhere.path());
    assert_eq!(
        outside_after, outside_before,
        "nothing outside the output changed"
    );
    assert_eq!(fs::metadata(outside("page.html")).unwrap().nlink(), 1);
    assert_eq!(
        fs::metadata(outside("folder/index.html")).unwrap().nlink(),
        1
    );
    assert_links_within(&site);
    // The previous output is the spare now, which the next build takes as its staging folder:
    // nothing in it is followed either, and the link from outside is dropped.
    assert_ok(&site.run(&["build"]));
    assert_eq!(snapshot_tree(&out), expected);
    assert_eq!(files(elsewhere.path()), outside_before);
    assert_eq!(fs::metadata(outside("shared.html")).unwrap().nlink(), 1);
    assert_eq!(fs::metadata(outside("page.html")).unwrap().nlink(), 1);
    assert_links_within(&site);
}

#[test]
fn a_build_of_another_clock_carries_over_only_what_did_not_change() {
    // Same files, another instant: pages that show the build time are written anew, and the
    // result is still exactly a fresh build at that instant.
    let site = site();
    let out = site.path().join("public");
    assert_ok(&site.run(&["build"]));
    let later = "2026-11-23T12:30:00Z";
    assert_ok(&site.run(&["build", "--now", later]));
    let out2 = tempfile::tempdir().unwrap();
    let fresh = out2.path().join("fresh");
    assert_ok(&site.run(&["build", "--now", later, "--output", fresh.to_str().unwrap()]));
    assert_eq!(snapshot_tree(&out), snapshot_tree(&fresh));
}

#[test]
fn the_previous_output_is_kept_as_the_spare_and_the_next_build_is_staged_in_it() {
    let site = site();
    let out = site.path().join("public");
    let spare = site.path().join(".public.spare");
    assert_ok(&site.run(&["build"]));
    assert!(!spare.exists(), "no previous output, no spare");
    site.write(
        "incidents/2026-11-20-api.md",
        &POST.replace("API errors", "API timeouts"),
    );
    assert_ok(&site.run(&["build"]));
    assert_eq!(
        fs::read_to_string(spare.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*"),
        "git ignores the spare"
    );
    let before = files(&out);

    // Another edit, a deleted incident (its page and folder must go) and a new one.
    site.write(
        "incidents/2026-11-20-api.md",
        &POST.replace("API errors", "API outage"),
    );
    fs::remove_file(site.path().join("incidents/2024-06-01-web.md")).unwrap();
    site.write(
        "incidents/2023-01-05-dns.md",
        &OTHER
            .replace("Slow email", "DNS failures")
            .replace("2025-03-02", "2023-01-05"),
    );
    let o = site.run(&["build", "--timings"]);
    assert_ok(&o);
    assert!(stderr(&o).contains("staged in the spare"), "{}", stderr(&o));
    assert_eq!(
        snapshot_tree(&out),
        fresh_build(&site),
        "same as a fresh build"
    );
    assert!(!out.join("incidents/2024-06-01-web").exists());
    assert!(
        !out.join(".gitignore").exists(),
        "the spare's mark is not published"
    );
    let after = files(&out);
    let mut kept = 0;
    for (path, (ino, mtime, bytes)) in &after {
        match before.get(path) {
            Some((old_ino, old_mtime, old)) if old == bytes => {
                assert_eq!((ino, mtime), (old_ino, old_mtime), "{path} is kept");
                kept += 1;
            }
            _ => assert!(
                before.values().all(|(old_ino, _, _)| old_ino != ino),
                "{path} changed and is a new file"
            ),
        }
    }
    assert!(kept > after.len() / 2, "kept {kept} of {}", after.len());
    assert_links_within(&site);
    assert_eq!(hidden_beside(site.path()), [".public.spare"]);
    // The spare holds the output before: the build after it has nothing to tidy up but that.
    assert!(spare.join("incidents/2024-06-01-web/index.html").is_file());
}

#[test]
fn git_does_not_see_the_spare() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    assert_ok(&site.run(&["build"]));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(site.path())
            .output()
    };
    let Ok(init) = git(&["init", "--quiet"]) else {
        skip("git_does_not_see_the_spare", "git is not installed");
        return;
    };
    assert!(init.status.success());
    let status = git(&["status", "--porcelain", "--untracked-files=all"]).unwrap();
    let listed = String::from_utf8_lossy(&status.stdout);
    assert!(listed.contains("incidents/"), "{listed}");
    assert!(!listed.contains(".public.spare"), "{listed}");
}

/// Says why a test could not run, past the harness's capture; fails instead under `CI=true`,
/// where every test must run whole.
fn skip(test: &str, why: &str) {
    use std::io::Write as _;
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{why}; {test} must run in CI");
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

#[test]
fn a_spare_file_is_kept_only_where_it_is_the_very_file_of_the_output() {
    let site = site();
    let out = site.path().join("public");
    let spare = site.path().join(".public.spare");
    assert_ok(&site.run(&["build"]));
    assert_ok(&site.run(&["build"]));
    let expected = snapshot_tree(&out);
    // The spare's copy of a page is replaced by other bytes, while the output's page gets a
    // second link from outside: it has two links, like a page the spare shares, but not the
    // spare's.
    let page = "incidents/2025-03-02-mail/index.html";
    fs::remove_file(spare.join(page)).unwrap();
    fs::write(spare.join(page), "not the page").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::hard_link(out.join(page), elsewhere.path().join("page.html")).unwrap();
    // And a page of the spare is a link out of it.
    let other = "incidents/2026-11-20-api/index.html";
    fs::remove_file(spare.join(other)).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("page.html"), spare.join(other)).unwrap();

    assert_ok(&site.run(&["build"]));
    assert_eq!(snapshot_tree(&out), expected);
    let outside = fs::metadata(elsewhere.path().join("page.html")).unwrap();
    assert_ne!(
        fs::metadata(out.join(page)).unwrap().ino(),
        outside.ino(),
        "the output shares no file with outside"
    );
    assert_eq!(
        fs::read(elsewhere.path().join("page.html")).unwrap(),
        expected.iter().find(|(p, _)| p == page).unwrap().1,
        "nothing was written through the link"
    );
    assert_links_within(&site);
}
