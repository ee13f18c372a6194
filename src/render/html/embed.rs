//! `embed/index.html`: a tiny self-contained page (no external files, and no script but the
//! optional refresh script of `refresh.html`) for an iframe, with the overall status, when it
//! was built, open incidents and maintenance in progress, linking to the site.
//! Sites can replace its template, `embed.html`, like any other.

use super::engine::chain;
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::urls;
use crate::output::Output;
use crate::render::views::{PostView, Views};
use tera::{Context, Tera};

/// Renders the embed page into `output`.
pub fn render(
    tera: &Tera,
    state: &State,
    views: &Views,
    output: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    let pick = |list: &[usize], all: &'_ [PostView]| -> Vec<PostView> {
        list.iter().map(|&i| all[i].clone()).collect()
    };
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("root", &urls::root_of(urls::EMBED));
    ctx.insert(
        "open_incidents",
        &pick(&state.open_incidents, &views.incidents),
    );
    ctx.insert(
        "active_maintenance",
        &pick(&state.active_maintenance, &views.maintenance),
    );
    let html = tera.render("embed.html", &ctx).map_err(|e| {
        vec![
            Diagnostic::error("templates/embed.html", (1, 1), chain(&e))
                .with_hint("fix the template; built-in names are listed in the README"),
        ]
    })?;
    output.insert(urls::page_file(urls::EMBED), html);
    Ok(())
}
