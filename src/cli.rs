//! The command line: one `*Args` struct per command, doc comments as help text.

use crate::authoring::{self, Error as AuthorError};
use crate::build;
use crate::clock;
use crate::diagnostic::Diagnostic;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Create a new site folder with examples and a GitHub Pages workflow.
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
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:column: error: message` with a hint line.
    Human,
    /// GitHub Actions annotations: `::error file=..,line=..,col=..::message`.
    Github,
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
    /// Public address of the site, e.g. `https://OWNER.github.io/REPO`.
    #[arg(
        long,
        default_value = "https://example.github.io/status",
        value_name = "URL"
    )]
    pub base_url: String,
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
    /// Headline of the incident.
    pub title: String,
    /// How badly users are affected.
    #[arg(long)]
    pub impact: ImpactArg,
    /// Affected component or group ids, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub affects: Vec<String>,
    /// Status of the first update.
    #[arg(long, default_value = "investigating")]
    pub status: IncidentStatusArg,
    /// Text of the first update (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
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
    /// Site folder and clock.
    pub site: SiteArgs,
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
    #[command(flatten)]
    /// Site folder and clock.
    pub site: SiteArgs,
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
    /// Site folder and clock.
    pub site: SiteArgs,
}

/// Where `import` reads from.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Statuspage API v2 JSON: components.json or summary.json, incidents.json,
    /// scheduled-maintenances.json.
    Statuspage(ImportStatuspageArgs),
}

/// Arguments of `import statuspage`.
#[derive(Debug, Args)]
pub struct ImportStatuspageArgs {
    /// JSON files saved from the page's /api/v2/ endpoints.
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
    /// Site folder and clock.
    pub site: SiteArgs,
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

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Check(args) => run_check(&args),
        Command::Init(args) => run_init(&args),
        Command::New(NewCommand::Incident(args)) => run_new_incident(&args),
        Command::New(NewCommand::Maintenance(args)) => run_new_maintenance(&args),
        Command::Update(args) => run_update(&args),
        Command::Resolve(args) => run_resolve(&args),
        Command::Import(ImportCommand::Statuspage(args)) => run_import_statuspage(&args),
        Command::Alert(args) => run_alert(&args),
        Command::Stats(args) => run_stats(&args),
        Command::Serve(args) => run_serve(&args),
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
}

fn fail(diags: &[Diagnostic]) -> ExitCode {
    print_diagnostics(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "error: {errors} problem{} found; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

fn resolve_clock(now: Option<&str>) -> Result<chrono::DateTime<chrono::Utc>, ExitCode> {
    clock::from_env(now).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn run_build(args: &BuildArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let root = &args.site.root;
    let out_dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    let built = match build::run(
        build::Input::Folder(root),
        now,
        build::Target::Folder(&out_dir),
    ) {
        Ok(b) => b,
        Err(build::BuildError::Invalid(diags)) => return fail(&diags),
        Err(build::BuildError::Write(e)) => {
            eprintln!("error: {e:#}");
            eprintln!(
                "the previous output in {} was left as it was",
                out_dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&built.warnings);
    if args.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let t = built.timings;
        eprintln!(
            "timings: load {:.1} ms, derive {:.1} ms, render+write {:.1} ms, swap {:.1} ms",
            ms(t.load),
            ms(t.derive),
            ms(t.render),
            ms(t.swap)
        );
    }
    println!(
        "Built {} files ({} KB) into {}",
        built.written.files,
        built.written.bytes.div_ceil(1024),
        display(&out_dir)
    );
    ExitCode::SUCCESS
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    match build::run(
        build::Input::Folder(&args.site.root),
        now,
        build::Target::Tally,
    ) {
        Ok(checked) => {
            if args.format == CheckFormat::Github {
                for d in &checked.warnings {
                    println!("{}", crate::annotation::github(d, &args.site.root));
                }
            } else {
                print_diagnostics(&checked.warnings);
            }
            println!(
                "ok: {} renders cleanly ({} files)",
                display(&args.site.root),
                checked.written.files
            );
            ExitCode::SUCCESS
        }
        Err(build::BuildError::Write(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
        Err(build::BuildError::Invalid(diags)) => {
            if args.format == CheckFormat::Github {
                for d in &diags {
                    println!("{}", crate::annotation::github(d, &args.site.root));
                }
            } else {
                print_diagnostics(&diags);
            }
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints an authoring error and returns the failure exit code.
fn author_failed(e: &AuthorError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::FAILURE
}

/// Runs an authoring command that writes one file, printing its path.
fn run_writer(
    now: Option<&str>,
    root: &Path,
    write: impl FnOnce(
        &authoring::site::SiteContext,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<PathBuf, AuthorError>,
) -> ExitCode {
    let now = match resolve_clock(now) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let result = authoring::site::SiteContext::read(root).and_then(|ctx| write(&ctx, now));
    match result {
        Ok(path) => {
            println!("{}", display(&path));
            ExitCode::SUCCESS
        }
        Err(e) => author_failed(&e),
    }
}

fn run_init(args: &InitArgs) -> ExitCode {
    let now = match resolve_clock(args.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let opts = authoring::init::InitOptions {
        title: args.title.clone(),
        base_url: args.base_url.clone(),
        force: args.force,
    };
    match authoring::init::init(&args.dir, &opts, now) {
        Ok(paths) => {
            for p in &paths {
                println!("{}", display(p));
            }
            eprintln!(
                "Created a site in {}; run `statuspress build --root {}` to render it.",
                display(&args.dir),
                display(&args.dir)
            );
            ExitCode::SUCCESS
        }
        Err(e) => author_failed(&e),
    }
}

fn impact_of(arg: ImpactArg) -> crate::model::Impact {
    use crate::model::Impact;
    match arg {
        ImpactArg::None => Impact::None,
        ImpactArg::Minor => Impact::Minor,
        ImpactArg::Major => Impact::Major,
        ImpactArg::Critical => Impact::Critical,
    }
}

/// The ids given to `--affects`, trimmed, without empty ones.
fn component_ids(affects: &[String]) -> Vec<String> {
    affects
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn run_new_incident(args: &NewIncidentArgs) -> ExitCode {
    use crate::model::IncidentStatus;
    let req = authoring::new_post::NewIncident {
        title: args.title.clone(),
        impact: impact_of(args.impact),
        affects: component_ids(&args.affects),
        status: match args.status {
            IncidentStatusArg::Investigating => IncidentStatus::Investigating,
            IncidentStatusArg::Identified => IncidentStatus::Identified,
            IncidentStatusArg::Monitoring => IncidentStatus::Monitoring,
            IncidentStatusArg::Resolved => IncidentStatus::Resolved,
        },
        message: args.message.clone(),
    };
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        authoring::new_post::new_incident(ctx, &req, now)
    })
}

fn run_new_maintenance(args: &NewMaintenanceArgs) -> ExitCode {
    let req = authoring::new_post::NewMaintenance {
        title: args.title.clone(),
        start: args.start.clone(),
        end: args.end.clone(),
        affects: component_ids(&args.affects),
        message: args.message.clone(),
    };
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        authoring::new_post::new_maintenance(ctx, &req, now)
    })
}

fn run_update(args: &UpdateArgs) -> ExitCode {
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        authoring::update::add_update(ctx, &args.id, &args.status, args.message.as_deref(), now)
    })
}

fn run_resolve(args: &ResolveArgs) -> ExitCode {
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        authoring::update::resolve(ctx, &args.id, args.message.as_deref(), now)
    })
}

fn run_import_statuspage(args: &ImportStatuspageArgs) -> ExitCode {
    match authoring::import::statuspage::import_files(&args.files, &args.root) {
        Ok(report) => {
            for p in &report.written {
                println!("{}", display(p));
            }
            eprintln!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(e) => author_failed(&e),
    }
}

fn run_alert(args: &AlertArgs) -> ExitCode {
    let AlertSource::Alertmanager = args.from;
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let mut payload = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut payload) {
        eprintln!("error: cannot read the payload from standard input: {e}");
        return ExitCode::FAILURE;
    }
    let result = authoring::site::SiteContext::read(&args.site.root)
        .and_then(|ctx| authoring::alert::apply_alertmanager(&ctx, &payload, now));
    match result {
        Ok(outcome) => {
            if let Some(path) = &outcome.path {
                println!("{}", display(path));
            }
            eprintln!("{}", outcome.summary);
            ExitCode::SUCCESS
        }
        Err(e) => author_failed(&e),
    }
}

fn run_stats(args: &StatsArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let derived = match build::run(
        build::Input::Folder(&args.site.root),
        now,
        build::Target::Derive,
    ) {
        Ok(derived) => derived,
        Err(build::BuildError::Write(e)) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
        Err(build::BuildError::Invalid(diags)) => {
            print_diagnostics(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found",
                if errors == 1 { "" } else { "s" }
            );
            return ExitCode::FAILURE;
        }
    };
    // Only the warnings of loading, not of linting, as `stats` always has.
    print_diagnostics(&derived.site.warnings);
    let report = crate::render::data::uptime::Report::build(&derived.site, &derived.state.uptime);
    print!(
        "{}",
        match args.format {
            StatsFormat::Table => report.table(),
            StatsFormat::Json => report.to_json(),
        }
    );
    ExitCode::SUCCESS
}

fn run_serve(args: &ServeArgs) -> ExitCode {
    let fixed = args.site.now.is_some()
        || std::env::var("SOURCE_DATE_EPOCH").is_ok_and(|s| !s.trim().is_empty());
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => fixed.then_some(n),
        Err(code) => return code,
    };
    let opts = crate::serve::Options {
        root: args.site.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        open: args.open,
        now,
        poll: args.poll,
        rebuild_every: std::time::Duration::from_secs(args.rebuild_every),
    };
    match crate::serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
