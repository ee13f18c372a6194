//! Mastodon: one public post per notice from the status account, through the instance's API
//! (`POST /api/v1/statuses`) with an access token that may only write statuses.
//!
//! Each request carries `Idempotency-Key: digest(key)`: Mastodon answers a repeated request
//! with the same key with the post it already made, so a retry after a lost answer never
//! posts twice.

mod status;

use std::io::Read as _;
use std::time::Duration;

use super::digest::digest;
use super::{Channel, Delivery, Outgoing, Secret, SendError};
use crate::notify::notice::Notice;

pub use status::{MAX_CHARS, URL_CHARS, compose, length};

/// The account that posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MastodonSettings {
    /// The instance's address, e.g. `https://mastodon.social`.
    pub instance: String,
    /// The access token, from the environment variable named by `token_env`.
    pub token: String,
    /// `public` (the default), `unlisted`, `private` or `direct`.
    pub visibility: String,
    /// How long connecting, and the whole request, may take.
    pub timeout: Duration,
}

/// The visibilities Mastodon accepts.
const VISIBILITIES: [&str; 4] = ["public", "unlisted", "private", "direct"];

/// The endpoint for new posts, from the instance's address: HTTPS, or plain HTTP only to this
/// machine (the token must not cross a network unencrypted).
fn endpoint(instance: &str) -> Result<String, SendError> {
    let hint = "write the instance's address, e.g. instance = \"https://mastodon.social\"";
    let url = url::Url::parse(instance.trim()).map_err(|e| {
        SendError::Permanent(format!(
            "the Mastodon instance {instance:?} is not an address ({e}): {hint}"
        ))
    })?;
    let loopback = matches!(url.host(), Some(url::Host::Domain("localhost")))
        || matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
        || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        scheme => {
            return Err(SendError::Permanent(format!(
                "the Mastodon instance {instance:?} uses {scheme}: the token is only sent over \
                 https; {hint}"
            )));
        }
    }
    Ok(format!(
        "{}/api/v1/statuses",
        url.as_str().trim_end_matches('/')
    ))
}

/// The visibility to post with: `public` when none is set.
fn visibility(settings: &MastodonSettings) -> Result<&str, SendError> {
    let v = settings.visibility.trim();
    match v {
        "" => Ok("public"),
        v if VISIBILITIES.contains(&v) => Ok(v),
        v => Err(SendError::Permanent(format!(
            "Mastodon visibility {v:?} is unknown: use one of {}",
            VISIBILITIES.join(", ")
        ))),
    }
}

/// Posts `notice` on the account of `settings`.
pub fn send(settings: &MastodonSettings, notice: &Notice) -> Result<(), SendError> {
    let endpoint = endpoint(&settings.instance)?;
    let visibility = visibility(settings)?;
    if settings.token.trim().is_empty() {
        return Err(SendError::Permanent(
            "the Mastodon access token is empty: set the variable named by token_env".into(),
        ));
    }
    let status = compose(notice);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(settings.timeout))
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let response = agent
        .post(&endpoint)
        .header(
            "Authorization",
            &format!("Bearer {}", settings.token.trim()),
        )
        .header("Idempotency-Key", &digest(&notice.key))
        .send_form([("status", status.as_str()), ("visibility", visibility)]);
    let mut response = match response {
        Ok(response) => response,
        Err(e @ (ureq::Error::BadUri(_) | ureq::Error::InvalidProxyUrl)) => {
            return Err(SendError::Permanent(format!(
                "the Mastodon instance cannot be reached as written: {e}"
            )));
        }
        Err(e) => {
            return Err(SendError::retry(format!(
                "Mastodon at {} could not be reached: {e}",
                settings.instance
            )));
        }
    };
    let code = response.status().as_u16();
    if (200..300).contains(&code) {
        return Ok(());
    }
    let mut body = String::new();
    let _ = response
        .body_mut()
        .as_reader()
        .take(4096)
        .read_to_string(&mut body);
    let reason = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
        .unwrap_or_else(|| body.chars().take(200).collect());
    let said = format!("Mastodon answered {code}: {reason}");
    Err(match code {
        408 | 429 | 500..=599 => SendError::retry(said),
        300..=399 => SendError::Permanent(format!(
            "{said}; it redirects to {}: set instance to the address it redirects to",
            response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or("another address")
        )),
        401 | 403 => SendError::Permanent(format!(
            "{said}; check the token: it needs the write:statuses scope"
        )),
        _ => SendError::Permanent(said),
    })
}

/// What a dry run shows: the request, the token masked, and the post with its length as
/// Mastodon counts it.
pub fn preview(settings: &MastodonSettings, notice: &Notice) -> Result<String, SendError> {
    let endpoint = endpoint(&settings.instance)?;
    let visibility = visibility(settings)?;
    let status = compose(notice);
    Ok(format!(
        "POST {endpoint}\nAuthorization: Bearer ****\nIdempotency-Key: {}\nvisibility: {visibility}\n\n{status}\n\n({} of {MAX_CHARS} characters)\n",
        digest(&notice.key),
        length(&status),
    ))
}

/// The Mastodon channel of a `[[notify]]` entry: one post per event.
pub struct Mastodon {
    /// Its name in the ledger.
    pub name: String,
    /// `instance` of the entry.
    pub instance: String,
    /// The access token, from the variable named by `token_env`.
    pub token: Secret,
    /// How long connecting, and the whole request, may take.
    pub timeout: Duration,
}

impl Channel for Mastodon {
    fn name(&self) -> &str {
        &self.name
    }

    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        vec![Box::new(MastodonDelivery {
            settings: MastodonSettings {
                instance: self.instance.clone(),
                token: self.token.value.clone().unwrap_or_default(),
                visibility: String::new(),
                timeout: self.timeout,
            },
            notice: event.notice.clone(),
        })]
    }
}

/// One post of the Mastodon channel.
struct MastodonDelivery {
    settings: MastodonSettings,
    notice: Notice,
}

impl Delivery for MastodonDelivery {
    fn preview(&self) -> String {
        preview(&self.settings, &self.notice).unwrap_or_else(|e| format!("cannot be sent: {e:?}"))
    }

    fn send(&self) -> Result<String, SendError> {
        send(&self.settings, &self.notice).map(|()| "posted".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::channel::sample::notice;

    fn settings(instance: &str) -> MastodonSettings {
        MastodonSettings {
            instance: instance.into(),
            token: "t0ken-secret".into(),
            visibility: String::new(),
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn the_endpoint_needs_https_except_on_this_machine() {
        assert_eq!(
            endpoint("https://mastodon.social/").unwrap(),
            "https://mastodon.social/api/v1/statuses"
        );
        assert_eq!(
            endpoint("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080/api/v1/statuses"
        );
        assert!(endpoint("http://localhost").is_ok());
        assert!(endpoint("http://[::1]:9").is_ok());
        for bad in ["http://mastodon.social", "mastodon.social", "ftp://x.test"] {
            let Err(SendError::Permanent(text)) = endpoint(bad) else {
                panic!("{bad} was accepted")
            };
            assert!(text.contains("https://mastodon.social"), "{text}");
        }
    }

    #[test]
    fn visibility_defaults_to_public_and_rejects_unknown_values() {
        let mut s = settings("https://m.test");
        assert_eq!(visibility(&s), Ok("public"));
        s.visibility = "unlisted".into();
        assert_eq!(visibility(&s), Ok("unlisted"));
        s.visibility = "friends".into();
        assert!(matches!(visibility(&s), Err(SendError::Permanent(t)) if t.contains("unlisted")));
        assert!(matches!(send(&s, &notice()), Err(SendError::Permanent(_))));
    }

    #[test]
    fn an_empty_token_is_permanent_and_sends_nothing() {
        let mut s = settings("https://m.test");
        s.token = " ".into();
        assert!(matches!(
            send(&s, &notice()),
            Err(SendError::Permanent(t)) if t.contains("token_env")
        ));
    }

    #[test]
    fn the_preview_masks_the_token_and_counts_the_post() {
        let p = preview(&settings("https://mastodon.social"), &notice()).unwrap();
        assert!(!p.contains("t0ken"), "{p}");
        assert!(p.starts_with(
            "POST https://mastodon.social/api/v1/statuses\nAuthorization: Bearer ****\n"
        ));
        assert!(p.contains(&format!("Idempotency-Key: {}\n", digest(&notice().key))));
        assert!(p.contains("visibility: public\n"));
        let status = compose(&notice());
        assert!(p.contains(&format!(
            "\n\n{status}\n\n({} of 500 characters)\n",
            length(&status)
        )));
    }
}
