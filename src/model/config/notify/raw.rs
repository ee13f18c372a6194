//! A `[[notify]]` entry as written, before any value is checked.

use crate::model::toml_source::Refused;
use serde::Deserialize;
use toml::{Spanned, Value};

/// The keys of a `[[notify]]` entry.
pub(in crate::model::config) const KEYS: &[&str] = &[
    "kind",
    "name",
    "url_env",
    "secret_env",
    "token_env",
    "instance",
    "from",
    "to",
    "components",
    "events",
    "min_impact",
    "max_age_hours",
];

/// Keys that would put a secret in the repository.
pub(in crate::model::config) const REFUSED: &[Refused<'static>] = &[
    Refused {
        key: "url",
        reason: "would put a secret in the repository",
        hint: "keep the webhook address in a CI secret and name its environment variable: url_env = \"SLACK_WEBHOOK_URL\"",
    },
    Refused {
        key: "token",
        reason: "would put a secret in the repository",
        hint: "keep the token in a CI secret and name its environment variable: token_env = \"MASTODON_TOKEN\"",
    },
    Refused {
        key: "secret",
        reason: "would put a secret in the repository",
        hint: "keep the signing key in a CI secret and name its environment variable: secret_env = \"WEBHOOK_SECRET\"",
    },
    Refused {
        key: "password",
        reason: "would put a secret in the repository",
        hint: "the SMTP password goes in the address kept in a CI secret, e.g. SMTP_URL=smtps://user:password@host:465, named here with url_env = \"SMTP_URL\"",
    },
];

/// A `[[notify]]` entry as written: every value as it is, checked by hand so that one wrong
/// value never hides another.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(in crate::model::config) struct RawNotify {
    pub(super) kind: Option<Spanned<Value>>,
    pub(super) name: Option<Spanned<Value>>,
    pub(super) url_env: Option<Spanned<Value>>,
    pub(super) secret_env: Option<Spanned<Value>>,
    pub(super) token_env: Option<Spanned<Value>>,
    pub(super) instance: Option<Spanned<Value>>,
    pub(super) from: Option<Spanned<Value>>,
    pub(super) to: Option<Spanned<Value>>,
    pub(super) components: Option<Spanned<Value>>,
    pub(super) events: Option<Spanned<Value>>,
    pub(super) min_impact: Option<Spanned<Value>>,
    pub(super) max_age_hours: Option<Spanned<Value>>,
}

impl RawNotify {
    /// The kind-specific values, by key.
    pub(super) fn specific(&self) -> [(&'static str, Option<&Spanned<Value>>); 6] {
        [
            ("url_env", self.url_env.as_ref()),
            ("secret_env", self.secret_env.as_ref()),
            ("token_env", self.token_env.as_ref()),
            ("instance", self.instance.as_ref()),
            ("from", self.from.as_ref()),
            ("to", self.to.as_ref()),
        ]
    }
}

/// The value of `notify`: the `[[notify]]` tables, or the one table of a `[notify]` written
/// with single brackets, which is reported rather than left to a type error that would hide
/// the rest of the file.
pub(in crate::model::config) enum RawNotifyList {
    /// `[[notify]]` tables.
    Tables(Vec<Spanned<RawNotify>>),
    /// A single `[notify]` table.
    One,
}

impl<'de> Deserialize<'de> for RawNotifyList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawNotifyList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[[notify]] tables")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawNotifyList, A::Error> {
                let mut tables = Vec::new();
                while let Some(t) = seq.next_element()? {
                    tables.push(t);
                }
                Ok(RawNotifyList::Tables(tables))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawNotifyList, A::Error> {
                use serde::de::IgnoredAny;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(RawNotifyList::One)
            }
        }
        d.deserialize_any(Visit)
    }
}
