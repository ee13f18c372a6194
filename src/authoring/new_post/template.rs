//! `statuspress new incident --template NAME`: a new incident filled in from
//! `incident-templates/NAME.md`, with the command line's values over the template's.

use super::{check_title, new_id};
use crate::authoring::Error;
use crate::authoring::site::{PostKind, SiteContext, parse_incident};
use crate::authoring::write::write_checked;
use crate::diagnostic::closest;
use crate::load::{incident_template, incident_template_names};
use crate::model::incident_template::Values;
use crate::model::site::INCIDENT_TEMPLATES_DIR;
use crate::model::{Impact, IncidentStatus};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// What `new incident --template` is asked to write. Each value left out comes from the template.
#[derive(Debug, Clone, Default)]
pub struct FromTemplate {
    /// The template's name: its file name without `.md`.
    pub template: String,
    /// Headline, instead of the template's.
    pub title: Option<String>,
    /// Impact, instead of the template's.
    pub impact: Option<Impact>,
    /// Component or group ids, instead of the template's `affected` (empty: the template's).
    pub affects: Vec<String>,
    /// Status of the first update, instead of the template's.
    pub status: Option<IncidentStatus>,
    /// Body of the first update (Markdown), instead of the template's.
    pub message: Option<String>,
    /// The value of `{{ upstream }}`: the provider's status page or incident.
    pub upstream: Option<String>,
}

/// Writes a new incident from a template and returns its path.
pub fn new_incident_from_template(
    ctx: &SiteContext,
    req: &FromTemplate,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let template =
        match incident_template(&ctx.incident_templates, &req.template, ctx.parse_context()) {
            Some(Ok(template)) => template,
            Some(Err(diags)) => {
                return Err(Error::invalid(
                    format!(
                        "incident template `{}` has errors; nothing was written",
                        req.template
                    ),
                    diags,
                ));
            }
            None => return Err(unknown_template(ctx, &req.template)),
        };
    let title = req.title.as_deref().map(check_title).transpose()?;
    ctx.check_components(&req.affects)?;
    let upstream = req.upstream.as_deref().map(check_upstream).transpose()?;
    let values = Values {
        title,
        impact: req.impact,
        affects: req.affects.clone(),
        status: req.status,
        message: req.message.clone(),
        upstream,
        now,
        tz: ctx.config.time_zone,
    };
    let filled = template.fill(&values, &ctx.catalog).map_err(|diags| {
        Error::invalid(
            format!(
                "incident template `{}` cannot be filled in; nothing was written",
                req.template
            ),
            diags,
        )
    })?;
    let title = check_title(&filled.title)?;
    let id = new_id(ctx, now, &title, "incident");
    let rel = Path::new(PostKind::Incident.dir()).join(format!("{id}.md"));
    let text = filled.to_text(now);
    write_checked(&ctx.root, &rel, &text, |written| {
        let (inc, diags) = parse_incident(ctx.parse_context(), &rel, written);
        match inc {
            Some(i) if i.updates.len() == 1 => Ok(()),
            Some(_) => Err(Error::new(
                "the incident would have more than one update; nothing was written",
            )
            .with_hint(
                "a value that starts a line of the summary must not read as an update heading",
            )),
            None => Err(Error::invalid(
                "the new incident would not be valid; nothing was written",
                diags,
            )),
        }
    })
}

/// The error for a template that does not exist, naming the ones that do.
fn unknown_template(ctx: &SiteContext, name: &str) -> Error {
    let names = incident_template_names(&ctx.incident_templates);
    let error = Error::new(format!(
        "no incident template `{name}` in {INCIDENT_TEMPLATES_DIR}/"
    ));
    if names.is_empty() {
        return error.with_hint(format!(
            "the site has no templates yet: write {INCIDENT_TEMPLATES_DIR}/{name}.md, an incident \
             file without times whose update heading is only its status (`statuspress init` \
             writes two examples)"
        ));
    }
    let close = closest(name, names.iter().map(String::as_str))
        .map_or(String::new(), |c| format!("did you mean `{c}`? "));
    error.with_hint(format!("{close}templates: {}", names.join(", ")))
}

/// Checks `--upstream`: an absolute http(s) address that Markdown keeps whole in a link.
fn check_upstream(url: &str) -> Result<String, Error> {
    let url = url.trim();
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    let odd = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "<>\"`()[]".contains(*c));
    match (absolute, odd) {
        (true, None) => Ok(url.to_string()),
        (false, _) => Err(Error::new(format!(
            "--upstream `{url}` is not an http(s) address"
        ))
        .with_hint("give the provider's status page or incident, e.g. https://www.githubstatus.com/incidents/abc123")),
        (true, Some(c)) => Err(Error::new(format!(
            "--upstream `{url}` holds `{}`, which would break the link in Markdown",
            c.escape_default()
        ))
        .with_hint("percent-encode it, e.g. %20 for a space, %28 and %29 for parentheses")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_must_be_a_plain_http_address() {
        assert_eq!(
            check_upstream(" https://www.githubstatus.com/incidents/abc ").unwrap(),
            "https://www.githubstatus.com/incidents/abc"
        );
        let e = check_upstream("www.githubstatus.com").unwrap_err();
        assert_eq!(
            e.message,
            "--upstream `www.githubstatus.com` is not an http(s) address"
        );
        let e = check_upstream("https://x.test/a b").unwrap_err();
        assert!(e.message.contains("holds ` `"), "{}", e.message);
        let e = check_upstream("https://x.test/a)b").unwrap_err();
        assert!(e.message.contains("holds `)`"), "{}", e.message);
    }
}
