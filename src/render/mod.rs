//! Rendering: views of the derived state go through Tera templates into a sink of files.

pub mod data;
mod edition;
pub mod escape;
pub mod html;
pub mod markdown;
pub mod memo;
mod raw_html_limits;
pub mod views;

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::urls;
use crate::output::{Output, Sink, Within};
use crate::render::data::api;
use crate::render::html::{engine, pages};
use crate::render::views::Edition;
use memo::{Memo, Round};
use tera::Tera;

/// Who a rendering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Readers of the published site: the index and the embed carry the refresh script unless
    /// `auto_refresh = false`.
    Publish,
    /// `serve`'s preview, which reloads its pages itself: no refresh script, so the two never
    /// reload one page twice.
    Preview,
}

/// Renders the whole site into `sink`, each page as soon as it is rendered: every language of
/// the site in the configured order, the default at the root and each other in its folder, then
/// the files all languages share.
///
/// Where paths collide, later sources win as if laid over each other in this order: static
/// files, pages, machine-readable outputs, the embed page (files put later replace those put
/// before). On a template error some files may already be in the sink.
pub fn render_into(
    site: &Site,
    state: &State,
    sink: &dyn Sink,
    mode: Mode,
) -> Result<(), Vec<Diagnostic>> {
    render_with(site, state, sink, mode, &Round::off(), None).map(drop)
}

/// Renders the whole site into `sink` like [`render_into`], taking from `memo` every file
/// whose inputs are those of the rendering `memo` kept, and keeping this one in it instead
/// (`serve`). The files are the same as [`render_into`]'s.
pub fn render_reusing(
    site: &Site,
    state: &State,
    sink: &dyn Sink,
    mode: Mode,
    memo: &mut Memo,
) -> Result<(), Vec<Diagnostic>> {
    let (round, engine) = memo.begin(site, state, mode);
    let rendered = render_with(site, state, sink, mode, &round, engine);
    let (tera, result) = match rendered {
        Ok(tera) => (Some(tera), Ok(())),
        Err(e) => (None, Err(e)),
    };
    memo.end(round, tera, &site.templates);
    result
}

/// Renders the site into `sink` with the compiled templates `engine` if given, taking what it
/// can from `round`; returns the templates compiled.
fn render_with(
    site: &Site,
    state: &State,
    sink: &dyn Sink,
    mode: Mode,
    round: &Round,
    engine: Option<Tera>,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut problems = round.raw_html(site);
    // The API's page and status, computed once: the pages of every language carry the same
    // values, which the refresh script compares with the one shared `api/v2/status.json`.
    let api = api::Api::new(site, state, table_of(site));
    let refresh = api.refresh(site.config.auto_refresh && mode == Mode::Publish);
    let languages = &site.config.languages;
    let default = Edition::new(&site.config.base_url, &languages[0], &languages[0]);
    // Compiling the templates (unless kept) takes one thread: the views are built on the
    // others meanwhile.
    let part = round.edition(&default.root);
    let (tera, views) = rayon::join(
        || engine.map_or_else(|| engine::engine(&site.templates), Ok),
        || edition::views(site, state, refresh.clone(), &default, &part),
    );
    let tera = tera.map_err(|mut e| {
        problems.append(&mut e);
        std::mem::take(&mut problems)
    })?;
    if !problems.is_empty() {
        return Err(problems);
    }
    for (path, bytes) in &site.static_files {
        sink.put(path, bytes.clone());
    }
    // The API and the uptime and probe reports exist once, in the default language; the bar
    // images, which hold no words, once for all.
    let (rendered, shared) = rayon::join(
        || edition::render(&tera, site, state, views, &default, sink, part),
        || {
            let mut shared = Output::new();
            html::bar_images::render(&tera, site, state, &mut shared)?;
            api.render(&mut shared);
            let uptime = data::uptime::Report::build(site, state).published(site);
            shared.insert(urls::API_UPTIME, uptime.to_json());
            if !site.probes.probes.is_empty() {
                let probes = data::probes::ProbesReport::build(site, &state.probes);
                shared.insert(urls::API_PROBES, probes.to_json());
            }
            Ok::<_, Vec<Diagnostic>>(shared)
        },
    );
    let (rendered, shared) = (rendered?, shared?);
    for tag in &languages[1..] {
        let edition = Edition::new(&site.config.base_url, tag, &languages[0]);
        let (local_site, local_state) = edition::localized(site, state, tag, &edition.url());
        let within = Within::new(sink, &edition.root);
        let part = round.edition(&edition.root);
        let views = edition::views(&local_site, &local_state, refresh.clone(), &edition, &part);
        edition::render(
            &tera,
            &local_site,
            &local_state,
            views,
            &edition,
            &within,
            part,
        )?;
    }
    // The sitemap and the stylesheet read the default language's site view and the pages, and
    // the stylesheet the words of the bars' captions in every language.
    let captions = views::uptime::captions(site, state.uptime.days.len());
    let words = || {
        let view = serde_json::to_string(&rendered.site).expect("a site view serializes");
        let labels = serde_json::to_string(&captions).expect("captions serialize");
        [view, labels]
            .into_iter()
            .chain(rendered.pages.iter().cloned())
            .collect()
    };
    round.shared(sink, words, |sink| {
        pages::render_shared(&tera, &rendered.site, &captions, &rendered.pages, sink)
    })?;
    let mut rest = shared;
    rest.insert(".nojekyll", Vec::new());
    for (path, bytes) in rest.into_files() {
        sink.put_shared(&path, bytes);
    }
    Ok(tera)
}

/// The translation table a site is built in: its `language` with its own texts for it.
pub fn table_of(site: &Site) -> &'static crate::i18n::Table {
    table_in(site, &site.config.language)
}

/// The translation table of `site` in its language `tag`: that language with the site's own
/// texts for it, as the pages of `tag` are rendered with.
pub(crate) fn table_in(site: &Site, tag: &str) -> &'static crate::i18n::Table {
    crate::i18n::table(tag, site.translations.get(tag))
}

/// Compiles the template overrides alone, for a site whose other files have errors, so that
/// template problems show in the same run.
pub fn check_templates(overrides: &[(String, String)]) -> Result<(), Vec<Diagnostic>> {
    engine::engine(overrides).map(|_| ())
}
