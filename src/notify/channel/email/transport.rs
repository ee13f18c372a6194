//! The relay: an SMTP address read into a lettre transport with timeouts and the chosen
//! encryption, and lettre's errors sorted into retry or give up.

use std::time::Duration;

use lettre::SmtpTransport;
use lettre::transport::smtp::Error;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use url::Url;

use crate::notify::channel::SendError;

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Security {
    /// `smtps://`: TLS from the first byte.
    Tls,
    /// `smtp://`: STARTTLS, and no message is sent if the server does not offer it.
    StartTls,
    /// `smtp://…?tls=none`: plain text, for a relay on the same machine or network.
    Plain,
}

/// The parts of an SMTP address this channel decides on.
#[derive(Debug)]
struct Relay {
    url: Url,
    host: String,
    security: Security,
}

fn parse(smtp_url: &str) -> Result<Relay, SendError> {
    let hint = "write smtps://user:password@host, smtp://user:password@host:587 (STARTTLS) or \
                smtp://host?tls=none (a local relay), with special characters of the password \
                percent-encoded";
    let url = Url::parse(smtp_url).map_err(|e| {
        SendError::Permanent(format!(
            "the SMTP address is not a URL ({e}) in {}: {hint}",
            mask(smtp_url)
        ))
    })?;
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| {
            SendError::Permanent(format!(
                "the SMTP address {} has no host: {hint}",
                mask(smtp_url)
            ))
        })?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let security = match (url.scheme(), tls.as_deref()) {
        ("smtps", None) => Security::Tls,
        ("smtp", None | Some("required")) => Security::StartTls,
        ("smtp", Some("none")) => Security::Plain,
        (scheme, tls) => {
            let what = tls.map_or(format!("scheme {scheme:?}"), |t| {
                format!("scheme {scheme:?} with tls={t}")
            });
            return Err(SendError::Permanent(format!(
                "the SMTP address {} has an unknown {what}: {hint}",
                mask(smtp_url)
            )));
        }
    };
    Ok(Relay {
        url,
        host,
        security,
    })
}

/// The transport for `smtp_url`: each connection attempt and each command may take `timeout`;
/// `roots` are trusted beside the public certificate authorities.
pub(super) fn build(
    smtp_url: &str,
    timeout: Duration,
    roots: Vec<Certificate>,
) -> Result<SmtpTransport, SendError> {
    let relay = parse(smtp_url)?;
    // lettre reads the credentials, the port and the EHLO name from the address; its own
    // reading of `tls` differs (no parameter means plain text there), so the query is replaced
    // and the encryption set here.
    let mut lettre_url = relay.url.clone();
    lettre_url.set_query(match relay.security {
        Security::StartTls => Some("tls=required"),
        Security::Tls | Security::Plain => None,
    });
    let builder = SmtpTransport::from_url(lettre_url.as_str())
        .map_err(|e| SendError::Permanent(format!("the SMTP address cannot be used: {e}")))?;
    let tls = |roots: Vec<Certificate>| {
        roots
            .into_iter()
            .fold(TlsParameters::builder(relay.host.clone()), |b, cert| {
                b.add_root_certificate(cert)
            })
            .build_rustls()
            .map_err(|e| SendError::Permanent(format!("TLS cannot be set up: {e}")))
    };
    let tls = match relay.security {
        Security::Tls => Tls::Wrapper(tls(roots)?),
        Security::StartTls => Tls::Required(tls(roots)?),
        Security::Plain => Tls::None,
    };
    Ok(builder.tls(tls).timeout(Some(timeout)).build())
}

/// The relay for a dry run: its address with the password masked, and how it is protected.
pub(super) fn describe(smtp_url: &str) -> Result<String, SendError> {
    let relay = parse(smtp_url)?;
    let how = match relay.security {
        Security::Tls => "TLS",
        Security::StartTls => "STARTTLS required",
        Security::Plain => "no encryption",
    };
    Ok(format!("{} ({how})", mask(smtp_url)))
}

/// `smtp_url` with its password, if any, replaced by `****`.
pub(super) fn mask(smtp_url: &str) -> String {
    match Url::parse(smtp_url) {
        Ok(mut url) => {
            if url.password().is_some() {
                // Only fails for URLs that cannot have a password, and this one has one.
                let _ = url.set_password(Some("****"));
            }
            url.to_string()
        }
        // Not a URL: show nothing of it past a possible user name.
        Err(_) => match smtp_url.rsplit_once('@') {
            Some((_, host)) => format!("****@{host}"),
            None => smtp_url.to_owned(),
        },
    }
}

/// Whether a failed send is worth another try: a 5xx reply (a refused address or message, failed
/// authentication), a server without STARTTLS or a certificate that does not verify fail the
/// same way next time; timeouts, closed connections and 4xx replies may not.
pub(super) fn classify(error: &Error) -> SendError {
    let text = error.to_string();
    if error.is_permanent() {
        SendError::Permanent(format!("the mail server refused the message: {text}"))
    } else if error.is_transient() {
        SendError::retry(format!("the mail server asked to try again later: {text}"))
    } else if error.is_timeout() {
        SendError::retry(format!("the mail server did not answer in time: {text}"))
    } else if error.is_client() {
        SendError::Permanent(format!(
            "the mail server cannot be used as configured: {text} (with STARTTLS missing, use \
             smtps:// or, for a local relay, ?tls=none)"
        ))
    } else if error.is_tls() || is_certificate_error(error) {
        SendError::Permanent(format!(
            "TLS with the mail server failed: {text} (check the host name in the SMTP address \
             and the server's certificate)"
        ))
    } else {
        SendError::retry(format!("the mail server could not be reached: {text}"))
    }
}

/// Whether TLS failed on the server's certificate or on an incompatible server, which lettre
/// reports as a network error: the next attempt would fail the same way.
fn is_certificate_error(error: &Error) -> bool {
    let mut source = std::error::Error::source(error);
    while let Some(err) = source {
        let tls = err.downcast_ref::<rustls::Error>().or_else(|| {
            err.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if matches!(
            tls,
            Some(rustls::Error::InvalidCertificate(_) | rustls::Error::PeerIncompatible(_))
        ) {
            return true;
        }
        source = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_choose_the_encryption_and_plain_smtp_means_starttls() {
        let sec = |u: &str| parse(u).map(|r| r.security);
        assert_eq!(sec("smtps://u:p@smtp.acme.test"), Ok(Security::Tls));
        assert_eq!(sec("smtp://u:p@smtp.acme.test:587"), Ok(Security::StartTls));
        assert_eq!(
            sec("smtp://smtp.acme.test?tls=required"),
            Ok(Security::StartTls)
        );
        assert_eq!(sec("smtp://localhost:25?tls=none"), Ok(Security::Plain));
        let err = sec("smtp://u:secret@smtp.acme.test?tls=opportunistic").unwrap_err();
        let SendError::Permanent(text) = err else {
            panic!("{err:?}")
        };
        assert!(text.contains("tls=opportunistic"), "{text}");
        assert!(text.contains("smtps://user:password@host"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        assert!(matches!(sec("http://x"), Err(SendError::Permanent(_))));
        assert!(matches!(sec("not a url"), Err(SendError::Permanent(_))));
    }

    #[test]
    fn passwords_are_masked_and_nothing_else_is() {
        assert_eq!(
            mask("smtps://ann:p%40ss@smtp.acme.test:465"),
            "smtps://ann:****@smtp.acme.test:465"
        );
        assert_eq!(mask("smtp://relay:25?tls=none"), "smtp://relay:25?tls=none");
        assert_eq!(mask("::ann:pw@host"), "****@host");
        assert_eq!(
            describe("smtp://ann:pw@smtp.acme.test").unwrap(),
            "smtp://ann:****@smtp.acme.test (STARTTLS required)"
        );
    }

    #[test]
    fn transports_build_for_every_accepted_address() {
        for url in [
            "smtps://ann:pw@smtp.acme.test",
            "smtp://ann:pw@smtp.acme.test:2525/ehlo.acme.test",
            "smtp://127.0.0.1:25?tls=none",
        ] {
            assert!(
                build(url, Duration::from_secs(1), Vec::new()).is_ok(),
                "{url}"
            );
        }
    }
}
