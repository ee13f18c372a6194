//! Channels: where an event goes, and how its message is rendered and sent.
//!
//! A [`Channel`] turns one event into its [`Delivery`]s, purely: most channels send one message
//! per event; the generic webhook sends Statuspage's incident payload and then one
//! `component_update` payload per component whose status the update changed. A delivery can
//! show what it would send (`--dry-run`, secrets masked) and send it once; retries, the ledger
//! and the order of events are the runner's (`notify::run`).
//!
//! Each kind lives in its own file and builds its messages from the [`Outgoing`] event:
//! Slack, Discord, Teams and the webhook post JSON over HTTP ([`http`]); [`email`] speaks SMTP
//! and [`mastodon`] posts a status. Each returns [`SendError::Retry`] for what may pass (a
//! timeout, a refused connection, a 4xx SMTP reply) and [`SendError::Permanent`] for what never
//! will; [`build`] is the one place that maps a `kind` to its channel.

pub mod digest;
pub mod discord;
pub mod email;
pub mod http;
pub mod mastodon;
pub mod plain;
#[cfg(test)]
mod sample;
pub mod slack;
pub mod teams;
pub mod webhook;

use super::notice::Notice;
use crate::model::config::{ChannelKind, NotifyChannel};
use std::time::Duration;

/// Why a delivery was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// It may pass later: a timeout, a refused connection, a 5xx, 408 or 429 answer. Tried
    /// again within the run; if it still fails, left unrecorded for the next run.
    Retry {
        /// What went wrong, e.g. `HTTP 503: busy`.
        reason: String,
        /// How long the receiver asked to wait (`Retry-After`), if it said.
        after: Option<Duration>,
    },
    /// It never will, e.g. a 400 or 404 answer: recorded as failed and never tried again.
    Permanent(String),
}

impl SendError {
    /// A failure worth trying again, with no wait asked for.
    pub fn retry(reason: impl Into<String>) -> SendError {
        SendError::Retry {
            reason: reason.into(),
            after: None,
        }
    }
}

/// One message of one event on one channel.
pub trait Delivery {
    /// Everything a send would transmit, as a dry run prints it: for HTTP the method, the
    /// address with its secret part masked, the headers but secrets, and the exact body.
    fn preview(&self) -> String;
    /// Sends the message once; on success, the receiver's answer in a few words (`HTTP 200`).
    fn send(&self) -> Result<String, SendError>;
}

/// What every channel is given for one event.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// The channel-neutral content.
    pub notice: &'a Notice,
    /// Statuspage's webhook payloads of the event, as the JSON bodies sent: the `incident`
    /// payload, then one `component_update` payload per component the update changed.
    pub statuspage: &'a [String],
}

/// A configured channel.
pub trait Channel {
    /// Its name in the ledger and in messages.
    fn name(&self) -> &str;
    /// The messages that announce `event` on this channel, in sending order; never empty.
    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>>;
}

/// A secret read from the environment: the variable's name and, when set, its value. A dry run
/// builds channels whose secrets are not set, and shows `$NAME` in their place.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret {
    /// The variable's name.
    pub var: String,
    /// Its value; `None` when unset (dry runs only).
    pub value: Option<String>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "${}", self.var)
    }
}

impl Secret {
    /// The value when set, else `$VAR`, for a preview.
    pub fn placeholder(&self) -> String {
        format!("${}", self.var)
    }

    /// An address with everything after the host masked (`https://hooks.slack.com/•••`), or
    /// `$VAR` when unset: webhook addresses carry their secret in the path or the query.
    pub fn masked_url(&self) -> String {
        let Some(url) = &self.value else {
            return self.placeholder();
        };
        let Some((scheme, rest)) = url.split_once("://") else {
            return "•••".to_string();
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        if rest.len() > authority.len() || host.len() < authority.len() {
            format!("{scheme}://{host}/•••")
        } else {
            format!("{scheme}://{host}")
        }
    }
}

/// How channels reach the network: one HTTP agent with timeouts on everything.
#[derive(Debug, Clone)]
pub struct Transport {
    /// The agent every HTTP request goes through.
    pub agent: ureq::Agent,
    /// How long one request (or one SMTP exchange step) may take.
    pub timeout: Duration,
}

impl Transport {
    /// A transport whose requests give up after `timeout` in all, and after `connect` when
    /// connecting.
    pub fn new(timeout: Duration, connect: Duration) -> Transport {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(connect.min(timeout)))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(http::USER_AGENT)
            .build();
        Transport {
            agent: config.into(),
            timeout,
        }
    }
}

/// Why a channel cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A variable it needs is unset or empty.
    MissingSecret(String),
    /// This build cannot send to this kind of channel.
    Unavailable(ChannelKind),
}

/// The channel of a `[[notify]]` entry, with its secrets from `env`. With `dry_run`, unset
/// secrets are shown as `$VAR` instead of stopping the channel.
pub fn build(
    config: &NotifyChannel,
    env: &dyn Fn(&str) -> Option<String>,
    transport: &Transport,
    dry_run: bool,
) -> Result<Box<dyn Channel>, BuildError> {
    let secret =
        |var: &Option<crate::model::config::notify::EnvVar>| -> Result<Option<Secret>, BuildError> {
            let Some(var) = var else { return Ok(None) };
            let value = env(&var.name).filter(|v| !v.trim().is_empty());
            if value.is_none() && !dry_run {
                return Err(BuildError::MissingSecret(var.name.clone()));
            }
            Ok(Some(Secret {
                var: var.name.clone(),
                value: value.map(|v| v.trim().to_string()),
            }))
        };
    let url = secret(&config.url_env)?;
    let signing = secret(&config.secret_env)?;
    let name = config.name.clone();
    let post = |url: Option<Secret>| http::Target {
        name: name.clone(),
        url: url.unwrap_or_else(|| Secret {
            var: String::new(),
            value: None,
        }),
        agent: transport.agent.clone(),
    };
    Ok(match config.kind {
        ChannelKind::Slack => Box::new(slack::Slack(post(url))),
        ChannelKind::Discord => Box::new(discord::Discord(post(url))),
        ChannelKind::Teams => Box::new(teams::Teams(post(url))),
        ChannelKind::Webhook => Box::new(webhook::Webhook {
            target: post(url),
            secret: signing,
        }),
        ChannelKind::Email => Box::new(email::Email {
            name,
            smtp: url.unwrap_or_default(),
            from: config.from.clone().unwrap_or_default(),
            to: config.to.clone(),
            timeout: transport.timeout,
        }),
        ChannelKind::Mastodon => Box::new(mastodon::Mastodon {
            name,
            instance: config.instance.clone().unwrap_or_default(),
            token: secret(&config.token_env)?.unwrap_or_default(),
            timeout: transport.timeout,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(value: Option<&str>) -> Secret {
        Secret {
            var: "SLACK_WEBHOOK_URL".into(),
            value: value.map(str::to_string),
        }
    }

    #[test]
    fn addresses_are_masked_after_the_host() {
        assert_eq!(
            secret(Some("https://hooks.slack.com/services/T0/B0/xyz")).masked_url(),
            "https://hooks.slack.com/•••"
        );
        assert_eq!(
            secret(Some("https://user:pw@hook.test:8443?sig=abc")).masked_url(),
            "https://hook.test:8443/•••"
        );
        assert_eq!(
            secret(Some("http://127.0.0.1:9")).masked_url(),
            "http://127.0.0.1:9"
        );
        assert_eq!(secret(None).masked_url(), "$SLACK_WEBHOOK_URL");
        assert_eq!(format!("{:?}", secret(Some("x"))), "$SLACK_WEBHOOK_URL");
    }
}
