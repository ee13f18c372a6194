//! `init --host github|gitlab|cloudflare|netlify`: each host's site builds and checks with no
//! edits, and its CI files hold what the host requires.

mod common;

use common::*;
use serde_yaml::Value;
use std::fs;
use std::path::Path;

/// The action pinned to the version of the binary under test: `owner/name@vVERSION`.
fn pinned_action() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap();
    format!("{repository}@v{}", env!("CARGO_PKG_VERSION"))
}

/// Runs `init DIR --now NOW` with more arguments; returns the files it lists, relative to DIR.
fn init(dir: &Path, more: &[&str]) -> Vec<String> {
    let d = dir.to_str().unwrap();
    let mut args = vec!["init", d, "--now", NOW];
    args.extend(more);
    let o = statuspress(&args);
    assert_ok(&o);
    stdout(&o)
        .lines()
        .map(|l| {
            l.strip_prefix(d)
                .unwrap()
                .trim_start_matches('/')
                .to_string()
        })
        .collect()
}

fn yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

#[test]
fn every_host_builds_and_checks_with_no_edits() {
    for host in ["github", "gitlab", "cloudflare", "netlify"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("status");
        let listed = init(&dir, &["--host", host, "--title", "Acme Status"]);
        let own: &[&str] = match host {
            "github" => &[
                ".github/workflows/statuspress.yml",
                ".github/workflows/statuspress-probe.yml",
            ],
            "gitlab" => &[".gitlab-ci.yml"],
            "cloudflare" => &[
                ".github/workflows/statuspress.yml",
                "wrangler.toml",
                "static/_headers",
                ".github/workflows/statuspress-probe.yml",
            ],
            _ => &[
                ".github/workflows/statuspress.yml",
                "netlify.toml",
                "static/_headers",
                ".github/workflows/statuspress-probe.yml",
            ],
        };
        let mut expected = vec![
            "statuspress.toml",
            "components.toml",
            "README.md",
            ".gitignore",
        ];
        expected.extend(own);
        expected.extend([
            "incidents/2026-11-22-example-api-errors.md",
            "maintenance/2026-11-30-example-database-upgrade.md",
            "incident-templates/database-outage.md",
            "incident-templates/upstream-provider.md",
        ]);
        assert_eq!(listed, expected, "{host}");

        let root = dir.to_str().unwrap();
        assert_ok(&statuspress(&["build", "--root", root, "--now", NOW]));
        let o = statuspress(&["check", "--root", root, "--now", NOW]);
        assert_ok(&o);
        assert_eq!(stderr(&o), "", "{host}: no warnings");
        let index = fs::read_to_string(dir.join("public/index.html")).unwrap();
        assert!(index.contains("Acme Status"), "{host}");

        for file in &listed {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            assert!(!text.contains("OWNER"), "{host}: a placeholder in {file}");
        }
        let ci = fs::read_to_string(dir.join(own[0])).unwrap();
        let version = env!("CARGO_PKG_VERSION");
        if host == "gitlab" {
            assert!(ci.contains(&format!("STATUSPRESS_VERSION: \"{version}\"")));
            assert!(ci.contains(&format!(
                "{}/releases/download/v$STATUSPRESS_VERSION/",
                env!("CARGO_PKG_REPOSITORY")
            )));
        } else {
            // Every step that installs statuspress pins the action and the version to this one.
            let workflow = yaml(&dir.join(own[0]));
            let installs: Vec<&Value> = workflow["jobs"]
                .as_mapping()
                .unwrap()
                .values()
                .flat_map(|job| job["steps"].as_sequence().into_iter().flatten())
                .filter(|step| {
                    let uses = step["uses"].as_str().unwrap_or("");
                    uses.split('@').next() == pinned_action().split('@').next()
                })
                .collect();
            assert_eq!(
                installs.len(),
                4,
                "{host}: check, alert, build and notify install it"
            );
            for step in installs {
                assert_eq!(text(&step["uses"]), pinned_action(), "{host}");
                assert_eq!(text(&step["with"]["version"]), version, "{host}");
            }
        }
        if own.contains(&"static/_headers") {
            assert_eq!(
                fs::read(dir.join("public/_headers")).unwrap(),
                fs::read(dir.join("static/_headers")).unwrap(),
                "{host}: build publishes the headers file"
            );
        }
    }
}

#[test]
fn github_is_the_default_and_force_rewrites_only_the_site_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("status");
    let d = dir.to_str().unwrap();
    let listed = init(&dir, &[]);
    assert!(listed.contains(&".github/workflows/statuspress.yml".to_string()));
    let config = fs::read_to_string(dir.join("statuspress.toml")).unwrap();
    assert!(config.contains("base_url = \"https://example.github.io/status\""));
    assert_ok(&statuspress(&["build", "--root", d, "--now", NOW]));

    // A second init refuses the folder; --force rewrites the site files only.
    let o = statuspress(&["init", d, "--now", NOW]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {d} is not empty\n  help: choose a new folder, or pass --force to write the site files into it (replacing files of the same name)\n"
        )
    );
    fs::write(dir.join("components.toml"), "broken").unwrap();
    init(&dir, &["--force"]);
    assert!(
        fs::read_to_string(dir.join("components.toml"))
            .unwrap()
            .contains("id = \"api\"")
    );
    assert!(
        dir.join("public/index.html").exists(),
        "other files are kept"
    );
}

#[test]
fn a_branch_init_cannot_write_safely_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("status");
    let o = statuspress(&["init", dir.to_str().unwrap(), "--branch", "main; rm -rf /"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: --branch `main; rm -rf /` is not a branch name init can use\n  help: use letters, digits, `.`, `_` and `-`, with `/` between names, e.g. --branch main\n"
    );
    assert!(!dir.exists(), "nothing is written");
}

/// The steps of a job as `uses` or `run` text.
fn steps(job: &Value) -> Vec<String> {
    job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}{}",
                s["uses"].as_str().unwrap_or(""),
                s["run"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn has(job: &Value, needle: &str) -> bool {
    steps(job).iter().any(|s| s.contains(needle))
}

#[test]
fn the_github_workflow_has_the_triggers_jobs_and_guards_it_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    init(&dir, &["--branch", "trunk"]);
    let y = yaml(&dir.join(".github/workflows/statuspress.yml"));
    let on = &y["on"];
    assert!(on.get("pull_request").is_some() && on.get("workflow_dispatch").is_some());
    assert_eq!(
        on["push"]["branches"],
        serde_yaml::from_str::<Value>("[trunk]").unwrap()
    );
    let crons: Vec<&str> = on["schedule"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| text(&s["cron"]))
        .collect();
    assert_eq!(crons, ["*/15 * * * *", "41 5 * * 1"]);
    assert_eq!(text(&on["repository_dispatch"]["types"][0]), "alertmanager");
    // No job gets a permission it does not ask for.
    assert_eq!(
        y["permissions"],
        serde_yaml::from_str::<Value>("{}").unwrap()
    );

    let jobs = &y["jobs"];
    let check = &jobs["check"];
    assert_eq!(text(&check["if"]), "github.event_name == 'pull_request'");
    let install = &check["steps"][1];
    assert_eq!(text(&install["with"]["command"]), "check");
    assert_eq!(text(&install["with"]["args"]), "--format github");
    assert_eq!(
        check["concurrency"]["cancel-in-progress"],
        Value::Bool(true)
    );
    assert_eq!(text(&check["permissions"]["contents"]), "read");

    let alert = &jobs["alert"];
    assert_eq!(
        text(&alert["if"]),
        "github.event_name == 'repository_dispatch'"
    );
    assert_eq!(text(&alert["permissions"]["contents"]), "write");
    assert!(
        alert.get("concurrency").is_none(),
        "an alert run is never replaced"
    );
    assert_eq!(text(&alert["steps"][0]["with"]["ref"]), "trunk");
    // The untrusted payload only ever reaches the shell through the environment.
    let payload = &alert["steps"][2];
    assert_eq!(
        text(&payload["env"]["PAYLOAD"]),
        "${{ toJSON(github.event.client_payload) }}"
    );
    assert!(!text(&payload["run"]).contains("${{"));
    assert!(has(
        alert,
        "statuspress alert --from alertmanager < \"$RUNNER_TEMP/alertmanager.json\""
    ));
    assert!(has(alert, "git push -q origin \"HEAD:trunk\""));
    assert!(
        has(alert, "git reset -q --hard FETCH_HEAD"),
        "a refused push is retried"
    );

    let keepalive = &jobs["keepalive"];
    assert_eq!(
        text(&keepalive["if"]),
        "github.event.schedule == '41 5 * * 1'"
    );
    assert_eq!(text(&keepalive["permissions"]["actions"]), "write");
    let enable = text(&keepalive["steps"][0]["run"]);
    assert!(
        enable.contains(
            "gh api --method PUT \"repos/$GITHUB_REPOSITORY/actions/workflows/$workflow/enable\""
        ),
        "{enable}"
    );
    assert!(
        enable.contains("for workflow in statuspress.yml statuspress-probe.yml; do"),
        "both scheduled workflows are kept on: {enable}"
    );
    assert_eq!(
        text(&keepalive["steps"][0]["env"]["GH_TOKEN"]),
        "${{ github.token }}"
    );

    let build = &jobs["build"];
    assert!(text(&build["if"]).contains("github.event_name != 'pull_request'"));
    assert_eq!(text(&build["needs"]), "alert");
    assert_eq!(text(&build["steps"][0]["with"]["ref"]), "trunk");
    assert_eq!(text(&build["steps"][1]["with"]["command"]), "build");
    assert_eq!(text(&build["concurrency"]["group"]), "statuspress-build");
    assert_eq!(
        build["concurrency"]["cancel-in-progress"],
        Value::Bool(false)
    );
    assert!(has(build, "actions/checkout@v7"));
    assert!(has(build, "actions/upload-pages-artifact@v5"));
    assert_eq!(text(&build["steps"][2]["with"]["path"]), "public");

    let deploy = &jobs["deploy"];
    assert_eq!(text(&deploy["needs"]), "build");
    assert_eq!(text(&deploy["permissions"]["pages"]), "write");
    assert_eq!(text(&deploy["permissions"]["id-token"]), "write");
    assert_eq!(text(&deploy["environment"]["name"]), "github-pages");
    assert_eq!(text(&deploy["concurrency"]["group"]), "statuspress-deploy");
    assert_eq!(
        deploy["concurrency"]["cancel-in-progress"],
        Value::Bool(false)
    );
    assert!(has(deploy, "actions/configure-pages@v6"));
    assert!(has(deploy, "actions/deploy-pages@v5"));
}

#[test]
fn cloudflare_and_netlify_share_the_jobs_and_deploy_from_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let github = yaml(&{
        let dir = tmp.path().join("github");
        init(&dir, &[]);
        dir.join(".github/workflows/statuspress.yml")
    });
    for host in ["cloudflare", "netlify"] {
        let dir = tmp.path().join(format!("{host}-status"));
        init(&dir, &["--host", host]);
        let y = yaml(&dir.join(".github/workflows/statuspress.yml"));
        for shared in ["check", "alert", "keepalive"] {
            assert_eq!(
                y["jobs"][shared], github["jobs"][shared],
                "{host}: {shared}"
            );
        }
        assert_eq!(y["on"], github["on"]);
        let jobs = y["jobs"].as_mapping().unwrap();
        assert_eq!(
            jobs.len(),
            5,
            "{host}: no deploy job, the build job deploys"
        );
        let build = &y["jobs"]["build"];
        assert_eq!(build["concurrency"], github["jobs"]["build"]["concurrency"]);
        let deploy = build["steps"].as_sequence().unwrap().last().unwrap();
        match host {
            "cloudflare" => {
                assert_eq!(text(&deploy["uses"]), "cloudflare/wrangler-action@v4");
                assert_eq!(
                    text(&deploy["with"]["apiToken"]),
                    "${{ secrets.CLOUDFLARE_API_TOKEN }}"
                );
                assert_eq!(
                    text(&deploy["with"]["accountId"]),
                    "${{ secrets.CLOUDFLARE_ACCOUNT_ID }}"
                );
                assert_eq!(
                    text(&deploy["with"]["command"]),
                    "pages deploy public --project-name=cloudflare-status --branch=main"
                );
                let wrangler: toml::Table = fs::read_to_string(dir.join("wrangler.toml"))
                    .unwrap()
                    .parse()
                    .unwrap();
                assert_eq!(wrangler["name"].as_str(), Some("cloudflare-status"));
                assert_eq!(wrangler["pages_build_output_dir"].as_str(), Some("public"));
                assert_eq!(wrangler["compatibility_date"].as_str(), Some("2026-11-23"));
            }
            _ => {
                assert_eq!(
                    text(&deploy["run"]),
                    "npx --yes netlify-cli@27 deploy --prod --dir public --no-build"
                );
                for secret in ["NETLIFY_AUTH_TOKEN", "NETLIFY_SITE_ID"] {
                    assert_eq!(
                        text(&deploy["env"][secret]),
                        format!("${{{{ secrets.{secret} }}}}")
                    );
                }
                let netlify: toml::Table = fs::read_to_string(dir.join("netlify.toml"))
                    .unwrap()
                    .parse()
                    .unwrap();
                assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
                assert_eq!(netlify["build"]["ignore"].as_str(), Some("exit 0"));
            }
        }
        let headers = fs::read_to_string(dir.join("static/_headers")).unwrap();
        assert!(headers.contains("/*\n  Cache-Control: public, max-age=60, must-revalidate\n"));
        assert!(headers.contains("/api/*\n  Access-Control-Allow-Origin: *\n"));
    }
}

#[test]
fn init_says_when_base_url_is_only_a_stand_in() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, more: &[&str]| {
        let dir = tmp.path().join(name);
        let mut args = vec!["init", dir.to_str().unwrap(), "--now", NOW];
        args.extend(more);
        let o = statuspress(&args);
        assert_ok(&o);
        stderr(&o)
    };
    let err = run("gh", &[]);
    assert!(
        err.contains(
            "note: base_url in statuspress.toml is a stand-in, https://example.github.io/gh:"
        ),
        "{err}"
    );
    let err = run("gl", &["--host", "gitlab"]);
    assert!(err.contains("https://example.gitlab.io/gl:"), "{err}");
    // An address given, or one the host derives from the project name, needs no note.
    for (name, more) in [
        ("given", &["--base-url", "https://status.acme.com"][..]),
        ("cf", &["--host", "cloudflare"][..]),
        ("nl", &["--host", "netlify"][..]),
    ] {
        let err = run(name, more);
        assert!(!err.contains("note:"), "{name}: {err}");
    }
}
