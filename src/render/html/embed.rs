//! `embed/index.html`: a tiny self-contained page (no external files, and no script but the
//! optional refresh script of `refresh.html`) for an iframe, with the overall status, when it
//! was built, open incidents and maintenance in progress, linking to the site. It follows the
//! reader's colour scheme; `embed/light/` and `embed/dark/` are the same widget pinned to one,
//! for host pages that have only that one.
//! Sites can replace its template, `embed.html`, like any other; it reads the scheme as `scheme`
//! (`auto`, `light` or `dark`).

use super::engine::chain;
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::urls;
use crate::output::Output;
use crate::render::views::Views;
use tera::{Context, Tera};

/// The embed pages: where each is, and the colour scheme it is drawn in.
const VARIANTS: [(&str, &str); 3] = [
    (urls::EMBED, "auto"),
    (urls::EMBED_LIGHT, "light"),
    (urls::EMBED_DARK, "dark"),
];

/// Renders the embed pages into `output`.
pub fn render(
    tera: &Tera,
    state: &State,
    views: &Views,
    output: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("site", &views.site);
    ctx.insert("open_incidents", &views.incidents(&state.open_incidents));
    ctx.insert(
        "active_maintenance",
        &views.windows(&state.active_maintenance),
    );
    for (url, scheme) in VARIANTS {
        ctx.insert("root", &urls::root_of(url));
        ctx.insert("scheme", scheme);
        let html = tera.render("embed.html", &ctx).map_err(|e| {
            vec![
                Diagnostic::error("templates/embed.html", (1, 1), chain(&e))
                    .with_hint("fix the template; built-in names are listed in the README"),
            ]
        })?;
        output.insert(urls::page_file(url), html);
    }
    Ok(())
}
