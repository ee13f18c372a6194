//! The `[alerts]` table of `statuspress.toml`: how alert labels map to components and impacts.

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::status::Impact;
use crate::model::toml_source::TomlSource;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The `[alerts]` table: how alert labels map to components and impacts.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertsConfig {
    /// The alert label that names the affected component (default `component`).
    pub component_label: String,
    /// Impact per value of the `severity` label; values not listed give `minor`.
    pub severity: BTreeMap<String, Impact>,
}

impl Default for AlertsConfig {
    fn default() -> Self {
        AlertsConfig {
            component_label: "component".to_string(),
            severity: [
                ("critical", Impact::Critical),
                ("page", Impact::Major),
                ("warning", Impact::Minor),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        }
    }
}

impl AlertsConfig {
    /// The impact for a `severity` label value (`minor` when the value is missing or unmapped).
    pub fn impact_for(&self, severity: Option<&str>) -> Impact {
        severity
            .and_then(|s| self.severity.get(s))
            .copied()
            .unwrap_or(Impact::Minor)
    }
}

/// The keys of `[alerts]`.
pub(super) const KEYS: &[&str] = &["component_label", "severity"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlerts {
    component_label: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

pub(super) fn parse_alerts(
    src: &TomlSource<'_>,
    raw: Option<RawAlerts>,
    errors: &mut Vec<Diagnostic>,
) -> AlertsConfig {
    let mut alerts = AlertsConfig::default();
    let Some(raw) = raw else { return alerts };
    if let Some(label) = raw.component_label {
        if label.get_ref().trim().is_empty() {
            errors.push(
                src.error_span(&label.span(), "`alerts.component_label` is empty")
                    .with_hint("name the alert label that holds a component id, e.g. component_label = \"component\""),
            );
        } else {
            alerts.component_label = label.into_inner();
        }
    }
    for (value, impact) in raw.severity {
        match Impact::parse(impact.get_ref()) {
            Some(i) => {
                alerts.severity.insert(value, i);
            }
            None => errors.push(
                src.error_span(
                    &impact.span(),
                    format!(
                        "unknown impact `{}` for severity `{value}`",
                        impact.get_ref()
                    ),
                )
                .with_hint(suggest(impact.get_ref(), Impact::NAMES, "impact")),
            ),
        }
    }
    alerts
}
