//! Parents from the rows' evidence, in one pass over the rows in order:
//! the parents open above each row (totals, coded subjects, enumerations),
//! and the code a row printed without one borrows by its name.

use super::super::numbering::Style;
use super::labels::{self, Mark};

use super::rows::RowRead;

/// An open parent on the stack while rows are read in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Open<'a> {
    Top(u8),
    Unit(String),
    /// A code, borrowed from the row's mark or the candidates it chose from.
    Code(&'a str),
    Num(Style),
    /// A plain row whose enumeration restarted below it.
    Plain,
}

/// The state of the in-order pass over a side's rows.
#[derive(Default)]
pub(super) struct Pass<'a> {
    stack: Vec<(usize, Open<'a>)>,
    pub(super) parent: Vec<Option<usize>>,
    pub(super) code: Vec<&'a str>,
    /// A body row (not a total or unit) has been seen: totals from here on
    /// close what is above them.
    seen_body: bool,
    /// The parent of the current `其中` group.
    part_group: Option<Option<usize>>,
    /// Rows left without a parent so far, by rank: plain rows, then totals
    /// of rank 1 (小计), 2 (合计), 3 (总计). A bottom total adopts the
    /// buckets below its rank.
    orphans: Vec<Vec<usize>>,
    /// Styles of enumeration seen on this side.
    styles: Vec<Style>,
    previous: Option<usize>,
}

impl<'a> Pass<'a> {
    fn top(&self) -> Option<usize> {
        self.stack.last().map(|(r, _)| *r)
    }

    fn codes_on_stack(&self) -> impl Iterator<Item = &str> {
        self.stack.iter().filter_map(|(_, o)| match o {
            Open::Code(c) => Some(*c),
            _ => None,
        })
    }

    /// A bottom total adopts the rows above it that have no parent (except
    /// totals of its rank or above): `本年收入合计` its items, `收入总计`
    /// `本年收入合计` and `上年结转`.
    fn bottom_total(&mut self, r: usize, rank: u8) {
        // rows, then totals of lower ranks (each orphan is adopted once)
        let buckets = usize::from(rank).min(self.orphans.len());
        for bucket in &mut self.orphans[..buckets] {
            for k in bucket.drain(..) {
                if self.parent[k].is_none() {
                    self.parent[k] = Some(r);
                }
            }
        }
        self.stack.clear();
        self.part_group = None;
    }

    /// A row left without a parent: a bottom total may adopt it later.
    fn orphan(&mut self, r: usize, mark: &Mark) {
        let bucket = match mark {
            Mark::Total(rank) => usize::from(*rank),
            _ => 0,
        };
        if self.orphans.len() <= bucket {
            self.orphans.resize(bucket + 1, Vec::new());
        }
        self.orphans[bucket].push(r);
    }

    fn total(&mut self, r: usize, rank: u8) {
        if self.seen_body {
            self.bottom_total(r, rank);
            return;
        }
        while let Some((_, open)) = self.stack.last() {
            match open {
                Open::Top(other) if *other > rank => break,
                Open::Unit(_) => break,
                _ => {
                    self.stack.pop();
                }
            }
        }
        self.parent[r] = self.top();
        self.stack.push((r, Open::Top(rank)));
    }

    fn unit(&mut self, r: usize, name: &str) {
        let key = labels::subject_key(name);
        let first = self
            .stack
            .iter()
            .position(|(_, o)| matches!(o, Open::Unit(_)));
        match first {
            Some(pos) => {
                let first_row = self.stack[pos].0;
                let same = self.stack[pos].1 == Open::Unit(key.clone());
                self.stack.truncate(pos + 1);
                if same {
                    self.parent[r] = self.parent[first_row];
                    self.stack.pop();
                } else {
                    self.parent[r] = Some(first_row);
                }
            }
            None => self.parent[r] = self.top(),
        }
        self.stack.push((r, Open::Unit(key)));
    }

    fn coded(&mut self, r: usize, code: &'a str) {
        while let Some((_, open)) = self.stack.last() {
            let pop = match open {
                Open::Code(c) => !(code.starts_with(*c) && code.len() > c.len()),
                Open::Plain | Open::Num(_) => false,
                Open::Top(_) | Open::Unit(_) => false,
            };
            if !pop {
                break;
            }
            self.stack.pop();
        }
        self.parent[r] = self.top();
        self.code[r] = code;
        self.stack.push((r, Open::Code(code)));
    }

    fn numbered(&mut self, r: usize, style: Style, value: u32, rows: &[RowRead]) {
        if value == 1
            && self.styles.contains(&style)
            && let Some(p) = self.previous
            && rows[p].mark == Mark::Plain
        {
            // the numbering restarts under the plain row above it
            self.stack.push((p, Open::Plain));
        }
        if let Some(pos) = self.stack.iter().rposition(|(_, o)| *o == Open::Num(style)) {
            self.stack.truncate(pos);
        } else {
            while matches!(self.stack.last(), Some((_, Open::Code(_)))) {
                self.stack.pop();
            }
        }
        if !self.styles.contains(&style) {
            self.styles.push(style);
        }
        self.parent[r] = self.top();
        self.stack.push((r, Open::Num(style)));
    }
}

/// The code a row borrows by name: the candidate whose parent subject is
/// open above it, else a class code, else the only candidate.
fn choose_code<'a>(candidates: &'a [String], pass: &Pass) -> Option<&'a str> {
    let open: Vec<&str> = pass.codes_on_stack().collect();
    let parent_open = |c: &String| c.len() > 3 && open.contains(&&c[..c.len() - 2]);
    if let Some(c) = candidates.iter().rev().find(|c| parent_open(c)) {
        return Some(c);
    }
    if let Some(c) = candidates.iter().find(|c| c.len() == 3) {
        return Some(c);
    }
    if open.is_empty() {
        return (candidates.len() == 1).then(|| candidates[0].as_str());
    }
    // under an open class, only a subject of that class
    candidates
        .iter()
        .find(|c| open.iter().any(|o| c.get(..3) == o.get(..3)))
        .map(String::as_str)
}

/// Parents from the marks, in one pass over the rows.
pub(super) fn link_rows<'a>(rows: &'a [RowRead<'a>]) -> Pass<'a> {
    let mut pass = Pass {
        parent: vec![None; rows.len()],
        code: vec![""; rows.len()],
        ..Pass::default()
    };
    for (r, row) in rows.iter().enumerate() {
        // the code of a coded row, or the code a plain or numbered row borrows by name
        let code = match &row.mark {
            Mark::Plain | Mark::Numbered(..) => choose_code(row.candidates, &pass),
            Mark::Coded(c) => Some(c.as_str()),
            _ => None,
        };
        if code.is_some() || !matches!(row.mark, Mark::Part | Mark::Plain | Mark::Empty) {
            pass.part_group = None;
        }
        if let Some(code) = code {
            pass.seen_body = true;
            // `二十六、转移性支出` after `二十五、其他支出`: a sibling (only
            // with an enumeration open)
            if pass.stack.iter().any(|(_, o)| matches!(o, Open::Num(_)))
                && let Some((style, _)) = labels::enumeration(row.label)
                && let Some(pos) = pass.stack.iter().rposition(|(_, o)| *o == Open::Num(style))
            {
                pass.stack.truncate(pos);
            }
            pass.coded(r, code);
        } else {
            match row.mark {
                Mark::Empty => continue,
                Mark::Total(rank) => pass.total(r, rank),
                Mark::Unit => pass.unit(r, row.label),
                Mark::Numbered(style, value) => {
                    pass.seen_body = true;
                    pass.numbered(r, style, value, rows);
                }
                Mark::Part => {
                    pass.seen_body = true;
                    let anchor = match pass.part_group {
                        Some(group) => group,
                        None => pass.previous,
                    };
                    pass.parent[r] = anchor;
                    pass.part_group = Some(anchor);
                }
                Mark::Plain => {
                    pass.seen_body = true;
                    pass.parent[r] = match pass.part_group {
                        Some(group) => group,
                        None => pass.top(),
                    };
                }
                // figures with no label on this side: under no row above it
                Mark::Unlabelled => pass.seen_body = true,
                // (its code is taken above)
                Mark::Coded(_) => {}
            }
        }
        if pass.parent[r].is_none() {
            pass.orphan(r, &row.mark);
        }
        pass.previous = Some(r);
    }
    pass
}
