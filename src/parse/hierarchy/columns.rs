//! What each column of a grid holds, and the sides of a table: a two-sided
//! table (收 入 | 支 出 in its first header row) has one label column and its
//! own figures on each side; every other grid has one side.
//!
//! Column words: 科目编码 = subject code (类 款 项 when split in three);
//! 科目名称 / 项目 / 项目名称 = the row label; 预算单位 / 单位名称 = the unit a
//! row belongs to; 序号 / 栏次 = row numbers, never figures.

use super::super::chars::{compact, has, trim_cell};
use super::figures::{Figure, Figures};
use crate::model::Table;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ColumnKind {
    /// Nothing in any body row.
    Empty,
    /// Row numbers (序号, 栏次).
    Index,
    /// Subject codes (科目编码, or 类 / 款 / 项).
    Code,
    /// Additive amounts.
    Money,
    /// Figures that do not add up (数量, 单价, 年度, 比例, 人数, 得分).
    Figure,
    /// Text.
    Text,
}

/// One side of a table, before its rows are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SideLayout {
    pub(super) name: String,
    pub(super) label_column: usize,
    /// A column naming the unit (预算单位) of a row whose label column is empty.
    pub(super) unit_column: Option<usize>,
    pub(super) code_columns: Vec<usize>,
    /// The code columns hold units' codes (`部门代码`: `024` → `024001`),
    /// nesting by prefix whatever their length, not subject codes.
    pub(super) unit_codes: bool,
    pub(super) value_columns: Vec<usize>,
    /// Rows are keyed by a year (`2022 年`, `2023 年`): no hierarchy.
    pub(super) rows_are_years: bool,
    /// The label column's header names units (`单位名称`): its rows may be units.
    pub(super) label_is_unit: bool,
}

/// The header words a column's kind depends on, found in its header path
/// (compacted, levels joined by `/`) in one pass over its characters: a
/// substring search per word would scan the path some twenty times.
struct HeaderWords<'a> {
    /// The path's last level: the column's own header.
    last: &'a str,
    /// Words found anywhere in the path ([`WORD_SUBJECT`], [`WORD_NOT_ADDITIVE`]).
    in_path: u8,
    /// Words found in the last level ([`WORD_INDEX`], [`WORD_CATALOGUE`], [`WORD_CODE`]).
    in_last: u8,
}

/// Row numbers: 序号, 栏次, 行次, 编号, 档次.
const WORD_INDEX: u8 = 1;
/// A table of contents: 目录.
const WORD_CATALOGUE: u8 = 2;
/// Codes: 编码, 代码.
const WORD_CODE: u8 = 4;
/// Budget subjects: 科目.
const WORD_SUBJECT: u8 = 8;
/// Figures that are not amounts to add up: 数量, 单价, 年度, 年限, 比例, 比率,
/// %, 人数, 编制, 面积, 时间, 日期, 序号, 计量, 次数, 增长率, 分数, 得分, 评分, 分值.
const WORD_NOT_ADDITIVE: u8 = 16;

/// The words ending with character `c`, after the characters `before` (the
/// one before last, the last).
fn words_ending_at(before: [char; 2], c: char) -> u8 {
    match (before[1], c) {
        ('序', '号') => WORD_INDEX | WORD_NOT_ADDITIVE,
        ('栏' | '行' | '档', '次') | ('编', '号') => WORD_INDEX,
        ('目', '录') => WORD_CATALOGUE,
        ('编' | '代', '码') => WORD_CODE,
        ('科', '目') => WORD_SUBJECT,
        ('数' | '计', '量')
        | ('单', '价')
        | ('年', '度' | '限')
        | ('比', '例' | '率')
        | ('人' | '次' | '分', '数')
        | ('编', '制')
        | ('面', '积')
        | ('时', '间')
        | ('日', '期')
        | ('得' | '评', '分')
        | ('分', '值')
        | (_, '%') => WORD_NOT_ADDITIVE,
        ('长', '率') if before[0] == '增' => WORD_NOT_ADDITIVE,
        _ => 0,
    }
}

/// True for the last characters of the words of [`words_ending_at`] (for
/// any other character it finds none).
fn ends_a_word(c: char) -> bool {
    matches!(
        c,
        '号' | '次'
            | '录'
            | '码'
            | '目'
            | '量'
            | '价'
            | '度'
            | '限'
            | '例'
            | '率'
            | '数'
            | '制'
            | '积'
            | '间'
            | '期'
            | '分'
            | '值'
            | '%'
    )
}

impl<'a> HeaderWords<'a> {
    fn of(path: &'a str) -> Self {
        let (mut in_path, mut in_last, mut last_start) = (0u8, 0u8, 0usize);
        // no word holds `/`: a word never spans two levels
        let mut before = ['\0'; 2];
        for (at, c) in path.char_indices() {
            if c == '/' {
                in_last = 0;
                last_start = at + c.len_utf8();
            }
            // (most characters end no word)
            if ends_a_word(c) {
                let found = words_ending_at(before, c);
                in_path |= found;
                in_last |= found;
            }
            before = [before[1], c];
        }
        HeaderWords {
            last: &path[last_start..],
            in_path,
            in_last,
        }
    }
}

/// The kind of every column of `t`, with its header path (compacted);
/// `paths`: the table's [`Table::column_paths`].
fn column_kinds(t: &Table, figures: &Figures, paths: &[String]) -> Vec<(ColumnKind, String)> {
    (0..t.width())
        .map(|j| {
            let path = compact(paths.get(j).map(String::as_str).unwrap_or("")).into_owned();
            (kind_of_column(figures, j, &path), path)
        })
        .collect()
}

/// The kind of column `j` of a table, from its cells and its header `path`.
fn kind_of_column(cells: &Figures, j: usize, path: &str) -> ColumnKind {
    let (mut filled, mut figures, mut codes) = (0usize, 0usize, 0usize);
    for (figure, is_code) in cells.column(j) {
        if figure == Figure::Blank {
            continue;
        }
        filled += 1;
        if is_code {
            codes += 1;
        }
        if matches!(figure, Figure::Amount(_) | Figure::Null) {
            figures += 1;
        }
    }
    if filled == 0 {
        return ColumnKind::Empty;
    }
    let words = HeaderWords::of(path);
    if words.in_last & WORD_INDEX != 0 && words.in_last & WORD_CATALOGUE == 0 {
        return ColumnKind::Index;
    }
    let code_header = words.in_last & WORD_CODE != 0
        || matches!(words.last, "类" | "款" | "项" | "科目" | "功能编码");
    if (code_header && codes * 2 >= filled)
        || (codes == filled && words.in_path & WORD_SUBJECT != 0)
    {
        return ColumnKind::Code;
    }
    if figures * 10 >= filled * 6 {
        if words.in_path & WORD_NOT_ADDITIVE != 0 {
            return ColumnKind::Figure;
        }
        return ColumnKind::Money;
    }
    ColumnKind::Text
}

/// The sides of a grid. A header that splits the columns into groups each
/// with its own label column makes one side per group (`收入 | 支出`,
/// `人员经费 | 公用经费`), a group split again below (`支出` over `功能分类
/// | 支出用途`) one per subgroup; columns whose header words repeat
/// (`科目编码 科目名称 金额 科目编码 科目名称 金额`) one per repeat. Every
/// other grid has one side. A side without a label column is dropped.
pub(super) fn sides_of(t: &Table, figures: &Figures) -> Vec<SideLayout> {
    let header_paths = t.column_paths();
    let kinds = column_kinds(t, figures, &header_paths);
    let paths: Vec<Vec<&str>> = kinds
        .iter()
        .map(|(_, p)| p.split('/').filter(|s| !s.is_empty()).collect())
        .collect();
    let all: Vec<usize> = (0..kinds.len()).collect();
    let mut blocks = Vec::new();
    split(&kinds, &paths, &all, 0, "", &mut blocks);
    blocks
        .into_iter()
        .filter_map(|(name, cols)| side_of(t, figures, &kinds, &header_paths, &cols, &name))
        .collect()
}

/// Split `cols` by the header level `level` (recursively), else by
/// repeated header words; push each block with its side name.
fn split(
    kinds: &[(ColumnKind, String)],
    paths: &[Vec<&str>],
    cols: &[usize],
    level: usize,
    name: &str,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let groups = groups_at(paths, cols, level);
    let has = |g: &[usize], k: ColumnKind| g.iter().any(|&j| kinds[j].0 == k);
    let labelled = groups.iter().filter(|g| has(g, ColumnKind::Text)).count();
    let split_here = groups.len() >= 2
        && labelled >= 2
        && groups
            .iter()
            .all(|g| has(g, ColumnKind::Text) || !has(g, ColumnKind::Money));
    if split_here {
        for g in groups.iter().filter(|g| has(g, ColumnKind::Text)) {
            let own = paths[g[0]].get(level).copied().unwrap_or("");
            split(kinds, paths, g, level + 1, &side_name(name, own), out);
        }
        return;
    }
    let deeper = cols.iter().any(|&j| paths[j].len() > level + 1);
    if groups.len() == 1 && deeper {
        split(kinds, paths, cols, level + 1, name, out);
        return;
    }
    for block in repeats(kinds, paths, cols) {
        out.push((name.to_string(), block));
    }
}

/// Runs of adjacent columns with the same header down to `level`.
fn groups_at(paths: &[Vec<&str>], cols: &[usize], level: usize) -> Vec<Vec<usize>> {
    // the header down to `level`; a column with no header this deep stands alone
    let key = |j: usize| paths[j].get(..=level);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<&[&str]> = None;
    for &j in cols {
        let k = key(j);
        match groups.last_mut() {
            Some(g) if k.is_some() && last == k => g.push(j),
            _ => groups.push(vec![j]),
        }
        last = k;
    }
    groups
}

/// The name of a side under a group: `收入` / `支出` for any group naming
/// one of them alone (`本年收入`, `财政拨款支出`), kept for its subgroups;
/// else the group's own words.
fn side_name(parent: &str, own: &str) -> String {
    if matches!(parent, "收入" | "支出") {
        return parent.to_string();
    }
    match (own.contains("收入"), own.contains("支出")) {
        (true, false) => "收入".to_string(),
        (false, true) => "支出".to_string(),
        _ => own.to_string(),
    }
}

/// `cols` cut where the header words (each column's last) start over, each
/// block holding a label column (the last block may be cut short); else
/// `cols` whole.
fn repeats(kinds: &[(ColumnKind, String)], paths: &[Vec<&str>], cols: &[usize]) -> Vec<Vec<usize>> {
    let word = |j: usize| paths[j].last().copied().unwrap_or("");
    let n = cols.len();
    for k in 2..=n / 2 {
        if word(cols[0]).is_empty() {
            break;
        }
        let same = (k..n).all(|i| word(cols[i]) == word(cols[i % k]));
        if !same {
            continue;
        }
        let blocks: Vec<Vec<usize>> = cols.chunks(k).map(<[usize]>::to_vec).collect();
        let labelled = blocks
            .iter()
            .all(|b| b.iter().any(|&j| kinds[j].0 == ColumnKind::Text));
        if labelled {
            return blocks;
        }
    }
    vec![cols.to_vec()]
}

/// One side over the columns `cols` (`header_paths`: the table's [`Table::column_paths`]).
fn side_of(
    t: &Table,
    figures: &Figures,
    kinds: &[(ColumnKind, String)],
    header_paths: &[String],
    cols: &[usize],
    name: &str,
) -> Option<SideLayout> {
    let of = |k: ColumnKind| cols.iter().copied().filter(move |&j| kinds[j].0 == k);
    let value_columns: Vec<usize> = of(ColumnKind::Money).collect();
    let texts: Vec<usize> = of(ColumnKind::Text).collect();
    let label_column = label_column(figures, kinds, &texts)?;
    let unit_column = texts
        .iter()
        .copied()
        .find(|&j| j != label_column && kinds[j].1.contains("单位"));
    let code_columns: Vec<usize> = of(ColumnKind::Code).filter(|&j| j < label_column).collect();
    let unit_codes = code_columns.iter().any(|&j| {
        let last = kinds[j].1.rsplit('/').next().unwrap_or("");
        last.contains("单位") || last.contains("部门")
    });
    let rows_are_years = cols
        .iter()
        .filter(|&&j| matches!(kinds[j].0, ColumnKind::Text | ColumnKind::Figure))
        .any(|&j| year_column(t, figures, j, &kinds[j].1));
    let label_is_unit = header_paths
        .get(label_column)
        .is_some_and(|p| p.contains("单位"));
    Some(SideLayout {
        name: name.to_string(),
        label_column,
        unit_column,
        code_columns,
        unit_codes,
        value_columns,
        rows_are_years,
        label_is_unit,
    })
}

/// The label column: headed 科目名称 / 项目名称 / 名称 / 项目, else the text
/// column filled in most rows (the leftmost of equals).
fn label_column(
    figures: &Figures,
    kinds: &[(ColumnKind, String)],
    texts: &[usize],
) -> Option<usize> {
    // each text column's last header level, found once
    let lasts: Vec<(usize, &str)> = texts
        .iter()
        .map(|&j| {
            let p = kinds[j].1.as_str();
            (j, p.rsplit('/').next().unwrap_or(p))
        })
        .filter(|(_, last)| !has(last, "单位"))
        .collect();
    for word in [
        "科目名称",
        "项目名称",
        "功能名称",
        "采购项目",
        "名称",
        "项目",
        "科目",
    ] {
        if let Some(&(j, _)) = lasts.iter().find(|(_, last)| has(last, word)) {
            return Some(j);
        }
    }
    // the rows whose cell is not blank (as the figures read them)
    let filled = |j: usize| {
        figures
            .column(j)
            .filter(|&(figure, _)| figure != Figure::Blank)
            .count()
    };
    texts
        .iter()
        .copied()
        .max_by_key(|&j| (filled(j), std::cmp::Reverse(j)))
}

/// A column of years (`年度`, or cells `2022 年` / `2023`) with two or more
/// distinct values: the rows compare years, they do not nest.
fn year_column(t: &Table, figures: &Figures, j: usize, path: &str) -> bool {
    let mut years: Vec<&str> = Vec::new();
    // a year starts with its digits (most cells of a text column are not
    // years): only the cells that do are read
    for r in figures.digit_rows(j) {
        let mut digits = t
            .rows
            .get(r)
            .and_then(|row| row.get(j))
            .map_or("", trim_cell);
        // `trim_end_matches("年度")` without a string searcher set up per cell
        while let Some(rest) = digits.strip_suffix("年度") {
            digits = rest;
        }
        let digits = digits.trim_end_matches('年').trim_end();
        if digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !years.contains(&digits)
        {
            years.push(digits);
        }
    }
    years.len() >= 2
        && (path.contains("年度") || path.is_empty() || years.len() * 2 >= t.rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_characters_of_words_end_one() {
        // every character before another in a word, and a few others
        let befores = "序栏行档编目代科数计单年比人次分面时日得评长增表a/\0";
        for c in char::MIN..='\u{FFFF}' {
            if ends_a_word(c) {
                continue;
            }
            for b0 in ['增', '\0'] {
                for b1 in befores.chars() {
                    assert_eq!(words_ending_at([b0, b1], c), 0, "{b0}{b1}{c}");
                }
            }
        }
    }
}
