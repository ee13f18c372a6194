//! `statuspress probe`: one run of the checks of `probes.toml`.

use super::args::ProbeArgs;
use super::report::{Reporter, author_failed};
use super::resolve_clock;
use chrono::{DurationRound, TimeDelta};
use std::process::ExitCode;

pub(super) fn probe(args: &ProbeArgs) -> ExitCode {
    use crate::probe::run::{self, Settings, Stop};
    let now = match resolve_clock(args.site.now.as_deref()) {
        // Samples are recorded to the second.
        Ok(n) => n.duration_trunc(TimeDelta::seconds(1)).unwrap_or(n),
        Err(code) => return code,
    };
    let root = &args.site.root;
    let reporter = Reporter::human(root);
    if let Some(d) = crate::load::missing_config(root) {
        return reporter.problems_found(&[d], "");
    }
    let env = |var: &str| std::env::var(var).ok();
    let settings = Settings::new(&env);
    let mut out = std::io::stdout().lock();
    match run::run(root, now, &settings, &env, &mut out) {
        Ok(None) => {
            println!("probe: the site has no probes.toml; nothing to do");
            ExitCode::SUCCESS
        }
        Ok(Some(summary)) => {
            drop(out);
            eprintln!("{}", summary.line());
            ExitCode::SUCCESS
        }
        Err(Stop::Site(e)) => author_failed(&e),
        Err(Stop::Invalid(diags)) => reporter.problems_found(&diags, "; nothing was checked"),
        Err(Stop::Write(e)) => {
            eprintln!("error: cannot record the results: {e}");
            ExitCode::FAILURE
        }
    }
}
