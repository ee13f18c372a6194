//! Incident history feeds in the shape Statuspage pages publish: `history.atom`, `history.rss`
//! and one Atom feed per component at `components/<id>/history.atom`.
//!
//! One entry per incident and maintenance window, newest first, with every update in its content.
//! Entry ids are tag URIs on the site's host and the post's stable API id, so they survive rebuilds.

use super::ids::{host_of, stable_id};
use crate::derive::State;
use crate::derive::lifecycle::{self, Body, Lifecycle, Step};
use crate::model::urls;
use crate::model::{Maintenance, Site};
use crate::output::Output;
use crate::render::escape;
use crate::render::markdown::to_html;
use crate::render::views::{PostView, Views};
use atom_syndication as atom;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::cell::RefCell;
use std::collections::HashMap;

/// How many entries a feed holds: the most recent ones.
pub const LIMIT: usize = 50;

/// A post chosen for a feed, with its times.
#[derive(Debug, Clone)]
pub struct Post {
    /// True for an incident, false for a maintenance window.
    pub incident: bool,
    /// Index into `site.incidents` or `state.windows`.
    pub index: usize,
    /// Its timeline.
    pub life: Lifecycle,
}

/// What a feed is about: the whole page or one component.
struct Scope<'a> {
    /// Feed title.
    title: String,
    /// Site-relative path of the feed file.
    path: String,
    /// Site-relative path of the page the feed belongs to (`` for the index).
    page: String,
    /// The posts, newest first.
    posts: &'a [Post],
}

/// Renders the site feeds and every component feed into `output`.
pub fn render(site: &Site, state: &State, views: &Views, output: &mut Output) {
    let now = state.now;
    let contents = Contents::new(site, &state.windows, views);
    let maintenance_life: Vec<Lifecycle> = state
        .windows
        .iter()
        .map(|m| lifecycle::maintenance(m, now))
        .collect();
    let incident_post = |i: usize| Post {
        incident: true,
        index: i,
        life: lifecycle::incident(&site.incidents[i]),
    };
    let maintenance_post = |m: usize| Post {
        incident: false,
        index: m,
        life: maintenance_life[m].clone(),
    };

    let all_maintenance: Vec<usize> = in_feeds(state);
    let posts = newest(
        state
            .incidents
            .iter()
            .take(LIMIT)
            .map(|&i| incident_post(i)),
        newest_maintenance(&all_maintenance, &maintenance_life).map(maintenance_post),
    );
    let title = format!("{} - Incident History", site.config.title);
    let scope = Scope {
        title,
        path: urls::HISTORY_ATOM.to_string(),
        page: urls::INDEX.to_string(),
        posts: &posts,
    };
    output.insert(urls::HISTORY_ATOM, atom_feed(&contents, &scope, now));
    output.insert(
        urls::HISTORY_RSS,
        rss_channel(
            &contents,
            &Scope {
                path: urls::HISTORY_RSS.into(),
                ..scope
            },
            now,
        ),
    );

    // Which windows cover each component: one pass over all windows, not one per component.
    let mut covering: Vec<Vec<usize>> = vec![Vec::new(); site.catalog.components.len()];
    for &m in &all_maintenance {
        for &c in &state.maintenance_effects[m] {
            covering[c].push(m);
        }
    }
    for (c, comp) in site.catalog.components.iter().enumerate() {
        let posts = newest(
            state.component_incidents[c]
                .iter()
                .take(LIMIT)
                .map(|&i| incident_post(i)),
            newest_maintenance(&covering[c], &maintenance_life).map(maintenance_post),
        );
        let scope = Scope {
            title: format!("{} - {} - Incident History", site.config.title, comp.name),
            path: urls::component_feed(&comp.id),
            page: urls::component(&comp.id),
            posts: &posts,
        };
        output.insert(scope.path.clone(), atom_feed(&contents, &scope, now));
    }
}

/// The windows the feeds carry: every single window, and of a recurring one the occurrences
/// that have begun and the next one, which carries the announcement of the series (the others
/// would all repeat it).
fn in_feeds(state: &State) -> Vec<usize> {
    let mut next_told = vec![false; state.window_file.iter().max().map_or(0, |&f| f + 1)];
    // `state.maintenance` is newest start first: walk it oldest first.
    let mut out: Vec<usize> = state
        .maintenance
        .iter()
        .rev()
        .copied()
        .filter(|&w| {
            let m = &state.windows[w];
            m.occurrence.is_none()
                || m.start <= state.now
                || !std::mem::replace(&mut next_told[state.window_file[w]], true)
        })
        .collect();
    out.sort_unstable();
    out
}

/// At most [`LIMIT`] of `windows`, newest announcement first.
fn newest_maintenance<'a>(
    windows: &'a [usize],
    life: &'a [Lifecycle],
) -> impl Iterator<Item = usize> + 'a {
    let mut sorted: Vec<usize> = windows.to_vec();
    sorted.sort_by(|&a, &b| life[b].created.cmp(&life[a].created).then(a.cmp(&b)));
    sorted.into_iter().take(LIMIT)
}

/// Merges incidents and maintenance, newest creation first, keeping [`LIMIT`].
fn newest(
    incidents: impl Iterator<Item = Post>,
    maintenance: impl Iterator<Item = Post>,
) -> Vec<Post> {
    let mut posts: Vec<Post> = incidents.chain(maintenance).collect();
    posts.sort_by(|a, b| {
        b.life
            .created
            .cmp(&a.life.created)
            .then(b.incident.cmp(&a.incident))
            .then(a.index.cmp(&b.index))
    });
    posts.truncate(LIMIT);
    posts
}

impl Post {
    fn view<'v>(&self, views: &'v Views) -> &'v PostView {
        if self.incident {
            &views.incidents[self.index]
        } else {
            &views.maintenance[self.index]
        }
    }

    fn title<'s>(&self, contents: &Contents<'s>) -> &'s str {
        if self.incident {
            &contents.site.incidents[self.index].title
        } else {
            &contents.windows[self.index].title
        }
    }

    /// The tag URI of the entry: `tag:<host>,2005:Incident/<id>`, as Statuspage writes it. A
    /// window's id derives from its key, so each occurrence of a recurring window has its own.
    fn entry_id(&self, contents: &Contents<'_>) -> String {
        let host = host_of(&contents.site.config.base_url);
        let (kind, name, key) = if self.incident {
            (
                "incident",
                "Incident",
                contents.site.incidents[self.index].id.clone(),
            )
        } else {
            (
                "maintenance",
                "Maintenance",
                contents.windows[self.index].key(),
            )
        };
        format!("tag:{host},2005:{name}/{}", stable_id(kind, &key))
    }
}

/// Entry contents, each made once however many feeds carry the post.
struct Contents<'a> {
    site: &'a Site,
    /// The maintenance windows ([`State::windows`]).
    windows: &'a [Maintenance],
    views: &'a Views,
    made: RefCell<HashMap<(bool, usize), String>>,
}

impl<'a> Contents<'a> {
    fn new(site: &'a Site, windows: &'a [Maintenance], views: &'a Views) -> Self {
        Contents {
            site,
            windows,
            views,
            made: RefCell::default(),
        }
    }

    /// The content of `post`'s entry.
    fn of(&self, post: &Post) -> String {
        let key = (post.incident, post.index);
        if let Some(html) = self.made.borrow().get(&key) {
            return html.clone();
        }
        let bodies: Vec<&str> = if post.incident {
            let inc = &self.site.incidents[post.index];
            inc.updates.iter().map(|u| u.body.as_str()).collect()
        } else {
            let m = &self.windows[post.index];
            m.updates.iter().map(|u| u.body.as_str()).collect()
        };
        let html = content_html(
            post.view(self.views),
            &bodies,
            &post.life.steps,
            self.site.config.time_zone,
        );
        self.made.borrow_mut().insert(key, html.clone());
        html
    }
}

/// The HTML of every update, newest first, in Statuspage's markup. `bodies` are the post's
/// update bodies in Markdown, newest first.
pub fn content_html(view: &PostView, bodies: &[&str], steps: &[Step], tz: Tz) -> String {
    let mut html = String::new();
    for step in steps {
        let body = match step.body {
            Body::Update(k) => bodies.get(k).map_or_else(String::new, |b| to_html(b)),
            Body::Summary => view.summary_html.clone(),
            Body::SummaryThenUpdate(k) => {
                let update = bodies.get(k).map_or_else(String::new, |b| to_html(b));
                format!("{}{update}", view.summary_html)
            }
            Body::Default(text) => format!("<p>{}</p>", escape::html(text)),
        };
        let local = step.at.with_timezone(&tz);
        let head = format!(
            "<small>{} <var data-var='date'>{}</var>, <var data-var='time'>{}</var> {}</small><br><strong>{}</strong>",
            local.format("%b"),
            local.format("%e"),
            local.format("%H:%M"),
            local.format("%Z"),
            step.label
        );
        let trimmed = body.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|b| b.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => {
                html.push_str(&format!("<p>{head} - {inner}</p>"));
            }
            _ => html.push_str(&format!("<p>{head}</p>{trimmed}")),
        }
    }
    html
}

fn absolute(site: &Site, path: &str) -> String {
    urls::absolute(&site.config.base_url, path)
}

/// The feed's `updated`: its newest entry's, or the build time for an empty feed.
fn feed_updated(posts: &[Post], now: DateTime<Utc>) -> DateTime<Utc> {
    posts.iter().map(|p| p.life.updated).max().unwrap_or(now)
}

fn atom_feed(contents: &Contents<'_>, scope: &Scope<'_>, now: DateTime<Utc>) -> Vec<u8> {
    let (site, views) = (contents.site, contents.views);
    let host = host_of(&site.config.base_url);
    let base_path = site.config.base_path();
    let feed_key = scope.path.trim_end_matches(".atom");
    let link = |rel: &str, mime: &str, href: String| atom::Link {
        href,
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Default::default()
    };
    let entries = scope
        .posts
        .iter()
        .map(|p| {
            let view = p.view(views);
            atom::Entry {
                id: p.entry_id(contents),
                published: Some(p.life.created.fixed_offset()),
                updated: p.life.updated.fixed_offset(),
                links: vec![link("alternate", "text/html", absolute(site, &view.url))],
                title: atom::Text::plain(p.title(contents)),
                content: Some(atom::Content {
                    value: Some(contents.of(p)),
                    content_type: Some("html".to_string()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = atom::Feed {
        id: format!("tag:{host},2005:{base_path}{feed_key}"),
        title: atom::Text::plain(scope.title.clone()),
        updated: feed_updated(scope.posts, now).fixed_offset(),
        authors: vec![atom::Person {
            name: site.config.title.clone(),
            ..Default::default()
        }],
        links: vec![
            link("alternate", "text/html", absolute(site, &scope.page)),
            link("self", "application/atom+xml", absolute(site, &scope.path)),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    };
    let config = atom::WriteConfig {
        write_document_declaration: true,
        indent_size: Some(2),
    };
    let bytes = feed
        .write_with_config(Vec::new(), config)
        .expect("writing XML to memory cannot fail");
    finish(bytes)
}

fn rss_channel(contents: &Contents<'_>, scope: &Scope<'_>, now: DateTime<Utc>) -> Vec<u8> {
    let (site, views) = (contents.site, contents.views);
    let items = scope
        .posts
        .iter()
        .map(|p| {
            let view = p.view(views);
            let url = absolute(site, &view.url);
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

/// The written feed, ended by a line break and without the characters XML cannot hold (titles
/// and bodies may carry them, and the feed crates write them as they are).
fn finish(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(bytes).expect("the feed writers write UTF-8");
    let mut bytes = escape::xml_file(text).into_bytes();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests;
