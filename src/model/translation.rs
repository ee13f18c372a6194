//! A site in one of its languages: the same facts, with its config naming that language and
//! where its pages are published.

use super::Site;

/// `site` as published in its language `tag` at `url` (its folder's address, without a trailing
/// `/`): the language and base address of its pages are those of `tag`.
pub fn localize(site: &Site, tag: &str, url: &str) -> Site {
    let mut local = site.clone();
    local.config.language = tag.to_string();
    local.config.base_url = url.to_string();
    local
}
