use super::*;

/// A management API incident, as `GET /v1/pages/PAGE_ID/incidents` lists it (fields trimmed to
/// the ones that matter here plus a few the import ignores).
const MANAGED_INCIDENT: &str = r#"{
    "id": "f5v3b6dr7k53", "page_id": "8m2l51279rpl", "name": "API Gateway Timeout Errors",
    "status": "postmortem", "impact": "major", "impact_override": null, "backfilled": false,
    "created_at": "2024-06-07T01:00:17Z", "resolved_at": "2024-06-07T22:26:34Z",
    "metadata": {"port": {"runId": "r_1"}},
    "postmortem_body": "The gateway ran out of connections.",
    "postmortem_published_at": "2024-06-10T09:00:00Z",
    "components": [{"id": "7ddtptqkb02y", "name": "API Gateway", "status": "operational",
                    "group": false, "group_id": null, "position": 1,
                    "automation_email": "component+1@notifications.statuspage.io"}],
    "incident_updates": []
  }"#;

fn parse_ok(text: &str) -> Response {
    parse(text, Path::new("page.json")).unwrap()
}

fn parse_err(text: &str) -> (String, usize, usize, String) {
    let e = parse(text, Path::new("page.json")).unwrap_err();
    let d = &e.diagnostics[0];
    (
        d.message.clone(),
        d.line,
        d.column,
        d.hint.clone().unwrap_or_default(),
    )
}

#[test]
fn public_objects_are_read_as_before() {
    let r = parse_ok(r#"{"page": {"name": "Acme"}, "incidents": []}"#);
    assert_eq!(r.page.unwrap().name.as_deref(), Some("Acme"));
    assert_eq!(r.incidents.unwrap().len(), 0);
    assert!(r.components.is_none());
}

#[test]
fn an_array_of_incidents_is_a_page_of_incidents() {
    let text = format!("[\n  {MANAGED_INCIDENT}\n]\n");
    let r = parse_ok(&text);
    let incidents = r.incidents.unwrap();
    assert_eq!(incidents.len(), 1);
    let i = &incidents[0];
    assert_eq!(i.id, "f5v3b6dr7k53");
    assert_eq!(
        i.postmortem_published_at.as_deref(),
        Some("2024-06-10T09:00:00Z")
    );
    assert_eq!(i.components[0].position, Some(1));
    assert!(r.page.is_none() && r.components.is_none());
}

#[test]
fn an_array_of_components_is_a_page_of_components_with_its_groups() {
    let r = parse_ok(
        r#"[{"id": "g1", "name": "Backend", "status": "operational", "group": true, "group_id": null, "position": 2},
            {"id": "c1", "name": "Fraud Detection", "status": "partial_outage", "group": false, "group_id": "g1", "position": 1,
             "automation_email": "component+3@notifications.statuspage.io", "start_date": "2024-06-06"}]"#,
    );
    let c = r.components.unwrap();
    assert_eq!(
        c.iter()
            .map(|c| (c.id.as_str(), c.group, c.group_id.as_deref()))
            .collect::<Vec<_>>(),
        [("g1", true, None), ("c1", false, Some("g1"))]
    );
    assert!(r.incidents.is_none());
}

#[test]
fn an_array_of_component_groups_lists_groups() {
    let r = parse_ok(
        r#"[{"id": "9w477s340zqt", "page_id": "8m2l51279rpl", "name": "Backend", "description": null,
             "components": ["3chbmx8qmlny"], "position": 7}]"#,
    );
    let c = r.components.unwrap();
    assert!(c[0].group);
    assert_eq!(c[0].position, Some(7));
}

#[test]
fn an_empty_page_holds_nothing() {
    let r = parse_ok(" [ ]\n");
    assert!(r.page.is_none());
    assert!(r.components.is_none() && r.incidents.is_none());
    assert!(r.scheduled_maintenances.is_none());
}

#[test]
fn the_management_page_object_gives_name_address_and_time_zone() {
    let page = |json: &str| parse_ok(json).page.unwrap();
    let p = page(
        r#"{"id": "8m2l51279rpl", "name": "Ctrlv Solutions", "subdomain": "ctrlvsolutions",
            "domain": null, "url": null, "time_zone": "UTC", "branding": "basic"}"#,
    );
    assert_eq!(
        (p.name.as_deref(), p.url.as_deref(), p.time_zone.as_deref()),
        (
            Some("Ctrlv Solutions"),
            Some("https://ctrlvsolutions.statuspage.io"),
            Some("UTC")
        )
    );
    let p =
        page(r#"{"name": "A", "subdomain": "a", "domain": "status.a.test", "time_zone": null}"#);
    assert_eq!(p.url.as_deref(), Some("https://status.a.test"));
}

#[test]
fn a_mixed_page_names_the_first_odd_element_and_its_place() {
    let text = format!(
        "[\n  {MANAGED_INCIDENT},\n  {MANAGED_INCIDENT},\n  {{\"id\": \"c1\", \"name\": \"API\", \"status\": \"operational\", \"group_id\": null}},\n  7\n]"
    );
    let line = text[..text.find("{\"id\": \"c1\"").unwrap()]
        .lines()
        .count();
    let (message, l, c, hint) = parse_err(&text);
    assert_eq!(
        message,
        "element 2 is a component, but element 0 is an incident: a page holds one kind"
    );
    assert_eq!((l, c), (line, 3));
    assert!(hint.contains("separate files"), "{hint}");

    let (message, l, c, _) =
        parse_err("[{\"id\": \"c1\", \"group\": false, \"name\": \"A\"},\n 7]");
    assert_eq!(
        (message.as_str(), l, c),
        ("element 1 is not a component like element 0", 2, 2)
    );
}

#[test]
fn neither_shape_is_an_error_with_the_accepted_shapes() {
    let e = parse("\n  \"incidents\"", Path::new("x.json")).unwrap_err();
    assert_eq!(e.message, "x.json is not Statuspage API JSON");
    let d = &e.diagnostics[0];
    assert_eq!(
        (d.message.as_str(), d.line, d.column),
        ("neither an object nor an array", 2, 3)
    );
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("/v1/pages/PAGE_ID/incidents")
    );

    let (message, l, c, _) = parse_err("[\n  {\"id\": \"x\"}\n]");
    assert_eq!(
        (message.as_str(), l, c),
        ("element 0 is neither an incident nor a component", 2, 3)
    );

    let e = parse("{\"page\": {}}", Path::new("x.json")).unwrap_err();
    assert!(
        e.message
            .ends_with("has none of `components`, `incidents` or `scheduled_maintenances`")
    );
}

#[test]
fn a_bad_element_is_placed_by_serde() {
    // The third incident lacks its name.
    let text = "[\n{\"id\": \"a\", \"name\": \"A\", \"status\": \"resolved\"},\n{\"id\": \"b\", \"name\": \"B\", \"status\": \"resolved\"},\n{\"id\": \"c\", \"status\": \"resolved\"}\n]";
    let (message, l, c, _) = parse_err(text);
    assert_eq!((message.as_str(), l, c), ("missing field `name`", 4, 33));
    let (message, l, _, _) = parse_err("[\n{\"id\": \"a\",\n");
    assert_eq!((message.as_str(), l), ("EOF while parsing a value", 3));
}

#[test]
fn element_starts_skip_strings_and_nesting() {
    let text = r#" [ {"a": "x,[{"}, [1, {"b": "\"]"}], "s\"", 3 ,null] "#;
    let starts = element_starts(text);
    let firsts: Vec<char> = starts
        .iter()
        .map(|&i| text[i..].chars().next().unwrap())
        .collect();
    assert_eq!(firsts, ['{', '[', '"', '3', 'n']);
    assert_eq!(element_starts("[]"), Vec::<usize>::new());
    assert_eq!(element_starts("[\n]"), Vec::<usize>::new());
}
