//! Rendering: views of the derived state go through Tera templates into in-memory files.

pub mod api;
pub mod badges;
pub mod calendar;
pub mod embed;
pub mod feeds;
#[cfg(test)]
pub(crate) mod fixture;
pub mod format;
pub mod ids;
pub mod lifecycle;
pub mod markdown;
pub mod pages;
pub mod templates;
pub mod uptime;
pub mod uptime_api;
pub mod views;

use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::load::Site;
use crate::output::Output;

/// Renders the whole site: pages, sitemap, robots.txt, static files, and the machine-readable
/// outputs (Statuspage API, feeds, maintenance calendar, badges, embed page).
pub fn render(site: &Site, state: &State) -> Result<Output, Vec<Diagnostic>> {
    let tera = templates::engine(&site.templates)?;
    let views = views::Views::build(site, state);
    let mut output = Output::new();
    for (path, bytes) in &site.static_files {
        output.insert(path.clone(), bytes.clone());
    }
    // The machine-readable outputs do not depend on the pages: render them meanwhile (feeds
    // alone are a tenth of the render phase), then lay them over the pages as before.
    let (pages, machine) = rayon::join(
        || pages::render_pages(&tera, site, state, &views, &mut output),
        || {
            let mut machine = Output::new();
            api::render(site, state, &mut machine);
            feeds::render(site, state, &views, &mut machine);
            calendar::render(site, state, &mut machine);
            badges::render(site, state, &mut machine);
            machine
        },
    );
    pages?;
    output.append(machine);
    embed::render(&tera, state, &views, &mut output)?;
    output.insert("api/uptime.json", views.uptime_report.to_json());
    output.insert(".nojekyll", Vec::new());
    Ok(output)
}
