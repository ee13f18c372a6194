//! Where a new site is published, and so the CI files `init` writes for it.
//!
//! GitHub Pages, Cloudflare Pages and Netlify share one GitHub Actions workflow
//! (`ci/workflow.yml`: check, alert, keepalive and build) that goes on with each host's steps to
//! publish and ends with the notify job (`ci/notify.yml`); GitLab gets `.gitlab-ci.yml`. The
//! README's publishing and notifications sections are put together the same way. Those hosts
//! also get a second workflow, `ci/probe.yml`, that runs `statuspress probe` on its own schedule.

/// Where the site is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// GitHub Pages, deployed by GitHub Actions.
    Github,
    /// GitLab Pages, deployed by GitLab CI.
    Gitlab,
    /// Cloudflare Pages, deployed by GitHub Actions with wrangler.
    Cloudflare,
    /// Netlify, deployed by GitHub Actions with the Netlify CLI.
    Netlify,
}

/// The path of the GitHub workflow (the keepalive job names it too).
const WORKFLOW_PATH: &str = ".github/workflows/statuspress.yml";
/// The jobs every GitHub-built host shares; each host's part is appended to the build job.
const WORKFLOW: &str = include_str!("ci/workflow.yml");
/// `_headers`, read by Cloudflare Pages and Netlify.
const HEADERS: &str = include_str!("ci/headers");
/// The job that runs `statuspress notify` once the page is published, last in the workflow.
const NOTIFY: &str = include_str!("ci/notify.yml");
/// The path of the probe workflow (the keepalive job names it too).
const PROBE_PATH: &str = ".github/workflows/statuspress-probe.yml";
/// The workflow that runs `statuspress probe` every 5 minutes and commits the results.
const PROBE: &str = include_str!("ci/probe.yml");

impl Host {
    /// The host's own files, as (path relative to the site, template).
    pub(super) fn files(self) -> Vec<(&'static str, String)> {
        match self {
            Host::Github => vec![
                (
                    WORKFLOW_PATH,
                    workflow(
                        include_str!("ci/github.yml"),
                        "deploy to GitHub Pages",
                        "Settings -> Pages -> Build and deployment -> Source must be \"GitHub Actions\".",
                        "deploy",
                    ),
                ),
                (PROBE_PATH, PROBE.into()),
            ],
            Host::Gitlab => vec![(".gitlab-ci.yml", include_str!("ci/gitlab-ci.yml").into())],
            Host::Cloudflare => vec![
                (
                    WORKFLOW_PATH,
                    workflow(
                        include_str!("ci/cloudflare.yml"),
                        "deploy to Cloudflare Pages",
                        "Needs the secrets CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID; see README.md.",
                        "build",
                    ),
                ),
                ("wrangler.toml", include_str!("ci/wrangler.toml").into()),
                ("static/_headers", HEADERS.into()),
                (PROBE_PATH, PROBE.into()),
            ],
            Host::Netlify => vec![
                (
                    WORKFLOW_PATH,
                    workflow(
                        include_str!("ci/netlify.yml"),
                        "deploy to Netlify",
                        "Needs the secrets NETLIFY_AUTH_TOKEN and NETLIFY_SITE_ID; see README.md.",
                        "build",
                    ),
                ),
                ("netlify.toml", include_str!("ci/netlify.toml").into()),
                ("static/_headers", HEADERS.into()),
                (PROBE_PATH, PROBE.into()),
            ],
        }
    }

    /// The README's publishing section: the one-time set-up, what CI does, and how late the
    /// schedule can be.
    pub(super) fn readme(self) -> String {
        let setup = match self {
            Host::Github => include_str!("readme/github.md"),
            Host::Gitlab => include_str!("readme/gitlab.md"),
            Host::Cloudflare => include_str!("readme/cloudflare.md"),
            Host::Netlify => include_str!("readme/netlify.md"),
        };
        let headers = match self {
            Host::Cloudflare | Host::Netlify => include_str!("readme/headers.md"),
            Host::Github | Host::Gitlab => "",
        };
        let (actions, late) = match self {
            Host::Gitlab => ("", include_str!("readme/late-gitlab.md")),
            _ => (
                include_str!("readme/actions.md"),
                include_str!("readme/late-actions.md"),
            ),
        };
        include_str!("README.md")
            .replace("{{publishing}}", &format!("{setup}{headers}{actions}"))
            .replace("{{late}}", late)
            .replace("{{notifications}}", &self.notifications())
            .replace("{{monitoring}}", &self.monitoring())
            .replace(
                "{{alerts}}",
                match self {
                    // Alerts arrive as GitHub repository dispatches.
                    Host::Gitlab => "",
                    _ => include_str!("readme/alerts.md"),
                },
            )
    }

    /// The README's section on the subscribe page and on `[[notify]]`: where the channels'
    /// secrets go on this host.
    fn notifications(self) -> String {
        let (place, extra) = match self {
            Host::Gitlab => (
                "a masked CI/CD variable (*Settings → CI/CD → Variables*)",
                include_str!("readme/notify-gitlab.md"),
            ),
            _ => (
                "a secret of the repository (*Settings → Secrets and variables → Actions*)",
                "",
            ),
        };
        include_str!("readme/notify.md")
            .replace("{{notify_where}}", place)
            .replace("{{notify_extra}}", extra)
    }

    /// The README's monitoring section: `probes.toml`, the host's probe job and its schedule,
    /// and a timer elsewhere instead.
    fn monitoring(self) -> String {
        let (host, off) = match self {
            Host::Gitlab => (
                include_str!("readme/monitoring-gitlab.md"),
                "deactivate the probe schedule once a timer runs them.",
            ),
            _ => (
                include_str!("readme/monitoring-actions.md"),
                "disable the probe workflow once a timer runs them.",
            ),
        };
        include_str!("readme/monitoring.md")
            .replace("{{monitoring_host}}", host)
            .replace("{{monitoring_off}}", off)
    }

    /// The address the host gives a site named `project`, for `base_url` until the site has its
    /// own. GitHub's and GitLab's name the account, which `init` cannot know.
    pub fn default_base_url(self, project: &str) -> String {
        match self {
            Host::Github => format!("https://example.github.io/{project}"),
            Host::Gitlab => format!("https://example.gitlab.io/{project}"),
            Host::Cloudflare => format!("https://{project}.pages.dev"),
            Host::Netlify => format!("https://{project}.netlify.app"),
        }
    }

    /// Whether [`Host::default_base_url`] is only a stand-in (the account is not known), so
    /// that `init` asks for the real address.
    pub fn default_is_placeholder(self) -> bool {
        matches!(self, Host::Github | Host::Gitlab)
    }
}

/// The GitHub workflow of a host that GitHub Actions publishes to: the shared jobs, then the
/// host's `publish` steps (and jobs), then the notify job, which waits for `publish_job`, the
/// job that publishes. `summary` and `setup` go into the header comment.
fn workflow(publish: &str, summary: &str, setup: &str, publish_job: &str) -> String {
    WORKFLOW
        .replace("{{publish_summary}}", summary)
        .replace("{{setup_line}}", setup)
        + publish
        + &NOTIFY.replace("{{publish_job}}", publish_job)
}
