//! Which way a language is written: the one place pages learn whether they read right to left.
//!
//! A tag's script subtag decides when it has one (`az-Arab` reads right to left, `ckb-Latn` left
//! to right); otherwise the usual script of the language does, as CLDR's likely subtags give it
//! for the languages written in an Arabic, Hebrew, Thaana, Syriac or N'Ko script.

/// The direction of a language's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value of HTML's `dir` attribute: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Scripts written right to left (ISO 15924 codes of Unicode's right-to-left scripts).
const RTL_SCRIPTS: &[&str] = &[
    "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar",
    "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm",
    "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
];

/// Languages whose usual script is written right to left: Arabic and its varieties, Persian,
/// Urdu, Pashto, Sindhi, Kashmiri, Central Kurdish, Uyghur, Hebrew, Yiddish, Dhivehi, Syriac,
/// N'Ko and others (`iw` and `ji` are the old tags of Hebrew and Yiddish).
const RTL_LANGUAGES: &[&str] = &[
    "acm", "aeb", "afb", "ajp", "apc", "ar", "arc", "arq", "ars", "ary", "arz", "bal", "bgn",
    "bqi", "ckb", "dv", "fa", "glk", "haz", "he", "iw", "ji", "khw", "ks", "lrc", "luz", "mzn",
    "nqo", "pnb", "prs", "ps", "sd", "sdh", "skr", "syr", "ug", "ur", "yi",
];

/// The direction of the language `tag` (a BCP 47 tag such as `ar`, `fa-IR`, `az-Arab`); left to
/// right for a tag that is not one.
pub fn direction(tag: &str) -> Direction {
    let Ok(id) = icu_locale_core::LanguageIdentifier::try_from_str(tag) else {
        return Direction::Ltr;
    };
    let rtl = match id.script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&id.language.as_str()),
    };
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_right_to_left_scripts_read_right_to_left() {
        for tag in [
            "ar", "ar-EG", "AR", "he", "fa", "fa-AF", "ur", "ps", "yi", "ckb", "dv", "sd", "ug",
        ] {
            assert_eq!(direction(tag), Direction::Rtl, "{tag}");
        }
        for tag in [
            "en",
            "de",
            "pt-BR",
            "zh-CN",
            "ja",
            "tr",
            "ku",
            "xx",
            "",
            "not a tag",
        ] {
            assert_eq!(direction(tag), Direction::Ltr, "{tag}");
        }
    }

    #[test]
    fn a_script_subtag_decides_over_the_language() {
        assert_eq!(direction("az-Arab"), Direction::Rtl);
        assert_eq!(direction("pa-Arab-PK"), Direction::Rtl);
        assert_eq!(direction("ff-Adlm"), Direction::Rtl);
        assert_eq!(direction("ckb-Latn"), Direction::Ltr);
        assert_eq!(direction("sd-Deva"), Direction::Ltr);
        assert_eq!(direction("ar-Latn"), Direction::Ltr);
        assert_eq!(Direction::Rtl.as_str(), "rtl");
        assert_eq!(Direction::Ltr.as_str(), "ltr");
    }
}
