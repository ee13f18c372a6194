//! End to end in a real browser: headless Chromium, driven over the Chrome DevTools Protocol,
//! shows `statuspress serve` reloading the page by itself after a save, shows the error
//! overlay, and takes screenshots of the index in light and dark mode; shows a published index
//! and embed, served as a static host serves them, saying when they are stale and reloading
//! for a newer build once the reader is idle; shows the embed pinned light and dark keeping its
//! colours in either colour scheme; switches a page's times to UTC and back
//! (`browser_times`); lays out every page of the example site at 320, 390 and 1280 pixels
//! (`browser_layout`); audits every page with axe-core (`browser_audit`); shows the example
//! site in Arabic laid out right to left as the mirror of English (`browser_rtl`); checks
//! the language switcher of a site of two languages at those widths, by keyboard and with
//! axe-core (`browser_languages`); and follows the index's uptime bar images to a component's
//! day-by-day bar and from a day there to the history (`browser_bars`).
//!
//! Screenshots are kept in `target/test-artifacts/` (under `CARGO_TARGET_DIR` when set); CI
//! uploads that folder.
//! Without Chromium the test fails when `CI=true` and is reported as skipped otherwise: this
//! file has its own small runner (`harness = false`) so that a skip shows as `skipped` with its
//! reason in the test output, never as `ok`.

mod browser_audit;
mod browser_bars;
mod browser_languages;
mod browser_layout;
mod browser_pages;
mod browser_rtl;
mod browser_support;
mod browser_times;
mod common;
mod serve_support;
mod static_support;

use browser_support::{Chromium, find_chromium, save_png};
use common::{NOW, TempSite};
use serde_json::json;
use serve_support::Served;
use static_support::{Published, StaticServer, minutes_ago};
use std::fs;
use std::thread;
use std::time::{Duration, Instant};

const INCIDENT: &str = "incidents/2026-11-23-builds-queued.md";
const OLD_TITLE: &str = "Builds queued longer than usual";
const NEW_TITLE: &str = "Builds are queued (edited on disk)";

/// What a test that ran to its end says: `Err` carries the reason it was skipped.
type Ran = Result<(), String>;

/// A test of this file: its name and its body.
type Test = (&'static str, fn() -> Ran);

/// A skip outside CI; a failure under `CI=true`, where every test must run.
fn skip(msg: &str) -> Ran {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!in_ci, "{msg}; the browser tests must run in CI");
    Err(msg.to_string())
}

fn the_browser_reloads_by_itself_after_a_save_and_shows_errors() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    );
    let url = format!("http://{}/", served.addr);
    page.call("Page.navigate", json!({ "url": url }));
    page.wait_for(
        &format!(
            "document.readyState === 'complete' && document.body.innerText.includes({})",
            json!(OLD_TITLE)
        ),
        Duration::from_secs(30),
        "the index loads",
    );
    assert!(
        page.eval("document.title")
            .as_str()
            .unwrap()
            .starts_with("Northwind Cloud Status")
    );

    // Light and dark screenshots of the index.
    page.color_scheme("light");
    let light_bg = page.eval("getComputedStyle(document.body).backgroundColor");
    let light = save_png("serve-index-light.png", &page.screenshot());
    page.color_scheme("dark");
    let dark_bg = page.eval("getComputedStyle(document.body).backgroundColor");
    let dark = save_png("serve-index-dark.png", &page.screenshot());
    assert_eq!(light_bg, json!("rgb(255, 255, 255)"));
    assert_eq!(dark_bg, json!("rgb(13, 17, 23)"));
    assert_ne!(fs::read(light).unwrap(), fs::read(dark).unwrap());
    page.color_scheme("light");

    // A marker that only survives if the page is never reloaded.
    page.eval("window.__statuspressMarker = 'before the save'");
    let text = fs::read_to_string(site.path().join(INCIDENT)).unwrap();
    site.write(INCIDENT, &text.replace(OLD_TITLE, NEW_TITLE));
    page.wait_for(
        &format!(
            "window.__statuspressMarker === undefined && document.readyState === 'complete' && document.body.innerText.includes({})",
            json!(NEW_TITLE)
        ),
        Duration::from_secs(20),
        "the page reloads by itself with the new title",
    );
    assert_eq!(
        page.eval("performance.getEntriesByType('navigation')[0].type"),
        json!("reload")
    );
    assert_eq!(
        page.eval(&format!(
            "document.body.innerText.includes({})",
            json!(OLD_TITLE)
        )),
        json!(false)
    );

    // A mistake shows up as an overlay over the last good page; fixing it clears it.
    page.eval("window.__statuspressMarker = 'before the mistake'");
    let good = fs::read_to_string(site.path().join(INCIDENT)).unwrap();
    site.write(
        INCIDENT,
        &good.replace("impact = \"minor\"", "impact = \"tiny\""),
    );
    page.wait_for(
        "!!document.getElementById('statuspress-errors') && window.__statuspressMarker === undefined",
        Duration::from_secs(20),
        "the overlay appears",
    );
    let overlay = page.eval("document.getElementById('statuspress-errors').innerText");
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains(&format!("{INCIDENT}:3:10: error: unknown impact `tiny`")),
        "{overlay}"
    );
    assert_eq!(
        page.eval(&format!(
            "document.body.innerText.includes({})",
            json!(NEW_TITLE)
        )),
        json!(true),
        "the last good site is still shown under the overlay"
    );
    save_png("serve-overlay.png", &page.screenshot());
    site.write(INCIDENT, &good);
    page.wait_for(
        "document.readyState === 'complete' && !document.getElementById('statuspress-errors') && document.body.innerText.length > 0",
        Duration::from_secs(20),
        "the overlay goes away",
    );
    drop(page);
    drop(browser);
    Ok(())
}

/// The text of the stale notice of a page built three hours ago.
const STALE_NOTICE: &str = "This page was last updated 3 hours ago and may be out of date.";

/// True in a page that shows the stale notice of a page built three hours ago, visibly, in a
/// status region right after the stamp.
fn stale_notice_shown() -> String {
    format!(
        "(function () {{ var p = document.querySelector('.stamp + [role=status] > p.stale'); return !!p && p.textContent === {} && p.getBoundingClientRect().height > 0; }})()",
        json!(STALE_NOTICE)
    )
}

fn the_index_and_embed_notice_a_stale_build_and_reload_for_a_newer_one() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let published = Published::new();
    published.poll_every_second();
    let (stale, fresh) = (minutes_ago(3 * 60), minutes_ago(0));
    published.build(&stale);
    let server = StaticServer::start(&published.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let status_file = published.out().join("api/v2/status.json");
    let reloaded_into = |built: &str| {
        format!(
            "window.__statuspressMarker === undefined && document.readyState === 'complete' && document.documentElement.dataset.built === {} && !document.querySelector('p.stale')",
            json!(built)
        )
    };

    // The embed, three hours old, says so.
    page.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/embed/", server.addr) }),
    );
    page.wait_for(
        &stale_notice_shown(),
        Duration::from_secs(30),
        "the embed says it may be out of date",
    );
    // The same content built now: status.json stays the same, so only the page's own newer
    // build can tell the script to reload.
    let status_before = fs::read(&status_file).unwrap();
    page.eval("window.__statuspressMarker = 'stale embed'");
    published.build(&fresh);
    assert_eq!(fs::read(&status_file).unwrap(), status_before);
    page.wait_for(
        &reloaded_into(&fresh),
        Duration::from_secs(20),
        "the embed reloads into the newer build, without the notice",
    );
    assert_eq!(
        page.eval("performance.getEntriesByType('navigation')[0].type"),
        json!("reload")
    );

    // The index, three hours old, says so too.
    published.build(&stale);
    page.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/", server.addr) }),
    );
    page.wait_for(
        &stale_notice_shown(),
        Duration::from_secs(30),
        "the index says it may be out of date",
    );
    save_png("stale-index.png", &page.screenshot());
    // A reader selects a card's text while the incident is resolved and the site rebuilt.
    page.eval("getSelection().selectAllChildren(document.querySelector('.card'))");
    assert_eq!(
        page.eval("!getSelection().isCollapsed"),
        json!(true),
        "text is selected"
    );
    page.eval("window.__statuspressMarker = 'selecting text'");
    published.incident(Some(&minutes_ago(60)));
    published.build(&fresh);
    assert_ne!(fs::read(&status_file).unwrap(), status_before);
    // The page sees the new status.json on several ticks, and still does not reload.
    let polled = server.requests_for("/api/v2/status.json");
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.requests_for("/api/v2/status.json") < polled + 3 {
        assert!(Instant::now() < deadline, "the page stopped polling");
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        page.eval("window.__statuspressMarker"),
        json!("selecting text"),
        "no reload while text is selected"
    );
    assert_eq!(page.eval(&stale_notice_shown()), json!(true));
    // Once the selection is gone, the page reloads into the new build.
    page.eval("getSelection().removeAllRanges()");
    page.wait_for(
        &format!(
            "{} && document.documentElement.dataset.statusIndicator === 'none' && document.body.innerText.includes('All systems operational')",
            reloaded_into(&fresh)
        ),
        Duration::from_secs(20),
        "the index reloads into the new status once the selection is gone",
    );
    Ok(())
}

/// The background colour of the page's widget, as the browser computes it.
const WIDGET_BACKGROUND: &str = "getComputedStyle(document.body).backgroundColor";

fn the_pinned_embeds_keep_their_colours_in_either_scheme() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let site = TempSite::example();
    let served = Served::start(site.path(), &["--now", NOW]);
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 320, "height": 160, "deviceScaleFactor": 1, "mobile": false }),
    );
    let (white, dark) = ("rgb(255, 255, 255)", "rgb(13, 17, 23)");
    for (scheme, auto) in [("light", white), ("dark", dark)] {
        page.color_scheme(scheme);
        for (variant, path, expected) in [
            ("auto", "/embed/", auto),
            ("light", "/embed/light/", white),
            ("dark", "/embed/dark/", dark),
        ] {
            let url = format!("http://{}{path}", served.addr);
            page.call("Page.navigate", json!({ "url": url }));
            page.wait_for(
                "document.readyState === 'complete' && !!document.querySelector('.box')",
                Duration::from_secs(30),
                "the embed loads",
            );
            assert_eq!(
                page.eval(WIDGET_BACKGROUND),
                json!(expected),
                "{path} for a reader who prefers {scheme}"
            );
            save_png(&format!("embed-{variant}-{scheme}.png"), &page.screenshot());
        }
    }
    Ok(())
}

/// Runs the tests above, each named by a substring filter on the command line when one is
/// given, and prints each outcome and a closing `N passed, N failed, N skipped` line.
fn main() -> std::process::ExitCode {
    let tests: [Test; 10] = [
        (
            "the_browser_reloads_by_itself_after_a_save_and_shows_errors",
            the_browser_reloads_by_itself_after_a_save_and_shows_errors,
        ),
        (
            "the_index_and_embed_notice_a_stale_build_and_reload_for_a_newer_one",
            the_index_and_embed_notice_a_stale_build_and_reload_for_a_newer_one,
        ),
        (
            "the_pinned_embeds_keep_their_colours_in_either_scheme",
            the_pinned_embeds_keep_their_colours_in_either_scheme,
        ),
        (
            "the_times_switch_to_utc_and_back_with_a_button",
            browser_times::the_times_switch_to_utc_and_back_with_a_button,
        ),
        (
            "every_page_fits_phone_and_desktop_widths_in_light_and_dark",
            browser_layout::every_page_fits_phone_and_desktop_widths_in_light_and_dark,
        ),
        (
            "the_index_bars_load_fit_and_lead_to_the_day_by_day_bar_and_the_history",
            browser_bars::the_index_bars_load_fit_and_lead_to_the_day_by_day_bar_and_the_history,
        ),
        (
            "every_page_passes_an_axe_core_audit_in_light_and_dark",
            browser_audit::every_page_passes_an_axe_core_audit_in_light_and_dark,
        ),
        (
            "the_arabic_index_reads_right_to_left_as_the_mirror_of_english",
            browser_rtl::the_arabic_index_reads_right_to_left_as_the_mirror_of_english,
        ),
        (
            "the_arabic_index_and_an_incident_pass_an_axe_core_audit",
            browser_rtl::the_arabic_index_and_an_incident_pass_an_axe_core_audit,
        ),
        (
            "the_language_switcher_fits_a_phone_is_keyboard_usable_and_passes_axe",
            browser_languages::the_language_switcher_fits_a_phone_is_keyboard_usable_and_passes_axe,
        ),
    ];
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, test) in tests {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match std::panic::catch_unwind(test) {
            Ok(Ok(())) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Ok(Err(reason)) => {
                skipped += 1;
                println!("test {name} ... skipped: {reason}");
            }
            Err(_) => {
                failed += 1;
                println!("test {name} ... FAILED");
            }
        }
    }
    println!("browser: {passed} passed, {failed} failed, {skipped} skipped");
    if failed == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
