//! Status badges: `badge.svg` for the page, `components/<id>/badge.svg` for each component, and
//! `components/<id>/shields.json` (plus `shields.json` for the page) in the shields.io endpoint
//! format; uptime badges of each component's 30-day figure, `components/<id>/uptime.svg` and
//! `components/<id>/uptime.json`.
//!
//! Badges name the status in words, carry an SVG `<title>` and `aria-label` for screen readers, and
//! use the theme's status colours, which keep white text above a 4.5:1 contrast ratio.

use crate::derive::State;
use crate::i18n::Table;
use crate::model::Site;
use crate::model::urls;
use crate::model::{ComponentStatus, Indicator};
use crate::output::Output;
use crate::render::escape;
use crate::render::views::badges as uptime_badge;
use crate::render::views::format::percent;
use serde::Serialize;

/// Background of the label half of a badge.
pub const LABEL_COLOR: &str = "555555";

/// The colour of a status, as RGB hex without `#` (the built-in theme's light palette).
pub fn color(status: ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Operational => "1a7f37",
        ComponentStatus::UnderMaintenance => "0550ae",
        ComponentStatus::DegradedPerformance => "9a6700",
        ComponentStatus::PartialOutage => "bc4c00",
        ComponentStatus::MajorOutage => "cf222e",
    }
}

/// The words a badge shows for a status, e.g. "partial outage".
pub fn words(status: ComponentStatus, t: &Table) -> String {
    t.of("status_text", status.as_str()).to_string()
}

/// The component status the page indicator stands for.
pub fn indicator_status(indicator: Indicator) -> ComponentStatus {
    match indicator {
        Indicator::None => ComponentStatus::Operational,
        Indicator::Maintenance => ComponentStatus::UnderMaintenance,
        Indicator::Minor => ComponentStatus::DegradedPerformance,
        Indicator::Major => ComponentStatus::PartialOutage,
        Indicator::Critical => ComponentStatus::MajorOutage,
    }
}

/// The colour of an uptime figure in hundredths of a percent, from the status palette: from
/// 99.9% up operational green, from 99% degraded, from 95% partial outage, below that major
/// outage; grey without data.
pub fn uptime_color(hundredths: Option<u32>) -> &'static str {
    match hundredths {
        None => LABEL_COLOR,
        Some(h) if h >= 9_990 => color(ComponentStatus::Operational),
        Some(h) if h >= 9_900 => color(ComponentStatus::DegradedPerformance),
        Some(h) if h >= 9_500 => color(ComponentStatus::PartialOutage),
        Some(_) => color(ComponentStatus::MajorOutage),
    }
}

/// The shields.io endpoint document.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Shield {
    /// Always 1.
    pub schema_version: u8,
    /// Left text.
    pub label: String,
    /// Right text.
    pub message: String,
    /// Right background, hex without `#`.
    pub color: &'static str,
    /// Left background.
    pub label_color: &'static str,
}

/// Renders every badge into `output`.
pub fn render(site: &Site, state: &State, t: &Table, output: &mut Output) {
    let page = indicator_status(state.indicator);
    let status_label = t.get("badge.status");
    output.insert(
        urls::BADGE,
        svg(status_label, &words(page, t), color(page), t),
    );
    output.insert(
        urls::SHIELDS,
        shield_json(status_label, &words(page, t), color(page)),
    );
    for (c, comp) in site.catalog.components.iter().enumerate() {
        let status = state.component_status[c];
        output.insert(
            urls::component_badge(&comp.id),
            svg(&comp.name, &words(status, t), color(status), t),
        );
        output.insert(
            urls::component_shields(&comp.id),
            shield_json(&comp.name, &words(status, t), color(status)),
        );
        let up = uptime_badge::uptime(&state.uptime.components[c]);
        let (figure, fill) = (percent(up, t), uptime_color(up));
        output.insert(
            urls::component_uptime_badge(&comp.id),
            svg_titled(
                t.get("badge.uptime"),
                &figure,
                fill,
                &format!(
                    "{}{} {}",
                    comp.name,
                    t.get("site.colon"),
                    uptime_badge::words(up, t)
                ),
            ),
        );
        output.insert(
            urls::component_uptime_shields(&comp.id),
            shield_json(
                &t.fill("component.badge_markdown_uptime", &[("name", &comp.name)]),
                &figure,
                fill,
            ),
        );
    }
}

fn shield_json(label: &str, message: &str, color: &'static str) -> Vec<u8> {
    let shield = Shield {
        schema_version: 1,
        label: label.to_string(),
        message: message.to_string(),
        color,
        label_color: LABEL_COLOR,
    };
    serde_json::to_vec(&shield).expect("a struct of strings serializes")
}

/// Approximate advance width of a character in 11px Verdana, in tenths of a pixel.
fn char_width(c: char) -> u32 {
    match c {
        // Marks of direction (around the Arabic percent sign) take no room.
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2066}'..='\u{2069}' => 0,
        ' ' => 39,
        'i' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 31,
        'f' | 'j' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 43,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 98,
        'A'..='Z' | '&' | '#' => 75,
        'a'..='z' | '0'..='9' | '_' | '?' => 66,
        // Chinese, Japanese and Korean characters (and full-width forms) are a full em wide.
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 110,
        _ => 75,
    }
}

/// Width of a text run in whole pixels.
pub fn text_width(text: &str) -> u32 {
    text.chars().map(char_width).sum::<u32>().div_ceil(10)
}

/// A flat two-part badge with `label` on grey and `message` on `color`, titled
/// "label: message" (with the colon of `t`).
pub fn svg(label: &str, message: &str, color: &str, t: &Table) -> String {
    let colon = t.get("site.colon");
    svg_titled(label, message, color, &format!("{label}{colon} {message}"))
}

/// A flat two-part badge with `label` on grey and `message` on `color`, whose title (what
/// screen readers say) is `title`.
pub fn svg_titled(label: &str, message: &str, color: &str, title: &str) -> String {
    const PAD: u32 = 6;
    let (lw, mw) = (text_width(label), text_width(message));
    let (left, right) = (lw + 2 * PAD, mw + 2 * PAD);
    let total = left + right;
    let title = escape::xml(title);
    let (label, message) = (escape::xml(label), escape::xml(message));
    let lx = f64::from(left) / 2.0;
    let mx = f64::from(left) + f64::from(right) / 2.0;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}"><title>{title}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{left}" height="20" fill="#{LABEL_COLOR}"/><rect x="{left}" width="{right}" height="20" fill="#{color}"/><rect width="{total}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11"><text aria-hidden="true" x="{lx}" y="15" fill="#010101" fill-opacity=".3" textLength="{lw}">{label}</text><text x="{lx}" y="14" textLength="{lw}">{label}</text><text aria-hidden="true" x="{mx}" y="15" fill="#010101" fill-opacity=".3" textLength="{mw}">{message}</text><text x="{mx}" y="14" textLength="{mw}">{message}</text></g></svg>
"##
    )
}

#[cfg(test)]
mod tests;
