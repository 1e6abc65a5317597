//! The section tree of one document, flattened in pre-order, derived once
//! from the model when the document arrives (on a worker thread).

use crate::model::{Content, Document, LineNo, Section};

use super::super::base::screen_text::sanitize;
use super::checks::{self, Checks};

/// What a tree node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The document itself: the summary card.
    Root,
    /// The budget checks' findings (检查), first under the root.
    Checks,
    /// Paragraphs before the first heading.
    Preamble,
    /// A heading, by its path of child indices from `Document::sections`.
    Section(Vec<usize>),
    /// Index into `Document::tables`.
    Table(usize),
    /// Index into `Document::projects`.
    Project(usize),
    /// `Document::indicators` (整体绩效目标).
    DocIndicators,
    /// A synthetic folder for items the outline does not place.
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

/// One node of the flattened tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Display label, sanitized (`第一部分 部门概况`, `表.1 收支预算总表`).
    pub label: String,
    pub depth: u16,
    pub parent: Option<usize>,
    /// One past the last node of this node's subtree.
    pub end: usize,
    pub line: LineNo,
}

impl Node {
    pub fn has_children(&self, index: usize) -> bool {
        self.end > index + 1
    }
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
    fn push(
        &mut self,
        kind: NodeKind,
        label: String,
        depth: u16,
        parent: Option<usize>,
        line: LineNo,
    ) -> usize {
        let i = self.nodes.len();
        self.nodes.push(Node {
            kind,
            label,
            depth,
            parent,
            end: i + 1,
            line,
        });
        i
    }

    fn close(&mut self, i: usize) {
        let end = self.nodes.len();
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
                    let label = table_label(self.doc, *index);
                    self.push(NodeKind::Table(*index), label, depth, Some(parent), line);
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
                    let label = project_label(self.doc, *index);
                    self.push(NodeKind::Project(*index), label, depth, Some(parent), line);
                }
            }
        }
    }

    fn section(&mut self, sec: &Section, path: &mut Vec<usize>, depth: u16, parent: usize) {
        let label = heading_label(&sec.number, &sec.title);
        let label = if label.is_empty() {
            "（无标题）".to_string()
        } else {
            label
        };
        let i = self.push(
            NodeKind::Section(path.clone()),
            label,
            depth,
            Some(parent),
            sec.line,
        );
        self.content(&sec.content, depth + 1, i);
        for (k, child) in sec.children.iter().enumerate() {
            path.push(k);
            self.section(child, path, depth + 1, i);
            path.pop();
        }
        self.close(i);
    }
}

/// Build the flattened tree of a document, its checks' node first.
pub fn build(doc: &Document, checks: &Checks) -> Vec<Node> {
    let mut b = Builder {
        doc,
        nodes: Vec::new(),
        tables_seen: vec![false; doc.tables.len()],
        projects_seen: vec![false; doc.projects.len()],
    };
    let root = b.push(NodeKind::Root, doc_label(doc), 0, None, 0);
    let label = checks::node_label(checks);
    b.push(NodeKind::Checks, label, 1, Some(root), 0);
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
        b.push(
            NodeKind::Preamble,
            "（标题前文字）".to_string(),
            1,
            Some(root),
            line,
        );
    }
    b.content(&doc.preamble, 1, root);
    let mut path = Vec::new();
    for (k, sec) in doc.sections.iter().enumerate() {
        path.push(k);
        b.section(sec, &mut path, 1, root);
        path.pop();
    }
    if !doc.indicators.is_empty() {
        let line = doc.indicators.first().map(|i| i.line).unwrap_or(0);
        b.push(
            NodeKind::DocIndicators,
            format!("整体绩效目标（{} 项指标）", doc.indicators.len()),
            1,
            Some(root),
            line,
        );
    }
    let loose_tables: Vec<usize> = (0..doc.tables.len())
        .filter(|&i| !b.tables_seen[i])
        .filter(|&i| !doc.projects.iter().any(|p| p.table == Some(i)))
        .collect();
    if !loose_tables.is_empty() {
        let g = b.push(
            NodeKind::Group,
            format!("其他表格（{}）", loose_tables.len()),
            1,
            Some(root),
            doc.tables.get(loose_tables[0]).map(|t| t.line).unwrap_or(0),
        );
        for i in loose_tables {
            let label = table_label(doc, i);
            let line = doc.tables[i].line;
            b.push(NodeKind::Table(i), label, 2, Some(g), line);
        }
        b.close(g);
    }
    let loose_projects: Vec<usize> = (0..doc.projects.len())
        .filter(|&i| !b.projects_seen[i])
        .collect();
    if !loose_projects.is_empty() {
        let g = b.push(
            NodeKind::Group,
            format!("项目一览（{}）", loose_projects.len()),
            1,
            Some(root),
            doc.projects
                .get(loose_projects[0])
                .map(|p| p.line)
                .unwrap_or(0),
        );
        for i in loose_projects {
            let label = project_label(doc, i);
            let line = doc.projects[i].line;
            b.push(NodeKind::Project(i), label, 2, Some(g), line);
        }
        b.close(g);
    }
    b.close(root);
    let mut nodes = b.nodes;
    disambiguate(&mut nodes);
    nodes
}

/// Leaves that read the same (`预算项目绩效目标` ×30) get their line number.
fn disambiguate(nodes: &mut [Node]) {
    let mut count: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for n in nodes.iter() {
        if matches!(n.kind, NodeKind::Table(_) | NodeKind::Project(_)) {
            *count.entry(n.label.clone()).or_default() += 1;
        }
    }
    for n in nodes.iter_mut() {
        let leaf = matches!(n.kind, NodeKind::Table(_) | NodeKind::Project(_));
        if leaf && n.line > 0 && count.get(&n.label).is_some_and(|&c| c > 1) {
            n.label = format!("{} · L{}", n.label, n.line);
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
            i = nodes[i].end.max(i + 1);
        }
    }
    out
}

/// Labels from the root to `index`, for the status bar.
pub fn breadcrumb(nodes: &[Node], index: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut cur = Some(index);
    while let Some(i) = cur {
        match nodes.get(i) {
            Some(n) => {
                if n.depth > 0 {
                    out.push(n.label.as_str());
                }
                cur = n.parent;
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
        let nodes = build(&doc(), &Checks::default());
        let labels: Vec<_> = nodes.iter().map(|n| (n.depth, n.label.as_str())).collect();
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
        assert_eq!(nodes[0].end, nodes.len());
        assert_eq!(nodes[2].end, 5);
        assert_eq!(
            breadcrumb(&nodes, 4),
            vec!["第一部分 部门概况", "一、主要职能", "表.1 收支总表"]
        );
    }

    #[test]
    fn visibility_follows_expansion() {
        let nodes = build(&doc(), &Checks::default());
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
