//! `ca_file`: the certificates of a private certificate authority that a probe trusts besides
//! the public roots, for services whose certificates an internal CA signs.
//!
//! The path is checked here when `probes.toml` is read: it is relative to the site folder and
//! never leaves it. The file itself is read by `load`, which hands its bytes to [`parse_pem`].

use crate::diagnostic::Diagnostic;
use crate::model::config::notify::values::read_string;
use crate::model::toml_source::TomlSource;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::{self, PemObject, SectionKind};
use std::path::{Component, Path};
use toml::{Spanned, Value};

/// A probe's `ca_file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaFile {
    /// The path as written, relative to the site folder.
    pub path: String,
    /// Line and column of the `ca_file` key in `probes.toml`.
    pub position: (usize, usize),
    /// The file's certificates (DER), in file order. Empty until `load` has read the file.
    pub certificates: Vec<Vec<u8>>,
}

/// Reads the `ca_file` value: a path that stays inside the site folder.
pub(super) fn read_ca_file(
    src: &TomlSource<'_>,
    v: &Spanned<Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<CaFile> {
    let position = key_position(src, v.span().start);
    let path = read_string(src, "ca_file", v, errors)?.trim().to_string();
    let leaves = Path::new(&path).has_root()
        || path.starts_with('\\')
        || Path::new(&path)
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
    if leaves {
        errors.push(
            Diagnostic::error(
                src.path,
                position,
                format!("`ca_file` must be a path inside the site folder, got `{path}`"),
            )
            .with_hint(
                "copy the CA's certificate into the site folder and write its path from there, \
                 e.g. ca_file = \"certs/internal-ca.pem\"; nothing outside the site folder is read",
            ),
        );
        return None;
    }
    Some(CaFile {
        path,
        position,
        certificates: Vec::new(),
    })
}

/// The position of the `ca_file` key on the line of its value.
fn key_position(src: &TomlSource<'_>, value_start: usize) -> (usize, usize) {
    let before = src.text.get(..value_start).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    src.pos(src.find_key(&(line_start..value_start), "ca_file"))
}

/// What is wrong with the contents of a `ca_file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PemProblem {
    /// No PEM block at all: a DER file, or no certificate file.
    NotPem,
    /// A block that cannot be decoded (no END line, a broken BEGIN line, bad base64).
    Malformed(String),
    /// PEM blocks, none of them a certificate; the labels of those found.
    NoCertificate(Vec<String>),
    /// A private key, which has no place in the site's repository.
    PrivateKey(String),
    /// The certificate with this number (from 1) is not an X.509 certificate a probe can trust.
    BadCertificate(usize, String),
}

impl PemProblem {
    /// The problem as a diagnostic at the `ca_file` key.
    pub(crate) fn diagnostic(&self, ca: &CaFile, file: &Path) -> Diagnostic {
        let path = &ca.path;
        let (message, hint) = match self {
            PemProblem::NotPem => (
                format!("`ca_file` \"{path}\" is not PEM text"),
                "write the CA's certificate as PEM (a -----BEGIN CERTIFICATE----- block); a DER \
                 file converts with `openssl x509 -inform DER -in ca.crt -out ca.pem`"
                    .to_string(),
            ),
            PemProblem::Malformed(why) => (
                format!("`ca_file` \"{path}\" is not valid PEM: {why}"),
                "export the certificate as PEM again: each block runs from -----BEGIN \
                 CERTIFICATE----- to -----END CERTIFICATE----- with base64 lines between"
                    .to_string(),
            ),
            PemProblem::NoCertificate(found) => (
                if found.is_empty() {
                    format!("`ca_file` \"{path}\" holds no certificate")
                } else {
                    format!(
                        "`ca_file` \"{path}\" holds no certificate, only {}",
                        found.join(", ")
                    )
                },
                "put the CA's certificate in it, as a -----BEGIN CERTIFICATE----- block \
                 (`openssl x509 -in ca.crt -out ca.pem` writes one)"
                    .to_string(),
            ),
            PemProblem::PrivateKey(label) => (
                format!("`ca_file` \"{path}\" holds a private key ({label})"),
                "remove the key: a probe needs only the CA's certificate, and a key committed to \
                 the repository must be replaced"
                    .to_string(),
            ),
            PemProblem::BadCertificate(n, why) => (
                format!("certificate {n} of `ca_file` \"{path}\" cannot be read: {why}"),
                "export the CA's certificate as PEM again, e.g. `openssl x509 -in ca.crt -out \
                 ca.pem`"
                    .to_string(),
            ),
        };
        Diagnostic::error(file, ca.position, message).with_hint(hint)
    }
}

/// The certificates (DER) of the PEM text `bytes`, each checked to be an X.509 certificate a
/// TLS client can take as a root; or what is wrong with it.
pub(crate) fn parse_pem(bytes: &[u8]) -> Result<Vec<Vec<u8>>, PemProblem> {
    let labels = begin_labels(bytes);
    if let Some(key) = labels.iter().find(|l| l.contains("PRIVATE KEY")) {
        return Err(PemProblem::PrivateKey(key.clone()));
    }
    if labels.is_empty() {
        return Err(PemProblem::NotPem);
    }
    let mut certificates = Vec::new();
    for section in <(SectionKind, Vec<u8>)>::pem_slice_iter(bytes) {
        match section {
            Ok((SectionKind::Certificate, der)) => certificates.push(der),
            Ok(_) => {}
            Err(e) => return Err(PemProblem::Malformed(malformed(&e))),
        }
    }
    if certificates.is_empty() {
        return Err(PemProblem::NoCertificate(labels));
    }
    for (i, der) in certificates.iter().enumerate() {
        let bad = |why: String| PemProblem::BadCertificate(i + 1, why);
        x509_parser::parse_x509_certificate(der).map_err(|e| bad(e.to_string()))?;
        rustls::RootCertStore::empty()
            .add(CertificateDer::from(der.as_slice()))
            .map_err(|e| bad(e.to_string()))?;
    }
    Ok(certificates)
}

/// The labels of the `-----BEGIN LABEL-----` lines, in order.
fn begin_labels(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("-----BEGIN "))
        .map(|rest| rest.trim_end_matches('-').trim().to_string())
        .collect()
}

/// A PEM syntax error in words.
fn malformed(e: &pem::Error) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
    match e {
        pem::Error::MissingSectionEnd { end_marker } => {
            format!(
                "no -----END {}----- line closes its block",
                text(end_marker)
            )
        }
        pem::Error::IllegalSectionStart { line } => {
            format!("`{}` does not start a block", text(line))
        }
        pem::Error::Base64Decode(_) => "a block is not base64".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
