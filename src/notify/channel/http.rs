//! JSON posted over HTTP: the deliveries of Slack, Discord, Teams and the webhook.

use super::{Delivery, Secret, SendError};
use std::io::Read;
use std::time::Duration;

/// `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("statuspress/", env!("CARGO_PKG_VERSION"));

/// How much of a receiver's reply a failure quotes.
const QUOTED_BYTES: u64 = 200;

/// Where a channel posts: its name, its address (a secret) and the agent that sends.
#[derive(Debug, Clone)]
pub struct Target {
    /// The channel's name, for messages.
    pub name: String,
    /// The webhook address.
    pub url: Secret,
    /// The HTTP agent, with the run's timeouts.
    pub agent: ureq::Agent,
}

impl Target {
    /// A JSON post of `body` to this target, with the common headers.
    pub fn post_json(&self, body: &serde_json::Value) -> HttpPost {
        self.post(serde_json::to_string_pretty(body).unwrap_or_default())
    }

    /// A post of the JSON text `body` to this target, with the common headers.
    pub fn post(&self, body: String) -> HttpPost {
        HttpPost {
            url: self.url.clone(),
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("User-Agent".into(), USER_AGENT.into()),
            ],
            signature: None,
            body,
            agent: self.agent.clone(),
        }
    }
}

/// One HTTP POST.
#[derive(Debug, Clone)]
pub struct HttpPost {
    /// The address.
    pub url: Secret,
    /// Headers that hold no secret, in sending order.
    pub headers: Vec<(String, String)>,
    /// A key to sign the body with: `X-Statuspress-Signature: sha256=<HMAC-SHA256 of the body>`.
    pub signature: Option<Secret>,
    /// The exact body.
    pub body: String,
    agent: ureq::Agent,
}

/// The header of a webhook signature.
pub const SIGNATURE_HEADER: &str = "X-Statuspress-Signature";

/// `sha256=<hex>`: the HMAC-SHA256 of `body` with `key`, as the signature header holds it.
pub fn sign(key: &[u8], body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key)
        .expect("HMAC takes a key of any length");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

impl Delivery for HttpPost {
    fn preview(&self) -> String {
        let mut out = format!("POST {}\n", self.url.masked_url());
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        if let Some(key) = &self.signature {
            out.push_str(&format!(
                "{SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body with {}>\n",
                key.placeholder()
            ));
        }
        out.push('\n');
        out.push_str(&self.body);
        out.push('\n');
        out
    }

    fn send(&self) -> Result<String, SendError> {
        let Some(url) = self.url.value.as_deref() else {
            return Err(SendError::Permanent(format!(
                "{} is not set",
                self.url.placeholder()
            )));
        };
        let mut request = self.agent.post(url);
        for (k, v) in &self.headers {
            request = request.header(k, v);
        }
        if let Some(key) = self.signature.as_ref().and_then(|k| k.value.as_deref()) {
            request = request.header(SIGNATURE_HEADER, sign(key.as_bytes(), self.body.as_bytes()));
        }
        let mut response = match request.send(self.body.as_bytes()) {
            Ok(r) => r,
            Err(e) => return Err(transport_error(&e, &self.url)),
        };
        let status = response.status().as_u16();
        let after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after);
        let mut quoted = Vec::new();
        let _ = response
            .body_mut()
            .as_reader()
            .take(QUOTED_BYTES)
            .read_to_end(&mut quoted);
        let reply = String::from_utf8_lossy(&quoted).trim().to_string();
        let answer = if reply.is_empty() {
            format!("HTTP {status}")
        } else {
            format!("HTTP {status}: {reply}")
        };
        match status {
            200..=299 => Ok(format!("HTTP {status}")),
            408 | 429 | 500..=599 => Err(SendError::Retry {
                reason: answer,
                after,
            }),
            _ => Err(SendError::Permanent(answer)),
        }
    }
}

/// A `Retry-After` in seconds (the HTTP-date form is left to the backoff).
fn retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// An error before any answer, in words that never quote the address (it is a secret). A
/// malformed address never works; anything else (a timeout, a refused connection, a name that
/// does not resolve now, TLS) may pass later.
fn transport_error(e: &ureq::Error, url: &Secret) -> SendError {
    let reason = match e {
        ureq::Error::Timeout(_) => "no answer in time".to_string(),
        ureq::Error::HostNotFound => "the host name does not resolve".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            return SendError::Permanent(format!(
                "{} does not hold a usable http(s) address",
                url.placeholder()
            ));
        }
        other => {
            let text = other.to_string();
            match url.value.as_deref() {
                Some(secret) if !secret.is_empty() => text.replace(secret, &url.masked_url()),
                _ => text,
            }
        }
    };
    SendError::Retry {
        reason,
        after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_the_hmac_sha256_of_the_body() {
        // RFC 4231, test case 2.
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn retry_after_takes_seconds() {
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }

    #[test]
    fn a_preview_masks_the_address_and_the_key() {
        let target = Target {
            name: "webhook".into(),
            url: Secret {
                var: "HOOK".into(),
                value: Some("https://hooks.test/abc?token=xyz".into()),
            },
            agent: ureq::Agent::new_with_defaults(),
        };
        let mut post = target.post_json(&serde_json::json!({"a": 1}));
        post.signature = Some(Secret {
            var: "HOOK_KEY".into(),
            value: Some("k3y".into()),
        });
        let preview = post.preview();
        assert_eq!(
            preview,
            format!(
                "POST https://hooks.test/•••\nContent-Type: application/json\nUser-Agent: {USER_AGENT}\nX-Statuspress-Signature: sha256=<HMAC-SHA256 of the body with $HOOK_KEY>\n\n{{\n  \"a\": 1\n}}\n"
            )
        );
        assert!(!preview.contains("xyz") && !preview.contains("k3y"));
    }
}
