//! Macros that call themselves with no way to stop, directly or through other macros of their
//! file. A recursive macro is fine when the call sits under an `if` or a `for`; one that always
//! comes back to itself recurses until the stack overflows and the process aborts, so it is an
//! error found once the templates are parsed.

use crate::diagnostic::Diagnostic;
use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

/// One error per macro of the `overrides` (name, text) that, by the calls it always makes to
/// macros of its own file, comes back to itself.
pub(super) fn find_runaway_macros(tera: &Tera, overrides: &[(String, String)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, text) in overrides {
        let Some(template) = tera.templates.get(file) else {
            continue;
        };
        let mut names: Vec<&String> = template.macros.keys().collect();
        names.sort();
        // Which macros of the file each one calls every time it runs.
        let always = |from: &str| -> Vec<&String> {
            let body = &template.macros[from].body;
            names
                .iter()
                .copied()
                .filter(|to| calls_unconditionally(body, to))
                .collect()
        };
        for &name in &names {
            if let Some(cycle) = cycle_from(name, &always) {
                out.push(
                    Diagnostic::error(
                        format!("templates/{file}"),
                        position_of_macro(text, name),
                        format!("template recursion: {}", story(&cycle)),
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
fn cycle_from<'a>(
    start: &'a String,
    always: &impl Fn(&str) -> Vec<&'a String>,
) -> Option<Vec<&'a String>> {
    fn walk<'a>(
        path: &mut Vec<&'a String>,
        seen: &mut std::collections::BTreeSet<&'a String>,
        always: &impl Fn(&str) -> Vec<&'a String>,
    ) -> bool {
        let here = path[path.len() - 1];
        for next in always(here) {
            if next == path[0] {
                return true;
            }
            if seen.insert(next) {
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
/// calls `f`".
fn story(cycle: &[&String]) -> String {
    if let [only] = cycle {
        return format!("macro `{only}` calls itself every time it runs");
    }
    let mut s = format!("macro `{}`", cycle[0]);
    for (i, next) in cycle.iter().skip(1).chain(cycle.first()).enumerate() {
        s.push_str(if i == 0 {
            " always calls "
        } else {
            ", which always calls "
        });
        s.push_str(&format!("`{next}`"));
    }
    s
}

/// True when `nodes` call `self::name` outside any `if` or `for`.
fn calls_unconditionally(nodes: &[Node], name: &str) -> bool {
    nodes.iter().any(|node| match node {
        Node::VariableBlock(_, expr) => calls(expr, name),
        Node::Set(_, set) => calls(&set.value, name),
        Node::FilterSection(_, f, _) => calls_unconditionally(&f.body, name),
        Node::Block(_, b, _) => calls_unconditionally(&b.body, name),
        _ => false,
    })
}

/// True when evaluating `expr` always calls `self::name`: the expression itself, an argument
/// of a call, or a part of a sum, a concatenation or a list.
fn calls(expr: &Expr, name: &str) -> bool {
    match &expr.val {
        ExprVal::MacroCall(call) => {
            (call.namespace == "self" && call.name == name)
                || call.args.values().any(|a| calls(a, name))
        }
        ExprVal::FunctionCall(f) => f.args.values().any(|a| calls(a, name)),
        ExprVal::Math(m) => calls(&m.lhs, name) || calls(&m.rhs, name),
        ExprVal::StringConcat(c) => c.values.iter().any(|v| match v {
            ExprVal::MacroCall(call) => call.namespace == "self" && call.name == name,
            _ => false,
        }),
        ExprVal::Array(items) => items.iter().any(|i| calls(i, name)),
        _ => false,
    }
}

/// Line and column of `{% macro name(` in `text`, or the start of the file.
fn position_of_macro(text: &str, name: &str) -> (usize, usize) {
    let Some(at) = text
        .match_indices("macro")
        .map(|(i, _)| i)
        .find(|&i| text[i + 5..].trim_start().starts_with(&format!("{name}(")))
    else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
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
