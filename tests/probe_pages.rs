//! What the probes measured, on the pages: the component page's "Measured" section with its
//! figures and response-time charts (well-formed SVG with text alternatives), the index's short
//! figures of components and groups, and upstream providers; built twice, byte for byte the
//! same.

mod common;

use common::{NOW, TempSite, assert_ok, snapshot_tree};

const PROBES: &str = r#"[[probe]]
id = "api-health"
component = "api"
kind = "http"
url = "https://api.acme.test/healthz"

[[probe]]
id = "cloud"
component = "mail"
kind = "statuspage"
url = "https://status.cloud.test"
upstream_component = "Mail relay"
"#;

/// Three days of rollups: 1440 checks with one down day of 36 minutes, and samples of the
/// last day (one down).
fn site() -> TempSite {
    let site = TempSite::new();
    site.write("probes.toml", PROBES);
    site.write(
        ".statuspress/probes/api-health/daily.csv",
        "date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes\n\
         2026-08-01,288,288,0,,,,1440\n\
         2026-11-21,288,0,0,100,300,400,0\n\
         2026-11-22,288,8,2,110,900,1600,36\n\
         2026-11-23,144,0,0,120,200,210,0\n",
    );
    site.write(
        ".statuspress/probes/api-health/samples.csv",
        "time,result,latency_ms,detail\n\
         2026-11-22T13:00:00Z,ok,90,HTTP 200\n\
         2026-11-22T18:00:00Z,down,5000,HTTP 500\n\
         2026-11-23T06:00:00Z,slow,1600,\"HTTP 200, slow\"\n\
         2026-11-23T12:00:00Z,ok,120,HTTP 200\n",
    );
    site.write(
        ".statuspress/probes/cloud/samples.csv",
        "time,result,latency_ms,detail\n\
         2026-11-23T12:00:00Z,slow,80,upstream: partial_outage (Relay delays: https://status.cloud.test/incidents/x) and 1 more incident\n",
    );
    site.write(
        ".statuspress/probes/cloud/upstream.json",
        r#"{
  "checked_at": "2026-11-23T12:00:00Z",
  "component_name": "Mail relay",
  "status": "partial_outage",
  "incidents": [
    {"name": "Relay delays", "status": "identified", "impact": "minor", "url": "https://status.cloud.test/incidents/x"},
    {"name": "Bounces", "status": "investigating", "impact": "none", "url": null}
  ],
  "more_incidents": 0
}
"#,
    );
    site
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

#[test]
fn the_component_page_shows_measured_figures_and_a_chart() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    let html = site.read_output("components/api/index.html");
    let measured = between(&html, "<h2 id=\"measured-h\">", "</section>\n</section>");
    // 30 days: 720 checks, 8 down; 1440 + 1440 + 720 minutes covered, 36 down.
    assert!(
        measured.contains("<strong>99.00%</strong> measured uptime"),
        "{measured}"
    );
    assert!(
        measured.contains("98.88% of 720 checks passed"),
        "{measured}"
    );
    // The row of August is outside both windows.
    assert_eq!(measured.matches("<strong>99.00%</strong>").count(), 2);
    assert!(measured.contains("Last check: ok at <time datetime=\"2026-11-23T12:00:00Z\" title=\"23 Nov 2026, 12:00 UTC\">23 Nov 2026, 13:00 CET</time>"));

    let svg_text = between(&html, "<svg ", "</svg>");
    let doc = roxmltree::Document::parse(svg_text).expect("the chart is well-formed XML");
    let svg = doc.root_element();
    assert_eq!(svg.attribute("role"), Some("img"));
    let title = svg.first_element_child().unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(svg.attribute("aria-labelledby"), title.attribute("id"));
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            (
                n.attribute("class").unwrap(),
                n.attribute("points").unwrap().split(' ').count(),
            )
        })
        .collect();
    // p95 and p50 through the three days of the window, then the 24-hour line broken by the
    // down check: 90 ms before it, 1600 and 120 ms after.
    assert_eq!(lines, [("p95", 3), ("p50", 3), ("lat", 1), ("lat", 2)]);
    let down_marks = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("down"))
        .count();
    assert_eq!(down_marks, 2, "one failed day, one failed check");
    assert!(
        svg_text.contains(">1000 ms</text>"),
        "the daily axis tops at 1000 ms"
    );

    let table = between(&html, "<div class=\"vh\"><table>", "</table>");
    assert!(
        table
            .contains("<th scope=\"row\">22 Nov 2026</th><td>110 ms</td><td>900 ms</td><td>8</td>")
    );
    assert!(table.contains("Last 24 hours (4 checks, 1 failed)"));
    assert!(table.contains("min 90 ms, median 120 ms, max 1600 ms"));
    assert!(!table.contains(">1 Aug 2026</th>"));
}

#[test]
fn the_index_shows_a_figure_and_upstream_but_no_chart() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    assert!(index.contains("<small class=\"measured\">99.00% measured</small>"));
    assert!(index.contains("Upstream status.cloud.test: Partial outage"));
    assert!(!index.contains("<svg viewBox=\"0 0 720"));
    let mail = site.read_output("components/mail/index.html");
    assert!(mail.contains(
        "Upstream: <span class=\"tag st-partial_outage\">Partial outage</span> at <a href=\"https://status.cloud.test\" rel=\"external\">status.cloud.test</a> (Mail relay): <a href=\"https://status.cloud.test/incidents/x\" rel=\"external\">Relay delays</a> and 1 more incident <small class=\"muted\">(read <time datetime=\"2026-11-23T12:00:00Z\" title=\"23 Nov 2026, 12:00 UTC\">23 Nov 2026, 13:00 CET</time>)</small></p>"
    ));
    // The upstream probe measures the provider, not the component: no "measured" figure.
    let web = site.read_output("components/web/index.html");
    assert!(!web.contains("measured-h"));
}

#[test]
fn builds_are_byte_identical() {
    let site = site();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for out in [a.path(), b.path()] {
        assert_ok(&site.run(&["build", "--now", NOW, "-o", out.to_str().unwrap()]));
    }
    assert_eq!(snapshot_tree(a.path()), snapshot_tree(b.path()));
}

#[test]
fn api_probes_json_carries_the_figures() {
    let site = site();
    assert_ok(&site.run(&["build"]));
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("api/probes.json")).unwrap();
    assert_eq!(json["generated_at"], NOW);
    let probes = json["probes"].as_array().unwrap();
    let ids: Vec<&str> = probes.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["api-health", "cloud"]);
    let api = &probes[0];
    assert_eq!(api["component"], "api");
    assert_eq!(api["kind"], "http");
    assert_eq!(
        api["last"],
        serde_json::json!({"time": NOW, "result": "ok", "latency_ms": 120, "detail": "HTTP 200"})
    );
    assert_eq!(
        api["windows"][0],
        serde_json::json!({
            "days": 30, "checks": 720, "failures": 8, "success_percent": 98.88,
            "uptime_percent": 99.0, "downtime_minutes": 36, "covered_minutes": 3600
        })
    );
    assert_eq!(api["windows"][1]["days"], 90);
    let daily = api["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 3, "August is outside the 90 days");
    assert_eq!(
        daily[1],
        serde_json::json!({"date": "2026-11-22", "p50_ms": 110, "p95_ms": 900, "failures": 8})
    );
    assert!(
        api.get("upstream").is_none(),
        "only statuspage probes have one"
    );
    let cloud = &probes[1];
    assert_eq!(cloud["kind"], "statuspage");
    assert_eq!(
        cloud["upstream"],
        serde_json::json!({
            "status": "partial_outage", "component_name": "Mail relay", "checked_at": NOW,
            "incidents": [
                {"name": "Relay delays", "status": "identified", "impact": "minor",
                 "url": "https://status.cloud.test/incidents/x"},
                {"name": "Bounces", "status": "investigating", "impact": "none", "url": null}
            ],
            "more_incidents": 0
        })
    );
    assert_eq!(
        cloud["windows"][0]["uptime_percent"],
        serde_json::Value::Null
    );

    // A word Statuspage does not use is `unknown`; before the first run there is no reading.
    let upstream = ".statuspress/probes/cloud/upstream.json";
    let text = std::fs::read_to_string(site.path().join(upstream)).unwrap();
    site.write(
        upstream,
        &text.replace("\"partial_outage\"", "\"<on_fire>\""),
    );
    let cloud_upstream = |site: &TempSite| {
        assert_ok(&site.run(&["build"]));
        let json: serde_json::Value =
            serde_json::from_str(&site.read_output("api/probes.json")).unwrap();
        json["probes"][1].get("upstream").cloned()
    };
    let odd = cloud_upstream(&site).unwrap();
    assert_eq!(
        (&odd["status"], &odd["component_name"]),
        (&"unknown".into(), &"Mail relay".into())
    );
    std::fs::remove_file(site.path().join(upstream)).unwrap();
    assert_eq!(cloud_upstream(&site), Some(serde_json::Value::Null));
}

#[test]
fn a_site_without_probes_has_no_probes_json() {
    let site = TempSite::new();
    assert_ok(&site.run(&["build"]));
    assert!(!site.path().join("public/api/probes.json").exists());
    assert!(site.path().join("public/api/uptime.json").exists());
}

#[test]
fn an_slo_on_probes_spends_measured_downtime() {
    let site = site();
    site.write(
        "components.toml",
        &common::COMPONENTS.replace(
            "id = \"api\"\nname = \"API\"",
            "id = \"api\"\nname = \"API\"\nslo = 99.9\nslo_source = \"probes\"",
        ),
    );
    assert_ok(&site.run(&["build"]));
    let uptime: serde_json::Value =
        serde_json::from_str(&site.read_output("api/uptime.json")).unwrap();
    let slo = &uptime["components"][0]["slo"];
    // 36 measured minutes down of 3600 covered: the budget is 3.6 minutes, no incident at all.
    assert_eq!(slo["spent_minutes"], 36.0, "{slo}");
    assert_eq!(slo["budget_minutes"], 3.6, "{slo}");
    assert_eq!(slo["met"], false);
    let page = site.read_output("components/api/index.html");
    assert!(page.contains("✕ Missed: 99.9% uptime over 30 rolling days"));
}

#[test]
fn an_slo_on_probes_needs_a_probe() {
    let site = site();
    site.write(
        "components.toml",
        &common::COMPONENTS.replace(
            "id = \"web\"\nname = \"Website\"",
            "id = \"web\"\nname = \"Website\"\nslo = 99.9\nslo_source = \"probes\"",
        ),
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("components.toml:14:14") && err.contains("which no probe measures"),
        "{err}"
    );
    assert!(
        err.contains("add a [[probe]] with component = \"web\""),
        "{err}"
    );
}

/// Two probes of the API with a row for each of the 90 days up to `NOW` (p50 100 ms, p95 300
/// ms, a failure on the oldest day) and checks of the last days; a website probe that was down
/// 144 of 1440 minutes; and a group without probes.
fn ninety_days() -> TempSite {
    let site = TempSite::new();
    site.write(
        "components.toml",
        &format!(
            "{}\n[[group]]\nid = \"edge\"\nname = \"Edge\"\n\n[[component]]\nid = \"cdn\"\nname = \"CDN\"\ngroup = \"edge\"\n",
            common::COMPONENTS
        ),
    );
    let mut probes = String::new();
    for (id, component) in [("api-health", "api"), ("api-login", "api"), ("home", "web")] {
        probes.push_str(&format!(
            "[[probe]]\nid = \"{id}\"\ncomponent = \"{component}\"\nkind = \"http\"\nurl = \"https://{id}.acme.test\"\n\n"
        ));
    }
    site.write("probes.toml", &probes);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut daily =
        String::from("date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes\n");
    for back in (0..90).rev() {
        let date = today - chrono::Duration::days(back);
        let failures = u32::from(back == 89);
        daily.push_str(&format!(
            "{date},288,{failures},0,100,300,400,{}\n",
            failures * 5
        ));
    }
    let samples = "time,result,latency_ms,detail\n\
                   2026-11-19T12:00:00Z,ok,95,HTTP 200\n\
                   2026-11-22T13:00:00Z,ok,90,HTTP 200\n\
                   2026-11-23T12:00:00Z,ok,120,HTTP 200\n";
    for id in ["api-health", "api-login"] {
        site.write(&format!(".statuspress/probes/{id}/daily.csv"), &daily);
        site.write(&format!(".statuspress/probes/{id}/samples.csv"), samples);
    }
    site.write(
        ".statuspress/probes/home/daily.csv",
        "date,checks,failures,slow,p50_ms,p95_ms,max_ms,downtime_minutes\n\
         2026-11-22,288,29,0,50,70,90,144\n",
    );
    site
}

/// The labels along the bottom of each panel of the chart `svg`, left to right.
fn tick_labels(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("middle"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + "</svg>".len()])
        .collect()
}

#[test]
fn thirty_days_beside_the_last_day_then_ninety_behind_a_disclosure() {
    let site = ninety_days();
    assert_ok(&site.run(&["build"]));
    let html = site.read_output("components/api/index.html");
    let charts = svgs(&html);
    assert_eq!(charts.len(), 4, "two charts for each of two probes");
    // The clock is Nov 23, 12:00 UTC (13:00 in Berlin): weeks back from today, then every six
    // hours of Berlin time in the 24-hour panel.
    assert_eq!(
        tick_labels(charts[0]),
        [
            "26 Oct", "2 Nov", "9 Nov", "16 Nov", "23 Nov", "18:00", "00:00", "06:00", "12:00"
        ]
    );
    assert!(charts[0].contains(">Last 30 days (UTC)</text>"));
    assert!(charts[0].contains(">Last 24 hours (CET)</text>"));
    assert_eq!(
        tick_labels(charts[1]),
        [
            "31 Aug", "14 Sep", "28 Sep", "12 Oct", "26 Oct", "9 Nov", "23 Nov"
        ]
    );
    let more = between(&html, "<details class=\"more\">", "</details>");
    assert!(more.starts_with("<details class=\"more\"><summary>Last 90 days</summary>"));
    assert!(
        more.contains(charts[1]),
        "the 90-day chart is in the disclosure"
    );
    assert!(!more.contains(charts[0]));

    let tables: Vec<&str> = html
        .split("<div class=\"vh\"><table>")
        .skip(1)
        .map(|t| &t[..t.find("</table>").unwrap()])
        .collect();
    let rows = |t: &str| between(t, "<tbody>", "</tbody>").matches("<tr>").count();
    assert_eq!(tables.len(), 4);
    assert_eq!((rows(tables[0]), rows(tables[1])), (30, 90));
    assert!(tables[0].contains("<caption>Response time of api-health, last 30 days</caption>"));
    assert!(tables[0].contains("Last 24 hours (2 checks, 0 failed)"));
    assert!(!tables[1].contains("Last 24 hours"));
    assert!(
        more.contains(
            "<div class=\"vh\"><table><caption>Response time of api-health, last 90 days"
        )
    );
    // Only the 90-day chart reaches back to the failed day.
    assert_eq!(tables[1].matches("<td>1</td>").count(), 1);
    assert_eq!(tables[0].matches("<td>1</td>").count(), 0);

    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "ids are unique on the page");
    assert!(ids.contains(&"chart-api-login-90d"));

    // Another clock, other labels: the axes follow the build clock, not the data.
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    assert_ok(&site.run(&["build", "--now", "2026-11-20T03:00:00Z", "-o", out_dir]));
    let earlier = std::fs::read_to_string(out.path().join("components/api/index.html")).unwrap();
    assert_eq!(
        tick_labels(svgs(&earlier)[0]),
        [
            "23 Oct", "30 Oct", "6 Nov", "13 Nov", "20 Nov", "06:00", "12:00", "18:00", "00:00"
        ]
    );
}

#[test]
fn a_group_row_shows_its_worst_member_figure() {
    let site = ninety_days();
    assert_ok(&site.run(&["build"]));
    let index = site.read_output("index.html");
    // The API's failed day is outside the 30 days; the website was down 144 of 1440 minutes.
    let api = between(&index, ">API</a>", "</li>");
    assert!(
        api.contains("<small class=\"measured\">100% measured</small>"),
        "{api}"
    );
    let core = between(&index, "<summary><span class=\"name\">Core", "</summary>");
    assert!(
        core.contains("<small class=\"measured\">90.00% measured</small>"),
        "{core}"
    );
    let edge = between(&index, "<summary><span class=\"name\">Edge", "</summary>");
    assert!(!edge.contains("measured"), "{edge}");
}
