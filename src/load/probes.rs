//! Reading `probes.toml`, which a site may leave out, the certificates its probes' `ca_file`
//! names, and the data files `statuspress probe` keeps for each probe.

use crate::diagnostic::Diagnostic;
use crate::model::probe_data::{
    DAILY_FILE, ProbeData, SAMPLES_FILE, UPSTREAM_FILE, parse_daily, parse_samples, parse_upstream,
    probe_dir,
};
use crate::model::probes::{CaFile, PROBES_FILE, Probe, ProbeKind, Probes, parse_pem};
use crate::model::toml_source::TomlSource;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The text of `probes.toml`, or `None` when the site has none (or it cannot be read, which
/// is reported in `diags`).
pub(super) fn read_text(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    super::read_optional(root, Path::new(PROBES_FILE)).unwrap_or_else(|d| {
        diags.push(d);
        None
    })
}

/// The probes of `text`, with every problem in `diags`; none without a file.
pub(super) fn parse(text: Option<&str>, diags: &mut Vec<Diagnostic>) -> Probes {
    let Some(text) = text else {
        return Probes::default();
    };
    diags.extend(super::characters::in_toml(Path::new(PROBES_FILE), text));
    let (probes, problems) = Probes::read(TomlSource::file(Path::new(PROBES_FILE), text));
    diags.extend(problems);
    probes.unwrap_or_default()
}

/// Reads the `ca_file` of each probe that names one and keeps its certificates on the probe.
/// Every problem (a file that is missing, outside the site folder or not PEM certificates) goes
/// to `diags` at the `ca_file` key of `probes.toml`.
pub(super) fn read_ca_files(root: &Path, probes: &mut Probes, diags: &mut Vec<Diagnostic>) {
    for ca in probes.probes.iter_mut().filter_map(|p| p.ca_file.as_mut()) {
        match read_ca_file(root, ca) {
            Ok(certificates) => ca.certificates = certificates,
            Err(d) => diags.push(d),
        }
    }
}

/// The problems of the `ca_file`s that the probes of `text` name: for a site whose other files
/// have errors, so that these show in the same run although the probes are not kept.
pub(super) fn ca_file_problems(root: &Path, text: Option<&str>) -> Vec<Diagnostic> {
    let mut reported_elsewhere = Vec::new();
    let mut probes = parse(text, &mut reported_elsewhere);
    let mut diags = Vec::new();
    read_ca_files(root, &mut probes, &mut diags);
    diags
}

/// The certificates of one `ca_file`.
fn read_ca_file(root: &Path, ca: &CaFile) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let file = Path::new(PROBES_FILE);
    let at =
        |message: String, hint: &str| Diagnostic::error(file, ca.position, message).with_hint(hint);
    let rel = Path::new(&ca.path);
    if let Err(d) = super::check_inside(root, rel) {
        return Err(at(
            format!(
                "`ca_file` \"{}\" is not read: {}: {}",
                ca.path,
                d.path.display(),
                d.message
            ),
            "copy the CA's certificate into the site folder instead of linking to it; nothing \
             outside the site folder is read",
        ));
    }
    let path = root.join(rel);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(at(
                format!("`ca_file` \"{}\" does not exist", ca.path),
                "put the CA's certificate (PEM) at that path, or correct it: it is relative to \
                 the site folder",
            ));
        }
        Ok(m) if m.is_dir() => {
            return Err(at(
                format!("`ca_file` \"{}\" is a folder", ca.path),
                "name the certificate file inside it, e.g. ca_file = \"certs/internal-ca.pem\"",
            ));
        }
        _ => {}
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        at(
            format!("`ca_file` \"{}\" cannot be read: {e}", ca.path),
            "make the file readable by you, e.g. chmod u+r on it",
        )
    })?;
    parse_pem(&bytes).map_err(|problem| problem.diagnostic(ca, file))
}

/// The data files of `probe` in `root`: empty when it has none yet. `upstream.json` is read for
/// `statuspage` probes only; for another kind it is left over and the next run removes it.
pub fn read_data(root: &Path, probe: &Probe) -> Result<ProbeData, Vec<Diagnostic>> {
    let dir = PathBuf::from(probe_dir(&probe.id));
    let read = |name: &str| {
        let rel = dir.join(name);
        super::read_optional(root, &rel)
            .map(|text| (rel, text))
            .map_err(|d| vec![d])
    };
    let (samples_path, samples) = read(SAMPLES_FILE)?;
    let (daily_path, daily) = read(DAILY_FILE)?;
    let (upstream_path, upstream) = if probe.kind == ProbeKind::Statuspage {
        read(UPSTREAM_FILE)?
    } else {
        (PathBuf::new(), None)
    };
    let samples = samples.map_or(Ok(Vec::new()), |t| parse_samples(&samples_path, &t));
    let daily = daily.map_or(Ok(Vec::new()), |t| parse_daily(&daily_path, &t));
    let upstream = upstream
        .map(|t| parse_upstream(&upstream_path, &t))
        .transpose();
    match (samples, daily, upstream) {
        (Ok(samples), Ok(daily), Ok(upstream)) => Ok(ProbeData {
            samples,
            daily,
            upstream,
        }),
        (samples, daily, upstream) => Err(samples
            .err()
            .into_iter()
            .chain(daily.err())
            .chain(upstream.err())
            .flatten()
            .collect()),
    }
}

/// The data of every probe, by id; problems of malformed files go to `diags`.
pub(super) fn read_all_data(
    root: &Path,
    probes: &Probes,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, ProbeData> {
    let mut out = BTreeMap::new();
    for p in &probes.probes {
        match read_data(root, p) {
            Ok(data) => {
                out.insert(p.id.clone(), data);
            }
            Err(problems) => diags.extend(problems),
        }
    }
    out
}

/// The probes of the site in `root`, checked against its components; `None` when the site has
/// no `probes.toml`. For `statuspress probe`, which runs without loading the whole site.
pub fn read_probes(
    root: &Path,
    catalog: &crate::model::Catalog,
) -> Result<Option<Probes>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let text = read_text(root, &mut diags);
    let mut probes = parse(text.as_deref(), &mut diags);
    read_ca_files(root, &mut probes, &mut diags);
    diags.extend(crate::model::probes::check_components(&probes, catalog));
    if diags.iter().any(Diagnostic::is_error) {
        crate::diagnostic::sort(&mut diags);
        return Err(diags);
    }
    Ok(text.map(|_| probes))
}
