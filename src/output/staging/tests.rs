//! The staging folder: written as it goes, swapped in whole, gone unless committed.

use super::*;
use crate::output::Output;

/// Writes all of `output` into `dir` through a staging folder, as a build does.
fn write_atomic(output: &Output, dir: &Path, site_root: &Path) -> Result<()> {
    let staging = StagingDir::create(dir, site_root)?;
    for (path, bytes) in output.iter() {
        staging.put(path, bytes.to_vec());
    }
    staging.commit().map(|_| ())
}

#[test]
fn replaces_previous_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut a = Output::new();
    a.insert("index.html", "one");
    a.insert("old/page.html", "gone soon");
    write_atomic(&a, &out, &tmp.path().join("site")).unwrap();
    let mut b = Output::new();
    b.insert("index.html", "two");
    b.insert("deep/er/file.txt", "x");
    write_atomic(&b, &out, &tmp.path().join("site")).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
    assert!(!out.join("old").exists());
    assert!(out.join("deep/er/file.txt").exists());
    let mut leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    #[cfg(unix)]
    assert_eq!(
        leftovers,
        [".public.spare", "public"],
        "the previous output is the spare"
    );
    #[cfg(not(unix))]
    assert_eq!(leftovers, ["public"]);
}

#[test]
fn staging_dir_writes_as_it_goes_and_vanishes_unless_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let site = tmp.path().join("site");
    let staging = StagingDir::create(&out, &site).unwrap();
    staging.put("a/b/page.html", b"first".to_vec());
    staging.put("a/b/page.html", b"second!".to_vec());
    staging.put("top.txt", b"x".to_vec());
    let names = |dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let pid = std::process::id();
    assert_eq!(
        names(tmp.path()),
        [format!(".public.lock-{pid}"), format!(".public.new-{pid}")],
        "the staging folder and the lock held while it exists"
    );
    drop(staging);
    #[cfg(unix)]
    assert_eq!(
        names(tmp.path()),
        [".public.spare"],
        "a dropped staging folder is the spare of the next build"
    );
    #[cfg(not(unix))]
    assert!(names(tmp.path()).is_empty(), "dropped staging is removed");

    let staging = StagingDir::create(&out, &site).unwrap();
    staging.put("a/b/page.html", b"first".to_vec());
    staging.put("a/b/page.html", b"second!".to_vec());
    staging.put("top.txt", b"x".to_vec());
    let (written, _) = staging.commit().unwrap();
    assert_eq!(written, Written { files: 2, bytes: 8 });
    assert_eq!(fs::read(out.join("a/b/page.html")).unwrap(), b"second!");
    // It was staged in the spare, and there was no previous output to keep as the next one.
    assert_eq!(names(tmp.path()), ["public"]);
}

#[test]
fn a_failed_write_fails_the_commit_and_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let site = tmp.path().join("site");
    let mut a = Output::new();
    a.insert("index.html", "one");
    write_atomic(&a, &out, &site).unwrap();
    let staging = StagingDir::create(&out, &site).unwrap();
    staging.put("file", b"x".to_vec());
    // A folder cannot be created where a file is.
    staging.put("file/index.html", b"y".to_vec());
    let err = staging.commit().unwrap_err();
    assert!(format!("{err:#}").contains("cannot create"), "{err:#}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    let mut leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        ["public"],
        "a staging folder the writer failed in is not kept as the spare"
    );
}

#[test]
fn refuses_to_replace_the_site_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write_atomic(&Output::new(), tmp.path(), &tmp.path().join("sub")).unwrap_err();
    assert!(err.to_string().contains("contains the site folder"));
}

#[cfg(unix)]
#[test]
fn a_path_put_twice_never_writes_into_a_carried_file() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let site = tmp.path().join("site");
    let mut a = Output::new();
    a.insert("dir/page.html", "same");
    a.insert("other.html", "kept");
    write_atomic(&a, &out, &site).unwrap();
    let mut staging = StagingDir::create(&out, &site).unwrap();
    // First linked from the previous output, then replaced by other bytes.
    staging.put("dir/page.html", b"same".to_vec());
    staging.put("dir/page.html", b"changed".to_vec());
    staging.put("other.html", b"kept".to_vec());
    staging.finish_writing();
    assert_eq!(fs::read(out.join("dir/page.html")).unwrap(), b"same");
    assert_eq!(fs::metadata(out.join("dir/page.html")).unwrap().nlink(), 1);
    assert_eq!(fs::metadata(out.join("other.html")).unwrap().nlink(), 2);
    let (written, writing) = staging.commit().unwrap();
    assert_eq!(fs::read(out.join("dir/page.html")).unwrap(), b"changed");
    assert_eq!(
        written,
        Written {
            files: 2,
            bytes: 11
        }
    );
    assert_eq!((writing.carried, writing.written), (1, 1));
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_replaced_and_what_it_points_to_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.txt"), "outside the output").unwrap();
    let out = tmp.path().join("public");
    std::os::unix::fs::symlink(&elsewhere, &out).unwrap();
    let mut a = Output::new();
    a.insert("index.html", "one");
    write_atomic(&a, &out, &tmp.path().join("site")).unwrap();
    assert!(fs::symlink_metadata(&out).unwrap().is_dir());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    assert_eq!(
        fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
        "outside the output"
    );
    let mut leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    assert_eq!(leftovers, ["elsewhere", "public"]);
}
