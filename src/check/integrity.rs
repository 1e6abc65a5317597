//! Integrity of the document as a whole.
//!
//! - `integrity.tables`: the standard tables of a 预算 / 决算 disclosure are
//!   there (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表,
//!   基本支出表, “三公”经费表, 政府性基金, 国有资本经营), or declared empty in
//!   the text (`本部门无政府性基金预算支出`);
//! - `integrity.contents`: what the contents list (目录) names is there;
//! - `integrity.department`: the department is named the same on the cover,
//!   the tables (部门名称 / 单位名称) and the text;
//! - `integrity.placeholder`: no template placeholder left (`XX局`, `××`, `某某`);
//! - `integrity.year`: headings, table titles and furniture name the
//!   report's year; `截至` dates fall in it or the year before.

use super::figures::strip_number;
use super::{Finding, Severity, texts};
use crate::model::{Content, DocKind, Document, LineNo, SectionKind, TableKind};
use crate::parse::{compact, kind_of_title, name_key};
use rustc_hash::FxHashSet;

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let listed = contents(doc, out);
    tables(doc, &listed, out);
    department(doc, out);
    placeholders(doc, out);
    years(doc, out);
}

/// The standard tables of a 预算 or 决算 disclosure.
const REQUIRED: [TableKind; 9] = [
    TableKind::IncomeExpenditure,
    TableKind::Income,
    TableKind::Expenditure,
    TableKind::FiscalIncomeExpenditure,
    TableKind::GeneralBudgetExpenditure,
    TableKind::BasicExpenditure,
    TableKind::ThreePublic,
    TableKind::GovernmentFund,
    TableKind::StateCapital,
];

/// The first report year whose standard set holds the 国有资本经营预算支出表
/// (earlier sets had eight tables, the 政府性基金 one last).
const STATE_CAPITAL_FROM: u16 = 2021;

/// Words of the text that declare a fund's table empty.
fn declared_empty(doc: &Document, kind: TableKind) -> bool {
    let fund = match kind {
        TableKind::GovernmentFund => "政府性基金",
        TableKind::StateCapital => "国有资本经营",
        _ => return false,
    };
    texts(doc, false).iter().any(|(_, text)| {
        let c = compact(text);
        c.find(fund).is_some_and(|p| {
            let head = &c[..p];
            let tail = head.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
            ["无", "没有", "未安排", "不涉及"]
                .iter()
                .any(|w| head[tail..].contains(w))
        })
    })
}

/// Missing standard tables (those the contents list names are reported there).
fn tables(doc: &Document, listed: &[TableKind], out: &mut Vec<Finding>) {
    if !matches!(doc.kind, DocKind::Budget | DocKind::FinalAccounts) {
        return;
    }
    let present = |k: TableKind| doc.tables.iter().any(|t| t.kind == k);
    if !REQUIRED.iter().any(|&k| present(k)) {
        let message = format!(
            "文中没有{}公开表（收支总表、收入总表、支出总表等），无法核对表内数字",
            doc.kind.label_zh()
        );
        out.push(Finding::new("integrity.tables", Severity::Warning, message).at_line(1));
        return;
    }
    for kind in REQUIRED {
        if kind == TableKind::StateCapital && doc.year.is_some_and(|y| y < STATE_CAPITAL_FROM) {
            continue;
        }
        if present(kind) || listed.contains(&kind) || declared_empty(doc, kind) {
            continue;
        }
        let message = format!("缺少{}（也未说明为空表）", kind.label_zh());
        out.push(
            Finding::new("integrity.tables", Severity::Error, message)
                .at_line(1)
                .figures(kind.label_zh(), "缺失"),
        );
    }
}

/// The kind a contents entry names: a performance form, a standard table.
fn entry_kind(entry: &str) -> TableKind {
    let c = compact(entry);
    if c.contains("绩效") && c.contains("表") {
        if c.contains("整体") {
            return TableKind::DepartmentPerformance;
        }
        if c.contains("项目") {
            return TableKind::ProjectPerformance;
        }
    }
    if c.contains("表") {
        kind_of_title(&c)
    } else {
        TableKind::Grid
    }
}

/// Entries of the contents list: each named table kind present, each
/// numbered heading found. Returns the kinds the list names.
fn contents(doc: &Document, out: &mut Vec<Finding>) -> Vec<TableKind> {
    let mut listed = Vec::new();
    let mut entries: Vec<(LineNo, String)> = Vec::new();
    doc.walk_sections(|_, s| {
        if s.kind == SectionKind::Contents {
            for c in &s.content {
                if let Content::Paragraph { line, text } = c {
                    entries.push((*line, text.clone()));
                }
            }
        }
    });
    // made when an entry names a heading (the keys of every heading, table
    // title and short paragraph: megabytes in a large document)
    let headings = std::cell::OnceCell::new();
    for (line, entry) in entries {
        let entry = entry.trim_end_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || ".…·".contains(c)
        });
        let (numbered, rest) = strip_number(entry.trim_start_matches(['-', '*', ' ']));
        let kind = entry_kind(rest);
        if kind != TableKind::Grid {
            listed.push(kind);
            if doc.tables.iter().any(|t| t.kind == kind) {
                continue;
            }
            let message = format!("目录列有“{rest}”，文中没有这张表");
            out.push(
                Finding::new("integrity.contents", Severity::Error, message)
                    .at_line(line)
                    .figures(rest, "缺失"),
            );
            continue;
        }
        let key = name_key(rest);
        if !numbered || key.chars().count() < 2 {
            continue;
        }
        let headings = headings.get_or_init(|| heading_keys(doc));
        if headings.iter().any(|h| h.names(&key)) || (names_tables(&key) && has_tables(doc)) {
            continue;
        }
        let message = format!("目录列有“{rest}”，正文中没有这一部分");
        out.push(
            Finding::new("integrity.contents", Severity::Error, message)
                .at_line(line)
                .figures(rest, "缺失"),
        );
    }
    listed
}

/// A heading's key, whole and without the department's name and the word
/// `部门` (a template's `部门主要职能` is printed `<部门名称>（部门）主要职能`).
struct HeadingKey {
    whole: String,
    generic: String,
}

/// `key` without the department's name and the word `部门`.
fn generic_key(key: &str, department: Option<&str>) -> String {
    let k = department.map_or_else(|| key.to_string(), |d| key.replace(d, ""));
    k.replace("部门", "")
}

impl HeadingKey {
    /// Whether this heading is the one a contents entry's key names.
    fn names(&self, key: &str) -> bool {
        let close = |h: &str, k: &str| h.contains(k) || (h.chars().count() >= 4 && k.contains(h));
        if close(&self.whole, key) {
            return true;
        }
        let k = key.replace("部门", "");
        k.chars().count() >= 2 && self.generic.chars().count() >= 2 && close(&self.generic, &k)
    }
}

/// A contents entry naming the part made of the tables (`五、部门预算表`,
/// `第二部分 2026 年度部门预算表`), not one table.
fn names_tables(key: &str) -> bool {
    ["预算表", "决算表", "公开表"]
        .iter()
        .any(|w| key.ends_with(w))
        && kind_of_title(key) == TableKind::Grid
}

/// Whether the document prints any of the standard tables.
fn has_tables(doc: &Document) -> bool {
    doc.tables.iter().any(|t| REQUIRED.contains(&t.kind))
}

/// Keys of every heading, table title and short paragraph.
fn heading_keys(doc: &Document) -> Vec<HeadingKey> {
    let department = doc.department.as_deref().map(name_key);
    // each key once: a large document repeats its table titles thousands of
    // times (the order does not matter: an entry looks for any of them)
    let mut keys: FxHashSet<String> = FxHashSet::default();
    doc.walk_sections(|_, s| {
        if s.kind != SectionKind::Contents {
            keys.insert(name_key(&s.title));
        }
    });
    keys.extend(doc.tables.iter().map(|t| name_key(&t.title)));
    keys.extend(
        texts(doc, false)
            .iter()
            .filter(|(_, t)| t.chars().count() <= 60)
            .map(|(_, t)| name_key(strip_number(t).1)),
    );
    keys.remove("");
    keys.into_iter()
        .map(|whole| HeadingKey {
            generic: generic_key(&whole, department.as_deref()),
            whole,
        })
        .collect()
}

/// Labels of lines that name the department (`部门名称：…`).
const NAME_LABELS: [&str; 7] = [
    "部门名称",
    "单位名称",
    "编制部门",
    "编制单位",
    "填报单位",
    "预算单位",
    "部门（单位）名称",
];

/// The department a furniture or prose line names, if it names one.
fn named_department(text: &str) -> Option<String> {
    let t = text.trim();
    for label in NAME_LABELS {
        if let Some(rest) = t.strip_prefix(label) {
            let rest = rest.trim_start_matches([':', '：', ' ']);
            let name: String = rest.split([' ', '\t']).next().unwrap_or("").to_string();
            return (name.chars().count() >= 3).then_some(name);
        }
    }
    None
}

/// The department a furniture line names: a labelled line, or an
/// organisation code and a name (`312 秦皇岛市公安局经济技术开发区分局`).
fn furniture_department(text: &str) -> Option<String> {
    if let Some(name) = named_department(text) {
        return Some(name);
    }
    let t = text.trim();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let name = t[digits..].strip_prefix(' ')?.trim();
    let plain = !name.contains([' ', '：', ':', '，', '。', '、']);
    ((3..=8).contains(&digits) && plain && (6..=40).contains(&name.chars().count()))
        .then(|| name.to_string())
}

/// The department's name as printed on tables and in the text, against the cover.
fn department(doc: &Document, out: &mut Vec<Finding>) {
    let Some(cover) = doc.department.as_deref() else {
        return;
    };
    let cover_key = name_key(cover);
    let mut names: Vec<(LineNo, String)> = Vec::new();
    for d in &doc.table_details {
        names.extend(
            d.furniture
                .iter()
                .filter_map(|f| Some((f.line, furniture_department(&f.text)?))),
        );
    }
    names.extend(
        texts(doc, false)
            .into_iter()
            .filter_map(|(l, t)| Some((l, named_department(t)?))),
    );
    let mut reported: Vec<String> = Vec::new();
    for (line, name) in names {
        let key = name_key(&name);
        if key.contains(&cover_key) || cover_key.contains(&key) || placeholder(&name).is_some() {
            continue;
        }
        // a name cut at the end of a furniture line: `…经济技术开`
        if cover_key.starts_with(&key) || reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let message = format!("此处单位名称为“{name}”，与封面“{cover}”不一致");
        out.push(
            Finding::new("integrity.department", Severity::Warning, message)
                .at_line(line)
                .figures(cover, &name),
        );
    }
}

/// A template placeholder in a text: `XX`, `××`, `某某`, `○○`.
pub(crate) fn placeholder(text: &str) -> Option<String> {
    if let Some(p) = text.find("某某") {
        return Some(text[p..].chars().take(4).collect());
    }
    let chars: Vec<char> = text.chars().collect();
    let mark = |c: char| matches!(c, 'X' | 'Ｘ' | '×' | 'x' | '○');
    let mut i = 0;
    while i < chars.len() {
        if !mark(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == chars[start] {
            i += 1;
        }
        let alnum = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_alphanumeric());
        // a lower-case `xx` only before a Chinese character (`xx局`)
        let lower_ok = chars[start] != 'x' || chars.get(i).is_some_and(|c| !c.is_ascii());
        if i - start >= 2
            && !alnum(start.checked_sub(1).and_then(|k| chars.get(k)))
            && !alnum(chars.get(i))
            && lower_ok
        {
            return Some(chars[start..(i + 2).min(chars.len())].iter().collect());
        }
    }
    None
}

/// Every text of the document with its line: title, headings, paragraphs,
/// table titles, furniture, cells, project names.
fn all_texts(doc: &Document) -> impl Iterator<Item = (LineNo, &str)> {
    let mut prose = vec![(1, doc.title.as_str())];
    doc.walk_sections(|_, s| prose.push((s.line, s.title.as_str())));
    prose.extend(texts(doc, false));
    // the tables' texts read in place (a large file has millions of cells)
    let tables = doc.tables.iter().enumerate().flat_map(|(i, t)| {
        let furniture = doc
            .table_details
            .get(i)
            .map_or(&[][..], |d| &d.furniture[..]);
        let cells = t.rows.iter().enumerate().flat_map(move |(r, row)| {
            let line = t.row_lines.get(r).copied().unwrap_or(t.line);
            row.iter().map(move |c| (line, c))
        });
        std::iter::once((t.line, t.title.as_str()))
            .chain(furniture.iter().map(|f| (f.line, &*f.text)))
            .chain(cells)
    });
    let projects = doc.projects.iter().map(|p| (p.line, p.name.as_str()));
    prose.into_iter().chain(tables).chain(projects)
}

/// Template placeholders left in the text, once per line.
fn placeholders(doc: &Document, out: &mut Vec<Finding>) {
    let mut seen: Vec<LineNo> = Vec::new();
    for (line, text) in all_texts(doc) {
        if seen.contains(&line) {
            continue;
        }
        let Some(found) = placeholder(text) else {
            continue;
        };
        seen.push(line);
        let message = format!("“{found}”像是模板中没有填写的占位符");
        out.push(
            Finding::new("integrity.placeholder", Severity::Error, message)
                .at_line(line)
                .figures("实际名称", found),
        );
    }
}

/// The years (`2023年`, `2023 年度`, `2023-12-31`) a text names.
fn years_in(text: &str) -> Vec<u16> {
    let c = compact(text);
    let b = c.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
        if four && alone {
            let rest = &c[i + 4..];
            let dated = rest.starts_with('年')
                || (rest.starts_with(['-', '.', '/'])
                    && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()));
            let year: u16 = c[i..i + 4].parse().unwrap_or(0);
            if dated && (1990..=2099).contains(&year) {
                out.push(year);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Words of a heading that make another year legitimate (a comparison, a date).
const OTHER_YEAR_WORDS: [&str; 8] = ["比", "较", "上年", "对比", "截至", "截止", "执行", "决算"];

/// Years of headings, table titles and furniture against the report's year
/// (each text read where it is: a province's document has tens of
/// thousands).
fn years(doc: &Document, out: &mut Vec<Finding>) {
    let Some(year) = doc.year else {
        return;
    };
    doc.walk_sections(|_, s| {
        if s.kind != SectionKind::Contents {
            text_year(year, s.line, &s.title, "标题", out);
        }
    });
    for (i, t) in doc.tables.iter().enumerate() {
        if t.kind.is_grid() {
            text_year(year, t.line, &t.title, "表题", out);
        }
        if let Some(d) = doc.table_details.get(i) {
            for f in d.furniture.iter() {
                text_year(year, f.line, &f.text, "表头", out);
            }
        }
    }
    dates_in_prose(doc, year, out);
}

/// The first year `text` (a `place`: heading, table title or furniture, at
/// `line`) names that is not the report's `year` (nor the one before, in a
/// comparison or a date).
fn text_year(year: u16, line: LineNo, text: &str, place: &str, out: &mut Vec<Finding>) {
    let c = compact(text);
    let dated = c.contains("截至") || c.contains("截止");
    let comparing = OTHER_YEAR_WORDS.iter().any(|w| c.contains(w));
    for y in years_in(text) {
        let fine = y == year || (y + 1 == year && (dated || comparing));
        if fine {
            continue;
        }
        let message = format!(
            "{place}“{}”写的是 {y} 年，本文件是 {year} 年的",
            text.trim()
        );
        out.push(
            Finding::new("integrity.year", Severity::Error, message)
                .at_line(line)
                .figures(year, y),
        );
        break;
    }
}

/// `截至2023年12月31日`: the day assets are counted falls in the report's
/// year or the one before.
fn dates_in_prose(doc: &Document, year: u16, out: &mut Vec<Finding>) {
    for (line, text) in texts(doc, false) {
        let c = compact(text);
        for w in ["截至", "截止"] {
            let Some(p) = c.find(w) else {
                continue;
            };
            let Some(&y) = years_in(&c[p..]).first() else {
                continue;
            };
            if y == year || y + 1 == year {
                continue;
            }
            let message = format!("正文“{w}{y}年…”与本文件的 {year} 年不符");
            out.push(
                Finding::new("integrity.year", Severity::Error, message)
                    .at_line(line)
                    .figures(format!("{}或{}", year - 1, year), y),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_codes() {
        assert_eq!(placeholder("部门名称：XX局").as_deref(), Some("XX局"));
        assert!(placeholder("××公安局").is_some());
        assert!(placeholder("某某单位").is_some());
        assert_eq!(placeholder("13031124P00AN9710571K"), None);
        assert_eq!(placeholder("XXL 码服装"), None);
        assert_eq!(placeholder("2×3 米"), None);
    }

    #[test]
    fn numbers_and_years() {
        assert_eq!(strip_number("第一部分 部门概况"), (true, "部门概况"));
        assert_eq!(
            strip_number("(十二) 部门整体支出绩效目标表").1,
            "部门整体支出绩效目标表"
        );
        assert_eq!(strip_number("一、文字部分"), (true, "文字部分"));
        assert_eq!(years_in("截止时间：2023-12-31"), vec![2023]);
        assert_eq!(years_in("2023 年预算数"), vec![2023]);
        assert_eq!(years_in("项目编码 13031124"), Vec::<u16>::new());
        assert_eq!(
            furniture_department("312 秦皇岛市公安局经济技术开发区分局").as_deref(),
            Some("秦皇岛市公安局经济技术开发区分局")
        );
        assert_eq!(furniture_department("2022年部门预算绩效文本"), None);
        assert_eq!(
            named_department("部门名称： 深圳市公安局治安管理支队").as_deref(),
            Some("深圳市公安局治安管理支队")
        );
    }
}
