use super::*;
use crate::diagnostic::located;
use crate::model::probes::{PROBES_FILE, Probes};

fn read(text: &str) -> (Option<Probes>, Vec<Diagnostic>) {
    Probes::read(TomlSource::file(Path::new(PROBES_FILE), text))
}

fn tls_probe(ca_line: &str) -> String {
    format!(
        "[[probe]]\nid = \"internal\"\ncomponent = \"api\"\nkind = \"tls\"\nhost = \"10.0.0.5\"\nport = 443\n{ca_line}\n"
    )
}

/// A self-signed CA certificate made for the test, as PEM and as DER.
fn certificate(name: &str) -> (String, Vec<u8>) {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    (cert.pem(), cert.der().to_vec())
}

#[test]
fn the_path_is_kept_with_the_place_of_its_key() {
    let (probes, errors) = read(&tls_probe("  ca_file = \"certs/internal-ca.pem\""));
    assert!(errors.is_empty(), "{errors:?}");
    let probe = &probes.unwrap().probes[0];
    assert_eq!(
        probe.ca_file,
        Some(CaFile {
            path: "certs/internal-ca.pem".into(),
            position: (7, 3),
            certificates: Vec::new(),
        })
    );
    assert!(
        probe.extra_roots().is_empty(),
        "load reads the certificates"
    );
}

#[test]
fn a_path_that_leaves_the_site_folder_is_refused_at_its_key() {
    for path in [
        "/etc/ssl/certs/internal-ca.pem",
        "../internal-ca.pem",
        "certs/../../internal-ca.pem",
        "\\\\\\\\fileserver\\\\ca.pem",
    ] {
        let (_, errors) = read(&tls_probe(&format!("ca_file = \"{path}\"")));
        let shown = path.replace("\\\\", "\\");
        assert_eq!(
            located(&errors),
            [format!(
                "7:1 `ca_file` must be a path inside the site folder, got `{shown}`"
            )],
            "{path}"
        );
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("ca_file = \"certs/internal-ca.pem\""),
            "{errors:?}"
        );
    }
    // A path that only passes through `.` stays inside.
    let (_, errors) = read(&tls_probe("ca_file = \"./certs/ca.pem\""));
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn kinds_without_tls_do_not_take_a_ca_file() {
    let text = "[[probe]]\nid = \"db\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"db.internal\"\nport = 5432\nca_file = \"certs/ca.pem\"\n\n[[probe]]\nid = \"name\"\ncomponent = \"api\"\nkind = \"dns\"\nname = \"api.internal\"\nca_file = \"certs/ca.pem\"\n\n[[probe]]\nid = \"up\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"https://status.internal\"\nupstream_component = \"API\"\nca_file = \"certs/ca.pem\"\n\n[[probe]]\nid = \"web\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://api.internal/healthz\"\nca_file = \"certs/ca.pem\"\n";
    let (_, errors) = read(text);
    assert_eq!(
        located(&errors),
        [
            "7:11 `ca_file` is not used by kind `tcp`",
            "14:11 `ca_file` is not used by kind `dns`",
        ]
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("remove it; `ca_file` is for kind http and tls and statuspage")
    );
}

#[test]
fn a_bundle_gives_each_certificate_in_order() {
    let (first, first_der) = certificate("Acme Root CA");
    let (second, second_der) = certificate("Acme Issuing CA");
    let bundle = format!("# Acme's internal CAs\n{first}\n{second}");
    assert_eq!(
        parse_pem(bundle.as_bytes()),
        Ok(vec![first_der, second_der])
    );
    // CRLF line ends, as a file saved on Windows has them.
    let crlf = first.replace('\n', "\r\n");
    assert_eq!(parse_pem(crlf.as_bytes()).map(|c| c.len()), Ok(1));
}

#[test]
fn files_without_a_usable_certificate_say_what_they_hold() {
    let (pem, der) = certificate("Acme Root CA");
    assert_eq!(parse_pem(&der), Err(PemProblem::NotPem), "DER, not PEM");
    assert_eq!(parse_pem(b""), Err(PemProblem::NotPem));
    let public_key = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    assert_eq!(
        parse_pem(public_key.as_bytes()),
        Err(PemProblem::NoCertificate(vec!["PUBLIC KEY".into()]))
    );
    let with_key = format!(
        "{pem}-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"
    );
    assert_eq!(
        parse_pem(with_key.as_bytes()),
        Err(PemProblem::PrivateKey("PRIVATE KEY".into()))
    );
    let unterminated = pem.replace("-----END CERTIFICATE-----", "");
    assert_eq!(
        parse_pem(unterminated.as_bytes()),
        Err(PemProblem::Malformed(
            "no -----END CERTIFICATE----- line closes its block".into()
        ))
    );
    let not_base64 = "-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n";
    assert_eq!(
        parse_pem(not_base64.as_bytes()),
        Err(PemProblem::Malformed("a block is not base64".into()))
    );
    let not_x509 = "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n";
    let Err(PemProblem::BadCertificate(2, why)) = parse_pem(format!("{pem}{not_x509}").as_bytes())
    else {
        panic!("the second certificate is not X.509");
    };
    assert!(!why.is_empty());
}

#[test]
fn each_problem_is_an_error_at_the_key_with_a_hint() {
    let ca = CaFile {
        path: "certs/internal-ca.pem".into(),
        position: (7, 1),
        certificates: Vec::new(),
    };
    let d = PemProblem::NoCertificate(vec!["PUBLIC KEY".into()])
        .diagnostic(&ca, Path::new(PROBES_FILE));
    assert_eq!(
        d.to_string(),
        "probes.toml:7:1: error: `ca_file` \"certs/internal-ca.pem\" holds no certificate, only PUBLIC KEY\n  help: put the CA's certificate in it, as a -----BEGIN CERTIFICATE----- block (`openssl x509 -in ca.crt -out ca.pem` writes one)"
    );
    let d = PemProblem::NotPem.diagnostic(&ca, Path::new(PROBES_FILE));
    assert!(d.hint.unwrap().contains("-inform DER"));
}
