use super::*;
use crate::fixture::{OPEN_WEB, RESOLVED_API, SILENT, WINDOW, derived};
use crate::model::urls;
use crate::output::Output;
use serde_json::Value;

const NOW: &str = "2026-11-20T12:00:00Z";

fn json(output: &Output, path: &str) -> Value {
    serde_json::from_str(output.text(path).unwrap()).unwrap()
}

fn rendered(incidents: &[(&str, &str)], maintenance: &[(&str, &str)], now: &str) -> Output {
    let (site, state) = derived(incidents, maintenance, now);
    let mut out = Output::new();
    Api::new(&site, &state, crate::i18n::english_table()).render(&mut out);
    out
}

#[test]
fn every_endpoint_is_written() {
    let out = rendered(&[], &[], NOW);
    for path in urls::api::ALL {
        assert!(out.get(path).is_some(), "{path} missing");
    }
    let summary = json(&out, "api/v2/summary.json");
    assert_eq!(summary["incidents"], Value::Array(vec![]));
    assert_eq!(summary["scheduled_maintenances"], Value::Array(vec![]));
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(summary["status"]["description"], "All Systems Operational");
}

#[test]
fn groups_are_flattened_with_positions_and_their_worst_status() {
    let out = rendered(&[("web", OPEN_WEB)], &[], NOW);
    let comps = json(&out, "api/v2/components.json")["components"].clone();
    let rows: Vec<(String, u64, bool, String)> = comps
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["position"].as_u64().unwrap(),
                c["group"].as_bool().unwrap(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Core", 1, true, "partial_outage"),
        ("API", 1, false, "operational"),
        ("Web", 2, false, "partial_outage"),
        ("Mail", 2, false, "operational"),
    ];
    let expected: Vec<(String, u64, bool, String)> = expected
        .iter()
        .map(|(n, p, g, s)| (n.to_string(), *p, *g, s.to_string()))
        .collect();
    assert_eq!(rows, expected);
    let group = &comps[0];
    assert_eq!(group["group_id"], Value::Null);
    assert_eq!(
        group["components"],
        serde_json::json!([comps[1]["id"], comps[2]["id"]])
    );
    assert_eq!(comps[1]["group_id"], group["id"]);
    assert_eq!(comps[3]["group_id"], Value::Null);
    assert!(comps[1].get("components").is_none());
    assert_eq!(comps[3]["start_date"], "2026-08-01");
    assert_eq!(comps[3]["created_at"], "2026-08-01T00:00:00.000Z");
}

#[test]
fn incidents_carry_updates_with_affected_components() {
    let out = rendered(&[("web", OPEN_WEB), ("api", RESOLVED_API)], &[], NOW);
    let all = json(&out, "api/v2/incidents.json")["incidents"].clone();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Web errors", "API slow"]);
    let open = &all[0];
    assert_eq!(open["status"], "identified");
    assert_eq!(open["impact"], "major");
    assert_eq!(open["created_at"], "2026-11-20T10:00:00.000Z");
    assert_eq!(open["updated_at"], "2026-11-20T10:30:00.000Z");
    assert_eq!(open["resolved_at"], Value::Null);
    assert_eq!(open["shortlink"], "https://status.acme.test/incidents/web/");
    assert_eq!(open["incident_updates"][0]["status"], "identified");
    assert_eq!(
        open["incident_updates"][1]["body"],
        "Summary.\n\nLooking & checking."
    );
    assert_eq!(
        open["incident_updates"][1]["affected_components"],
        serde_json::json!([{"code": open["components"][0]["id"], "name": "Core - Web",
            "old_status": "operational", "new_status": "partial_outage"}])
    );
    assert_eq!(open["components"][0]["status"], "partial_outage");

    let resolved = &all[1];
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["resolved_at"], "2026-11-10T09:00:00.000Z");
    let last = &resolved["incident_updates"][0]["affected_components"];
    assert_eq!(last[0]["name"], "Core - API");
    assert_eq!(last[0]["old_status"], "degraded_performance");
    assert_eq!(last[0]["new_status"], "operational");
    assert_eq!(last[1]["name"], "Mail");

    let unresolved = json(&out, "api/v2/incidents/unresolved.json")["incidents"].clone();
    assert_eq!(unresolved.as_array().unwrap().len(), 1);
    assert_eq!(unresolved[0], all[0]);
    assert_eq!(json(&out, "api/v2/summary.json")["incidents"][0], all[0]);
    assert_eq!(
        json(&out, "api/v2/status.json")["status"]["indicator"],
        "major"
    );
    assert_eq!(
        json(&out, "api/v2/status.json")["status"]["description"],
        "Partial System Outage"
    );
}

#[test]
fn an_incident_closed_by_front_matter_ends_with_a_resolved_update() {
    let out = rendered(&[("blip", SILENT)], &[], NOW);
    let inc = &json(&out, "api/v2/incidents.json")["incidents"][0];
    assert_eq!(inc["status"], "resolved");
    let updates = inc["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["status"], "resolved");
    assert_eq!(updates[0]["body"], "This incident has been resolved.");
    assert_eq!(updates[1]["body"], "A short blip.");
    assert_ne!(updates[0]["id"], updates[1]["id"]);
}

#[test]
fn the_full_list_holds_the_fifty_most_recent() {
    let texts: Vec<(String, String)> = (0..55)
        .map(|k| {
            let day = 1 + k / 2;
            let hour = 10 + k % 2;
            (
                format!("i{k:02}"),
                format!("+++\ntitle = \"Incident {k}\"\nimpact = \"minor\"\nstarted = 2026-10-{day:02}T{hour}:00:00Z\nresolved = 2026-10-{day:02}T{hour}:30:00Z\n+++\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let out = rendered(&refs, &[], NOW);
    let all = json(&out, "api/v2/incidents.json")["incidents"].clone();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), LIMIT);
    assert_eq!(names[0], "Incident 54");
    assert_eq!(names[49], "Incident 5");
}

#[test]
fn maintenance_lists_follow_the_clock() {
    let before = rendered(&[], &[("mail-upgrade", WINDOW)], NOW);
    let upcoming = json(&before, "api/v2/scheduled-maintenances/upcoming.json");
    let m = &upcoming["scheduled_maintenances"][0];
    assert_eq!(m["status"], "scheduled");
    assert_eq!(m["impact"], "maintenance");
    assert_eq!(m["scheduled_for"], "2026-11-21T02:00:00.000Z");
    assert_eq!(m["scheduled_until"], "2026-11-21T04:00:00.000Z");
    assert_eq!(
        m["shortlink"],
        "https://status.acme.test/maintenance/mail-upgrade/"
    );
    assert_eq!(
        json(&before, "api/v2/scheduled-maintenances/active.json")["scheduled_maintenances"],
        serde_json::json!([])
    );
    assert_eq!(
        json(&before, "api/v2/summary.json")["scheduled_maintenances"][0],
        *m
    );

    let during = rendered(&[], &[("mail-upgrade", WINDOW)], "2026-11-21T03:00:00Z");
    let active = json(&during, "api/v2/scheduled-maintenances/active.json");
    let m = &active["scheduled_maintenances"][0];
    assert_eq!(m["status"], "in_progress");
    assert_eq!(m["incident_updates"][0]["status"], "in_progress");
    assert_eq!(
        m["incident_updates"][0]["affected_components"][0]["new_status"],
        "under_maintenance"
    );
    assert_eq!(m["components"][0]["status"], "under_maintenance");
    assert_eq!(
        json(&during, "api/v2/status.json")["status"]["indicator"],
        "maintenance"
    );

    let after = rendered(&[], &[("mail-upgrade", WINDOW)], "2026-11-22T00:00:00Z");
    let all = json(&after, "api/v2/scheduled-maintenances.json");
    assert_eq!(all["scheduled_maintenances"][0]["status"], "completed");
    assert_eq!(
        all["scheduled_maintenances"][0]["resolved_at"],
        "2026-11-21T04:00:00.000Z"
    );
    assert_eq!(
        json(&after, "api/v2/summary.json")["scheduled_maintenances"],
        serde_json::json!([])
    );
}

#[test]
fn ids_do_not_depend_on_the_clock() {
    let a = rendered(&[("web", OPEN_WEB)], &[("m", WINDOW)], NOW);
    let b = rendered(
        &[("web", OPEN_WEB)],
        &[("m", WINDOW)],
        "2026-11-22T00:00:00Z",
    );
    let ia = json(&a, "api/v2/incidents.json");
    let ib = json(&b, "api/v2/incidents.json");
    assert_eq!(ia["incidents"][0]["id"], ib["incidents"][0]["id"]);
    assert_eq!(
        ia["incidents"][0]["incident_updates"][1]["id"],
        ib["incidents"][0]["incident_updates"][1]["id"]
    );
    assert_eq!(ia["page"]["id"], ib["page"]["id"]);
    assert_eq!(ia["incidents"][0]["id"], stable_id("incident", "web"));
}

#[test]
fn raw_html_in_bodies_is_reduced_to_inline_tags() {
    assert_eq!(plain_body("  Fixed & done.\r\n"), "Fixed & done.");
    assert_eq!(
        plain_body("Hi <script>alert(1)</script><b>there</b> <a href=\"javascript:x\">x</a>"),
        "Hi <b>there</b> <a rel=\"noopener noreferrer\">x</a>"
    );
}

/// An incident whose only written update resolves it: the summary tells what happened.
const RESOLVED_AT_ONCE: &str = "+++\ntitle = \"API slow\"\nimpact = \"minor\"\nstarted = 2026-11-10T08:00:00Z\nresolved = 2026-11-10T09:00:00Z\naffected = { api = \"degraded_performance\" }\n+++\nEU customers see slow responses. Retry.\n\n## Resolved — 2026-11-10 09:00 UTC\nFixed.\n";

#[test]
fn a_lone_resolved_update_moves_components_from_the_incident_status_to_operational() {
    let out = rendered(&[("api", RESOLVED_AT_ONCE)], &[], NOW);
    let inc = &json(&out, "api/v2/incidents.json")["incidents"][0];
    let updates = inc["incident_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(
        updates[0]["affected_components"],
        serde_json::json!([{"code": inc["components"][0]["id"], "name": "Core - API",
            "old_status": "degraded_performance", "new_status": "operational"}])
    );
}

#[test]
fn a_postmortem_is_not_a_status_update_but_follows_the_resolution() {
    // Closed by `resolved` alone, with a postmortem: the resolution is implied before it.
    let postmortem = RESOLVED_AT_ONCE.replace("## Resolved", "## Postmortem");
    let out = rendered(&[("api", &postmortem)], &[], NOW);
    let inc = &json(&out, "api/v2/incidents.json")["incidents"][0];
    assert_eq!(inc["status"], "postmortem");
    let steps: Vec<(&str, &str, &str, &str)> = inc["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let a = &u["affected_components"][0];
            (
                u["status"].as_str().unwrap(),
                u["body"].as_str().unwrap(),
                a["old_status"].as_str().unwrap(),
                a["new_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("postmortem", "Fixed.", "operational", "operational"),
            (
                "resolved",
                "This incident has been resolved.",
                "degraded_performance",
                "operational"
            ),
            (
                "investigating",
                "EU customers see slow responses. Retry.",
                "operational",
                "degraded_performance"
            ),
        ]
    );
}

#[test]
fn the_postmortem_fields_hold_its_text_and_publication() {
    let text = RESOLVED_API.replace(
        "## Resolved",
        "## Postmortem — 2026-11-12 16:30 UTC\r\nA <b>full</b> disk.<script>x</script>\n\n## Resolved",
    );
    let out = rendered(&[("api", &text), ("web", OPEN_WEB)], &[], NOW);
    let incidents = json(&out, "api/v2/incidents.json")["incidents"].clone();
    let (web, api) = (&incidents[0], &incidents[1]);
    assert_eq!(api["status"], "postmortem");
    assert_eq!(api["postmortem_body"], "A <b>full</b> disk.");
    assert_eq!(api["postmortem_published_at"], "2026-11-12T16:30:00.000Z");
    assert_eq!(
        api["postmortem_body_last_updated_at"],
        "2026-11-12T16:30:00.000Z"
    );
    assert_eq!(api["updated_at"], "2026-11-12T16:30:00.000Z");
    assert_eq!(api["resolved_at"], "2026-11-10T09:00:00.000Z");
    for key in [
        "postmortem_body",
        "postmortem_body_last_updated_at",
        "postmortem_published_at",
    ] {
        assert!(
            web.get(key).is_none(),
            "{key} on an incident without a postmortem"
        );
    }
}

#[test]
fn the_summary_opens_the_oldest_update() {
    let out = rendered(
        &[("web", OPEN_WEB), ("api", RESOLVED_AT_ONCE)],
        &[("m", WINDOW)],
        NOW,
    );
    let incidents = json(&out, "api/v2/incidents.json")["incidents"].clone();
    let web = incidents[0]["incident_updates"].as_array().unwrap();
    assert_eq!(web[0]["body"], "Found it.");
    assert_eq!(web[1]["body"], "Summary.\n\nLooking & checking.");
    assert_eq!(
        incidents[1]["incident_updates"][0]["body"],
        "EU customers see slow responses. Retry.\n\nFixed."
    );
    let m = &json(&out, "api/v2/scheduled-maintenances.json")["scheduled_maintenances"][0];
    assert_eq!(
        m["incident_updates"][0]["body"],
        "Upgrading mail.\n\nWe will upgrade mail."
    );
}

#[test]
fn the_summary_replaces_the_default_text_of_a_window_without_updates() {
    let quiet = "+++\ntitle = \"DB upgrade\"\nstart = 2026-11-21T02:00:00Z\nend = 2026-11-21T04:00:00Z\naffected = [\"mail\"]\n+++\nWrites pause for a minute.\n";
    // Only once it has begun: an upcoming window without updates is an error.
    let after = rendered(&[], &[("db", quiet)], "2026-11-22T00:00:00Z");
    let m = &json(&after, "api/v2/scheduled-maintenances.json")["scheduled_maintenances"][0];
    let bodies: Vec<&str> = m["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "The scheduled maintenance has been completed.",
            "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
            "Writes pause for a minute.",
        ]
    );
}
