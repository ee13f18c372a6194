//! What the subscribe page shows: the site's feeds, calendar and API at their absolute
//! addresses (to copy into other apps), one Atom feed per component, and the public channels of
//! `[subscribe]`. Channels of `[[notify]]` are never shown: their addresses are secrets. Also
//! what a component page offers to follow it: its feed and its badges.

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

/// A component page's "Feeds and badges": its Atom feed, its status and uptime badges (with a
/// Markdown snippet to paste into a README) and their shields.io endpoints, as `follow`.
#[derive(Debug, Clone, Serialize)]
pub struct FollowView {
    /// Its Atom feed, relative to the site root.
    pub feed: String,
    /// The feed's absolute address.
    pub feed_address: String,
    /// Its status badge, relative to the site root.
    pub badge: String,
    /// Markdown that shows the status badge, linking to the component page.
    pub badge_markdown: String,
    /// Its uptime badge, relative to the site root.
    pub uptime_badge: String,
    /// Markdown that shows the uptime badge, linking to the component page.
    pub uptime_markdown: String,
    /// What the uptime badge says, e.g. "99.95% uptime over the last 30 days".
    pub uptime_words: String,
    /// shields.io's badge of the status endpoint.
    pub shields: String,
    /// shields.io's badge of the uptime endpoint.
    pub uptime_shields: String,
}

impl FollowView {
    /// What the page of component `c` on a site at `base_url` offers to follow it;
    /// `uptime_words` is what its uptime badge says.
    pub fn build(
        base_url: &str,
        c: &ComponentView,
        uptime_words: String,
        t: &crate::i18n::Table,
    ) -> Self {
        let absolute = |path: &str| urls::absolute(base_url, path);
        let page = absolute(&c.url);
        let name = markdown_text(&c.name);
        let (badge, uptime_badge) = (
            urls::component_badge(&c.id),
            urls::component_uptime_badge(&c.id),
        );
        let shields = |endpoint: &str| {
            format!(
                "https://img.shields.io/endpoint?url={}",
                url::form_urlencoded::byte_serialize(absolute(endpoint).as_bytes())
                    .collect::<String>()
            )
        };
        let feed = urls::component_feed(&c.id);
        FollowView {
            feed_address: absolute(&feed),
            feed,
            badge_markdown: format!(
                "[![{}]({})]({page})",
                t.fill("component.badge_markdown_status", &[("name", &name)]),
                absolute(&badge)
            ),
            uptime_markdown: format!(
                "[![{}]({})]({page})",
                t.fill("component.badge_markdown_uptime", &[("name", &name)]),
                absolute(&uptime_badge)
            ),
            uptime_words,
            badge,
            uptime_badge,
            shields: shields(&urls::component_shields(&c.id)),
            uptime_shields: shields(&urls::component_uptime_shields(&c.id)),
        }
    }
}

/// `text` as Markdown link text: brackets and backslashes escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
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
    fn markdown_link_text_escapes_brackets() {
        assert_eq!(markdown_text(r"A [beta] \ B"), r"A \[beta\] \\ B");
    }

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
