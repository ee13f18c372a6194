//! Parsing a site's texts into the model, once they are read: the configuration, the
//! catalogue, the posts (in parallel, or taken from `serve`'s store) with their translations,
//! and what the site's other files need checked against them.

use super::notices::NoticeTexts;
use super::posts::{PostTexts, check_unparsed, parse_posts};
use super::reuse::{Reuse, fingerprint};
use super::siblings::{self, Siblings};
use super::{characters, probes, translations};
use crate::diagnostic::{self, Diagnostic};
use crate::model::site::{COMPONENTS_FILE, CONFIG_FILE, Site};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Config, Incident, Maintenance, ParseContext};
use std::path::{Path, PathBuf};

/// The TOML files of a site folder, as read (`None` for one that could not be, or is absent).
#[derive(Clone, Copy)]
pub(super) struct TomlTexts<'a> {
    pub(super) config: Option<&'a str>,
    pub(super) components: Option<&'a str>,
    pub(super) probes: Option<&'a str>,
    /// `i18n/<lang>.toml`, as (path relative to the root, text).
    pub(super) translations: &'a [(PathBuf, String)],
}

/// The posts of a site: incidents and maintenance, and the sibling files of every kind.
#[derive(Clone, Copy)]
pub(super) struct Posts<'a> {
    pub(super) incidents: PostTexts<'a>,
    pub(super) maintenance: PostTexts<'a>,
    pub(super) siblings: &'a Siblings,
}

pub(super) fn parse_parts(
    texts: TomlTexts<'_>,
    posts: Posts<'_>,
    notices: &NoticeTexts,
    static_files: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
    reuse: Option<&mut Reuse>,
) -> Result<Site, Vec<Diagnostic>> {
    let TomlTexts {
        config: config_text,
        components: components_text,
        probes: probes_text,
        translations: translation_files,
    } = texts;
    let Posts {
        incidents: incident_texts,
        maintenance: maintenance_texts,
        siblings,
    } = posts;
    let mut diags = Vec::new();
    for (name, text) in [
        (CONFIG_FILE, config_text),
        (COMPONENTS_FILE, components_text),
    ] {
        if let Some(text) = text {
            diags.extend(characters::in_toml(Path::new(name), text));
        }
    }
    let config = config_text.and_then(|text| {
        let (config, problems) = Config::read(TomlSource::file(Path::new(CONFIG_FILE), text));
        diags.extend(problems);
        config
    });
    let catalog = components_text.and_then(|text| {
        let languages = config.as_ref().map_or(&[][..], |c| &c.languages[..]);
        let (catalog, problems) = Catalog::read_in(
            TomlSource::file(Path::new(COMPONENTS_FILE), text),
            languages,
        );
        diags.extend(problems);
        catalog
    });
    let probes = probes::parse(probes_text, &mut diags);
    let unread = if config.is_none() {
        CONFIG_FILE
    } else {
        COMPONENTS_FILE
    };
    let (Some(config), Some(catalog), Some(config_text), Some(components_text)) =
        (config, catalog, config_text, components_text)
    else {
        check_unparsed(incident_texts, &mut diags);
        check_unparsed(maintenance_texts, &mut diags);
        notices.check_unparsed(&mut diags);
        let posts = incident_texts.len() + maintenance_texts.len() + notices.len();
        if posts > 0 {
            diags.push(
                Diagnostic::note(
                    unread,
                    (1, 1),
                    format!(
                        "the front matter and updates of {posts} post{} were not checked: they \
                         are read with the time zone of {CONFIG_FILE} and the ids of {COMPONENTS_FILE}",
                        if posts == 1 { "" } else { "s" }
                    ),
                )
                .with_hint(format!("fix {unread} and run again to check them")),
            );
        }
        return Err(finish(diags));
    };
    let translations = translations::parse(
        translation_files,
        &config.languages,
        config_text,
        &mut diags,
    );
    diags.extend(crate::model::config::notify::check_components(
        &config.notify,
        &catalog,
    ));
    diags.extend(crate::model::probes::check_components(&probes, &catalog));
    diags.extend(config.branding.check_files(&static_files));
    let ctx = ParseContext {
        tz: config.time_zone,
        catalog: &catalog,
        languages: &config.languages,
    };
    let against = fingerprint(&format!("{config_text}\0{components_text}"));
    let (kept_incidents, kept_maintenance) = match reuse {
        Some(r) => {
            if !r.is_against(against) {
                *r = Reuse::against(against);
            }
            (Some(&mut r.incidents), Some(&mut r.maintenance))
        }
        None => (None, None),
    };
    let incidents = parse_posts(
        incident_texts,
        &mut diags,
        |id, path, text, d| {
            d.extend(characters::in_post(path, text));
            Incident::parse(id, path, text, ctx, d)
        },
        kept_incidents,
    );
    let maintenance = parse_posts(
        maintenance_texts,
        &mut diags,
        |id, path, text, d| {
            d.extend(characters::in_post(path, text));
            Maintenance::parse(id, path, text, ctx, d)
        },
        kept_maintenance,
    );
    let mut incidents = incidents;
    let mut maintenance = maintenance;
    let mut announcements = notices.parse(ctx, &mut diags);
    siblings::attach_all(
        (&mut incidents, &mut maintenance, &mut announcements),
        [
            &incident_texts.paths(),
            &maintenance_texts.paths(),
            &notices.announcement_paths(),
        ],
        siblings,
        ctx,
        &mut diags,
    );
    if diags.iter().any(Diagnostic::is_error) {
        return Err(finish(diags));
    }
    Ok(Site {
        config,
        catalog,
        incidents,
        maintenance,
        announcements,
        probes,
        probe_data: std::collections::BTreeMap::new(),
        static_files,
        templates,
        translations,
        warnings: finish(diags),
    })
}

pub(super) fn finish(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diags);
    diags
}
