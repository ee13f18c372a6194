//! What the subscribe page shows: the site's feeds, calendar and API at their absolute
//! addresses (to copy into other apps), one Atom feed per component, and the public channels of
//! `[subscribe]`. Channels of `[[notify]]` are never shown: their addresses are secrets.

use super::{ComponentView, Entry};
use crate::model::config::SubscribeConfig;
use crate::model::urls;
use serde::Serialize;

/// The subscribe page's own values, as `subscribe`.
#[derive(Debug, Clone, Serialize)]
pub struct SubscribeView {
    /// Absolute address of the Atom feed of the whole page.
    pub atom: String,
    /// Absolute address of the RSS feed of the whole page.
    pub rss: String,
    /// Absolute address of the maintenance calendar.
    pub calendar: String,
    /// The maintenance calendar as a `webcal://` subscription.
    pub webcal: String,
    /// Absolute address of the Statuspage-compatible summary.
    pub api: String,
    /// Every component's own feed, in the order of the component list.
    pub components: Vec<ComponentFeed>,
    /// The operator's public channels.
    pub channels: Channels,
}

/// One component's Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentFeed {
    /// The component's name.
    pub name: String,
    /// Its group's name, if grouped.
    pub group: Option<String>,
    /// Its page, relative to the site root.
    pub page: String,
    /// Its feed, relative to the site root.
    pub feed: String,
    /// Its feed's absolute address.
    pub address: String,
}

/// The public channels of `[subscribe]`, each `None` unless configured.
#[derive(Debug, Clone, Serialize)]
pub struct Channels {
    /// An invite to a Discord server.
    pub discord: Option<String>,
    /// A Mastodon account.
    pub mastodon: Option<String>,
    /// Where to sign up for email: a web page or a `mailto:` address.
    pub mailing_list: Option<String>,
    /// The address to write to when `mailing_list` is a `mailto:` one.
    pub mailing_list_email: Option<String>,
    /// A public Slack community.
    pub slack: Option<String>,
    /// Whether any channel is configured.
    pub any: bool,
}

impl SubscribeView {
    /// The view of a site at `base_url` whose component list is `entries`.
    pub fn build(base_url: &str, subscribe: &SubscribeConfig, entries: &[Entry]) -> Self {
        let absolute = |path: &str| urls::absolute(base_url, path);
        let calendar = absolute(urls::MAINTENANCE_CALENDAR);
        let feed = |c: &ComponentView| {
            let feed = urls::component_feed(&c.id);
            ComponentFeed {
                name: c.name.clone(),
                group: c.group.clone(),
                page: c.url.clone(),
                address: absolute(&feed),
                feed,
            }
        };
        let components = entries
            .iter()
            .flat_map(|e| match e {
                Entry::Group(g) => g.components.iter().map(feed).collect(),
                Entry::Component(c) => vec![feed(c)],
            })
            .collect();
        let SubscribeConfig {
            discord,
            mastodon,
            mailing_list,
            slack,
        } = subscribe.clone();
        let mailing_list_email = mailing_list.as_deref().and_then(mail_address);
        let any =
            discord.is_some() || mastodon.is_some() || mailing_list.is_some() || slack.is_some();
        SubscribeView {
            atom: absolute(urls::HISTORY_ATOM),
            rss: absolute(urls::HISTORY_RSS),
            webcal: urls::webcal(&calendar),
            calendar,
            api: absolute(urls::api::SUMMARY),
            components,
            channels: Channels {
                discord,
                mastodon,
                mailing_list,
                mailing_list_email,
                slack,
                any,
            },
        }
    }
}

/// The address of a `mailto:` link, without its scheme and query (`None` for another link).
fn mail_address(link: &str) -> Option<String> {
    let scheme = link.get(..7)?;
    if !scheme.eq_ignore_ascii_case("mailto:") {
        return None;
    }
    let address = link[7..].split('?').next().unwrap_or_default();
    Some(address.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailto_link_gives_its_address() {
        assert_eq!(
            mail_address("mailto:status+subscribe@acme.test?subject=join").as_deref(),
            Some("status+subscribe@acme.test")
        );
        assert_eq!(
            mail_address("MAILTO:status@acme.test").as_deref(),
            Some("status@acme.test")
        );
        assert_eq!(mail_address("https://lists.acme.test/"), None);
        assert_eq!(mail_address("mail"), None);
    }
}
