//! The command line's arguments: one `*Args` struct per command, doc comments as help text.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Static status pages from a folder of Markdown and TOML.
#[derive(Debug, Parser)]
#[command(name = "statuspress", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into a folder of static files (default: public/ in the site folder).
    Build(BuildArgs),
    /// Validate the site folder and report every problem; writes nothing.
    Check(CheckArgs),
    /// Create a new site folder with examples and the CI files of its host.
    Init(InitArgs),
    /// Write a new incident or maintenance post.
    #[command(subcommand)]
    New(NewCommand),
    /// Add an update at the top of an incident's (or maintenance window's) timeline.
    Update(UpdateArgs),
    /// Resolve an incident (or complete a maintenance window) with a final update.
    Resolve(ResolveArgs),
    /// Import the history of a hosted status page.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Open, update or resolve an incident from a monitoring alert read on standard input.
    Alert(AlertArgs),
    /// Print uptime, SLOs and incident statistics computed from the incident history.
    Stats(StatsArgs),
    /// Preview the site locally; rebuilds in memory on every save and reloads the browser.
    Serve(ServeArgs),
    /// Announce new incidents, updates and maintenance on the [[notify]] channels, once each.
    Notify(NotifyArgs),
    /// Run the checks of probes.toml once, record the results, and open or resolve incidents.
    Probe(ProbeArgs),
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:column: error: message` with a hint line.
    Human,
    /// GitHub Actions annotations: `::error file=..,line=..,col=..::message`.
    Github,
    /// GitLab's code quality report: a JSON array on standard output (the problems are also
    /// printed for people on standard error).
    Gitlab,
}

/// Where `init`'s site is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HostArg {
    /// GitHub Pages, with a GitHub Actions workflow.
    Github,
    /// GitLab Pages, with `.gitlab-ci.yml`.
    Gitlab,
    /// Cloudflare Pages, deployed by a GitHub Actions workflow with wrangler.
    Cloudflare,
    /// Netlify, deployed by a GitHub Actions workflow with the Netlify CLI.
    Netlify,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must be empty or missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Site title.
    #[arg(long, default_value = "Status")]
    pub title: String,
    /// Public address of the site, e.g. `https://OWNER.github.io/REPO`. Defaults to the
    /// address the host gives a project named after DIR.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Where the site is published: decides the CI files written.
    #[arg(long, value_enum, default_value = "github")]
    pub host: HostArg,
    /// The repository's default branch, which CI builds and publishes from.
    #[arg(long, default_value = "main", value_name = "NAME")]
    pub branch: String,
    /// Write into a non-empty folder, replacing files of the same name.
    #[arg(long)]
    pub force: bool,
    /// Date the examples relative to this instant (RFC 3339); defaults as for `build`.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

/// What `new` writes.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new incident, starting now: `new incident "TITLE" --impact major --affects api,web`.
    Incident(NewIncidentArgs),
    /// A new maintenance window: `new maintenance "TITLE" --start .. --end .. --affects api`.
    Maintenance(NewMaintenanceArgs),
}

/// Impact levels on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImpactArg {
    /// Informational.
    None,
    /// Degraded performance.
    Minor,
    /// Partial outage.
    Major,
    /// Major outage.
    Critical,
}

/// Incident statuses on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IncidentStatusArg {
    /// The cause is not known yet.
    Investigating,
    /// The cause is known.
    Identified,
    /// A fix is in place.
    Monitoring,
    /// Over.
    Resolved,
}

/// Arguments of `new incident`.
#[derive(Debug, Args)]
pub struct NewIncidentArgs {
    /// Headline of the incident (or --title); with --template, the template's by default.
    pub title: Option<String>,
    /// Headline of the incident, as an option.
    #[arg(long = "title", value_name = "TITLE", conflicts_with = "title")]
    pub title_option: Option<String>,
    /// How badly users are affected; with --template, the template's by default.
    #[arg(long)]
    pub impact: Option<ImpactArg>,
    /// Affected component or group ids, comma-separated; with --template, instead of the
    /// template's.
    #[arg(
        long,
        visible_alias = "component",
        value_delimiter = ',',
        value_name = "IDS"
    )]
    pub affects: Vec<String>,
    /// Status of the first update [default: investigating, or the template's].
    #[arg(long)]
    pub status: Option<IncidentStatusArg>,
    /// Text of the first update (Markdown); with --template, instead of the template's.
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Start from incident-templates/NAME.md: its title, impact, components, summary and first
    /// update, with its placeholders filled in.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// The address a template's {{ upstream }} stands for: the provider's status page or
    /// incident.
    #[arg(long, value_name = "URL", requires = "template")]
    pub upstream: Option<String>,
    #[command(flatten)]
    /// Site folder and the time of the post.
    pub site: AuthorSiteArgs,
}

/// Arguments of `new maintenance`.
#[derive(Debug, Args)]
pub struct NewMaintenanceArgs {
    /// Headline of the maintenance window.
    pub title: String,
    /// Planned start, e.g. 2026-11-26T02:00:00Z or "2026-11-26 03:00" (site time zone).
    #[arg(long, value_name = "TIME")]
    pub start: String,
    /// Planned end.
    #[arg(long, value_name = "TIME")]
    pub end: String,
    /// Affected component or group ids, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub affects: Vec<String>,
    /// Text of the first update (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    #[command(flatten)]
    /// Site folder and the time of the post.
    pub site: AuthorSiteArgs,
}

/// Arguments of `update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The incident's id: its file name without `.md`.
    pub id: String,
    /// New status: investigating, identified, monitoring, resolved, postmortem (for maintenance:
    /// scheduled, in_progress, verifying, completed).
    #[arg(long)]
    pub status: String,
    /// Text of the update (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// When the next update is promised (incidents): a delay from now, `30m`, `90m`, `1h`, or a
    /// time, `2026-11-27T12:30` (site time zone). Without it the update promises nothing.
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
    #[command(flatten)]
    /// Site folder and the time of the post.
    pub site: AuthorSiteArgs,
}

/// Arguments of `resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The incident's id: its file name without `.md`.
    pub id: String,
    /// Text of the final update (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    #[command(flatten)]
    /// Site folder and the time of the post.
    pub site: AuthorSiteArgs,
}

/// Where `import` reads from.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Statuspage JSON: public API v2 components.json or summary.json, incidents.json,
    /// scheduled-maintenances.json, and management API v1 pages of incidents and components.
    Statuspage(ImportStatuspageArgs),
}

/// Arguments of `import statuspage`.
#[derive(Debug, Args)]
pub struct ImportStatuspageArgs {
    /// JSON files saved from the page's /api/v2/ endpoints or from the management API
    /// (/v1/pages/PAGE_ID/incidents?page=N and /components), in any order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The site folder to import into (created if missing; existing files are kept).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

/// Alert sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AlertSource {
    /// A Prometheus Alertmanager webhook payload (version 4).
    Alertmanager,
}

/// Arguments of `alert`.
#[derive(Debug, Args)]
pub struct AlertArgs {
    /// The format of the payload on standard input.
    #[arg(long)]
    pub from: AlertSource,
    #[command(flatten)]
    /// Site folder and the time of the post.
    pub site: AuthorSiteArgs,
}

/// Where the site is and which instant to render.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding statuspress.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Render as of this instant (RFC 3339, e.g. 2026-11-23T12:00:00Z). Defaults to
    /// SOURCE_DATE_EPOCH if set, else the current time.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

/// Where the site is and the time a post is written at, for `new`, `update`, `resolve` and
/// `alert`.
#[derive(Debug, Args)]
pub struct AuthorSiteArgs {
    /// The site folder, holding statuspress.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The time of the post (RFC 3339, e.g. 2026-11-23T12:00:00Z), written to the minute as
    /// `started`, `resolved` and the update's heading. Defaults to SOURCE_DATE_EPOCH if set,
    /// else the current time.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
    /// Output folder; replaced as a whole, only once the new site is complete.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Print the time spent in each build phase.
    #[arg(long)]
    pub timings: bool,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
    /// Output format of the problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
}

/// Arguments of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
    /// `table` for reading, `json` for the same content as api/uptime.json.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

/// Arguments of `notify`.
#[derive(Debug, Args)]
pub struct NotifyArgs {
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
    /// Print each request that would be sent, per channel, with secrets masked; send nothing
    /// and leave the ledger as it is. Works without the secrets set.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `probe`.
#[derive(Debug, Args)]
pub struct ProbeArgs {
    #[command(flatten)]
    /// Site folder and the time recorded for this run.
    pub site: SiteArgs,
}

/// Output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// A readable table.
    Table,
    /// JSON, as in api/uptime.json.
    Json,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    /// Site folder and clock. Without --now (or SOURCE_DATE_EPOCH) the clock follows the
    /// system time and the site is rebuilt at least once a minute.
    pub site: SiteArgs,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: String,
    /// Port to listen on; fails if it is busy. Without it, the first free port from 1111 on.
    /// 0 takes any free port.
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// Scan the site folder for changes instead of using native file events (for network
    /// and container file systems where those do not arrive).
    #[arg(long)]
    pub poll: bool,
    /// Without a fixed clock, rebuild this often (in seconds), so maintenance windows open
    /// and close in the preview as time passes.
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub rebuild_every: u64,
}
