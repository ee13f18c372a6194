//! The certificates a check trusts: the public roots (Mozilla's list, as browsers trust it),
//! and the probe's `ca_file` certificates besides them, for a private CA.
//!
//! The `tls` check takes them as a [`RootCertStore`]; the `http` and `statuspage` checks, which
//! go through ureq, as its [`TlsConfig`]. ureq takes extra roots only as certificates, so the
//! public roots come from `webpki-root-certs` there: the same list as `webpki-roots`, as
//! certificates rather than trust anchors.

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use std::sync::Arc;
use ureq::tls::{Certificate, RootCerts, TlsConfig};

/// The public roots and `extra_roots` (DER), or why an extra one cannot be a root.
pub(crate) fn root_store(extra_roots: &[Vec<u8>]) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for der in extra_roots {
        roots
            .add(CertificateDer::from(der.clone()))
            .map_err(|e| format!("an extra root certificate cannot be read: {e}"))?;
    }
    Ok(roots)
}

/// ureq's TLS settings trusting the public roots and `extra_roots` (DER): its default
/// settings when there are none.
pub(crate) fn ureq_tls(extra_roots: &[Vec<u8>]) -> TlsConfig {
    if extra_roots.is_empty() {
        return TlsConfig::builder().build();
    }
    let public = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned());
    let extra = extra_roots
        .iter()
        .map(|der| Certificate::from_der(der).to_owned());
    TlsConfig::builder()
        .root_certs(RootCerts::Specific(Arc::new(public.chain(extra).collect())))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_roots_come_beside_the_public_ones() {
        let extra = vec![webpki_root_certs::TLS_SERVER_ROOT_CERTS[0].to_vec()];
        let store = root_store(&extra).unwrap();
        assert_eq!(store.len(), webpki_roots::TLS_SERVER_ROOTS.len() + 1);
        assert!(root_store(&[b"not a certificate".to_vec()]).is_err());

        let tls = ureq_tls(&extra);
        let RootCerts::Specific(certs) = tls.root_certs() else {
            panic!(
                "extra roots need the roots as certificates: {:?}",
                tls.root_certs()
            );
        };
        assert_eq!(
            certs.len(),
            webpki_root_certs::TLS_SERVER_ROOT_CERTS.len() + 1
        );
        assert_eq!(certs.last().unwrap().der(), extra[0].as_slice());
        // Without extra roots ureq keeps its own default, the same public roots.
        assert!(matches!(ureq_tls(&[]).root_certs(), RootCerts::WebPki));
    }

    #[test]
    fn both_lists_of_public_roots_are_the_same_release() {
        // webpki-roots (trust anchors) and webpki-root-certs (certificates) are released
        // together; the same number of roots says the two versions in Cargo.lock match.
        assert_eq!(
            webpki_roots::TLS_SERVER_ROOTS.len(),
            webpki_root_certs::TLS_SERVER_ROOT_CERTS.len()
        );
    }
}
