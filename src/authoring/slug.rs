//! Turning titles and names into ids usable as file names and in URLs.

use std::collections::BTreeSet;

/// Lowercase ASCII letters and digits joined by single `-`, at most `max` characters, cut at a
/// word boundary. Common accented Latin letters are folded to ASCII; other characters separate
/// words. Returns an empty string when nothing usable is left.
pub fn slugify(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.push_str(folded);
    }
    if out.len() > max {
        let cut = out[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        out.truncate(cut);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

fn fold(c: char) -> &'static str {
    const ASCII: [&str; 36] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ];
    match c {
        'a'..='z' => ASCII[c as usize - 'a' as usize],
        '0'..='9' => ASCII[26 + c as usize - '0' as usize],
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => "",
    }
}

/// `base` if it is free, else `base-<suffix>` (growing the suffix, then numbering) — the first
/// free one. The chosen id is added to `taken`.
pub fn unique(base: &str, suffix: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidates: Vec<String> = vec![base.to_string()];
    for n in suffix.len().clamp(1, 4)..=suffix.len() {
        candidates.push(format!("{base}-{}", &suffix[..n]));
    }
    let chosen = candidates
        .into_iter()
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_default()
        });
    taken.insert(chosen.clone());
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words() {
        assert_eq!(
            slugify("Elevated errors on the API!", 60),
            "elevated-errors-on-the-api"
        );
        assert_eq!(
            slugify("  Café & Straße -- EU/West ", 60),
            "cafe-strasse-eu-west"
        );
        assert_eq!(
            slugify("Visit www.githubstatus.com", 60),
            "visit-www-githubstatus-com"
        );
        assert_eq!(slugify("日本", 60), "");
        assert_eq!(slugify("one two three four", 12), "one-two");
        assert_eq!(slugify("abcdefghijklmnop", 5), "abcde");
    }

    #[test]
    fn unique_appends_id_characters_then_numbers() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("api", "x1y2z3", &mut taken), "api");
        assert_eq!(unique("api", "x1y2z3", &mut taken), "api-x1y2");
        assert_eq!(unique("api", "x1y2z3", &mut taken), "api-x1y2z");
        assert_eq!(unique("api", "x1y2z3", &mut taken), "api-x1y2z3");
        assert_eq!(unique("api", "x1y2z3", &mut taken), "api-2");
    }
}
