//! `probes.toml`: the checks `statuspress probe` runs against the site's components. Pure:
//! text in, checked probes or every problem out.
//!
//! No secret is ever written here: an `http` probe's headers name the environment variables
//! that hold their values (`headers_env`), and an address with a password or token in it is
//! refused.

mod ca;
mod entry;
mod kind;
mod raw;
mod values;

pub use ca::CaFile;
pub(crate) use ca::parse_pem;
pub use kind::{BodyMatch, Method, ProbeKind, RecordType};

use crate::diagnostic::{Diagnostic, suggest};
use crate::model::Catalog;
use crate::model::components::SloSource;
use crate::model::site::COMPONENTS_FILE;
use crate::model::toml_source::TomlSource;
use entry::read_probe;
use raw::{RawDefaults, RawFile, SCHEMA};
use std::collections::BTreeMap;
use toml::{Spanned, Value};
use values::read_number;

/// The file that declares the probes, at the root of the site folder.
pub const PROBES_FILE: &str = "probes.toml";

/// Default of `timeout_ms`.
pub const DEFAULT_TIMEOUT_MS: u32 = 5000;
/// Default of `retries`.
pub const DEFAULT_RETRIES: u32 = 2;
/// Default of `fail_after` and `pass_after`.
pub const DEFAULT_AFTER: u32 = 2;
/// Default of `sample_days`.
pub const DEFAULT_SAMPLE_DAYS: u32 = 7;
/// Default of `expires_within_days`.
pub const DEFAULT_EXPIRES_WITHIN_DAYS: u32 = 14;

/// One `[[probe]]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Unique id, also the name of its data folder.
    pub id: String,
    /// The local component it reports on.
    pub component: String,
    /// What it checks.
    pub kind: ProbeKind,
    /// The address (`http`, `statuspage`, and `tls` when given instead of host and port).
    pub url: Option<String>,
    /// The host (`tcp`, `tls`).
    pub host: Option<String>,
    /// The port (`tcp`, `tls`).
    pub port: Option<u16>,
    /// The name to resolve (`dns`).
    pub name: Option<String>,
    /// The record asked for (`dns`).
    pub record_type: RecordType,
    /// A value the answer must hold (`dns`).
    pub expect: Option<String>,
    /// Accepted HTTP statuses; empty for any 2xx.
    pub expect_status: Vec<u16>,
    /// What the body must hold (`http`).
    pub expect_body: Option<BodyMatch>,
    /// The HTTP method.
    pub method: Method,
    /// Request headers as (header name, environment variable holding its value), sorted.
    pub headers_env: Vec<(String, String)>,
    /// How long one try may take, in milliseconds.
    pub timeout_ms: u32,
    /// A passing try slower than this counts as slow (degraded performance).
    pub degraded_over_ms: Option<u32>,
    /// Tries after the first before a run counts the check as failed.
    pub retries: u32,
    /// Failed runs in a row that open an incident.
    pub fail_after: u32,
    /// Passing runs in a row that resolve it.
    pub pass_after: u32,
    /// A certificate expiring within this many days is a warning (`tls`).
    pub expires_within_days: u32,
    /// The provider's component to mirror, by name or id (`statuspage`).
    pub upstream_component: Option<String>,
    /// Certificates trusted besides the public roots (`http`, `tls`, `statuspage`).
    pub ca_file: Option<CaFile>,
    /// Line and column of the `[[probe]]` table.
    pub position: (usize, usize),
    /// Line and column of its `component` value.
    pub component_position: (usize, usize),
}

impl Probe {
    /// How long one try may take.
    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_millis(u64::from(self.timeout_ms))
    }

    /// The certificates (DER) of its `ca_file`, trusted besides the public roots; none
    /// without one.
    pub fn extra_roots(&self) -> &[Vec<u8>] {
        self.ca_file.as_ref().map_or(&[], |ca| &ca.certificates)
    }
}

/// Everything `probes.toml` declares.
#[derive(Debug, Clone, PartialEq)]
pub struct Probes {
    /// The probes, in file order.
    pub probes: Vec<Probe>,
    /// Days of raw samples kept (`[defaults] sample_days`).
    pub sample_days: u32,
}

impl Default for Probes {
    fn default() -> Self {
        Probes {
            probes: Vec::new(),
            sample_days: DEFAULT_SAMPLE_DAYS,
        }
    }
}

/// The values `[defaults]` gives every probe that does not set its own.
struct Defaults {
    pub(super) timeout_ms: u32,
    pub(super) retries: u32,
    pub(super) fail_after: u32,
    pub(super) pass_after: u32,
}

impl Probes {
    /// Parses `probes.toml`, collecting every problem.
    pub fn parse(src: TomlSource<'_>) -> Result<Probes, Vec<Diagnostic>> {
        match Probes::read(src) {
            (Some(p), errors) if errors.is_empty() => Ok(p),
            (_, errors) => Err(errors),
        }
    }

    /// Reads `probes.toml` as far as it can: every problem, and the probes that could be read
    /// (`None` when the text is not TOML at all).
    pub fn read(src: TomlSource<'_>) -> (Option<Probes>, Vec<Diagnostic>) {
        let (raw, mut errors) = src.read::<RawFile>(&SCHEMA);
        let Some(raw) = raw else {
            return (None, errors);
        };
        let (defaults, sample_days) = read_defaults(&src, raw.defaults.as_ref(), &mut errors);
        let mut probes = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for entry in &raw.probe {
            let position = src.pos(entry.span().start);
            let Some(probe) = read_probe(&src, entry.get_ref(), position, &defaults, &mut errors)
            else {
                continue;
            };
            if let Some(first) = seen.get(&probe.id) {
                let at = entry
                    .get_ref()
                    .id
                    .as_ref()
                    .map_or(position, |v| src.pos(v.span().start));
                errors.push(
                    Diagnostic::error(
                        src.path,
                        at,
                        format!(
                            "the probe id `{}` is already used by the [[probe]] at line {first}",
                            probe.id
                        ),
                    )
                    .with_hint("give each probe its own id: it names the folder of its data"),
                );
                continue;
            }
            seen.insert(probe.id.clone(), position.0);
            probes.push(probe);
        }
        crate::diagnostic::sort(&mut errors);
        (
            Some(Probes {
                probes,
                sample_days,
            }),
            errors,
        )
    }
}

fn read_defaults(
    src: &TomlSource<'_>,
    raw: Option<&RawDefaults>,
    errors: &mut Vec<Diagnostic>,
) -> (Defaults, u32) {
    let none = None;
    let get = |f: fn(&RawDefaults) -> &Option<Spanned<Value>>| raw.map_or(&none, f).as_ref();
    let defaults = Defaults {
        timeout_ms: read_number(
            src,
            "timeout_ms",
            get(|d| &d.timeout_ms),
            100..=60_000,
            DEFAULT_TIMEOUT_MS,
            errors,
        ),
        retries: read_number(
            src,
            "retries",
            get(|d| &d.retries),
            0..=5,
            DEFAULT_RETRIES,
            errors,
        ),
        fail_after: read_number(
            src,
            "fail_after",
            get(|d| &d.fail_after),
            1..=10,
            DEFAULT_AFTER,
            errors,
        ),
        pass_after: read_number(
            src,
            "pass_after",
            get(|d| &d.pass_after),
            1..=10,
            DEFAULT_AFTER,
            errors,
        ),
    };
    let sample_days = read_number(
        src,
        "sample_days",
        get(|d| &d.sample_days),
        1..=31,
        DEFAULT_SAMPLE_DAYS,
        errors,
    );
    (defaults, sample_days)
}

/// The `component` of every probe that `catalog` does not define, reported as `affected` ids
/// of posts are.
pub fn check_components(probes: &Probes, catalog: &Catalog) -> Vec<Diagnostic> {
    let ids: Vec<&str> = catalog.components.iter().map(|c| c.id.as_str()).collect();
    let measured = |id: &str| {
        probes
            .probes
            .iter()
            .any(|p| p.component == id && p.kind != ProbeKind::Statuspage)
    };
    let slo_without_probes = catalog.components.iter().filter_map(|c| {
        let slo = c.slo.as_ref()?;
        (slo.source == SloSource::Probes && !measured(&c.id)).then(|| {
            Diagnostic::error(
                COMPONENTS_FILE,
                slo.source_position,
                format!("`slo_source = \"probes\"` on `{}`, which no probe measures", c.id),
            )
            .with_hint(format!(
                "add a [[probe]] with component = \"{}\" to {PROBES_FILE} (a statuspage probe measures the provider, not the component), or remove slo_source to spend the budget on incidents",
                c.id
            ))
        })
    });
    let unknown = probes
        .probes
        .iter()
        .filter(|p| catalog.component(&p.component).is_none())
        .map(|p| {
            let what = if catalog.group(&p.component).is_some() {
                format!(
                    "`{}` is a group; a probe reports on one component",
                    p.component
                )
            } else {
                format!(
                    "unknown component `{}` in [[probe]] `{}`",
                    p.component, p.id
                )
            };
            Diagnostic::error(PROBES_FILE, p.component_position, what).with_hint(format!(
                "{}; components are defined in components.toml",
                suggest(&p.component, &ids, "component")
            ))
        });
    slo_without_probes.chain(unknown).collect()
}

#[cfg(test)]
mod tests;
