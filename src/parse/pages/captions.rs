//! Captions and notes: the lines just above a table that name it (code label `公开01表`,
//! title `2026年部门财务收支预算总表`, unit line `单位名称：广州市信访局 单位：万元`), and the
//! `注：…` lines just under it, taken out of the page's text into the table.
//!
//! Words: label = the code a table is printed under (`表1`, `公开 01 表`, `预算01表`, `表一`);
//! display line = set larger than the body text or in bold.

use super::super::chars::{char_len, compact};
use super::super::geometry::{Block, PageLayout, Table, TextLine};
use super::super::line_kinds::{ends_sentence, furniture_line, label_of, title_like};
use super::super::numbering::{is_cn_numeral, numbering};
use super::items::{CaptionKind, CaptionLine, PageLine, PageTable, Piece, is_centred, is_display};
use crate::model::Unit;

/// Most caption lines above one table.
const MAX_CAPTION: usize = 6;
/// Caption lines stand this close to the table and to each other (in font sizes).
const CAPTION_GAP: f32 = 4.0;

/// The page's blocks as pieces: text lines, and tables with their captions and notes.
pub(super) fn page_pieces(layout: PageLayout, body: f32) -> Vec<Piece> {
    let page = layout.number;
    let width = layout.width;
    let mut out: Vec<Piece> = Vec::new();
    // Bottom of the last table or note line, while notes may follow.
    let mut bottom: Option<f32> = None;
    for block in layout.blocks {
        match block {
            Block::Line(line) => {
                if let (Some(Piece::Table(t)), Some(b)) = (out.last_mut(), bottom)
                    && is_note(t.notes.is_empty(), b, &line)
                {
                    t.notes.push((page, line.text()));
                    bottom = Some(line.rect.y1);
                    continue;
                }
                bottom = None;
                out.push(Piece::Line(PageLine {
                    page,
                    page_width: width,
                    line,
                }));
            }
            Block::Table(table) => {
                let caption = take_caption(&mut out, &table, body);
                bottom = Some(table.rect.y1);
                out.push(Piece::Table(Box::new(PageTable::new(page, caption, table))));
            }
        }
    }
    out
}

/// Whether a line under a table (or under its last note line, ending at `bottom`) is a
/// note: a `注：` / `说明：` / `备注` line close under the table, or the next line of a note.
fn is_note(first: bool, bottom: f32, line: &TextLine) -> bool {
    let text = line.text();
    let size = line.size.max(1.0);
    let gap = line.rect.y0 - bottom;
    if first {
        gap < 2.0 * size && starts_note(&text)
    } else {
        gap < 1.0 * size && (starts_note(&text) || numbering(&text).is_none())
    }
}

/// `注：…`, `注1.…`, `说明：…`, `备注：…`.
fn starts_note(text: &str) -> bool {
    let c = compact(text);
    c.starts_with("注：")
        || c.starts_with("注:")
        || c.starts_with("注1")
        || c.starts_with("说明：")
        || c.starts_with("说明:")
        || c.starts_with("备注")
}

/// Take the caption lines standing right above `table` off the end of `out`, top to bottom.
fn take_caption(out: &mut Vec<Piece>, table: &Table, body: f32) -> Vec<CaptionLine> {
    let mut caption: Vec<CaptionLine> = Vec::new();
    let mut top = table.rect.y0;
    let mut above_size = 0.0f32;
    let (mut title, mut label) = (false, false);
    while caption.len() < MAX_CAPTION {
        let Some(Piece::Line(pl)) = out.last() else {
            break;
        };
        let size = pl.line.size.max(above_size).max(1.0);
        if top - pl.line.rect.y1 > CAPTION_GAP * size {
            break;
        }
        let lines = caption_lines(pl, body);
        if lines.is_empty() {
            break;
        }
        let has = |k: CaptionKind| lines.iter().any(|l| l.kind == k);
        if (title && has(CaptionKind::Title)) || (label && has(CaptionKind::Label)) {
            break;
        }
        title |= has(CaptionKind::Title);
        label |= has(CaptionKind::Label);
        top = pl.line.rect.y0;
        above_size = pl.line.size;
        out.pop();
        caption.splice(0..0, lines);
        if title && label {
            break;
        }
    }
    caption
}

/// What a line above a table is as a caption: nothing (it is text), or one or two caption
/// lines (a title printed after its label on one line: `表 1：项目年度绩效指标表`).
fn caption_lines(pl: &PageLine, body: f32) -> Vec<CaptionLine> {
    let text = pl.text();
    let line = |kind, text: &str| CaptionLine {
        kind,
        text: text.trim().to_string(),
        page: pl.page,
    };
    if code_label(&text).is_some() {
        return vec![line(CaptionKind::Label, &text)];
    }
    if let Some((l, rest)) = split_label(&text)
        && is_title(pl, rest, body)
    {
        return vec![line(CaptionKind::Label, l), line(CaptionKind::Title, rest)];
    }
    if unit_line(&text).is_some() {
        return vec![line(CaptionKind::Unit, &text)];
    }
    if is_title(pl, &text, body) {
        return vec![line(CaptionKind::Title, &text)];
    }
    if is_aside(&text) {
        return vec![line(CaptionKind::Aside, &text)];
    }
    Vec::new()
}

/// A table title: a short line ending in 表, or a short display line centred on the page
/// that is neither numbered nor a sentence.
fn is_title(pl: &PageLine, text: &str, body: f32) -> bool {
    if title_like(text) {
        return true;
    }
    let l = &pl.line;
    let n = char_len(&compact(text));
    is_display(l, body)
        && is_centred(l, pl.page_width, 0.2 * pl.page_width)
        && (2..=40).contains(&n)
        && numbering(text).is_none()
        && !ends_sentence(text)
        && !text.contains(['，', ',', '：', ':'])
}

/// A parenthesized short line (`（2024 年度）`) or a year line.
fn is_aside(text: &str) -> bool {
    let c = compact(text);
    furniture_line(text)
        || (c.starts_with(['（', '(']) && c.ends_with(['）', ')']) && char_len(&c) <= 24)
}

/// Whether a line reads like a table caption (a label, a title, a unit or department line),
/// whatever its look.
pub(super) fn caption_like(text: &str) -> bool {
    code_label(text).is_some() || title_like(text) || unit_line(text).is_some()
}

/// A table's code label: `表1`, `表 15-3`, `附表1`, `公开01表`, `公开 01 表`, `预算01表`,
/// `部门预算01表`, `表一`.
pub(super) fn code_label(text: &str) -> Option<String> {
    if let Some(l) = label_of(text) {
        return Some(l);
    }
    let c = compact(text);
    if char_len(&c) > 12 {
        return None;
    }
    let mut rest: &str = &c;
    for prefix in ["部门预算", "部门决算", "公开", "预算", "决算", "附"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    let numbered = |s: &str| {
        !s.is_empty()
            && (s.chars().all(|ch| ch.is_ascii_digit() || ch == '-')
                || s.chars().all(is_cn_numeral))
            && !s.starts_with('-')
    };
    let ok = match (rest.strip_prefix('表'), rest.strip_suffix('表')) {
        (Some(n), _) if numbered(n) => true,
        (_, Some(n)) => numbered(n) && n.chars().all(|ch| ch.is_ascii_digit() || ch == '-'),
        _ => false,
    };
    ok.then(|| text.trim().to_string())
}

/// `表 1：项目年度绩效指标表` → (`表 1`, `项目年度绩效指标表`).
fn split_label(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    t.match_indices(['：', ':', '、', ' ']).find_map(|(at, _)| {
        let (head, tail) = t.split_at(at);
        let rest = tail.trim_start_matches(['：', ':', '、', ' ']);
        (code_label(head).is_some() && !rest.is_empty()).then_some((head, rest))
    })
}

/// A unit line: the unit it states (`单位：万元`, `金额单位：元`, anywhere in the line) and the
/// department it names (`单位名称：广州市信访局`, `部门：国家信访局`, `编制部门：…`,
/// `预算主管部门：…`); `None` when it states neither.
pub(super) fn unit_line(text: &str) -> Option<(Option<Unit>, Option<String>)> {
    if text.len() > 300 {
        return None;
    }
    let c = compact(text);
    let (unit, unit_at) = match unit_statement_in(&c) {
        Some((u, at)) => (Some(u), at),
        None => (None, c.len()),
    };
    let department = department_label(&c[..unit_at]);
    (unit.is_some() || department.is_some()).then_some((unit, department))
}

/// The last `单位：万元` in a compacted line: the unit and where the statement starts.
fn unit_statement_in(c: &str) -> Option<(Unit, usize)> {
    let mut found = None;
    for (at, _) in c.match_indices("单位") {
        let after = c[at + "单位".len()..].trim_start_matches([':', '：']);
        let word = ["百万元", "亿元", "万元", "千元", "元"]
            .into_iter()
            .find(|w| after.starts_with(w));
        if let Some(w) = word {
            let tail = &after[w.len()..];
            if tail.is_empty() || tail.starts_with([')', '）', ';', '；', '，', ',']) {
                let start = if c[..at].ends_with("金额") {
                    at - "金额".len()
                } else {
                    at
                };
                found = Unit::from_word(w).map(|u| (u, start));
            }
        }
    }
    found
}

/// The department a labelled line names: `部门：国家信访局`, `单位名称：…`, `编制部门：…`.
pub(super) fn department_label(c: &str) -> Option<String> {
    const LABELS: [&str; 13] = [
        "预算主管部门",
        "主管部门",
        "部门（单位）名称",
        "部门(单位)名称",
        "部门名称",
        "单位名称",
        "编制部门",
        "编制单位",
        "预算单位",
        "填报单位",
        "报送单位",
        "部门",
        "单位",
    ];
    let rest = LABELS.iter().find_map(|l| c.strip_prefix(l))?;
    let rest = rest.strip_prefix(['：', ':'])?;
    let name = rest.trim_end_matches([' ', '　']);
    let money = Unit::from_word(name).is_some();
    (char_len(name) >= 2 && !money && !name.contains(['，', '。'])).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for yes in [
            "表1",
            "表 1",
            "公开01表",
            "公开 01 表",
            "预算01表",
            "表一",
            "附表3",
            "表 15-3",
        ] {
            assert!(code_label(yes).is_some(), "{yes}");
        }
        for no in [
            "收支总表",
            "表格",
            "公开",
            "第二部分 2026年部门预算表",
            "01",
        ] {
            assert!(code_label(no).is_none(), "{no}");
        }
        assert_eq!(
            split_label("表 1：项目年度绩效指标表"),
            Some(("表 1", "项目年度绩效指标表"))
        );
    }

    #[test]
    fn unit_lines() {
        assert_eq!(
            unit_line("单位名称：广州市信访局 单位：万元"),
            Some((Some(Unit::Wan), Some("广州市信访局".into())))
        );
        assert_eq!(
            unit_line("部门：国家信访局 金额单位：万元"),
            Some((Some(Unit::Wan), Some("国家信访局".into())))
        );
        assert_eq!(
            unit_line("编制部门：上海市普陀区人民政府万里街道办事处 单位：元"),
            Some((
                Some(Unit::Yuan),
                Some("上海市普陀区人民政府万里街道办事处".into())
            ))
        );
        assert_eq!(unit_line("单位：万元"), Some((Some(Unit::Wan), None)));
        assert_eq!(unit_line("单位:万元"), Some((Some(Unit::Wan), None)));
        assert_eq!(unit_line("本单位无下属单位。"), None);
        assert_eq!(
            unit_line("单位名称：某某局"),
            Some((None, Some("某某局".into())))
        );
    }
}
