//! The command line: [`args`] declares it, [`run`] dispatches each command to the pipeline
//! ([`build`](crate::build)), `serve` or authoring, and one reporter prints every diagnostic
//! and summary line.

pub mod args;
mod authoring;
mod pipeline;
mod probe;
mod report;

pub use args::{Cli, Command};

use args::{ImportCommand, NewCommand};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::process::ExitCode;

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => pipeline::build(&args),
        Command::Check(args) => pipeline::check(&args),
        Command::Stats(args) => pipeline::stats(&args),
        Command::Serve(args) => pipeline::serve(&args),
        Command::Notify(args) => pipeline::notify(&args),
        Command::Probe(args) => probe::probe(&args),
        Command::Init(args) => authoring::init(&args),
        Command::New(NewCommand::Incident(args)) => authoring::new_incident(&args),
        Command::New(NewCommand::Maintenance(args)) => authoring::new_maintenance(&args),
        Command::Update(args) => authoring::update(&args),
        Command::Resolve(args) => authoring::resolve(&args),
        Command::Import(ImportCommand::Statuspage(args)) => authoring::import_statuspage(&args),
        Command::Alert(args) => authoring::alert(&args),
    }
}

/// The clock of `--now` (or `SOURCE_DATE_EPOCH`, or the current time); a bad value is a usage
/// error (exit code 2).
fn resolve_clock(now: Option<&str>) -> Result<DateTime<Utc>, ExitCode> {
    crate::clock::from_env(now).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
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
