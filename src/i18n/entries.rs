//! Reading a translation table from TOML: sections of keys, flattened to dotted keys
//! (`[index]` `all_operational = "…"` is `index.all_operational`), where a table with an `other`
//! key is one plural text (`[duration.days]` `one = "{n} day"` `other = "{n} days"`).

use super::text::{Category, Text};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// A text and where its key is written.
#[derive(Debug, Clone)]
pub struct Entry {
    pub text: Text,
    /// Byte range of the key in the file.
    pub span: Range<usize>,
}

/// A problem of a table's text, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// The texts of a table by dotted key, and the problems that kept others out.
pub fn read(source: &str) -> (BTreeMap<String, Entry>, Vec<Problem>) {
    let (doc, syntax) = DeTable::parse_recoverable(source);
    let mut problems: Vec<Problem> = syntax
        .iter()
        .map(|e| Problem {
            offset: e.span().map_or(0, |s| s.start),
            message: e.message().trim().to_string(),
            hint: "this is not valid TOML; see https://toml.io for the syntax".to_string(),
        })
        .collect();
    let mut entries = BTreeMap::new();
    if problems.is_empty() {
        walk(doc.get_ref(), "", &mut entries, &mut problems);
    }
    (entries, problems)
}

fn walk(
    table: &DeTable<'_>,
    prefix: &str,
    entries: &mut BTreeMap<String, Entry>,
    problems: &mut Vec<Problem>,
) {
    for (key, value) in table.iter() {
        let name = format!("{prefix}{}", key.get_ref());
        let span = key.span();
        match value.get_ref() {
            DeValue::String(s) => {
                entries.insert(
                    name,
                    Entry {
                        text: Text::Plain(s.to_string()),
                        span,
                    },
                );
            }
            DeValue::Table(t) if t.iter().any(|(k, _)| k.get_ref() == "other") => {
                let mut forms = BTreeMap::new();
                for (k, v) in t.iter() {
                    let Some(category) = Category::parse(k.get_ref()) else {
                        problems.push(Problem {
                            offset: k.span().start,
                            message: format!(
                                "`{}` is not a plural category (in the plural text `{name}`)",
                                k.get_ref()
                            ),
                            hint:
                                "a plural text has `other` and any of zero, one, two, few and many"
                                    .to_string(),
                        });
                        continue;
                    };
                    match v.get_ref() {
                        DeValue::String(s) => {
                            forms.insert(category, s.to_string());
                        }
                        _ => problems.push(not_a_string(
                            v.span().start,
                            &format!("{name}.{k}", k = k.get_ref()),
                        )),
                    }
                }
                entries.insert(
                    name,
                    Entry {
                        text: Text::Plural(forms),
                        span,
                    },
                );
            }
            DeValue::Table(t) => walk(t, &format!("{name}."), entries, problems),
            _ => problems.push(not_a_string(value.span().start, &name)),
        }
    }
}

fn not_a_string(offset: usize, key: &str) -> Problem {
    Problem {
        offset,
        message: format!("`{key}` is not a string"),
        hint:
            "write the text in quotes, or a table of plural forms (`one = \"…\"`, `other = \"…\"`)"
                .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_flatten_to_dotted_keys_and_plurals_stay_whole() {
        let (entries, problems) = read(
            "[index]\nall_operational = \"All good\"\n[duration.days]\none = \"{n} day\"\nother = \"{n} days\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            entries.keys().collect::<Vec<_>>(),
            ["duration.days", "index.all_operational"]
        );
        assert_eq!(entries["duration.days"].text.form(Category::One), "{n} day");
        assert_eq!(entries["index.all_operational"].span, 8..23);
    }

    #[test]
    fn wrong_values_and_categories_are_problems() {
        let (entries, problems) = read("a = 3\n[b]\nother = \"x\"\nsome = \"y\"\n");
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["b"]);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`a` is not a string",
                "`some` is not a plural category (in the plural text `b`)"
            ]
        );
        let (_, syntax) = read("a = \"x\n");
        assert_eq!(syntax.len(), 1);
    }
}
