//! Alertmanager webhook payloads (version 4): what statuspress reads of them, and checking one
//! before anything is written.

use crate::authoring::Error;
use crate::authoring::text::one_line;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A webhook payload, as far as statuspress reads it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    /// Payload format version; must be "4".
    pub version: Option<serde_json::Value>,
    /// Identifies the alert group.
    pub group_key: Option<String>,
    /// `firing` or `resolved`.
    pub status: Option<String>,
    /// Labels all alerts share.
    #[serde(default)]
    pub common_labels: BTreeMap<String, String>,
    /// Annotations all alerts share.
    #[serde(default)]
    pub common_annotations: BTreeMap<String, String>,
    /// The alerts.
    pub alerts: Option<Vec<Alert>>,
}

/// One alert of the group.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// `firing` or `resolved`.
    pub status: Option<String>,
    /// Labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Annotations.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// When it started firing.
    pub starts_at: Option<String>,
    /// Alertmanager's id of the alert.
    pub fingerprint: Option<String>,
}

/// A checked payload.
#[derive(Debug, Clone)]
pub struct Group {
    /// Short hash of the group key.
    pub hash: String,
    /// True when the whole group resolved.
    pub resolved: bool,
    /// The payload.
    pub payload: Payload,
}

impl Alert {
    /// True while the alert fires.
    pub(super) fn is_firing(&self) -> bool {
        self.status.as_deref() == Some("firing")
    }

    /// Alertmanager's fingerprint when it is plain hex, else a hash of the labels.
    pub fn fingerprint(&self) -> String {
        match &self.fingerprint {
            Some(f)
                if !f.is_empty() && f.len() <= 32 && f.chars().all(|c| c.is_ascii_hexdigit()) =>
            {
                f.to_ascii_lowercase()
            }
            _ => {
                let labels: Vec<String> = self
                    .labels
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                hex(&Sha256::digest(labels.join("\n").as_bytes()))[..16].to_string()
            }
        }
    }

    /// When it started firing, if the payload says so readably.
    pub(super) fn starts_at(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(self.starts_at.as_deref()?)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses and checks a payload, listing everything wrong with it.
pub fn parse_payload(text: &str) -> Result<Group, Error> {
    let hint = "send the JSON body of an Alertmanager webhook (version 4), e.g. `statuspress alert --from alertmanager < payload.json`";
    let payload: Payload = serde_json::from_str(text).map_err(|e| {
        Error::new(format!(
            "the payload is not a valid Alertmanager webhook: {e}"
        ))
        .with_hint(hint)
    })?;
    let mut problems = Vec::new();
    match &payload.version {
        Some(serde_json::Value::String(v)) if v == "4" => {}
        Some(v) => problems.push(format!(
            "`version` is {v}, but only version \"4\" is supported"
        )),
        None => problems.push("`version` is missing (expected \"4\")".to_string()),
    }
    if payload.group_key.as_deref().is_none_or(|k| k.is_empty()) {
        problems.push("`groupKey` is missing or empty".to_string());
    }
    match payload.status.as_deref() {
        Some("firing" | "resolved") => {}
        Some(s) => problems.push(format!(
            "`status` is `{}`, expected `firing` or `resolved`",
            one_line(s)
        )),
        None => problems.push("`status` is missing".to_string()),
    }
    match &payload.alerts {
        None => problems.push("`alerts` is missing".to_string()),
        Some(a) if a.is_empty() => problems.push("`alerts` is empty".to_string()),
        Some(alerts) => {
            for (i, a) in alerts.iter().enumerate() {
                if !matches!(a.status.as_deref(), Some("firing" | "resolved")) {
                    problems.push(format!(
                        "`alerts[{i}].status` must be `firing` or `resolved`"
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(format!(
            "invalid Alertmanager payload: {}",
            problems.join("; ")
        ))
        .with_hint(hint));
    }
    let key = payload.group_key.clone().unwrap_or_default();
    Ok(Group {
        hash: hex(&Sha256::digest(key.as_bytes()))[..16].to_string(),
        resolved: payload.status.as_deref() == Some("resolved"),
        payload,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_problems_are_listed() {
        let e = parse_payload(r#"{"version":"3","status":"pending","alerts":[]}"#).unwrap_err();
        assert_eq!(
            e.message,
            "invalid Alertmanager payload: `version` is \"3\", but only version \"4\" is supported; `groupKey` is missing or empty; `status` is `pending`, expected `firing` or `resolved`; `alerts` is empty"
        );
        let e = parse_payload("{not json").unwrap_err();
        assert!(e.message.starts_with("the payload is not a valid Alertmanager webhook: key must be a string at line 1 column 2"), "{}", e.message);
    }

    #[test]
    fn fingerprints_are_hex_or_hashed() {
        let mut a: Alert = serde_json::from_str(
            r#"{"status":"firing","labels":{"alertname":"X"},"fingerprint":"ABC123"}"#,
        )
        .unwrap();
        assert_eq!(a.fingerprint(), "abc123");
        a.fingerprint = Some("x y\nz".into());
        assert_eq!(a.fingerprint().len(), 16);
        assert!(a.fingerprint().chars().all(|c| c.is_ascii_hexdigit()));
    }
}
