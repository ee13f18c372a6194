//! The `[announcements]` table of `statuspress.toml`: whether announcements also reach the
//! Statuspage API's incident lists.

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::TomlSource;
use serde::Deserialize;
use toml::Spanned;

/// The `[announcements]` table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnnouncementsConfig {
    /// List announcements among the incidents of `api/v2/` (impact `none`), for Statuspage
    /// clients that show a page's notices; off by default, since such clients count every
    /// unresolved incident as trouble.
    pub in_api: bool,
}

/// The keys of `[announcements]`.
pub(super) const KEYS: &[&str] = &["in_api"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnnouncements {
    in_api: Option<Spanned<toml::Value>>,
}

pub(super) fn parse_announcements(
    src: &TomlSource<'_>,
    raw: Option<RawAnnouncements>,
    errors: &mut Vec<Diagnostic>,
) -> AnnouncementsConfig {
    let Some(value) = raw.and_then(|r| r.in_api) else {
        return AnnouncementsConfig::default();
    };
    match value.get_ref() {
        toml::Value::Boolean(in_api) => AnnouncementsConfig { in_api: *in_api },
        other => {
            errors.push(
                src.error_span(
                    &value.span(),
                    format!("`announcements.in_api` must be true or false, got {other}"),
                )
                .with_hint("write in_api = true to list announcements in the API, without quotes"),
            );
            AnnouncementsConfig::default()
        }
    }
}
