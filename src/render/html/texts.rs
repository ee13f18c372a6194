//! The template functions of translations: `t` and `t_forms`, registered per build with the
//! table of its language.

use crate::diagnostic::closest;
use crate::i18n::{Category, Table, Text};
use crate::render::escape;
use std::collections::HashMap;
use tera::{Tera, Value};

/// Registers the template functions of the build's language, `table`:
///
/// - `t(key="index.components")` is the text of `key`; `t(key="…", n=3)` the plural form for 3,
///   with `{n}` filled; any other argument fills the placeholder of its name. A key ending in
///   `_html` is HTML: its placeholders are escaped but for those whose names end in `_html`, and
///   it is printed with `| safe`.
/// - `t_forms(key="…")` is a plural text's forms by CLDR category, for a script to choose from.
pub fn register_texts(tera: &mut Tera, table: &'static Table) {
    tera.register_function("t", Translate(table));
    tera.register_function("t_forms", Forms(table));
}

struct Translate(&'static Table);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let (key, text) = text_of(self.0, args, "t")?;
        let n = match args.get("n") {
            None => None,
            Some(v) => Some(
                v.as_u64()
                    .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
                    .ok_or_else(|| {
                        format!("t(key=\"{key}\"): `n` must be a number of zero or more, not {v}")
                    })?,
            ),
        };
        let form = text.form(n.map_or(Category::Other, |n| self.0.category(n)));
        let html = key.ends_with("_html");
        let mut values: Vec<(String, String)> = args
            .iter()
            .filter(|(name, _)| *name != "key" && *name != "n")
            .map(|(name, v)| {
                let s = match v {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                let raw = !html || name.ends_with("_html");
                (name.clone(), if raw { s } else { escape::html(&s) })
            })
            .collect();
        if let Some(n) = n {
            values.push(("n".to_string(), n.to_string()));
        }
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Ok(Value::String(crate::i18n::fill(form, &pairs)))
    }
}

struct Forms(&'static Table);

impl tera::Function for Forms {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let (_, text) = text_of(self.0, args, "t_forms")?;
        let forms: serde_json::Map<String, Value> = match text {
            Text::Plain(s) => {
                std::iter::once(("other".to_string(), Value::from(s.as_str()))).collect()
            }
            Text::Plural(forms) => forms
                .iter()
                .map(|(c, s)| (c.as_str().to_string(), Value::from(s.as_str())))
                .collect(),
        };
        Ok(Value::Object(forms))
    }
}

/// The `key` argument of a call of `function` and its text, or an error that names the closest
/// key.
fn text_of<'a>(
    table: &'a Table,
    args: &'a HashMap<String, Value>,
    function: &str,
) -> tera::Result<(&'a str, &'a Text)> {
    let key = args.get("key").and_then(Value::as_str).ok_or_else(|| {
        format!("{function}() needs the text's key, as {function}(key=\"index.components\")")
    })?;
    let text = table.text(key).ok_or_else(|| {
        let near = closest(key, crate::i18n::english().keys().map(String::as_str))
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        format!("{function}(): there is no text `{key}`{near}")
    })?;
    Ok((key, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::html::engine::chain;

    fn render_in(language: &str, template: &str) -> tera::Result<String> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape::html);
        register_texts(&mut tera, crate::i18n::table(language, None));
        tera.add_raw_template("page.html", template)?;
        tera.render("page.html", &tera::Context::new())
    }

    #[test]
    fn t_gives_the_text_its_plural_form_and_escapes_what_fills_html() {
        assert_eq!(
            render_in("de", r#"{{ t(key="index.components") }}"#).unwrap(),
            "Komponenten"
        );
        assert_eq!(
            render_in(
                "de",
                r#"{{ t(key="uptime.days_ago", n=1) }}, {{ t(key="uptime.days_ago", n=3) }}"#
            )
            .unwrap(),
            "vor 1 Tag, vor 3 Tagen"
        );
        // Plain texts are escaped on output; an `_html` text escapes its values but those
        // named `_html`.
        assert_eq!(
            render_in(
                "en",
                r#"{{ t(key="index.upstream", host="a&b", status="<x>") }}"#
            )
            .unwrap(),
            "Upstream a&amp;b: &lt;x&gt;"
        );
        assert_eq!(
            render_in(
                "en",
                r#"{{ t(key="error404.text_html", status_url="/?a=1&b=2", history_url="h/") | safe }}"#
            )
            .unwrap(),
            "This page does not exist. The current status of every service is on the <a href=\"/?a=1&amp;b=2\">status page</a>; past incidents are in the <a href=\"h/\">history</a>."
        );
        assert_eq!(
            render_in(
                "en",
                r#"{{ t(key="site.updated_html", time_html="<time>x</time>") | safe }}"#
            )
            .unwrap(),
            "Updated <time>x</time>"
        );
        assert_eq!(
            render_in(
                "de",
                r#"{{ t_forms(key="site.stale_days") | json_encode | safe }}"#
            )
            .unwrap(),
            r#"{"one":"{n} Tag","other":"{n} Tagen"}"#
        );
    }

    #[test]
    fn t_names_the_closest_key_of_a_text_that_does_not_exist() {
        let e = render_in("en", r#"{{ t(key="index.componets") }}"#).unwrap_err();
        let message = chain(&e);
        assert!(
            message
                .contains("there is no text `index.componets`; did you mean `index.components`?"),
            "{message}"
        );
        let e = render_in("en", r#"{{ t(key="uptime.days_ago", n="three") }}"#).unwrap_err();
        assert!(chain(&e).contains("`n` must be a number"), "{}", chain(&e));
    }
}
