//! Runs a CI job's script as the CI service would, against git repositories on disk: a bare
//! repository the job clones and pushes to, a working copy for the commits others push
//! meanwhile, and stand-ins on `PATH` for `statuspress` (which appends to the notify ledger, or
//! to a probe's samples and incident, as the test asks, and counts its runs), `sleep`, `apk` and
//! `gh` (which records its arguments).
#![allow(dead_code, reason = "each test file uses a different subset")]

use crate::common::{NOW, assert_ok, copy_dir, statuspress, stdout};
use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Says why a test could not run; fails instead under `CI=true`.
pub fn skip(test: &str, why: &str) {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{why}; {test} must run in CI");
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The first of `tools` that is not installed, if any.
pub fn missing(tools: &[&str]) -> Option<String> {
    tools
        .iter()
        .find(|tool| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .map(|tool| format!("`{tool}` not found"))
}

/// A repository on disk that a job clones and pushes to, with a working copy (`seed`) for the
/// commits others push meanwhile, and the stand-ins a job's script finds on `PATH`.
pub struct Remote {
    tmp: tempfile::TempDir,
}

impl Remote {
    /// A bare repository at `origin/group/site.git` holding the site `init` wrote in `site`, on
    /// the branch `main`.
    pub fn new(site: &Path) -> Remote {
        let remote = Remote {
            tmp: tempfile::tempdir().unwrap(),
        };
        let bare = remote.bare();
        fs::create_dir_all(&bare).unwrap();
        remote.git(&bare, &["init", "-q", "--bare", "-b", "main"]);
        // GitLab's push options (ci.skip) need a server that takes them; the hook records them.
        remote.git(&bare, &["config", "receive.advertisePushOptions", "true"]);
        let hook = bare.join("hooks/post-receive");
        fs::write(
            &hook,
            "#!/bin/sh\ni=0\nwhile [ \"$i\" -lt \"${GIT_PUSH_OPTION_COUNT:-0}\" ]; do\n  eval \"echo \\$GIT_PUSH_OPTION_$i\" >> push-options\n  i=$((i + 1))\ndone\n",
        )
        .unwrap();
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
        copy_dir(site, &remote.seed());
        remote.git(&remote.seed(), &["init", "-q", "-b", "main"]);
        remote.commit_all("The site as init wrote it");
        let url = remote.url();
        remote.git(&remote.seed(), &["remote", "add", "origin", &url]);
        remote.git(&remote.seed(), &["push", "-q", "origin", "main"]);
        let bin = remote.path().join("fakebin");
        fs::create_dir_all(&bin).unwrap();
        // What `statuspress notify` and `statuspress probe` do to the repository, as the test
        // asks for it: notify appends FAKE_SENT to the ledger; probe appends FAKE_SAMPLE to a
        // probe's samples and FAKE_INCIDENT to its incident.
        let fake = "#!/bin/sh\necho \"$@\" >> \"$FAKE_RUNS\"\ncase \"$1\" in notify|probe) ;; *) exit 9 ;; esac\nif [ -n \"${FAKE_BEFORE:-}\" ]; then sh -c \"$FAKE_BEFORE\" || exit 8; fi\nif [ \"$1\" = probe ]; then\n  if [ -n \"${FAKE_SAMPLE:-}\" ]; then\n    mkdir -p .statuspress/probes/api-health\n    printf '%s\\n' \"$FAKE_SAMPLE\" >> .statuspress/probes/api-health/samples.csv\n  fi\n  if [ -n \"${FAKE_INCIDENT:-}\" ]; then\n    mkdir -p incidents\n    printf '%s\\n' \"$FAKE_INCIDENT\" >> incidents/2026-11-23-api-health-failing.md\n  fi\nelif [ -n \"${FAKE_SENT:-}\" ]; then\n  mkdir -p .statuspress\n  printf '%s\\n' \"$FAKE_SENT\" >> .statuspress/notified.json\nelse\n  echo \"nothing to send\"\nfi\nexit \"${FAKE_EXIT:-0}\"\n";
        // No waiting between push attempts here; and no package manager.
        for (name, body) in [
            ("statuspress", fake),
            ("sleep", "#!/bin/sh\nexit 0\n"),
            ("apk", "#!/bin/sh\necho \"$@\" >> \"$FAKE_RUNS.apk\"\n"),
            ("gh", "#!/bin/sh\necho \"$@\" >> \"$FAKE_RUNS.gh\"\n"),
        ] {
            fs::write(bin.join(name), body).unwrap();
            fs::set_permissions(bin.join(name), fs::Permissions::from_mode(0o755)).unwrap();
        }
        remote
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn bare(&self) -> PathBuf {
        self.path().join("origin/group/site.git")
    }

    pub fn url(&self) -> String {
        format!("file://{}", self.bare().display())
    }

    pub fn seed(&self) -> PathBuf {
        self.path().join("seed")
    }

    /// Runs git in `dir` with an identity and no configuration of this machine.
    pub fn command(&self, dir: &Path) -> Command {
        let mut c = Command::new("git");
        c.current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.path().join("gitconfig"))
            .env("GIT_AUTHOR_NAME", "Operator")
            .env("GIT_AUTHOR_EMAIL", "ops@acme.test")
            .env("GIT_COMMITTER_NAME", "Operator")
            .env("GIT_COMMITTER_EMAIL", "ops@acme.test");
        c
    }

    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let o = self.command(dir).args(args).output().unwrap();
        assert_ok(&o);
        stdout(&o)
    }

    pub fn commit_all(&self, message: &str) {
        self.git(&self.seed(), &["add", "-A"]);
        self.git(&self.seed(), &["commit", "-q", "-m", message]);
    }

    /// The shell command that pushes a commit writing `text` to `file` from the seed, as a
    /// person (or another run) would while a job runs.
    pub fn push_meanwhile(&self, file: &str, text: &str) -> String {
        let git = "git -c user.name=Operator -c user.email=ops@acme.test";
        format!(
            "cd '{}' && {git} pull -q --rebase origin main && mkdir -p \"$(dirname '{file}')\" && printf '%s\\n' '{text}' >> '{file}' && {git} add -A && {git} commit -q -m 'Meanwhile: {file}' && {git} push -q origin main",
            self.seed().display()
        )
    }

    /// A fresh clone of `main`, one commit deep, as `actions/checkout` makes it.
    pub fn checkout(&self, name: &str) -> PathBuf {
        let work = self.path().join(name);
        let url = self.url();
        self.git(
            self.path(),
            &[
                "clone",
                "-q",
                "--depth",
                "1",
                "--branch",
                "main",
                &url,
                work.to_str().unwrap(),
            ],
        );
        work
    }

    /// Runs `shell script` in `work` with the stand-ins first on `PATH` and `env`.
    pub fn run(&self, shell: &[&str], script: &str, work: &Path, env: &[(&str, &str)]) -> Output {
        let path = format!(
            "{}:{}",
            self.path().join("fakebin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut c = Command::new(shell[0]);
        c.args(&shell[1..])
            .arg(script)
            .current_dir(work)
            .env("PATH", path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.path().join("gitconfig"))
            .env("FAKE_RUNS", self.path().join("runs"))
            .env_remove("FAKE_SENT")
            .env_remove("FAKE_BEFORE")
            .env_remove("FAKE_EXIT")
            .env_remove("FAKE_SAMPLE")
            .env_remove("FAKE_INCIDENT");
        for (k, v) in env {
            c.env(k, v);
        }
        let _ = fs::remove_file(self.path().join("runs"));
        let _ = fs::remove_file(self.path().join("runs.gh"));
        c.output().unwrap()
    }

    /// How often the stand-in `statuspress` ran in the last `run`.
    pub fn notify_runs(&self) -> usize {
        fs::read_to_string(self.path().join("runs"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// The arguments of each `gh` command the last `run` ran, one line each.
    pub fn gh_runs(&self) -> Vec<String> {
        fs::read_to_string(self.path().join("runs.gh"))
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// The subjects of `main`'s commits on the remote, newest first.
    pub fn log(&self) -> Vec<String> {
        self.git(&self.bare(), &["log", "--format=%s", "main"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// A file of `main` on the remote.
    pub fn show(&self, file: &str) -> String {
        self.git(&self.bare(), &["show", &format!("main:{file}")])
    }

    /// The files the newest commit of `main` changed.
    pub fn changed(&self) -> Vec<String> {
        self.git(&self.bare(), &["show", "--format=", "--name-only", "main"])
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// Runs `init DIR --host HOST` in `parent`; returns DIR.
pub fn init(parent: &Path, host: &str) -> PathBuf {
    let dir = parent.join(format!("{host}-site"));
    assert_ok(&statuspress(&[
        "init",
        dir.to_str().unwrap(),
        "--host",
        host,
        "--now",
        NOW,
    ]));
    dir
}

/// A YAML file, parsed.
pub fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A YAML value that must be a string.
pub fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

/// The run script of the last step of `job` in the GitHub workflow `workflow` of the site in
/// `dir`.
pub fn github_job_script(dir: &Path, workflow: &str, job: &str) -> String {
    let y = yaml(&dir.join(workflow));
    let steps = y["jobs"][job]["steps"].as_sequence().unwrap();
    text(&steps.last().unwrap()["run"]).to_string()
}

/// The one-line script of the GitLab job `job` of the site in `dir`.
pub fn gitlab_job_script(dir: &Path, job: &str) -> String {
    let y = yaml(&dir.join(".gitlab-ci.yml"));
    let script = y[job]["script"].as_sequence().unwrap();
    assert_eq!(script.len(), 1);
    text(&script[0]).to_string()
}

/// The variables GitLab gives a job, for the project at `remote`.
pub fn gitlab_env(remote: &Remote) -> Vec<(&'static str, String)> {
    vec![
        (
            "CI_SERVER_URL",
            format!("file://{}", remote.path().join("origin").display()),
        ),
        ("CI_SERVER_HOST", "gitlab.acme.test".to_string()),
        ("CI_PROJECT_PATH", "group/site".to_string()),
        ("CI_DEFAULT_BRANCH", "main".to_string()),
    ]
}
