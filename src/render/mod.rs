//! Rendering: views of the derived state go through Tera templates into in-memory files.

pub mod format;
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

/// Renders the whole site: pages, sitemap, robots.txt and static files.
pub fn render(site: &Site, state: &State) -> Result<Output, Vec<Diagnostic>> {
    let tera = templates::engine(&site.templates)?;
    let views = views::Views::build(site, state);
    let mut output = Output::new();
    for (path, bytes) in &site.static_files {
        output.insert(path.clone(), bytes.clone());
    }
    pages::render_pages(&tera, site, state, &views, &mut output)?;
    output.insert("api/uptime.json", views.uptime_report.to_json());
    output.insert(".nojekyll", Vec::new());
    Ok(output)
}
