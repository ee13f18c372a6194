//! Filling a template in: the command line's values over the template's, the value of each
//! placeholder, and the text of the incident it makes.

use super::{IncidentTemplate, component_names};
use crate::diagnostic::Diagnostic;
use crate::model::components::Catalog;
use crate::model::frontmatter::{AffectedLine, IncidentFrontMatter};
use crate::model::post::Affected;
use crate::model::status::{ComponentStatus, Impact, IncidentStatus};
use crate::model::update_text::update_block;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What the command line gives; each value it leaves out comes from the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Values {
    /// The title, instead of the template's.
    pub title: Option<String>,
    /// The impact, instead of the template's.
    pub impact: Option<Impact>,
    /// Component or group ids, instead of the template's `affected` (empty: the template's).
    pub affects: Vec<String>,
    /// The status of the first update, instead of the template's.
    pub status: Option<IncidentStatus>,
    /// The text of the first update, instead of the template's.
    pub message: Option<String>,
    /// The value of `{{ upstream }}`.
    pub upstream: Option<String>,
    /// The time of the post: `started`, the update's heading and `{{ now }}`.
    pub now: DateTime<Utc>,
    /// The site time zone, in which `{{ now }}` is written.
    pub tz: Tz,
}

/// The incident a template makes: every value decided, every placeholder replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// Headline.
    pub title: String,
    /// How badly users are affected.
    pub impact: Impact,
    /// Affected components and groups.
    pub affected: Vec<Affected>,
    /// The status of the first update.
    pub status: IncidentStatus,
    /// Markdown before the first update.
    pub summary: String,
    /// The first update's Markdown.
    pub message: String,
}

/// The values `check` fills every template with: the template's own where it has them, and
/// stand-ins for what only the command line gives.
pub fn sample_values(template: &IncidentTemplate, catalog: &Catalog) -> Values {
    let needs_components =
        template.affected.is_empty() && template.uses.iter().any(|u| u.name == "component");
    Values {
        title: template
            .title
            .is_none()
            .then(|| "Sample incident title".to_string()),
        impact: template.impact.is_none().then_some(Impact::Minor),
        affects: if needs_components {
            catalog
                .components
                .iter()
                .take(1)
                .map(|c| c.id.clone())
                .collect()
        } else {
            Vec::new()
        },
        status: None,
        message: None,
        upstream: Some("https://status.example.com/incidents/sample".to_string()),
        now: DateTime::from_timestamp(1_768_478_400, 0).unwrap_or_default(),
        tz: chrono_tz::UTC,
    }
}

impl IncidentTemplate {
    /// The incident this template makes with `values`. A placeholder without a value, or a title
    /// or impact that neither gives, is an error at the template's line that needs it.
    pub fn fill(&self, values: &Values, catalog: &Catalog) -> Result<Filled, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let affected: Vec<Affected> = if values.affects.is_empty() {
            self.affected.clone()
        } else {
            values
                .affects
                .iter()
                .map(|id| Affected {
                    id: id.clone(),
                    status: None,
                })
                .collect()
        };
        let component = component_names(&affected, catalog);
        let now = values
            .now
            .with_timezone(&values.tz)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string();
        for u in &self.uses {
            let missing = match u.name {
                "component" if component.is_empty() => Some((
                    "the incident names no component",
                    "pass --affects IDS, or list them in the template's `affected`",
                )),
                "upstream" if values.upstream.is_none() => Some((
                    "no address was given",
                    "pass --upstream URL: the provider's status page or incident",
                )),
                _ => None,
            };
            if let Some((why, hint)) = missing {
                problems.push(
                    Diagnostic::error(
                        &self.path,
                        u.at,
                        format!("`{{{{ {} }}}}` has no value: {why}", u.name),
                    )
                    .with_hint(hint),
                );
            }
        }
        let upstream = values.upstream.clone().unwrap_or_default();
        let fill = |text: &str, title: &str| {
            substitute(text, |name| match name {
                "title" => title,
                "component" => &component,
                "now" => &now,
                _ => &upstream,
            })
        };
        let title = match (&values.title, &self.title) {
            (Some(t), _) => t.trim().to_string(),
            (None, Some(t)) => fill(t, "").trim().to_string(),
            (None, None) => String::new(),
        };
        if title.is_empty() {
            problems.push(
                Diagnostic::error(&self.path, (1, 1), "the incident has no title")
                    .with_hint("give one on the command line, or set `title` in the template"),
            );
        }
        let impact = values.impact.or(self.impact).unwrap_or_else(|| {
            problems.push(
                Diagnostic::error(&self.path, (1, 1), "the incident has no impact")
                    .with_hint("pass --impact, or set `impact` in the template"),
            );
            Impact::Minor
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        let message = match &values.message {
            Some(m) => m.clone(),
            None => fill(&self.message, &title),
        };
        Ok(Filled {
            summary: fill(&self.summary, &title),
            message,
            status: values.status.unwrap_or(self.status),
            title,
            impact,
            affected,
        })
    }
}

impl Filled {
    /// The incident file: front matter (written by `frontmatter`, so every value is escaped),
    /// the summary, and the first update posted at `now`.
    pub fn to_text(&self, now: DateTime<Utc>) -> String {
        let ids: Vec<String> = self.affected.iter().map(|a| a.id.clone()).collect();
        let statuses: Vec<(String, ComponentStatus)> = self
            .affected
            .iter()
            .map(|a| {
                let status = a.status.unwrap_or_else(|| self.impact.component_status());
                (a.id.clone(), status)
            })
            .collect();
        let affected = if self.affected.is_empty() {
            None
        } else if self.affected.iter().all(|a| a.status.is_none()) {
            Some(AffectedLine::Ids(&ids))
        } else {
            Some(AffectedLine::Statuses(&statuses))
        };
        let front_matter = IncidentFrontMatter {
            comment: None,
            title: &self.title,
            impact: self.impact,
            started: now,
            resolved: self.status.is_resolved().then_some(now),
            affected,
        }
        .to_text();
        let message = if self.message.trim().is_empty() {
            self.status.default_text()
        } else {
            self.message.as_str()
        };
        let update = update_block(self.status.label(), now, message);
        let summary = self.summary.trim();
        if summary.is_empty() {
            format!("{front_matter}\n{}\n", update.trim_end())
        } else {
            format!("{front_matter}\n{summary}\n\n{}\n", update.trim_end())
        }
    }
}

/// `text` with each `{{ name }}` replaced by `value(name)`. Placeholders were checked when the
/// template was read; what is not one is left as it is.
fn substitute<'v>(text: &str, value: impl Fn(&str) -> &'v str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open + 2..]
            .find("}}")
            .filter(|&l| !rest[open + 2..open + 2 + l].contains('\n'))
        else {
            break;
        };
        let name = rest[open + 2..open + 2 + len].trim();
        out.push_str(&rest[..open]);
        if super::PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
            out.push_str(value(name));
        } else {
            out.push_str(&rest[open..open + 2 + len + 2]);
        }
        rest = &rest[open + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}
