use super::*;
use crate::fixture::{OPEN_WEB, derived};

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

#[test]
fn white_text_is_readable_on_every_badge_colour() {
    for &s in ComponentStatus::ALL {
        let ratio = 1.05 / (luminance(color(s)) + 0.05);
        assert!(ratio >= 4.5, "{s}: {ratio:.2}");
    }
    assert!(1.05 / (luminance(LABEL_COLOR) + 0.05) >= 4.5);
}

#[test]
fn badges_name_the_status_in_words() {
    let (site, state) = derived(&[("web", OPEN_WEB)], &[], "2026-11-20T12:00:00Z");
    let mut out = Output::new();
    render(&site, &state, crate::i18n::english_table(), &mut out);
    let page = out.text("badge.svg").unwrap();
    assert!(page.contains("<title>status: partial outage</title>"));
    assert!(page.contains("aria-label=\"status: partial outage\""));
    assert!(page.contains("fill=\"#bc4c00\""));
    let web = out.text("components/web/badge.svg").unwrap();
    assert!(web.contains("<title>Web: partial outage</title>"));
    let api = out.text("components/api/badge.svg").unwrap();
    assert!(api.contains("<title>API: operational</title>") && api.contains("#1a7f37"));
    let shield: serde_json::Value =
        serde_json::from_str(out.text("components/web/shields.json").unwrap()).unwrap();
    assert_eq!(
        shield,
        serde_json::json!({"schemaVersion": 1, "label": "Web", "message": "partial outage",
            "color": "bc4c00", "labelColor": "555555"})
    );
}

#[test]
fn labels_are_escaped_and_widths_grow_with_text() {
    let s = svg(
        "R&D <x>",
        "operational",
        color(ComponentStatus::Operational),
        crate::i18n::english_table(),
    );
    assert!(s.contains("<title>R&amp;D &lt;x&gt;: operational</title>"));
    let fr = svg(
        "API",
        "opérationnel",
        "2da44e",
        crate::i18n::table("fr", None),
    );
    assert!(
        fr.contains("<title>API\u{a0}: opérationnel</title>"),
        "{fr}"
    );
    assert!(text_width("major outage") > text_width("ok"));
}

/// Chinese, Japanese and Korean characters take a full em at 11px; with the width of a Latin
/// capital their text would be squeezed to fit.
#[test]
fn wide_characters_get_a_full_em() {
    assert_eq!(text_width("稼働中"), 33);
    assert_eq!(text_width("정상"), 22);
    assert_eq!(text_width("正常运行"), 44);
    assert_eq!(text_width("（）"), 22);
    assert_eq!(text_width("API"), 20);
    let s = svg(
        "状态",
        "正常运行",
        color(ComponentStatus::Operational),
        crate::i18n::table("zh-CN", None),
    );
    assert!(s.contains("width=\"90\""), "{s}");
    assert!(s.contains("textLength=\"22\">状态</text>"), "{s}");
}

#[test]
fn uptime_badges_give_the_30_day_figure_coloured_by_its_value() {
    // `web` has been in a partial outage since 2026-11-20 10:00 (30% weight): 74 hours by
    // 2026-11-23 12:00 count 22.2 hours of downtime in 30 days, 96.91% up.
    let (site, state) = derived(&[("web", OPEN_WEB)], &[], "2026-11-23T12:00:00Z");
    let mut out = Output::new();
    render(&site, &state, crate::i18n::english_table(), &mut out);
    let web = out.text("components/web/uptime.svg").unwrap();
    assert!(
        web.contains(">uptime</text>") && web.contains(">96.91%</text>"),
        "{web}"
    );
    assert!(web.contains("<title>Web: 96.91% uptime over the last 30 days</title>"));
    assert!(
        web.contains("fill=\"#bc4c00\""),
        "below 99% and from 95%: {web}"
    );
    let api = out.text("components/api/uptime.svg").unwrap();
    assert!(api.contains(">100%</text>") && api.contains("fill=\"#1a7f37\""));
    let shield: serde_json::Value =
        serde_json::from_str(out.text("components/web/uptime.json").unwrap()).unwrap();
    assert_eq!(
        shield,
        serde_json::json!({"schemaVersion": 1, "label": "Web uptime", "message": "96.91%",
            "color": "bc4c00", "labelColor": "555555"})
    );
}

#[test]
fn an_uptime_badge_without_data_says_so_in_grey() {
    // `mail` exists from 2026-08-01 only; before that day nothing is known.
    let (site, state) = derived(&[], &[], "2026-07-20T12:00:00Z");
    let mut out = Output::new();
    render(&site, &state, crate::i18n::english_table(), &mut out);
    let mail = out.text("components/mail/uptime.svg").unwrap();
    assert!(mail.contains(">No data</text>"), "{mail}");
    assert!(mail.contains("<title>Mail: no uptime data for the last 30 days</title>"));
    assert!(mail.contains("fill=\"#555555\""));
}

#[test]
fn uptime_colours_follow_the_thresholds() {
    assert_eq!(uptime_color(Some(10_000)), "1a7f37");
    assert_eq!(uptime_color(Some(9_990)), "1a7f37");
    assert_eq!(uptime_color(Some(9_989)), "9a6700");
    assert_eq!(uptime_color(Some(9_900)), "9a6700");
    assert_eq!(uptime_color(Some(9_899)), "bc4c00");
    assert_eq!(uptime_color(Some(9_500)), "bc4c00");
    assert_eq!(uptime_color(Some(9_499)), "cf222e");
    assert_eq!(uptime_color(None), "555555");
}
