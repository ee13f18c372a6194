//! `slo_source`: what a component's SLO is measured on, incident downtime (the default) or the
//! downtime its probes measured.

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::toml_source::TomlSource;
use toml::Spanned;

/// What an SLO's error budget is spent by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SloSource {
    /// Weighted downtime of incidents and statuses set by hand.
    #[default]
    Incidents,
    /// Downtime its probes measured: per UTC day, the worst of its probes.
    Probes,
}

impl SloSource {
    /// The values `slo_source` takes.
    pub const NAMES: &'static [&'static str] = &["incidents", "probes"];
}

/// Reads `slo_source`, with the position of its value; reports unknown values and a source
/// without `slo`.
pub(super) fn read(
    src: &TomlSource<'_>,
    value: Option<&Spanned<String>>,
    has_slo: bool,
    errors: &mut Vec<Diagnostic>,
) -> (SloSource, (usize, usize)) {
    let Some(v) = value else {
        return (SloSource::Incidents, (0, 0));
    };
    let position = src.pos(v.span().start);
    let source = match v.get_ref().as_str() {
        "incidents" => SloSource::Incidents,
        "probes" => SloSource::Probes,
        other => {
            errors.push(
                src.error_span(&v.span(), format!("unknown `slo_source` `{other}`"))
                    .with_hint(suggest(other, SloSource::NAMES, "slo_source")),
            );
            SloSource::Incidents
        }
    };
    if !has_slo {
        errors.push(
            src.error_span(&v.span(), "`slo_source` is set without `slo`")
                .with_hint("add the target as well, e.g. slo = 99.9, or remove slo_source"),
        );
    }
    (source, position)
}
