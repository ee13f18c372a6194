//! `ca_file`: probes of kind `tls`, `http` and `statuspage` that trust a private CA besides the
//! public roots, run through `statuspress probe` against servers on loopback whose certificates
//! a CA made at test time signs; and what `check` says about a `ca_file` it cannot use.

mod common;
mod probe_support;
mod probe_support_checks;

use common::{TempSite, stderr, stdout};
use probe_support::probe;
use probe_support_checks::tls::{Ca, serve, serve_https};
use std::fs;

/// The CA's certificate, after an unrelated CA's: a bundle of two.
const CA_FILE: &str = "certs/internal-ca.pem";

fn bundle(ca: &Ca) -> String {
    let other = Ca::named("Acme Old Root", (2020, 1, 1), (2100, 1, 1));
    format!("# Acme's internal CAs\n{}\n{}", other.pem, ca.pem)
}

fn read(site: &TempSite, rel: &str) -> String {
    fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The second line of a probe's samples.csv: the run's row.
fn sample(site: &TempSite, id: &str) -> String {
    read(site, &format!(".statuspress/probes/{id}/samples.csv"))
        .lines()
        .nth(1)
        .unwrap_or_else(|| panic!("{id} recorded no sample"))
        .to_string()
}

/// Runs the probes at `now` and returns the printed lines, each checked to succeed.
fn run(site: &TempSite, now: &str) -> Vec<String> {
    let out = probe(site.path(), now);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn a_tls_probe_trusts_the_private_ca_of_its_ca_file() {
    let ca = Ca::new();
    let port = serve(ca.leaf(&["localhost", "127.0.0.1"], (2026, 7, 1), (2026, 10, 29)));
    let site = TempSite::new();
    site.write(CA_FILE, &bundle(&ca));
    let target = format!("host = \"127.0.0.1\"\nport = {port}\ntimeout_ms = 2000\nretries = 0");
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"public-only\"\ncomponent = \"web\"\nkind = \"tls\"\n{target}\n\n\
             [[probe]]\nid = \"internal\"\ncomponent = \"web\"\nkind = \"tls\"\n{target}\nca_file = \"{CA_FILE}\"\n"
        ),
    );
    let lines = run(&site, "2026-07-31T12:00:00Z");
    assert!(
        lines[0].starts_with("public-only: down (certificate chain is not trusted"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("internal: ok "), "{lines:?}");
    let trusted = sample(&site, "internal");
    assert!(
        trusted.starts_with("2026-07-31T12:00:00Z,ok,")
            && trusted.ends_with(",\"certificate valid until 2026-10-29 00:00 UTC, in 90 days\""),
        "{trusted}"
    );
    let untrusted = sample(&site, "public-only");
    assert!(
        untrusted.starts_with("2026-07-31T12:00:00Z,down,")
            && untrusted.contains("certificate chain is not trusted"),
        "{untrusted}"
    );
}

#[test]
fn an_http_probe_trusts_the_private_ca_of_its_ca_file() {
    // ureq judges validity at the machine's clock, so these certificates span it.
    let ca = Ca::named("Acme Internal CA", (2020, 1, 1), (2100, 1, 1));
    let leaf = ca.leaf(&["localhost", "127.0.0.1"], (2020, 1, 1), (2099, 1, 1));
    let port = serve_https(leaf, "status: ok");
    let site = TempSite::new();
    site.write(CA_FILE, &bundle(&ca));
    let target = format!(
        "url = \"https://127.0.0.1:{port}/healthz\"\nexpect_body = \"status: ok\"\ntimeout_ms = 2000\nretries = 0"
    );
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"public-only\"\ncomponent = \"api\"\nkind = \"http\"\n{target}\n\n\
             [[probe]]\nid = \"internal\"\ncomponent = \"api\"\nkind = \"http\"\n{target}\nca_file = \"{CA_FILE}\"\n"
        ),
    );
    let lines = run(&site, "2026-11-23T12:00:00Z");
    assert!(
        lines[0].starts_with("public-only: down (certificate chain is not trusted"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("internal: ok "), "{lines:?}");
    let trusted = sample(&site, "internal");
    assert!(
        trusted.starts_with("2026-11-23T12:00:00Z,ok,") && trusted.ends_with(",HTTP 200"),
        "{trusted}"
    );
    assert!(sample(&site, "public-only").starts_with("2026-11-23T12:00:00Z,down,"));
}

#[test]
fn a_statuspage_probe_reads_a_provider_behind_the_private_ca() {
    let summary: &'static str = Box::leak(
        fs::read_to_string(
            common::repo().join("tests/fixtures/statuspage/github-summary.2026-07-31.json"),
        )
        .unwrap()
        .into_boxed_str(),
    );
    let ca = Ca::named("Acme Internal CA", (2020, 1, 1), (2100, 1, 1));
    let leaf = ca.leaf(&["localhost", "127.0.0.1"], (2020, 1, 1), (2099, 1, 1));
    let port = serve_https(leaf, summary);
    let site = TempSite::new();
    site.write(CA_FILE, &ca.pem);
    let target = format!(
        "url = \"https://127.0.0.1:{port}\"\nupstream_component = \"git operations\"\ntimeout_ms = 2000\nretries = 0"
    );
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"public-only\"\ncomponent = \"api\"\nkind = \"statuspage\"\n{target}\n\n\
             [[probe]]\nid = \"internal\"\ncomponent = \"api\"\nkind = \"statuspage\"\n{target}\nca_file = \"{CA_FILE}\"\n"
        ),
    );
    let lines = run(&site, "2026-11-23T12:00:00Z");
    assert!(
        lines[0].starts_with("public-only: down (the provider's status page could not be read"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("internal: ok "), "{lines:?}");
}

/// The line and column of the `ca_file` key of the probe `id` in `text`.
fn key_of(text: &str, id: &str) -> String {
    let start = text.find(&format!("id = \"{id}\"")).unwrap();
    let at = start + text[start..].find("ca_file").unwrap();
    format!("{}:1", text[..at].lines().count() + 1)
}

#[test]
fn check_reports_each_unusable_ca_file_at_its_key() {
    let ca = Ca::new();
    let site = TempSite::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("ca.pem"), &ca.pem).unwrap();
    site.write("certs/not-pem.pem", "this is not a certificate\n");
    site.write(
        "certs/public-key.pem",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n",
    );
    site.write(
        "certs/cut.pem",
        &ca.pem.replace("-----END CERTIFICATE-----", ""),
    );
    let cases = [
        ("missing", "certs/missing.pem"),
        ("absolute", "/etc/ssl/certs/ca-certificates.crt"),
        ("parent", "../ca.pem"),
        ("linked", "linked/ca.pem"),
        ("not-pem", "certs/not-pem.pem"),
        ("no-certificate", "certs/public-key.pem"),
        ("cut", "certs/cut.pem"),
        ("folder", "certs"),
    ];
    let mut text = String::new();
    for (id, path) in cases {
        text.push_str(&format!(
            "[[probe]]\nid = \"{id}\"\ncomponent = \"web\"\nkind = \"tls\"\nhost = \"127.0.0.1\"\nport = 443\nca_file = \"{path}\"\n\n"
        ));
    }
    text.push_str("[[probe]]\nid = \"db\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"127.0.0.1\"\nport = 5432\nca_file = \"certs/cut.pem\"\n");
    site.write("probes.toml", &text);
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.path().join("linked")).unwrap();

    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let expected = [
        (
            "missing",
            "`ca_file` \"certs/missing.pem\" does not exist\n  help: put the CA's certificate (PEM) at that path, or correct it: it is relative to the site folder",
        ),
        (
            "absolute",
            "`ca_file` must be a path inside the site folder, got `/etc/ssl/certs/ca-certificates.crt`\n  help: copy the CA's certificate into the site folder",
        ),
        (
            "parent",
            "`ca_file` must be a path inside the site folder, got `../ca.pem`",
        ),
        (
            "not-pem",
            "`ca_file` \"certs/not-pem.pem\" is not PEM text\n  help: write the CA's certificate as PEM",
        ),
        (
            "no-certificate",
            "`ca_file` \"certs/public-key.pem\" holds no certificate, only PUBLIC KEY\n  help: put the CA's certificate in it",
        ),
        (
            "cut",
            "`ca_file` \"certs/cut.pem\" is not valid PEM: no -----END CERTIFICATE----- line closes its block\n  help: export the certificate as PEM again",
        ),
        (
            "folder",
            "`ca_file` \"certs\" is a folder\n  help: name the certificate file inside it",
        ),
    ];
    for (id, message) in expected {
        let line = format!("probes.toml:{}: error: {message}", key_of(&text, id));
        assert!(err.contains(&line), "{id}: no `{line}` in\n{err}");
    }
    if cfg!(unix) {
        let line = format!(
            "probes.toml:{}: error: `ca_file` \"linked/ca.pem\" is not read: linked: symbolic link leads outside the site folder, to {}\n  help: copy the CA's certificate into the site folder instead of linking to it",
            key_of(&text, "linked"),
            outside.path().display()
        );
        assert!(err.contains(&line), "no `{line}` in\n{err}");
    }
    let db = text.find("id = \"db\"").unwrap();
    let db_line = text[..db].lines().count() + 6;
    assert!(
        err.contains(&format!("probes.toml:{db_line}:11: error: `ca_file` is not used by kind `tcp`\n  help: remove it; `ca_file` is for kind http and tls and statuspage")),
        "{err}"
    );

    // The run refuses too, before any check and without writing a sample.
    let out = probe(site.path(), "2026-11-23T12:00:00Z");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("nothing was checked"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path().join(".statuspress").exists());

    // The same probes with a good file pass.
    site.write(CA_FILE, &ca.pem);
    site.write(
        "probes.toml",
        &format!(
            "[[probe]]\nid = \"internal\"\ncomponent = \"web\"\nkind = \"tls\"\nhost = \"127.0.0.1\"\nport = 443\nca_file = \"{CA_FILE}\"\n"
        ),
    );
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
