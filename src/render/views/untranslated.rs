//! What a page in one of the site's other languages says of a post left (wholly or in part) in
//! the default language: a note in the reader's language, and the `lang` of each text that is
//! not in the page's, so that screen readers switch voice.

use crate::i18n::Table;
use crate::model::translation::{Fallback, Translations};
use serde::Serialize;

/// The untranslated parts of a post, as its views carry them.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Untranslated {
    /// The note: "This post is only available in English.", or that parts of it are.
    pub note: Option<String>,
    /// The language of the title, where it is not the page's.
    pub title: Option<String>,
    /// The language of the summary (an announcement's body), where it is not the page's.
    pub summary: Option<String>,
    /// The language of the postmortem, where it is not the page's.
    pub postmortem: Option<String>,
}

impl Untranslated {
    /// What `translations` leave untranslated on a page written with `t`.
    pub fn of(translations: &Translations, t: &Table) -> Untranslated {
        let Some(f) = &translations.fallback else {
            return Untranslated::default();
        };
        let key = if f.whole {
            "post.untranslated"
        } else {
            "post.partly_translated"
        };
        let lang = |untranslated: bool| untranslated.then(|| f.language.clone());
        Untranslated {
            note: Some(t.fill(key, &[("language", t.language_name(&f.language))])),
            title: lang(f.title),
            summary: lang(f.summary),
            postmortem: lang(f.postmortem),
        }
    }
}

/// The language of the update whose heading is at `line` of the original, where it is not the
/// page's.
pub fn update_language(fallback: Option<&Fallback>, line: usize) -> Option<String> {
    fallback
        .filter(|f| f.update(line))
        .map(|f| f.language.clone())
}
