//! `probes.toml` as written, before any value is checked.

use crate::model::toml_source::{Keys, Refused};
use serde::Deserialize;
use toml::{Spanned, Value};

/// The keys of a `[[probe]]` table.
pub(super) const PROBE_KEYS: &[&str] = &[
    "id",
    "component",
    "kind",
    "url",
    "host",
    "port",
    "name",
    "record_type",
    "expect",
    "expect_status",
    "expect_body",
    "method",
    "headers_env",
    "timeout_ms",
    "degraded_over_ms",
    "retries",
    "fail_after",
    "pass_after",
    "expires_within_days",
    "upstream_component",
    "ca_file",
];

/// The keys of `[defaults]`.
pub(super) const DEFAULT_KEYS: &[&str] = &[
    "timeout_ms",
    "retries",
    "fail_after",
    "pass_after",
    "sample_days",
];

/// Keys that would put a secret in the repository.
const REFUSED: &[Refused<'static>] = &[Refused {
    key: "headers",
    reason: "would put secrets in the repository",
    hint: "keep header values in CI secrets and name their environment variables: headers_env = { Authorization = \"API_HEALTH_TOKEN\" }",
}];

/// The keys of the whole file.
pub(super) const SCHEMA: Keys<'static> = Keys {
    allowed: &["defaults", "probe"],
    nested: &[
        ("defaults", Keys::flat(DEFAULT_KEYS)),
        (
            "probe",
            Keys {
                allowed: PROBE_KEYS,
                nested: &[],
                refused: REFUSED,
            },
        ),
    ],
    refused: &[],
};

/// The whole file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) defaults: Option<RawDefaults>,
    #[serde(default)]
    pub(super) probe: Vec<Spanned<RawProbe>>,
}

/// `[defaults]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefaults {
    pub(super) timeout_ms: Option<Spanned<Value>>,
    pub(super) retries: Option<Spanned<Value>>,
    pub(super) fail_after: Option<Spanned<Value>>,
    pub(super) pass_after: Option<Spanned<Value>>,
    pub(super) sample_days: Option<Spanned<Value>>,
}

/// A `[[probe]]` as written: every value as it is, checked by hand so that one wrong value
/// never hides another.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProbe {
    pub(super) id: Option<Spanned<Value>>,
    pub(super) component: Option<Spanned<Value>>,
    pub(super) kind: Option<Spanned<Value>>,
    pub(super) url: Option<Spanned<Value>>,
    pub(super) host: Option<Spanned<Value>>,
    pub(super) port: Option<Spanned<Value>>,
    pub(super) name: Option<Spanned<Value>>,
    pub(super) record_type: Option<Spanned<Value>>,
    pub(super) expect: Option<Spanned<Value>>,
    pub(super) expect_status: Option<Spanned<Value>>,
    pub(super) expect_body: Option<Spanned<Value>>,
    pub(super) method: Option<Spanned<Value>>,
    pub(super) headers_env: Option<Spanned<Value>>,
    pub(super) timeout_ms: Option<Spanned<Value>>,
    pub(super) degraded_over_ms: Option<Spanned<Value>>,
    pub(super) retries: Option<Spanned<Value>>,
    pub(super) fail_after: Option<Spanned<Value>>,
    pub(super) pass_after: Option<Spanned<Value>>,
    pub(super) expires_within_days: Option<Spanned<Value>>,
    pub(super) upstream_component: Option<Spanned<Value>>,
    pub(super) ca_file: Option<Spanned<Value>>,
}

impl RawProbe {
    /// The values only some kinds use, by key.
    pub(super) fn specific(&self) -> [(&'static str, Option<&Spanned<Value>>); 13] {
        [
            ("url", self.url.as_ref()),
            ("host", self.host.as_ref()),
            ("port", self.port.as_ref()),
            ("name", self.name.as_ref()),
            ("record_type", self.record_type.as_ref()),
            ("expect", self.expect.as_ref()),
            ("expect_status", self.expect_status.as_ref()),
            ("expect_body", self.expect_body.as_ref()),
            ("method", self.method.as_ref()),
            ("headers_env", self.headers_env.as_ref()),
            ("expires_within_days", self.expires_within_days.as_ref()),
            ("upstream_component", self.upstream_component.as_ref()),
            ("ca_file", self.ca_file.as_ref()),
        ]
    }
}
