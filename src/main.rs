//! The `statuspress` binary.

use clap::Parser;
use statuspress::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    run(Cli::parse())
}
