//! The authoring commands: `init`, `new`, `update`, `resolve`, `import` and `alert`, each
//! writing files through [`crate::authoring`] and printing what it wrote.

use super::args::{
    AlertArgs, AlertSource, HostArg, ImpactArg, ImportStatuspageArgs, IncidentStatusArg, InitArgs,
    NewIncidentArgs, NewMaintenanceArgs, ResolveArgs, UpdateArgs,
};
use super::report::author_failed;
use super::{display, resolve_clock};
use crate::authoring::Error as AuthorError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The clock of an authoring command, to the minute: update headings give the minute, so
/// `started`, `resolved` and the heading written together must agree on it.
fn authoring_clock(now: Option<&str>) -> Result<chrono::DateTime<chrono::Utc>, ExitCode> {
    use chrono::DurationRound;
    let now = resolve_clock(now)?;
    Ok(now
        .duration_trunc(chrono::TimeDelta::minutes(1))
        .unwrap_or(now))
}

/// Runs an authoring command that writes one file, printing its path.
fn run_writer(
    now: Option<&str>,
    root: &Path,
    write: impl FnOnce(
        &crate::authoring::site::SiteContext,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<PathBuf, AuthorError>,
) -> ExitCode {
    let now = match authoring_clock(now) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let result = crate::authoring::site::SiteContext::read(root).and_then(|ctx| write(&ctx, now));
    match result {
        Ok(path) => {
            println!("{}", display(&path));
            ExitCode::SUCCESS
        }
        Err(e) => author_failed(&e),
    }
}

pub(super) fn init(args: &InitArgs) -> ExitCode {
    let now = match resolve_clock(args.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    use crate::authoring::init::Host;
    let opts = crate::authoring::init::InitOptions {
        title: args.title.clone(),
        base_url: args.base_url.clone(),
        force: args.force,
        host: match args.host {
            HostArg::Github => Host::Github,
            HostArg::Gitlab => Host::Gitlab,
            HostArg::Cloudflare => Host::Cloudflare,
            HostArg::Netlify => Host::Netlify,
        },
        branch: args.branch.clone(),
    };
    match crate::authoring::init::init(&args.dir, &opts, now) {
        Ok(paths) => {
            for p in &paths {
                println!("{}", display(p));
            }
            eprintln!(
                "Created a site in {}; run `statuspress build --root {}` to render it.",
                display(&args.dir),
                display(&args.dir)
            );
            if opts.base_url.is_none() && opts.host.default_is_placeholder() {
                let project = crate::authoring::init::project_name(&args.dir, &opts.title);
                eprintln!(
                    "note: base_url in statuspress.toml is a stand-in, {}: set it to the page's \
                     public address (such as https://OWNER.github.io/REPO, or your own domain) \
                     before publishing, or pass --base-url to init",
                    opts.host.default_base_url(&project)
                );
            }
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

fn incident_status(arg: IncidentStatusArg) -> crate::model::IncidentStatus {
    use crate::model::IncidentStatus;
    match arg {
        IncidentStatusArg::Investigating => IncidentStatus::Investigating,
        IncidentStatusArg::Identified => IncidentStatus::Identified,
        IncidentStatusArg::Monitoring => IncidentStatus::Monitoring,
        IncidentStatusArg::Resolved => IncidentStatus::Resolved,
    }
}

pub(super) fn new_incident(args: &NewIncidentArgs) -> ExitCode {
    use crate::authoring::new_post::{self, FromTemplate, NewIncident};
    let title = args.title.clone().or_else(|| args.title_option.clone());
    if let Some(template) = &args.template {
        let req = FromTemplate {
            template: template.clone(),
            title,
            impact: args.impact.map(impact_of),
            affects: component_ids(&args.affects),
            status: args.status.map(incident_status),
            message: args.message.clone(),
            upstream: args.upstream.clone(),
        };
        return run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
            new_post::new_incident_from_template(ctx, &req, now)
        });
    }
    let (Some(title), Some(impact)) = (title.clone(), args.impact) else {
        let missing: Vec<&str> = [
            (title.is_none(), "a title"),
            (args.impact.is_none(), "--impact"),
        ]
        .into_iter()
        .filter_map(|(missing, what)| missing.then_some(what))
        .collect();
        let missing = missing.join(" and ");
        return author_failed(
            &AuthorError::new(format!("new incident needs {missing}")).with_hint(
                "write it as `new incident \"TITLE\" --impact minor|major|critical|none`, \
                 or start from a template with --template NAME",
            ),
        );
    };
    let req = NewIncident {
        title,
        impact: impact_of(impact),
        affects: component_ids(&args.affects),
        status: args
            .status
            .map_or(crate::model::IncidentStatus::Investigating, incident_status),
        message: args.message.clone(),
    };
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        new_post::new_incident(ctx, &req, now)
    })
}

pub(super) fn new_maintenance(args: &NewMaintenanceArgs) -> ExitCode {
    let req = crate::authoring::new_post::NewMaintenance {
        title: args.title.clone(),
        start: args.start.clone(),
        end: args.end.clone(),
        affects: component_ids(&args.affects),
        message: args.message.clone(),
    };
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        let (path, warnings) = crate::authoring::new_post::new_maintenance(ctx, &req, now)?;
        super::report::Reporter::human(&args.site.root).diagnostics(&warnings);
        Ok(path)
    })
}

pub(super) fn update(args: &UpdateArgs) -> ExitCode {
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        crate::authoring::update::add_update(
            ctx,
            &args.id,
            &args.status,
            args.message.as_deref(),
            args.next.as_deref(),
            now,
        )
    })
}

pub(super) fn resolve(args: &ResolveArgs) -> ExitCode {
    run_writer(args.site.now.as_deref(), &args.site.root, |ctx, now| {
        crate::authoring::update::resolve(ctx, &args.id, args.message.as_deref(), now)
    })
}

pub(super) fn import_statuspage(args: &ImportStatuspageArgs) -> ExitCode {
    match crate::authoring::import::statuspage::import_files(&args.files, &args.root) {
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

pub(super) fn alert(args: &AlertArgs) -> ExitCode {
    let AlertSource::Alertmanager = args.from;
    let now = match authoring_clock(args.site.now.as_deref()) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let mut payload = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut payload) {
        eprintln!("error: cannot read the payload from standard input: {e}");
        return ExitCode::FAILURE;
    }
    let result = crate::authoring::site::SiteContext::read(&args.site.root)
        .and_then(|ctx| crate::authoring::alert::apply_alertmanager(&ctx, &payload, now));
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
