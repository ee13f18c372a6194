//! Incident history feeds in the shape Statuspage pages publish: `history.atom`, `history.rss`
//! and one Atom feed per component at `components/<id>/history.atom`.
//!
//! One entry per incident and maintenance window, newest first, with every update in its content
//! (`content`) and an incident's postmortem marked as published and linked; the site feeds also
//! have one per published announcement. Entry ids are tag URIs on the site's
//! host and the post's stable API id, so they survive rebuilds.

use super::ids::{host_of, stable_id};
use crate::derive::State;
use crate::derive::lifecycle::{self, Lifecycle};
use crate::model::Site;
use crate::model::urls;
use crate::output::Sink;
use crate::render::escape;
use crate::render::memo::{EditionRound, Key, PostId, Reads};
use crate::render::views::Views;
use atom_syndication as atom;
use channel::rss_channel;
use chrono::{DateTime, Utc};
use content::Contents;

mod content;

/// How many entries a feed holds: the most recent ones.
pub const LIMIT: usize = 50;

/// What a feed entry tells of. At the same instant, incidents come first, then maintenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An announcement (site feeds only).
    Announcement,
    /// A maintenance window.
    Maintenance,
    /// An incident.
    Incident,
}

/// A post chosen for a feed, with its times.
#[derive(Debug, Clone)]
pub struct Post {
    /// Incident, maintenance window or announcement.
    pub kind: Kind,
    /// Index into `site.incidents`, `state.windows` or `site.announcements`.
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

/// Renders the site feeds and every component feed into `sink`, each as soon as it is made.
#[cfg(test)]
pub fn render(site: &Site, state: &State, views: &Views, sink: &dyn Sink) {
    render_reusing(site, state, views, sink, &EditionRound::off());
}

/// Renders the site feeds and every component feed into `sink`, each as soon as it is made,
/// taking each feed whose posts are unchanged from `part` (`serve`).
pub(crate) fn render_reusing(
    site: &Site,
    state: &State,
    views: &Views,
    sink: &dyn Sink,
    part: &EditionRound<'_>,
) {
    // A feed reads its posts (their models, views and lifecycles) and the globals.
    let key = |posts: &[Post]| {
        let round = part
            .round()
            .expect("keys are made only while the part keeps files");
        let posts = posts.iter().map(|p| match p.kind {
            Kind::Incident => round.incident(p.index),
            Kind::Maintenance => round.window(p.index),
            Kind::Announcement => PostId::Announcement(site.announcements[p.index].id.clone()),
        });
        Key::Reads(Reads {
            posts: posts.collect(),
            ..Reads::default()
        })
    };
    let now = state.now;
    let contents = Contents::new(site, &state.windows, views);
    let maintenance_life: Vec<Lifecycle> = state
        .windows
        .iter()
        .map(|m| lifecycle::maintenance(m, now))
        .collect();
    let incident_post = |i: usize| Post {
        kind: Kind::Incident,
        index: i,
        life: lifecycle::incident(&site.incidents[i]),
    };
    let maintenance_post = |m: usize| Post {
        kind: Kind::Maintenance,
        index: m,
        life: maintenance_life[m].clone(),
    };
    let announcement_post = |a: usize| Post {
        kind: Kind::Announcement,
        index: a,
        life: lifecycle::announcement(&site.announcements[a], now),
    };

    let mut all_maintenance: Vec<usize> = state.told_windows();
    all_maintenance.sort_unstable();
    let posts = newest(
        state
            .incidents
            .iter()
            .take(LIMIT)
            .map(|&i| incident_post(i))
            .chain(
                state
                    .announcements
                    .iter()
                    .take(LIMIT)
                    .map(|&a| announcement_post(a)),
            ),
        newest_maintenance(&all_maintenance, &maintenance_life).map(maintenance_post),
    );
    let t = views.t;
    let title = t.fill("feeds.history_title", &[("title", &site.config.title)]);
    let scope = Scope {
        title,
        path: urls::HISTORY_ATOM.to_string(),
        page: urls::INDEX.to_string(),
        posts: &posts,
    };
    let atom = part.file(
        urls::HISTORY_ATOM,
        || key(&posts),
        || atom_feed(&contents, &scope, now),
    );
    sink.put_shared(urls::HISTORY_ATOM, atom);
    let rss = Scope {
        path: urls::HISTORY_RSS.into(),
        ..scope
    };
    let rss_file = part.file(
        urls::HISTORY_RSS,
        || key(&posts),
        || rss_channel(&contents, &rss, now),
    );
    sink.put_shared(urls::HISTORY_RSS, rss_file);

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
            title: t.fill(
                "feeds.component_title",
                &[("title", &site.config.title), ("component", &comp.name)],
            ),
            path: urls::component_feed(&comp.id),
            page: urls::component(&comp.id),
            posts: &posts,
        };
        let feed = part.file(
            &scope.path,
            || key(&posts),
            || atom_feed(&contents, &scope, now),
        );
        sink.put_shared(&scope.path, feed);
    }
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

/// Merges posts of every kind, newest creation first, keeping [`LIMIT`].
fn newest(posts: impl Iterator<Item = Post>, maintenance: impl Iterator<Item = Post>) -> Vec<Post> {
    let mut posts: Vec<Post> = posts.chain(maintenance).collect();
    posts.sort_by(|a, b| {
        b.life
            .created
            .cmp(&a.life.created)
            .then(b.kind.cmp(&a.kind))
            .then(a.index.cmp(&b.index))
    });
    posts.truncate(LIMIT);
    posts
}

impl Post {
    /// The address of its page, relative to the site root.
    fn url(&self, contents: &Contents<'_>) -> String {
        match self.kind {
            Kind::Incident => urls::incident(&contents.site.incidents[self.index].id),
            Kind::Maintenance => urls::window(&contents.windows[self.index]),
            Kind::Announcement => contents.views.announcements[self.index].url.clone(),
        }
    }

    fn title<'s>(&self, contents: &Contents<'s>) -> &'s str {
        let site = contents.site;
        match self.kind {
            Kind::Incident => &site.incidents[self.index].title,
            Kind::Maintenance => &contents.windows[self.index].title,
            Kind::Announcement => &site.announcements[self.index].title,
        }
    }

    /// The absolute address of an incident's postmortem, if it has one.
    fn postmortem_link(&self, site: &Site) -> Option<String> {
        let inc = site
            .incidents
            .get(self.index)
            .filter(|_| self.kind == Kind::Incident)?;
        inc.postmortem
            .as_ref()
            .map(|_| absolute(site, &urls::postmortem(&inc.id)))
    }

    /// The tag URI of the entry: `tag:<host>,2005:Incident/<id>`, as Statuspage writes it
    /// (`Maintenance/<id>` and `Announcement/<id>` for the others). A window's id derives from
    /// its key, so each occurrence of a recurring window has its own.
    fn entry_id(&self, contents: &Contents<'_>) -> String {
        let site = contents.site;
        let host = host_of(&site.config.base_url);
        let i = self.index;
        let (kind, name, key) = match self.kind {
            Kind::Incident => ("incident", "Incident", site.incidents[i].id.clone()),
            Kind::Maintenance => ("maintenance", "Maintenance", contents.windows[i].key()),
            Kind::Announcement => (
                "announcement",
                "Announcement",
                site.announcements[i].id.clone(),
            ),
        };
        format!("tag:{host},2005:{name}/{}", stable_id(kind, &key))
    }
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
        .map(|p| atom::Entry {
            id: p.entry_id(contents),
            published: Some(p.life.created.fixed_offset()),
            updated: p.life.updated.fixed_offset(),
            links: std::iter::once(link(
                "alternate",
                "text/html",
                absolute(site, &p.url(contents)),
            ))
            .chain(p.postmortem_link(site).map(|href| atom::Link {
                title: Some(views.t.get("post.postmortem").to_string()),
                ..link("related", "text/html", href)
            }))
            .collect(),
            title: atom::Text::plain(p.title(contents)),
            content: Some(atom::Content {
                value: Some(contents.of(p)),
                content_type: Some("html".to_string()),
                ..Default::default()
            }),
            ..Default::default()
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

/// The written feed, ended by a line break and without the characters XML cannot hold (titles
/// and bodies may carry them, and the feed crates write them as they are).
fn finish(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(bytes).expect("the feed writers write UTF-8");
    let mut bytes = escape::xml_file(text).into_bytes();
    bytes.push(b'\n');
    bytes
}

mod channel;

#[cfg(test)]
mod tests;
