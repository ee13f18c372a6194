//! The benchmark's site generator writes valid, realistic and deterministic sites.

mod common;
#[allow(
    dead_code,
    reason = "the example uses parts of the generator this test does not"
)]
#[path = "../examples/gen_site/mod.rs"]
mod gen_site;

use common::{NOW, snapshot_tree, statuspress, stderr, stdout};
use gen_site::{END, Params, write_site};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const SMALL: Params = Params {
    incidents: 60,
    components: 8,
    seed: 7,
};

fn generate(p: &Params) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = write_site(p, dir.path()).unwrap();
    assert_eq!(files, 2 + p.incidents + p.maintenance());
    dir
}

fn root_arg(dir: &Path) -> String {
    dir.to_str().unwrap().to_string()
}

#[test]
fn generated_site_passes_check_without_warnings() {
    assert_eq!(
        END, NOW,
        "the generator's history must end at the tests' clock"
    );
    let site = generate(&SMALL);
    let out = statuspress(&["check", "--root", &root_arg(site.path()), "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warnings expected");
    assert!(stdout(&out).starts_with("ok: "), "{}", stdout(&out));
}

#[test]
fn generated_site_has_history_ongoing_incidents_and_maintenance() {
    let site = generate(&SMALL);
    let years: BTreeSet<String> = fs::read_dir(site.path().join("incidents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        years.len() >= 8,
        "incidents should span ten years: {years:?}"
    );
    assert!(
        years
            .iter()
            .all(|y| ("2016"..="2026").contains(&y.as_str())),
        "{years:?}"
    );
    let out = statuspress(&["build", "--root", &root_arg(site.path()), "--now", NOW]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(
        index.contains("Ongoing incidents"),
        "some incidents are open"
    );
    assert!(
        index.contains("Scheduled maintenance"),
        "a window lies ahead"
    );
    let history = site.path().join("public/history");
    let months = walkdir::WalkDir::new(&history)
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .count();
    assert!(months > 30, "history is split into many months: {months}");
    let text: String = fs::read_dir(site.path().join("incidents/2020"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let words = text.split_whitespace().count();
    let files = fs::read_dir(site.path().join("incidents/2020"))
        .unwrap()
        .count();
    assert!(
        words / files >= 150,
        "incidents have a few hundred words: {} per file",
        words / files
    );
}

#[test]
fn same_seed_gives_identical_sites_and_another_seed_does_not() {
    let a = generate(&SMALL);
    let b = generate(&SMALL);
    let c = generate(&Params { seed: 8, ..SMALL });
    let (ta, tb, tc) = (
        snapshot_tree(a.path()),
        snapshot_tree(b.path()),
        snapshot_tree(c.path()),
    );
    assert_eq!(ta.len(), tb.len());
    assert!(ta == tb, "two generations with the same seed differ");
    assert!(ta != tc, "another seed gave the same site");
}

#[test]
fn refuses_to_write_into_a_folder_with_files() {
    let site = generate(&SMALL);
    let err = write_site(&SMALL, site.path()).unwrap_err();
    assert!(err.to_string().contains("is not empty"), "{err}");
}
