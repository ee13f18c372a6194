//! The site configuration, `statuspress.toml`.

use super::status::Impact;
use super::toml_source::TomlSource;
use crate::diagnostic::{Diagnostic, suggest};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Parsed and checked `statuspress.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title, e.g. "Acme Status".
    pub title: String,
    /// Public address of the site, without a trailing slash.
    pub base_url: String,
    /// Time zone used to show times and to read times written without an offset.
    pub time_zone: Tz,
    /// One-line description for search engines and feeds.
    pub description: String,
    /// Language tag of the page, e.g. `en`.
    pub language: String,
    /// Optional theme folder name under `themes/`.
    pub theme: Option<String>,
    /// How `statuspress alert` turns alert labels into components and impacts.
    pub alerts: AlertsConfig,
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlerts {
    component_label: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    time_zone: Option<Spanned<String>>,
    description: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    alerts: Option<RawAlerts>,
}

/// The keys `statuspress.toml` accepts.
pub const KEYS: &[&str] = &[
    "title",
    "base_url",
    "time_zone",
    "description",
    "language",
    "theme",
    "alerts",
    "component_label",
    "severity",
];

impl Config {
    /// Parses the text of `statuspress.toml`, collecting every problem.
    pub fn parse(src: TomlSource<'_>) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = src.parse(KEYS).map_err(|d| vec![d])?;
        let mut errors = Vec::new();
        let title = match raw.title {
            Some(t) if !t.get_ref().trim().is_empty() => t.into_inner(),
            Some(t) => {
                errors.push(
                    src.error_span(&t.span(), "`title` is empty")
                        .with_hint("give the site a name, e.g. title = \"Acme Status\""),
                );
                String::new()
            }
            None => {
                errors.push(
                    src.error_at(0, "missing `title`")
                        .with_hint("add a line such as title = \"Acme Status\""),
                );
                String::new()
            }
        };
        let base_url = match raw.base_url {
            Some(u) => {
                let url = u.get_ref().trim().trim_end_matches('/').to_string();
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    errors.push(
                        src.error_span(
                            &u.span(),
                            format!(
                                "`base_url` must be an absolute http(s) address, got `{}`",
                                u.get_ref()
                            ),
                        )
                        .with_hint("write it as base_url = \"https://status.example.com\""),
                    );
                }
                url
            }
            None => {
                errors.push(src.error_at(0, "missing `base_url`").with_hint(
                    "add the public address: base_url = \"https://status.example.com\"",
                ));
                String::new()
            }
        };
        let time_zone = match raw.time_zone {
            None => Tz::UTC,
            Some(tz) => parse_time_zone(tz.get_ref()).unwrap_or_else(|| {
                errors.push(
                    src.error_span(&tz.span(), format!("unknown time zone `{}`", tz.get_ref()))
                        .with_hint(time_zone_hint(tz.get_ref())),
                );
                Tz::UTC
            }),
        };
        let alerts = parse_alerts(&src, raw.alerts, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            title,
            base_url,
            time_zone,
            description: raw.description.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            theme: raw.theme,
            alerts,
        })
    }

    /// The path part of `base_url`, always ending in `/` (e.g. `/status/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", after_scheme[i..].trim_end_matches('/')),
            None => "/".to_string(),
        }
    }
}

fn parse_alerts(
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

fn parse_time_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

fn time_zone_hint(name: &str) -> String {
    let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    let hint = suggest(name, &names, "time zone");
    if hint.starts_with("did you mean") {
        hint
    } else {
        "use an IANA name such as `UTC`, `Europe/Berlin` or `America/New_York`".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(TomlSource::file(Path::new("statuspress.toml"), text))
    }

    #[test]
    fn defaults_apply() {
        let c = parse("title = \"Acme\"\nbase_url = \"https://status.acme.test/\"\n").unwrap();
        assert_eq!(c.time_zone, Tz::UTC);
        assert_eq!(c.language, "en");
        assert_eq!(c.base_url, "https://status.acme.test");
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn base_path_of_project_pages() {
        let c = parse("title = \"Acme\"\nbase_url = \"https://acme.github.io/status\"\n").unwrap();
        assert_eq!(c.base_path(), "/status/");
    }

    #[test]
    fn bad_time_zone_suggests_the_right_one() {
        let e = parse(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\ntime_zone = \"Europe/Berln\"\n",
        )
        .unwrap_err();
        assert_eq!(e[0].message, "unknown time zone `Europe/Berln`");
        assert_eq!((e[0].line, e[0].column), (3, 13));
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `Europe/Berlin`?"));
    }

    #[test]
    fn alerts_table_overrides_defaults() {
        let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
        assert_eq!(c.alerts, AlertsConfig::default());
        assert_eq!(c.alerts.impact_for(Some("page")), Impact::Major);
        assert_eq!(c.alerts.impact_for(Some("info")), Impact::Minor);
        let c = parse(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\n[alerts]\ncomponent_label = \"service\"\nseverity.info = \"none\"\nseverity.warning = \"major\"\n",
        )
        .unwrap();
        assert_eq!(c.alerts.component_label, "service");
        assert_eq!(c.alerts.impact_for(Some("info")), Impact::None);
        assert_eq!(c.alerts.impact_for(Some("warning")), Impact::Major);
        assert_eq!(c.alerts.impact_for(Some("critical")), Impact::Critical);
        let e = parse(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\n[alerts]\nseverity.page = \"majr\"\n",
        )
        .unwrap_err();
        assert_eq!(e[0].message, "unknown impact `majr` for severity `page`");
        assert_eq!((e[0].line, e[0].column), (4, 17));
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `major`?"));
    }

    #[test]
    fn missing_title_and_url_are_both_reported() {
        let e = parse("description = \"x\"\n").unwrap_err();
        assert_eq!(e.len(), 2);
    }
}
