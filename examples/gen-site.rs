//! Generates a realistic status site for benchmarks and tests.
//!
//! ```sh
//! cargo run --release --example gen-site -- --incidents 10000 --components 50 --out /tmp/site
//! ```
//!
//! The same arguments always give byte-identical files. History ends at 2026-11-23T12:00:00Z, so
//! build the result with `--now 2026-11-23T12:00:00Z`.

mod gen_site;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Generate a status site of any size, deterministically from a seed.
#[derive(Debug, Parser)]
#[command(name = "gen-site")]
struct Args {
    /// Number of incident files, spread over ten years.
    #[arg(long, default_value_t = 1000)]
    incidents: usize,
    /// Number of components, in groups of 5 to 10.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..))]
    components: u16,
    /// Folder to create; must not exist or be empty.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let params = gen_site::Params {
        incidents: args.incidents,
        components: usize::from(args.components),
        seed: args.seed,
    };
    match gen_site::write_site(&params, &args.out) {
        Ok(files) => {
            println!("wrote {files} files into {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
