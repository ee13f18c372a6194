//! The part of a provider's `api/v2/summary.json` the `statuspage` check reads.
//!
//! The import reads the same format (`authoring::import::statuspage`), but not the two fields
//! this check lives on: a component's `status` and an incident's `shortlink`. Every field here
//! is optional where real pages leave it out.

use serde::Deserialize;

/// `summary.json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct Summary {
    /// The page.
    pub page: Option<Page>,
    /// Components and groups, in page order.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Unresolved incidents.
    #[serde(default)]
    pub incidents: Vec<Incident>,
}

/// `page`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct Page {
    /// The provider's name.
    pub name: Option<String>,
    /// The public address of the page.
    pub url: Option<String>,
}

/// A component or group.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Component {
    pub id: String,
    pub name: String,
    /// `operational`, `degraded_performance`, `partial_outage`, `major_outage`,
    /// `under_maintenance`.
    pub status: String,
    /// True for a group.
    #[serde(default)]
    pub group: bool,
}

/// An incident.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Incident {
    pub id: String,
    pub name: String,
    /// `investigating`, `identified`, `monitoring`, `resolved`, `postmortem`.
    pub status: String,
    /// `none`, `minor`, `major`, `critical`.
    pub impact: Option<String>,
    /// The incident's short address.
    pub shortlink: Option<String>,
    /// The components it affects; `None` when the page does not say.
    pub components: Option<Vec<ComponentRef>>,
}

/// A component named by an incident (a full component object; only its id and name matter).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct ComponentRef {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// Reads `text` as a summary.
pub(super) fn parse(text: &str) -> Result<Summary, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_summary_reads_with_its_components_and_page() {
        let text =
            include_str!("../../../../tests/fixtures/statuspage/github-summary.2026-07-31.json");
        let summary = parse(text).unwrap();
        let page = summary.page.unwrap();
        assert_eq!(page.name.as_deref(), Some("GitHub"));
        assert_eq!(page.url.as_deref(), Some("https://www.githubstatus.com"));
        assert_eq!(summary.components.len(), 12);
        assert_eq!(summary.components[0].name, "Git Operations");
        assert_eq!(summary.components[0].status, "operational");
        assert!(summary.incidents.is_empty());
    }

    #[test]
    fn missing_lists_and_fields_are_empty_not_errors() {
        let summary =
            parse(r#"{"incidents":[{"id":"x","name":"Slow","status":"investigating"}]}"#).unwrap();
        assert!(summary.page.is_none() && summary.components.is_empty());
        let incident = &summary.incidents[0];
        assert!(incident.components.is_none() && incident.shortlink.is_none());
    }

    #[test]
    fn a_component_without_a_status_is_an_error() {
        let e = parse(r#"{"components":[{"id":"a","name":"API"}]}"#).unwrap_err();
        assert!(e.to_string().contains("status"), "{e}");
    }
}
