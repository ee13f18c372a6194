//! The uptime bars of the example site as a reader sees them: on the index each bar is an image
//! that loads, fills the width of its row (its last 30 days across a phone's), draws its days in
//! the colours of the reader's scheme and links to the component page's bar; there a day's
//! tooltip links to that day in the history, which opens at the day's heading. Screenshots are
//! named `bars-PAGE-WIDTH-SCHEME.png`.

use crate::browser_pages::{BuiltExample, open};
use crate::browser_support::{Cdp, Chromium, find_chromium, save_png};
use crate::static_support::StaticServer;
use crate::{Ran, skip};
use serde_json::{Value, json};
use std::time::Duration;

/// The natural width of a 90-day bar's image and the share of it its last 30 days take:
/// 1078 units, of which the last 358 (30 days of 10 and the 29 gaps of 2 between them).
const NATURAL_WIDTH: f64 = 1078.0;
const LAST_30: f64 = 358.0;

/// JavaScript: true once every bar image shown on the page has loaded (lazy ones are asked for
/// at once).
const IMAGES_LOADED: &str = "(function () { var shown = Array.from(document.querySelectorAll('.ub img')).filter(function (i) { return i.getClientRects().length; }); shown.forEach(function (i) { i.loading = 'eager'; }); return shown.length > 0 && shown.every(function (i) { return i.complete; }); })()";

/// JavaScript: each bar image shown, with its natural width, its box and its row's box, where it
/// links, and the colour of its first and last day as the page draws them (the image drawn on
/// a canvas of its natural size, as the reader's scheme has it).
const BARS: &str = r#"(function () {
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }
  return Array.from(document.querySelectorAll('.ub img')).filter(function (i) { return i.getClientRects().length; }).map(function (img) {
    var c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
    var g = c.getContext('2d'); g.drawImage(img, 0, 0);
    function at(x) { var p = g.getImageData(x, 14, 1, 1).data; return [p[0], p[1], p[2], p[3]]; }
    var link = img.closest('a');
    return { alt: img.alt, natural: img.naturalWidth, img: box(img), row: box(img.parentElement),
      href: link ? link.getAttribute('href') : null, first: at(5), last: at(img.naturalWidth - 5),
      mirrored: getComputedStyle(img).transform };
  });
})()"#;

fn number(v: &Value, i: usize) -> f64 {
    v[i].as_f64()
        .unwrap_or_else(|| panic!("no number {i} in {v}"))
}

/// The bars of the index open in `page`, once their images have loaded.
fn bars(page: &mut Cdp, what: &str) -> Vec<Value> {
    page.wait_for(IMAGES_LOADED, Duration::from_secs(30), what);
    let found = page.eval(BARS);
    found
        .as_array()
        .unwrap_or_else(|| panic!("{what}: {found}"))
        .clone()
}

/// Checks the bars of the index at `width`: loaded, as wide as their row (three times as wide,
/// ending at its end, on a phone), linked to their component page's bar.
fn check_bars(page: &mut Cdp, width: u32, problems: &mut Vec<String>) {
    let what = format!("the bar images load at {width}px");
    let found = bars(page, &what);
    assert!(found.len() >= 10, "{what}: {found:?}");
    let narrow = width <= 480;
    for bar in &found {
        let (img, row) = (&bar["img"], &bar["row"]);
        let name = bar["alt"].as_str().unwrap_or_default();
        if bar["natural"].as_f64() != Some(NATURAL_WIDTH) {
            problems.push(format!(
                "{width}px {name}: natural width {}",
                bar["natural"]
            ));
        }
        let (w, rw) = (
            number(img, 1) - number(img, 0),
            number(row, 1) - number(row, 0),
        );
        let expected = if narrow {
            rw * NATURAL_WIDTH / LAST_30
        } else {
            rw
        };
        if (w - expected).abs() > 1.0 || (number(img, 1) - number(row, 1)).abs() > 1.0 {
            problems.push(format!(
                "{width}px {name}: the image spans {w:.1}px ending at {:.1}, its row {rw:.1}px ending at {:.1}",
                number(img, 1),
                number(row, 1)
            ));
        }
        if !name.contains("% uptime over the last 90 days") && !name.contains("no data") {
            problems.push(format!("{width}px: the image says {name:?}"));
        }
        // Groups have no page; every component's bar links to the bar of its page.
        if let Some(href) = bar["href"].as_str()
            && !(href.starts_with("components/") && href.ends_with("/#uptime-h"))
        {
            problems.push(format!("{width}px {name}: links to {href}"));
        }
    }
}

pub fn the_index_bars_load_fit_and_lead_to_the_day_by_day_bar_and_the_history() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let built = BuiltExample::new();
    let server = StaticServer::start(&built.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let index = format!("http://{}/", server.addr);
    let mut problems = Vec::new();
    let mut colours = Vec::new();
    for width in [1280, 390, 320] {
        page.viewport(width);
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            open(&mut page, &index);
            check_bars(&mut page, width, &mut problems);
            let first = bars(&mut page, "the bars load")[0].clone();
            colours.push((scheme, first["first"].clone()));
            save_png(
                &format!("bars-index-{width}-{scheme}.png"),
                &page.screenshot(),
            );
        }
    }
    // A quiet day is the green of the scheme: #1a7f37 in light, #3fb950 in dark.
    for (scheme, rgba) in &colours {
        let expected = if *scheme == "light" {
            json!([26, 127, 55, 255])
        } else {
            json!([63, 185, 80, 255])
        };
        if *rgba != expected {
            problems.push(format!("{scheme}: the first day is {rgba}, not {expected}"));
        }
    }

    // Following a bar leads to the component page's bar; a day's tooltip there leads to the day
    // in the history.
    page.viewport(1280);
    page.color_scheme("light");
    open(&mut page, &index);
    page.wait_for(
        IMAGES_LOADED,
        Duration::from_secs(30),
        "the bar images load",
    );
    page.click(".ub a[href='components/api/#uptime-h']");
    page.wait_for(
        "document.readyState === 'complete' && location.pathname === '/components/api/' && location.hash === '#uptime-h'",
        Duration::from_secs(30),
        "the bar leads to the component page's bar",
    );
    let link = page.eval(
        "(function () { var day = Array.from(document.querySelectorAll('.ubd>i[tabindex]')).filter(function (d) { return d.querySelector('.tt a'); }).pop(); day.scrollIntoView({ block: 'center' }); day.focus(); var a = day.querySelector('.tt a'); a.id = 'day-link'; return [day.getAttribute('aria-label'), a.getAttribute('href'), getComputedStyle(day.querySelector('.tt')).overflow]; })()",
    );
    assert_eq!(
        link[2],
        json!("visible"),
        "the focused day's tooltip is open: {link}"
    );
    save_png(
        "bars-components-api-1280-light-tooltip.png",
        &page.screenshot(),
    );
    page.click("#day-link");
    let href = link[1].as_str().unwrap_or_default();
    let (month, day) = href
        .trim_start_matches("../../")
        .split_once('#')
        .unwrap_or_else(|| panic!("a day links to a month's day: {link}"));
    page.wait_for(
        &format!(
            "document.readyState === 'complete' && location.pathname === {} && location.hash === {} && !!document.getElementById({})",
            json!(format!("/{month}")),
            json!(format!("#{day}")),
            json!(day)
        ),
        Duration::from_secs(30),
        "the day's link leads to its heading in the history",
    );
    let heading = page.eval(&format!(
        "(function () {{ var h = document.getElementById({}); var r = h.getBoundingClientRect(); return [h.tagName, h.textContent, r.top]; }})()",
        json!(day)
    ));
    assert_eq!(heading[0], json!("H3"), "{heading}");
    let date = heading[1].as_str().unwrap_or_default();
    assert!(
        link[0]
            .as_str()
            .is_some_and(|label| label.starts_with(&format!("{date}:"))),
        "the bar's day and the history's day are the same: {link} and {heading}"
    );
    let top = number(&heading, 2);
    assert!(
        (-1.0..900.0).contains(&top),
        "the day's heading is in the window: {heading}"
    );
    save_png("bars-history-day-1280-light.png", &page.screenshot());
    assert!(
        problems.is_empty(),
        "bar problems:\n{}",
        problems.join("\n")
    );
    Ok(())
}
