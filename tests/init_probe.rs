//! The probe jobs that `init` writes: the workflow `.github/workflows/statuspress-probe.yml`
//! (github, cloudflare, netlify) and the `probe` job of `.gitlab-ci.yml`.
//!
//! Their scripts run here as CI would run them, against git repositories on disk
//! (`ci_job_support`), with a stand-in `statuspress` on `PATH` that does what `statuspress
//! probe` does to the repository (appends to a probe's samples and, when asked, to its
//! incident) and counts its runs, and a stand-in `gh` that records what it was asked. The
//! scripts commit once, never run probe a second time, put their commit on top of one pushed
//! meanwhile, and start the site's build only when an incident changed. One run uses the real
//! binary against a closed port on loopback. Both scripts pass shellcheck. The README's
//! example `probes.toml` passes `check`, and its systemd unit's command runs as the timer would.
//! Without `git`, `bash` or `shellcheck` a test prints `SKIPPED` and passes, except under
//! `CI=true`, where it fails.

mod ci_job_support;
mod common;

use ci_job_support::*;
use common::*;
use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

const PROBE_WORKFLOW: &str = ".github/workflows/statuspress-probe.yml";
const SAMPLES: &str = ".statuspress/probes/api-health/samples.csv";
const INCIDENT: &str = "incidents/2026-11-23-api-health-failing.md";
const BASH: &[&str] = &["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"];

#[test]
fn the_probe_workflow_runs_every_five_minutes_in_one_job() {
    let tmp = tempfile::tempdir().unwrap();
    let github = init(tmp.path(), "github");
    let first = fs::read_to_string(github.join(PROBE_WORKFLOW)).unwrap();
    for host in ["cloudflare", "netlify"] {
        assert_eq!(
            fs::read_to_string(init(tmp.path(), host).join(PROBE_WORKFLOW)).unwrap(),
            first,
            "{host}: the same workflow"
        );
    }
    let y = yaml(&github.join(PROBE_WORKFLOW));
    let site = yaml(&github.join(".github/workflows/statuspress.yml"));
    let on = &y["on"];
    assert_eq!(text(&on["schedule"][0]["cron"]), "*/5 * * * *");
    assert_eq!(on["schedule"].as_sequence().unwrap().len(), 1);
    assert!(on.as_mapping().unwrap().contains_key("workflow_dispatch"));
    assert_eq!(on.as_mapping().unwrap().len(), 2, "{on:?}");
    assert_eq!(
        y["permissions"],
        serde_yaml::from_str::<Value>("{}").unwrap()
    );

    let jobs = y["jobs"].as_mapping().unwrap();
    assert_eq!(jobs.len(), 1, "one job");
    let probe = &y["jobs"]["probe"];
    assert_eq!(
        probe["permissions"],
        serde_yaml::from_str::<Value>("{contents: write, actions: write}").unwrap(),
        "it pushes the results and starts the site's workflow, nothing else"
    );
    assert_eq!(text(&probe["concurrency"]["group"]), "statuspress-probe");
    assert_eq!(
        probe["concurrency"]["cancel-in-progress"],
        Value::Bool(false)
    );
    assert!(probe["timeout-minutes"].as_u64().unwrap() <= 15);
    let steps = probe["steps"].as_sequence().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(text(&steps[0]["uses"]), "actions/checkout@v7");
    assert_eq!(text(&steps[0]["with"]["ref"]), "main");
    // Installed exactly as the site's workflow installs it, with no command of its own.
    assert_eq!(steps[1], site["jobs"]["alert"]["steps"][1]);
    assert!(steps[1]["with"].get("command").is_none());
    let run = &steps[2];
    assert_eq!(
        run["env"],
        serde_yaml::from_str::<Value>("{GH_TOKEN: '${{ github.token }}'}").unwrap()
    );
    // The operator's header secrets: a commented example, next to the environment.
    assert!(first.contains("# API_HEALTH_TOKEN: ${{ secrets.API_HEALTH_TOKEN }}"));
    let script = text(&run["run"]);
    assert!(!script.contains("${{"), "nothing pasted into the script");
    assert_eq!(script.matches("statuspress probe").count(), 1, "{script}");
    assert!(script.contains("gh workflow run statuspress.yml --ref \"main\""));

    // The site's keepalive keeps this schedule on too.
    let keepalive = text(&site["jobs"]["keepalive"]["steps"][0]["run"]);
    assert!(keepalive.contains("statuspress-probe.yml"), "{keepalive}");
}

#[test]
fn the_github_probe_step_commits_once_and_starts_the_build_after_an_incident() {
    let test = "the_github_probe_step_commits_once_and_starts_the_build_after_an_incident";
    if let Some(why) = missing(&["git", "bash"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "github");
    let script = github_job_script(&site, PROBE_WORKFLOW, "probe");
    let remote = Remote::new(&site);
    let run = |name: &str, env: &[(&str, &str)]| {
        let work = remote.checkout(name);
        remote.run(BASH, &script, &work, env)
    };

    // Nothing measured (no probes.toml): no commit, no build, and the job succeeds.
    let o = run("nothing", &[]);
    assert_ok(&o);
    assert!(stdout(&o).contains("Nothing changed."), "{}", stdout(&o));
    assert_eq!(remote.notify_runs(), 1);
    assert_eq!(remote.log(), ["The site as init wrote it"]);
    assert!(remote.gh_runs().is_empty());

    // Results alone: one commit of the probe's data, and no build started.
    let o = run("samples", &[("FAKE_SAMPLE", "2026-11-23T12:00:00Z,ok,12,")]);
    assert_ok(&o);
    assert_eq!(
        remote.log(),
        ["Record the probe results", "The site as init wrote it"]
    );
    assert_eq!(remote.changed(), [SAMPLES]);
    assert!(remote.gh_runs().is_empty(), "{:?}", remote.gh_runs());

    // An incident opened: the results and the incident in one commit, then the site's build.
    let o = run(
        "incident",
        &[
            ("FAKE_SAMPLE", "2026-11-23T12:05:00Z,down,5000,HTTP 500"),
            ("FAKE_INCIDENT", "+++"),
        ],
    );
    assert_ok(&o);
    assert_eq!(remote.log().len(), 3);
    assert_eq!(remote.changed(), [SAMPLES, INCIDENT]);
    assert_eq!(
        remote.gh_runs(),
        ["workflow run statuspress.yml --ref main"]
    );

    // A commit pushed while probe ran: the results go on top of it, and probe is not run
    // again.
    let meanwhile = remote.push_meanwhile("incidents/2026-11-23-late.md", "+++");
    let o = run(
        "race",
        &[
            ("FAKE_BEFORE", &meanwhile),
            ("FAKE_SAMPLE", "2026-11-23T12:10:00Z,ok,11,"),
        ],
    );
    assert_ok(&o);
    assert_eq!(remote.notify_runs(), 1, "probe ran once");
    assert_eq!(
        remote.log()[..2],
        [
            "Record the probe results",
            "Meanwhile: incidents/2026-11-23-late.md"
        ]
    );
    assert_eq!(remote.changed(), [SAMPLES]);
    assert!(
        remote
            .show(SAMPLES)
            .ends_with("12:05:00Z,down,5000,HTTP 500\n2026-11-23T12:10:00Z,ok,11,\n"),
        "{}",
        remote.show(SAMPLES)
    );
    assert!(remote.gh_runs().is_empty(), "only the results changed");

    // The same file changed on the branch meanwhile: the job says so and fails, without
    // running probe again or overwriting the other change.
    let meanwhile = remote.push_meanwhile(SAMPLES, "edited by hand");
    let o = run(
        "conflict",
        &[
            ("FAKE_BEFORE", &meanwhile),
            ("FAKE_SAMPLE", "2026-11-23T12:15:00Z,ok,10,"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the probe results or incidents changed on main meanwhile"),
        "{}",
        stderr(&o)
    );
    assert_eq!(remote.notify_runs(), 1);
    assert!(remote.show(SAMPLES).ends_with("edited by hand\n"));

    // probe itself failed (a bad probes.toml): the job fails and commits nothing.
    let before = remote.log().len();
    let o = run(
        "failed",
        &[
            ("FAKE_SAMPLE", "2026-11-23T12:20:00Z,ok,10,"),
            ("FAKE_EXIT", "1"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(remote.log().len(), before);
}

/// The real binary runs the job's script: a tcp probe of a closed port on loopback opens an
/// incident on the first failed run, which is committed with the data and starts the build.
#[test]
fn the_github_probe_step_commits_what_the_real_probe_wrote() {
    let test = "the_github_probe_step_commits_what_the_real_probe_wrote";
    if let Some(why) = missing(&["git", "bash"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "github");
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    fs::write(
        site.join("probes.toml"),
        format!(
            "[[probe]]\nid = \"db\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"127.0.0.1\"\nport = {port}\ntimeout_ms = 500\nretries = 0\nfail_after = 1\n"
        ),
    )
    .unwrap();
    let script = github_job_script(&site, PROBE_WORKFLOW, "probe");
    let remote = Remote::new(&site);
    let real = tmp.path().join("realbin");
    fs::create_dir_all(&real).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_statuspress"), real.join("statuspress"))
        .unwrap();
    let path = format!(
        "{}:{}:{}",
        real.display(),
        remote.path().join("fakebin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let work = remote.checkout("real");
    let o = remote.run(BASH, &script, &work, &[("PATH", &path)]);
    assert_ok(&o);
    assert!(stdout(&o).contains("db: down"), "{}", stdout(&o));
    assert_eq!(
        remote.log(),
        ["Record the probe results", "The site as init wrote it"]
    );
    let changed = remote.changed();
    assert!(
        changed.contains(&".statuspress/probes/db/samples.csv".to_string())
            && changed.contains(&".statuspress/probes/db/daily.csv".to_string())
            && changed.iter().any(|f| f.starts_with("incidents/")),
        "{changed:?}"
    );
    assert_eq!(
        remote.gh_runs(),
        ["workflow run statuspress.yml --ref main"]
    );
    let incident = changed
        .iter()
        .find(|f| f.starts_with("incidents/"))
        .unwrap();
    assert!(remote.show(incident).contains("statuspress-probe: db down"));
}

#[test]
fn the_gitlab_probe_job_needs_a_token_and_starts_a_pipeline_only_for_incidents() {
    let test = "the_gitlab_probe_job_needs_a_token_and_starts_a_pipeline_only_for_incidents";
    if let Some(why) = missing(&["git", "sh"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "gitlab");
    let script = gitlab_job_script(&site, "probe");
    let remote = Remote::new(&site);
    let vars = gitlab_env(&remote);
    let mut env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let options = || fs::read_to_string(remote.bare().join("push-options")).unwrap_or_default();

    // Without the token the results could not be kept: the job fails and says why.
    let work = remote.checkout("no-token");
    let o = remote.run(&["sh", "-c"], &script, &work, &env);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("set the CI/CD variable STATUSPRESS_PUSH_TOKEN"),
        "{}",
        stderr(&o)
    );
    assert_eq!(remote.notify_runs(), 0);

    env.push(("STATUSPRESS_PUSH_TOKEN", "glpat-test"));
    // Nothing measured: nothing pushed.
    let work = remote.checkout("nothing");
    let o = remote.run(&["sh", "-c"], &script, &work, &env);
    assert_ok(&o);
    assert!(stdout(&o).contains("Nothing changed."));
    assert_eq!(remote.log().len(), 1);

    // Results alone, with a commit pushed meanwhile and GitLab's checkout behind it: the
    // job fetches the newest commit, and its push starts no pipeline.
    let work = remote.checkout("samples");
    let meanwhile = remote.push_meanwhile("incidents/2026-11-23-late.md", "+++");
    let o = Command::new("sh")
        .arg("-c")
        .arg(&meanwhile)
        .output()
        .unwrap();
    assert_ok(&o);
    let mut with = env.clone();
    with.push(("FAKE_SAMPLE", "2026-11-23T12:00:00Z,ok,12,"));
    let o = remote.run(&["sh", "-c"], &script, &work, &with);
    assert_ok(&o);
    assert_eq!(remote.notify_runs(), 1);
    assert_eq!(
        remote.log()[..2],
        [
            "Record the probe results",
            "Meanwhile: incidents/2026-11-23-late.md"
        ]
    );
    assert_eq!(remote.changed(), [SAMPLES]);
    assert_eq!(options(), "ci.skip\n");

    // An incident changed: pushed without ci.skip, so the pages job publishes it.
    let work = remote.checkout("incident");
    let mut with = env.clone();
    with.extend([
        ("FAKE_SAMPLE", "2026-11-23T12:05:00Z,down,5000,HTTP 500"),
        ("FAKE_INCIDENT", "+++"),
    ]);
    let o = remote.run(&["sh", "-c"], &script, &work, &with);
    assert_ok(&o);
    assert_eq!(remote.changed(), [SAMPLES, INCIDENT]);
    assert_eq!(options(), "ci.skip\n", "no option on this push");
    let config = fs::read_to_string(work.join(".git/config")).unwrap();
    assert!(!config.contains("glpat-test"), "{config}");
}

/// Fails with shellcheck's findings in `script`, run by `shell`.
fn shellcheck(shell: &str, script: &str) {
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

#[test]
fn the_probe_scripts_pass_shellcheck() {
    let test = "the_probe_scripts_pass_shellcheck";
    if let Some(why) = missing(&["shellcheck"]) {
        return skip(test, &format!("{why} (.ci/run installs it)"));
    }
    let tmp = tempfile::tempdir().unwrap();
    shellcheck(
        "bash",
        &github_job_script(&init(tmp.path(), "github"), PROBE_WORKFLOW, "probe"),
    );
    shellcheck(
        "sh",
        &gitlab_job_script(&init(tmp.path(), "gitlab"), "probe"),
    );
}

/// The README's monitoring section, for the site `init` wrote in `dir`.
fn monitoring_section(dir: &Path) -> String {
    let readme = fs::read_to_string(dir.join("README.md")).unwrap();
    let start = readme
        .find("\n## Monitoring\n")
        .expect("a Monitoring section");
    let rest = &readme[start + 1..];
    let end = rest[1..].find("\n## ").map_or(rest.len(), |i| i + 2);
    rest[..end].to_string()
}

/// The first fenced block of `lang` in `text`.
fn fenced<'a>(text: &'a str, lang: &str) -> &'a str {
    let open = format!("```{lang}\n");
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("no {lang} block"))
        + open.len();
    let len = text[start..].find("```").unwrap();
    &text[start..start + len]
}

#[test]
fn the_readme_example_probes_toml_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    for (host, names) in [
        ("github", &["statuspress-probe.yml", "Disable workflow"][..]),
        ("gitlab", &["STATUSPRESS_JOB", "`probe`", "*/5 * * * *"][..]),
    ] {
        let dir = init(tmp.path(), host);
        let section = monitoring_section(&dir);
        let words = section.split_whitespace().collect::<Vec<_>>().join(" ");
        for name in names
            .iter()
            .chain(&["floor, not a promise", "systemd timer"])
        {
            assert!(words.contains(name), "{host}: {name}\n{section}");
        }
        // The example as it stands, and with its commented header line switched on.
        let example = fenced(&section, "toml");
        let uncommented = example.replace("# headers_env", "headers_env");
        assert_ne!(example, uncommented);
        for probes in [example, uncommented.as_str()] {
            fs::write(dir.join("probes.toml"), probes).unwrap();
            let d = dir.to_str().unwrap();
            assert_ok(&statuspress(&["check", "--root", d, "--now", NOW]));
        }
    }
}

/// The systemd unit's command, run in a clone as the timer would run it: pulls, probes, and
/// pushes one commit when something changed.
#[test]
fn the_readme_systemd_command_commits_and_pushes_the_results() {
    let test = "the_readme_systemd_command_commits_and_pushes_the_results";
    if let Some(why) = missing(&["git", "sh"]) {
        return skip(test, &why);
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = init(tmp.path(), "github");
    let section = monitoring_section(&site);
    let unit = fenced(&section, "ini");
    let line = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=/bin/sh -ec '"))
        .expect("an ExecStart running sh");
    let script = line.strip_suffix('\'').unwrap();
    assert!(!script.contains(['\'', '%', '$', '\\']), "{script}");
    let remote = Remote::new(&site);
    let work = remote.checkout("timer");
    let ident: &[(&str, &str)] = &[
        ("GIT_AUTHOR_NAME", "Probe"),
        ("GIT_AUTHOR_EMAIL", "probe@acme.test"),
        ("GIT_COMMITTER_NAME", "Probe"),
        ("GIT_COMMITTER_EMAIL", "probe@acme.test"),
    ];
    let mut env = ident.to_vec();
    env.push(("FAKE_SAMPLE", "2026-11-23T12:00:00Z,ok,12,"));
    let o = remote.run(&["sh", "-ec"], script, &work, &env);
    assert_ok(&o);
    assert_eq!(
        remote.log(),
        ["Record the probe results", "The site as init wrote it"]
    );
    assert_eq!(remote.changed(), [SAMPLES]);

    // Someone pushed meanwhile and nothing new was measured: the clone catches up, and
    // nothing is committed.
    let meanwhile = remote.push_meanwhile("incidents/2026-11-23-late.md", "+++");
    let o = Command::new("sh")
        .arg("-c")
        .arg(&meanwhile)
        .output()
        .unwrap();
    assert_ok(&o);
    let o = remote.run(&["sh", "-ec"], script, &work, ident);
    assert_ok(&o);
    assert_eq!(remote.notify_runs(), 1);
    assert_eq!(remote.log()[0], "Meanwhile: incidents/2026-11-23-late.md");
    assert!(work.join("incidents/2026-11-23-late.md").is_file());
}
