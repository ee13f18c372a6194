//! `sitemap.xml`. The sitemap protocol allows 50,000 URLs per file, so a larger site gets a
//! sitemap index in `sitemap.xml` that points to `sitemap-1.xml`, `sitemap-2.xml`, … (at the
//! site root: a sitemap may only list URLs at or below its own folder). A site of several
//! languages lists each page once per language, each with its `xhtml:link` alternates.

use super::engine::render_file;
use crate::diagnostic::Diagnostic;
use crate::model::urls;
use crate::output::Sink;
use crate::render::escape;
use tera::{Context, Tera};

/// The most URLs one sitemap file may list.
pub const URLS_PER_FILE: usize = 50_000;

/// Renders the sitemap of `pages` (page URLs relative to a language's root, sorted) in each of
/// `languages` languages into `sink` with `ctx` (which holds `site`, whose `languages` the
/// template lists them in). Returns the paths written.
pub fn render(
    tera: &Tera,
    ctx: &Context,
    pages: &[&str],
    languages: usize,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    render_split(tera, ctx, pages, URLS_PER_FILE / languages.max(1), sink)
}

fn render_split(
    tera: &Tera,
    ctx: &Context,
    pages: &[&str],
    per_file: usize,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    // The template names are the built-in `sitemap.xml` and `sitemap_index.xml`.
    if pages.len() <= per_file {
        put(
            tera,
            "sitemap.xml",
            ctx,
            "pages",
            &pages,
            urls::SITEMAP,
            sink,
        )?;
        return Ok(vec![urls::SITEMAP.to_string()]);
    }
    let mut parts = Vec::new();
    for (k, chunk) in pages.chunks(per_file).enumerate() {
        let path = urls::sitemap_part(k + 1);
        put(tera, "sitemap.xml", ctx, "pages", &chunk, &path, sink)?;
        parts.push(path);
    }
    let index = "sitemap_index.xml";
    put(tera, index, ctx, "sitemaps", &parts, urls::SITEMAP, sink)?;
    parts.push(urls::SITEMAP.to_string());
    Ok(parts)
}

/// Renders `template` with `list` inserted as `name` and writes it to `path`, without the
/// characters XML cannot hold: Tera escapes values with [`escape::html`], which keeps them.
fn put(
    tera: &Tera,
    template: &str,
    ctx: &Context,
    name: &str,
    list: &impl serde::Serialize,
    path: &str,
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut ctx = ctx.clone();
    ctx.insert(name, list);
    let text = escape::xml_file(render_file(tera, template, &ctx)?);
    sink.put(path, text.into_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Output;
    use std::sync::Mutex;

    fn build(pages: &[&str], per_file: usize) -> Output {
        let tera = crate::render::html::engine::engine(&[]).unwrap();
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &serde_json::json!({ "base_url": "https://status.acme.test", "languages": [{}] }),
        );
        let sink = Mutex::new(Output::new());
        let written = render_split(&tera, &ctx, pages, per_file, &sink).unwrap();
        let out = sink.into_inner().unwrap();
        let mut listed: Vec<String> = out.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        let mut written = written;
        written.sort();
        assert_eq!(listed, written, "returns exactly the files it wrote");
        out
    }

    fn text(out: &Output, path: &str) -> String {
        out.text(path).unwrap().to_string()
    }

    #[test]
    fn a_site_within_the_limit_has_one_sitemap() {
        let out = build(&["", "history/", "incidents/a/"], 3);
        let map = text(&out, "sitemap.xml");
        assert!(map.contains("<urlset"), "{map}");
        assert_eq!(map.matches("<url>").count(), 3);
        assert!(map.contains("<loc>https://status.acme.test/incidents/a/</loc>"));
    }

    #[test]
    fn a_site_of_several_languages_lists_each_page_in_each_with_its_alternates() {
        let tera = crate::render::html::engine::engine(&[]).unwrap();
        let mut ctx = Context::new();
        let language = |tag: &str, url: &str| serde_json::json!({ "tag": tag, "url": url });
        ctx.insert(
            "site",
            &serde_json::json!({
                "base_url": "https://s.test",
                "languages": [language("en", "https://s.test"), language("de", "https://s.test/de")],
            }),
        );
        let pages = ["", "incidents/a/"];
        let sink = Mutex::new(Output::new());
        let written = render(&tera, &ctx, &pages, 2, &sink).unwrap();
        assert_eq!(written, ["sitemap.xml"]);
        let out = sink.into_inner().unwrap();
        let map = text(&out, "sitemap.xml");
        roxmltree::Document::parse(&map).unwrap();
        assert!(
            map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
            "{map}"
        );
        assert_eq!(map.matches("<url>").count(), 4, "{map}");
        assert!(
            map.contains(
                "<url><loc>https://s.test/de/incidents/a/</loc>\
                 <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://s.test/incidents/a/\"/>\
                 <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://s.test/de/incidents/a/\"/>\
                 <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://s.test/incidents/a/\"/></url>"
            ),
            "{map}"
        );
    }

    #[test]
    fn a_larger_site_gets_an_index_of_parts_in_page_order() {
        let out = build(
            &["", "history/", "incidents/a/", "incidents/b/", "stats/"],
            2,
        );
        let index = text(&out, "sitemap.xml");
        assert!(index.contains("<sitemapindex"), "{index}");
        let locs: Vec<&str> = index
            .lines()
            .filter_map(|l| l.split("<loc>").nth(1)?.split("</loc>").next())
            .collect();
        assert_eq!(
            locs,
            [
                "https://status.acme.test/sitemap-1.xml",
                "https://status.acme.test/sitemap-2.xml",
                "https://status.acme.test/sitemap-3.xml"
            ]
        );
        let parts: Vec<String> = (1..=3)
            .map(|k| text(&out, &format!("sitemap-{k}.xml")))
            .collect();
        assert_eq!(
            parts
                .iter()
                .map(|p| p.matches("<url>").count())
                .collect::<Vec<_>>(),
            [2, 2, 1]
        );
        assert!(
            parts[1].contains("/incidents/a/</loc>") && parts[1].contains("/incidents/b/</loc>")
        );
        assert!(parts[2].contains("<loc>https://status.acme.test/stats/</loc>"));
    }
}
