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
    render(&site, &state, &mut out);
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
    );
    assert!(s.contains("<title>R&amp;D &lt;x&gt;: operational</title>"));
    assert!(text_width("major outage") > text_width("ok"));
}
