//! One language's pages and files: everything of the site that carries words, rendered in that
//! language into its folder (the site root for the default language, `<tag>/` for another).

use super::data::{badges, calendar, feeds};
use super::html::{embed, pages, texts};
use super::memo::EditionRound;
use super::views::{Edition, Refresh, SiteView, Views};
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::translation;
use crate::model::urls;
use crate::output::{Output, Sink};
use tera::Tera;

/// What rendering one language gave: the paths of its pages (relative to its folder, sorted)
/// and the site-wide values its pages read.
pub struct Rendered {
    /// The files of its pages.
    pub pages: Vec<String>,
    /// The view of the site its pages got as `site`.
    pub site: SiteView,
}

/// `site` and its `state` in its language `tag`, published at `url`: the same facts, the texts
/// of `tag` where translated (the state's maintenance windows are copies of the files', so
/// they are translated as those are).
pub fn localized(site: &Site, state: &State, tag: &str, url: &str) -> (Site, State) {
    let local = translation::localize(site, tag, url);
    let mut state = state.clone();
    for w in &mut state.windows {
        translation::localize_maintenance(w, tag, &site.config.language);
    }
    (local, state)
}

/// The views of the pages of `site` (localized into the language of `edition`): those of its
/// posts are made where pages need them, unless `part` keeps them (`serve`), which has those of
/// unchanged posts.
pub fn views<'a>(
    site: &'a Site,
    state: &'a State,
    refresh: Refresh,
    edition: &Edition,
    part: &EditionRound<'_>,
) -> Views<'a> {
    Views::build_reusing(site, state, refresh, edition, super::table_of(site), part)
}

/// Renders the pages, feeds, calendar, badges, embed and time script of `site` (localized into
/// the language of `edition`, whose [`views`] are `views`) into `sink`, which puts them in the
/// language's folder, taking from `part` what the previous rendering made of the same inputs.
/// The 404 page only for the default language: servers show the root's for any missing path.
pub fn render(
    tera: &Tera,
    site: &Site,
    state: &State,
    mut views: Views<'_>,
    edition: &Edition,
    sink: &dyn Sink,
    part: EditionRound<'_>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let t = views.t;
    let mut tera = tera.clone();
    texts::register_texts(&mut tera, t);
    part.site_view(&views.site);
    let not_found = edition.root.is_empty();
    // The feeds and other files do not depend on the pages: render them meanwhile (feeds alone
    // are a tenth of the render phase). No page shares a path with them (pages end in `.html`),
    // so the feeds go to the sink as they are made, rather than held until the pages are done;
    // the other files are laid over the pages.
    let (pages, machine) = rayon::join(
        || pages::render_pages(&tera, site, state, &views, not_found, sink, &part),
        || {
            feeds::render_reusing(site, state, &views, sink, &part);
            let mut machine = Output::new();
            calendar::render(site, state, t, &mut machine);
            badges::render(site, state, t, &mut machine);
            machine
        },
    );
    let pages = pages?;
    let mut rest = machine;
    embed::render(&tera, state, &views, &mut rest)?;
    rest.insert(urls::TIMES_SCRIPT, pages::times_script(&tera, &views)?);
    for (path, bytes) in rest.into_files() {
        sink.put_shared(&path, bytes);
    }
    let posts = views.take_posts();
    part.finish(posts.incidents, posts.windows);
    Ok(Rendered {
        pages,
        site: views.site,
    })
}
