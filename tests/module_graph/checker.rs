//! The module-graph checker behind tests/module_graph.rs: a pure function of a `src/` folder,
//! so the tests run it on the real tree and on scratch copies alike.
//!
//! The module tree comes from `mod x;` items reachable from `lib.rs` (`src/main.rs` and
//! `src/bin/` are not part of it). An edge is any path that names a module of the crate:
//! `use` trees, paths in code and types, `crate::`/`super::`/`self::` paths and names brought
//! in by `use`; each is resolved to the longest prefix that is a module. Inline modules (such
//! as `mod tests`) belong to their file's module.
//!
//! Limitations (best effort): inside macro invocations only `a::b` token sequences are seen
//! (not `use` groups, and nothing a macro generates); paths in strings (`#[serde(with = "…")]`,
//! doc links) are not seen; names imported with `use` are tracked per file, not per scope.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::Visit;

/// A module's path below the crate root; the root itself is empty.
pub type ModPath = Vec<String>;

/// Longest file (in lines) accepted without a `//! Long:` reason.
pub const LONG_FILE_LINES: usize = 500;

/// How many lines at the top of a file may hold the `//! Long:` reason.
const REASON_WITHIN_LINES: usize = 10;

pub const BLOCK_START: &str = "<!-- module-graph:start -->";
pub const BLOCK_END: &str = "<!-- module-graph:end -->";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// As shown to people: `src/a/b.rs`.
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

pub struct Module {
    /// Relative to the `src/` folder.
    pub file: PathBuf,
    /// The `//!` doc of the module's file, one line per doc line.
    pub doc: Option<String>,
}

/// One path in module `from` (a file module) that names module `to`.
pub struct Reference {
    pub from: ModPath,
    pub to: ModPath,
    pub at: Location,
}

/// All references from one module to another, aggregated.
#[derive(Clone)]
pub struct Edge {
    /// The first reference, by file and line.
    pub at: Location,
    pub uses: usize,
}

/// Edges between the children of one module: `from -> to -> edge`.
pub type Graph = BTreeMap<String, BTreeMap<String, Edge>>;

pub struct Crate {
    pub modules: BTreeMap<ModPath, Module>,
    pub references: Vec<Reference>,
    /// Files that cannot be read or parsed, `mod` items without a file.
    pub problems: Vec<String>,
}

pub fn display(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_string()
    } else {
        path.join("::")
    }
}

fn shown(src_name: &str, rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{src_name}/{}", parts.join("/"))
}

impl Crate {
    /// Reads the crate whose root is `src/lib.rs`.
    pub fn load(src: &Path) -> Crate {
        let src_name = src
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "src".to_string());
        let mut modules = BTreeMap::new();
        let mut problems = Vec::new();
        let mut parsed: Vec<(ModPath, String, syn::File)> = Vec::new();
        let mut seen_files = BTreeSet::new();
        let mut pending = vec![(ModPath::new(), PathBuf::from("lib.rs"), true)];
        while let Some((path, rel, mod_rs)) = pending.pop() {
            let file_name = shown(&src_name, &rel);
            // A `#[path]` loop must not make the walk endless.
            if !seen_files.insert(rel.clone()) {
                problems.push(format!("{file_name}: reached twice through `mod` items"));
                continue;
            }
            let text = match std::fs::read_to_string(src.join(&rel)) {
                Ok(text) => text,
                Err(err) => {
                    problems.push(format!("{file_name}: cannot read: {err}"));
                    continue;
                }
            };
            let file = match syn::parse_file(&text) {
                Ok(file) => file,
                Err(err) => {
                    let line = err.span().start().line;
                    problems.push(format!("{file_name}:{line}: cannot parse: {err}"));
                    continue;
                }
            };
            let mut declared = Vec::new();
            module_items(&file.items, &mut Vec::new(), &mut declared);
            let own_dir = module_dir(&rel, mod_rs);
            let file_dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
            for decl in declared {
                let mut child = path.clone();
                child.extend(decl.inline.iter().cloned());
                child.push(decl.name.clone());
                let mut dir = own_dir.clone();
                dir.extend(decl.inline.iter());
                match decl.path_attr {
                    Some(explicit) => {
                        let base = if decl.inline.is_empty() {
                            &file_dir
                        } else {
                            &dir
                        };
                        pending.push((child, base.join(explicit), true));
                    }
                    None => {
                        let flat = dir.join(format!("{}.rs", decl.name));
                        let folder = dir.join(&decl.name).join("mod.rs");
                        if src.join(&flat).is_file() {
                            pending.push((child, flat, false));
                        } else if src.join(&folder).is_file() {
                            pending.push((child, folder, true));
                        } else {
                            problems.push(format!(
                                "{file_name}:{}: `mod {};` has no file ({} or {})",
                                decl.line,
                                decl.name,
                                shown(&src_name, &flat),
                                shown(&src_name, &folder)
                            ));
                        }
                    }
                }
            }
            modules.insert(
                path.clone(),
                Module {
                    file: rel,
                    doc: inner_doc(&file.attrs),
                },
            );
            parsed.push((path, file_name, file));
        }

        let mut references = Vec::new();
        for (path, file_name, file) in &parsed {
            let mut collector = Collector {
                scope: path.clone(),
                raw: Vec::new(),
            };
            collector.visit_file(file);
            references.extend(resolve(
                &modules,
                path,
                file_name,
                collector.raw,
                &mut problems,
            ));
        }
        references.sort_by(|a, b| (&a.from, &a.to, &a.at).cmp(&(&b.from, &b.to, &b.at)));
        problems.sort();
        Crate {
            modules,
            references,
            problems,
        }
    }

    /// The graph among the direct children of `parent`, each edge aggregated from the
    /// children's descendants; edges between a module and its own descendants are not in it.
    pub fn children_graph(&self, parent: &[String]) -> Graph {
        self.all_children_graphs()
            .remove(parent)
            .unwrap_or_default()
    }

    fn all_children_graphs(&self) -> BTreeMap<ModPath, Graph> {
        let mut graphs: BTreeMap<ModPath, Graph> = BTreeMap::new();
        for reference in &self.references {
            let common = reference
                .from
                .iter()
                .zip(&reference.to)
                .take_while(|(a, b)| a == b)
                .count();
            if common == reference.from.len() || common == reference.to.len() {
                continue;
            }
            let from = display(&reference.from[..=common]);
            let to = display(&reference.to[..=common]);
            let edges = graphs
                .entry(reference.from[..common].to_vec())
                .or_default()
                .entry(from)
                .or_default();
            let edge = edges.entry(to).or_insert_with(|| Edge {
                at: reference.at.clone(),
                uses: 0,
            });
            edge.uses += 1;
            if reference.at < edge.at {
                edge.at = reference.at.clone();
            }
        }
        graphs
    }

    /// Rules a to c: no cycle among the top-level modules, none among the children of any
    /// module, nothing but `commands` and the crate root uses `commands`; plus files that
    /// cannot be read. One line per violation, sorted.
    pub fn structure_violations(&self) -> Vec<String> {
        let mut violations: BTreeSet<String> = self.problems.iter().cloned().collect();
        for (parent, graph) in self.all_children_graphs() {
            let label = if parent.is_empty() {
                "cycle among top-level modules".to_string()
            } else {
                format!("cycle inside `{}`", display(&parent))
            };
            for cycle in cycles(&graph) {
                violations.insert(format!("{label}: {}", describe_cycle(&graph, &cycle)));
            }
        }
        let mut command_uses: BTreeMap<(String, String), Location> = BTreeMap::new();
        for reference in &self.references {
            let outside = reference.from.first().is_some_and(|top| top != "commands");
            if outside && reference.to.first().is_some_and(|top| top == "commands") {
                let key = (display(&reference.from), display(&reference.to));
                let at = command_uses
                    .entry(key)
                    .or_insert_with(|| reference.at.clone());
                if reference.at < *at {
                    *at = reference.at.clone();
                }
            }
        }
        for ((from, to), at) in command_uses {
            violations.insert(format!(
                "`{from}` uses `{to}` ({at}): only `commands` itself and the crate root may use commands"
            ));
        }
        violations.into_iter().collect()
    }

    /// The Markdown table of docs/architecture.md (modules of depth 1 and 2), and the modules
    /// among them that have no `//!` doc to fill the `owns` column.
    pub fn architecture_table(&self) -> (String, Vec<String>) {
        let mut table = String::from("| module | owns | uses |\n|---|---|---|\n");
        let mut undocumented = Vec::new();
        for (path, module) in &self.modules {
            if path.is_empty() || path.len() > 2 {
                continue;
            }
            let owns = module
                .doc
                .as_deref()
                .map(first_sentence)
                .unwrap_or_default();
            if owns.is_empty() {
                undocumented.push(format!(
                    "`{}` ({}): no `//!` doc; its first sentence is the `owns` column of docs/architecture.md",
                    display(path),
                    shown("src", &module.file)
                ));
            }
            let uses: BTreeSet<&str> = self
                .references
                .iter()
                .filter(|r| r.from.len() >= path.len() && r.from[..path.len()] == path[..])
                .filter_map(|r| {
                    let parent = &path[..path.len() - 1];
                    let sibling = r.to.get(parent.len())?;
                    let same_parent = r.to[..parent.len()] == *parent;
                    (same_parent && *sibling != path[parent.len()]).then_some(sibling.as_str())
                })
                .collect();
            table.push_str(&format!(
                "| `{}` | {} | {} |\n",
                display(path),
                cell(&owns),
                uses.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        (table, undocumented)
    }
}

/// `doc` with the generated block between the markers replaced by `table`.
pub fn replace_block(doc: &str, table: &str) -> Result<String, String> {
    let start = doc.find(BLOCK_START);
    let end = doc.find(BLOCK_END);
    match (start, end) {
        (Some(start), Some(end)) if start < end => Ok(format!(
            "{}{BLOCK_START}\n{table}{}",
            &doc[..start],
            &doc[end..]
        )),
        _ => Err(format!(
            "docs/architecture.md has no generated module-graph block: add the two lines\n\
             {BLOCK_START}\n{BLOCK_END}\n\
             after the module table, then run `UPDATE_ARCHITECTURE=1 cargo test --test module_graph`"
        )),
    }
}

/// Rule d: every `.rs` file under `src` (but `src/bin/`) over [`LONG_FILE_LINES`] lines whose
/// first lines give no `//! Long:` reason, with its line count. Sorted.
pub fn long_files(src: &Path) -> Vec<String> {
    let mut offenders = Vec::new();
    let walk = walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() != 1 || entry.file_name() != "bin");
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                offenders.push(format!("cannot walk {}: {err}", src.display()));
                continue;
            }
        };
        let is_rust = entry.path().extension().is_some_and(|ext| ext == "rs");
        if !entry.file_type().is_file() || !is_rust {
            continue;
        }
        let rel = entry.path().strip_prefix(src).unwrap_or(entry.path());
        let name = shown("src", rel);
        let text = match std::fs::read_to_string(entry.path()) {
            Ok(text) => text,
            Err(err) => {
                offenders.push(format!("{name}: cannot read: {err}"));
                continue;
            }
        };
        let lines = text.lines().count();
        if lines > LONG_FILE_LINES && !has_long_reason(&text) {
            offenders.push(format!(
                "{name}: {lines} lines (over {LONG_FILE_LINES}): split it, or give the reason in a \
                 `//! Long: …` line within its first {REASON_WITHIN_LINES} lines"
            ));
        }
    }
    offenders.sort();
    offenders
}

fn has_long_reason(text: &str) -> bool {
    text.lines().take(REASON_WITHIN_LINES).any(|line| {
        let line = line.trim_start();
        ["//! Long:", "// Long:"].iter().any(|marker| {
            line.strip_prefix(marker)
                .is_some_and(|reason| !reason.trim().is_empty())
        })
    })
}

/// One cycle per edge to cut: within each strongly connected set of modules, the order with
/// few edges against it (Eades, Lin and Smyth's heuristic, an edge weighing as many uses as it
/// has) marks the edges that go against it; each is shown as the last edge of the shortest
/// cycle it closes. Cutting every last edge leaves no cycle. Sorted.
pub fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for component in strongly_connected(graph) {
        if component.len() < 2 {
            continue;
        }
        let inside: Graph = component
            .iter()
            .map(|node| {
                let targets = graph
                    .get(node)
                    .into_iter()
                    .flatten()
                    .filter(|(to, _)| component.contains(*to) && *to != node)
                    .map(|(to, edge)| (to.clone(), edge.clone()))
                    .collect();
                (node.clone(), targets)
            })
            .collect();
        let order = few_edges_against(&inside);
        let rank: BTreeMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, node)| (node.as_str(), i))
            .collect();
        for (from, targets) in &inside {
            for to in targets.keys() {
                if rank[to.as_str()] < rank[from.as_str()]
                    && let Some(path) = shortest_path(&inside, to, from)
                {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}

/// Tarjan's strongly connected components, each sorted; in no particular order.
fn strongly_connected(graph: &Graph) -> Vec<BTreeSet<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        components: Vec<BTreeSet<String>>,
    }
    fn visit<'g>(state: &mut State<'g>, node: &'g str) {
        let index = state.index.len();
        state.index.insert(node, index);
        state.low.insert(node, index);
        state.stack.push(node);
        state.on_stack.insert(node);
        let graph = state.graph;
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.insert(member.to_string());
                if member == node {
                    break;
                }
            }
            state.components.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    let nodes: BTreeSet<&str> = graph
        .iter()
        .flat_map(|(from, targets)| std::iter::once(from).chain(targets.keys()))
        .map(String::as_str)
        .collect();
    for node in nodes {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.components
}

/// An order of the graph's modules with few (weighted) edges against it: sinks go last and
/// sources first as they appear, otherwise the module that uses the most and is used the
/// least goes next (ties by name).
fn few_edges_against(graph: &Graph) -> Vec<String> {
    let mut left: BTreeSet<&str> = graph.keys().map(String::as_str).collect();
    let weight = |from: &str, to: &str| {
        graph
            .get(from)
            .and_then(|t| t.get(to))
            .map_or(0, |e| e.uses)
    };
    let mut first = Vec::new();
    let mut last = Vec::new();
    while !left.is_empty() {
        let outgoing = |node: &str, left: &BTreeSet<&str>| -> usize {
            left.iter().map(|other| weight(node, other)).sum()
        };
        let incoming = |node: &str, left: &BTreeSet<&str>| -> usize {
            left.iter().map(|other| weight(other, node)).sum()
        };
        let next = if let Some(sink) = left.iter().find(|n| outgoing(n, &left) == 0) {
            last.push(sink.to_string());
            *sink
        } else if let Some(source) = left.iter().find(|n| incoming(n, &left) == 0) {
            first.push(source.to_string());
            *source
        } else {
            let best = left
                .iter()
                .max_by_key(|n| {
                    let balance = outgoing(n, &left) as i64 - incoming(n, &left) as i64;
                    (balance, std::cmp::Reverse(**n))
                })
                .copied()
                .unwrap_or_default();
            first.push(best.to_string());
            best
        };
        left.remove(next);
    }
    first.extend(last.into_iter().rev());
    first
}

/// The modules on a shortest path from `start` to `goal`, both included.
pub fn shortest_path(graph: &Graph, start: &str, goal: &str) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    came_from.insert(start, start);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            let mut path = vec![node.to_string()];
            let mut at = node;
            while at != start {
                at = came_from[at];
                path.push(at.to_string());
            }
            path.reverse();
            return Some(path);
        }
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if !came_from.contains_key(next.as_str()) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// `a -> b -> a (a -> b: src/a.rs:3, 2 uses; b -> a: src/b.rs:9, 1 use)`.
fn describe_cycle(graph: &Graph, cycle: &[String]) -> String {
    let mut names: Vec<&str> = cycle.iter().map(String::as_str).collect();
    names.extend(cycle.first().map(String::as_str));
    let places: Vec<String> = names
        .windows(2)
        .map(
            |pair| match graph.get(pair[0]).and_then(|t| t.get(pair[1])) {
                Some(edge) => {
                    let plural = if edge.uses == 1 { "" } else { "s" };
                    format!(
                        "{} -> {}: {}, {} use{plural}",
                        pair[0], pair[1], edge.at, edge.uses
                    )
                }
                None => format!("{} -> {}", pair[0], pair[1]),
            },
        )
        .collect();
    format!("{} ({})", names.join(" -> "), places.join("; "))
}

struct ModDecl {
    /// Inline modules the declaration sits in, outermost first.
    inline: Vec<String>,
    name: String,
    path_attr: Option<String>,
    line: usize,
}

fn module_items(items: &[syn::Item], inline: &mut Vec<String>, out: &mut Vec<ModDecl>) {
    for item in items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        match &module.content {
            Some((_, inner)) => {
                inline.push(module.ident.to_string());
                module_items(inner, inline, out);
                inline.pop();
            }
            None => out.push(ModDecl {
                inline: inline.clone(),
                name: module.ident.to_string(),
                path_attr: path_attr(&module.attrs),
                line: module.ident.span().start().line,
            }),
        }
    }
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("path") => string_literal(&pair.value),
        _ => None,
    })
}

fn string_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

/// The folder in which `mod x;` items of the file `rel` find their files.
fn module_dir(rel: &Path, mod_rs: bool) -> PathBuf {
    let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    if mod_rs {
        parent
    } else {
        let stem = rel.file_stem().unwrap_or_default();
        parent.join(stem)
    }
}

fn inner_doc(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| matches!(attr.style, syn::AttrStyle::Inner(_)))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => string_literal(&pair.value),
            _ => None,
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The first sentence of a doc's first paragraph, on one line, intra-doc link brackets removed.
pub fn first_sentence(doc: &str) -> String {
    let paragraph: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .collect();
    let text = paragraph.join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut in_code = false;
    let mut end = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code && chars.get(i + 1).is_none_or(|next| next.is_whitespace()) => {
                let before: String = chars[..i].iter().collect();
                let word = before
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches(|c: char| !c.is_alphanumeric());
                if !["e.g", "i.e", "cf", "vs", "etc"].contains(&word) {
                    end = i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let sentence: String = chars[..end].iter().collect();
    sentence.replace("[`", "`").replace("`]", "`")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A path as written, before resolution.
struct RawPath {
    scope: ModPath,
    segments: Vec<String>,
    line: usize,
    import: Option<Import>,
}

/// What a `use` leaf brings into the file's scope.
enum Import {
    Name(String),
    Glob,
    Nothing,
}

struct Collector {
    /// The module (inline ones included) the visited code is in.
    scope: ModPath,
    raw: Vec<RawPath>,
}

impl Collector {
    fn push(&mut self, segments: Vec<String>, line: usize, import: Option<Import>) {
        self.raw.push(RawPath {
            scope: self.scope.clone(),
            segments,
            line,
            import,
        });
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(&path.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(leaf) => {
                let name = leaf.ident.to_string();
                let line = leaf.ident.span().start().line;
                if name == "self" {
                    let alias = prefix.last().cloned().map_or(Import::Nothing, Import::Name);
                    self.push(prefix.clone(), line, Some(alias));
                } else {
                    let mut segments = prefix.clone();
                    segments.push(name.clone());
                    self.push(segments, line, Some(Import::Name(name)));
                }
            }
            syn::UseTree::Rename(leaf) => {
                let mut segments = prefix.clone();
                if leaf.ident != "self" {
                    segments.push(leaf.ident.to_string());
                }
                let alias = leaf.rename.to_string();
                let import = if alias == "_" {
                    Import::Nothing
                } else {
                    Import::Name(alias)
                };
                self.push(segments, leaf.ident.span().start().line, Some(import));
            }
            syn::UseTree::Glob(glob) => {
                let line = glob.star_token.spans[0].start().line;
                self.push(prefix.clone(), line, Some(Import::Glob));
            }
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.use_tree(item, prefix);
                }
            }
        }
    }

    /// Paths in a macro's tokens: every `a::b::c` run (best effort; see the module doc).
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(group) => self.scan_tokens(group.stream()),
                TokenTree::Ident(first)
                    if is_path_sep(&trees, i + 1) && !(i >= 2 && is_path_sep(&trees, i - 2)) =>
                {
                    let mut segments = vec![first.to_string()];
                    let mut next = i + 1;
                    while is_path_sep(&trees, next) {
                        let Some(TokenTree::Ident(ident)) = trees.get(next + 2) else {
                            break;
                        };
                        segments.push(ident.to_string());
                        next += 3;
                    }
                    self.push(segments, first.span().start().line, None);
                    i = next.max(i + 1);
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn is_path_sep(trees: &[TokenTree], at: usize) -> bool {
    matches!(
        (trees.get(at), trees.get(at + 1)),
        (Some(TokenTree::Punct(first)), Some(TokenTree::Punct(second)))
            if first.as_char() == ':' && first.spacing() == Spacing::Joint && second.as_char() == ':'
    )
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if let Some((_, items)) = &module.content {
            self.scope.push(module.ident.to_string());
            for item in items {
                self.visit_item(item);
            }
            self.scope.pop();
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        // `use ::name` always names an external crate.
        if item.leading_colon.is_none() {
            self.use_tree(&item.tree, &mut Vec::new());
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        match path.segments.first() {
            Some(first) if path.leading_colon.is_none() => {
                let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
                self.push(segments, first.ident.span().start().line, None);
            }
            _ => {}
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        syn::visit::visit_macro(self, mac);
        self.scan_tokens(mac.tokens.clone());
    }

    // `pub(super)` and `pub(in crate::x)` say who may look, not what is used.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
}

/// The module a path names, as far as the module tree goes: `crate::`, `super::`, `self::`,
/// or a name the file imported.
fn absolute(
    scope: &[String],
    segments: &[String],
    imported: &BTreeMap<String, ModPath>,
) -> Option<ModPath> {
    let first = segments.first()?;
    match first.as_str() {
        "crate" => Some(segments[1..].to_vec()),
        "self" => {
            let mut path = scope.to_vec();
            path.extend(segments[1..].iter().cloned());
            Some(path)
        }
        "super" => {
            let mut path = scope.to_vec();
            let mut rest = segments;
            while rest.first().is_some_and(|s| s == "super") {
                path.pop()?;
                rest = &rest[1..];
            }
            path.extend(rest.iter().cloned());
            Some(path)
        }
        name => {
            let mut path = imported.get(name)?.clone();
            path.extend(segments[1..].iter().cloned());
            Some(path)
        }
    }
}

fn longest_module_prefix(modules: &BTreeMap<ModPath, Module>, path: &[String]) -> ModPath {
    (0..=path.len())
        .rev()
        .map(|len| &path[..len])
        .find(|prefix| modules.contains_key(*prefix))
        .unwrap_or_default()
        .to_vec()
}

fn resolve(
    modules: &BTreeMap<ModPath, Module>,
    owner: &ModPath,
    file_name: &str,
    raw: Vec<RawPath>,
    problems: &mut Vec<String>,
) -> Vec<Reference> {
    // Names the file's `use` items bind to modules; an explicit name beats a glob.
    let mut explicit = BTreeMap::new();
    let mut globbed = BTreeMap::new();
    for path in &raw {
        let Some(import) = &path.import else {
            continue;
        };
        let Some(target) = absolute(&path.scope, &path.segments, &BTreeMap::new()) else {
            continue;
        };
        if !modules.contains_key(&target) {
            continue;
        }
        match import {
            Import::Name(name) => {
                explicit.insert(name.clone(), target);
            }
            Import::Glob => {
                for child in modules.keys() {
                    if child.len() == target.len() + 1 && child.starts_with(&target) {
                        globbed.insert(child[target.len()].clone(), child.clone());
                    }
                }
            }
            Import::Nothing => {}
        }
    }
    globbed.extend(explicit);
    let imported = globbed;

    let mut references = Vec::new();
    for path in raw {
        // A lone name outside `use` is a value or type, not a module.
        if path.import.is_none() && path.segments.len() < 2 {
            continue;
        }
        let Some(target) = absolute(&path.scope, &path.segments, &imported) else {
            continue;
        };
        let to = longest_module_prefix(modules, &target);
        // An item re-exported at the crate root (`crate::check`) would hide which module is
        // used, and so a cycle: inside the crate, name the module.
        if to.is_empty() && !owner.is_empty() && !target.is_empty() {
            problems.push(format!(
                "{file_name}:{}: `{}` uses `crate::{}` through the crate root's re-export; name its module",
                path.line,
                display(owner),
                target.join("::")
            ));
            continue;
        }
        if to.is_empty() || to == *owner {
            continue;
        }
        references.push(Reference {
            from: owner.clone(),
            to,
            at: Location {
                file: file_name.to_string(),
                line: path.line,
            },
        });
    }
    references
}
