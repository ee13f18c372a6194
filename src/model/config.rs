//! The site configuration, `statuspress.toml`.

use super::status::{ComponentStatus, Impact};
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
    /// How uptime, downtime and incident statistics are computed.
    pub uptime: UptimeSettings,
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

/// Settings of the uptime bars, downtime weights and update cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UptimeSettings {
    /// Number of daily bars shown (`uptime_days`, default 90).
    pub days: u32,
    /// How much of a minute in each status counts as downtime.
    pub weights: Weights,
    /// The promised longest gap between updates of an open incident (`update_cadence_minutes`).
    pub update_cadence_minutes: u32,
}

impl Default for UptimeSettings {
    fn default() -> Self {
        UptimeSettings {
            days: DEFAULT_UPTIME_DAYS,
            weights: Weights::default(),
            update_cadence_minutes: DEFAULT_CADENCE_MINUTES,
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

/// Default of `uptime_days`.
pub const DEFAULT_UPTIME_DAYS: u32 = 90;
/// Default of `update_cadence_minutes`.
pub const DEFAULT_CADENCE_MINUTES: u32 = 30;
/// Largest accepted `uptime_days`.
pub const MAX_UPTIME_DAYS: u32 = 365;

/// Downtime weight of each component status, in thousandths (1000 = the minute counts fully).
///
/// Kept as integers so that sums and SLO comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    per_mille: [u32; 5],
}

impl Default for Weights {
    /// Major outage 1.0, partial outage 0.3, degraded performance and maintenance 0.
    fn default() -> Self {
        let mut w = Weights { per_mille: [0; 5] };
        w.set(ComponentStatus::MajorOutage, 1000);
        w.set(ComponentStatus::PartialOutage, 300);
        w
    }
}

impl Weights {
    /// The statuses a weight can be given to (operational never counts as downtime).
    pub const KEYS: &'static [&'static str] = &[
        "major_outage",
        "partial_outage",
        "degraded_performance",
        "under_maintenance",
    ];

    /// The weight of a status in thousandths; operational is always 0.
    pub fn per_mille(&self, status: ComponentStatus) -> u32 {
        self.per_mille[status_index(status)]
    }

    /// Sets the weight of a status in thousandths (0..=1000). Operational stays 0.
    pub fn set(&mut self, status: ComponentStatus, per_mille: u32) {
        if status != ComponentStatus::Operational {
            self.per_mille[status_index(status)] = per_mille.min(1000);
        }
    }
}

fn status_index(status: ComponentStatus) -> usize {
    ComponentStatus::ALL
        .iter()
        .position(|s| *s == status)
        .expect("ALL lists every status")
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
    uptime_days: Option<Spanned<i64>>,
    update_cadence_minutes: Option<Spanned<i64>>,
    downtime_weights: Option<Spanned<toml::Table>>,
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
    "uptime_days",
    "update_cadence_minutes",
    "downtime_weights",
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
        let uptime = UptimeSettings {
            days: read_range(
                &src,
                raw.uptime_days.as_ref(),
                ("uptime_days", 1, MAX_UPTIME_DAYS),
                DEFAULT_UPTIME_DAYS,
                &mut errors,
            ),
            update_cadence_minutes: read_range(
                &src,
                raw.update_cadence_minutes.as_ref(),
                ("update_cadence_minutes", 1, 1440),
                DEFAULT_CADENCE_MINUTES,
                &mut errors,
            ),
            weights: raw
                .downtime_weights
                .as_ref()
                .map_or_else(Weights::default, |t| read_weights(&src, t, &mut errors)),
        };
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
            uptime,
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

/// Reads a whole number that must lie in `min..=max`; a bad one is reported and `default` used.
fn read_range(
    src: &TomlSource<'_>,
    value: Option<&Spanned<i64>>,
    (key, min, max): (&str, u32, u32),
    default: u32,
    errors: &mut Vec<Diagnostic>,
) -> u32 {
    let Some(v) = value else { return default };
    match u32::try_from(*v.get_ref()) {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!(
                        "`{key}` must be between {min} and {max}, got {}",
                        v.get_ref()
                    ),
                )
                .with_hint(format!("write e.g. {key} = {default} (the default)")),
            );
            default
        }
    }
}

/// Reads `[downtime_weights]`: status name = fraction of a minute that counts as downtime.
fn read_weights(
    src: &TomlSource<'_>,
    table: &Spanned<toml::Table>,
    errors: &mut Vec<Diagnostic>,
) -> Weights {
    let mut weights = Weights::default();
    let span = table.span();
    // A TOML table forgets the order it was written in; report problems in the text's order.
    let mut entries: Vec<(usize, &String, &toml::Value)> = table
        .get_ref()
        .iter()
        .map(|(k, v)| (key_offset(src, span.start, k), k, v))
        .collect();
    entries.sort_by_key(|(at, k, _)| (*at, k.as_str()));
    for (at, key, value) in entries {
        let Some(status) =
            ComponentStatus::parse(key).filter(|s| Weights::KEYS.contains(&s.as_str()))
        else {
            errors.push(
                src.error_at(at, format!("unknown status `{key}` in [downtime_weights]"))
                    .with_hint(format!(
                        "{}; operational never counts as downtime",
                        suggest(key, Weights::KEYS, "status")
                    )),
            );
            continue;
        };
        let number = match value {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        match number {
            Some(w) if (0.0..=1.0).contains(&w) => {
                weights.set(status, (w * 1000.0).round() as u32);
            }
            _ => errors.push(
                src.error_at(
                    at,
                    format!("the weight of `{key}` must be a number from 0 to 1, got {value}"),
                )
                .with_hint(format!(
                    "1 counts a minute fully as downtime, 0 not at all: {key} = 0.3"
                )),
            ),
        }
    }
    weights
}

/// Offset of `key = ` in the text at or after `from` (a table's keys follow its header).
fn key_offset(src: &TomlSource<'_>, from: usize, key: &str) -> usize {
    let text = src.text;
    let mut at = from.min(text.len());
    while let Some(i) = text.get(at..).and_then(|t| t.find(key)) {
        let start = at + i;
        let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        let before_ok = text[line_start..start].trim().trim_matches('"').is_empty();
        let after = text[start + key.len()..].trim_start_matches(['"', ' ', '\t']);
        if before_ok && after.starts_with('=') {
            // Point at the key itself, including an opening quote.
            let indent = text[line_start..start].len() - text[line_start..start].trim_start().len();
            return line_start + indent;
        }
        at = start + key.len();
    }
    from
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
    fn uptime_settings_default_and_parse() {
        let c = parse("title = \"Acme\"\nbase_url = \"https://a.test\"\n").unwrap();
        assert_eq!(c.uptime, UptimeSettings::default());
        assert_eq!(c.uptime.days, 90);
        assert_eq!(c.uptime.update_cadence_minutes, 30);
        assert_eq!(
            c.uptime.weights.per_mille(ComponentStatus::MajorOutage),
            1000
        );
        assert_eq!(
            c.uptime.weights.per_mille(ComponentStatus::PartialOutage),
            300
        );
        assert_eq!(
            c.uptime
                .weights
                .per_mille(ComponentStatus::DegradedPerformance),
            0
        );
        let c = parse(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\nuptime_days = 30\nupdate_cadence_minutes = 60\n[downtime_weights]\npartial_outage = 0.5\ndegraded_performance = 0.1\nunder_maintenance = 1\n",
        )
        .unwrap();
        assert_eq!(c.uptime.days, 30);
        assert_eq!(c.uptime.update_cadence_minutes, 60);
        let w = c.uptime.weights;
        assert_eq!(w.per_mille(ComponentStatus::MajorOutage), 1000);
        assert_eq!(w.per_mille(ComponentStatus::PartialOutage), 500);
        assert_eq!(w.per_mille(ComponentStatus::DegradedPerformance), 100);
        assert_eq!(w.per_mille(ComponentStatus::UnderMaintenance), 1000);
    }

    #[test]
    fn bad_uptime_settings_are_located() {
        let e = parse(
            "title = \"Acme\"\nbase_url = \"https://a.test\"\nuptime_days = 0\n[downtime_weights]\npartial_outge = 0.5\nmajor_outage = 2\noperational = 0.5\n",
        )
        .unwrap_err();
        let msgs = crate::diagnostic::located(&e);
        assert_eq!(
            msgs,
            [
                "3:15 `uptime_days` must be between 1 and 365, got 0",
                "5:1 unknown status `partial_outge` in [downtime_weights]",
                "6:1 the weight of `major_outage` must be a number from 0 to 1, got 2",
                "7:1 unknown status `operational` in [downtime_weights]",
            ]
        );
        assert_eq!(
            e[1].hint.as_deref(),
            Some("did you mean `partial_outage`?; operational never counts as downtime")
        );
    }

    #[test]
    fn missing_title_and_url_are_both_reported() {
        let e = parse("description = \"x\"\n").unwrap_err();
        assert_eq!(e.len(), 2);
    }
}
