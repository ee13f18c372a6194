//! The `.gitlab-ci.yml` that `init --host gitlab` writes: the structure GitLab requires, what
//! its jobs run, which pipelines run which jobs (its rules, evaluated here), and its install
//! step.
//!
//! The install step runs with `sh` against a release laid out as the real one
//! (`<tag>/statuspress-<target>.tar.gz` holding `statuspress-<target>/statuspress`, and its
//! `.sha256`), served by a stand-in `wget` from a folder. Only the install's destination is
//! changed, to a temporary folder. It needs `sh`, `tar`, `gzip` and `sha256sum`; without them
//! the test prints `SKIPPED` and passes, except under `CI=true`, where it fails.

mod common;

use common::*;
use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `init DIR --host gitlab`; returns its `.gitlab-ci.yml`, parsed.
fn init_gitlab(dir: &Path) -> Value {
    assert_ok(&statuspress(&[
        "init",
        dir.to_str().unwrap(),
        "--host",
        "gitlab",
        "--now",
        NOW,
    ]));
    let text = fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

/// The install script as `init` writes it, installing into `bin` instead of /usr/local/bin.
fn install_script(bin: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let ci = init_gitlab(&tmp.path().join("site"));
    let script = text(&ci["default"]["before_script"][0]);
    let target = "/usr/local/bin/statuspress";
    assert!(script.contains(target), "{script}");
    script.replace(target, bin.join("statuspress").to_str().unwrap())
}

#[test]
fn the_gitlab_ci_file_has_the_structure_gitlab_requires() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("status");
    let y = init_gitlab(&dir);
    assert!(!dir.join(".github").exists(), "no GitHub workflow");
    let stages: Vec<&str> = y["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    // Every job (a top-level mapping with a script) names a stage that exists.
    const KEYWORDS: [&str; 6] = [
        "default",
        "include",
        "stages",
        "variables",
        "workflow",
        "image",
    ];
    let mut jobs = Vec::new();
    for (name, job) in y.as_mapping().unwrap() {
        let name = text(name);
        if KEYWORDS.contains(&name) || name.starts_with('.') {
            continue;
        }
        assert!(job["script"].is_sequence(), "{name} has a script");
        assert!(
            stages.contains(&text(&job["stage"])),
            "{name}: {:?}",
            job["stage"]
        );
        jobs.push(name);
    }
    jobs.sort_unstable();
    assert_eq!(jobs, ["check", "notify", "pages", "probe"]);
    // Notify follows the deployment (tests/init_notify.rs runs its script); probe runs alone
    // (tests/init_probe.rs runs its script).
    assert_eq!(stages, ["probe", "check", "deploy", "notify"]);
    assert_eq!(text(&y["probe"]["resource_group"]), "probe");
    assert!(text(&y["default"]["image"]).starts_with("alpine:"));
    let install = text(&y["default"]["before_script"][0]);
    assert!(install.contains("sha256sum -c"), "{install}");
    assert!(install.contains("x86_64-unknown-linux-musl"), "{install}");

    let pages = &y["pages"];
    assert_eq!(
        pages["artifacts"]["paths"],
        serde_yaml::from_str::<Value>("[public]").unwrap()
    );
    let rules: Vec<&str> = pages["rules"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| text(&r["if"]))
        .collect();
    assert!(
        rules.contains(&"$CI_PIPELINE_SOURCE == \"schedule\""),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
        "{rules:?}"
    );
    assert_eq!(text(&pages["resource_group"]), "pages");
    assert_eq!(text(&pages["script"][0]), "statuspress build");

    let check = &y["check"];
    assert_eq!(
        text(&check["rules"][0]["if"]),
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    let report = text(&check["artifacts"]["reports"]["codequality"]);
    assert_eq!(text(&check["artifacts"]["when"]), "always");
    assert_eq!(
        text(&check["script"][0]),
        format!("statuspress check --format gitlab > {report}")
    );

    // What the jobs run, run here: the site builds into public/ at the project's root, and the
    // merge request check writes a report GitLab can read.
    let root = dir.to_str().unwrap();
    assert_ok(&statuspress(&["build", "--root", root, "--now", NOW]));
    assert!(dir.join("public/index.html").is_file());
    let o = statuspress(&["check", "--root", root, "--now", NOW, "--format", "gitlab"]);
    assert_ok(&o);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap(),
        serde_json::json!([])
    );
}

/// The value of one operand of a rule: a `$VARIABLE` (`None` when not set) or a quoted string.
fn operand<'a>(token: &'a str, vars: &[(&'a str, &'a str)]) -> Option<&'a str> {
    match token.strip_prefix('$') {
        Some(name) => vars.iter().find(|(k, _)| *k == name).map(|(_, v)| *v),
        None => Some(
            token
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .unwrap_or_else(|| panic!("not a quoted string: {token}")),
        ),
    }
}

/// Whether a rule's `if` holds: comparisons with `==` or `!=`, joined by `&&` (all this file
/// uses; anything else fails the test).
fn holds(condition: &str, vars: &[(&str, &str)]) -> bool {
    condition.split(" && ").all(|part| {
        let (lhs, op, rhs) = if let Some((l, r)) = part.split_once(" == ") {
            (l, true, r)
        } else if let Some((l, r)) = part.split_once(" != ") {
            (l, false, r)
        } else {
            panic!("unexpected condition: {part}")
        };
        (operand(lhs.trim(), vars) == operand(rhs.trim(), vars)) == op
    })
}

/// Whether GitLab adds `job` to a pipeline with `vars`: the first rule whose `if` holds
/// decides (`when: never` leaves the job out); no rule holding leaves it out too.
fn runs(job: &Value, vars: &[(&str, &str)]) -> bool {
    for rule in job["rules"].as_sequence().unwrap() {
        assert_eq!(
            rule.as_mapping().unwrap().len(),
            if rule.get("when").is_some() { 2 } else { 1 },
            "{rule:?}"
        );
        if holds(text(&rule["if"]), vars) {
            return rule.get("when").is_none_or(|w| text(w) != "never");
        }
    }
    false
}

/// A kind of pipeline: what it is, its variables, and the jobs it must run.
type Pipeline<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

#[test]
fn the_probe_schedule_runs_the_probe_job_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let y = init_gitlab(&tmp.path().join("status"));
    let default = [("CI_DEFAULT_BRANCH", "main")];
    let pipelines: [Pipeline; 6] = [
        (
            "a push to the default branch",
            vec![("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "main")],
            &["notify", "pages"],
        ),
        (
            "a push to another branch",
            vec![("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_BRANCH", "fix")],
            &[],
        ),
        (
            "a merge request",
            vec![("CI_PIPELINE_SOURCE", "merge_request_event")],
            &["check"],
        ),
        (
            "the 15-minute schedule",
            vec![
                ("CI_PIPELINE_SOURCE", "schedule"),
                ("CI_COMMIT_BRANCH", "main"),
            ],
            &["notify", "pages"],
        ),
        (
            "the probe schedule",
            vec![
                ("CI_PIPELINE_SOURCE", "schedule"),
                ("CI_COMMIT_BRANCH", "main"),
                ("STATUSPRESS_JOB", "probe"),
            ],
            &["probe"],
        ),
        (
            "a pipeline run by hand on the default branch",
            vec![("CI_PIPELINE_SOURCE", "web"), ("CI_COMMIT_BRANCH", "main")],
            &["notify", "pages"],
        ),
    ];
    for (what, mut vars, expected) in pipelines {
        vars.extend(default);
        let mut ran: Vec<&str> = ["check", "notify", "pages", "probe"]
            .into_iter()
            .filter(|job| runs(&y[*job], &vars))
            .collect();
        ran.sort_unstable();
        assert_eq!(ran, expected, "{what}");
    }
}

/// The release target of this machine, as the script picks it.
fn target() -> Option<&'static str> {
    match std::env::consts::ARCH {
        "x86_64" => Some("x86_64-unknown-linux-musl"),
        "aarch64" => Some("aarch64-unknown-linux-musl"),
        _ => None,
    }
}

fn tools_missing() -> Option<String> {
    ["sh", "tar", "gzip", "sha256sum"]
        .into_iter()
        .find(|tool| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .map(|tool| format!("`{tool}` not found"))
}

/// A release folder with the archive of the binary under test; returns the archive's path.
fn release(root: &Path, target: &str) -> PathBuf {
    let tag = root.join(format!("v{}", env!("CARGO_PKG_VERSION")));
    let binary = fs::read(env!("CARGO_BIN_EXE_statuspress")).unwrap();
    let archive = release_archive(&tag, target, &binary, &[]);
    let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
    assert_ok(&sum);
    // As published: the hash, then the file name.
    fs::write(
        archive.with_extension("gz.sha256"),
        format!(
            "{}  statuspress-{target}.tar.gz\n",
            stdout(&sum).split_whitespace().next().unwrap()
        ),
    )
    .unwrap();
    archive
}

/// A `wget -q [-T SECONDS] -O FILE URL` that copies URLs below the releases' address from
/// `releases`.
fn fake_wget(dir: &Path, releases: &Path) {
    let base = format!("{}/releases/download/", env!("CARGO_PKG_REPOSITORY"));
    let wget = dir.join("wget");
    fs::write(
        &wget,
        format!(
            "#!/bin/sh\nwhile [ $# -gt 1 ]; do\n  case \"$1\" in\n    -q) shift ;;\n    -T) [ \"$2\" -gt 0 ] || exit 9; shift 2 ;;\n    -O) out=$2; shift 2 ;;\n    *) exit 9 ;;\n  esac\ndone\n[ -n \"$out\" ] || exit 9\ncase \"$1\" in\n  '{base}'*) exec cp \"{}/${{1#'{base}'}}\" \"$out\" ;;\n  *) echo \"unexpected address $1\" >&2; exit 8 ;;\nesac\n",
            releases.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&wget, fs::Permissions::from_mode(0o755)).unwrap();
}

fn run(script: &str, work: &Path) -> Output {
    let path = format!(
        "{}:{}",
        work.join("fakebin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(work)
        .env("PATH", path)
        .env("TMPDIR", work.join("tmp"))
        .env("STATUSPRESS_VERSION", env!("CARGO_PKG_VERSION"))
        .output()
        .unwrap()
}

#[test]
fn the_gitlab_install_checks_the_archive_before_installing_it() {
    let why = match (tools_missing(), target()) {
        (Some(why), _) => Some(why),
        (None, None) => Some(format!("no release for {}", std::env::consts::ARCH)),
        (None, Some(_)) => None,
    };
    if let Some(why) = why {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!in_ci, "{why}; the install test must run in CI");
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_gitlab_install_checks_the_archive_before_installing_it: {why}"
        );
        return;
    }
    let target = target().unwrap();
    let work = tempfile::tempdir().unwrap();
    let work = work.path();
    for d in ["fakebin", "tmp", "bin", "releases"] {
        fs::create_dir_all(work.join(d)).unwrap();
    }
    let archive = release(&work.join("releases"), target);
    fake_wget(&work.join("fakebin"), &work.join("releases"));
    let script = install_script(&work.join("bin"));
    let installed = work.join("bin/statuspress");

    // A good archive is installed, executable, and runs.
    let o = run(&script, work);
    assert_ok(&o);
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        stdout(&version).trim(),
        format!("statuspress {}", env!("CARGO_PKG_VERSION"))
    );
    fs::remove_file(&installed).unwrap();

    // An archive that is not the one published fails the job, and nothing is installed.
    let mut bytes = fs::read(&archive).unwrap();
    bytes.push(0);
    fs::write(&archive, bytes).unwrap();
    let o = run(&script, work);
    assert!(!o.status.success(), "a wrong checksum must fail");
    assert!(!installed.exists(), "nothing is installed");

    // A checksum file without a SHA-256 fails with a message that says so.
    fs::write(archive.with_extension("gz.sha256"), "Not Found\n").unwrap();
    let o = run(&script, work);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("does not start with a SHA-256"),
        "{}",
        stderr(&o)
    );
    assert!(!installed.exists());
}
