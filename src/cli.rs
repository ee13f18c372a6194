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
    /// Preview the site locally; rebuilds in memory on every save and reloads the browser.
    Serve(ServeArgs),
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
