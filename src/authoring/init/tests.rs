//! Unit tests of `init`: the files of each host, filled in, and what it refuses.

use super::*;

fn opts() -> InitOptions {
    InitOptions {
        title: "Acme \"Status\"".into(),
        base_url: Some("https://acme.github.io/status".into()),
        force: false,
        host: Host::Github,
        branch: "main".into(),
    }
}

#[test]
fn new_site_parses_and_builds_in_memory() {
    let now = now();
    let files = files(&opts(), "status", now);
    let get = |p: &str| {
        files
            .iter()
            .find(|(q, _)| q == p)
            .map(|(_, t)| t.clone())
            .unwrap()
    };
    let posts = |dir: &str| -> Vec<(PathBuf, String)> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with(dir))
            .map(|(p, t)| (PathBuf::from(p), t.clone()))
            .collect()
    };
    let site = crate::load::parse(crate::load::Sources {
        config: get("statuspress.toml"),
        components: get("components.toml"),
        incidents: posts("incidents/"),
        maintenance: posts("maintenance/"),
        incident_templates: posts("incident-templates/"),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(site.config.title, "Acme \"Status\"");
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    assert_eq!(site.incidents[0].id, "2026-11-22-example-api-errors");
    assert_eq!(site.incidents[0].updates.len(), 3);
    assert_eq!(
        site.maintenance[0].start.to_rfc3339(),
        "2026-11-30T02:00:00+00:00"
    );
    let state = crate::build::run(
        crate::build::Input::Site(Box::new(site)),
        now,
        crate::build::Target::Derive,
    )
    .unwrap()
    .state;
    assert!(state.open_incidents.is_empty());
    assert_eq!(state.upcoming_maintenance, [0]);
}

#[test]
fn the_incident_templates_fill_in_as_valid_incidents() {
    use crate::model::incident_template::Values;
    let files = files(&opts(), "status", now());
    let get = |p: &str| &files.iter().find(|(q, _)| q == p).unwrap().1;
    let config = crate::model::Config::parse(crate::model::toml_source::TomlSource::file(
        Path::new("statuspress.toml"),
        get("statuspress.toml"),
    ))
    .unwrap();
    let catalog = crate::model::Catalog::parse(crate::model::toml_source::TomlSource::file(
        Path::new("components.toml"),
        get("components.toml"),
    ))
    .unwrap();
    let ctx = crate::model::ParseContext {
        tz: config.time_zone,
        catalog: &catalog,
        languages: &[],
    };
    let templates: Vec<(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("incident-templates/"))
        .map(|(p, t)| (PathBuf::from(p), t.clone()))
        .collect();
    let mut made = Vec::new();
    for name in crate::load::incident_template_names(&templates) {
        let template = crate::load::incident_template(&templates, &name, ctx)
            .unwrap()
            .unwrap();
        let values = Values {
            title: None,
            impact: None,
            affects: Vec::new(),
            status: None,
            message: None,
            upstream: Some("https://status.provider.test/incidents/x1".into()),
            now: now(),
            tz: config.time_zone,
        };
        let text = template.fill(&values, &catalog).unwrap().to_text(now());
        assert!(!text.contains("{{"), "{name}: {text}");
        let mut d = Vec::new();
        let inc =
            crate::model::Incident::parse("x", Path::new("incidents/x.md"), &text, ctx, &mut d)
                .unwrap();
        assert!(d.is_empty(), "{name}: {d:?}");
        assert!(!inc.summary.is_empty() && inc.updates.len() == 1, "{name}");
        made.push((name, inc.title, inc.impact, inc.updates[0].status));
    }
    use crate::model::{Impact, IncidentStatus};
    assert_eq!(
        made,
        [
            (
                "database-outage".to_string(),
                "Database problem affecting API and Website".to_string(),
                Impact::Major,
                IncidentStatus::Investigating
            ),
            (
                "upstream-provider".to_string(),
                "Email delivery: problem at an upstream provider".to_string(),
                Impact::Minor,
                IncidentStatus::Identified
            ),
        ]
    );
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

const HOSTS: [Host; 4] = [Host::Github, Host::Gitlab, Host::Cloudflare, Host::Netlify];

#[test]
fn each_host_gets_its_files_and_nothing_is_left_unfilled() {
    for host in HOSTS {
        let opts = InitOptions { host, ..opts() };
        let files = files(&opts, "acme-status", now());
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let own: &[&str] = match host {
            Host::Github => &[
                ".github/workflows/statuspress.yml",
                ".github/workflows/statuspress-probe.yml",
            ],
            Host::Gitlab => &[".gitlab-ci.yml"],
            Host::Cloudflare => &[
                ".github/workflows/statuspress.yml",
                "wrangler.toml",
                "static/_headers",
                ".github/workflows/statuspress-probe.yml",
            ],
            Host::Netlify => &[
                ".github/workflows/statuspress.yml",
                "netlify.toml",
                "static/_headers",
                ".github/workflows/statuspress-probe.yml",
            ],
        };
        assert_eq!(
            paths[..4],
            [
                "statuspress.toml",
                "components.toml",
                "README.md",
                ".gitignore"
            ]
        );
        assert_eq!(paths[4..paths.len() - 4], *own, "{host:?}");
        assert_eq!(
            paths[paths.len() - 2..],
            [
                "incident-templates/database-outage.md",
                "incident-templates/upstream-provider.md"
            ]
        );
        // Incident templates keep their placeholders for `new incident --template`.
        for (path, text) in files
            .iter()
            .filter(|(p, _)| !p.starts_with("incident-templates/"))
        {
            // `${{ ... }}` is GitHub's expression syntax; a bare `{{` is a placeholder left over.
            let leftover = text.replace("${{", "");
            assert!(!leftover.contains("{{"), "{host:?} {path}: {text}");
            assert!(!text.contains("OWNER"), "{host:?} {path}: {text}");
        }
        // The same options and clock give the same bytes.
        assert_eq!(files, super::files(&opts, "acme-status", now()));
    }
}

#[test]
fn the_branch_and_project_reach_every_file_that_names_them() {
    let opts = InitOptions {
        host: Host::Cloudflare,
        branch: "release/v2".into(),
        base_url: None,
        ..opts()
    };
    let files = files(&opts, "acme-status", now());
    let get = |p: &str| &files.iter().find(|(q, _)| q == p).unwrap().1;
    let workflow = get(".github/workflows/statuspress.yml");
    assert!(workflow.contains("branches: ['release/v2']"), "{workflow}");
    assert!(workflow.contains("--project-name=acme-status --branch=release/v2"));
    assert!(get("wrangler.toml").contains("name = \"acme-status\""));
    assert!(get("wrangler.toml").contains("compatibility_date = \"2026-11-23\""));
    assert!(get("statuspress.toml").contains("\"https://acme-status.pages.dev\""));
    assert!(get("README.md").contains("--production-branch release/v2"));
}

#[test]
fn what_the_user_typed_is_never_taken_for_a_placeholder() {
    let opts = InitOptions {
        title: "{{branch}} status".into(),
        ..opts()
    };
    let files = files(&opts, "s", now());
    let readme = &files.iter().find(|(p, _)| p == "README.md").unwrap().1;
    assert!(readme.starts_with("# {{branch}} status\n"), "{readme}");
}

#[test]
fn only_plain_branch_names_are_accepted() {
    for good in ["main", "master", "gh-pages", "release/v2.1", "a_b"] {
        assert!(check_branch(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "-x",
        "a b",
        "a'b",
        "a\"b",
        "$(id)",
        "a..b",
        "/a",
        "a/",
        "a//b",
        ".a",
        "a.lock",
        "a.",
        "ma\u{ef}n",
        "a:b",
    ] {
        let e = check_branch(bad).unwrap_err().to_string();
        assert!(e.contains("is not a branch name"), "{bad}: {e}");
    }
}

#[test]
fn the_project_is_named_after_the_folder_or_the_title() {
    assert_eq!(project_name(Path::new("/x/My Status"), "T"), "my-status");
    assert_eq!(
        project_name(Path::new("/x/___"), "Acme Status"),
        "acme-status"
    );
    assert_eq!(project_name(Path::new("/x/___"), "!!!"), "status");
    let long = "a".repeat(80);
    assert_eq!(project_name(Path::new(&long), "T").len(), 58);
    // A path ending in `.` names the folder it stands for.
    let tmp = tempfile::Builder::new()
        .prefix("statuspress-name-")
        .tempdir()
        .unwrap();
    let name = tmp.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(
        project_name(&tmp.path().join("."), "T"),
        crate::authoring::slug::slugify(name, 58)
    );
}

#[test]
fn the_config_shows_subscribe_and_notify_commented_out_and_the_subscribe_example_is_valid() {
    let files = files(&opts(), "status", now());
    let config = &files
        .iter()
        .find(|(p, _)| p == "statuspress.toml")
        .unwrap()
        .1;
    // As written, neither table is set.
    let parsed = crate::model::Config::parse(crate::model::toml_source::TomlSource::file(
        Path::new("statuspress.toml"),
        config,
    ))
    .unwrap();
    assert_eq!(parsed.subscribe, Default::default());
    assert!(
        config.contains("\n# [[notify]]\n# kind = \"slack\""),
        "{config}"
    );
    assert!(
        config.contains("\n# url_env = \"SLACK_WEBHOOK_URL\""),
        "{config}"
    );
    // Uncommented, the [subscribe] example is a valid table with every channel.
    let block: String = config
        .split("# [subscribe]\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("# "))
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    let uncommented = format!("{config}\n[subscribe]\n{block}");
    let s = crate::model::Config::parse(crate::model::toml_source::TomlSource::file(
        Path::new("statuspress.toml"),
        &uncommented,
    ))
    .unwrap()
    .subscribe;
    assert!(
        s.discord.is_some()
            && s.mastodon.is_some()
            && s.mailing_list.is_some()
            && s.slack.is_some(),
        "{block}"
    );
}

#[test]
fn each_readme_says_where_the_notify_secrets_go() {
    for host in HOSTS {
        let files = files(&InitOptions { host, ..opts() }, "status", now());
        let readme = &files.iter().find(|(p, _)| p == "README.md").unwrap().1;
        let section = readme
            .split("## Subscribers and notifications\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{host:?}: {readme}"));
        for name in [
            "SLACK_WEBHOOK_URL",
            "DISCORD_WEBHOOK_URL",
            "TEAMS_WEBHOOK_URL",
            "STATUSPRESS_WEBHOOK_URL",
            "STATUSPRESS_WEBHOOK_SECRET",
            "SMTP_URL",
            "MASTODON_TOKEN",
            ".statuspress/notified.json",
        ] {
            assert!(section.contains(name), "{host:?}: {name}");
        }
        let (place, token) = match host {
            Host::Gitlab => ("*Settings → CI/CD → Variables*", true),
            _ => ("*Settings → Secrets and variables → Actions*", false),
        };
        assert!(section.contains(place), "{host:?}");
        assert_eq!(
            section.contains("`STATUSPRESS_PUSH_TOKEN`"),
            token,
            "{host:?}"
        );
    }
}
