//! `postmortem_due_days`: a major or critical incident resolved longer ago than that without a
//! postmortem is a warning, since readers of a bad outage expect to learn what happened.

use crate::diagnostic::Diagnostic;
use crate::model::update_text::{Precision, heading_time};
use crate::model::{Impact, Incident, Site};
use chrono::{DateTime, Duration, Utc};

/// A warning for each major or critical incident resolved more than `postmortem_due_days`
/// before `now` that has no postmortem; none while the setting is absent.
pub(super) fn overdue(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let Some(days) = site.config.postmortem_due_days else {
        return Vec::new();
    };
    site.incidents
        .iter()
        .filter_map(|inc| overdue_one(inc, days, now))
        .collect()
}

fn overdue_one(inc: &Incident, days: u32, now: DateTime<Utc>) -> Option<Diagnostic> {
    let resolved = inc.resolved?;
    let due = matches!(inc.impact, Impact::Major | Impact::Critical)
        && inc.postmortem.is_none()
        && now - resolved > Duration::days(i64::from(days));
    due.then(|| {
        Diagnostic::warning(
            &inc.path,
            inc.impact_position.unwrap_or((1, 1)),
            format!(
                "this {} incident was resolved more than {days} {} ago ({}) and has no postmortem",
                inc.impact.as_str(),
                if days == 1 { "day" } else { "days" },
                heading_time(resolved, Precision::Minute)
            ),
        )
        .with_hint(format!(
            "add a `## Postmortem — {}` section above its updates: what happened, why, and what changes (`postmortem_due_days` in statuspress.toml sets when this is due)",
            heading_time(now, Precision::Minute)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::at;
    use crate::load::{Sources, parse};
    use std::path::PathBuf;

    /// A major incident resolved on Nov 1 at 09:00 UTC, `impact` on line 3.
    const MAJOR: &str = "+++\ntitle = \"API down\"\nimpact = \"major\"\nstarted = 2026-11-01T08:00:00Z\nresolved = 2026-11-01T09:00:00Z\n+++\n";

    fn site(due: &str, incidents: &[(&str, &str)]) -> Site {
        parse(Sources {
            config: format!("title = \"Acme\"\nbase_url = \"https://a.test\"\n{due}"),
            components: String::new(),
            incidents: incidents
                .iter()
                .map(|(id, t)| (PathBuf::from(format!("incidents/{id}.md")), t.to_string()))
                .collect(),
            ..Sources::default()
        })
        .unwrap()
    }

    fn warned(site: &Site, now: &str) -> Vec<String> {
        overdue(site, at(now))
            .iter()
            .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn off_by_default() {
        let s = site("", &[("down", MAJOR)]);
        assert!(warned(&s, "2027-06-01T00:00:00Z").is_empty());
    }

    #[test]
    fn a_major_or_critical_incident_is_due_after_the_days_at_its_impact() {
        let critical = MAJOR.replace("\"major\"", "\"critical\"");
        let minor = MAJOR.replace("\"major\"", "\"minor\"");
        let done = format!("{MAJOR}\n## Postmortem — 2026-11-05 10:00 UTC\nA full disk.\n");
        let s = site(
            "postmortem_due_days = 14\n",
            &[
                ("down", MAJOR),
                ("worse", &critical),
                ("slow", &minor),
                ("done", &done),
            ],
        );
        // Exactly 14 days after the resolution: not yet.
        assert!(warned(&s, "2026-11-15T09:00:00Z").is_empty());
        assert_eq!(
            warned(&s, "2026-11-15T09:01:00Z"),
            [
                "incidents/down.md:3:10 this major incident was resolved more than 14 days ago (2026-11-01 09:00 UTC) and has no postmortem",
                "incidents/worse.md:3:10 this critical incident was resolved more than 14 days ago (2026-11-01 09:00 UTC) and has no postmortem",
            ]
        );
        let d = &overdue(&s, at("2026-11-15T09:01:00Z"))[0];
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "add a `## Postmortem — 2026-11-15 09:01 UTC` section above its updates: what happened, why, and what changes (`postmortem_due_days` in statuspress.toml sets when this is due)"
            )
        );
    }

    #[test]
    fn an_open_incident_is_never_due_and_an_implied_impact_points_at_the_top() {
        let open = MAJOR.replace("resolved = 2026-11-01T09:00:00Z\n", "");
        // Without `impact`, the worst stated status implies it, and the warning points at the top.
        let implied = "+++\ntitle = \"API down\"\nstarted = 2026-11-01T08:00:00Z\nresolved = 2026-11-01T09:00:00Z\naffected = { api = \"partial_outage\" }\n+++\n";
        let mut s = site("postmortem_due_days = 1\n", &[("open", &open)]);
        assert!(warned(&s, "2026-12-01T00:00:00Z").is_empty());
        s = parse(Sources {
            config: "title = \"Acme\"\nbase_url = \"https://a.test\"\npostmortem_due_days = 1\n"
                .into(),
            components: "[[component]]\nid = \"api\"\nname = \"API\"\n".into(),
            incidents: vec![(PathBuf::from("incidents/implied.md"), implied.to_string())],
            ..Sources::default()
        })
        .unwrap();
        assert_eq!(
            warned(&s, "2026-12-01T00:00:00Z"),
            [
                "incidents/implied.md:1:1 this major incident was resolved more than 1 day ago (2026-11-01 09:00 UTC) and has no postmortem"
            ]
        );
    }
}
