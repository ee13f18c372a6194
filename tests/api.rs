//! The Statuspage v2 API of the example site, checked endpoint by endpoint against the field list
//! of the reference (`shared/reference/statuspage-v2/README.md`).

mod common;

use common::{TempSite, stderr};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::path::Path;

/// JSON that keeps the order of object keys, to check it against the wire format.
#[derive(Debug, Clone, PartialEq)]
enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<J, E> {
                Ok(J::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<J, E> {
                Ok(J::Num(n as f64))
            }
            fn visit_i64<E>(self, n: i64) -> Result<J, E> {
                Ok(J::Num(n as f64))
            }
            fn visit_f64<E>(self, n: f64) -> Result<J, E> {
                Ok(J::Num(n))
            }
            fn visit_str<E>(self, s: &str) -> Result<J, E> {
                Ok(J::Str(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry()? {
                    v.push((k, x));
                }
                Ok(J::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl J {
    /// The string at `key`, `None` when the key is absent (not when it is null).
    fn present_str(&self, key: &str) -> Option<&str> {
        self.keys().contains(&key).then(|| self.str(key))
    }
    fn keys(&self) -> Vec<&str> {
        match self {
            J::Obj(v) => v.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("not an object: {other:?}"),
        }
    }
    fn get(&self, key: &str) -> &J {
        match self {
            J::Obj(v) => v
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, x)| x)
                .unwrap_or_else(|| panic!("no key {key}")),
            other => panic!("not an object: {other:?}"),
        }
    }
    fn str(&self, key: &str) -> &str {
        match self.get(key) {
            J::Str(s) => s,
            other => panic!("{key} is not a string: {other:?}"),
        }
    }
    fn opt_str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            J::Null => None,
            J::Str(s) => Some(s),
            other => panic!("{key} is neither null nor a string: {other:?}"),
        }
    }
    fn arr(&self, key: &str) -> &[J] {
        match self.get(key) {
            J::Arr(v) => v,
            other => panic!("{key} is not an array: {other:?}"),
        }
    }
    fn bool(&self, key: &str) -> bool {
        match self.get(key) {
            J::Bool(b) => *b,
            other => panic!("{key} is not a bool: {other:?}"),
        }
    }
    fn num(&self, key: &str) -> f64 {
        match self.get(key) {
            J::Num(n) => *n,
            other => panic!("{key} is not a number: {other:?}"),
        }
    }
}

const PAGE: &[&str] = &["id", "name", "url", "time_zone", "updated_at"];
const COMPONENT: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "start_date",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
];
const INCIDENT: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "monitoring_at",
    "resolved_at",
    "impact",
    "shortlink",
    "started_at",
    "page_id",
    "incident_updates",
    "components",
    "reminder_intervals",
];
/// The management API's postmortem fields, after the public ones, on an incident with a
/// postmortem only: no public capture has them, so every other incident keeps the public shape,
/// and the consumers of tests/compat read past keys they do not know.
const POSTMORTEM: &[&str] = &[
    "postmortem_body",
    "postmortem_body_last_updated_at",
    "postmortem_published_at",
];
const MAINTENANCE: &[&str] = &[
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "monitoring_at",
    "resolved_at",
    "impact",
    "shortlink",
    "started_at",
    "page_id",
    "incident_updates",
    "components",
    "scheduled_for",
    "scheduled_until",
];
const UPDATE: &[&str] = &[
    "id",
    "status",
    "body",
    "incident_id",
    "created_at",
    "updated_at",
    "display_at",
    "affected_components",
    "deliver_notifications",
    "custom_tweet",
    "tweet_id",
];
const AFFECTED: &[&str] = &["code", "name", "old_status", "new_status"];

const COMPONENT_STATUS: &[&str] = &[
    "operational",
    "under_maintenance",
    "degraded_performance",
    "partial_outage",
    "major_outage",
];
const INCIDENT_STATUS: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
];
const MAINTENANCE_STATUS: &[&str] = &["scheduled", "in_progress", "verifying", "completed"];
const IMPACT: &[&str] = &["none", "minor", "major", "critical"];

fn build(site: &TempSite, out: &Path, now: &str) {
    let o = site.run(&["build", "--output", out.to_str().unwrap(), "--now", now]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn read(dir: &Path, path: &str) -> J {
    let text = std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn is_id(s: &str) -> bool {
    s.len() == 12
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'.',
            23 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

fn check_page(page: &J, page_id: &str) {
    assert_eq!(page.keys(), PAGE);
    assert_eq!(page.str("id"), page_id);
    assert_eq!(page.str("name"), "Northwind Cloud Status");
    assert_eq!(page.str("url"), "https://status.northwind.example");
    assert_eq!(page.str("time_zone"), "Europe/Berlin");
    assert!(is_time(page.str("updated_at")));
}

fn check_component(c: &J, page_id: &str) {
    let mut keys = COMPONENT.to_vec();
    if c.bool("group") {
        keys.push("components");
    }
    assert_eq!(c.keys(), keys);
    assert!(is_id(c.str("id")));
    assert!(COMPONENT_STATUS.contains(&c.str("status")), "{c:?}");
    assert!(is_time(c.str("created_at")) && is_time(c.str("updated_at")));
    assert!(c.str("created_at") <= c.str("updated_at"));
    assert!(c.num("position") >= 1.0);
    assert_eq!(c.str("page_id"), page_id);
    // The example's internal Billing webhooks have no bar and are listed only while degraded.
    let internal = c.str("name") == "Billing webhooks";
    assert_eq!(c.bool("showcase"), !internal, "{c:?}");
    assert_eq!(c.bool("only_show_if_degraded"), internal, "{c:?}");
}

fn check_updates(post: &J, statuses: &[&str]) {
    let updates = post.arr("incident_updates");
    assert!(!updates.is_empty());
    assert_eq!(
        updates[0].str("status"),
        post.str("status"),
        "newest update carries the status"
    );
    for pair in updates.windows(2) {
        assert!(
            pair[0].str("display_at") >= pair[1].str("display_at"),
            "updates newest first"
        );
    }
    for u in updates {
        assert_eq!(u.keys(), UPDATE);
        assert!(is_id(u.str("id")));
        assert!(statuses.contains(&u.str("status")));
        assert_eq!(u.str("incident_id"), post.str("id"));
        for k in ["created_at", "updated_at", "display_at"] {
            assert!(is_time(u.str(k)));
        }
        assert!(u.bool("deliver_notifications"));
        assert_eq!(*u.get("custom_tweet"), J::Null);
        match u.get("affected_components") {
            J::Null => assert!(post.arr("components").is_empty()),
            J::Arr(list) => {
                assert_eq!(list.len(), post.arr("components").len());
                for a in list {
                    assert_eq!(a.keys(), AFFECTED);
                    assert!(is_id(a.str("code")));
                    assert!(COMPONENT_STATUS.contains(&a.str("old_status")));
                    assert!(COMPONENT_STATUS.contains(&a.str("new_status")));
                }
            }
            other => panic!("affected_components: {other:?}"),
        }
    }
}

fn check_incident(i: &J, page_id: &str) {
    let mut keys = INCIDENT.to_vec();
    if i.str("status") == "postmortem" {
        keys.extend(POSTMORTEM);
    }
    assert_eq!(i.keys(), keys, "{}", i.str("name"));
    assert!(is_id(i.str("id")));
    assert!(INCIDENT_STATUS.contains(&i.str("status")));
    assert!(IMPACT.contains(&i.str("impact")));
    for k in ["created_at", "updated_at", "started_at"] {
        assert!(is_time(i.str(k)));
    }
    assert!(i.opt_str("monitoring_at").is_none_or(is_time));
    let resolved = matches!(i.str("status"), "resolved" | "postmortem");
    assert_eq!(
        i.opt_str("resolved_at").is_some(),
        resolved,
        "{}",
        i.str("name")
    );
    assert!(
        i.str("shortlink")
            .starts_with("https://status.northwind.example/incidents/")
    );
    assert_eq!(i.str("page_id"), page_id);
    assert_eq!(*i.get("reminder_intervals"), J::Null);
    // The postmortem fields are filled exactly when the status says there is one, and its text
    // is also the body of the update that tells it, as on hosted Statuspage.
    let postmortem = i.present_str("postmortem_body");
    assert_eq!(
        postmortem.is_some(),
        i.str("status") == "postmortem",
        "{}",
        i.str("name")
    );
    let published = i.present_str("postmortem_published_at");
    assert_eq!(published.is_some(), postmortem.is_some());
    assert!(published.is_none_or(is_time));
    assert_eq!(i.present_str("postmortem_body_last_updated_at"), published);
    let told: Vec<&J> = i
        .arr("incident_updates")
        .iter()
        .filter(|u| u.str("status") == "postmortem")
        .collect();
    match (postmortem, told.as_slice()) {
        (None, []) => {}
        (Some(body), [u]) => {
            assert_eq!(u.str("body"), body);
            assert_eq!(Some(u.str("display_at")), published);
        }
        other => panic!("{}: {other:?}", i.str("name")),
    }
    for c in i.arr("components") {
        check_component(c, page_id);
    }
    check_updates(i, INCIDENT_STATUS);
}

fn check_maintenance(m: &J, page_id: &str) {
    assert_eq!(m.keys(), MAINTENANCE);
    assert!(is_id(m.str("id")));
    assert!(MAINTENANCE_STATUS.contains(&m.str("status")));
    assert_eq!(m.str("impact"), "maintenance");
    for k in [
        "created_at",
        "updated_at",
        "started_at",
        "scheduled_for",
        "scheduled_until",
    ] {
        assert!(is_time(m.str(k)));
    }
    assert_eq!(
        m.opt_str("resolved_at").is_some(),
        m.str("status") == "completed"
    );
    assert!(
        m.str("shortlink")
            .starts_with("https://status.northwind.example/maintenance/")
    );
    assert_eq!(m.str("page_id"), page_id);
    for c in m.arr("components") {
        check_component(c, page_id);
    }
    check_updates(m, MAINTENANCE_STATUS);
}

fn rank(status: &str) -> usize {
    COMPONENT_STATUS.iter().position(|s| *s == status).unwrap()
}

#[test]
fn example_site_api_matches_the_statuspage_field_list() {
    let site = TempSite::example();
    let out = site.path().join("out");
    build(&site, &out, "2026-11-23T12:00:00Z");

    let summary = read(&out, "api/v2/summary.json");
    assert_eq!(
        summary.keys(),
        [
            "page",
            "components",
            "incidents",
            "scheduled_maintenances",
            "status"
        ]
    );
    let page_id = summary.get("page").str("id").to_string();
    assert!(is_id(&page_id));
    check_page(summary.get("page"), &page_id);
    let status = summary.get("status");
    assert_eq!(status.keys(), ["indicator", "description"]);
    assert_eq!(status.str("indicator"), "minor");
    assert_eq!(status.str("description"), "Partially Degraded Service");

    // Components: flat, groups carrying their children's ids, ordered by 1-based position.
    let components = read(&out, "api/v2/components.json");
    assert_eq!(components.keys(), ["page", "components"]);
    assert_eq!(components.get("components"), summary.get("components"));
    let list = components.arr("components");
    assert_eq!(list.len(), 14 + 3);
    let positions: Vec<f64> = list.iter().map(|c| c.num("position")).collect();
    assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{positions:?}");
    for c in list {
        check_component(c, &page_id);
    }
    let groups: Vec<&J> = list.iter().filter(|c| c.bool("group")).collect();
    let names: Vec<&str> = groups.iter().map(|g| g.str("name")).collect();
    assert_eq!(
        names,
        ["Core platform", "Build & delivery", "Data & storage"]
    );
    for g in &groups {
        assert_eq!(*g.get("group_id"), J::Null);
        let children: Vec<&J> = list
            .iter()
            .filter(|c| c.opt_str("group_id") == Some(g.str("id")))
            .collect();
        let ids: Vec<J> = children
            .iter()
            .map(|c| J::Str(c.str("id").to_string()))
            .collect();
        let mut declared = g.arr("components").to_vec();
        let mut pointing = ids.clone();
        declared.sort_by_key(|j| format!("{j:?}"));
        pointing.sort_by_key(|j| format!("{j:?}"));
        assert_eq!(declared, pointing, "{}", g.str("name"));
        let mut pos: Vec<f64> = children.iter().map(|c| c.num("position")).collect();
        pos.sort_by(f64::total_cmp);
        let expected: Vec<f64> = (1..=children.len()).map(|n| n as f64).collect();
        assert_eq!(pos, expected, "positions within {}", g.str("name"));
        let worst = children
            .iter()
            .map(|c| rank(c.str("status")))
            .max()
            .unwrap();
        assert_eq!(
            rank(g.str("status")),
            worst,
            "{} is its worst child",
            g.str("name")
        );
    }
    let delivery = groups[1];
    assert_eq!(delivery.str("status"), "degraded_performance");
    let degraded: Vec<&str> = list
        .iter()
        .filter(|c| !c.bool("group") && c.str("status") != "operational")
        .map(|c| c.str("name"))
        .collect();
    assert_eq!(degraded, ["Builds", "Edge Functions"]);
    let mut top: Vec<f64> = list
        .iter()
        .filter(|c| *c.get("group_id") == J::Null)
        .map(|c| c.num("position"))
        .collect();
    top.sort_by(f64::total_cmp);
    assert_eq!(top, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let edge = list
        .iter()
        .find(|c| c.str("name") == "Edge Functions")
        .unwrap();
    assert_eq!(edge.opt_str("start_date"), Some("2026-09-15"));

    // Incidents: newest first, the open one also in unresolved and in the summary.
    let incidents = read(&out, "api/v2/incidents.json");
    assert_eq!(incidents.keys(), ["page", "incidents"]);
    let all = incidents.arr("incidents");
    assert_eq!(all.len(), 18);
    for pair in all.windows(2) {
        assert!(pair[0].str("created_at") >= pair[1].str("created_at"));
    }
    for i in all {
        check_incident(i, &page_id);
    }
    let open = &all[0];
    assert_eq!(open.str("name"), "Builds queued longer than usual");
    assert_eq!(open.str("status"), "monitoring");
    assert_eq!(open.str("impact"), "minor");
    assert_eq!(open.str("created_at"), "2026-11-23T09:40:00.000Z");
    assert_eq!(open.str("updated_at"), "2026-11-23T11:38:00.000Z");
    assert_eq!(
        open.opt_str("monitoring_at"),
        Some("2026-11-23T11:38:00.000Z")
    );
    assert_eq!(
        open.str("shortlink"),
        "https://status.northwind.example/incidents/2026-11-23-builds-queued/"
    );
    let affected = open.arr("incident_updates")[0].arr("affected_components");
    let names: Vec<&str> = affected.iter().map(|a| a.str("name")).collect();
    assert_eq!(
        names,
        [
            "Build & delivery - Builds",
            "Build & delivery - Edge Functions"
        ]
    );
    assert!(
        affected
            .iter()
            .all(|a| a.str("new_status") == "degraded_performance")
    );
    let oldest = open.arr("incident_updates").last().unwrap();
    assert_eq!(
        oldest.arr("affected_components")[0].str("old_status"),
        "operational"
    );

    let unresolved = read(&out, "api/v2/incidents/unresolved.json");
    assert_eq!(unresolved.keys(), ["page", "incidents"]);
    assert_eq!(unresolved.arr("incidents"), std::slice::from_ref(open));
    assert_eq!(summary.arr("incidents"), std::slice::from_ref(open));

    // A resolved incident: its last update puts every component back to operational.
    let resolved = all.iter().find(|i| i.str("status") == "resolved").unwrap();
    let last = resolved.arr("incident_updates")[0].get("affected_components");
    if let J::Arr(list) = last {
        assert!(list.iter().all(|a| a.str("new_status") == "operational"));
    }

    // Maintenance.
    let maintenance = read(&out, "api/v2/scheduled-maintenances.json");
    assert_eq!(maintenance.keys(), ["page", "scheduled_maintenances"]);
    let windows = maintenance.arr("scheduled_maintenances");
    let got: Vec<(&str, &str)> = windows
        .iter()
        .map(|m| (m.str("name"), m.str("status")))
        .collect();
    // The weekly window (every Sunday from 6 September, but two) is one entry per occurrence
    // that has begun in the 90 days before the clock (12 past Sundays), and the next one: later
    // Sundays are listed on the window's page only.
    let weekly = "Weekly database maintenance window";
    let count = |status: &str| got.iter().filter(|&&g| g == (weekly, status)).count();
    assert_eq!((count("completed"), count("scheduled")), (12, 1));
    let got: Vec<(&str, &str)> = got.into_iter().filter(|(n, _)| *n != weekly).collect();
    assert_eq!(
        got,
        [
            (
                "Object Storage metadata migration in eu-central-1",
                "scheduled"
            ),
            ("Primary database upgrade", "completed"),
        ]
    );
    for m in windows {
        check_maintenance(m, &page_id);
    }
    let named = |name: &str| windows.iter().find(|m| m.str("name") == name).unwrap();
    assert_eq!(
        named("Primary database upgrade").opt_str("resolved_at"),
        Some("2026-10-14T02:41:00.000Z")
    );
    // Upcoming: everything still scheduled, in the order of the full list.
    let scheduled: Vec<J> = windows
        .iter()
        .filter(|m| m.str("status") == "scheduled")
        .cloned()
        .collect();
    let upcoming = read(&out, "api/v2/scheduled-maintenances/upcoming.json");
    assert_eq!(upcoming.arr("scheduled_maintenances"), &scheduled[..]);
    assert_eq!(summary.arr("scheduled_maintenances"), &scheduled[..]);
    let active = read(&out, "api/v2/scheduled-maintenances/active.json");
    assert_eq!(active.keys(), ["page", "scheduled_maintenances"]);
    assert!(active.arr("scheduled_maintenances").is_empty());

    let status = read(&out, "api/v2/status.json");
    assert_eq!(status.keys(), ["page", "status"]);
    assert_eq!(status.get("status"), summary.get("status"));
}

#[test]
fn api_is_byte_identical_between_builds_and_ids_survive_a_new_clock() {
    let site = TempSite::example();
    let (a, b, later) = (
        site.path().join("a"),
        site.path().join("b"),
        site.path().join("c"),
    );
    build(&site, &a, "2026-11-23T12:00:00Z");
    build(&site, &b, "2026-11-23T12:00:00Z");
    build(&site, &later, "2026-12-01T12:00:00Z");
    for path in common::snapshot_tree(&a).iter().map(|(p, _)| p) {
        let same = std::fs::read(a.join(path)).unwrap() == std::fs::read(b.join(path)).unwrap();
        assert!(same, "{path} differs between two builds");
    }
    let ids = |dir: &Path| -> Vec<String> {
        let inc = read(dir, "api/v2/incidents.json");
        let comps = read(dir, "api/v2/components.json");
        let mut out = vec![inc.get("page").str("id").to_string()];
        for i in inc.arr("incidents") {
            out.push(i.str("id").to_string());
            out.extend(
                i.arr("incident_updates")
                    .iter()
                    .map(|u| u.str("id").to_string()),
            );
        }
        out.extend(
            comps
                .arr("components")
                .iter()
                .map(|c| c.str("id").to_string()),
        );
        out
    };
    let before = ids(&a);
    assert!(before.len() > 60);
    assert_eq!(before, ids(&later));
}

#[test]
fn full_lists_hold_the_fifty_most_recent_incidents() {
    let site = TempSite::new();
    for k in 0..55 {
        site.write(
            &format!("incidents/i{k:02}.md"),
            &format!(
                "+++\ntitle = \"Incident {k}\"\nimpact = \"minor\"\nstarted = 2026-09-{:02}T10:00:00Z\nresolved = 2026-09-{:02}T11:00:00Z\naffected = [\"api\"]\n+++\n",
                1 + k / 2,
                1 + k / 2
            ),
        );
    }
    let out = site.path().join("out");
    build(&site, &out, "2026-11-23T12:00:00Z");
    let all = read(&out, "api/v2/incidents.json");
    let names: Vec<&str> = all.arr("incidents").iter().map(|i| i.str("name")).collect();
    assert_eq!(names.len(), 50);
    // Same day: the id breaks the tie, so i54 (day 28) comes first, then i52 and i53 (day 27).
    assert_eq!(&names[..3], ["Incident 54", "Incident 52", "Incident 53"]);
    assert!(
        read(&out, "api/v2/incidents/unresolved.json")
            .arr("incidents")
            .is_empty()
    );
}
