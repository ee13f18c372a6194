//! Every page of a built site, for the browser tests that look at all of them: the layout at
//! phone and desktop widths, and the accessibility audit. Pages are found in the built folder,
//! so a new kind of page is checked as soon as the example site has one.
#![allow(dead_code, reason = "each test file uses a different subset")]

use crate::browser_support::Cdp;
use crate::common::{NOW, TempSite, assert_ok, statuspress};
use serde_json::json;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The example site built at the tests' clock into a folder of its own, without the refresh
/// script (the browser's real clock would make every page say it is days old; that state has a
/// test of its own).
pub struct BuiltExample {
    pub site: TempSite,
    folder: tempfile::TempDir,
}

impl BuiltExample {
    pub fn new() -> BuiltExample {
        let site = TempSite::example();
        let config = fs::read_to_string(site.path().join("statuspress.toml")).unwrap();
        // Before any table, so that it stays a top-level key.
        site.write(
            "statuspress.toml",
            &format!("auto_refresh = false\n{config}"),
        );
        let built = BuiltExample {
            site,
            folder: tempfile::tempdir().unwrap(),
        };
        built.build(NOW);
        built
    }

    /// Builds the site with the clock `now`, replacing the folder's content.
    pub fn build(&self, now: &str) {
        let out = self.out();
        assert_ok(&statuspress(&[
            "build",
            "--root",
            self.site.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--now",
            now,
        ]));
    }

    /// The built folder, to serve.
    pub fn out(&self) -> PathBuf {
        self.folder.path().join("public")
    }
}

/// A page of a built site: where a browser opens it, and a name for its screenshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path of the address, e.g. `/incidents/2026-11-23-builds-queued/`; the 404 page is
    /// opened at a path that does not exist, as a host serves it.
    pub path: String,
    /// e.g. `incidents-2026-11-23-builds-queued`, `index`, `404`.
    pub name: String,
    /// Its kind: the first folder and the depth, e.g. `incidents/2` (or `index`, `404`).
    pub kind: String,
    /// Size of the HTML file.
    pub bytes: u64,
}

/// Every HTML page in the built folder `out`, sorted by path.
pub fn pages(out: &Path) -> Vec<Page> {
    let mut pages: Vec<Page> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let bytes = e.metadata().unwrap().len();
            page_of(&rel, bytes)
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// The page of the file `rel` (relative to the built folder).
fn page_of(rel: &str, bytes: u64) -> Page {
    if rel == "404.html" {
        return Page {
            path: "/does-not-exist".to_string(),
            name: "404".to_string(),
            kind: "404".to_string(),
            bytes,
        };
    }
    let folder = rel.strip_suffix("index.html").unwrap_or(rel);
    let parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let (name, kind) = match parts.as_slice() {
        [] => ("index".to_string(), "index".to_string()),
        [first, ..] => (parts.join("-"), format!("{first}/{}", parts.len())),
    };
    Page {
        path: format!("/{folder}"),
        name,
        kind,
        bytes,
    }
}

/// One page of each kind to look at closely: every page of a kind with at most three (the
/// embed's variants, the two maintenance windows), else its largest, which has the most to lay
/// out.
pub fn one_of_each_kind(pages: &[Page]) -> Vec<Page> {
    let mut kinds: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in pages {
        kinds.entry(&p.kind).or_default().push(p);
    }
    let mut chosen = Vec::new();
    for members in kinds.values() {
        if members.len() <= 3 {
            chosen.extend(members.iter().map(|p| (*p).clone()));
        } else if let Some(largest) = members.iter().max_by_key(|p| (p.bytes, &p.path)) {
            chosen.push((*largest).clone());
        }
    }
    chosen.sort_by(|a, b| a.path.cmp(&b.path));
    chosen
}

/// JavaScript that opens every disclosure of the page and returns how many there were.
pub const OPEN_DISCLOSURES: &str =
    "Array.from(document.querySelectorAll('details')).map(d => d.open = true).length";

/// How long a page may take to load, on a machine busy with other tests.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens `url` and waits until it has loaded, with every disclosure open. A page that does not
/// load fails with the requests still in flight, as Chromium and the static server saw them.
pub fn open(page: &mut Cdp, url: &str) {
    let loaded = format!(
        "document.readyState === 'complete' && location.href === {} && !!document.body",
        json!(url)
    );
    page.record_requests();
    page.call("Page.navigate", json!({ "url": url }));
    if !page.wait_until(&loaded, LOAD_TIMEOUT) {
        let state = page.eval("document.readyState");
        let in_flight = page.requests_in_flight();
        let server = crate::static_support::report(url)
            .unwrap_or_else(|| "(not served by a static server of this process)".to_string());
        panic!(
            "{url} did not load within {LOAD_TIMEOUT:?}: document.readyState is {state}, requests in flight:\n  {}\n{server}",
            if in_flight.is_empty() {
                "none".to_string()
            } else {
                in_flight.join("\n  ")
            }
        );
    }
    let opened = page.eval(OPEN_DISCLOSURES);
    assert!(
        opened.as_u64().is_some(),
        "opening disclosures on {url}: {opened}"
    );
}

/// JavaScript that returns what does not fit in a viewport `width` pixels wide, as a list of
/// sentences: the page wider than the viewport (with the elements that reach past its right
/// edge), and any status or tag pill whose text is clipped, by itself, the viewport or a box
/// that cuts its overflow. Visually hidden text (1 pixel boxes) is left out.
pub fn layout_problems(width: u32) -> String {
    format!(
        r#"(function () {{
  var W = {width}, problems = [], de = document.documentElement;
  function describe(el) {{
    var s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
    return s + ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50) + '"';
  }}
  function clips(el) {{ var s = getComputedStyle(el); return s.overflowX !== 'visible' || s.overflowY !== 'visible'; }}
  function shown(el) {{
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') return false;
    for (var a = el; a; a = a.parentElement) {{ var r = a.getBoundingClientRect(); if (r.width <= 1 && r.height <= 1) return false; }}
    return true;
  }}
  function inClippingBox(el) {{ for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) if (clips(a)) return true; return false; }}
  if (de.scrollWidth > W) {{
    var wide = [];
    document.querySelectorAll('body *').forEach(function (el) {{
      if (!shown(el) || inClippingBox(el)) return;
      var r = el.getBoundingClientRect();
      if (r.right > W + 0.5) wide.push(describe(el) + ' reaches ' + Math.round(r.right) + 'px');
    }});
    problems.push('the page is ' + de.scrollWidth + 'px wide: ' + wide.slice(-4).join('; '));
  }}
  document.querySelectorAll('.status, .tag').forEach(function (el) {{
    if (!shown(el)) return;
    if (el.scrollWidth > el.clientWidth + 0.5) {{ problems.push(describe(el) + ' is clipped: ' + el.scrollWidth + 'px of text in ' + el.clientWidth + 'px'); return; }}
    var r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > W + 0.5) {{ problems.push(describe(el) + ' is off screen at ' + Math.round(r.left) + '..' + Math.round(r.right) + 'px'); return; }}
    for (var a = el.parentElement; a; a = a.parentElement) {{
      if (!clips(a)) continue;
      var b = a.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) {{ problems.push(describe(el) + ' is cut off by ' + describe(a)); break; }}
    }}
  }});
  return problems;
}})()"#
    )
}

/// JavaScript that focuses, one by one, every day of every uptime bar that has a tooltip and is
/// shown, and returns those whose tooltip does not fit in a viewport `width` pixels wide.
pub fn tooltips_off_screen(width: u32) -> String {
    format!(
        r#"(function () {{
  var W = {width}, bad = [];
  document.querySelectorAll('.ubd>i[tabindex]').forEach(function (day) {{
    if (!day.getClientRects().length) return;
    day.focus();
    var r = day.querySelector('.tt').getBoundingClientRect();
    if (r.width < 50 || r.left < -0.5 || r.right > W + 0.5) bad.push(day.getAttribute('aria-label') + ': tooltip at ' + Math.round(r.left) + '..' + Math.round(r.right) + 'px');
    day.blur();
  }});
  return bad;
}})()"#
    )
}
