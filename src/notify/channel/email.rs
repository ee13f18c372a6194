//! Email over SMTP: one message per notice to a list address, with a text and an HTML part, and
//! headers that make every notice of one post a single thread.
//!
//! Threading: the first notice of a post has the `Message-ID` `<digest(thread)@host>`; every later
//! notice has its own `<digest(key)@host>` and names the first in `In-Reply-To` and `References`.
//! The host is the site's, the digests come from [`digest`](super::digest): the same
//! notice gives the same message in every run, and a retried send is recognisable as the same
//! message.

mod body;
mod transport;

use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::Certificate;
use lettre::{Address, Transport as _};

use super::digest::digest;
use super::plain::headline;
use super::{Channel, Delivery, Outgoing, Secret, SendError};
use crate::notify::notice::Notice;

pub use body::{html_part, text_part};

/// Where and to whom the email channel sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailSettings {
    /// The relay, from the environment variable named by `url_env`:
    /// `smtps://user:password@smtp.example.com` (TLS from the start, port 465 by default),
    /// `smtp://user:password@smtp.example.com:587` (STARTTLS, required; port 587 by default), or
    /// `smtp://relay.internal?tls=none` (no encryption at all: only for a relay on the same
    /// machine or network; port 25 by default).
    pub smtp_url: String,
    /// The sender, `status@acme.com` or `Acme Status <status@acme.com>`; without a name the
    /// site's title is the name.
    pub from: String,
    /// The recipients, usually one list address.
    pub to: Vec<String>,
    /// How long connecting and each command may take.
    pub timeout: Duration,
}

/// The message for `notice`, ready to send: nothing in it depends on the clock or on chance.
pub fn compose(settings: &EmailSettings, notice: &Notice) -> Result<Message, SendError> {
    let mut from = parse_mailbox("from", &settings.from)?;
    if from.name.is_none() {
        from.name = Some(notice.site_title.clone());
    }
    if settings.to.is_empty() {
        return Err(SendError::Permanent(
            "email has no recipients: list at least one address in `to`".into(),
        ));
    }
    let host = host_of(&notice.site_url);
    let thread_id = format!("<{}@{host}>", digest(&notice.thread));
    let mut builder = Message::builder()
        .from(from)
        .subject(subject(notice))
        .date(SystemTime::from(notice.at))
        .header(AutoSubmitted);
    for to in &settings.to {
        builder = builder.to(parse_mailbox("to", to)?);
    }
    builder = if notice.first_of_thread {
        builder.message_id(Some(thread_id))
    } else {
        builder
            .message_id(Some(format!("<{}@{host}>", digest(&notice.key))))
            .in_reply_to(thread_id.clone())
            .references(thread_id)
    };
    let parts = MultiPart::alternative()
        .boundary(format!("statuspress-{}", digest(&notice.key)))
        .singlepart(SinglePart::plain(text_part(notice)))
        .singlepart(SinglePart::html(html_part(notice)));
    builder
        .multipart(parts)
        .map_err(|e| SendError::Permanent(format!("the email cannot be built: {e}")))
}

/// `[Acme Status] Identified: Elevated error rates`.
pub fn subject(notice: &Notice) -> String {
    format!("[{}] {}", notice.site_title, headline(notice))
}

/// Sends `notice` through the relay of `settings`, trusting the usual public certificate
/// authorities.
pub fn send(settings: &EmailSettings, notice: &Notice) -> Result<(), SendError> {
    send_trusting(settings, notice, None)
}

/// Sends `notice`, also trusting the certificates in `roots_pem` (PEM, one or more): for a relay
/// whose certificate comes from a private authority.
pub fn send_trusting(
    settings: &EmailSettings,
    notice: &Notice,
    roots_pem: Option<&[u8]>,
) -> Result<(), SendError> {
    let message = compose(settings, notice)?;
    let roots = match roots_pem {
        Some(pem) => vec![Certificate::from_pem(pem).map_err(|e| {
            SendError::Permanent(format!("the extra root certificates cannot be read: {e}"))
        })?],
        None => Vec::new(),
    };
    let mailer = transport::build(&settings.smtp_url, settings.timeout, roots)?;
    mailer
        .send(&message)
        .map(|_| ())
        .map_err(|e| transport::classify(&e))
}

/// What a dry run shows: the relay (its password masked), the envelope and the whole message as
/// it would be sent, with `\n` line ends.
pub fn preview(settings: &EmailSettings, notice: &Notice) -> Result<String, SendError> {
    let relay = transport::describe(&settings.smtp_url)?;
    let message = compose(settings, notice)?;
    let envelope = message.envelope();
    let to: Vec<String> = envelope.to().iter().map(Address::to_string).collect();
    let from = envelope.from().map(Address::to_string).unwrap_or_default();
    let text = String::from_utf8_lossy(&message.formatted()).replace("\r\n", "\n");
    Ok(format!(
        "SMTP {relay}\nMAIL FROM:<{from}> RCPT TO:<{}>\n\n{text}",
        to.join(">, <")
    ))
}

fn parse_mailbox(field: &str, text: &str) -> Result<Mailbox, SendError> {
    text.parse::<Mailbox>().map_err(|e| {
        SendError::Permanent(format!(
            "`{field}` is not an email address: {text:?} ({e}); write `status@acme.com` or \
             `Acme Status <status@acme.com>`"
        ))
    })
}

/// The host of the site's address, for message ids: `status.acme.com`.
fn host_of(site_url: &str) -> String {
    url::Url::parse(site_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "statuspress.invalid".to_owned())
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation or out-of-office replies to a list
/// of readers.
#[derive(Debug, Clone)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The email channel of a `[[notify]]` entry: one message per event.
pub struct Email {
    /// Its name in the ledger.
    pub name: String,
    /// The relay's address, from the variable named by `url_env`.
    pub smtp: Secret,
    /// `from` of the entry.
    pub from: String,
    /// `to` of the entry.
    pub to: Vec<String>,
    /// How long connecting and each command may take.
    pub timeout: Duration,
}

impl Channel for Email {
    fn name(&self) -> &str {
        &self.name
    }

    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        vec![Box::new(EmailDelivery {
            settings: EmailSettings {
                smtp_url: self.smtp.value.clone().unwrap_or_default(),
                from: self.from.clone(),
                to: self.to.clone(),
                timeout: self.timeout,
            },
            unset: self.smtp.value.is_none().then(|| self.smtp.placeholder()),
            notice: event.notice.clone(),
        })]
    }
}

/// One message of the email channel.
struct EmailDelivery {
    settings: EmailSettings,
    /// `$VAR` when a dry run has no relay address.
    unset: Option<String>,
    notice: Notice,
}

impl Delivery for EmailDelivery {
    fn preview(&self) -> String {
        let shown = match &self.unset {
            None => preview(&self.settings, &self.notice),
            // Without the relay's address, the message is still shown in full.
            Some(var) => {
                let mut settings = self.settings.clone();
                settings.smtp_url = "smtp://relay.invalid".to_string();
                preview(&settings, &self.notice).map(|text| {
                    let rest = text.split_once('\n').map_or("", |(_, rest)| rest);
                    format!("SMTP {var}\n{rest}")
                })
            }
        };
        shown.unwrap_or_else(|e| format!("cannot be sent: {e:?}"))
    }

    fn send(&self) -> Result<String, SendError> {
        send(&self.settings, &self.notice).map(|()| "accepted by the mail server".to_string())
    }
}

#[cfg(test)]
mod tests;
