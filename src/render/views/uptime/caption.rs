//! The words every uptime bar's caption shares in one language: where the bar starts ("90 days
//! ago", "30 days ago" on a narrow screen) and "Today". Every bar shows the site's window, so
//! they are the same for all bars of a page; the built-in stylesheet draws them beside each
//! caption of class `ubc` (`.ubc::before`, `.ubc::after`) instead of every bar repeating them. The pages of all
//! languages share the stylesheet, so on a site of several it has one rule per language, for
//! `:lang()` of the pages' `<html lang>`; a site of one language has one rule for all pages,
//! which holds whatever its `language` says (`en_US`, which no browser matches, included).

use super::bar::{first_label, narrow_first_label};
use crate::model::Site;
use crate::render::escape::{css_ident, css_string};
use serde::Serialize;

/// The fixed words of the bars' captions in one language, escaped for the stylesheet: `lang` as a
/// CSS identifier (for `:lang()`), the others for a double-quoted CSS string.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptionLabels {
    /// The language's tag, as the pages carry it in `<html lang>`; `None` on a site of one
    /// language, whose rule is for every page.
    pub lang: Option<String>,
    /// The caption's start, e.g. "90 days ago" ("Today" for a window of one day).
    pub first: String,
    /// The start on a narrow screen, which shows the last 30 days of a longer window, e.g. "30
    /// days ago"; `None` when the window is no longer than that.
    pub narrow_first: Option<String>,
    /// The caption's end, "Today".
    pub today: String,
}

/// The captions' words in each language of `site`, for bars of `days` days, with each language's
/// table (the site's own texts included). A language comes after every language whose tag
/// starts it (`pt` before `pt-BR`): `:lang(pt)` matches a page in `pt-BR` too, and of two rules
/// that match, the later wins.
pub fn captions(site: &Site, days: usize) -> Vec<CaptionLabels> {
    let several = site.config.languages.len() > 1;
    let mut all: Vec<CaptionLabels> = (site.config.languages.iter())
        .map(|tag| {
            let t = crate::render::table_in(site, tag);
            CaptionLabels {
                lang: several.then(|| css_ident(tag)),
                first: css_string(&first_label(days, t)),
                narrow_first: narrow_first_label(days, t).map(|s| css_string(&s)),
                today: css_string(t.get("uptime.today")),
            }
        })
        .collect();
    all.sort_by_key(|c| c.lang.as_ref().map(|l| l.split('-').count()));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Sources, parse};
    use std::path::PathBuf;

    /// A site with `config` added to its `statuspress.toml` and its own `i18n/` files.
    fn site(config: &str, own: &[(&str, &str)]) -> Site {
        parse(Sources {
            config: format!("title = \"Acme\"\nbase_url = \"https://a.test\"\n{config}"),
            translations: (own.iter())
                .map(|(path, text)| (PathBuf::from(path), text.to_string()))
                .collect(),
            ..Sources::default()
        })
        .unwrap()
    }

    fn labels(lang: Option<&str>, first: &str, narrow: Option<&str>, today: &str) -> CaptionLabels {
        CaptionLabels {
            lang: lang.map(str::to_string),
            first: first.to_string(),
            narrow_first: narrow.map(str::to_string),
            today: today.to_string(),
        }
    }

    #[test]
    fn each_language_has_its_words_and_a_region_comes_after_its_language() {
        let s = site("languages = [\"pt-BR\", \"ar\", \"pt\", \"en\"]\n", &[]);
        assert_eq!(
            captions(&s, 90),
            [
                labels(Some("ar"), "قبل 90 يومًا", Some("قبل 30 يومًا"), "اليوم"),
                labels(Some("pt"), "há 90 dias", Some("há 30 dias"), "Hoje"),
                labels(Some("en"), "90 days ago", Some("30 days ago"), "Today"),
                labels(Some("pt-BR"), "há 90 dias", Some("há 30 dias"), "Hoje"),
            ]
        );
    }

    #[test]
    fn a_short_window_has_no_narrow_start_and_one_day_starts_today() {
        let s = site("language = \"fr\"\n", &[]);
        assert_eq!(
            captions(&s, 30),
            [labels(None, "il y a 30 jours", None, "Aujourd'hui")]
        );
        assert_eq!(
            captions(&s, 1),
            [labels(None, "Aujourd'hui", None, "Aujourd'hui")]
        );
    }

    #[test]
    fn a_site_of_one_language_has_one_rule_for_any_tag() {
        let s = site("language = \"en_US\"\n", &[]);
        assert_eq!(
            captions(&s, 90),
            [labels(None, "90 days ago", Some("30 days ago"), "Today")]
        );
    }

    #[test]
    fn the_site_s_own_texts_are_escaped_for_the_stylesheet() {
        let own = "[uptime]\ntoday = \"Now \\\"live\\\" </style>\"\n";
        let s = site("languages = [\"en\", \"de\"]\n", &[("i18n/en.toml", own)]);
        assert_eq!(
            captions(&s, 90),
            [
                labels(
                    Some("en"),
                    "90 days ago",
                    Some("30 days ago"),
                    "Now \\\"live\\\" \\3c /style>"
                ),
                labels(Some("de"), "vor 90 Tagen", Some("vor 30 Tagen"), "Heute"),
            ]
        );
    }
}
