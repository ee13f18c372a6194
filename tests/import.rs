//! `statuspress import statuspage`: the real GitHub incidents feed survives the trip through a
//! site folder and a build, and a whole history saved page by page from the management API is
//! imported once, whatever the order of its files.

mod common;

use common::*;
use serde_json::Value;
use statuspress::build::{Input, Target, run};
use std::fs;
use std::path::{Path, PathBuf};

/// A real Statuspage capture kept in `tests/fixtures/statuspage/`.
fn sample(name: &str) -> PathBuf {
    repo().join("tests/fixtures/statuspage").join(name)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn second(t: &str) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(t)
        .unwrap()
        .with_timezone(&chrono::Utc);
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A fresh `statuspress init` site without its examples.
fn initialized() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = statuspress(&["init", site.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    for dir in ["incidents", "maintenance"] {
        fs::remove_dir_all(site.join(dir)).unwrap();
    }
    tmp
}

/// One source incident as (name, impact, status, [(update status, update time)]).
type Summary = (String, String, String, Vec<(String, String)>);

fn source_summary(i: &Value) -> Summary {
    let updates = i["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["status"].as_str().unwrap().to_string(),
                second(u["display_at"].as_str().unwrap()),
            )
        })
        .collect();
    (
        i["name"].as_str().unwrap().to_string(),
        i["impact"].as_str().unwrap().to_string(),
        i["status"].as_str().unwrap().to_string(),
        updates,
    )
}

#[test]
fn github_history_round_trips_through_a_build() {
    let tmp = initialized();
    let root = tmp.path().join("site");
    let incidents_json = sample("github-incidents.2026-07-31.json");
    let summary_json = sample("github-summary.2026-07-31.json");
    let o = import(&root, &[&incidents_json, &summary_json]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        51,
        "components.toml and 50 incidents: {}",
        stdout(&o)
    );
    assert!(
        stderr(&o).starts_with("Imported 50 incidents, 0 maintenance windows and 12 components"),
        "{}",
        stderr(&o)
    );
    let before = snapshot_tree(&root);
    let o = statuspress(&["build", "--root", root.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = statuspress(&["check", "--root", root.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no warnings");

    let source = json(&incidents_json);
    let source: Vec<&Value> = source["incidents"].as_array().unwrap().iter().collect();
    assert_eq!(source.len(), 50);

    // The parsed model.
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let derived = run(Input::Folder(&root), now, Target::Derive).unwrap();
    let (site, state) = (derived.site, derived.state);
    assert_eq!(site.incidents.len(), 50);
    let source_of = |path: &Path| -> &Value {
        let text = fs::read_to_string(root.join(path)).unwrap();
        let id = text
            .lines()
            .nth(1)
            .unwrap()
            .strip_prefix("# Imported from Statuspage: incident ")
            .unwrap()
            .to_string();
        source.iter().find(|i| i["id"] == id.as_str()).unwrap()
    };
    let mut seen = std::collections::BTreeSet::new();
    for &i in &state.incidents {
        let inc = &site.incidents[i];
        let src = source_of(&inc.path);
        seen.insert(src["id"].as_str().unwrap());
        let model: Summary = (
            inc.title.clone(),
            inc.impact.as_str().to_string(),
            inc.status().as_str().to_string(),
            inc.updates
                .iter()
                .map(|u| {
                    (
                        u.status.as_str().to_string(),
                        u.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    )
                })
                .collect(),
        );
        assert_eq!(model, source_summary(src), "{}", inc.path.display());
    }
    assert_eq!(seen.len(), 50, "every source incident has its own file");
    // Newest first: the site orders by start (the earlier of started_at and the first update),
    // Statuspage's feed by resolution; the two agree except where incidents overlap.
    let started: Vec<String> = state
        .incidents
        .iter()
        .map(|&i| site.incidents[i].started.to_rfc3339())
        .collect();
    let mut sorted = started.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(started, sorted);

    // The site's own Statuspage-compatible API reproduces the source incidents.
    let api = root.join("public/api/v2/incidents.json");
    assert!(api.exists(), "the build writes api/v2/incidents.json");
    let ours = json(&api);
    let ours: Vec<Summary> = ours["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(source_summary)
        .collect();
    let mut want: Vec<Summary> = state
        .incidents
        .iter()
        .map(|&i| source_summary(source_of(&site.incidents[i].path)))
        .collect();
    want.truncate(50);
    assert_eq!(ours, want);

    // Importing again changes nothing.
    fs::remove_dir_all(root.join("public")).unwrap();
    let o = import(&root, &[&incidents_json, &summary_json]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(snapshot_tree(&root), before);
}

#[test]
fn imported_bodies_keep_their_structure() {
    let tmp = initialized();
    let root = tmp.path().join("site");
    let incidents_json = sample("github-incidents.2026-07-31.json");
    let o = import(&root, &[&incidents_json]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Without a components file, the components the incidents name are created.
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    assert!(components.contains("[[component]]\nid = \"copilot-ai-model-providers\"\nname = \"Copilot AI Model Providers\"\n"), "{components}");
    let text = fs::read_to_string(
        root.join("incidents/2026-07-30-copilot-model-claude-fable-5-experiencing-elevated.md"),
    )
    .unwrap();
    assert!(
        text.contains("affected = { copilot-ai-model-providers = \"degraded_performance\" }\n"),
        "{text}"
    );
    assert!(text.contains("\n## Investigating — 2026-07-30 10:11:55 UTC\nThe issues with our upstream model provider have been resolved, and Claude Fable 5 is once again available in Copilot products and IDE surfaces.\n\nWe will continue monitoring to ensure stability, but mitigation is complete.\n"), "{text}");
    // A bulleted list after <br /> breaks stays a list; `<` stays text.
    let hits: Vec<String> = fs::read_dir(root.join("incidents"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|t| t.contains("Actions saw 10% of jobs fail"))
        .collect();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].contains("intermittent errors:\n\n- Actions saw 10% of jobs fail"),
        "{}",
        hits[0]
    );
    assert!(hits[0].contains("were \\< 1% in all cases."), "{}", hits[0]);
}

#[test]
fn bad_input_is_reported_and_nothing_is_written() {
    let tmp = initialized();
    let root = tmp.path().join("site");
    let before = snapshot_tree(&root);
    let bad = tmp.path().join("incidents.json");
    fs::write(&bad, "{\"incidents\": [{\"id\": \"x\"}]}").unwrap();
    let o = import(&root, &[&bad]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("incidents.json:1:26: error: missing field `name`\n"),
        "{err}"
    );
    assert!(err.contains("is not Statuspage API JSON"), "{err}");
    let o = import(&root, &[&tmp.path().join("missing.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: cannot read "),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot_tree(&root), before);
}

#[test]
fn maintenance_alone_into_an_empty_folder_gives_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fs::create_dir(&site).unwrap();
    let json = sample("discord-scheduled-maintenances.hikari-fixture.json");
    let o = import(&site, &[&json]);
    assert!(o.status.success(), "{}", stderr(&o));
    // No component is named, yet the site has its catalogue file and builds as it is.
    assert!(site.join("components.toml").is_file());
    let posts: Vec<_> = fs::read_dir(site.join("maintenance")).unwrap().collect();
    assert_eq!(posts.len(), 1);
    let o = statuspress(&["build", "--root", site.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("public/index.html").is_file());
}

/// NYU Libraries' history as the management API gives it (see SOURCES.md): pages of incidents,
/// pages of components and the page object, named in a scrambled order.
const NYU_PAGES: [&str; 8] = [
    "nyu-v1-incidents.page-3.json",
    "nyu-v1-components.page-2.json",
    "nyu-v1-incidents.page-1.json",
    "nyu-v1-page.json",
    "nyu-v1-incidents.page-4.json",
    "nyu-v1-components.page-1.json",
    "nyu-v1-incidents.page-2.json",
    "nyu-v1-components.page-3.json",
];

/// `statuspress import statuspage FILE... --root ROOT`.
fn import(root: &Path, files: &[&Path]) -> std::process::Output {
    let mut args = vec!["import", "statuspage"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args.extend(["--root", root.to_str().unwrap()]);
    statuspress(&args)
}

/// Imports the named samples into `root`.
fn import_into(root: &Path, names: &[&str]) -> std::process::Output {
    let files: Vec<PathBuf> = names.iter().map(|n| sample(n)).collect();
    import(
        root,
        &files.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )
}

/// The distinct incidents and maintenance windows of the NYU pages, by id.
fn nyu_posts() -> std::collections::BTreeMap<String, Value> {
    let mut listed = 0;
    let mut posts = std::collections::BTreeMap::new();
    for name in NYU_PAGES.iter().filter(|n| n.contains("incidents")) {
        for i in json(&sample(name)).as_array().unwrap() {
            listed += 1;
            posts.insert(i["id"].as_str().unwrap().to_string(), i.clone());
        }
    }
    assert!(
        listed > posts.len(),
        "the pages overlap, as pages fetched apart do"
    );
    posts
}

fn files_in(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn management_api_pages_bring_the_whole_history_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir(&root).unwrap();
    let o = import_into(&root, &NYU_PAGES);
    assert!(o.status.success(), "{}", stderr(&o));

    let source = nyu_posts();
    let windows: Vec<&Value> = source
        .values()
        .filter(|i| !i["scheduled_for"].is_null())
        .collect();
    let incidents = source.len() - windows.len();
    assert!(
        stderr(&o).starts_with(&format!(
            "Imported {incidents} incidents, {} maintenance windows and 6 components;",
            windows.len()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(files_in(&root.join("incidents")), incidents);
    assert_eq!(files_in(&root.join("maintenance")), windows.len());
    // The page object names the site; its name does not end in "Status".
    let config = fs::read_to_string(root.join("statuspress.toml")).unwrap();
    assert!(
        config.contains("\ntitle = \"New York University Division of Libraries Status\"\nbase_url = \"https://nyulibraries.statuspage.io\""),
        "{config}"
    );
    // Display order: EZProxy (1), the Borrowing group (2) with its members by position, BobCat (3).
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    let ids: Vec<&str> = components
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    assert_eq!(
        ids,
        [
            "\"borrowing\"",
            "\"ezproxy\"",
            "\"interlibrary-loan-ill\"",
            "\"e-zborrow\"",
            "\"marli-manhattan-research-library\"",
            "\"bobcat\""
        ]
    );
    // The postmortem is told once, as in the source.
    let postmortem = fs::read_dir(root.join("incidents"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|t| t.contains("incident bp30jh0q18t2"))
        .unwrap();
    assert_eq!(postmortem.matches("## Postmortem — ").count(), 1);

    let o = statuspress(&["build", "--root", root.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = root.join("public");
    assert_eq!(files_in(&public.join("incidents")), incidents);
    // A folder per window, and the page of them all.
    assert_eq!(files_in(&public.join("maintenance")), windows.len() + 1);
    let api = json(&public.join("api/v2/incidents.json"));
    assert_eq!(api["incidents"].as_array().unwrap().len(), incidents);
    // The postmortem comes back out as the source published it.
    let bobcat = &source["bp30jh0q18t2"];
    let out = api["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == bobcat["name"])
        .unwrap();
    assert_eq!(out["status"], "postmortem");
    assert_eq!(
        out["postmortem_body"].as_str(),
        bobcat["postmortem_body"]
            .as_str()
            .map(|b| b.replace("\r\n", "\n"))
            .as_deref()
    );
    assert_eq!(out["postmortem_published_at"], "2017-05-22T19:52:28.000Z");
    // One history page per month with a post, in the site's time zone (New York).
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let mut months: std::collections::BTreeSet<String> = source
        .values()
        .map(|i| {
            let start = if i["scheduled_for"].is_null() {
                let updates = i["incident_updates"].as_array().unwrap();
                std::iter::once(&i["created_at"])
                    .chain(updates.iter().map(|u| &u["display_at"]))
                    .map(|t| chrono::DateTime::parse_from_rfc3339(t.as_str().unwrap()).unwrap())
                    .min()
                    .unwrap()
            } else {
                chrono::DateTime::parse_from_rfc3339(i["scheduled_for"].as_str().unwrap()).unwrap()
            };
            start.with_timezone(&tz).format("%Y/%m").to_string()
        })
        .collect();
    // The source never resolved one incident (of 2018): it is still under way on every day of
    // the uptime bars, which each have their heading in the month they fall in.
    let unresolved = source
        .values()
        .filter(|i| i["scheduled_for"].is_null() && i["resolved_at"].is_null())
        .count();
    assert_eq!(unresolved, 1);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    months.extend((0..90).map(|k| (today - chrono::Days::new(k)).format("%Y/%m").to_string()));
    let pages: std::collections::BTreeSet<String> = walkdir::WalkDir::new(public.join("history"))
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(public.join("history")).unwrap();
            assert!(e.path().join("index.html").is_file(), "{}", rel.display());
            rel.to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(pages, months);

    // A second import, in another order, changes nothing.
    fs::remove_dir_all(&public).unwrap();
    let before = snapshot_tree(&root);
    let mut reversed = NYU_PAGES;
    reversed.reverse();
    let o = import_into(&root, &reversed);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with(&format!(
            "Imported 0 incidents, 0 maintenance windows and 0 components; {} posts were imported before",
            source.len()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot_tree(&root), before);
}

#[test]
fn the_order_of_the_pages_does_not_change_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sorted = NYU_PAGES;
    sorted.sort();
    let mut rotated = NYU_PAGES;
    rotated.rotate_left(5);
    let trees: Vec<_> = [&NYU_PAGES, &sorted, &rotated]
        .iter()
        .enumerate()
        .map(|(n, order)| {
            let root = tmp.path().join(format!("site-{n}"));
            let o = import_into(&root, order.as_slice());
            assert!(o.status.success(), "{}", stderr(&o));
            snapshot_tree(&root)
        })
        .collect();
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[0], trees[2]);
}

#[test]
fn a_page_of_mixed_kinds_or_of_neither_is_refused_by_place() {
    let tmp = initialized();
    let root = tmp.path().join("site");
    let before = snapshot_tree(&root);
    let incidents = json(&sample("nyu-v1-incidents.page-3.json"));
    let components = json(&sample("nyu-v1-components.page-1.json"));
    let mixed = Value::Array(vec![
        incidents[0].clone(),
        incidents[1].clone(),
        components[0].clone(),
    ]);
    let text = serde_json::to_string_pretty(&mixed).unwrap();
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  {")
        .nth(2)
        .unwrap()
        .0
        + 1;
    let file = tmp.path().join("mixed.json");
    fs::write(&file, &text).unwrap();
    let o = import(&root, &[&sample("nyu-v1-incidents.page-1.json"), &file]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("mixed.json:{line}:3: error: element 2 is a component, but element 0 is an incident: a page holds one kind\n")),
        "{err}"
    );
    assert!(
        err.contains("help: save the pages of /incidents and of /components in separate files"),
        "{err}"
    );
    assert!(
        err.contains("mixed.json is not Statuspage API JSON"),
        "{err}"
    );

    fs::write(&file, "\n\n   42\n").unwrap();
    let o = import(&root, &[&file]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("mixed.json:3:4: error: neither an object nor an array\n"),
        "{err}"
    );
    assert!(err.contains("/v1/pages/PAGE_ID/incidents"), "{err}");
    assert_eq!(snapshot_tree(&root), before);
}

/// A site of several languages whose components are named in each: the import reads them as
/// the build does, adds the page's components beside them, and the site still builds.
#[test]
fn an_import_into_a_site_of_several_languages_keeps_its_translated_names() {
    let tmp = initialized();
    let root = tmp.path().join("site");
    let config = fs::read_to_string(root.join("statuspress.toml")).unwrap();
    fs::write(
        root.join("statuspress.toml"),
        format!("languages = [\"en\", \"de\"]\n{config}"),
    )
    .unwrap();
    let components = fs::read_to_string(root.join("components.toml")).unwrap();
    let translated = components.replacen("name = ", "name.en = ", 1);
    assert_ne!(translated, components, "{components}");
    fs::write(root.join("components.toml"), &translated).unwrap();
    let o = import(&root, &[&sample("github-summary.2026-07-31.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = statuspress(&["build", "--root", root.to_str().unwrap(), "--now", NOW]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("public/de/index.html").is_file());
}
