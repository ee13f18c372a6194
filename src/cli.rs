//! The command line: one `*Args` struct per command, doc comments as help text.

use crate::build::{self, Built};
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
    /// Print uptime, SLOs and incident statistics computed from the incident history.
    Stats(StatsArgs),
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

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Check(args) => run_check(&args),
        Command::Stats(args) => run_stats(&args),
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
    let Built {
        output,
        warnings,
        timings,
    } = match build::build(root, now) {
        Ok(b) => b,
        Err(diags) => return fail(&diags),
    };
    print_diagnostics(&warnings);
    let out_dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    let t = std::time::Instant::now();
    if let Err(e) = output.write_atomic(&out_dir, root) {
        eprintln!("error: {e:#}");
        eprintln!(
            "the previous output in {} was left as it was",
            out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    let write = t.elapsed();
    if args.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: load {:.1} ms, derive {:.1} ms, render {:.1} ms, write {:.1} ms",
            ms(timings.load),
            ms(timings.derive),
            ms(timings.render),
            ms(write)
        );
    }
    println!(
        "Built {} files ({} KB) into {}",
        output.len(),
        output.total_bytes().div_ceil(1024),
        display(&out_dir)
    );
    ExitCode::SUCCESS
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    match build::build(&args.site.root, now) {
        Ok(built) => {
            print_diagnostics(&built.warnings);
            println!(
                "ok: {} renders cleanly ({} files)",
                display(&args.site.root),
                built.output.len()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

fn run_stats(args: &StatsArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let site = match crate::load::load(&args.site.root) {
        Ok(site) => site,
        Err(diags) => {
            print_diagnostics(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: {errors} problem{} found",
                if errors == 1 { "" } else { "s" }
            );
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&site.warnings);
    let state = crate::derive::State::derive(&site, now);
    let uptime = crate::uptime::Uptime::compute(&site, &state, now);
    let report = crate::render::uptime_api::Report::build(&site, &uptime);
    print!(
        "{}",
        match args.format {
            StatsFormat::Table => report.table(),
            StatsFormat::Json => report.to_json(),
        }
    );
    ExitCode::SUCCESS
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
