//! The site's languages as a page names them: the language switcher in the header and the
//! `hreflang` alternates in the head, both only on a site of more than one language.

use crate::model::Config;
use crate::model::urls;
use serde::Serialize;

/// Which of the site's languages a build renders, and where the site's root is.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The address of the site root (`base_url`), where the default language and the shared
    /// files (stylesheet, static files, the API) are published.
    pub site_url: String,
    /// The folder of this language relative to the site root: `""` for the default language,
    /// `de/` for another ([`urls::language_root`]).
    pub root: String,
}

impl Edition {
    /// The edition of the language `tag` of a site published at `site_url` whose default
    /// language is `default`.
    pub fn new(site_url: &str, tag: &str, default: &str) -> Edition {
        Edition {
            site_url: site_url.to_string(),
            root: if tag == default {
                String::new()
            } else {
                urls::language_root(tag)
            },
        }
    }

    /// The relative root of the site seen from this language's root: `""` for the default
    /// language, `../` for another. Links to shared files start with it.
    pub fn shared(&self) -> String {
        urls::root_of(&self.root)
    }

    /// The address of this language's pages: the site's, or its folder's.
    pub fn url(&self) -> String {
        urls::absolute(&self.site_url, &self.root)
            .trim_end_matches('/')
            .to_string()
    }
}

/// One of the site's languages, as the pages of one of them name it.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    /// Its tag, for `hreflang` and `lang`.
    pub tag: String,
    /// Its name in itself: "Deutsch".
    pub name: String,
    /// Whether it is the language of the page.
    pub current: bool,
    /// Its root relative to the root of the page's language: prefix it with `root` and follow
    /// it with a page's URL for the same page in it.
    pub root: String,
    /// The address of its root, without a trailing `/`: follow it with `/` and a page's URL
    /// for the same page's absolute address.
    pub url: String,
}

/// The site's languages, the default first, as the pages of `edition` name them.
pub fn language_views(config: &Config, edition: &Edition) -> Vec<LanguageView> {
    let default = &config.languages[0];
    config
        .languages
        .iter()
        .map(|tag| {
            let other = Edition::new(&edition.site_url, tag, default);
            LanguageView {
                tag: tag.clone(),
                name: crate::i18n::autonym(tag).to_string(),
                current: other.root == edition.root,
                root: urls::between_languages(&edition.root, &other.root),
                url: other.url(),
            }
        })
        .collect()
}
