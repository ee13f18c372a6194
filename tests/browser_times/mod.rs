//! The button that shows a page's times in UTC: a real button, pressed and unpressed with the
//! mouse, remembered from one page to the next, writing every time in the pages' one format.

use crate::browser_pages::{BuiltExample, open};
use crate::browser_support::{Cdp, Chromium, find_chromium, save_png};
use crate::static_support::StaticServer;
use crate::{Ran, skip};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `20 Nov 2026, 14:02` (or `14:02` without the date) of `t` in `tz`, then the zone.
fn written(t: DateTime<Utc>, tz: Tz, dated: bool) -> String {
    use chrono::{Datelike, Timelike};
    let l = t.with_timezone(&tz);
    let clock = format!("{:02}:{:02} {}", l.hour(), l.minute(), l.offset());
    if dated {
        format!(
            "{} {} {}, {clock}",
            l.day(),
            MONTHS[l.month0() as usize],
            l.year()
        )
    } else {
        clock
    }
}

/// The `datetime` and the text of every `<time>` of an instant on the page, and the build's.
fn times(page: &mut Cdp) -> (Vec<(DateTime<Utc>, String)>, DateTime<Utc>) {
    let v = page.eval(
        "Array.from(document.querySelectorAll(\"time[datetime$='Z']\")).map(t => [t.getAttribute('datetime'), t.textContent])",
    );
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let list = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                parse(p[0].as_str().unwrap()),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let built = parse(
        page.eval("document.documentElement.dataset.built")
            .as_str()
            .unwrap(),
    );
    (list, built)
}

/// True when the text of every time is one the pages write for it in Berlin time: with or
/// without the date, with or without the UTC offset; never AM or PM.
fn in_berlin_time(list: &[(DateTime<Utc>, String)]) -> Result<(), String> {
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    for (t, text) in list {
        let offset = if written(*t, berlin, false).ends_with("CEST") {
            " (UTC+2)"
        } else {
            " (UTC+1)"
        };
        let forms = [
            written(*t, berlin, true),
            written(*t, berlin, false),
            format!("{}{offset}", written(*t, berlin, true)),
            format!("{}{offset}", written(*t, berlin, false)),
        ];
        if !forms.contains(text) {
            return Err(format!("{t}: {text:?} is none of {forms:?}"));
        }
    }
    Ok(())
}

fn pressed(page: &mut Cdp) -> Value {
    page.eval("(function () { var b = document.querySelector('.stamp button.tz'); return b && [b.type, b.textContent, b.getAttribute('aria-pressed')]; })()")
}

pub fn the_times_switch_to_utc_and_back_with_a_button() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let built = BuiltExample::new();
    let server = StaticServer::start(&built.out());
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    page.viewport(390);
    let index = format!("http://{}/", server.addr);
    let incident = format!("http://{}/incidents/2026-11-23-builds-queued/", server.addr);
    open(&mut page, &index);
    assert_eq!(
        pressed(&mut page),
        json!(["button", "Show times in UTC", "false"])
    );
    let (zoned, built_at) = times(&mut page);
    assert!(zoned.len() >= 5, "{zoned:?}");
    in_berlin_time(&zoned).unwrap();
    let note = "document.getElementById('tz-note').textContent";
    assert_eq!(
        page.eval(note),
        json!("Times are in Europe/Berlin time: CET (UTC+1) or CEST (UTC+2).")
    );

    // Pressed: every time in UTC, dated when its text was or when it is another day in UTC.
    page.click(".stamp button.tz");
    assert_eq!(
        pressed(&mut page),
        json!(["button", "Show times in UTC", "true"])
    );
    let (utc, _) = times(&mut page);
    assert_eq!(utc.len(), zoned.len());
    for ((t, before), (_, after)) in zoned.iter().zip(&utc) {
        // "23 Nov 2026, 13:00 CET": only a text with a date has a comma.
        let dated = before.contains(", ") || t.date_naive() != built_at.date_naive();
        assert_eq!(after, &written(*t, Tz::UTC, dated), "{t} was {before:?}");
    }
    assert_eq!(utc[0].1, "23 Nov 2026, 12:00 UTC", "the stamp");
    assert!(
        utc.iter().any(|(_, s)| s == "13:00 UTC"),
        "the promise of the open incident, 14:00 CET: {utc:?}"
    );
    assert_eq!(page.eval(note), json!("Times are in UTC."));
    save_png("index-390-light-utc.png", &page.screenshot());

    // Remembered: the next page opens in UTC, and so does the index again.
    open(&mut page, &incident);
    assert_eq!(
        pressed(&mut page),
        json!(["button", "Show times in UTC", "true"])
    );
    let (on_incident, _) = times(&mut page);
    assert!(
        on_incident.iter().all(|(_, s)| s.ends_with(" UTC")),
        "{on_incident:?}"
    );
    assert!(
        on_incident
            .iter()
            .any(|(_, s)| s == "23 Nov 2026, 09:40 UTC"),
        "started: {on_incident:?}"
    );

    // Unpressed: back to the site's zone, exactly as built, and remembered too.
    page.click(".stamp button.tz");
    assert_eq!(
        pressed(&mut page),
        json!(["button", "Show times in UTC", "false"])
    );
    in_berlin_time(&times(&mut page).0).unwrap();
    open(&mut page, &index);
    assert_eq!(
        pressed(&mut page),
        json!(["button", "Show times in UTC", "false"])
    );
    assert_eq!(times(&mut page).0, zoned);
    Ok(())
}
