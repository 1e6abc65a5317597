//! The section tree of one document, flattened in pre-order, derived once
//! from the model when the document arrives (on a worker thread).
//!
//! A node holds what it stands for and where it is in the tree, not its
//! text: a label is made from the model when it is drawn ([`label`]), and a
//! heading's path of child indices is read up the tree ([`section_path`]).
//! Documents of tens of thousands of headings and tables keep a few dozen
//! bytes per node.

use std::collections::HashMap;

use crate::model::{Content, Document, LineNo, Section};

use super::super::base::screen_text::sanitize;
use super::checks::{self, Checks};

/// What a tree node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The document itself: the summary card.
    Root,
    /// The budget checks' findings (检查), first under the root.
    Checks,
    /// Paragraphs before the first heading.
    Preamble,
    /// A heading: the index among its parent heading's children (among
    /// `Document::sections` at the top). Its whole path: [`section_path`].
    Section(usize),
    /// Index into `Document::tables`.
    Table(usize),
    /// Index into `Document::projects`.
    Project(usize),
    /// `Document::indicators` (整体绩效目标).
    DocIndicators,
    /// A synthetic folder for items the outline does not place: the tables
    /// (其他表格) or the projects (项目一览) its children are.
    Group,
}

impl NodeKind {
    /// The one-character marker the tree draws before a leaf (CJK: 2 cells).
    pub fn marker(&self) -> Option<&'static str> {
        match self {
            NodeKind::Table(_) => Some("表"),
            NodeKind::Project(_) => Some("项"),
            NodeKind::DocIndicators => Some("标"),
            NodeKind::Preamble => Some("文"),
            _ => None,
        }
    }
}

/// One node of the flattened tree (its label: [`label`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub depth: u16,
    /// A leaf whose label reads like another leaf's (`预算项目绩效目标`
    /// ×30): its label ends with its line (` · L512`).
    pub same_label: bool,
    /// The parent's index; [`NO_PARENT`] at the root.
    parent: u32,
    /// One past the last node of this node's subtree.
    end: u32,
    pub line: LineNo,
}

/// The parent of the root.
const NO_PARENT: u32 = u32::MAX;

/// A node index as stored (a tree has far fewer than 2³² nodes: each
/// stands for at least one line of the document).
fn stored(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(NO_PARENT)
}

impl Node {
    pub fn has_children(&self, index: usize) -> bool {
        self.end() > index + 1
    }

    /// The parent node's index (none at the root).
    pub fn parent(&self) -> Option<usize> {
        (self.parent != NO_PARENT).then_some(self.parent as usize)
    }

    /// One past the last node of this node's subtree.
    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// The label of the text before the first heading.
const PREAMBLE_LABEL: &str = "（标题前文字）";

/// The label of a heading with neither number nor title.
const UNTITLED: &str = "（无标题）";

/// Node `index`'s display label, sanitized (`第一部分 部门概况`,
/// `表.1 收支预算总表`), made from the model.
pub fn label(doc: &Document, checks: &Checks, nodes: &[Node], index: usize) -> String {
    let Some(n) = nodes.get(index) else {
        return String::new();
    };
    let label = match n.kind {
        NodeKind::Root => doc_label(doc),
        NodeKind::Checks => checks::node_label(checks),
        NodeKind::Preamble => PREAMBLE_LABEL.to_string(),
        NodeKind::Section(_) => section_of(doc, nodes, index)
            .map(|s| heading_label(&s.number, &s.title))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| UNTITLED.to_string()),
        NodeKind::Table(i) => table_label(doc, i),
        NodeKind::Project(i) => project_label(doc, i),
        NodeKind::DocIndicators => format!("整体绩效目标（{} 项指标）", doc.indicators.len()),
        NodeKind::Group => {
            // A group's children are its leaves, all of one kind.
            let count = n.end().saturating_sub(index + 1);
            match nodes.get(index + 1).map(|c| c.kind) {
                Some(NodeKind::Project(_)) => format!("项目一览（{count}）"),
                _ => format!("其他表格（{count}）"),
            }
        }
    };
    if n.same_label {
        format!("{label} · L{}", n.line)
    } else {
        label
    }
}

/// The path of child indices from `Document::sections` of the heading at
/// node `index` (empty when the node is not a heading).
pub fn section_path(nodes: &[Node], index: usize) -> Vec<usize> {
    let mut path = Vec::new();
    let mut cur = Some(index);
    while let Some(i) = cur {
        match nodes.get(i) {
            Some(n) => match n.kind {
                NodeKind::Section(k) => {
                    path.push(k);
                    cur = n.parent();
                }
                _ => break,
            },
            None => break,
        }
    }
    path.reverse();
    path
}

/// The section of the heading at node `index`.
pub fn section_of<'a>(doc: &'a Document, nodes: &[Node], index: usize) -> Option<&'a Section> {
    match nodes.get(index)?.kind {
        NodeKind::Section(_) => section_at(doc, &section_path(nodes, index)),
        _ => None,
    }
}

/// The node of the heading at a path of child indices, going down from
/// the root (node 0) through the headings' nodes.
pub fn section_node(nodes: &[Node], path: &[usize]) -> Option<usize> {
    let mut at = None;
    let mut parent = 0;
    for &k in path {
        let end = nodes.get(parent)?.end();
        let mut i = parent + 1;
        let found = loop {
            let n = nodes.get(i).filter(|_| i < end)?;
            if n.kind == NodeKind::Section(k) {
                break i;
            }
            i = n.end().max(i + 1);
        };
        at = Some(found);
        parent = found;
    }
    at
}

/// Join a heading's number and title the way it was printed.
pub fn heading_label(number: &str, title: &str) -> String {
    let number = number.trim();
    let title = title.trim();
    let label = if number.is_empty() {
        title.to_string()
    } else if title.is_empty() {
        number.to_string()
    } else if number.ends_with(['、', '.', '．', '）', ')', '，', ':', '：']) {
        format!("{number}{title}")
    } else {
        format!("{number} {title}")
    };
    sanitize(&label).into_owned()
}

/// The label of a table: `表.1 收支预算总表`, or a fallback.
pub fn table_label(doc: &Document, index: usize) -> String {
    match doc.tables.get(index) {
        Some(t) => {
            let title = t.title.trim();
            let label = t.label.trim();
            let s = match (label.is_empty(), title.is_empty()) {
                (true, true) => format!("表格 {}", index + 1),
                (true, false) => title.to_string(),
                (false, true) => label.to_string(),
                (false, false) if label.ends_with(['、', '.', '．']) => format!("{label}{title}"),
                (false, false) => format!("{label} {title}"),
            };
            sanitize(&s).into_owned()
        }
        None => format!("表格 {}（缺失）", index + 1),
    }
}

pub fn project_label(doc: &Document, index: usize) -> String {
    match doc.projects.get(index) {
        Some(p) if !p.name.trim().is_empty() => sanitize(p.name.trim()).into_owned(),
        Some(_) => format!("项目 {}", index + 1),
        None => format!("项目 {}（缺失）", index + 1),
    }
}

/// The section at a path of child indices.
pub fn section_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Section> {
    let (first, rest) = path.split_first()?;
    let mut sec = doc.sections.get(*first)?;
    for i in rest {
        sec = sec.children.get(*i)?;
    }
    Some(sec)
}

/// The document's label in the tree root: its title, else the file name.
pub fn doc_label(doc: &Document) -> String {
    let t = doc.title.trim();
    if !t.is_empty() {
        return sanitize(t).into_owned();
    }
    sanitize(file_name(&doc.path)).into_owned()
}

/// The last component of a path (for display).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\'])
        .find(|s| !s.is_empty())
        .unwrap_or(path)
}

struct Builder<'a> {
    doc: &'a Document,
    nodes: Vec<Node>,
    tables_seen: Vec<bool>,
    projects_seen: Vec<bool>,
}

impl Builder<'_> {
    fn push(&mut self, kind: NodeKind, depth: u16, parent: Option<usize>, line: LineNo) -> usize {
        let i = self.nodes.len();
        self.nodes.push(Node {
            kind,
            depth,
            same_label: false,
            parent: parent.map_or(NO_PARENT, stored),
            end: stored(i + 1),
            line,
        });
        i
    }

    fn close(&mut self, i: usize) {
        let end = stored(self.nodes.len());
        if let Some(n) = self.nodes.get_mut(i) {
            n.end = end;
        }
    }

    fn content(&mut self, items: &[Content], depth: u16, parent: usize) {
        for c in items {
            match c {
                Content::Paragraph { .. } => {}
                Content::Table { index } => {
                    let line = self.doc.tables.get(*index).map(|t| t.line).unwrap_or(0);
                    if let Some(seen) = self.tables_seen.get_mut(*index) {
                        *seen = true;
                    }
                    self.push(NodeKind::Table(*index), depth, Some(parent), line);
                }
                Content::Project { index } => {
                    let line = self.doc.projects.get(*index).map(|p| p.line).unwrap_or(0);
                    if let Some(seen) = self.projects_seen.get_mut(*index) {
                        *seen = true;
                    }
                    // The project's own performance table is shown through the project.
                    if let Some(t) = self.doc.projects.get(*index).and_then(|p| p.table)
                        && let Some(seen) = self.tables_seen.get_mut(t)
                    {
                        *seen = true;
                    }
                    self.push(NodeKind::Project(*index), depth, Some(parent), line);
                }
            }
        }
    }

    /// Heading `sec`, the `k`-th child of its parent's, and its subtree.
    fn section(&mut self, sec: &Section, k: usize, depth: u16, parent: usize) {
        let i = self.push(NodeKind::Section(k), depth, Some(parent), sec.line);
        self.content(&sec.content, depth + 1, i);
        for (k, child) in sec.children.iter().enumerate() {
            self.section(child, k, depth + 1, i);
        }
        self.close(i);
    }
}

/// Build the flattened tree of a document: the root first (node 0), then
/// its checks' node.
pub fn build(doc: &Document) -> Vec<Node> {
    // about one node per heading, table and project, and a few more: room
    // made once, not grown by doubling
    let mut sections = 0;
    doc.walk_sections(|_, _| sections += 1);
    let room = 8 + sections + doc.tables.len() + doc.projects.len();
    let mut b = Builder {
        doc,
        nodes: Vec::with_capacity(room),
        tables_seen: vec![false; doc.tables.len()],
        projects_seen: vec![false; doc.projects.len()],
    };
    let root = b.push(NodeKind::Root, 0, None, 0);
    b.push(NodeKind::Checks, 1, Some(root), 0);
    if doc
        .preamble
        .iter()
        .any(|c| matches!(c, Content::Paragraph { .. }))
    {
        let line = doc
            .preamble
            .iter()
            .find_map(|c| match c {
                Content::Paragraph { line, .. } => Some(*line),
                _ => None,
            })
            .unwrap_or(0);
        b.push(NodeKind::Preamble, 1, Some(root), line);
    }
    b.content(&doc.preamble, 1, root);
    for (k, sec) in doc.sections.iter().enumerate() {
        b.section(sec, k, 1, root);
    }
    if !doc.indicators.is_empty() {
        let line = doc.indicators.first().map(|i| i.line).unwrap_or(0);
        b.push(NodeKind::DocIndicators, 1, Some(root), line);
    }
    let loose_tables: Vec<usize> = (0..doc.tables.len())
        .filter(|&i| !b.tables_seen[i])
        .filter(|&i| !doc.projects.iter().any(|p| p.table == Some(i)))
        .collect();
    if !loose_tables.is_empty() {
        let g = b.push(
            NodeKind::Group,
            1,
            Some(root),
            doc.tables.get(loose_tables[0]).map(|t| t.line).unwrap_or(0),
        );
        for i in loose_tables {
            let line = doc.tables[i].line;
            b.push(NodeKind::Table(i), 2, Some(g), line);
        }
        b.close(g);
    }
    let loose_projects: Vec<usize> = (0..doc.projects.len())
        .filter(|&i| !b.projects_seen[i])
        .collect();
    if !loose_projects.is_empty() {
        let g = b.push(
            NodeKind::Group,
            1,
            Some(root),
            doc.projects
                .get(loose_projects[0])
                .map(|p| p.line)
                .unwrap_or(0),
        );
        for i in loose_projects {
            let line = doc.projects[i].line;
            b.push(NodeKind::Project(i), 2, Some(g), line);
        }
        b.close(g);
    }
    b.close(root);
    let mut nodes = b.nodes;
    disambiguate(doc, &mut nodes);
    nodes.shrink_to_fit();
    nodes
}

/// Leaves that read the same (`预算项目绩效目标` ×30) get their line number.
/// Labels are made twice rather than kept: only the distinct ones are held
/// (a large document has tens of thousands of leaves, few distinct titles).
fn disambiguate(doc: &Document, nodes: &mut [Node]) {
    let label = |n: &Node| match n.kind {
        NodeKind::Table(i) => Some(table_label(doc, i)),
        NodeKind::Project(i) => Some(project_label(doc, i)),
        _ => None,
    };
    let mut count: HashMap<String, usize> = HashMap::new();
    for l in nodes.iter().filter_map(label) {
        match count.get_mut(&l) {
            Some(c) => *c += 1,
            None => {
                count.insert(l, 1);
            }
        }
    }
    for n in nodes.iter_mut() {
        if let Some(l) = label(n) {
            n.same_label = n.line > 0 && count.get(&l).is_some_and(|&c| c > 1);
        }
    }
}

/// Default expansion: the root and the top-level sections are open, then
/// deeper levels one at a time while the tree stays under
/// [`OPEN_BUDGET`] visible rows (a small document opens fully).
pub fn default_expanded(nodes: &[Node]) -> Vec<bool> {
    let mut expanded: Vec<bool> = nodes
        .iter()
        .map(|n| n.depth == 0 || (n.depth == 1 && matches!(n.kind, NodeKind::Section(_))))
        .collect();
    let max_depth = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    for depth in 1..=max_depth {
        let mut next = expanded.clone();
        for (i, n) in nodes.iter().enumerate() {
            if n.depth == depth && n.has_children(i) {
                next[i] = true;
            }
        }
        if visible(nodes, &next).len() > OPEN_BUDGET {
            break;
        }
        expanded = next;
    }
    expanded
}

/// How many rows the default expansion may show.
pub const OPEN_BUDGET: usize = 40;

/// Indices of the nodes shown with the given expansion state, in order.
pub fn visible(nodes: &[Node], expanded: &[bool]) -> Vec<usize> {
    let mut out = Vec::with_capacity(nodes.len().min(256));
    let mut i = 0;
    while i < nodes.len() {
        out.push(i);
        if expanded.get(i).copied().unwrap_or(false) {
            i += 1;
        } else {
            i = nodes[i].end().max(i + 1);
        }
    }
    out
}

/// The nodes from the root to `index`, the root left out: whose labels
/// the status bar shows.
pub fn breadcrumb(nodes: &[Node], index: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = Some(index);
    while let Some(i) = cur {
        match nodes.get(i) {
            Some(n) => {
                if n.depth > 0 {
                    out.push(i);
                }
                cur = n.parent();
            }
            None => break,
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Project, Table};

    fn doc() -> Document {
        Document {
            path: "x.txt".into(),
            title: "2024 年某局部门预算".into(),
            sections: vec![
                Section {
                    title: "部门概况".into(),
                    number: "第一部分".into(),
                    level: 1,
                    line: 3,
                    content: vec![Content::Paragraph {
                        line: 4,
                        text: "文字".into(),
                    }],
                    children: vec![Section {
                        title: "主要职能".into(),
                        number: "一、".into(),
                        level: 2,
                        line: 5,
                        content: vec![Content::Table { index: 0 }],
                        ..Section::default()
                    }],
                    ..Section::default()
                },
                Section {
                    title: "绩效".into(),
                    number: "第二部分".into(),
                    level: 1,
                    line: 9,
                    content: vec![Content::Project { index: 0 }],
                    ..Section::default()
                },
            ],
            tables: vec![
                Table {
                    title: "收支总表".into(),
                    label: "表.1".into(),
                    ..Table::default()
                },
                Table {
                    title: "孤表".into(),
                    ..Table::default()
                },
            ],
            projects: vec![
                Project {
                    name: "智慧社区".into(),
                    ..Project::default()
                },
                Project {
                    name: "散项".into(),
                    ..Project::default()
                },
            ],
            ..Document::default()
        }
    }

    #[test]
    fn builds_preorder_with_subtree_ends() {
        let (doc, checks) = (doc(), Checks::default());
        let nodes = build(&doc);
        let label = |i| label(&doc, &checks, &nodes, i);
        let labels: Vec<(u16, String)> = (0..nodes.len())
            .map(|i| (nodes[i].depth, label(i)))
            .collect();
        let labels: Vec<(u16, &str)> = labels.iter().map(|(d, l)| (*d, l.as_str())).collect();
        assert_eq!(
            labels,
            vec![
                (0, "2024 年某局部门预算"),
                (1, "检查 ✓"),
                (1, "第一部分 部门概况"),
                (2, "一、主要职能"),
                (3, "表.1 收支总表"),
                (1, "第二部分 绩效"),
                (2, "智慧社区"),
                (1, "其他表格（1）"),
                (2, "孤表"),
                (1, "项目一览（1）"),
                (2, "散项"),
            ]
        );
        assert_eq!(nodes[0].end(), nodes.len());
        assert_eq!(nodes[2].end(), 5);
        assert_eq!((nodes[0].parent(), nodes[4].parent()), (None, Some(3)));
        let crumbs: Vec<String> = breadcrumb(&nodes, 4).into_iter().map(label).collect();
        assert_eq!(
            crumbs,
            vec!["第一部分 部门概况", "一、主要职能", "表.1 收支总表"]
        );
        // A heading's path is read up the tree, and found down it.
        assert_eq!(nodes[3].kind, NodeKind::Section(0));
        assert_eq!(section_path(&nodes, 3), vec![0, 0]);
        assert_eq!(section_path(&nodes, 5), vec![1]);
        assert_eq!(section_of(&doc, &nodes, 3).map(|s| s.line), Some(5));
        assert_eq!(section_node(&nodes, &[0, 0]), Some(3));
        assert_eq!(section_node(&nodes, &[1]), Some(5));
        assert_eq!(section_node(&nodes, &[1, 0]), None);
        assert_eq!(section_node(&nodes, &[]), None);
    }

    #[test]
    fn leaves_that_read_the_same_get_their_line() {
        let mut doc = doc();
        doc.tables[1].title = "收支总表".into();
        doc.tables[1].label = "表.1".into();
        doc.tables[1].line = 40;
        let checks = Checks::default();
        let nodes = build(&doc);
        // The first has no line to tell it by; the loose one has.
        assert_eq!(label(&doc, &checks, &nodes, 4), "表.1 收支总表");
        assert_eq!(label(&doc, &checks, &nodes, 8), "表.1 收支总表 · L40");
        assert_eq!(label(&doc, &checks, &nodes, 7), "其他表格（1）");
        assert_eq!(label(&doc, &checks, &nodes, 9), "项目一览（1）");
    }

    #[test]
    fn visibility_follows_expansion() {
        let nodes = build(&doc());
        // A small document opens fully.
        let mut exp = default_expanded(&nodes);
        assert_eq!(visible(&nodes, &exp).len(), nodes.len());
        exp[3] = false;
        exp[7] = false;
        assert_eq!(visible(&nodes, &exp), vec![0, 1, 2, 3, 5, 6, 7, 9, 10]);
        exp[0] = false;
        assert_eq!(visible(&nodes, &exp), vec![0]);
    }
}
