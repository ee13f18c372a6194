//! The commands that run the pipeline: `build`, `check`, `stats` and `notify` through
//! [`build::run`], and `serve`, which runs it on every change.

use super::args::{BuildArgs, CheckArgs, NotifyArgs, ServeArgs, SiteArgs, StatsArgs, StatsFormat};
use super::report::Reporter;
use super::{display, resolve_clock};
use crate::build::{self, BuildError, Input, Outcome, Target};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Fails at once, before anything is read or watched, when `root` is not a site folder.
fn require_site(reporter: &Reporter<'_>, root: &Path) -> Result<(), ExitCode> {
    match crate::load::missing_config(root) {
        Some(d) => Err(reporter.problems_found(&[d], "")),
        None => Ok(()),
    }
}

/// Runs the pipeline on the site in `root` into a target that writes no file; on a failure
/// reports the problems and returns the exit code.
fn run_writing_nothing(
    reporter: &Reporter<'_>,
    root: &Path,
    now: DateTime<Utc>,
    target: Target<'_>,
) -> Result<Outcome, ExitCode> {
    require_site(reporter, root)?;
    build::run(Input::Folder(root), now, target).map_err(|e| match e {
        BuildError::Invalid(diags) => reporter.problems_found(&diags, ""),
        BuildError::Write(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    })
}

/// The site of `site` derived at its clock, with the warnings of loading printed (not those of
/// linting): where `stats` and `notify` start.
fn derived_at_clock(site: &SiteArgs) -> Result<Outcome, ExitCode> {
    let now = resolve_clock(site.now.as_deref())?;
    let reporter = Reporter::human(&site.root);
    let derived = run_writing_nothing(&reporter, &site.root, now, Target::Derive)?;
    reporter.diagnostics(&derived.site.warnings);
    Ok(derived)
}

pub(super) fn build(args: &BuildArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let root = &args.site.root;
    let reporter = Reporter::human(root);
    if let Err(code) = require_site(&reporter, root) {
        return code;
    }
    let out_dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    let built = match build::run(Input::Folder(root), now, Target::Folder(&out_dir)) {
        Ok(built) => built,
        Err(BuildError::Invalid(diags)) => {
            return reporter.problems_found(&diags, "; nothing was written");
        }
        Err(BuildError::Write(e)) => {
            eprintln!("error: {e:#}");
            eprintln!(
                "the previous output in {} was left as it was",
                out_dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    reporter.diagnostics(&built.warnings);
    if args.timings {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let t = built.timings;
        eprintln!(
            "timings: load {:.1} ms, derive {:.1} ms, render+write {:.1} ms, swap {:.1} ms",
            ms(t.load),
            ms(t.derive),
            ms(t.render),
            ms(t.swap)
        );
        let w = t.writing;
        let spare = if w.from_spare {
            format!(
                "staged in the spare (listing {:.1} ms, tidying {:.1} ms)",
                ms(w.list),
                ms(w.tidy)
            )
        } else {
            "staged in a new folder".to_string()
        };
        let previous = if w.kept_spare {
            "keeping the previous output as the spare"
        } else {
            "removing the previous output"
        };
        eprintln!(
            "writer: {} files carried over, {} written, {spare}; mkdir {:.1} ms, compare+link {:.1} ms, write {:.1} ms; {previous} {:.1} ms",
            w.carried,
            w.written,
            ms(w.mkdir),
            ms(w.carry),
            ms(w.write),
            ms(w.remove)
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

pub(super) fn check(args: &CheckArgs) -> ExitCode {
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let root = &args.site.root;
    let reporter = Reporter::new(args.format, root);
    let checked = match run_writing_nothing(&reporter, root, now, Target::Tally) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    reporter.diagnostics(&checked.warnings);
    reporter.outcome(&format!(
        "ok: {} renders cleanly ({} files)",
        display(root),
        checked.written.files
    ));
    ExitCode::SUCCESS
}

pub(super) fn stats(args: &StatsArgs) -> ExitCode {
    let derived = match derived_at_clock(&args.site) {
        Ok(derived) => derived,
        Err(code) => return code,
    };
    let report = crate::render::data::uptime::Report::build(&derived.site, &derived.state);
    print!(
        "{}",
        match args.format {
            StatsFormat::Table => report.table(),
            StatsFormat::Json => report.to_json(),
        }
    );
    ExitCode::SUCCESS
}

pub(super) fn serve(args: &ServeArgs) -> ExitCode {
    let fixed = args.site.now.is_some()
        || std::env::var("SOURCE_DATE_EPOCH").is_ok_and(|s| !s.trim().is_empty());
    let now = match resolve_clock(args.site.now.as_deref()) {
        Ok(n) => fixed.then_some(n),
        Err(code) => return code,
    };
    if let Err(code) = require_site(&Reporter::human(&args.site.root), &args.site.root) {
        return code;
    }
    let opts = crate::serve::Options {
        root: args.site.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        open: args.open,
        now,
        poll: args.poll,
        rebuild_every: Duration::from_secs(args.rebuild_every),
    };
    match crate::serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

pub(super) fn notify(args: &NotifyArgs) -> ExitCode {
    use crate::notify::run::{self, Settings, Stop, Streams};
    let root = &args.site.root;
    let reporter = Reporter::human(root);
    let derived = match derived_at_clock(&args.site) {
        Ok(derived) => derived,
        Err(code) => return code,
    };
    if derived.site.config.notify.channels.is_empty() {
        println!("notify: statuspress.toml has no [[notify]] channels; nothing to do");
        return ExitCode::SUCCESS;
    }
    let env = |var: &str| std::env::var(var).ok();
    let settings = Settings::new(args.dry_run, &env);
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut streams = Streams {
        out: &mut out,
        err: &mut err,
    };
    let ran = run::run(
        root,
        &derived.site,
        &derived.state,
        &settings,
        &env,
        &mut streams,
    );
    drop((out, err));
    match ran {
        Ok(tally) => {
            println!("{}", tally.summary(args.dry_run));
            if tally.all_done() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(Stop::Ledger(d)) => reporter.problems_found(&[d], "; nothing was sent"),
        Err(Stop::Save(e)) => {
            eprintln!("error: cannot record in the ledger: {e}");
            eprintln!(
                "  help: stopped so that nothing is sent twice; what was sent before is recorded"
            );
            ExitCode::FAILURE
        }
    }
}
