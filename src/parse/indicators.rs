//! Performance indicators: 一级指标 → 二级指标 → 三级指标 rows with
//! description, target (指标值) and basis (确定依据).
//!
//! Columns are read from the indicator header row when the row's cells sit
//! under it; extractions that shift cells (merged cells lost, columns moved)
//! are read by content: level names are recognized wherever they stand, the
//! remaining cells are name, description, target, basis in order. Blank level
//! cells (merged in the original) are filled down from the row above.

use std::borrow::Cow;

use super::chars::{char_len, compact, has, has_pair, trim_cell};
use super::numbering::is_cn_numeral;
use crate::model::{Content, GridRow, Indicator, IndicatorTexts, LineNo, Table, TableKind};

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

fn field_of_header(cell: &str) -> Option<Field> {
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

/// The family of a level-2 name decides the level-1 it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Output,
    /// 成本指标 (a level 1 of its own since 2021, a level 2 under 产出指标 before).
    Cost,
    Effect,
    Satisfaction,
    Input,
}

impl Family {
    fn canonical(self) -> &'static str {
        match self {
            Family::Output => "产出指标",
            Family::Cost => "成本指标",
            Family::Effect => "效益指标",
            Family::Satisfaction => "满意度指标",
            Family::Input => "投入指标",
        }
    }

    fn accepts(self, level1: &str) -> bool {
        match self {
            Family::Output => has(level1, "产出"),
            Family::Cost => has(level1, "成本") || has(level1, "产出"),
            Family::Effect => has(level1, "效益") || has(level1, "效果"),
            Family::Satisfaction => has(level1, "满意"),
            Family::Input => has(level1, "投入") || has(level1, "成本"),
        }
    }
}

/// `产出指标`, `(产出指标一)`, `效果指标` … in a compacted cell → the level-1
/// name as printed (without brackets), borrowed.
fn level1_of(c: &str) -> Option<&str> {
    const BRACKETS: [char; 4] = ['(', ')', '（', '）'];
    if c.len() > 48 {
        return None;
    }
    // most level 1 cells print a name as it is
    if matches!(
        c,
        "产出指标" | "效益指标" | "效果指标" | "满意度指标" | "投入指标" | "过程指标"
    ) {
        return Some(c);
    }
    // most cells have no bracket to trim (`（` and `）` start with EF, end with 88 and 89)
    let maybe_bracket = matches!(c.as_bytes().first(), Some(b'(' | b')' | 0xEF))
        || matches!(c.as_bytes().last(), Some(b'(' | b')' | 0x88 | 0x89));
    let c = if maybe_bracket && (c.starts_with(BRACKETS) || c.ends_with(BRACKETS)) {
        c.trim_matches(BRACKETS)
    } else {
        c
    };
    // a cell is compared with the words of its first character only
    let words: &[&str] = match c.chars().next()? {
        '产' => &["产出指标"],
        '效' => &["效益指标", "效果指标"],
        '满' => &["满意度指标"],
        '投' => &["投入指标"],
        '过' => &["过程指标"],
        _ => &[],
    };
    words
        .iter()
        .filter_map(|w| c.strip_prefix(w))
        .any(|rest| rest.chars().all(is_cn_numeral))
        .then_some(c)
}

/// `成本指标` as a level 1: when the next cell of its row is a cost level 2 (`经济成本指标`).
fn cost_level1<'a>(c: &str, mut after: impl Iterator<Item = &'a str>) -> bool {
    if c != "成本指标" {
        return false;
    }
    let Some(next) = after.find(|x| !x.is_empty()) else {
        return false;
    };
    level2_name(next).is_some_and(|(n, f)| f == Family::Cost && n != c)
}

/// `数量指标`, `工作时效`, `服务对象满意度 指标`, `测算明细` … → (name, family).
fn level2_name(cell: &str) -> Option<(Cow<'_, str>, Family)> {
    if !may_be_level2(cell) {
        return None;
    }
    let c = compact(cell);
    let family = level2_family(&c, level1_of(&c).is_some())?;
    Some((c, family))
}

/// A cell short enough for a level-2 name and holding one of the words such names hold.
fn may_be_level2(cell: &str) -> bool {
    const WORDS: &[[char; 2]] = &[
        ['指', '标'],
        ['效', '益'],
        ['时', '效'],
        ['影', '响'],
        ['明', '细'],
    ];
    cell.len() <= 48 && has_pair(cell, WORDS)
}

/// The family of the level-2 name in the compacted cell `c`, if it is one
/// (`level1`: `c` is a level-1 name, never a level 2).
fn level2_family(c: &str, level1: bool) -> Option<Family> {
    if level1 {
        return None;
    }
    match c {
        // the frameworks' own names, the family their words say (decided
        // without reading them)
        "数量指标" | "质量指标" | "时效指标" => Some(Family::Output),
        "成本指标" | "经济成本指标" | "社会成本指标" | "生态环境成本指标" => {
            Some(Family::Cost)
        }
        "社会效益指标" | "经济效益指标" | "生态效益指标" | "可持续影响指标" => {
            Some(Family::Effect)
        }
        "服务对象满意度指标" => Some(Family::Satisfaction),
        "测算明细" => Some(Family::Input),
        "工作时效" | "经济效益" | "社会效益" | "生态效益" | "可持续影响" => {
            family_of(c)
        }
        // (at most 10 characters: at most 40 bytes, and any 10 bytes are)
        _ if c.ends_with("指标") && (c.len() <= 10 || c.len() <= 40 && char_len(c) <= 10) => {
            family_of(c)
        }
        _ => None,
    }
}

/// The family the words of a level-2 name say, the first of: 满意; 效益 or
/// 影响; 成本; 数量, 质量 or 时效.
fn family_of(s: &str) -> Option<Family> {
    const FAMILIES: [Family; 4] = [
        Family::Satisfaction,
        Family::Effect,
        Family::Cost,
        Family::Output,
    ];
    // one pass over the pairs of characters: which of the families' words occur
    let mut seen = [false; 4];
    let mut prev = '\0';
    for c in s.chars() {
        let k = match (prev, c) {
            ('满', '意') => Some(0),
            ('效', '益') | ('影', '响') => Some(1),
            ('成', '本') => Some(2),
            ('数' | '质', '量') | ('时', '效') => Some(3),
            _ => None,
        };
        if let Some(k) = k {
            seen[k] = true;
        }
        prev = c;
    }
    FAMILIES
        .into_iter()
        .zip(seen)
        .find(|&(_, s)| s)
        .map(|(f, _)| f)
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
    let rows = rows_of(table);
    match header_row(&rows) {
        Some(h) => from_rows(table, &rows, h),
        None => Vec::new(),
    }
}

/// The header rows then the body rows of a table.
pub(super) fn rows_of(table: &Table) -> Vec<GridRow<'_>> {
    table.header.iter().chain(table.rows.iter()).collect()
}

/// The indicators' header row: the first naming 一级指标.
pub(super) fn header_row(rows: &[GridRow<'_>]) -> Option<usize> {
    rows.iter().position(|r| r.iter().any(|c| c == "一级指标"))
}

/// The indicators of a performance table whose rows (header then body, from
/// [`rows_of`]) are `rows`, the indicators' header row `h` ([`header_row`]).
pub(super) fn from_rows<'a>(table: &Table, rows: &[GridRow<'a>], h: usize) -> Vec<Indicator> {
    // row `r` of `rows` is a header row (at the title's line) or body row `r - header_rows`
    let header_rows = table.header.len();
    let line_of = |r: usize| match r.checked_sub(header_rows) {
        Some(body) => table.row_lines.get(body).copied().unwrap_or(table.line),
        None => table.line,
    };
    let fields: Vec<Option<Field>> = rows[h].iter().map(field_of_header).collect();
    let semantic: Vec<Field> = fields
        .iter()
        .flatten()
        .copied()
        .filter(|f| {
            matches!(
                f,
                Field::Name | Field::Description | Field::Target | Field::Basis
            )
        })
        .collect();
    let header_row = rows[h];
    let first_filled = |row: GridRow<'a>| row.iter().find(|c| !c.is_empty());
    let header_first = first_filled(header_row);
    let same_as_header = |row: GridRow<'_>| {
        let a = row.iter().filter(|c| !c.is_empty());
        let b = header_row.iter().filter(|c| !c.is_empty());
        a.eq(b)
    };

    // room for every row below the header (most are indicators)
    let mut out = Vec::with_capacity(rows.len().saturating_sub(h + 1));
    let mut levels = Levels::default();
    // the cells of the row being read besides its levels, with what their
    // column holds (one buffer for all rows)
    let mut rest: Vec<(Option<Field>, &str)> = Vec::with_capacity(fields.len());
    for (r, &row) in rows.iter().enumerate().skip(h + 1) {
        // (a row is read once: what it says is dropped when it is the
        // header repeated or ends the indicators)
        let RowLevels {
            l1,
            l2,
            aligned,
            first,
        } = split_levels(row, &fields, &mut rest);
        // the header repeated (on a new page) starts as the header does
        if first == header_first && same_as_header(row) {
            continue;
        }
        if first.is_some_and(stop_row) {
            break;
        }
        let mut texts = read_texts(&rest, aligned, &semantic);
        if texts.name.is_empty() && !texts.description.is_empty() {
            texts.name = std::mem::take(&mut texts.description);
        }
        levels.fill_down(l1, l2);
        if texts.name.is_empty() && texts.target.is_empty() {
            continue;
        }
        // texts borrowed from the body's cells are kept as places there
        out.push(Indicator::in_cells_coded(
            IndicatorTexts {
                level1: &levels.level1,
                level2: &levels.level2,
                name: &texts.name,
                description: &texts.description,
                target: &texts.target,
                basis: &texts.basis,
            },
            levels.codes,
            line_of(r),
            table.rows.shared_text(),
        ));
    }
    // kept in the model: without the room left by growing
    out.shrink_to_fit();
    out
}

/// The level-1 and level-2 names in force, filled down from the rows above
/// (borrowed from the cells that print them), with their codes
/// ([`Indicator::codes_of_levels`], looked up when a name changes).
#[derive(Default)]
struct Levels<'a> {
    level1: Cow<'a, str>,
    level2: Cow<'a, str>,
    codes: [u8; 2],
}

impl<'a> Levels<'a> {
    /// Take the levels a row prints: a new level 1 without a level 2 clears
    /// the level 2; a level 2 whose family does not belong to the level 1 in
    /// force brings its family's level 1.
    fn fill_down(&mut self, l1: Option<Cow<'a, str>>, l2: Option<(Cow<'a, str>, Family)>) {
        let explicit_l1 = l1.is_some();
        let new_l1 = match (l1, &l2) {
            (Some(n), _) => Some(n),
            (None, Some((_, fam))) if !fam.accepts(&self.level1) => {
                Some(Cow::Borrowed(fam.canonical()))
            }
            _ => None,
        };
        let l1_changed = new_l1.as_ref().is_some_and(|n| *n != self.level1);
        match l2 {
            Some((n, _)) => {
                if n != self.level2 {
                    self.codes[1] = Indicator::codes_of_levels("", &n)[1];
                }
                self.level2 = n;
            }
            None if explicit_l1 && l1_changed => {
                self.level2 = Cow::Borrowed("");
                self.codes[1] = 0;
            }
            None => {}
        }
        if let Some(n) = new_l1 {
            if l1_changed {
                self.codes[0] = Indicator::codes_of_levels(&n, "")[0];
            }
            self.level1 = n;
        }
    }
}

/// The level-1 and level-2 names an indicator row starts with (when printed on this row).
struct RowLevels<'a> {
    l1: Option<Cow<'a, str>>,
    l2: Option<(Cow<'a, str>, Family)>,
    /// The row's other cells sit under the header: each under a text
    /// column (name, description, target, basis), each column once.
    aligned: bool,
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
    let mut l1: Option<Cow<'a, str>> = None;
    let mut l2: Option<(Cow<'a, str>, Family)> = None;
    // a cell besides the levels seen (kept or not): levels come before any
    let mut past_levels = false;
    // each text field once, in any order (see `RowLevels::aligned`)
    let mut used = [false; 4];
    let mut aligned = true;
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
            let c = compact(t);
            if c == "年度绩效指标" || c == "绩效指标" {
                continue;
            }
            let level1 = level1_cow(&c);
            let is_level1 = level1.is_some();
            if l1.is_none()
                && let Some(n) = level1.or_else(|| {
                    cost_level1(&c, row.iter().skip(j + 1)).then_some(Cow::Borrowed("成本指标"))
                })
            {
                l1 = Some(n);
                continue;
            }
            // (a cell a family is found for is short and holds a word
            // `may_be_level2` looks for: no need to look first)
            if l2.is_none()
                && let Some(f) = level2_family(&c, is_level1)
            {
                l2 = Some((c, f));
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
        rest.push((field, t));
    }
    RowLevels {
        l1,
        l2,
        aligned,
        first,
    }
}

/// Whether a cell starting with `first` may hold a level name (one match,
/// not a comparison with each character in turn).
fn may_start_level(first: char) -> bool {
    // level 1 names (产出, 效益, 满意度, 投入, 过程 …), the labels 年度绩效指标 and
    // 绩效指标, brackets around a name
    matches!(first, '产' | '效' | '满' | '投' | '过' | '年' | '绩' | '(' | '（')
        // level 2 names: 数量, 质量, 时效, 成本, 经济 / 社会 / 生态效益, 可持续影响,
        // 服务对象满意度, 工作时效, 测算明细
        || matches!(first, '数' | '质' | '时' | '成' | '经' | '社')
        || matches!(first, '生' | '可' | '服' | '工' | '测')
}

/// [`level1_of`] a compacted cell, borrowed as long as the cell is.
fn level1_cow<'a>(c: &Cow<'a, str>) -> Option<Cow<'a, str>> {
    match c {
        Cow::Borrowed(cell) => level1_of(cell).map(Cow::Borrowed),
        Cow::Owned(cell) => level1_of(cell).map(|n| Cow::Owned(n.to_string())),
    }
}

/// What one indicator row says besides its levels (cells borrowed; a slot
/// several cells go to joins them).
#[derive(Default)]
struct Texts<'a> {
    name: Cow<'a, str>,
    description: Cow<'a, str>,
    target: Cow<'a, str>,
    basis: Cow<'a, str>,
}

/// Read the cells after the levels (`rest`, from [`split_levels`]) by column
/// when they sit under the header (`aligned`), else in order (`semantic`:
/// the text columns the header has, in order).
fn read_texts<'a>(
    rest: &[(Option<Field>, &'a str)],
    aligned: bool,
    semantic: &[Field],
) -> Texts<'a> {
    let mut texts = Texts::default();
    if aligned {
        for &(field, t) in rest {
            let slot = match field {
                Some(Field::Name) => &mut texts.name,
                Some(Field::Description) => &mut texts.description,
                Some(Field::Target) => &mut texts.target,
                _ => &mut texts.basis,
            };
            *slot = Cow::Borrowed(t);
        }
        return texts;
    }
    let has_desc = semantic.contains(&Field::Description);
    let has_target = semantic.contains(&Field::Target);
    let order: &[Field] = match rest.len() {
        0 => &[],
        1 => &[Field::Name],
        2 if has_target => &[Field::Name, Field::Target],
        2 => &[Field::Name, Field::Description],
        3 if has_desc => &[Field::Name, Field::Description, Field::Target],
        3 => &[Field::Name, Field::Target, Field::Basis],
        _ => &[Field::Name, Field::Description, Field::Target, Field::Basis],
    };
    for (k, &(_, t)) in rest.iter().enumerate() {
        let f = order.get(k).copied().unwrap_or(Field::Basis);
        let slot = match f {
            Field::Name => &mut texts.name,
            Field::Description => &mut texts.description,
            Field::Target => &mut texts.target,
            _ => &mut texts.basis,
        };
        if slot.is_empty() {
            *slot = Cow::Borrowed(t);
        } else {
            let joined = slot.to_mut();
            joined.push(' ');
            joined.push_str(t);
        }
    }
    texts
}

/// Indicators listed in one table cell, numbered, their parts split by `；`:
/// `1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、…`
/// (level 1, level 2, name, the target for the whole period and for the year). The year's
/// target is the target; the period's, when it differs, the description.
pub(super) fn from_listing(cell: &str, line: LineNo) -> Vec<Indicator> {
    let mut out = Vec::new();
    for item in numbered_items(cell) {
        let parts: Vec<&str> = item
            .trim_end_matches(['。', '.', '；', ';'])
            .splitn(4, ['；', ';'])
            .map(str::trim)
            .collect();
        let [level1, level2, name, values] = parts.as_slice() else {
            continue;
        };
        // `实施周期指标值:…；年度指标值:…` (a value may hold `；` itself)
        let value_after = |label: &str| {
            let at = values.find(label)?;
            let v = values[at + label.len()..].trim_start_matches([':', '：']);
            let end = ["实施周期指标值", "年度指标值"]
                .iter()
                .filter_map(|l| v.find(l))
                .min()
                .unwrap_or(v.len());
            Some(
                v[..end]
                    .trim()
                    .trim_end_matches(['；', ';', '。'])
                    .to_string(),
            )
        };
        let year = value_after("年度指标值");
        let period = value_after("实施周期指标值");
        let target = year.clone().or_else(|| period.clone()).unwrap_or_default();
        let description = period
            .filter(|p| Some(p) != year.as_ref())
            .map(|p| format!("实施周期指标值：{p}"))
            .unwrap_or_default();
        out.push(Indicator::new(
            IndicatorTexts {
                level1: strip_code(level1),
                level2: strip_code(level2),
                name: name.trim_end_matches(['.', '。']),
                description: &description,
                target: &target,
                basis: "",
            },
            line,
        ));
    }
    out
}

/// The items of a listing numbered `1、` `2、` … (each number the next one).
fn numbered_items(cell: &str) -> Vec<&str> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut expect = 1u32;
    for (at, _) in cell.match_indices('、') {
        let digits = cell[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let from = at - digits;
        let boundary = from == 0 || cell[..from].ends_with(['。', '；', ';', ' ', '\n']);
        if digits > 0 && boundary && cell[from..at].parse::<u32>().ok() == Some(expect) {
            starts.push((from, at + '、'.len_utf8()));
            expect += 1;
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(_, body))| {
            let end = starts.get(k + 1).map_or(cell.len(), |&(next, _)| next);
            cell[body..end].trim()
        })
        .collect()
}

/// `1-产出指标` → `产出指标`; `11-数量指标` → `数量指标`.
fn strip_code(part: &str) -> &str {
    let digits = part.chars().take_while(char::is_ascii_digit).count();
    match part[digits..].strip_prefix(['-', '－', '.']) {
        Some(rest) if digits > 0 => rest.trim(),
        _ => part.trim(),
    }
}

/// Department-wide indicators written as prose:
/// `绩效指标：重大敏感事件发生率 比上年有所降低`, the goal above it as description.
fn from_prose(paragraphs: &[&Content]) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut goal = String::new();
    for c in paragraphs {
        let Content::Paragraph { line, text } = c else {
            continue;
        };
        let t = text.trim();
        let t = super::numbering::numbering(t).map(|n| n.rest).unwrap_or(t);
        if let Some(rest) = strip_label(t, "绩效目标") {
            goal = rest.to_string();
            continue;
        }
        let Some(rest) = strip_label(t, "绩效指标") else {
            continue;
        };
        let (name, target) = split_target(rest);
        let description = std::mem::take(&mut goal);
        out.push(Indicator::new(
            IndicatorTexts {
                name,
                target,
                description: &description,
                ..IndicatorTexts::default()
            },
            *line,
        ));
    }
    out
}

fn strip_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    let rest = t.strip_prefix(label)?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['：', ':'])?;
    Some(rest.trim())
}

/// `重大敏感事件发生率 比上年有所降低` → (`重大敏感事件发生率`, `比上年有所降低`).
fn split_target(s: &str) -> (&str, &str) {
    if let Some(p) = s.rfind(' ') {
        let (head, tail) = (s[..p].trim_end(), s[p..].trim());
        let looks = tail
            .chars()
            .any(|c| c.is_ascii_digit() || "%≥≤<>=".contains(c))
            || [
                "比上年",
                "较上年",
                "提高",
                "降低",
                "有所",
                "提升",
                "下降",
                "达到",
                "完成",
            ]
            .iter()
            .any(|w| tail.contains(w));
        if looks && !head.is_empty() && char_len(tail) <= 20 {
            // the target may itself contain a space: `≥ 95%`, `90 个`
            let mut head = head;
            let mut tail_start = p;
            while let Some(q) = head.rfind(' ') {
                let piece = head[q..].trim();
                if piece
                    .chars()
                    .all(|c| c.is_ascii_digit() || "%≥≤<>=.".contains(c))
                {
                    tail_start = q;
                    head = head[..q].trim_end();
                } else {
                    break;
                }
            }
            return (head, s[tail_start..].trim());
        }
    }
    (s, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level1_of("(产出指标一)"), Some("产出指标一"));
        assert_eq!(level1_of("满意度指标"), Some("满意度指标"));
        assert!(level1_of("服务对象满意度指标").is_none());
        assert!(level2_name("服务对象满意度 指标").is_some());
        assert!(level2_name("数量指标").is_some());
        assert!(level2_name("工作时效").is_some());
        assert!(level2_name("配发春秋执勤服数量").is_none());
    }

    #[test]
    fn common_level2_names_have_the_family_their_words_say() {
        for name in [
            "数量指标",
            "质量指标",
            "时效指标",
            "成本指标",
            "经济成本指标",
            "社会成本指标",
            "生态环境成本指标",
            "社会效益指标",
            "经济效益指标",
            "生态效益指标",
            "可持续影响指标",
            "服务对象满意度指标",
        ] {
            assert_eq!(level2_family(name, false), family_of(name), "{name}");
            assert!(level2_family(name, false).is_some(), "{name}");
        }
    }

    #[test]
    fn listed_in_one_cell() {
        let cell = "1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、4-成本指标；41-经济成本指标；项目资金控制率；实施周期指标值:≤100%；年度指标值:≤75%。";
        let list = from_listing(cell, 7);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].level1(), "产出指标");
        assert_eq!(list[0].level2(), "数量指标");
        assert_eq!(list[0].name(), "会议活动保障次数");
        assert_eq!(list[0].target(), "每年≥20场");
        assert_eq!(list[0].description(), "");
        assert_eq!(list[1].target(), "≤75%");
        assert_eq!(list[1].description(), "实施周期指标值：≤100%");
        assert_eq!(list[1].line, 7);
        assert!(from_listing("通过项目实施，1、提升服务。", 1).is_empty());
        let two = "1、1-产出指标；12-质量指标；平均故障恢复时间；实施周期指标值:一级≤1小时；二级≤2小时；年度指标值:一级≤1小时；二级≤2小时。";
        assert_eq!(from_listing(two, 1)[0].target(), "一级≤1小时；二级≤2小时");
    }

    #[test]
    fn prose_targets() {
        assert_eq!(
            split_target("重大敏感事件发生率 比上年有所降低"),
            ("重大敏感事件发生率", "比上年有所降低")
        );
        assert_eq!(
            split_target("16 岁以上居民身份证持证数占总人口数比率 ≥95%"),
            ("16 岁以上居民身份证持证数占总人口数比率", "≥95%")
        );
        assert_eq!(
            split_target("处理辖区新发生的刑事案件"),
            ("处理辖区新发生的刑事案件", "")
        );
    }
}
