//! The example site in Arabic, as a reader sees it: the page reads right to left and its layout
//! is the mirror of the English one (the banner and headings at the right, the oldest day of an
//! uptime bar at the right and today at the left, its image mirrored on the index and its
//! caption's words, which the stylesheet draws, in Arabic and mirrored too, a component's
//! status at the left of its name, a chart's time running right to left), nothing is wider than
//! a phone, numbers keep
//! their order, and axe-core finds nothing on the index and an incident page. Screenshots are
//! named `ar-PAGE-WIDTH.png` (`ar-incident-1280-dark.png` after its audit in dark mode).

use crate::browser_audit::audit;
use crate::browser_pages::{BuiltExample, layout_problems, open, tooltips_off_screen};
use crate::browser_support::{Cdp, Chromium, find_axe, find_chromium, save_png};
use crate::common::NOW;
use crate::static_support::StaticServer;
use crate::{Ran, skip};
use serde_json::{Value, json};
use std::fs;

/// Rebuilds `built` with `language = "ar"`.
fn in_arabic(built: &BuiltExample) {
    let config = built.site.path().join("statuspress.toml");
    let text = fs::read_to_string(&config).unwrap();
    assert!(text.contains("language = \"en\""), "{text}");
    fs::write(
        &config,
        text.replace("language = \"en\"", "language = \"ar\""),
    )
    .unwrap();
    built.build(NOW);
}

/// JavaScript: where the parts that show the page's direction are, as rectangles
/// `[left, right, top, bottom]` (a text's own extent where the box is wider than its text), and
/// what the first bar's caption draws before and after its uptime. The caption gets the id
/// `geometry-caption`, for [`caption_ends`].
const GEOMETRY: &str = r#"(function () {
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }
  function text(el) {
    var range = document.createRange(); range.selectNodeContents(el);
    var rs = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; });
    return [Math.min.apply(null, rs.map(function (r) { return r.left; })), Math.max.apply(null, rs.map(function (r) { return r.right; })), rs[0].top, rs[rs.length - 1].bottom];
  }
  function shown(el) { return el.getClientRects().length > 0; }
  var banner = document.querySelector('section.banner');
  var heading = document.getElementById('components-h');
  var row = Array.from(document.querySelectorAll('ul.components > li')).find(function (li) { return li.querySelector(':scope > .name') && li.querySelector(':scope > .status'); });
  var bar = row.querySelector('.ub img');
  var caption = row.querySelector('.ubl');
  caption.id = 'geometry-caption';
  var figure = Array.from(caption.querySelectorAll(':scope > span span, :scope > span')).filter(function (s) { return shown(s) && /%/.test(s.textContent); }).pop();
  var percent = null;
  if (figure) {
    var node = Array.from(figure.childNodes).find(function (n) { return n.nodeType === 3 && /%/.test(n.textContent); });
    var at = node.textContent.indexOf('%'), digit = node.textContent.search(/[0-9]/);
    function charBox(i) { var r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); var b = r.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom]; }
    percent = { text: node.textContent, sign: charBox(at), digit: charBox(digit) };
  }
  return {
    dir: document.documentElement.getAttribute('dir'),
    direction: getComputedStyle(document.body).direction,
    main: box(document.querySelector('main')),
    banner: box(banner), bannerText: text(banner.querySelector('p')), bannerIcon: box(banner.querySelector('.icon')),
    heading: box(heading), headingText: text(heading),
    name: box(row.querySelector(':scope > .name')), status: box(row.querySelector(':scope > .status')),
    bar: box(bar), frame: box(bar.parentElement), transform: getComputedStyle(bar).transform,
    caption: box(caption), uptime: box(caption.querySelector(':scope > span')),
    labels: [getComputedStyle(caption, '::before').content, getComputedStyle(caption, '::after').content],
    percent: percent
  };
})()"#;

/// JavaScript: shown elements that reach past either edge of a viewport `width` pixels wide,
/// outside boxes that scroll or clip (the skip link waits beyond the start edge until focused).
fn off_either_edge(width: u32) -> String {
    format!(
        r#"(function () {{
  var W = {width}, bad = [];
  function clips(el) {{ var s = getComputedStyle(el); return s.overflowX !== 'visible' || s.overflowY !== 'visible'; }}
  document.querySelectorAll('body *').forEach(function (el) {{
    if (el.closest('.skip')) return;
    for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) if (clips(a)) return;
    var r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return;
    if (r.left < -0.5 || r.right > W + 0.5) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
  }});
  return bad;
}})()"#
    )
}

fn rect(v: &Value, key: &str) -> [f64; 4] {
    let r = &v[key];
    let n = |i: usize| {
        r[i].as_f64()
            .unwrap_or_else(|| panic!("no rectangle {key}: {v}"))
    };
    [n(0), n(1), n(2), n(3)]
}

/// The words a caption draws at its start ("90 days ago", "30 days ago" on a phone) and end
/// ("Today") in one language.
struct CaptionWords {
    wide: &'static str,
    narrow: &'static str,
    today: &'static str,
}

const ENGLISH: CaptionWords = CaptionWords {
    wide: "90 days ago",
    narrow: "30 days ago",
    today: "Today",
};

const ARABIC: CaptionWords = CaptionWords {
    wide: "قبل 90 يومًا",
    narrow: "قبل 30 يومًا",
    today: "اليوم",
};

/// Checks the caption of the bar [`GEOMETRY`] measured (`g`, at `width`): the stylesheet draws
/// the language's start before the uptime and "Today" after it, the start at the left in
/// English and at the right in Arabic, the uptime between them at equal distances.
fn caption_ends(page: &mut Cdp, g: &Value, width: u32, words: &CaptionWords) {
    let at = format!("at {width}px: {g}");
    let start = if width <= 480 {
        words.narrow
    } else {
        words.wide
    };
    assert_eq!(
        g["labels"],
        json!([format!("\"{start}\""), format!("\"{}\"", words.today)]),
        "the caption's words {at}"
    );
    let [Some(before), Some(after)] = page.pseudo_boxes("#geometry-caption") else {
        panic!("the caption draws its start and end {at}");
    };
    let (caption, uptime) = (rect(g, "caption"), rect(g, "uptime"));
    for (name, b) in [("start", before), ("end", after), ("uptime", uptime)] {
        assert!(
            b[0] >= caption[0] - 0.5 && b[1] <= caption[1] + 0.5 && side_by_side(b, caption),
            "the {name} {b:?} is inside the caption {at}"
        );
    }
    let (left, right) = if g["direction"] == json!("rtl") {
        (after, before)
    } else {
        (before, after)
    };
    assert!(
        left[1] <= uptime[0] + 0.5 && uptime[1] <= right[0] + 0.5,
        "the uptime {uptime:?} is between {left:?} and {right:?} {at}"
    );
    assert!(
        ((uptime[0] - left[1]) - (right[0] - uptime[1])).abs() < 1.0,
        "the uptime {uptime:?} is as far from {left:?} as from {right:?} {at}"
    );
    assert!(
        (left[0] - caption[0]).abs() < 1.0 && (right[1] - caption[1]).abs() < 1.0,
        "the caption's words {left:?} and {right:?} reach its edges {caption:?} {at}"
    );
}

/// Whether two rectangles share some height: they stand on one line.
fn side_by_side(a: [f64; 4], b: [f64; 4]) -> bool {
    a[2] < b[3] && b[2] < a[3]
}

/// Checks the Arabic index at `width`: right to left, and laid out as the mirror of English.
fn assert_mirrored(page: &mut Cdp, width: u32) {
    let g = page.eval(GEOMETRY);
    let at = format!("at {width}px: {g}");
    assert_eq!(g["dir"], json!("rtl"), "{at}");
    assert_eq!(g["direction"], json!("rtl"), "{at}");
    // The banner's words stand at its right, its icon right of them.
    let (banner, words, icon) = (
        rect(&g, "banner"),
        rect(&g, "bannerText"),
        rect(&g, "bannerIcon"),
    );
    assert!(
        banner[1] - words[1] < words[0] - banner[0],
        "the banner's text is at its right {at}"
    );
    assert!(
        icon[0] >= words[1] - 0.5,
        "the icon is right of the text {at}"
    );
    // A heading ends at the right edge of its box.
    let (heading, text) = (rect(&g, "heading"), rect(&g, "headingText"));
    assert!(
        (heading[1] - text[1]).abs() < 1.0 && text[0] > heading[0] + 20.0,
        "the heading aligns right {at}"
    );
    // The component's status: left of its name where both stand on one line, or below it.
    let (name, status) = (rect(&g, "name"), rect(&g, "status"));
    if side_by_side(name, status) {
        assert!(
            status[1] <= name[0] + 0.5,
            "the status is left of the name {at}"
        );
    } else {
        assert!(
            status[2] >= name[3] - 0.5,
            "the status is below the name {at}"
        );
    }
    // The bar's image, drawn oldest day first, is mirrored: the oldest day at the right. On a
    // phone it is wider than its box, which shows its start: once mirrored, the last days.
    assert_eq!(
        g["transform"],
        json!("matrix(-1, 0, 0, 1, 0, 0)"),
        "the bar is mirrored {at}"
    );
    let (bar, frame) = (rect(&g, "bar"), rect(&g, "frame"));
    assert!(
        (bar[0] - frame[0]).abs() < 1.0 && bar[1] >= frame[1] - 1.0,
        "the bar's box shows the start of the image {at}"
    );
    // The caption's start ("قبل 90 يومًا") at the right, "Today" at the left.
    caption_ends(page, &g, width, &ARABIC);
    // "99.93%": the sign stays right of the digits, as in a left-to-right number.
    let percent = &g["percent"];
    assert!(percent.is_object(), "a figure in per cent {at}");
    assert!(
        rect(percent, "sign")[0] > rect(percent, "digit")[1],
        "{} reads as a number {at}",
        percent["text"]
    );
}

pub fn the_arabic_index_reads_right_to_left_as_the_mirror_of_english() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    // Built in English first, then in Arabic into the same folder.
    let built = BuiltExample::new();
    let server = StaticServer::start(&built.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let index = format!("http://{}/", server.addr);

    // English first: the layout the Arabic one mirrors, the caption's start at the left.
    page.viewport(390);
    open(&mut page, &index);
    let narrow = page.eval(GEOMETRY);
    caption_ends(&mut page, &narrow, 390, &ENGLISH);
    page.viewport(1280);
    open(&mut page, &index);
    let en = page.eval(GEOMETRY);
    caption_ends(&mut page, &en, 1280, &ENGLISH);
    assert_eq!(en["direction"], json!("ltr"), "{en}");
    assert!(
        en["dir"].is_null(),
        "an English page names no direction: {en}"
    );
    assert!(
        rect(&en, "status")[0] >= rect(&en, "name")[1],
        "in English the status is right of the name: {en}"
    );
    assert_eq!(en["transform"], json!("none"), "{en}");

    in_arabic(&built);
    let mut problems = Vec::new();
    for width in [1280, 390, 320] {
        page.viewport(width);
        open(&mut page, &index);
        assert_eq!(
            page.eval("document.documentElement.lang"),
            json!("ar"),
            "the Arabic build is served"
        );
        assert_mirrored(&mut page, width);
        for check in [
            layout_problems(width),
            off_either_edge(width),
            tooltips_off_screen(width),
        ] {
            let found = page.eval(&check);
            let found = found
                .as_array()
                .unwrap_or_else(|| panic!("layout check at {width}px: {found}"));
            problems.extend(
                found
                    .iter()
                    .map(|f| format!("/ at {width}px: {}", f.as_str().unwrap_or_default())),
            );
        }
        save_png(&format!("ar-index-{width}.png"), &page.screenshot());
    }

    // A component page's bar, day by day, and a probe's chart: the oldest day at the right, the
    // 24-hour panel at the left, the days running right to left.
    page.viewport(1280);
    open(
        &mut page,
        &format!("http://{}/components/api/", server.addr),
    );
    let days = page.eval(
        "(function () { var days = Array.from(document.querySelectorAll('.ubd > i')); function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; } return { count: days.length, oldest: box(days[0]), newest: box(days[days.length - 1]) }; })()",
    );
    assert_eq!(days["count"], json!(90), "{days}");
    assert!(
        rect(&days, "oldest")[0] > rect(&days, "newest")[1],
        "the oldest day is right of today: {days}"
    );
    let chart = page.eval(
        r#"(function () {
  var svg = document.querySelector('figure.chart svg');
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }
  var headings = svg.querySelectorAll('text.hd');
  var days = svg.querySelectorAll('g.panel')[0];
  var marks = days.querySelectorAll('text[text-anchor=middle]');
  var ms = days.querySelector('text[text-anchor=end]');
  var grid = days.querySelector('line.grid');
  return { days: box(headings[0]), hours: box(headings[1]), first: box(marks[0]), last: box(marks[marks.length - 1]), ms: box(ms), grid: box(grid) };
})()"#,
    );
    assert!(
        rect(&chart, "days")[0] > rect(&chart, "hours")[1],
        "the 30 days are right of the last 24 hours: {chart}"
    );
    assert!(
        rect(&chart, "first")[0] > rect(&chart, "last")[1],
        "the oldest day's label is right of today's: {chart}"
    );
    assert!(
        rect(&chart, "ms")[0] >= rect(&chart, "grid")[1] - 0.5,
        "the ms axis is right of the plot: {chart}"
    );
    save_png("ar-components-api-1280.png", &page.screenshot());
    assert!(
        problems.is_empty(),
        "layout problems:\n{}",
        problems.join("\n")
    );
    Ok(())
}

pub fn the_arabic_index_and_an_incident_pass_an_axe_core_audit() -> Ran {
    let (Some(chromium), Some(axe)) = (find_chromium(), find_axe()) else {
        return skip(
            "chromium or axe-core not found (.ci/run installs both; or set CHROMIUM and AXE_CORE_JS)",
        );
    };
    let axe_js = fs::read_to_string(&axe).unwrap();
    let built = BuiltExample::new();
    in_arabic(&built);
    let server = StaticServer::start(&built.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    page.viewport(1280);
    let mut problems = Vec::new();
    for path in ["/", "/incidents/2026-11-23-builds-queued/"] {
        let url = format!("http://{}{path}", server.addr);
        audit(&mut page, &axe_js, &url, &mut problems);
        assert_eq!(page.eval("document.documentElement.dir"), json!("rtl"));
        if path != "/" {
            save_png("ar-incident-1280-dark.png", &page.screenshot());
        }
    }
    assert!(
        problems.is_empty(),
        "accessibility violations:\n{}",
        problems.join("\n")
    );
    eprintln!("axe: the Arabic index and an incident in light and dark, 0 violations");
    Ok(())
}
