//! axe-core's audit (WCAG 2.1 A and AA) of every page of the example site in light and dark,
//! and of the states a page can be in: laid out for a phone, an overdue promise, times shown in
//! UTC, a build old enough to say so.

use crate::browser_pages::{BuiltExample, one_of_each_kind, open, pages};
use crate::browser_support::{Cdp, Chromium, find_axe, find_chromium};
use crate::static_support::{Published, StaticServer, minutes_ago};
use crate::{Ran, skip, stale_notice_shown};
use serde_json::json;
use std::fs;
use std::time::Duration;

/// Runs axe-core on the page open in `page` (at `url`) and adds each violation to `problems`.
pub fn run_axe(page: &mut Cdp, axe_js: &str, url: &str, scheme: &str, problems: &mut Vec<String>) {
    page.eval(axe_js);
    let result = page.call(
        "Runtime.evaluate",
        json!({
            "expression": "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then(r => ({ passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')) }))",
            "awaitPromise": true,
            "returnByValue": true,
        }),
    );
    assert!(
        result.get("exceptionDetails").is_none(),
        "axe failed on {url}: {result}"
    );
    let report = &result["result"]["value"];
    // The audit really ran: it passed a good number of rules on the page.
    assert!(
        report["passes"].as_u64().unwrap_or(0) >= 10,
        "axe did not run on {url}: {result}"
    );
    for v in report["violations"]
        .as_array()
        .expect("a list of violations")
    {
        problems.push(format!(
            "{url} [{scheme}]: {}",
            v.as_str().unwrap_or_default()
        ));
    }
}

/// Audits `url` in light and dark, each time once it has loaded with every disclosure (groups,
/// the 90-day charts) open.
pub fn audit(page: &mut Cdp, axe_js: &str, url: &str, problems: &mut Vec<String>) {
    for scheme in ["light", "dark"] {
        page.color_scheme(scheme);
        open(page, url);
        run_axe(page, axe_js, url, scheme, problems);
    }
}

pub fn every_page_passes_an_axe_core_audit_in_light_and_dark() -> Ran {
    let (Some(chromium), Some(axe)) = (find_chromium(), find_axe()) else {
        return skip(
            "chromium or axe-core not found (.ci/run installs both; or set CHROMIUM and AXE_CORE_JS)",
        );
    };
    let axe_js = fs::read_to_string(&axe).unwrap();
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let mut problems = Vec::new();
    let built = BuiltExample::new();
    let server = StaticServer::start(&built.out());
    let all = pages(&built.out());
    for p in &all {
        audit(
            &mut page,
            &axe_js,
            &format!("http://{}{}", server.addr, p.path),
            &mut problems,
        );
    }
    let mut audited = all.len();

    // On a phone, on one page of each kind.
    page.viewport(320);
    for p in one_of_each_kind(&all) {
        audit(
            &mut page,
            &axe_js,
            &format!("http://{}{}", server.addr, p.path),
            &mut problems,
        );
        audited += 1;
    }
    page.viewport(1280);

    // Times shown in UTC, on one page of each kind.
    page.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/", server.addr) }),
    );
    page.eval("localStorage.setItem('statuspress-times', 'utc')");
    for p in one_of_each_kind(&all) {
        let url = format!("http://{}{}", server.addr, p.path);
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            open(&mut page, &url);
            let utc = page.eval("document.querySelector('.stamp .tz[aria-pressed=true]') !== null || !document.querySelector('.stamp .tz')");
            assert_eq!(utc, json!(true), "{url} shows its times in UTC");
            run_axe(
                &mut page,
                &axe_js,
                &url,
                &format!("{scheme}, UTC"),
                &mut problems,
            );
        }
        audited += 1;
    }
    page.eval("localStorage.clear()");

    // An open incident past its promised next update: every page that says so.
    built.build("2026-11-23T13:30:00Z");
    let overdue: Vec<_> = pages(&built.out())
        .into_iter()
        .filter(|p| {
            let file = if p.name == "404" {
                "404.html".to_string()
            } else {
                format!("{}index.html", p.path.trim_start_matches('/'))
            };
            fs::read_to_string(built.out().join(file))
                .unwrap()
                .contains("promise overdue")
        })
        .collect();
    assert!(
        overdue.len() >= 2,
        "the index and the incident say the update is overdue: {overdue:?}"
    );
    for p in &overdue {
        audit(
            &mut page,
            &axe_js,
            &format!("http://{}{}", server.addr, p.path),
            &mut problems,
        );
    }
    audited += overdue.len();

    // The published index and embed of a build three hours old, with their stale notice.
    let published = Published::new();
    published.build(&minutes_ago(3 * 60));
    let stale = StaticServer::start(&published.out());
    for path in ["/", "/embed/"] {
        let url = format!("http://{}{path}", stale.addr);
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            page.call("Page.navigate", json!({ "url": url }));
            page.wait_for(
                &stale_notice_shown(),
                Duration::from_secs(30),
                "the stale notice shows",
            );
            run_axe(&mut page, &axe_js, &url, scheme, &mut problems);
        }
        audited += 1;
    }
    assert!(
        problems.is_empty(),
        "accessibility violations:\n{}",
        problems.join("\n")
    );
    eprintln!("axe: {audited} pages and states audited in light and dark, 0 violations");
    Ok(())
}
