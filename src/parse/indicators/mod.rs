//! Performance indicators: 一级指标 → 二级指标 → 三级指标 rows with
//! description, target (指标值) and basis (确定依据).
//!
//! Columns are read from the indicator header row when the row's cells sit
//! under it; extractions that shift cells (merged cells lost, columns moved)
//! are read by content: level names are recognized wherever they stand, the
//! remaining cells are name, description, target, basis in order. Blank level
//! cells (merged in the original) are filled down from the row above.
//!
//! Where things are: [`levels`] tells level names (一级 / 二级) from other
//! cells; [`written`] reads indicators listed in one cell or written as
//! prose; this file reads the rows of performance tables.

mod levels;
mod written;

use std::borrow::Cow;

use super::chars::{compact, has, trim_cell};
use crate::model::{Content, GridRow, Indicator, IndicatorTexts, Table, TableKind};
use levels::{Family, Level, LevelCell, cost_level1, may_start_level};
pub(super) use written::from_listing;
use written::from_prose;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Label,
    Level1,
    Level2,
    Name,
    Description,
    Target,
    Basis,
    /// A column an indicator row has besides (实际完成值, 分值, 得分, 偏差原因…): not read.
    Other,
}

/// What the header cell `cell` says its column holds.
fn field_of_header(cell: &str) -> Option<Field> {
    if cell.is_empty() {
        return None;
    }
    // most headers print one of a few names: each read as the rules read it
    // (`common_headers_read_as_the_rules_read_them`), without compacting it
    let common = match cell {
        "一级指标" => Field::Level1,
        "二级指标" => Field::Level2,
        "三级指标" | "指标内容" => Field::Name,
        "年度绩效指标" => Field::Label,
        "绩效指标描述" => Field::Description,
        "指标值" | "目标值" | "指标值/描述" => Field::Target,
        "指标值确定依据" => Field::Basis,
        _ => return field_by_rules(cell),
    };
    Some(common)
}

/// [`field_of_header`] by its rules: the compacted cell's words.
fn field_by_rules(cell: &str) -> Option<Field> {
    let c = compact(cell);
    if c.is_empty() {
        return None;
    }
    Some(match &*c {
        "一级指标" => Field::Level1,
        "二级指标" => Field::Level2,
        "年度绩效指标" | "绩效指标" => Field::Label,
        "实际完成值" | "分值" | "得分" | "权重" => Field::Other,
        _ if c.starts_with("偏差原因") => Field::Other,
        _ if has(&c, "依据") => Field::Basis,
        "三级指标" | "指标名称" | "指标内容" => Field::Name,
        _ if c.starts_with("具体指标") || c.starts_with("三级指标") => Field::Name,
        _ if has(&c, "描述") && !c.starts_with("指标值") || c == "指标说明" => {
            Field::Description
        }
        _ if c.starts_with("指标值") || has(&c, "目标值") || c == "年度指标值" => {
            Field::Target
        }
        _ => return None,
    })
}

/// Rows after these labels are not indicators.
fn stop_row(first: &str) -> bool {
    // every label starts with one of these: most cells are not compacted
    // (only trimmed, a cell starting with a space); each starts with the byte
    // E5, E6 or E8, most cells do not
    let first = trim_cell(first);
    matches!(first.as_bytes().first(), Some(0xE5 | 0xE6 | 0xE8))
        && first.starts_with(['其', '备', '说', '总', '合'])
        && matches!(
            &*compact(first),
            "其他说明的问题" | "备注" | "说明" | "总分" | "合计"
        )
}

/// The department-wide indicators: those of the department performance
/// tables (部门整体绩效目标表), then those written as prose.
pub(super) fn department_wide(tables: &[Table], contents: &[&Content]) -> Vec<Indicator> {
    let mut indicators = Vec::new();
    for t in tables {
        if t.kind == TableKind::DepartmentPerformance {
            indicators.extend(from_table(t));
        }
    }
    indicators.extend(from_prose(contents));
    indicators
}

/// The indicators of a performance table (project or department-wide).
pub(super) fn from_table(table: &Table) -> Vec<Indicator> {
    match header_row(table) {
        Some(h) => from_rows(table, h),
        None => Vec::new(),
    }
}

/// The header rows then the body rows of a table: row `r` of a table is
/// the `r`-th of these.
pub(super) fn rows_of(table: &Table) -> impl Iterator<Item = GridRow<'_>> {
    table.header.iter().chain(table.rows.iter())
}

/// The rows of a table ([`rows_of`]) from row `from` on.
fn rows_from(table: &Table, from: usize) -> impl Iterator<Item = GridRow<'_>> {
    let in_body = from.saturating_sub(table.header.len());
    (table.header.iter().skip(from)).chain(table.rows.iter().skip(in_body))
}

/// The indicators' header row: the first naming 一级指标.
fn header_row(table: &Table) -> Option<usize> {
    rows_of(table).position(|r| r.iter().any(|c| c == "一级指标"))
}

/// The indicators of a performance table whose indicators' header is its
/// row `h` ([`rows_of`]; the first naming 一级指标).
pub(super) fn from_rows(table: &Table, h: usize) -> Vec<Indicator> {
    // row `r` of the table is a header row (at the title's line) or body row `r - header_rows`
    let header_rows = table.header.len();
    let line_of = |r: usize| match r.checked_sub(header_rows) {
        Some(body) => table.row_lines.get(body).copied().unwrap_or(table.line),
        None => table.line,
    };
    let mut rows = rows_from(table, h);
    let Some(header_row) = rows.next() else {
        return Vec::new();
    };
    let fields: Vec<Option<Field>> = header_row.iter().map(field_of_header).collect();
    let columns = TextColumns {
        description: fields.contains(&Some(Field::Description)),
        target: fields.contains(&Some(Field::Target)),
    };
    let header_first = header_row.iter().find(|c| !c.is_empty());
    let same_as_header = |row: GridRow<'_>| {
        let a = row.iter().filter(|c| !c.is_empty());
        let b = header_row.iter().filter(|c| !c.is_empty());
        a.eq(b)
    };

    // room for every row below the header (most are indicators)
    let below = (header_rows + table.rows.len()).saturating_sub(h + 1);
    let mut out = Vec::with_capacity(below);
    let mut levels = Levels::default();
    // the cells of the row being read besides its levels, with what their
    // column holds, and the texts joined from several of them (one buffer
    // each for all rows)
    let mut rest: Vec<(Option<Field>, &str)> = Vec::with_capacity(fields.len());
    let mut joined: [String; 4] = Default::default();
    for (r, row) in (h + 1..).zip(rows) {
        // (a row is read once: what it says is dropped when it is the
        // header repeated or ends the indicators)
        let RowLevels {
            l1,
            l2,
            aligned,
            texts,
            first,
        } = split_levels(row, &fields, &mut rest);
        // the header repeated (on a new page) starts as the header does
        if first == header_first && same_as_header(row) {
            continue;
        }
        if first.is_some_and(stop_row) {
            break;
        }
        // (cells under the header are read where they stand, as they are split)
        let [mut name, mut description, target, basis] = if aligned {
            texts
        } else {
            read_texts(&rest, columns, &mut joined)
        };
        if name.is_empty() && !description.is_empty() {
            name = std::mem::take(&mut description);
        }
        levels.fill_down(l1, l2);
        if name.is_empty() && target.is_empty() {
            continue;
        }
        // texts borrowed from the body's cells are kept as places there
        out.push(Indicator::in_cells_coded(
            IndicatorTexts {
                level1: &levels.level1.name,
                level2: &levels.level2.name,
                name,
                description,
                target,
                basis,
            },
            levels.codes(),
            line_of(r),
            table.rows.shared_text(),
        ));
    }
    // kept in the model: without the room left by growing
    out.shrink_to_fit();
    out
}

/// The level-1 and level-2 names in force, filled down from the rows above
/// (borrowed from the cells that print them), with their codes.
#[derive(Default)]
struct Levels<'a> {
    level1: Level<'a>,
    level2: Level<'a>,
    /// Whether each family (by its order) belongs under the level 1 in
    /// force ([`Family::accepts`]), once asked.
    accepted: [Option<bool>; 5],
}

impl<'a> Levels<'a> {
    /// Take the levels a row prints: a new level 1 without a level 2 clears
    /// the level 2; a level 2 whose family does not belong to the level 1 in
    /// force brings its family's level 1.
    fn fill_down(&mut self, l1: Option<Level<'a>>, l2: Option<(Level<'a>, Family)>) {
        let explicit_l1 = l1.is_some();
        let new_l1 = match (l1, &l2) {
            (Some(n), _) => Some(n),
            (None, Some((_, fam))) if !self.accepts(*fam) => Some(fam.canonical_level()),
            _ => None,
        };
        let l1_changed = new_l1.as_ref().is_some_and(|n| n.name != self.level1.name);
        match l2 {
            Some((n, _)) => self.level2 = n,
            None if explicit_l1 && l1_changed => self.level2 = Level::default(),
            None => {}
        }
        if let Some(n) = new_l1 {
            if l1_changed {
                self.accepted = [None; 5];
            }
            self.level1 = n;
        }
    }

    /// Whether a level 2 of the family `fam` belongs under the level 1 in force.
    fn accepts(&mut self, fam: Family) -> bool {
        let level1 = &self.level1.name;
        *self.accepted[fam as usize].get_or_insert_with(|| fam.accepts(level1))
    }

    /// The codes of the two levels ([`Indicator::codes_of_levels`]).
    fn codes(&self) -> [u8; 2] {
        [self.level1.code, self.level2.code]
    }
}

/// The level-1 and level-2 names an indicator row starts with (when printed on this row).
struct RowLevels<'a> {
    l1: Option<Level<'a>>,
    l2: Option<(Level<'a>, Family)>,
    /// The row's other cells sit under the header: each under a text
    /// column (name, description, target, basis), each column once.
    aligned: bool,
    /// When `aligned`, the row's name, description, target and basis: each
    /// the cell under its column.
    texts: [&'a str; 4],
    /// The row's first non-empty cell.
    first: Option<&'a str>,
}

/// The levels of a row; its other non-empty cells, with what their column
/// holds (`fields`: what each header column holds), into `rest`, except
/// those under columns of other things (实际完成值, 得分), which are not the
/// indicator's.
fn split_levels<'a>(
    row: GridRow<'a>,
    fields: &[Option<Field>],
    rest: &mut Vec<(Option<Field>, &'a str)>,
) -> RowLevels<'a> {
    rest.clear();
    let mut l1: Option<Level<'a>> = None;
    let mut l2: Option<(Level<'a>, Family)> = None;
    // a cell besides the levels seen (kept or not): levels come before any
    let mut past_levels = false;
    // each text field once, in any order (see `RowLevels::aligned`)
    let mut used = [false; 4];
    let mut aligned = true;
    let mut texts = [""; 4];
    let mut first = None;
    for (j, cell) in row.iter().enumerate() {
        // cells are trimmed and repaired
        let t = cell;
        if t.is_empty() {
            continue;
        }
        first = first.or(Some(t));
        // level names come first, are short and start with one of a few characters
        let may_be_level =
            !past_levels && t.len() <= 48 && t.chars().next().is_some_and(may_start_level);
        if may_be_level {
            let c = LevelCell::of(t);
            if c.is_label() {
                continue;
            }
            let level1 = c.level1();
            let is_level1 = level1.is_some();
            if l1.is_none()
                && let Some(n) = level1.or_else(|| {
                    cost_level1(&c.text, row.iter().skip(j + 1))
                        .then(|| Level::named(Cow::Borrowed("成本指标")))
                })
            {
                l1 = Some(n);
                continue;
            }
            // (a cell a family is found for is short and holds a word
            // `may_be_level2` looks for: no need to look first)
            if l2.is_none()
                && let Some(f) = c.family(is_level1)
            {
                l2 = Some((c.into_level(), f));
                continue;
            }
        }
        past_levels = true;
        let field = fields.get(j).copied().flatten();
        let k = match field {
            Some(Field::Other) => continue,
            Some(Field::Name) => 0,
            Some(Field::Description) => 1,
            Some(Field::Target) => 2,
            Some(Field::Basis) => 3,
            _ => {
                aligned = false;
                rest.push((field, t));
                continue;
            }
        };
        aligned &= !std::mem::replace(&mut used[k], true);
        texts[k] = t;
        rest.push((field, t));
    }
    RowLevels {
        l1,
        l2,
        aligned,
        texts,
        first,
    }
}

/// The slot of [`read_texts`]'s texts a text of `field` goes to: name,
/// description, target, basis (any other).
fn slot_of(field: Field) -> usize {
    match field {
        Field::Name => 0,
        Field::Description => 1,
        Field::Target => 2,
        _ => 3,
    }
}

/// Which text columns besides the name an indicator header has.
#[derive(Clone, Copy)]
struct TextColumns {
    description: bool,
    target: bool,
}

/// What an indicator row whose cells do not sit under the header says
/// besides its levels: its name, description, target and basis, read in
/// order from the cells after the levels (`rest`, from [`split_levels`];
/// `columns`: the text columns the header has). Each text is a cell, or
/// several cells joined in `joined` (a slot several cells go to).
fn read_texts<'c: 'j, 'j>(
    rest: &[(Option<Field>, &'c str)],
    columns: TextColumns,
    joined: &'j mut [String; 4],
) -> [&'j str; 4] {
    let mut texts: [&'c str; 4] = [""; 4];
    let (has_desc, has_target) = (columns.description, columns.target);
    let order: &[Field] = match rest.len() {
        0 => &[],
        1 => &[Field::Name],
        2 if has_target => &[Field::Name, Field::Target],
        2 => &[Field::Name, Field::Description],
        3 if has_desc => &[Field::Name, Field::Description, Field::Target],
        3 => &[Field::Name, Field::Target, Field::Basis],
        _ => &[Field::Name, Field::Description, Field::Target, Field::Basis],
    };
    let mut several = [false; 4];
    for (k, &(_, t)) in rest.iter().enumerate() {
        let slot = slot_of(order.get(k).copied().unwrap_or(Field::Basis));
        if texts[slot].is_empty() {
            texts[slot] = t;
            continue;
        }
        let text = &mut joined[slot];
        if !several[slot] {
            several[slot] = true;
            text.clear();
            text.push_str(texts[slot]);
        }
        text.push(' ');
        text.push_str(t);
    }
    let joined: &'j [String; 4] = joined;
    let mut texts: [&'j str; 4] = texts;
    for (slot, text) in joined.iter().enumerate() {
        if several[slot] {
            texts[slot] = text;
        }
    }
    texts
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_headers_read_as_the_rules_read_them() {
        for h in [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标内容",
            "年度绩效指标",
            "绩效指标描述",
            "指标值",
            "目标值",
            "指标值/描述",
            "指标值确定依据",
            "",
            "绩效指标",
            "指标说明",
            "具体指标（指标内容、指标值）",
        ] {
            assert_eq!(field_of_header(h), field_by_rules(h), "{h}");
            assert!(h.is_empty() || field_of_header(h).is_some(), "{h}");
        }
    }
}
