//! The kinds of channel, and the keys each kind takes.

/// Where a channel's messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelKind {
    /// A Slack incoming webhook.
    Slack,
    /// A Discord channel webhook.
    Discord,
    /// A Microsoft Teams workflow webhook.
    Teams,
    /// Any HTTP endpoint, sent Statuspage's webhook payloads.
    Webhook,
    /// A mailing list, over SMTP.
    Email,
    /// A Mastodon account.
    Mastodon,
}

impl ChannelKind {
    /// Every kind, in the order of [`ChannelKind::NAMES`].
    pub const ALL: &'static [ChannelKind] = &[
        ChannelKind::Slack,
        ChannelKind::Discord,
        ChannelKind::Teams,
        ChannelKind::Webhook,
        ChannelKind::Email,
        ChannelKind::Mastodon,
    ];
    /// The values of `kind`.
    pub const NAMES: &'static [&'static str] =
        &["slack", "discord", "teams", "webhook", "email", "mastodon"];

    /// The value of `kind`, e.g. `slack`.
    pub fn as_str(self) -> &'static str {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::NAMES[i]
    }

    /// Parses a value of `kind`.
    pub fn parse(s: &str) -> Option<ChannelKind> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::ALL[i])
    }

    /// The kind-specific keys this kind takes, required ones first.
    pub(super) fn keys(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ChannelKind::Slack | ChannelKind::Discord | ChannelKind::Teams => (&["url_env"], &[]),
            ChannelKind::Webhook => (&["url_env"], &["secret_env"]),
            ChannelKind::Email => (&["url_env", "from", "to"], &[]),
            ChannelKind::Mastodon => (&["token_env", "instance"], &[]),
        }
    }
}
