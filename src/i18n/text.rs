//! One text of a translation table: a plain string or one string per CLDR plural category,
//! with `{name}` placeholders.

use std::collections::BTreeMap;

/// A CLDR plural category, as a table names it (`one = "…"`, `other = "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other`, which every plural text has.
    Other,
}

impl Category {
    /// Every category, in CLDR's order.
    pub const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    /// The name a table uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    /// The category a table name stands for.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A text of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// The same words for every number.
    Plain(String),
    /// Words per plural category; `other` is always there.
    Plural(BTreeMap<Category, String>),
}

impl Text {
    /// The form for `category`, or `other` when the text has no such form (and for a plain
    /// text, the text itself).
    pub fn form(&self, category: Category) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Plural(forms) => forms
                .get(&category)
                .or_else(|| forms.get(&Category::Other))
                .map_or("", String::as_str),
        }
    }

    /// Every string of the text: the one of a plain text, each form of a plural one.
    pub fn strings(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }

    /// The placeholders of every form, sorted and without repeats.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.strings().into_iter().flat_map(placeholders).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The `{name}` placeholders of `text`, in order (a name is lower-case ASCII letters, digits and
/// `_`; other braces are text).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `text` with each `{name}` of `args` replaced by its value; placeholders without a value stay
/// as written.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if args.is_empty() || !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = args.iter().find(|(n, _)| *n == name)?.1;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_lower_case_names_in_braces() {
        assert_eq!(
            placeholders("{n} of {total} checks, {Not} {} {a-b} {x"),
            ["n", "total"]
        );
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(
            fill("{h} h {m} min, {unknown}", &[("h", "2"), ("m", "20")]),
            "2 h 20 min, {unknown}"
        );
        assert_eq!(fill("{{n}}", &[("n", "3")]), "{3}");
        assert_eq!(fill("none", &[("n", "3")]), "none");
    }

    #[test]
    fn a_missing_form_falls_back_to_other() {
        let text = Text::Plural(BTreeMap::from([
            (Category::One, "{n} day".to_string()),
            (Category::Other, "{n} days".to_string()),
        ]));
        assert_eq!(text.form(Category::One), "{n} day");
        assert_eq!(text.form(Category::Few), "{n} days");
        assert_eq!(text.placeholders(), ["n"]);
    }
}
