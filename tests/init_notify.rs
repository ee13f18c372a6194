//! The notify job that `init` writes: in the GitHub workflow (github, cloudflare, netlify) after
//! the job that publishes, and in `.gitlab-ci.yml` after `pages`.
//!
//! Its script runs here as CI would run it, against git repositories on disk
//! (`ci_job_support`), with a stand-in `statuspress` on `PATH` that does what `statuspress
//! notify` does to the repository (appends to `.statuspress/notified.json`, or says there is
//! nothing to do) and counts its runs. The script commits the ledger once, never runs notify a
//! second time, puts its commit on top of one pushed meanwhile, passes a failed channel's exit
//! code on after committing what was sent, and on GitLab skips cleanly without
//! `STATUSPRESS_PUSH_TOKEN`. Both scripts pass shellcheck.
//! Without `git`, `bash` or `shellcheck` a test prints `SKIPPED` and passes, except under
//! `CI=true`, where it fails.

mod ci_job_support;
mod common;

use ci_job_support::*;
use common::*;
use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::process::Command;

/// The conventional names of the channels' secrets, passed to notify as they are.
const SECRETS: [&str; 7] = [
    "SLACK_WEBHOOK_URL",
    "DISCORD_WEBHOOK_URL",
    "TEAMS_WEBHOOK_URL",
    "STATUSPRESS_WEBHOOK_URL",
    "STATUSPRESS_WEBHOOK_SECRET",
    "SMTP_URL",
    "MASTODON_TOKEN",
];

const LEDGER: &str = ".statuspress/notified.json";

#[test]
fn the_github_notify_job_runs_after_each_publish_with_the_secrets() {
    let tmp = tempfile::tempdir().unwrap();
    for (host, publisher) in [
        ("github", "deploy"),
        ("cloudflare", "build"),
        ("netlify", "build"),
    ] {
        let y = yaml(&init(tmp.path(), host).join(".github/workflows/statuspress.yml"));
        let jobs = &y["jobs"];
        let notify = &jobs["notify"];
        assert_eq!(text(&notify["needs"]), publisher, "{host}");
        assert_eq!(
            text(&notify["if"]),
            format!("${{{{ !cancelled() && needs.{publisher}.result == 'success' }}}}"),
            "{host}: only after a publish that succeeded"
        );
        // The job that publishes never runs for pull requests, so neither does notify.
        assert!(
            text(&jobs["build"]["if"]).contains("github.event_name != 'pull_request'"),
            "{host}"
        );
        if publisher == "deploy" {
            assert_eq!(text(&jobs["deploy"]["needs"]), "build");
        }
        assert_eq!(
            notify["permissions"],
            serde_yaml::from_str::<Value>("contents: write").unwrap(),
            "{host}: it pushes the ledger, and needs nothing else"
        );
        assert_eq!(text(&notify["concurrency"]["group"]), "statuspress-notify");
        assert_eq!(
            notify["concurrency"]["cancel-in-progress"],
            Value::Bool(false),
            "{host}: a run is never cancelled halfway"
        );
        assert!(notify["timeout-minutes"].as_u64().unwrap() <= 15, "{host}");
        let steps = notify["steps"].as_sequence().unwrap();
        assert_eq!(steps.len(), 3, "{host}");
        assert_eq!(text(&steps[0]["uses"]), "actions/checkout@v7");
        assert_eq!(text(&steps[0]["with"]["ref"]), "main");
        // Installed exactly as the other jobs install it.
        assert_eq!(steps[1], jobs["alert"]["steps"][1], "{host}");
        let run = &steps[2];
        let env = run["env"].as_mapping().unwrap();
        assert_eq!(env.len(), SECRETS.len(), "{host}: {env:?}");
        for name in SECRETS {
            assert_eq!(
                text(&run["env"][name]),
                format!("${{{{ secrets.{name} }}}}"),
                "{host}"
            );
        }
        let script = text(&run["run"]);
        assert!(
            !script.contains("${{"),
            "{host}: secrets only through the environment"
        );
        for line in [
            "statuspress notify || sent=$?",
            "git add .statuspress/notified.json",
            "git push -q origin \"HEAD:main\"",
            "git rebase -q FETCH_HEAD",
        ] {
            assert!(script.contains(line), "{host}: {line}");
        }
    }
}

#[test]
fn the_gitlab_notify_job_follows_pages_and_names_its_variables() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path(), "gitlab");
    let y = yaml(&dir.join(".gitlab-ci.yml"));
    let stages: Vec<&str> = y["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(stages, ["probe", "check", "deploy", "notify"]);
    let notify = &y["notify"];
    assert_eq!(text(&notify["stage"]), "notify");
    assert_eq!(
        notify["rules"], y["pages"]["rules"],
        "the same pipelines as pages"
    );
    assert_eq!(text(&notify["resource_group"]), "notify");
    let file = fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap();
    for name in SECRETS.iter().chain(&["STATUSPRESS_PUSH_TOKEN"]) {
        assert!(file.contains(name), "{name} is named for the operator");
    }
    let script = gitlab_job_script(&dir, "notify");
    assert!(script.contains("git push -q -o ci.skip origin \"HEAD:$CI_DEFAULT_BRANCH\""));
    assert!(
        !script.contains("$STATUSPRESS_PUSH_TOKEN@"),
        "the token never goes into an address"
    );
}

const BASH: &[&str] = &["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"];

#[test]
fn the_github_notify_step_commits_the_ledger_once_and_never_sends_twice() {
    let test = "the_github_notify_step_commits_the_ledger_once_and_never_sends_twice";
    if let Some(why) = missing(&["git", "bash"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "github");
    let script = github_job_script(&site, ".github/workflows/statuspress.yml", "notify");
    let remote = Remote::new(&site);
    let run = |name: &str, env: &[(&str, &str)]| {
        let work = remote.checkout(name);
        remote.run(BASH, &script, &work, env)
    };

    // No [[notify]]: nothing is sent, nothing is committed, and the job succeeds.
    let o = run("nothing", &[]);
    assert_ok(&o);
    assert!(
        stdout(&o).contains("The ledger is unchanged."),
        "{}",
        stdout(&o)
    );
    assert_eq!(remote.notify_runs(), 1);
    assert_eq!(remote.log(), ["The site as init wrote it"]);

    // What was sent is committed, alone, and pushed.
    let o = run(
        "first",
        &[("FAKE_SENT", "incident api-errors: created -> slack")],
    );
    assert_ok(&o);
    assert_eq!(
        remote.log(),
        ["Record the notifications sent", "The site as init wrote it"]
    );
    assert_eq!(remote.changed(), [LEDGER]);
    assert_eq!(
        remote.show(LEDGER),
        "incident api-errors: created -> slack\n"
    );

    // The next run reads that ledger; with nothing new it commits nothing.
    let o = run("again", &[]);
    assert_ok(&o);
    assert_eq!(remote.log().len(), 2);

    // A commit pushed while notify ran: the ledger's commit goes on top of it, and notify
    // is not run again.
    let meanwhile = remote.push_meanwhile("incidents/2026-11-23-late.md", "+++");
    let o = run(
        "race",
        &[
            ("FAKE_BEFORE", &meanwhile),
            ("FAKE_SENT", "incident api-errors: update 2 -> slack"),
        ],
    );
    assert_ok(&o);
    assert_eq!(remote.notify_runs(), 1, "notify ran once");
    assert_eq!(
        remote.log()[..2],
        [
            "Record the notifications sent",
            "Meanwhile: incidents/2026-11-23-late.md"
        ]
    );
    assert_eq!(
        remote.show(LEDGER),
        "incident api-errors: created -> slack\nincident api-errors: update 2 -> slack\n"
    );

    // A channel that failed: what the others sent is committed, and the job fails with
    // notify's exit code so that someone sees it.
    let o = run(
        "failed",
        &[
            ("FAKE_SENT", "incident api-errors: update 3 -> slack"),
            ("FAKE_EXIT", "3"),
        ],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(remote.show(LEDGER).ends_with("update 3 -> slack\n"));
    assert_eq!(remote.log()[0], "Record the notifications sent");

    // The ledger changed on the branch meanwhile (a hand edit): the job says so and fails,
    // without running notify again or overwriting the other change.
    let meanwhile = remote.push_meanwhile(LEDGER, "edited by hand");
    let o = run(
        "conflict",
        &[
            ("FAKE_BEFORE", &meanwhile),
            ("FAKE_SENT", "incident api-errors: update 4 -> slack"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(".statuspress/notified.json changed on main meanwhile"),
        "{}",
        stderr(&o)
    );
    assert_eq!(remote.notify_runs(), 1);
    assert!(remote.show(LEDGER).ends_with("edited by hand\n"));
}

#[test]
fn the_gitlab_notify_job_skips_without_a_token_and_pushes_with_ci_skip() {
    let test = "the_gitlab_notify_job_skips_without_a_token_and_pushes_with_ci_skip";
    if let Some(why) = missing(&["git", "sh"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "gitlab");
    let script = gitlab_job_script(&site, "notify");
    let remote = Remote::new(&site);
    let vars = gitlab_env(&remote);
    let mut env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Without the token nothing is sent (it could not be recorded) and the job succeeds.
    let work = remote.checkout("no-token");
    let o = remote.run(&["sh", "-c"], &script, &work, &env);
    assert_ok(&o);
    assert!(
        stdout(&o).contains("notify skipped: set the CI/CD variable STATUSPRESS_PUSH_TOKEN"),
        "{}",
        stdout(&o)
    );
    assert_eq!(remote.notify_runs(), 0);
    assert!(
        !remote.path().join("runs.apk").exists(),
        "nothing installed"
    );

    // GitLab checks out the commit the pipeline started for; the branch has moved on since.
    let work = remote.checkout("token");
    let started_at = remote.git(&work, &["rev-parse", "HEAD"]);
    let meanwhile = remote.push_meanwhile("incidents/2026-11-23-late.md", "+++");
    let o = Command::new("sh")
        .arg("-c")
        .arg(&meanwhile)
        .output()
        .unwrap();
    assert_ok(&o);
    remote.git(&work, &["checkout", "-q", "--detach", started_at.trim()]);
    env.extend([
        ("STATUSPRESS_PUSH_TOKEN", "glpat-test"),
        ("FAKE_SENT", "maintenance db-upgrade: scheduled -> discord"),
    ]);
    let o = remote.run(&["sh", "-c"], &script, &work, &env);
    assert_ok(&o);
    assert_eq!(remote.notify_runs(), 1);
    assert_eq!(
        fs::read_to_string(remote.path().join("runs.apk")).unwrap(),
        "add --no-cache --quiet git\n"
    );
    assert_eq!(
        remote.log()[..2],
        [
            "Record the notifications sent",
            "Meanwhile: incidents/2026-11-23-late.md"
        ],
        "the ledger's commit is on top of the newest one"
    );
    assert_eq!(remote.changed(), [LEDGER]);
    assert_eq!(
        fs::read_to_string(remote.bare().join("push-options")).unwrap(),
        "ci.skip\n",
        "the ledger's push starts no pipeline"
    );
    // The token is in no file of the clone.
    let config = fs::read_to_string(work.join(".git/config")).unwrap();
    assert!(!config.contains("glpat-test"), "{config}");
}

#[test]
fn the_notify_scripts_pass_shellcheck() {
    let test = "the_notify_scripts_pass_shellcheck";
    if let Some(why) = missing(&["shellcheck"]) {
        return skip(test, &format!("{why} (.ci/run installs it)"));
    }
    let tmp = tempfile::tempdir().unwrap();
    for (shell, script) in [
        (
            "bash",
            github_job_script(
                &init(tmp.path(), "github"),
                ".github/workflows/statuspress.yml",
                "notify",
            ),
        ),
        (
            "sh",
            gitlab_job_script(&init(tmp.path(), "gitlab"), "notify"),
        ),
    ] {
        let mut child = Command::new("shellcheck")
            .args(["--severity=style", "--shell", shell, "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{shell}:\n{}", stdout(&o));
    }
}

/// The commented-out `[subscribe]` and `[[notify]]` examples of the config `init` writes are
/// valid as they stand once uncommented, and the notify dry run shows the Slack message.
#[test]
fn the_commented_examples_in_the_config_work_once_uncommented() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path(), "github");
    let config = dir.join("statuspress.toml");
    let text = fs::read_to_string(&config).unwrap();
    let uncommented: String = text
        .lines()
        .map(|line| {
            let body = line.strip_prefix("# ").unwrap_or(line);
            let example = body.starts_with('[')
                || body
                    .split_once('=')
                    .is_some_and(|(key, _)| !key.trim().contains(' '));
            if example { body } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        uncommented.contains("\n[[notify]]\nkind = \"slack\""),
        "{uncommented}"
    );
    assert!(uncommented.contains("\n[subscribe]\n"), "{uncommented}");
    fs::write(&config, &uncommented).unwrap();
    let d = dir.to_str().unwrap();
    assert_ok(&statuspress(&["check", "--root", d, "--now", NOW]));
    let o = statuspress(&["notify", "--root", d, "--now", NOW, "--dry-run"]);
    assert_ok(&o);
    assert!(stdout(&o).contains("$SLACK_WEBHOOK_URL"), "{}", stdout(&o));
}
