//! The site as published in one of its languages: each translated text in place of the default
//! language's, and what is left in the default language named for the pages to mark.

use super::{Fallback, Names, Translations};
use crate::model::{Announcement, Incident, Maintenance, Site};

/// `site` as published in its language `tag` at `url` (its folder's address, without a trailing
/// `/`): the language and base address of its pages are those of `tag`, and its posts,
/// components and groups, and the site's own title and description, read in `tag` as far as
/// they are translated. The facts are the same,
/// so the state derived from `site` holds for it.
pub fn localize(site: &Site, tag: &str, url: &str) -> Site {
    let default = site.config.language.clone();
    let mut local = site.clone();
    local.config.language = tag.to_string();
    local.config.base_url = url.to_string();
    if let Some(title) = site.config.titles.get(tag) {
        local.config.title = title.clone();
    }
    if let Some(description) = site.config.descriptions.get(tag) {
        local.config.description = description.clone();
    }
    for inc in &mut local.incidents {
        incident(inc, tag, &default);
    }
    for m in &mut local.maintenance {
        maintenance(m, tag, &default);
    }
    for a in &mut local.announcements {
        announcement(a, tag, &default);
    }
    for c in &mut local.catalog.components {
        names(&c.names, tag, &mut c.name, &mut c.description);
    }
    for g in &mut local.catalog.groups {
        names(&g.names, tag, &mut g.name, &mut g.description);
    }
    local
}

/// `inc` in `tag`, of a site whose default language is `default`.
fn incident(inc: &mut Incident, tag: &str, default: &str) {
    let updates = inc.updates.iter_mut().map(|u| (u.line, &mut u.body));
    let postmortem = inc.postmortem.as_mut().map(|p| &mut p.body);
    let texts = Texts {
        title: &mut inc.title,
        summary: &mut inc.summary,
        postmortem,
    };
    place(&mut inc.translations, tag, default, texts, updates);
}

/// `m` (a maintenance file, or one window of it) in `tag`, of a site whose default language is
/// `default`.
pub fn maintenance(m: &mut Maintenance, tag: &str, default: &str) {
    let updates = m.updates.iter_mut().map(|u| (u.line, &mut u.body));
    let texts = Texts {
        title: &mut m.title,
        summary: &mut m.summary,
        postmortem: None,
    };
    place(&mut m.translations, tag, default, texts, updates);
}

/// `a` in `tag`, of a site whose default language is `default`.
fn announcement(a: &mut Announcement, tag: &str, default: &str) {
    let texts = Texts {
        title: &mut a.title,
        summary: &mut a.body,
        postmortem: None,
    };
    place(&mut a.translations, tag, default, texts, std::iter::empty());
}

/// A component's or group's name and description in `tag`, where translated.
fn names(names: &Names, tag: &str, name: &mut String, description: &mut Option<String>) {
    if let Some(n) = names.name.get(tag) {
        name.clone_from(n);
    }
    if let (Some(d), Some(own)) = (names.description.get(tag), description.as_mut()) {
        own.clone_from(d);
    }
}

/// A post's texts besides its updates.
struct Texts<'a> {
    title: &'a mut String,
    summary: &'a mut String,
    postmortem: Option<&'a mut String>,
}

/// Puts the translations into `tag` of a post in place of its texts, and records in
/// `translations.fallback` what is left in `default`. A summary or postmortem the original does
/// not have is not shown from a translation either: the original decides what a post has.
fn place<'a>(
    translations: &mut Translations,
    tag: &str,
    default: &str,
    texts: Texts<'_>,
    updates: impl Iterator<Item = (usize, &'a mut String)>,
) {
    let sibling = translations.siblings.get(tag);
    let mut fallback = Fallback {
        language: default.to_string(),
        ..Fallback::default()
    };
    let mut translated = false;
    let mut take = |own: &mut String, translation: Option<&String>| -> bool {
        match translation.filter(|t| !t.trim().is_empty()) {
            Some(t) => {
                own.clone_from(t);
                translated = true;
                false
            }
            None => true,
        }
    };
    let title = translations
        .titles
        .get(tag)
        .or_else(|| sibling.and_then(|s| s.title.as_ref()));
    fallback.title = take(texts.title, title);
    if !texts.summary.trim().is_empty() {
        fallback.summary = take(texts.summary, sibling.map(|s| &s.summary));
    }
    if let Some(own) = texts.postmortem {
        fallback.postmortem = take(own, sibling.and_then(|s| s.postmortem.as_ref()));
    }
    for (line, body) in updates {
        if take(body, sibling.and_then(|s| s.updates.get(&line))) {
            fallback.updates.insert(line);
        }
    }
    fallback.whole = !translated;
    let partly = fallback.title || fallback.summary || fallback.postmortem;
    translations.fallback = (partly || !fallback.updates.is_empty()).then(|| Box::new(fallback));
}
