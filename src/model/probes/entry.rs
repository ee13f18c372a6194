//! One `[[probe]]` entry: its values read and checked, and the keys its kind takes.

use super::ca::read_ca_file;
use super::kind::{Method, ProbeKind, RecordType};
use super::raw::RawProbe;
use super::values::{read_body, read_headers_env, read_number, read_port, read_statuses, read_url};
use super::{DEFAULT_EXPIRES_WITHIN_DAYS, Defaults, Probe};
use crate::diagnostic::{Diagnostic, suggest};
use crate::model::components::is_valid_id;
use crate::model::config::notify::values::read_string;
use crate::model::toml_source::TomlSource;
use toml::{Spanned, Value};

/// Reads one entry; `None` when its id, component or kind cannot be read.
pub(super) fn read_probe(
    src: &TomlSource<'_>,
    raw: &RawProbe,
    position: (usize, usize),
    defaults: &Defaults,
    errors: &mut Vec<Diagnostic>,
) -> Option<Probe> {
    let id = required(
        src,
        "id",
        raw.id.as_ref(),
        position,
        "id = \"api-health\"",
        errors,
    )
    .and_then(|(id, v)| {
        if is_valid_id(&id) {
            Some(id)
        } else {
            errors.push(
                src.error_span(&v.span(), format!("invalid probe id `{id}`"))
                    .with_hint(
                        "ids use lowercase letters, digits, `-` and `_`, e.g. \"api-health\"",
                    ),
            );
            None
        }
    });
    let component = required(
        src,
        "component",
        raw.component.as_ref(),
        position,
        "component = \"api\" (the id of the component in components.toml it reports on)",
        errors,
    );
    let kind = required(
        src,
        "kind",
        raw.kind.as_ref(),
        position,
        "kind = \"http\" (one of: http, tcp, dns, tls, statuspage)",
        errors,
    )
    .and_then(|(k, v)| {
        let kind = ProbeKind::parse(k.trim());
        if kind.is_none() {
            errors.push(
                src.error_span(&v.span(), format!("unknown probe kind `{k}`"))
                    .with_hint(suggest(&k, ProbeKind::NAMES, "probe kind")),
            );
        }
        kind
    });
    let string = |key: &str, v: Option<&Spanned<Value>>, errors: &mut Vec<Diagnostic>| {
        v.and_then(|v| read_string(src, key, v, errors))
            .map(|s| s.trim().to_string())
    };
    let url = raw.url.as_ref().and_then(|v| read_url(src, v, errors));
    let host = string("host", raw.host.as_ref(), errors);
    let port = raw.port.as_ref().and_then(|v| read_port(src, v, errors));
    let name = string("name", raw.name.as_ref(), errors);
    let record_type = raw
        .record_type
        .as_ref()
        .and_then(|v| {
            let s = read_string(src, "record_type", v, errors)?;
            let t = RecordType::parse(s.trim());
            if t.is_none() {
                errors.push(
                    src.error_span(&v.span(), format!("unknown record type `{s}`"))
                        .with_hint(suggest(&s, RecordType::NAMES, "record type")),
                );
            }
            t
        })
        .unwrap_or_default();
    let expect = string("expect", raw.expect.as_ref(), errors);
    let expect_status = raw
        .expect_status
        .as_ref()
        .map(|v| read_statuses(src, v, errors))
        .unwrap_or_default();
    let expect_body = raw
        .expect_body
        .as_ref()
        .and_then(|v| read_body(src, v, errors));
    let method = raw
        .method
        .as_ref()
        .and_then(|v| {
            let s = read_string(src, "method", v, errors)?;
            match s.trim().to_ascii_uppercase().as_str() {
                "GET" => Some(Method::Get),
                "HEAD" => Some(Method::Head),
                _ => {
                    errors.push(
                        src.error_span(&v.span(), format!("unknown method `{s}`"))
                            .with_hint("a probe only reads: write method = \"GET\" (the default) or \"HEAD\""),
                    );
                    None
                }
            }
        })
        .unwrap_or_default();
    if let (Method::Head, Some(_), Some(v)) = (method, &expect_body, raw.expect_body.as_ref()) {
        errors.push(
            src.error_span(
                &v.span(),
                "`expect_body` cannot be checked with method = \"HEAD\"",
            )
            .with_hint("a HEAD answer has no body: use method = \"GET\", or remove expect_body"),
        );
    }
    let headers_env = raw
        .headers_env
        .as_ref()
        .map(|v| read_headers_env(src, v, errors))
        .unwrap_or_default();
    let timeout_ms = read_number(
        src,
        "timeout_ms",
        raw.timeout_ms.as_ref(),
        100..=60_000,
        defaults.timeout_ms,
        errors,
    );
    let degraded_over_ms = raw.degraded_over_ms.as_ref().map(|v| {
        read_number(
            src,
            "degraded_over_ms",
            Some(v),
            1..=60_000,
            timeout_ms,
            errors,
        )
    });
    if let (Some(d), Some(v)) = (degraded_over_ms, raw.degraded_over_ms.as_ref())
        && d >= timeout_ms
    {
        errors.push(
            src.error_span(
                &v.span(),
                format!("`degraded_over_ms` ({d}) is not below `timeout_ms` ({timeout_ms})"),
            )
            .with_hint(
                "a try slower than the timeout fails; set degraded_over_ms below timeout_ms",
            ),
        );
    }
    let probe = Probe {
        id: id?,
        component: component.as_ref()?.0.trim().to_string(),
        kind: kind?,
        url,
        host,
        port,
        name,
        record_type,
        expect,
        expect_status,
        expect_body,
        method,
        headers_env,
        timeout_ms,
        degraded_over_ms,
        retries: read_number(
            src,
            "retries",
            raw.retries.as_ref(),
            0..=5,
            defaults.retries,
            errors,
        ),
        fail_after: read_number(
            src,
            "fail_after",
            raw.fail_after.as_ref(),
            1..=10,
            defaults.fail_after,
            errors,
        ),
        pass_after: read_number(
            src,
            "pass_after",
            raw.pass_after.as_ref(),
            1..=10,
            defaults.pass_after,
            errors,
        ),
        expires_within_days: read_number(
            src,
            "expires_within_days",
            raw.expires_within_days.as_ref(),
            1..=365,
            DEFAULT_EXPIRES_WITHIN_DAYS,
            errors,
        ),
        upstream_component: string(
            "upstream_component",
            raw.upstream_component.as_ref(),
            errors,
        ),
        ca_file: raw
            .ca_file
            .as_ref()
            .and_then(|v| read_ca_file(src, v, errors)),
        position,
        component_position: component
            .as_ref()
            .map_or(position, |(_, v)| src.pos(v.span().start)),
    };
    check_kind_keys(src, &probe, raw, errors);
    Some(probe)
}

/// A required string value with its span, or an error at the table naming the key.
fn required<'v>(
    src: &TomlSource<'_>,
    key: &str,
    value: Option<&'v Spanned<Value>>,
    position: (usize, usize),
    example: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, &'v Spanned<Value>)> {
    let Some(v) = value else {
        errors.push(
            Diagnostic::error(src.path, position, format!("[[probe]] has no `{key}`"))
                .with_hint(format!("add {example}")),
        );
        return None;
    };
    read_string(src, key, v, errors).map(|s| (s, v))
}

/// Reports the kind-specific keys a probe lacks, and those of other kinds it has.
fn check_kind_keys(
    src: &TomlSource<'_>,
    probe: &Probe,
    raw: &RawProbe,
    errors: &mut Vec<Diagnostic>,
) {
    let kind = probe.kind;
    let (required, optional) = kind.keys();
    for (key, value) in raw.specific() {
        match value {
            None if required.contains(&key) => errors.push(
                Diagnostic::error(
                    src.path,
                    probe.position,
                    format!(
                        "[[probe]] `{}` of kind `{}` has no `{key}`",
                        probe.id,
                        kind.as_str()
                    ),
                )
                .with_hint(required_hint(kind, key)),
            ),
            Some(v) if !required.contains(&key) && !optional.contains(&key) => {
                let users: Vec<&str> = ProbeKind::ALL
                    .iter()
                    .filter(|k| {
                        let (r, o) = k.keys();
                        r.contains(&key) || o.contains(&key)
                    })
                    .map(|k| k.as_str())
                    .collect();
                errors.push(src.key_of_other_kinds(&v.span(), key, kind.as_str(), &users));
            }
            _ => {}
        }
    }
    let tls_target = raw.url.is_some() || (raw.host.is_some() && raw.port.is_some());
    if kind == ProbeKind::Tls && !tls_target {
        errors.push(
            Diagnostic::error(
                src.path,
                probe.position,
                format!("[[probe]] `{}` of kind `tls` has neither `url` nor `host` and `port`", probe.id),
            )
            .with_hint("add host = \"api.example.com\" and port = 443, or url = \"https://api.example.com\""),
        );
    }
}

fn required_hint(kind: ProbeKind, key: &str) -> String {
    match (kind, key) {
        (ProbeKind::Statuspage, "url") => "add the provider's status page, e.g. url = \"https://www.githubstatus.com\" (or its /api/v2/summary.json)".to_string(),
        (_, "url") => "add the address to request, e.g. url = \"https://api.example.com/healthz\"".to_string(),
        (_, "host") => "add the host to connect to, e.g. host = \"db.example.com\"".to_string(),
        (_, "port") => "add the port, e.g. port = 5432".to_string(),
        (_, "name") => "add the name to resolve, e.g. name = \"api.example.com\"".to_string(),
        _ => "add the provider's component to mirror, by name or id, e.g. upstream_component = \"API Requests\"".to_string(),
    }
}
