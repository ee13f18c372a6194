//! The Tera context pages are rendered from. `site` is the same on every page of a language: it
//! is serialized once, and each rendering thread keeps a context with it, into which a page
//! puts its own values and from which they are taken again once it is rendered.

use super::super::engine::chain;
use crate::output::Sink;
use crate::render::memo::{EditionRound, Key};
use crate::render::views::SiteView;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera};

/// A context holding `site`, and the values put in for the page at hand.
#[derive(Debug, Clone)]
pub(super) struct PageContext {
    ctx: Context,
    /// The keys put in since the last [`PageContext::clear`].
    added: Vec<&'static str>,
    /// Per template, the size of the largest page it gave so far: the buffer of the next one
    /// is made that large at once, rather than grown by copying.
    sizes: HashMap<&'static str, usize>,
}

impl PageContext {
    /// A context with only `site`.
    pub(super) fn new(site: &SiteView) -> PageContext {
        let mut ctx = Context::new();
        ctx.insert("site", site);
        PageContext {
            ctx,
            added: Vec::new(),
            sizes: HashMap::new(),
        }
    }

    /// Puts `value` in as `key`, replacing what it held.
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.ctx.insert(key, value);
        if !self.added.contains(&key) {
            self.added.push(key);
        }
    }

    /// Takes out everything put in since the last call, leaving `site`.
    pub(super) fn clear(&mut self) {
        for key in self.added.drain(..) {
            self.ctx.remove(key);
        }
    }

    /// Renders `template` for the file at `path` (named in the error) from the values put in
    /// so far, which stay.
    pub(super) fn render(
        &mut self,
        tera: &Tera,
        template: &'static str,
        path: &str,
    ) -> Result<String, String> {
        let out = self.render_bytes(tera, template, path)?;
        // Tera writes only text: templates, strings and numbers.
        String::from_utf8(out).map_err(|e| format!("rendering {template} for {path}: {e}"))
    }

    /// Renders `template` into the file at `path` of `sink`, like [`PageContext::render`];
    /// returns the path.
    pub(super) fn put(
        &mut self,
        tera: &Tera,
        template: &'static str,
        path: String,
        sink: &dyn Sink,
    ) -> Result<String, String> {
        let out = self.render_bytes(tera, template, &path)?;
        sink.put(&path, out);
        Ok(path)
    }

    /// Puts the file at `path` into `sink` like [`PageContext::put`], or the page `part` kept
    /// from the previous rendering: under `declared`, the key of what the page reads (which the
    /// caller found changed, so it is rendered and kept under it), or else under `template` and
    /// the whole context. Returns the path.
    pub(super) fn put_kept(
        &mut self,
        tera: &Tera,
        template: &'static str,
        path: String,
        sink: &dyn Sink,
        (part, declared): (&EditionRound<'_>, Option<Key>),
    ) -> Result<String, String> {
        if part.round().is_none() {
            return self.put(tera, template, path, sink);
        }
        if declared.is_none()
            && let Some(bytes) = part.reuse_context(&path, template, &self.ctx)
        {
            sink.put_shared(&path, bytes);
            return Ok(path);
        }
        let mut out = self.render_bytes(tera, template, &path)?;
        // Kept until the next rendering: without the room left for larger pages.
        out.shrink_to_fit();
        let bytes = Arc::new(out);
        let key = declared.unwrap_or_else(|| Key::Context(template, self.ctx.clone()));
        part.keep(&path, key, &bytes);
        sink.put_shared(&path, bytes);
        Ok(path)
    }

    fn render_bytes(
        &mut self,
        tera: &Tera,
        template: &'static str,
        path: &str,
    ) -> Result<Vec<u8>, String> {
        let size = self.sizes.entry(template).or_insert(0);
        let mut out = Vec::with_capacity(*size);
        tera.render_to(template, &self.ctx, &mut out)
            .map_err(|e| format!("rendering {template} for {path}: {}", chain(&e)))?;
        *size = (*size).max(out.len());
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{OPEN_WEB, derived};
    use crate::render::data::api::Api;
    use crate::render::views::{Edition, Views};

    #[test]
    fn a_page_sees_site_and_what_it_put_in_and_not_what_the_page_before_put_in() {
        let (site, state) = derived(&[("web", OPEN_WEB)], &[], "2026-11-20T12:00:00Z");
        let t = crate::i18n::english_table();
        let edition = Edition::new(&site.config.base_url, "en", "en");
        let refresh = Api::new(&site, &state, t).refresh(true);
        let views = Views::build(&site, &state, refresh, &edition, t);
        let mut tera = Tera::default();
        let template = "{{ site.title }}|{{ post | default(value=\"none\") }}|{{ root }}";
        tera.add_raw_template("t.txt", template).unwrap();
        let mut ctx = PageContext::new(&views.site);
        ctx.insert("post", "first");
        ctx.insert("root", "../");
        let first = ctx.render(&tera, "t.txt", "a/index.html").unwrap();
        assert_eq!(first, format!("{}|first|../", views.site.title));
        ctx.clear();
        ctx.insert("root", "");
        let second = ctx.render(&tera, "t.txt", "b/index.html").unwrap();
        assert_eq!(second, format!("{}|none|", views.site.title));
        ctx.clear();
        let error = ctx.render(&tera, "t.txt", "c/index.html").unwrap_err();
        assert!(
            error.starts_with("rendering t.txt for c/index.html: ") && error.contains("`root`"),
            "{error}"
        );
    }
}
