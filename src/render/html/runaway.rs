//! Macros that call themselves with no way to stop, directly or through other macros of their
//! own or of imported files. A recursive macro is fine when the call sits under an `if` or a `for`; one that always
//! comes back to itself recurses until the stack overflows and the process aborts, so it is an
//! error found once the templates are parsed.

use crate::diagnostic::Diagnostic;
use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

/// A macro: the template file that defines it and its name.
type Macro<'a> = (&'a str, &'a str);

/// One error per macro of the `overrides` (name, text) that, by the calls it always makes to
/// macros of its own or of imported files, comes back to itself.
pub(super) fn find_runaway_macros(tera: &Tera, overrides: &[(String, String)]) -> Vec<Diagnostic> {
    // Which macros each macro calls every time it runs.
    let always = |(file, name): Macro<'_>| -> Vec<(String, String)> {
        let Some(template) = tera.templates.get(file) else {
            return Vec::new();
        };
        let Some(definition) = template.macros.get(name) else {
            return Vec::new();
        };
        let mut calls = Vec::new();
        unconditional_calls(&definition.body, &mut calls);
        calls
            .into_iter()
            .filter_map(|(namespace, callee)| {
                let target = if namespace == "self" {
                    Some(file.to_string())
                } else {
                    template
                        .imported_macro_files
                        .iter()
                        .find(|(_, ns)| *ns == namespace)
                        .map(|(f, _)| f.clone())
                };
                target.map(|f| (f, callee))
            })
            .collect()
    };
    let mut out = Vec::new();
    for (file, text) in overrides {
        let Some(template) = tera.templates.get(file) else {
            continue;
        };
        let mut names: Vec<&String> = template.macros.keys().collect();
        names.sort();
        for name in names {
            if let Some(cycle) = cycle_from((file.clone(), name.clone()), &always) {
                out.push(
                    Diagnostic::error(
                        format!("templates/{file}"),
                        position_of_macro(text, name),
                        format!("template recursion: {}", story(file, &cycle)),
                    )
                    .with_hint("put the call under an `if` that ends the recursion, or remove it"),
                );
            }
        }
    }
    out
}

/// The macros from `start` back to `start` along calls that always happen, if there is such
/// a loop.
fn cycle_from(
    start: (String, String),
    always: &impl Fn(Macro<'_>) -> Vec<(String, String)>,
) -> Option<Vec<(String, String)>> {
    fn walk(
        path: &mut Vec<(String, String)>,
        seen: &mut std::collections::BTreeSet<(String, String)>,
        always: &impl Fn(Macro<'_>) -> Vec<(String, String)>,
    ) -> bool {
        let (file, name) = path[path.len() - 1].clone();
        for next in always((&file, &name)) {
            if next == path[0] {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next);
                if walk(path, seen, always) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start];
    let mut seen = std::collections::BTreeSet::new();
    walk(&mut path, &mut seen, always).then_some(path)
}

/// "macro `f` calls itself every time it runs", or "macro `f` always calls `g`, which always
/// calls `f`"; a macro of another file than `file` is named with it, `m.html::g`.
fn story(file: &str, cycle: &[(String, String)]) -> String {
    let named = |(f, n): &(String, String)| {
        if f == file {
            format!("`{n}`")
        } else {
            format!("`{f}::{n}`")
        }
    };
    if let [only] = cycle {
        return format!("macro {} calls itself every time it runs", named(only));
    }
    let mut s = format!("macro {}", named(&cycle[0]));
    for (i, next) in cycle.iter().skip(1).chain(cycle.first()).enumerate() {
        s.push_str(if i == 0 {
            " always calls "
        } else {
            ", which always calls "
        });
        s.push_str(&named(next));
    }
    s
}

/// The macro calls (namespace, name) that `nodes` make outside any `if` or `for`.
fn unconditional_calls(nodes: &[Node], out: &mut Vec<(String, String)>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, expr) => calls(expr, out),
            Node::Set(_, set) => calls(&set.value, out),
            Node::FilterSection(_, f, _) => unconditional_calls(&f.body, out),
            Node::Block(_, b, _) => unconditional_calls(&b.body, out),
            _ => {}
        }
    }
}

/// The macro calls that evaluating `expr` always makes: the expression itself, the arguments
/// of a call, the parts of a sum, a concatenation or a list.
fn calls(expr: &Expr, out: &mut Vec<(String, String)>) {
    match &expr.val {
        ExprVal::MacroCall(call) => {
            out.push((call.namespace.clone(), call.name.clone()));
            for arg in call.args.values() {
                calls(arg, out);
            }
        }
        ExprVal::FunctionCall(f) => f.args.values().for_each(|a| calls(a, out)),
        ExprVal::Math(m) => {
            calls(&m.lhs, out);
            calls(&m.rhs, out);
        }
        ExprVal::StringConcat(c) => {
            for v in &c.values {
                if let ExprVal::MacroCall(call) = v {
                    out.push((call.namespace.clone(), call.name.clone()));
                }
            }
        }
        ExprVal::Array(items) => items.iter().for_each(|i| calls(i, out)),
        _ => {}
    }
}

/// Line and column of `{% macro name(` in `text`, or the start of the file.
fn position_of_macro(text: &str, name: &str) -> (usize, usize) {
    text.match_indices("macro")
        .map(|(i, _)| i)
        .find(|&i| text[i + 5..].trim_start().starts_with(&format!("{name}(")))
        .map_or((1, 1), |at| crate::diagnostic::line_col(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runaway(text: &str) -> Vec<String> {
        let mut tera = Tera::default();
        tera.add_raw_template("m.html", text).unwrap();
        find_runaway_macros(&tera, &[("m.html".to_string(), text.to_string())])
            .into_iter()
            .map(|d| format!("{}:{}:{}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn an_unconditional_call_to_itself_is_an_error_and_a_guarded_one_is_not() {
        assert_eq!(
            runaway("x\n{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}"),
            ["2:4:template recursion: macro `f` calls itself every time it runs"]
        );
        assert_eq!(
            runaway("{% macro g(n) %}{% set x = 1 + self::g(n=n) %}{% endmacro g %}").len(),
            1
        );
        assert!(
            runaway(
                "{% macro f(n) %}{% if n > 0 %}{{ self::f(n=n - 1) }}{% endif %}{% endmacro f %}"
            )
            .is_empty()
        );
        assert!(
            runaway(
                "{% macro f(n) %}{% for i in n %}{{ self::f(n=i) }}{% endfor %}{% endmacro f %}"
            )
            .is_empty()
        );
        assert!(runaway("{% macro f() %}{{ self::g() }}{% endmacro f %}").is_empty());
        assert_eq!(
            runaway(
                "{% macro f() %}{{ self::g() }}{% endmacro f %}\n{% macro g() %}{{ self::f() }}{% endmacro g %}"
            ),
            [
                "1:4:template recursion: macro `f` always calls `g`, which always calls `f`",
                "2:4:template recursion: macro `g` always calls `f`, which always calls `g`",
            ]
        );
    }
}
