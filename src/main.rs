//! The `statuspress` binary.

use clap::Parser;
use statuspress::cli::{Cli, run};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build allocates and frees many small strings and
/// JSON values per page, and this cut its CPU time by a fifth (see BENCHMARKS.md). Built without
/// its requests for transparent huge pages (the `no_thp` feature, see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    run(Cli::parse())
}
