//! The site configuration, `statuspress.toml`.

mod alerts;
mod announcements;
mod branding;
mod languages;
pub mod notify;
mod postmortem;
mod subscribe;
mod uptime;

pub use alerts::AlertsConfig;
pub use announcements::AnnouncementsConfig;
pub use branding::{Asset, Branding};
pub use languages::DEFAULT_LANGUAGE;
pub use notify::{ChannelKind, Notify, NotifyChannel};
pub use subscribe::SubscribeConfig;
pub use uptime::{
    DEFAULT_CADENCE_MINUTES, DEFAULT_UPTIME_DAYS, MAX_UPTIME_DAYS, UptimeSettings, Weights,
};

use super::toml_source::{Keys, TomlSource};
use super::translation::read_text;
use crate::diagnostic::{Diagnostic, suggest};
use alerts::{RawAlerts, parse_alerts};
use announcements::{RawAnnouncements, parse_announcements};
use chrono_tz::Tz;
use notify::{RawNotifyList, parse_notify};
use serde::Deserialize;
use std::collections::BTreeMap;
use subscribe::{RawSubscribe, parse_subscribe};
use toml::Spanned;
use uptime::read_weights;

/// Parsed and checked `statuspress.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title, e.g. "Acme Status".
    pub title: String,
    /// Public address of the site, without a trailing slash.
    pub base_url: String,
    /// Time zone used to show times and to read times written without an offset.
    pub time_zone: Tz,
    /// One-line description for search engines and feeds.
    pub description: String,
    /// The title in the site's other languages, by tag (`title.de = "…"` beside `title.en`).
    pub titles: BTreeMap<String, String>,
    /// The description in the site's other languages, by tag (`description.de = "…"`).
    pub descriptions: BTreeMap<String, String>,
    /// Language tag of the site root, e.g. `en`: the first of [`Config::languages`].
    pub language: String,
    /// The languages the site is published in, the default first (`languages`, or else the one
    /// `language`); each other one is published under `/<tag>/`.
    pub languages: Vec<String>,
    /// Optional theme folder name under `themes/`.
    pub theme: Option<String>,
    /// How `statuspress alert` turns alert labels into components and impacts.
    pub alerts: AlertsConfig,
    /// How uptime, downtime and incident statistics are computed.
    pub uptime: UptimeSettings,
    /// Minutes after its build when a page says it may be out of date (`stale_after_minutes`).
    pub stale_after_minutes: u32,
    /// Whether the index and the embed carry the script that reloads them for a newer build
    /// and says when they are stale (`auto_refresh`).
    pub auto_refresh: bool,
    /// The public channels the subscribe page lists (`[subscribe]`).
    pub subscribe: SubscribeConfig,
    /// The channels `statuspress notify` announces events on (`[[notify]]`).
    pub notify: Notify,
    /// Where announcements appear besides the pages and feeds (`[announcements]`).
    pub announcements: AnnouncementsConfig,
    /// Days after which `check` warns about a resolved major or critical incident without a
    /// postmortem (`postmortem_due_days`); `None` leaves the check off.
    pub postmortem_due_days: Option<u32>,
    /// The logo and favicon of every page (`logo`, `favicon`).
    pub branding: Branding,
    /// Whether the public site carries the communication statistics (time to the first update,
    /// updates on cadence), which `statuspress stats` always reports (`public_stats`).
    pub public_stats: bool,
}

/// Default of `stale_after_minutes`.
pub const DEFAULT_STALE_AFTER_MINUTES: u32 = 60;
/// Smallest accepted `stale_after_minutes`.
pub const MIN_STALE_AFTER_MINUTES: u32 = 5;
/// Largest accepted `stale_after_minutes`: a week.
pub const MAX_STALE_AFTER_MINUTES: u32 = 7 * 24 * 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<Spanned<toml::Value>>,
    base_url: Option<Spanned<String>>,
    time_zone: Option<Spanned<String>>,
    description: Option<Spanned<toml::Value>>,
    language: Option<Spanned<String>>,
    languages: Option<Spanned<toml::Value>>,
    theme: Option<String>,
    alerts: Option<RawAlerts>,
    uptime_days: Option<Spanned<i64>>,
    update_cadence_minutes: Option<Spanned<i64>>,
    downtime_weights: Option<Spanned<toml::Table>>,
    stale_after_minutes: Option<Spanned<i64>>,
    auto_refresh: Option<Spanned<toml::Value>>,
    subscribe: Option<RawSubscribe>,
    notify: Option<Spanned<RawNotifyList>>,
    announcements: Option<RawAnnouncements>,
    postmortem_due_days: Option<Spanned<i64>>,
    logo: Option<Spanned<toml::Value>>,
    favicon: Option<Spanned<toml::Value>>,
    public_stats: Option<Spanned<toml::Value>>,
}

/// The keys `statuspress.toml` accepts, and those of its `[alerts]`, `[subscribe]`,
/// `[[notify]]` and `[announcements]` tables.
pub const SCHEMA: Keys<'static> = Keys {
    allowed: KEYS,
    nested: &[
        ("alerts", Keys::flat(alerts::KEYS)),
        ("subscribe", Keys::flat(subscribe::KEYS)),
        (
            "notify",
            Keys {
                allowed: notify::KEYS,
                nested: &[],
                refused: notify::REFUSED,
            },
        ),
        ("announcements", Keys::flat(announcements::KEYS)),
    ],
    refused: &[],
};

/// The top-level keys `statuspress.toml` accepts.
pub const KEYS: &[&str] = &[
    "title",
    "base_url",
    "time_zone",
    "description",
    "language",
    "languages",
    "theme",
    "alerts",
    "uptime_days",
    "update_cadence_minutes",
    "downtime_weights",
    "stale_after_minutes",
    "auto_refresh",
    "subscribe",
    "notify",
    "announcements",
    "postmortem_due_days",
    "logo",
    "favicon",
    "public_stats",
];

impl Config {
    /// Parses the text of `statuspress.toml`, collecting every problem.
    pub fn parse(src: TomlSource<'_>) -> Result<Config, Vec<Diagnostic>> {
        match Config::read(src) {
            (Some(config), errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(errors),
        }
    }

    /// Reads `statuspress.toml` as far as it can: every problem, and the configuration with a
    /// default in place of each wrong value (`None` when the text is not TOML at all), so posts
    /// can still be checked against it.
    pub fn read(src: TomlSource<'_>) -> (Option<Config>, Vec<Diagnostic>) {
        let (raw, mut errors) = src.read::<RawConfig>(&SCHEMA);
        let Some(raw) = raw else {
            return (None, errors);
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
        let stale_after_minutes = read_range(
            &src,
            raw.stale_after_minutes.as_ref(),
            (
                "stale_after_minutes",
                MIN_STALE_AFTER_MINUTES,
                MAX_STALE_AFTER_MINUTES,
            ),
            DEFAULT_STALE_AFTER_MINUTES,
            &mut errors,
        );
        let languages = languages::read(
            &src,
            raw.language.as_ref(),
            raw.languages.as_ref(),
            &mut errors,
        );
        let whole = 0..src.text.len();
        let (title, titles) = match &raw.title {
            Some(value) => {
                let (own, others) = read_text(
                    &src,
                    ("title", whole.clone()),
                    value,
                    &languages,
                    &mut errors,
                );
                if own.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    errors.push(
                        src.error_span(&value.span(), "`title` is empty")
                            .with_hint("give the site a name, e.g. title = \"Acme Status\""),
                    );
                }
                (own.unwrap_or_default(), others)
            }
            None => {
                errors.push(
                    src.error_at(0, "missing `title`")
                        .with_hint("add a line such as title = \"Acme Status\""),
                );
                (String::new(), BTreeMap::new())
            }
        };
        let (description, descriptions) = match &raw.description {
            Some(value) => {
                let (own, others) =
                    read_text(&src, ("description", whole), value, &languages, &mut errors);
                (own.unwrap_or_default(), others)
            }
            None => (String::new(), BTreeMap::new()),
        };
        let config = Config {
            title,
            base_url,
            time_zone,
            description,
            titles,
            descriptions,
            language: languages[0].clone(),
            languages,
            theme: raw.theme,
            alerts,
            uptime,
            stale_after_minutes,
            auto_refresh: read_switch(&src, raw.auto_refresh.as_ref(), "auto_refresh", &mut errors),
            subscribe: parse_subscribe(&src, raw.subscribe, &mut errors),
            notify: parse_notify(&src, raw.notify, &mut errors),
            announcements: parse_announcements(&src, raw.announcements, &mut errors),
            postmortem_due_days: postmortem::read_due_days(
                &src,
                raw.postmortem_due_days.as_ref(),
                &mut errors,
            ),
            branding: branding::read(&src, raw.logo.as_ref(), raw.favicon.as_ref(), &mut errors),
            public_stats: read_switch(&src, raw.public_stats.as_ref(), "public_stats", &mut errors),
        };
        (Some(config), errors)
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

/// Reads `true` or `false`, default `true`; anything else is reported and the default used.
fn read_switch(
    src: &TomlSource<'_>,
    value: Option<&Spanned<toml::Value>>,
    key: &str,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    match value.map(|v| (v, v.get_ref())) {
        None => true,
        Some((_, toml::Value::Boolean(b))) => *b,
        Some((v, other)) => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`{key}` must be true or false, got {other}"),
                )
                .with_hint(format!(
                    "write {key} = true (the default) or {key} = false, without quotes"
                )),
            );
            true
        }
    }
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
mod tests;
