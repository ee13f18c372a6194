//! Templates that include, extend or import themselves, directly or through others. Tera would
//! recurse until the stack overflows and the process aborts, so such a loop is an error found
//! once the templates are parsed, before anything is rendered.

use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use tera::Tera;
use tera::ast::Node;

/// How one template uses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Use {
    Includes,
    Extends,
    Imports,
}

impl Use {
    fn verb(self) -> &'static str {
        match self {
            Use::Includes => "includes",
            Use::Extends => "extends",
            Use::Imports => "imports",
        }
    }
}

/// The templates each template uses, by name, in name order.
type Graph = BTreeMap<String, BTreeSet<(String, Use)>>;

/// One error per loop among the templates of `tera`, named after its first template that is one
/// of the `overrides` (name, text) and placed at the reference that closes the loop.
pub(super) fn find_loops(tera: &Tera, overrides: &[(String, String)]) -> Vec<Diagnostic> {
    let graph = graph(tera);
    let mut search = Search {
        graph: &graph,
        done: BTreeSet::new(),
        path: Vec::new(),
        diags: Vec::new(),
        overrides,
    };
    for name in graph.keys() {
        search.visit(name);
    }
    search.diags
}

fn graph(tera: &Tera) -> Graph {
    let mut graph = Graph::new();
    for (name, template) in &tera.templates {
        let mut uses = BTreeSet::new();
        if let Some(parent) = &template.parent {
            uses.insert((parent.clone(), Use::Extends));
        }
        for (file, _) in &template.imported_macro_files {
            uses.insert((file.clone(), Use::Imports));
        }
        let mut includes = Vec::new();
        collect_includes(&template.ast, &mut includes);
        for m in template.macros.values() {
            collect_includes(&m.body, &mut includes);
        }
        uses.extend(
            includes
                .into_iter()
                .filter(|n| tera.templates.contains_key(n))
                .map(|n| (n, Use::Includes)),
        );
        graph.insert(name.clone(), uses);
    }
    graph
}

fn collect_includes(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::MacroDefinition(_, m, _) => collect_includes(&m.body, out),
            Node::FilterSection(_, f, _) => collect_includes(&f.body, out),
            Node::Block(_, b, _) => collect_includes(&b.body, out),
            Node::Forloop(_, f, _) => {
                collect_includes(&f.body, out);
                collect_includes(f.empty_body.as_deref().unwrap_or_default(), out);
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    collect_includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    collect_includes(body, out);
                }
            }
            _ => {}
        }
    }
}

/// A depth-first search that reports a loop when a use leads back into the current path. A
/// template is explored once: a loop through it was found when it was.
struct Search<'a> {
    graph: &'a Graph,
    done: BTreeSet<&'a str>,
    /// The templates that led here, each with how it uses the next.
    path: Vec<(String, Use)>,
    diags: Vec<Diagnostic>,
    overrides: &'a [(String, String)],
}

impl<'a> Search<'a> {
    fn visit(&mut self, name: &'a str) {
        if self.done.contains(name) {
            return;
        }
        let graph = self.graph;
        for (next, how) in graph.get(name).into_iter().flatten() {
            self.path.push((name.to_string(), *how));
            match self.path.iter().position(|(n, _)| n == next) {
                Some(start) => {
                    let error = loop_error(&self.path[start..], self.overrides);
                    self.diags.push(error);
                }
                None => self.visit(next),
            }
            self.path.pop();
        }
        self.done.insert(name);
    }
}

/// The error for the loop `cycle` (each template with how it uses the next; the last uses the
/// first).
fn loop_error(cycle: &[(String, Use)], overrides: &[(String, String)]) -> Diagnostic {
    let text_of = |n: &str| overrides.iter().find(|(o, _)| o == n).map(|(_, t)| t);
    // Start the story at the first template of the site: a built-in alone never loops.
    let first = (0..cycle.len())
        .filter(|&i| text_of(&cycle[i].0).is_some())
        .min_by_key(|&i| &cycle[i].0)
        .unwrap_or(0);
    let ordered: Vec<&(String, Use)> = cycle[first..].iter().chain(&cycle[..first]).collect();
    let name = &ordered[0].0;
    let target = ordered.get(1).map_or(name, |(n, _)| n);
    let mut story = format!("{name} {} {target}", ordered[0].1.verb());
    for (i, (_, how)) in ordered.iter().enumerate().skip(1) {
        let next = &ordered[(i + 1) % ordered.len()].0;
        story.push_str(&format!(", which {} {next}", how.verb()));
    }
    let position = text_of(name).map_or((1, 1), |text| position_of(text, target));
    Diagnostic::error(
        format!("templates/{name}"),
        position,
        format!("template recursion: {story}"),
    )
    .with_hint(
        "a template cannot include, extend or import itself, directly or through others; remove this reference (a built-in stays reachable as `builtin/NAME`)",
    )
}

/// Line and column (from 1, in characters) of the first quoted `name` in `text`.
fn position_of(text: &str, name: &str) -> (usize, usize) {
    let at = ['"', '\'', '`']
        .iter()
        .filter_map(|q| text.find(&format!("{q}{name}{q}")))
        .min();
    at.map_or((1, 1), |at| crate::diagnostic::line_col(text, at))
}

#[cfg(test)]
mod tests {
    use super::position_of;

    #[test]
    fn the_position_is_the_quoted_name() {
        assert_eq!(position_of("{% include \"a.html\" %}", "a.html"), (1, 12));
        assert_eq!(
            position_of("x\né {% import 'm.html' as m %}", "m.html"),
            (2, 13)
        );
        assert_eq!(position_of("nothing", "a.html"), (1, 1));
    }
}
