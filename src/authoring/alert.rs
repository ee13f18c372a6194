//! `statuspress alert --from alertmanager`: Prometheus Alertmanager webhooks (version 4) to
//! incidents.
//!
//! An alert group (its `groupKey`) maps to one open incident at a time, found again through a
//! comment line in the front matter that names the group's hash and the alerts seen so far. A
//! firing group opens an incident, newly firing alerts add an update, and a resolved group adds a
//! Resolved update and sets `resolved`. Delivering the same payload again changes nothing.
//! Alert text is untrusted: titles go into TOML only escaped, bodies only as inert Markdown.

use super::Error;
use super::new_post::{update_block, with_first_update};
use super::site::{PostKind, SiteContext, existing_incident, parse_incident};
use super::slug::{slugify, unique};
use super::text::{one_line, strip_tags, untrusted_markdown};
use super::update::{incident_with_update, write_incident};
use super::write::write_checked;
use crate::model::frontmatter::{self, AffectedLine, IncidentFrontMatter};
use crate::model::{Impact, IncidentStatus};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
    fn is_firing(&self) -> bool {
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

    fn starts_at(&self) -> Option<DateTime<Utc>> {
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

/// What `alert` did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The incident file written or looked at, if any.
    pub path: Option<PathBuf>,
    /// True when a file was written.
    pub changed: bool,
    /// One line for the terminal.
    pub summary: String,
}

/// How the marker comment of an incident starts.
const MARKER: &str = "Alertmanager group ";

/// The front-matter comment that ties an incident to its alert group and lists the alerts seen.
fn marker(hash: &str, seen: &BTreeSet<String>) -> String {
    let fps: Vec<&str> = seen.iter().map(String::as_str).collect();
    format!("{MARKER}{hash}; alerts: {}", fps.join(" "))
}

/// The group hash and alerts named by an incident's marker line.
fn read_marker(text: &str) -> Option<(String, BTreeSet<String>, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(12) {
        if let Some(rest) = line
            .trim_end()
            .strip_prefix("# ")
            .and_then(|l| l.strip_prefix(MARKER))
        {
            let (hash, fps) = rest.split_once("; alerts:").unwrap_or((rest, ""));
            return Some((
                hash.trim().to_string(),
                fps.split_whitespace().map(str::to_string).collect(),
                offset,
            ));
        }
        offset += line.len();
    }
    None
}

fn replace_marker(path: &Path, text: &str, hash: &str, seen: &BTreeSet<String>) -> String {
    frontmatter::replace_comment(path, text, MARKER, &marker(hash, seen))
}

fn alert_name(a: &Alert) -> String {
    one_line(&strip_tags(
        a.labels.get("alertname").map_or("alert", String::as_str),
    ))
}

/// A Markdown list item describing an alert, its text escaped.
fn alert_item(a: &Alert, component_label: &str) -> String {
    let mut item = format!("- **{}**", untrusted_markdown(&alert_name(a)));
    if let Some(c) = a.labels.get(component_label) {
        item.push_str(&format!(" ({})", untrusted_markdown(&one_line(c))));
    }
    for key in ["summary", "description"] {
        if let Some(t) = a
            .annotations
            .get(key)
            .map(|t| one_line(t))
            .filter(|t| !t.is_empty())
        {
            let sep = if key == "summary" { ": " } else { " — " };
            item.push_str(sep);
            item.push_str(&untrusted_markdown(&t));
        }
    }
    item
}

fn title_of(p: &Payload) -> String {
    let first = p.alerts.as_ref().and_then(|a| a.first());
    let candidates = [
        p.common_annotations.get("summary"),
        first.and_then(|a| a.annotations.get("summary")),
        p.common_labels.get("alertname"),
        first.and_then(|a| a.labels.get("alertname")),
    ];
    let t = candidates
        .into_iter()
        .flatten()
        .map(|t| one_line(&strip_tags(t)))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "Alert".to_string());
    if t.chars().count() > 120 {
        format!("{}…", t.chars().take(119).collect::<String>())
    } else {
        t
    }
}

/// Applies a payload to the site: opens, updates or resolves the group's incident.
pub fn apply_alertmanager(
    ctx: &SiteContext,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let group = parse_payload(text)?;
    let label = ctx.config.alerts.component_label.clone();
    let alerts = group.payload.alerts.clone().unwrap_or_default();
    let firing: Vec<&Alert> = alerts.iter().filter(|a| a.is_firing()).collect();

    // Incidents of this group, with their parsed state.
    let mut open = None;
    let mut last_resolved: Option<(DateTime<Utc>, PathBuf)> = None;
    for post in ctx.posts.iter().filter(|p| p.kind == PostKind::Incident) {
        let Some((hash, seen, _)) = read_marker(&post.text) else {
            continue;
        };
        if hash != group.hash {
            continue;
        }
        let inc = existing_incident(ctx.parse_context(), &post.path, &post.text)?;
        match inc.resolved {
            None => open = Some((post, seen)),
            Some(r) if last_resolved.as_ref().is_none_or(|(t, _)| r > *t) => {
                last_resolved = Some((r, post.path.clone()))
            }
            Some(_) => {}
        }
    }

    if let Some((post, seen)) = open {
        let path = Some(ctx.root.join(&post.path));
        if group.resolved || firing.is_empty() {
            let items: Vec<String> = alerts.iter().map(|a| alert_item(a, &label)).collect();
            let body = format!("The alerts have resolved:\n\n{}", items.join("\n"));
            let (text, before) = incident_with_update(
                ctx.parse_context(),
                &post.path,
                &post.text,
                IncidentStatus::Resolved.label(),
                &body,
                now,
                true,
            )?;
            write_incident(ctx, &post.path, &text, before + 1)?;
            return Ok(Outcome {
                path,
                changed: true,
                summary: "Resolved the incident of this alert group.".into(),
            });
        }
        let new: Vec<&Alert> = firing
            .iter()
            .copied()
            .filter(|a| !seen.contains(&a.fingerprint()))
            .collect();
        if new.is_empty() {
            return Ok(Outcome {
                path,
                changed: false,
                summary: "No change: the incident already lists every firing alert.".into(),
            });
        }
        let mut seen = seen;
        seen.extend(new.iter().map(|a| a.fingerprint()));
        let items: Vec<String> = new.iter().map(|a| alert_item(a, &label)).collect();
        let body = format!("More alerts are firing:\n\n{}", items.join("\n"));
        let (text, before) = incident_with_update(
            ctx.parse_context(),
            &post.path,
            &post.text,
            "Update",
            &body,
            now,
            false,
        )?;
        let text = replace_marker(&post.path, &text, &group.hash, &seen);
        write_incident(ctx, &post.path, &text, before + 1)?;
        return Ok(Outcome {
            path,
            changed: true,
            summary: format!("Added an update for {} newly firing alert(s).", new.len()),
        });
    }

    if group.resolved || firing.is_empty() {
        let summary = if last_resolved.is_some() {
            "No change: the incident of this alert group is already resolved."
        } else {
            "No change: no open incident belongs to this alert group."
        };
        return Ok(Outcome {
            path: last_resolved.map(|(_, p)| ctx.root.join(p)),
            changed: false,
            summary: summary.into(),
        });
    }
    if let Some((resolved_at, p)) = &last_resolved
        && firing
            .iter()
            .all(|a| a.starts_at().is_some_and(|s| s <= *resolved_at))
    {
        return Ok(Outcome {
            path: Some(ctx.root.join(p)),
            changed: false,
            summary: "No change: these alerts started before the group's incident was resolved (a repeated delivery).".into(),
        });
    }
    create(ctx, &group, &firing, now).map(|path| Outcome {
        path: Some(path),
        changed: true,
        summary: "Opened an incident for this alert group.".into(),
    })
}

fn create(
    ctx: &SiteContext,
    group: &Group,
    firing: &[&Alert],
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let cfg = &ctx.config.alerts;
    let mut components: Vec<String> = Vec::new();
    for a in firing {
        if let Some(c) = a
            .labels
            .get(&cfg.component_label)
            .map(|c| c.trim().to_string())
            && !c.is_empty()
            && !components.contains(&c)
        {
            components.push(c);
        }
    }
    ctx.check_components(&components).map_err(|e| Error {
        message: format!(
            "{} (from the `{}` label of the alerts); no incident was written",
            e.message, cfg.component_label
        ),
        ..e
    })?;
    let impact = firing
        .iter()
        .map(|a| cfg.impact_for(a.labels.get("severity").map(String::as_str)))
        .max()
        .unwrap_or(Impact::Minor);
    let title = title_of(&group.payload);
    let date = now.with_timezone(&ctx.config.time_zone).format("%Y-%m-%d");
    let slug = slugify(&title, 40);
    let slug = if slug.is_empty() {
        "alert".to_string()
    } else {
        slug
    };
    let mut taken: BTreeSet<String> = ctx.posts.iter().map(|p| p.id.clone()).collect();
    let id = unique(
        &format!("{date}-{slug}-{}", &group.hash[..6]),
        "",
        &mut taken,
    );
    let rel = Path::new(PostKind::Incident.dir()).join(format!("{id}.md"));
    let seen: BTreeSet<String> = firing.iter().map(|a| a.fingerprint()).collect();
    let items: Vec<String> = firing
        .iter()
        .map(|a| alert_item(a, &cfg.component_label))
        .collect();
    let body = format!("Our monitoring reports a problem:\n\n{}", items.join("\n"));
    let front_matter = IncidentFrontMatter {
        comment: Some(&marker(&group.hash, &seen)),
        title: &title,
        impact,
        started: now,
        resolved: None,
        affected: Some(AffectedLine::Ids(&components)),
    };
    let text = with_first_update(
        &front_matter.to_text(),
        &update_block(IncidentStatus::Investigating.label(), now, &body),
    );
    write_checked(&ctx.root, &rel, &text, |written| {
        let (inc, diags) = parse_incident(ctx.parse_context(), &rel, written);
        match inc {
            Some(i) if i.updates.len() == 1 && i.title == title => Ok(()),
            Some(_) => Err(Error::new(
                "the alert text would change the incident's structure; nothing was written",
            )),
            None => Err(Error::invalid(
                "the incident would not be valid; nothing was written",
                diags,
            )),
        }
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
    fn marker_round_trips() {
        let seen: BTreeSet<String> = ["b".to_string(), "a".to_string()].into();
        let line = frontmatter::comment_line(&marker("abc", &seen));
        assert_eq!(line, "# Alertmanager group abc; alerts: a b");
        let text = format!("+++\n{line}\ntitle = \"x\"\n+++\n");
        let (hash, fps, offset) = read_marker(&text).unwrap();
        assert_eq!((hash.as_str(), fps, offset), ("abc", seen.clone(), 4));
        let mut more = seen;
        more.insert("c".into());
        assert_eq!(
            replace_marker(Path::new("incidents/x.md"), &text, "abc", &more),
            text.replace("a b", "a b c")
        );
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
