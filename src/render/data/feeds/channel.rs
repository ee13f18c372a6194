//! The RSS version of the site feed: the same entries as the Atom feed, as RSS 2.0 items.

use super::{Contents, Scope, absolute, feed_updated, finish};
use chrono::{DateTime, Utc};

pub(super) fn rss_channel(
    contents: &Contents<'_>,
    scope: &Scope<'_>,
    now: DateTime<Utc>,
) -> Vec<u8> {
    let site = contents.site;
    let items = scope
        .posts
        .iter()
        .map(|p| {
            let url = absolute(site, &p.url(contents));
            rss::Item {
                title: Some(p.title(contents).to_string()),
                description: Some(contents.of(p)),
                pub_date: Some(p.life.created.to_rfc2822()),
                link: Some(url.clone()),
                guid: Some(rss::Guid {
                    value: url,
                    permalink: true,
                }),
                ..Default::default()
            }
        })
        .collect();
    let description = if site.config.description.is_empty() {
        site.config.title.clone()
    } else {
        site.config.description.clone()
    };
    let channel = rss::Channel {
        title: scope.title.clone(),
        link: absolute(site, &scope.page),
        description,
        language: Some(site.config.language.clone()),
        pub_date: Some(feed_updated(scope.posts, now).to_rfc2822()),
        items,
        namespaces: [("atom".to_string(), ATOM_NAMESPACE.to_string())].into(),
        extensions: self_link(absolute(site, &scope.path)),
        ..Default::default()
    };
    let bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .expect("writing XML to memory cannot fail");
    finish(bytes)
}

/// The Atom namespace, for the RSS feed's link to itself.
const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// `<atom:link href="…" rel="self" type="application/rss+xml">`: the feed's own address, which
/// RSS has no element for (the W3C validator asks for it). Written as a plain extension, since
/// the `rss` crate's Atom feature would bring in a builder-macro stack for this one element.
fn self_link(href: String) -> rss::extension::ExtensionMap {
    let attrs = [
        ("href", href),
        ("rel", "self".to_string()),
        ("type", "application/rss+xml".to_string()),
    ];
    let link = rss::extension::Extension {
        name: "atom:link".to_string(),
        attrs: attrs.map(|(k, v)| (k.to_string(), v)).into(),
        ..Default::default()
    };
    [(
        "atom".to_string(),
        [("link".to_string(), vec![link])].into(),
    )]
    .into()
}
