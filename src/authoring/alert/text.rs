//! What an alert incident says: the marker comment that ties it to its alert group, its title,
//! and the list of alerts, with every piece of alert text made inert.

use super::payload::{Alert, Payload};
use crate::authoring::text::{one_line, strip_tags, untrusted_markdown};
use crate::model::frontmatter;
use std::collections::BTreeSet;
use std::path::Path;

/// How the marker comment of an incident starts.
const MARKER: &str = "Alertmanager group ";

/// The front-matter comment that ties an incident to its alert group and lists the alerts seen.
pub(super) fn marker(hash: &str, seen: &BTreeSet<String>) -> String {
    let fps: Vec<&str> = seen.iter().map(String::as_str).collect();
    format!("{MARKER}{hash}; alerts: {}", fps.join(" "))
}

/// The group hash and alerts named by an incident's marker line.
pub(super) fn read_marker(text: &str) -> Option<(String, BTreeSet<String>, usize)> {
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

/// The incident text with its marker rewritten to list the alerts in `seen`.
pub(super) fn replace_marker(
    path: &Path,
    text: &str,
    hash: &str,
    seen: &BTreeSet<String>,
) -> String {
    frontmatter::replace_comment(path, text, MARKER, &marker(hash, seen))
}

fn alert_name(a: &Alert) -> String {
    one_line(&strip_tags(
        a.labels.get("alertname").map_or("alert", String::as_str),
    ))
}

/// A Markdown list item describing an alert, its text escaped.
pub(super) fn alert_item(a: &Alert, component_label: &str) -> String {
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

pub(super) fn title_of(p: &Payload) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
