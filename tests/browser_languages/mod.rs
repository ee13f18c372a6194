//! The example site in two languages, in the browser: the language switcher fits a phone's
//! header, is reached with the keyboard and leads to the same page in the other language, and
//! the pages of both, one with a post left in English among German text, pass axe-core's
//! audit. Screenshots: `languages-PAGE-WIDTH.png`.

use crate::browser_audit::run_axe;
use crate::browser_layout::WIDTHS;
use crate::browser_pages::{BuiltExample, layout_problems, open};
use crate::browser_support::{Cdp, Chromium, find_axe, find_chromium, save_png};
use crate::common::NOW;
use crate::static_support::StaticServer;
use crate::{Ran, skip};
use serde_json::json;
use std::fs;

/// The incident the German site has a translation of (in part).
const TRANSLATED: &str = "incidents/2026-11-20-api-error-rates";
/// An incident nobody translated.
const UNTRANSLATED: &str = "incidents/2026-11-23-builds-queued";

/// The German pages looked at, and the English index with its switcher.
const PAGES: [&str; 8] = [
    "/",
    "/de/",
    "/de/incidents/2026-11-20-api-error-rates/",
    "/de/incidents/2026-11-23-builds-queued/",
    "/de/history/",
    "/de/components/api/",
    "/de/subscribe/",
    "/de/stats/",
];

/// Presses `key` (`Tab`, `Enter`) as a keyboard does.
fn press(page: &mut Cdp, key: &str, code: u32) {
    let text = if key == "Enter" { "\r" } else { "" };
    for kind in ["keyDown", "keyUp"] {
        page.call(
            "Input.dispatchKeyEvent",
            json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text }),
        );
    }
}

pub fn the_language_switcher_fits_a_phone_is_keyboard_usable_and_passes_axe() -> Ran {
    let (Some(chromium), Some(axe)) = (find_chromium(), find_axe()) else {
        return skip(
            "chromium or axe-core not found (.ci/run installs both; or set CHROMIUM and AXE_CORE_JS)",
        );
    };
    let built = BuiltExample::new();
    let config = fs::read_to_string(built.site.path().join("statuspress.toml")).unwrap();
    built.site.write(
        "statuspress.toml",
        &config.replace("language = \"en\"", "languages = [\"en\", \"de\"]"),
    );
    built.site.write(
        &format!("{TRANSLATED}.de.md"),
        "+++\ntitle = \"Erhöhte Fehlerraten der API\"\n+++\n\n## Resolved — 2026-11-20 15:30 UTC\nDie Fehlerraten sind seit 25 Minuten wieder normal.\n",
    );
    built.build(NOW);
    let server = StaticServer::start(&built.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));

    // At every width the switcher sits inside the header and inside the screen.
    let mut problems = Vec::new();
    for width in WIDTHS {
        page.viewport(width);
        for path in PAGES {
            let url = format!("http://{}{path}", server.addr);
            open(&mut page, &url);
            let found = page.eval(&layout_problems(width));
            let found = found.as_array().unwrap_or_else(|| panic!("{url}: {found}"));
            problems.extend(found.iter().map(|f| format!("{path} at {width}px: {f}")));
            let inside = page.eval(&format!(
                "(function () {{ var n = document.querySelector('header.site nav.langs'); if (!n) return 'no switcher'; var r = n.getBoundingClientRect(); return r.left >= 0 && r.right <= {width} && r.height > 0 && r.height < 80 ? true : 'at ' + r.left + '..' + r.right + ', ' + r.height + 'px high'; }})()"
            ));
            if inside != json!(true) {
                problems.push(format!("{path} at {width}px: the switcher is {inside}"));
            }
            if width == 320 && [PAGES[1], PAGES[2]].contains(&path) {
                let name = if path == PAGES[1] {
                    "index"
                } else {
                    "incident"
                };
                save_png(
                    &format!("languages-de-{name}-{width}.png"),
                    &page.screenshot(),
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layout problems:\n{}",
        problems.join("\n")
    );

    // The keyboard reaches the switcher's link from the top of the page, and Enter follows it
    // to the same page in English.
    page.viewport(390);
    let german = format!("http://{}/de/{TRANSLATED}/", server.addr);
    open(&mut page, &german);
    let mut tabs = 0;
    while page.eval("document.activeElement && document.activeElement.matches('nav.langs a')")
        != json!(true)
    {
        tabs += 1;
        assert!(
            tabs <= 12,
            "the switcher is not reached in {tabs} presses of Tab"
        );
        press(&mut page, "Tab", 9);
    }
    let focus = page.eval("getComputedStyle(document.activeElement).outlineStyle");
    assert_eq!(focus, json!("solid"), "the focused link shows its focus");
    press(&mut page, "Enter", 13);
    let english = format!("http://{}/{TRANSLATED}/", server.addr);
    page.wait_for(
        &format!(
            "location.href === {} && document.readyState === 'complete' && document.documentElement.lang === 'en'",
            json!(english)
        ),
        std::time::Duration::from_secs(10),
        "Enter on the switcher opens the English page",
    );

    // axe-core: both languages, the partly translated post and the untranslated one, in light
    // and dark, and the 404 page with its switcher.
    let axe_js = fs::read_to_string(&axe).unwrap();
    let mut violations = Vec::new();
    let mut audited = 0;
    for path in PAGES.iter().copied().chain(["/de/does-not-exist"]) {
        let url = format!("http://{}{path}", server.addr);
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            open(&mut page, &url);
            run_axe(&mut page, &axe_js, &url, scheme, &mut violations);
        }
        audited += 1;
    }
    let untranslated = format!("http://{}/de/{UNTRANSLATED}/", server.addr);
    open(&mut page, &untranslated);
    assert_eq!(
        page.eval("document.querySelector('main h1').lang"),
        json!("en"),
        "an untranslated title is marked English"
    );
    assert!(
        violations.is_empty(),
        "accessibility violations:\n{}",
        violations.join("\n")
    );
    eprintln!(
        "languages: {} pages at {WIDTHS:?} px, {audited} audited, 0 violations",
        PAGES.len()
    );
    Ok(())
}
