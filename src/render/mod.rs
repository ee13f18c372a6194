//! Rendering: views of the derived state go through Tera templates into a sink of files.

pub mod data;
pub mod escape;
pub mod html;
pub mod markdown;
mod raw_html_limits;
pub mod views;

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::urls;
use crate::output::{Output, Sink};
use crate::render::data::{api, badges, calendar, feeds};
use crate::render::html::{embed, engine, pages, texts};

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

/// Renders the whole site into `sink`, each page as soon as it is rendered.
///
/// Where paths collide, later sources win as if laid over each other in this order: static
/// files, pages, machine-readable outputs, the embed page. On a template error some files may
/// already be in the sink.
pub fn render_into(
    site: &Site,
    state: &State,
    sink: &dyn Sink,
    mode: Mode,
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = raw_html_limits::problems(site);
    let mut tera = engine::engine(&site.templates).map_err(|mut e| {
        problems.append(&mut e);
        std::mem::take(&mut problems)
    })?;
    if !problems.is_empty() {
        return Err(problems);
    }
    // The API's page and status, computed once: the pages carry the same values.
    let t = table_of(site);
    texts::register_texts(&mut tera, t);
    let api = api::Api::new(site, state, t);
    let script = site.config.auto_refresh && mode == Mode::Publish;
    let views = views::Views::build(site, state, api.refresh(script), t);
    // The machine-readable outputs do not depend on the pages: render them meanwhile (feeds
    // alone are a tenth of the render phase), then lay them over the pages.
    let (pages, machine) = rayon::join(
        || pages::render_pages(&tera, site, state, &views, sink),
        || {
            let mut machine = Output::new();
            api.render(&mut machine);
            feeds::render(site, state, &views, &mut machine);
            calendar::render(site, state, t, &mut machine);
            badges::render(site, state, t, &mut machine);
            let uptime = data::uptime::Report::build(site, state).published(site);
            machine.insert(urls::API_UPTIME, uptime.to_json());
            if !site.probes.probes.is_empty() {
                let probes = data::probes::ProbesReport::build(site, &state.probes);
                machine.insert(urls::API_PROBES, probes.to_json());
            }
            machine
        },
    );
    let page_paths = pages?;
    // Pages replace static files of the same path.
    for (path, bytes) in &site.static_files {
        if page_paths.binary_search(path).is_err() {
            sink.put(path, bytes.clone());
        }
    }
    let mut rest = machine;
    embed::render(&tera, state, &views, &mut rest)?;
    rest.insert(".nojekyll", Vec::new());
    for (path, bytes) in rest.into_files() {
        sink.put(&path, bytes);
    }
    Ok(())
}

/// The translation table a site is built in: its `language` with its own texts for it.
pub fn table_of(site: &Site) -> &'static crate::i18n::Table {
    let language = &site.config.language;
    crate::i18n::table(language, site.translations.get(language))
}

/// Compiles the template overrides alone, for a site whose other files have errors, so that
/// template problems show in the same run.
pub fn check_templates(overrides: &[(String, String)]) -> Result<(), Vec<Diagnostic>> {
    engine::engine(overrides).map(|_| ())
}
