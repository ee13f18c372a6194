//! The images of the uptime bars the index shows (`components/<id>/uptime-bar.svg`,
//! `groups/<id>/uptime-bar.svg`), each through the template `uptime_bar.svg`. They hold no
//! words, so every language shares them: they are rendered once, at the site root.

use super::engine::chain;
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::Output;
use crate::render::views::uptime::bar_images;
use tera::{Context, Tera};

/// The template of one bar's image.
const TEMPLATE: &str = "uptime_bar.svg";

/// Renders the image of every bar of the site into `output`.
pub fn render(
    tera: &Tera,
    site: &Site,
    state: &State,
    output: &mut Output,
) -> Result<(), Vec<Diagnostic>> {
    let mut ctx = Context::new();
    for (path, image) in bar_images(site, &state.uptime) {
        ctx.insert("bar", &image);
        let svg = tera.render(TEMPLATE, &ctx).map_err(|e| {
            vec![
                Diagnostic::error(format!("templates/{TEMPLATE}"), (1, 1), chain(&e))
                    .with_hint("fix the template; built-in names are listed in the README"),
            ]
        })?;
        output.insert(path, svg);
    }
    Ok(())
}
