//! `slo` and `slo_window_days`: the uptime a component promises, over a rolling window.

use super::SloSource;
use crate::diagnostic::Diagnostic;
use crate::model::toml_source::TomlSource;
use toml::Spanned;

/// A service level objective: the share of time a component promises to be up, over a window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slo {
    /// The target as written, in percent, e.g. `99.9`.
    pub target: f64,
    /// The target in millionths of the window, e.g. 999 000 for 99.9 %; exact for comparisons.
    pub target_ppm: u32,
    /// The rolling window in days (`slo_window_days`, default 30).
    pub window_days: u32,
    /// What spends the error budget (`slo_source`, default incidents).
    pub source: SloSource,
    /// Line and column of the `slo_source` value, `(0, 0)` when not written.
    pub source_position: (usize, usize),
}

/// Default of `slo_window_days`.
pub const DEFAULT_SLO_WINDOW_DAYS: u32 = 30;
/// Longest accepted `slo_window_days`.
pub const MAX_SLO_WINDOW_DAYS: u32 = 365;

/// Reads `slo` and `slo_window_days` of one component, reporting values out of range.
pub(super) fn read(
    src: &TomlSource<'_>,
    slo: Option<&Spanned<toml::Value>>,
    window: Option<&Spanned<i64>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Slo> {
    let window_days = match window {
        None => DEFAULT_SLO_WINDOW_DAYS,
        Some(w) => match u32::try_from(*w.get_ref()) {
            Ok(d) if (1..=MAX_SLO_WINDOW_DAYS).contains(&d) => d,
            _ => {
                errors.push(
                    src.error_span(
                        &w.span(),
                        format!(
                            "`slo_window_days` must be between 1 and {MAX_SLO_WINDOW_DAYS}, got {}",
                            w.get_ref()
                        ),
                    )
                    .with_hint("write e.g. slo_window_days = 30 (the default)"),
                );
                DEFAULT_SLO_WINDOW_DAYS
            }
        },
    };
    let Some(value) = slo else {
        if let Some(w) = window {
            errors.push(
                src.error_span(&w.span(), "`slo_window_days` is set without `slo`")
                    .with_hint("add the target as well, e.g. slo = 99.9, or remove the window"),
            );
        }
        return None;
    };
    let target = match value.get_ref() {
        toml::Value::Float(f) => *f,
        toml::Value::Integer(i) => *i as f64,
        other => {
            errors.push(
                src.error_span(
                    &value.span(),
                    format!("`slo` must be a number, found a {}", other.type_str()),
                )
                .with_hint("write the target in percent without quotes, e.g. slo = 99.9"),
            );
            return None;
        }
    };
    let ppm = (target * 10_000.0).round();
    let problem = if !(target > 0.0 && target < 100.0) {
        Some(format!("`slo` must be above 0 and below 100, got {target}"))
    } else if (ppm / 10_000.0 - target).abs() > 1e-9 {
        Some(format!(
            "`slo` takes at most 4 decimals (99.9999), got {target}"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        errors.push(src.error_span(&value.span(), message).with_hint(
            "write the promised share of time up, in percent, e.g. slo = 99.9 (100 would leave no error budget)",
        ));
        return None;
    }
    Some(Slo {
        target,
        target_ppm: ppm as u32,
        window_days,
        source: SloSource::Incidents,
        source_position: (0, 0),
    })
}
