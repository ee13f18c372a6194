//! Certificates made at test time (a CA and leaves it signs), a TLS server on loopback, and an
//! HTTPS server that answers every request with one body.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    date_time_ymd,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A certificate authority for the tests.
pub struct Ca {
    issuer: Issuer<'static, KeyPair>,
    /// Its certificate, DER: what the check is given as an extra root.
    pub der: Vec<u8>,
    /// Its certificate, PEM: what a `ca_file` holds.
    pub pem: String,
}

impl Ca {
    /// A CA valid through 2026.
    pub fn new() -> Ca {
        Ca::named("statuspress test CA", (2026, 1, 1), (2027, 1, 1))
    }

    /// A CA named `name`, valid from `from` to `until` (year, month, day; midnight UTC). A check
    /// that judges validity at the machine's clock (as `http` does) needs one that spans it.
    pub fn named(name: &str, from: (i32, u8, u8), until: (i32, u8, u8)) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        params.not_before = date_time_ymd(from.0, from.1, from.2);
        params.not_after = date_time_ymd(until.0, until.1, until.2);
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        Ca {
            issuer: Issuer::new(params, key),
            der: cert.der().to_vec(),
            pem: cert.pem(),
        }
    }

    /// A leaf for `names`, valid from `from` to `until` (year, month, day; midnight UTC), with
    /// its key.
    pub fn leaf(&self, names: &[&str], from: (i32, u8, u8), until: (i32, u8, u8)) -> Leaf {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "statuspress test server");
        params.not_before = date_time_ymd(from.0, from.1, from.2);
        params.not_after = date_time_ymd(until.0, until.1, until.2);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        }
    }
}

/// A server certificate and its key.
pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// A TLS server on 127.0.0.1 that completes handshakes with `leaf` and reads until the client
/// closes. It serves a bounded number of connections; returns its port.
pub fn serve(leaf: Leaf) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(leaf.chain, leaf.key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut tcp) = stream else { continue };
            let config = Arc::clone(&config);
            thread::spawn(move || {
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
                let mut tls = rustls::ServerConnection::new(config).unwrap();
                let mut stream = rustls::Stream::new(&mut tls, &mut tcp);
                let mut sink = [0u8; 1024];
                // Ends at the client's close_notify, a failed handshake or the read timeout.
                while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
            });
        }
    });
    port
}

/// An HTTPS server on 127.0.0.1 with `leaf` that answers each request (whatever its path) with
/// 200 and `body`, then closes. It serves a bounded number of connections; returns its port.
pub fn serve_https(leaf: Leaf, body: &'static str) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(leaf.chain, leaf.key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut tcp) = stream else { continue };
            let config = Arc::clone(&config);
            thread::spawn(move || {
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
                let mut tls = rustls::ServerConnection::new(config).unwrap();
                let mut stream = rustls::Stream::new(&mut tls, &mut tcp);
                // The request's head; a client that refused the certificate sends none.
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes());
                let _ = stream.flush();
                tls.send_close_notify();
                let _ = tls.complete_io(&mut tcp);
            });
        }
    });
    port
}
