//! Reading `probes.toml`, which a site may leave out.

use crate::diagnostic::Diagnostic;
use crate::model::probes::{PROBES_FILE, Probes};
use crate::model::toml_source::TomlSource;
use std::path::Path;

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
