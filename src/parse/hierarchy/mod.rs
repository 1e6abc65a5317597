//! Row hierarchy: for every grid table, the parent and the role (item,
//! subtotal, total) of each body row, on each side of the table.
//!
//! Evidence, strongest first: total words (合计 / 总计 / 小计 / 本年收入合计);
//! the unit's own row (预算单位); subject codes (类 3 digits → 款 5 → 项 7,
//! split codes `208 | 05 | 01` included); for a row printed without a code,
//! the code a coded table of the same document gives the same subject name,
//! or the national class of a class name (公共安全支出 = 204); enumerations
//! (`一、` → `（一）` → `1.`); `其中` (a part of the row above). Rows with no
//! evidence stay under the nearest parent, unless their sums show a nesting
//! (`一般性项目` over its projects): see [`nesting`].
//!
//! Domain words: 类 / 款 / 项 = the three levels of a function subject;
//! 小计 / 合计 / 总计 = subtotal / total / grand total; 其中 = "of which".

mod columns;
mod figures;
mod labels;
mod nesting;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::numbering::Style;
use crate::model::{GridRow, RowRole, Table, TableSide, children_of};
use columns::SideLayout;
use figures::Figures;
use labels::Mark;
use nesting::Fit;

/// Subject name (as a key) → the codes coded tables of the document give it.
type SubjectNames = FxHashMap<String, Vec<String>>;

/// The sides of every table (empty for performance forms and tables
/// without figures). `department` names the unit rows.
pub(super) fn build_all(tables: &[Table], department: Option<&str>) -> Vec<Vec<TableSide>> {
    // only grids have sides: other tables' cells are never read for figures
    let figures: Vec<Option<Figures>> = tables
        .iter()
        .map(|t| t.kind.is_grid().then(|| Figures::of(t)))
        .collect();
    let layouts: Vec<Vec<SideLayout>> = tables
        .iter()
        .zip(&figures)
        .map(|(t, f)| match f {
            Some(f) => columns::sides_of(t, f),
            None => Vec::new(),
        })
        .collect();
    let names = subject_names(tables, &layouts);
    // the department's name as a key, made once for every side
    let department = department.map(super::chars::name_key);
    let department = department.as_deref();
    tables
        .iter()
        .zip(layouts)
        .zip(&figures)
        .map(|((t, sides), f)| {
            sides
                .into_iter()
                .filter(|s| !s.value_columns.is_empty())
                .filter_map(|s| Some(build_side(t, f.as_ref()?, s, &names, department)))
                .collect()
        })
        .collect()
}

/// Every subject name a code column codes, with its codes (shortest first).
fn subject_names(tables: &[Table], layouts: &[Vec<SideLayout>]) -> SubjectNames {
    let mut names = SubjectNames::default();
    for (t, sides) in tables.iter().zip(layouts) {
        for side in sides
            .iter()
            .filter(|s| !s.code_columns.is_empty() && !s.unit_codes)
        {
            let mut carry = Carry::default();
            for row in &t.rows {
                let label = cell(row, side.label_column);
                let Some(code) = carry.code_of(row, &side.code_columns) else {
                    continue;
                };
                let key = labels::subject_key(label);
                if key.is_empty() {
                    continue;
                }
                let codes = names.entry(key).or_default();
                if !codes.contains(&code) {
                    codes.push(code);
                    codes.sort_by_key(String::len);
                }
            }
        }
    }
    names
}

fn cell(row: GridRow<'_>, j: usize) -> &str {
    row.get(j).map(super::chars::trim_cell).unwrap_or("")
}

/// The parts of a split code (类 | 款 | 项) carried down from the rows above.
#[derive(Default)]
struct Carry {
    parts: [String; 3],
    /// Units' codes: any length (`024`, `024001`).
    any_length: bool,
}

impl Carry {
    /// The code of a row: one code column (`2040201`), or split columns whose
    /// blank leading parts repeat the rows above (`| 05 | 01`).
    fn code_of(&mut self, row: GridRow<'_>, columns: &[usize]) -> Option<String> {
        let digits = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        if let [j] = columns {
            // one code column: no copy unless the code is one
            let c = cell(row, *j);
            let c = if c.contains(' ') {
                std::borrow::Cow::Owned(c.replace(' ', ""))
            } else {
                std::borrow::Cow::Borrowed(c)
            };
            let fits = matches!(c.len(), 3 | 5 | 7) || (self.any_length && c.len() >= 2);
            return (fits && digits(&c)).then(|| c.into_owned());
        }
        // a part: a cell of digits, the spaces between them dropped (read
        // borrowed: most cells of split code columns are blank)
        let part_in = |j: usize| {
            let c = cell(row, j);
            let digits = c.bytes().filter(|&b| b != b' ').count();
            let only_digits = c.bytes().all(|b| b == b' ' || b.is_ascii_digit());
            (digits > 0 && only_digits).then_some((c, digits))
        };
        let last = columns.iter().rposition(|&j| part_in(j).is_some())?;
        let mut code = String::with_capacity(7);
        for (k, &j) in columns.iter().enumerate().take(last + 1).take(3) {
            if let Some((c, digits)) = part_in(j) {
                let part = &mut self.parts[k];
                part.clear();
                // 款 and 项 are two digits; a spreadsheet drops the leading zero (`301 | 2`)
                if k > 0 && digits == 1 {
                    part.push('0');
                }
                part.extend(c.split(' '));
                for deeper in self.parts.iter_mut().skip(k + 1) {
                    deeper.clear();
                }
            }
            code.push_str(&self.parts[k]);
        }
        (matches!(code.len(), 3 | 5 | 7) && code.bytes().all(|b| b.is_ascii_digit()))
            .then_some(code)
    }
}

/// One row as read through a side.
struct RowRead<'a> {
    label: &'a str,
    mark: Mark,
    /// Codes a coded table gives the label (to choose from by context).
    candidates: &'a [String],
    values: Vec<Option<Decimal>>,
}

/// Read the rows of a side: label, evidence, figures (`department`: the
/// department's name as a key).
fn read_rows<'a>(
    t: &'a Table,
    figures: &Figures,
    side: &SideLayout,
    names: &'a SubjectNames,
    department: Option<&str>,
) -> Vec<RowRead<'a>> {
    let mut carry = Carry {
        any_length: side.unit_codes,
        ..Carry::default()
    };
    t.rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let values: Vec<Option<Decimal>> = side
                .value_columns
                .iter()
                .map(|&j| figures.amount(r, j))
                .collect();
            let code = carry.code_of(row, &side.code_columns);
            let mut label = cell(row, side.label_column);
            if label.is_empty() {
                // a label printed across the code columns (`合计`)
                label = side
                    .code_columns
                    .iter()
                    .map(|&j| cell(row, j))
                    .find(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or("");
            }
            let mut unit = false;
            if label.is_empty()
                && let Some(u) = side
                    .unit_column
                    .map(|j| cell(row, j))
                    .filter(|u| !u.is_empty())
            {
                label = u;
                unit = code.is_none();
            }
            let unlabelled = label.is_empty() && code.is_none();
            let blank = unlabelled && values.iter().all(Option::is_none);
            // the name key only where a class name or a borrowed code may decide
            let key = std::cell::OnceCell::new();
            let key = || key.get_or_init(|| labels::subject_key(label)).as_str();
            let mark = if blank {
                Mark::Empty
            } else if unlabelled {
                Mark::Unlabelled
            } else if let Some(rank) = labels::total_rank(label) {
                Mark::Total(rank)
            } else if unit || (side.label_is_unit && labels::names_unit(label, department)) {
                Mark::Unit
            } else if let Some(c) = code.or_else(|| labels::leading_code(label)) {
                Mark::Coded(c)
            } else if labels::is_part(label) {
                Mark::Part
            } else if let Some(c) = labels::class_code(key()) {
                Mark::Coded(c.to_string())
            } else if let Some((style, value)) = labels::enumeration(label) {
                Mark::Numbered(style, value)
            } else {
                Mark::Plain
            };
            let candidates = match mark {
                Mark::Plain | Mark::Numbered(..) => names.get(key()).map_or(&[][..], Vec::as_slice),
                _ => &[],
            };
            RowRead {
                label,
                mark,
                candidates,
                values,
            }
        })
        .collect()
}

/// An open parent on the stack while rows are read in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Open {
    Top(u8),
    Unit(String),
    Code(String),
    Num(Style),
    /// A plain row whose enumeration restarted below it.
    Plain,
}

/// The state of the in-order pass over a side's rows.
#[derive(Default)]
struct Pass {
    stack: Vec<(usize, Open)>,
    parent: Vec<Option<usize>>,
    code: Vec<String>,
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

impl Pass {
    fn top(&self) -> Option<usize> {
        self.stack.last().map(|(r, _)| *r)
    }

    fn codes_on_stack(&self) -> impl Iterator<Item = &str> {
        self.stack.iter().filter_map(|(_, o)| match o {
            Open::Code(c) => Some(c.as_str()),
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

    fn coded(&mut self, r: usize, code: String) {
        while let Some((_, open)) = self.stack.last() {
            let pop = match open {
                Open::Code(c) => !(code.starts_with(c.as_str()) && code.len() > c.len()),
                Open::Plain | Open::Num(_) => false,
                Open::Top(_) | Open::Unit(_) => false,
            };
            if !pop {
                break;
            }
            self.stack.pop();
        }
        self.parent[r] = self.top();
        self.code[r] = code.clone();
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
fn choose_code(candidates: &[String], pass: &Pass) -> Option<String> {
    let open: Vec<&str> = pass.codes_on_stack().collect();
    let parent_open = |c: &String| c.len() > 3 && open.contains(&&c[..c.len() - 2]);
    if let Some(c) = candidates.iter().rev().find(|c| parent_open(c)) {
        return Some(c.clone());
    }
    if let Some(c) = candidates.iter().find(|c| c.len() == 3) {
        return Some(c.clone());
    }
    if open.is_empty() {
        return (candidates.len() == 1).then(|| candidates[0].clone());
    }
    // under an open class, only a subject of that class
    candidates
        .iter()
        .find(|c| open.iter().any(|o| c.get(..3) == o.get(..3)))
        .cloned()
}

/// Parents from the marks, in one pass over the rows.
fn link_rows(rows: &[RowRead]) -> Pass {
    let mut pass = Pass {
        parent: vec![None; rows.len()],
        code: vec![String::new(); rows.len()],
        ..Pass::default()
    };
    for (r, row) in rows.iter().enumerate() {
        let mut mark = row.mark.clone();
        if matches!(mark, Mark::Plain | Mark::Numbered(..))
            && let Some(c) = choose_code(row.candidates, &pass)
        {
            mark = Mark::Coded(c);
        }
        if !matches!(mark, Mark::Part | Mark::Plain | Mark::Empty) {
            pass.part_group = None;
        }
        match mark {
            Mark::Empty => continue,
            Mark::Total(rank) => pass.total(r, rank),
            Mark::Unit => pass.unit(r, row.label),
            Mark::Coded(code) => {
                pass.seen_body = true;
                // `二十六、转移性支出` after `二十五、其他支出`: a sibling
                if let Some((style, _)) = labels::enumeration(row.label)
                    && let Some(pos) = pass.stack.iter().rposition(|(_, o)| *o == Open::Num(style))
                {
                    pass.stack.truncate(pos);
                }
                pass.coded(r, code);
            }
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
        }
        if pass.parent[r].is_none() {
            pass.orphan(r, &row.mark);
        }
        pass.previous = Some(r);
    }
    pass
}

/// Build one side: read the rows, link them, nest plain rows by their sums,
/// give each row its role.
fn build_side(
    t: &Table,
    figures: &Figures,
    layout: SideLayout,
    names: &SubjectNames,
    department: Option<&str>,
) -> TableSide {
    let rows = read_rows(t, figures, &layout, names, department);
    let mut pass = link_rows(&rows);
    if layout.rows_are_years {
        pass.parent.iter_mut().for_each(|p| *p = None);
    } else {
        settle_part_groups(&rows, &mut pass.parent);
        let units: Vec<bool> = rows.iter().map(|r| r.mark == Mark::Unit).collect();
        let firsts: Vec<Option<Decimal>> = rows
            .iter()
            .map(|r| first_value(r).map(|(_, v)| v))
            .collect();
        nesting::units_apart(&units, &firsts, &mut pass.parent);
        nest_plain_children(&rows, &mut pass.parent);
    }
    for (r, row) in rows.iter().enumerate() {
        if pass.code[r].is_empty()
            && let Mark::Coded(c) = &row.mark
        {
            pass.code[r] = c.clone();
        }
    }
    let mut role = roles(&rows, &pass.parent);
    if layout.rows_are_years {
        // rows of years compare, they do not add up
        for (r, row) in rows.iter().enumerate() {
            if row.mark == Mark::Unit {
                role[r] = RowRole::Item;
            }
        }
    }
    TableSide {
        name: layout.name,
        label_column: layout.label_column,
        code_columns: layout.code_columns,
        value_columns: layout.value_columns,
        parent: pass.parent,
        role,
        code: pass.code,
    }
}

/// Each row's role: blank, total (a total word, or the unit's row at the
/// top), subtotal (has children), item.
fn roles(rows: &[RowRead], parent: &[Option<usize>]) -> Vec<RowRole> {
    let mut has_children = vec![false; rows.len()];
    for p in parent.iter().flatten() {
        has_children[*p] = true;
    }
    rows.iter()
        .enumerate()
        .map(|(r, row)| match row.mark {
            Mark::Empty => RowRole::Blank,
            Mark::Total(_) => RowRole::Total,
            Mark::Unit if parent[r].is_none() => RowRole::Total,
            _ if has_children[r] => RowRole::Subtotal,
            _ => RowRole::Item,
        })
        .collect()
}

/// The first figure of a row and its column index.
fn first_value(row: &RowRead) -> Option<(usize, Decimal)> {
    row.values
        .iter()
        .enumerate()
        .find_map(|(c, v)| v.map(|v| (c, v)))
}

/// Plain rows after a `其中` row were taken for its siblings (`其中：教学科研
/// 人员… / 其他因公出国费`); when the group does not add up to its row, the
/// plain rows past the point where it does (or all of them, when it never
/// does) go back up a level (`基本工资 / 其中：… / 津贴补贴`).
fn settle_part_groups(rows: &[RowRead], parent: &mut [Option<usize>]) {
    let index = children_of(parent);
    for (p, children) in index.iter().enumerate() {
        let Some(&first) = children.first() else {
            continue;
        };
        if rows[first].mark != Mark::Part {
            continue;
        }
        let Some((col, whole)) = first_value(&rows[p]) else {
            continue;
        };
        let value = |c: usize| {
            rows[c]
                .values
                .get(col)
                .copied()
                .flatten()
                .unwrap_or_default()
        };
        let mut sum = Decimal::ZERO;
        let mut keep = None;
        for (k, &c) in children.iter().enumerate() {
            sum += value(c);
            if sum == whole && k > 0 {
                keep = Some(k);
                break;
            }
        }
        for (k, &c) in children.iter().enumerate() {
            let beyond = keep.is_none_or(|last| k > last);
            if beyond && rows[c].mark == Mark::Plain {
                parent[c] = parent[p];
            }
        }
    }
}

/// A parent whose children do not add up to it, two or more of them plain
/// rows: nest the plain rows by their sums when a nesting adds up (`年初结转
/// 和结余` over `一般公共预算财政拨款` beside `本年收入合计` under `总计`).
fn nest_plain_children(rows: &[RowRead], parent: &mut [Option<usize>]) {
    let index = children_of(parent);
    for (p, children) in index.iter().enumerate() {
        let movable: Vec<bool> = children
            .iter()
            .map(|&c| rows[c].mark == Mark::Plain)
            .collect();
        if movable.iter().filter(|&&m| m).count() < 2 {
            continue;
        }
        let Some(col) = rows[p].values.iter().position(Option::is_some) else {
            continue;
        };
        let Some(target) = rows[p].values[col] else {
            continue;
        };
        let values: Vec<Option<Decimal>> = children.iter().map(|&c| rows[c].values[col]).collect();
        let scale = values
            .iter()
            .flatten()
            .chain([&target])
            .map(Decimal::scale)
            .max()
            .unwrap_or(0);
        let unit = Decimal::new(1, scale);
        let flat: Decimal = values.iter().flatten().sum();
        if (flat - target).abs() <= unit * Decimal::from(children.len()) {
            continue;
        }
        let nested = nesting::nest_by_sums(&values, &movable, target, Fit::Exact)
            .or_else(|| nesting::nest_by_sums(&values, &movable, target, Fit::Rounded(unit)));
        if let Some(nested) = nested {
            for (k, adopted_by) in nested.into_iter().enumerate() {
                if let Some(a) = adopted_by {
                    parent[children[k]] = Some(children[a]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|c| c.to_string()).collect()
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            kind: TableKind::Expenditure,
            header: vec![s(header)].into(),
            rows: rows.iter().map(|r| s(r)).collect(),
            row_lines: (1..=rows.len() as u32).collect(),
            ..Table::default()
        }
    }

    #[test]
    fn split_code_parts_drop_spaces_and_get_back_a_lost_zero() {
        let rows = crate::model::Grid::from_rows([
            ["2 08", "", "", "x"],
            ["", "5", "", "x"],
            ["", "", "0 1", "x"],
            ["", "", "合计", "x"],
        ]);
        let mut carry = Carry::default();
        let codes: Vec<Option<String>> = rows
            .iter()
            .map(|row| carry.code_of(row, &[0, 1, 2]))
            .collect();
        let expected = [Some("208"), Some("20805"), Some("2080501"), None];
        assert_eq!(codes, expected.map(|c| c.map(String::from)));
    }

    #[test]
    fn units_codes_nest_by_prefix() {
        // 部门代码 024 (the department) over 024001 (its one unit, same name)
        let t = table(
            &["部门代码", "部门名称", "合计"],
            &[
                &["合计", "", "5"],
                &["024", "审计局", "5"],
                &["024001", "审计局", "5"],
            ],
        );
        let side = &build_all(&[t], None)[0][0];
        assert_eq!(side.parent, [None, Some(0), Some(1)]);
        assert_eq!(side.code, ["", "024", "024001"]);
    }

    #[test]
    fn split_codes_carry_their_class_and_kuan_down() {
        let t = table(
            &["类", "款", "项", "科目名称", "合计"],
            &[
                &["", "", "", "合计", "10"],
                &["208", "", "", "社会保障和就业支出", "10"],
                &["", "05", "", "行政事业单位养老支出", "10"],
                &["", "", "01", "行政单位离退休", "4"],
                &["", "", "05", "机关事业单位基本养老保险缴费支出", "6"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(side.code_columns, [0, 1, 2]);
        assert_eq!(side.code, ["", "208", "20805", "2080501", "2080505"]);
        assert_eq!(side.parent, [None, Some(0), Some(1), Some(2), Some(2)]);
        assert_eq!(
            side.role,
            [
                RowRole::Total,
                RowRole::Subtotal,
                RowRole::Subtotal,
                RowRole::Item,
                RowRole::Item
            ]
        );
    }

    #[test]
    fn enumerations_nest_and_parts_stay_under_their_row() {
        let t = table(
            &["项目", "金额"],
            &[
                &["一、财政拨款收入", "10"],
                &["（一）一般公共预算", "8"],
                &["其中：上年结转", "1"],
                &["（二）政府性基金", "2"],
                &["二、其他收入", "0"],
                &["本年收入合计", "10"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(
            side.parent,
            [Some(5), Some(0), Some(1), Some(0), Some(5), None]
        );
        assert_eq!(side.role[5], RowRole::Total);
    }

    #[test]
    fn a_row_after_a_part_goes_back_up_unless_the_group_adds_up() {
        let t = table(
            &["项目", "金额"],
            &[
                &["工资福利支出", "100"],
                &["基本工资", "50"],
                &["其中：绩效工资", "10"],
                &["津贴补贴", "50"],
                &["二、公务用车购置及运维费", "97.26"],
                &["其中：公务用车购置费", ""],
                &["公务用车运行维护费", "97.26"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(side.parent[2], Some(1)); // 其中 under 基本工资
        assert_eq!(side.parent[3], Some(0)); // 津贴补贴 back under 工资福利支出
        assert_eq!(side.parent[6], Some(4)); // the group adds up: it stays
    }

    #[test]
    fn a_subject_printed_without_code_borrows_it_by_name() {
        let coded = table(
            &["科目编码", "科目名称", "合计"],
            &[
                &["204", "公共安全支出", "5"],
                &["20402", "公安", "5"],
                &["2040201", "行政运行", "5"],
            ],
        );
        let mut plain = table(
            &["项目", "金额"],
            &[
                &["公共安全支出", "5"],
                &["公安", "5"],
                &["行政运行", "5"],
                &["本年支出合计", "5"],
            ],
        );
        plain.kind = TableKind::IncomeExpenditure;
        let sides = build_all(&[coded, plain], None);
        let side = &sides[1][0];
        assert_eq!(side.code, ["204", "20402", "2040201", ""]);
        assert_eq!(side.parent, [Some(3), Some(0), Some(1), None]);
    }
}
